"""Every error seoulplan reports to a user, each with its exit status (SPEC §7).

The core raises these; only the CLI turns them into a message on stderr and an exit code.

The library speaks Python: a message that names something to type names the library's own
parameter (``strategy=`` needs ``pillar=``) or call (``plan.kpis()``), never a command-line
option or command. Such a message is kept as its template and fields (a
:class:`Parameter` or :class:`Call` among them) until it is shown: ``str(error)`` words it
for Python, and the command line words the same error in its own terms with
:meth:`SeoulplanError.worded` and its one map of names (``seoulplan.cli.names``).

>>> error = UsageError("{strategy} needs {pillar}", strategy=Parameter("strategy"), pillar=Parameter("pillar"))
>>> str(error)
'strategy= needs pillar='
>>> error.worded({"strategy": "--strategy", "pillar": "--pillar"})
'--strategy needs --pillar'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seoulplan.core.problems import Problem


class Parameter:
    """A parameter of the library a message names: ``name`` as the function spells it;
    ``of``, the argument it belongs to where one name serves two (the ``encoding`` of the
    ``actuals`` beside the dataset's own); ``value``, a value the message suggests.

    In Python it reads ``name=`` (``encoding='cp949'`` with a value); ``{field:name}`` in a
    template gives the bare name (``as_of: …``). A plain class, not a dataclass: every run of
    the command line imports this module, and a dataclass costs a millisecond to make."""

    __slots__ = ("name", "of", "value")

    def __init__(self, name: str, *, of: str = "", value: str | None = None) -> None:
        self.name, self.of, self.value = name, of, value

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, of={self.of!r}, value={self.value!r})"

    @property
    def key(self) -> str:
        """What the command line's map of names looks it up by: ``actuals.encoding``."""
        return f"{self.of}.{self.name}" if self.of else self.name

    def __format__(self, spec: str) -> str:
        if spec == "name":
            return self.name
        return f"{self.name}={self.value!r}" if self.value is not None else f"{self.name}="

    def renamed(self, word: str, spec: str = "") -> str:
        """The parameter as another interface calls it (``--actuals-encoding cp949``)."""
        return f"{word} {self.value}" if self.value is not None and spec != "name" else word


class Call:
    """A call of the library a message suggests (``plan.kpis()``,
    ``seoulplan.check('my-plan.yaml')``); the command line names its command instead."""

    __slots__ = ("argument", "function")

    def __init__(self, function: str, argument: str | None = None) -> None:
        self.function, self.argument = function, argument

    def __repr__(self) -> str:
        return f"Call({self.function!r}, {self.argument!r})"

    @property
    def key(self) -> str:
        return self.function

    def __format__(self, spec: str) -> str:
        return f"{self.function}({self.argument!r})" if self.argument is not None else f"{self.function}()"

    def renamed(self, word: str, spec: str = "") -> str:
        return f"{word} {self.argument}" if self.argument is not None else word


class _Renamed:
    """A :class:`Parameter` or :class:`Call` as ``names`` calls it, when ``names`` has it."""

    def __init__(self, reference: Parameter | Call, names: Mapping[str, str]):
        self.reference, self.names = reference, names

    def __format__(self, spec: str) -> str:
        word = self.names.get(self.reference.key)
        return format(self.reference, spec) if word is None else self.reference.renamed(word, spec)


class SeoulplanError(Exception):
    """Base class: a problem the user can fix, reported without a traceback.

    ``message`` is the text, or — with ``fields`` — a template formatted when the error is
    shown, so that its :class:`Parameter` and :class:`Call` fields can be worded by whoever
    shows it (:meth:`worded`)."""

    exit_code = 1

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.fields = fields

    def __str__(self) -> str:
        return self.worded()

    def worded(self, names: Mapping[str, str] | None = None) -> str:
        """The message, naming each parameter and call as ``names`` maps their keys
        (``{"strategy": "--strategy"}``); those it lacks, and all without ``names``, as Python
        writes them."""
        template = str(self.args[0]) if self.args else ""
        if not self.fields:
            return template
        values = {
            key: _Renamed(value, names) if names is not None and isinstance(value, (Parameter, Call)) else value
            for key, value in self.fields.items()
        }
        return template.format(**values)


class UsageError(SeoulplanError):
    """A bad argument or option value (exit 2, as Click does for usage errors)."""

    exit_code = 2


class MoneyParseError(UsageError):
    """An amount that cannot be read as Korean money."""


class DataError(SeoulplanError):
    """A dataset or input file that is missing, unreadable, malformed or invalid (exit 3)."""

    exit_code = 3

    def __init__(self, message: str, problems: Sequence[Problem] | None = None, **fields: object) -> None:
        super().__init__(message, **fields)
        self.problems = list(problems or [])


class FindingsError(SeoulplanError):
    """Findings the user asked to fail on: audit --strict, --fail-under (exit 1)."""

    exit_code = 1


class OutputError(SeoulplanError):
    """Standard output cannot be written: a full disk, a closed descriptor (exit 74,
    EX_IOERR of sysexits.h). A reader that goes away (``| head``) is not an error."""

    exit_code = 74
