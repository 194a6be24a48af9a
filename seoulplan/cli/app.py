"""The ``seoulplan`` group: global options, the dataset loaded once, errors as exit statuses.

Exit statuses (SPEC §7): 0 done; 1 findings asked to fail on; 2 usage (bad option or
argument, unreadable money expression, unwritable -o file); 3 bad data (dataset or
input file); 74 standard output cannot be written (a full disk, a closed descriptor;
a closed pipe is not an error); 70 an internal error (a bug of ours: one line, and the traceback with
``SEOULPLAN_DEBUG=1``); 130 interrupted.

Language: one locale decides everything a person reads (:func:`seoulplan.core.i18n.resolve`:
``--locale``, else ``SEOULPLAN_LOCALE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, else ko_KR).
It is known before Click parses anything — :func:`requested_locale` reads ``--locale``
from the words before the command — so that help, usage errors and Click's own words are
in it too; every run happens inside :func:`seoulplan.cli.language.speaking`.

The commands reach the core only through the library (``seoulplan.load()``, the
:class:`~seoulplan.core.plan.Plan` and what its methods return); the library's errors name
its parameters, and the command line words them as its options (:mod:`seoulplan.cli.names`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from seoulplan.cli import helpformat
from seoulplan.cli.groups import Group
from seoulplan.cli.language import speaking
from seoulplan.cli.names import NAMES
from seoulplan.core import i18n
from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import N_, _
from seoulplan.errors import SeoulplanError
from seoulplan.presentation.choices import ENCODINGS, LOCALES, STYLES
from seoulplan.presentation.text_width import terminal_columns
from seoulplan.version import __version__

if TYPE_CHECKING:
    from seoulplan import Plan
    from seoulplan.presentation.views import Options

HELP_WIDTH = 100
CONTEXT = {"help_option_names": list(helpformat.HELP_OPTION), "max_content_width": HELP_WIDTH}
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h)
INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Entry(NamedTuple):
    """A command as the group knows it before loading it: the module that defines it (as the
    attribute of the command's name), and the summary that opens its help and lists it in
    the group's."""

    module: str
    summary: str


#: Every command. A run imports only the module of the command it runs — ``money`` and
#: ``--version`` load no listing options, no ledger readers — and the group's help none:
#: it lists the summaries. Each command's own ``help`` is what follows its summary.
COMMANDS = {
    "audit": Entry(
        "seoulplan.cli.commands",
        N_("Recompute every total, difference, share, average, count, comparison and restatement the plan states."),
    ),
    "budget": Entry(
        "seoulplan.cli.commands", N_("The budget tables: amounts, shares of the total, change and growth.")
    ),
    "covid": Entry(
        "seoulplan.cli.commands", N_("The COVID-19 status table of 2020-02-21, with Seoul's share of each figure.")
    ),
    "export": Entry(
        "seoulplan.cli.export_command",
        N_("Write every table of the plan at once: SQLite, CSV files with a Data Package, or xlsx."),
    ),
    "finance": Entry(
        "seoulplan.cli.commands",
        N_(
            "Finance breakdowns: mandatory spending, funds, district budgets, municipal bonds and transfers "
            "between accounts."
        ),
    ),
    "general": Entry("seoulplan.cli.commands", N_("Population, area, districts, organisation and staff, with shares.")),
    "kpi": Entry(
        "seoulplan.cli.commands",
        N_("The plan's numeric targets: baseline, target, change and growth; their actuals in the subcommands."),
    ),
    "money": Entry(
        "seoulplan.cli.money_command", N_("Korean money calculator: read an amount (or a sum) and write it back.")
    ),
    "pillars": Entry(
        "seoulplan.cli.commands", N_("The five policy pillars and section IV, their strategies, and KPI counts.")
    ),
    "report": Entry(
        "seoulplan.cli.report_command",
        N_("One self-contained HTML page: the budget, finance, pillars and audit, with charts."),
    ),
    "schedule": Entry(
        "seoulplan.cli.schedule_command",
        N_("The plan's dated deliverables: what it will open, start, complete, launch or hold, and when."),
    ),
    "track": Entry(
        "seoulplan.cli.commands", N_("Follow the ledger through the years: a target per row, a period per column.")
    ),
    "validate": Entry(
        "seoulplan.cli.commands", N_("Check a dataset file and report every problem (default: the dataset in use).")
    ),
}


class Settings:
    """The global options, and the dataset loaded once when a command first asks."""

    def __init__(self, data: str | None, locale: str, style: str, input_encoding: str):
        self.data, self.locale, self.style, self.input_encoding = data, locale, style, input_encoding
        self._plan: Plan | None = None

    def plan(self) -> Plan:
        if self._plan is None:
            from seoulplan import load

            # --input-encoding is for the user's own file; the packaged plan is always UTF-8.
            self._plan = load(self.data, encoding=self.input_encoding if self.data is not None else "utf-8-sig")
            # The dataset lives until exit: keep the cyclic GC from rescanning it while the
            # command builds its tables (a fifth of the time on a 50,000-KPI dataset).
            import gc

            gc.freeze()
        return self._plan

    def options(self, unit: str = "auto") -> Options:
        """How people's tables are written: the locale, style and unit, and in English the
        loaded plan's English words (its glossary, built only for English readers: a pass over
        every KPI that Korean tables and machine formats do not need)."""
        from seoulplan.presentation.views import Options

        if self._plan is None or self.locale != "en_US":
            return Options(locale=self.locale, style=self.style, unit=unit)
        return Options(locale=self.locale, style=self.style, unit=unit, glossary=self._plan.glossary)


#: The group's options: given after a command, each gets the hint to put it before.
GLOBAL_OPTIONS = ("--data", "--locale", "--style", "--input-encoding", "--version", "-V")
_VALUED = ("--data", "--locale", "--style", "--input-encoding")


def requested_locale(args: list[str]) -> str | None:
    """The ``--locale`` among the words before the command (``seoulplan --locale en_US kpi``),
    read before Click parses them, or None. A value that is not a locale is left for Click
    to refuse."""
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--locale" and i + 1 < len(args):
            value = args[i + 1]
            return value if value in LOCALES else None
        if word.startswith("--locale="):
            value = word.partition("=")[2]
            return value if value in LOCALES else None
        if word == "--" or not word.startswith("-"):
            return None
        i += 2 if word in _VALUED else 1
    return None


def shows_help(args: list[str]) -> bool:
    """Might this run show the help of commands or options? With ``--help``/``-h``, with no
    arguments at all (the group's help), and for shell completion (which shows option help).
    Other runs skip translating the help: a data command or ``money`` never shows it."""
    return not args or "--help" in args or "-h" in args or any(k.endswith("_COMPLETE") for k in os.environ)


def localise(command: click.Command) -> None:
    """Put the help of ``command``, its options and its subcommands in the active language.

    The help is written in English (``N_``) and kept as the message to look up, so that
    every run — a test runner makes many in one process — translates from the original.
    A paragraph of indented lines under a heading (``Examples:``) is shown as written:
    Click's ``\\b`` marker is added here, so the catalogue holds no control characters.
    """
    help_option = getattr(command, "_help_option", None)  # see helpformat.use_for
    for obj in (command, *command.params, *([help_option] if help_option else [])):
        for attribute in ("help", "short_help", "epilog"):
            text = getattr(obj, attribute, None)
            if not text and f"_msgid_{attribute}" not in obj.__dict__:
                continue
            msgid = obj.__dict__.setdefault(f"_msgid_{attribute}", text)
            if isinstance(msgid, tuple):  # a command's summary and the rest of its help (Root.load)
                setattr(obj, attribute, "\n\n".join(_verbatim(_(part)) for part in msgid))
            else:
                setattr(obj, attribute, _verbatim(_(msgid)) if msgid else msgid)
    for sub in getattr(command, "commands", {}).values():
        localise(sub)


def _verbatim(text: str) -> str:
    """Mark each paragraph whose lines after the first are indented as one Click keeps as written."""
    paragraphs = text.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        lines = paragraph.splitlines()
        if len(lines) > 1 and all(line.startswith("  ") for line in lines[1:]):
            paragraphs[i] = "\b\n" + paragraph
    return "\n\n".join(paragraphs)


class Root(Group):
    """The locale for the whole run; the core's errors as Click's (:class:`Group`), so no user
    mistake shows a traceback; a hint for a global option given after the command; and each
    command loaded when it is first asked for (:data:`COMMANDS`)."""

    localising = False  # this run may show help: commands loaded during it are localised

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.load(cmd_name)

    def load(self, name: str) -> click.Command | None:
        """The command ``name``, its module imported the first time, or None for no such command."""
        if name not in self.commands and name in COMMANDS:
            module, summary = COMMANDS[name]
            command = getattr(importlib.import_module(module), name)
            details = command.help or ""
            command.help, command.short_help = f"{summary}\n\n{details}", summary
            command.__dict__["_msgid_help"] = (summary, details)
            helpformat.use_for(command)
            self.add_command(command)
            if self.localising:
                localise(command)
        return self.commands.get(name)

    def every_command(self) -> dict[str, click.Command]:
        """Every command by name, each module imported."""
        return {name: command for name in self.list_commands(click.Context(self)) if (command := self.load(name))}

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their summaries, from :data:`COMMANDS`: listing them loads none."""
        with formatter.section(_("Commands")):
            formatter.write_dl([(name, _(entry.summary)) for name, entry in sorted(COMMANDS.items())])

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        args = list(sys.argv[1:] if args is None else args)
        with speaking(i18n.resolve(requested_locale(args))):
            self.localising = shows_help(args)
            if self.localising:
                localise(self)
            if any(k.endswith("_COMPLETE") for k in os.environ):
                from seoulplan.cli.completion import register

                register()
            # the width Click's help would find through shutil (min(terminal, 100) - 2, at least 50)
            extra.setdefault("terminal_width", max(min(terminal_columns(), HELP_WIDTH) - 2, 50))
            try:
                return super().main(args, prog_name, **extra)
            finally:
                self.localising = False

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as e:
            if e.option_name in GLOBAL_OPTIONS:
                option = e.option_name
                example = (
                    f"seoulplan {option} … {_command_path(e.ctx)} …" if option in _VALUED else f"seoulplan {option}"
                )
                hint = _("{option} is a global option: put it before the command, as in {example}")
                e.message += "\n" + hint.format(option=option, example=example)  # type: ignore[misc]
            raise


def _command_path(ctx: click.Context | None) -> str:
    """The command as typed after ``seoulplan``: ``kpi show``."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names)) or "COMMAND"


@click.group(
    cls=Root,
    context_settings=CONTEXT,
    help=N_(
        "Budget and KPI calculator for Seoul's 2020 work plan (2020 주요 업무계획).\n"
        "\n"
        "Every figure comes from the plan, with the excerpt it was read from. Global options go "
        "before the command; one locale decides the language of tables, help and messages.\n"
        "\n"
        "Examples:\n"
        "  seoulplan budget --compare 2019\n"
        "  seoulplan --locale en_US finance bonds\n"
        "  seoulplan finance bonds --format csv\n"
        '  seoulplan money "39조 5,359억원" --to 원'
    ),
)
@click.option(
    "--data",
    metavar="PATH",
    envvar="SEOULPLAN_DATA",
    default=None,
    help=N_("Dataset file to use instead of the packaged plan ('-' reads standard input; env SEOULPLAN_DATA)."),
)
@click.option(
    "--locale",
    type=click.Choice(LOCALES),
    default=None,
    help=N_(
        "Language of everything a person reads: tables, help and messages. [default: from "
        "SEOULPLAN_LOCALE, LC_ALL, LC_MESSAGES or LANG (ko* or en*); else ko_KR]"
    ),
)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="plain",
    show_default=True,
    help=N_("gov writes negatives with △, as government documents do."),
)
@click.option(
    "--input-encoding",
    type=click.Choice(ENCODINGS),
    default="utf-8-sig",
    show_default=True,
    help=N_("Encoding of the --data file (a UTF-8 BOM is always accepted)."),
)
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="seoulplan",
    message="%(prog)s %(version)s",
    help=N_("Show the version and exit."),
)
@click.pass_context
def cli(ctx: click.Context, data: str | None, locale: str | None, style: str, input_encoding: str) -> None:
    ctx.obj = Settings(data, i18n.resolve(locale), style, input_encoding)


helpformat.use_for(cli)  # help wrapped by display width: Hangul takes two columns


def main(args: list[str] | None = None, prog_name: str = "seoulplan") -> None:
    """The console script: Click's own handling of usage errors, and exit statuses for the rest."""
    from seoulplan.presentation.output import guard_stdout

    guard_stdout()
    args = list(sys.argv[1:] if args is None else args)
    with speaking(i18n.resolve(requested_locale(args))):
        _run(args, prog_name)


def _run(args: list[str], prog_name: str) -> None:
    try:
        code = cli.main(args=args, prog_name=prog_name, standalone_mode=False)
        sys.stdout.flush()  # here, where a failure can still be reported, not at exit
    except click.ClickException as e:
        e.message = escaped(e.message, newlines=False)  # type: ignore[misc]  # Click's messages quote what was typed
        e.show()
        sys.exit(e.exit_code)
    except SeoulplanError as e:  # standard output failing outside a command (--help, --version)
        click.echo(_("Error: {message}").format(message=escaped(e.worded(NAMES), newlines=False)), err=True)
        sys.exit(e.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("\n" + _("Interrupted."), err=True)
        sys.exit(INTERRUPTED)
    except Exception as e:
        if os.environ.get("SEOULPLAN_DEBUG"):
            raise
        click.echo(
            _(
                "seoulplan: internal error ({error}); this is a bug in seoulplan. "
                "Set SEOULPLAN_DEBUG=1 to see the traceback."
            ).format(error=f"{type(e).__name__}: {e}"),
            err=True,
        )
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
