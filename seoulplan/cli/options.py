"""Options shared by commands, declared once (SPEC §2, STYLE 7).

- :func:`listing`: every listing command's output flags (``--format``, ``-o``,
  ``--no-headers``, ``--encoding``, ``--sort``), handed to the command as one
  :class:`Output` that renders a frame and writes it.
- :func:`measured`: the options of commands that read an actuals file.
"""

from __future__ import annotations

import datetime
import functools
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

import click

from seoulplan.cli.groups import REPLACED_BY
from seoulplan.core import i18n
from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import N_, _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import CALENDAR_FORMATS, ENCODINGS, FORMATS

if TYPE_CHECKING:
    import pandas as pd
    from click.shell_completion import CompletionItem

    from seoulplan import Measurement
    from seoulplan.presentation.ics import Calendar
    from seoulplan.presentation.views import View

#: A command's callback, as the decorators here take and give it.
F = TypeVar("F", bound=Callable[..., Any])


class Choice(TypedDict):
    """Which KPIs a command looks at (:func:`chosen_kpis`): the keyword arguments of the
    library's queries (``plan.kpis(**choose)``)."""

    pillar: str | None
    strategy: int | None
    grep: tuple[str, ...]
    grep_in: str


@dataclass(frozen=True)
class Output:
    """Where and how a listing command's table goes."""

    fmt: str | None
    output: str | None
    no_headers: bool
    encoding: str
    sort: str | None
    columns: tuple[str, ...] = ()
    wide: bool = False
    formats: tuple[str, ...] = FORMATS  # what the command writes

    def emit(
        self,
        ctx: click.Context,
        frame: pd.DataFrame,
        view: View | None,
        unit: str = "auto",
        *,
        calendar: Calendar | None = None,
    ) -> None:
        """Render ``frame`` (sorted by ``--sort``) through ``view`` and write it: the only place output happens.

        Machine formats are rendered, encoded and written a block of rows at a time; an
        ``-o`` file appears only when all of it is written. An xlsx workbook (bytes) goes to
        a file or a pipe, never to a terminal. ``calendar`` is what an .ics file says besides
        its events, for a command that writes one.
        """
        from seoulplan.presentation import output, render
        from seoulplan.presentation.selection import select

        fmt = render.format_for(self.fmt, self.output)
        if fmt not in self.formats:
            raise UsageError(
                _("{command} cannot write {format}; it writes {formats}").format(
                    command=_command_name(ctx), format=fmt, formats=", ".join(self.formats)
                )
            )
        if fmt == "ics" and (self.columns or self.no_headers):
            raise UsageError(_("--columns and --no-headers shape a table; an .ics file has an event per row"))
        if fmt == "markdown" and self.no_headers:
            raise click.UsageError(_("--no-headers cannot apply to markdown: a markdown table needs its header row"))
        to_file = self.output is not None and self.output != "-"
        if to_file:
            output.check_file_path(self.output)  # type: ignore[arg-type]  # refused before any work
        if fmt == "xlsx" and not to_file and output.stdout_is_terminal():
            raise UsageError(_("an xlsx workbook is binary: write it with -o FILE.xlsx, or redirect standard output"))
        chosen = select(frame, list(self.columns) or None, sort=self.sort)  # an unknown name fails here
        if self.columns and fmt in ("table", "markdown") and view is not None:
            from seoulplan.presentation.views import restricted

            # people's cells read their row's other columns (a KPI's unit, its year): keep them
            frame, view = select(frame, sort=self.sort), restricted(view, self.columns)
        else:
            frame = chosen
        options = ctx.obj.options(unit)
        if not (self.wide or to_file) and fmt in ("table", "markdown") and output.stdout_is_terminal():
            import dataclasses

            from seoulplan.presentation.text_width import terminal_columns

            options = dataclasses.replace(options, width=max(40, terminal_columns()))
        data = render.output(
            frame,
            fmt,
            view,
            options,
            headers=not self.no_headers,
            encoding=self.encoding,
            sheet=_command_name(ctx),
            calendar=calendar,
        )
        if to_file:
            output.to_file(self.output, data)  # type: ignore[arg-type]
        else:
            output.to_stdout(data)
        if frame.empty:
            from seoulplan.cli.empty import explain

            explain(ctx, by_kind=REPLACED_BY not in ctx.meta)


def _command_name(ctx: click.Context) -> str:
    """The command as typed after ``seoulplan`` (``kpi show``), or the one that replaces it."""
    if REPLACED_BY in ctx.meta:
        return str(ctx.meta[REPLACED_BY])
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names)) or "seoulplan"


def _column_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Completion for --columns and --sort: the machine columns this command writes (the
    registry's, for a command it does not list), after the names already typed
    (``id,na<TAB>``); ``-`` before a --sort column (descending) is kept."""
    from seoulplan.presentation.columns import REGISTRY
    from seoulplan.presentation.command_columns import command_columns

    names = command_columns(_command_name(ctx)) or tuple(sorted(REGISTRY))
    done, _, partial = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    sign = "-" if param.name == "sort" and partial.startswith("-") else ""
    partial = partial.removeprefix(sign)
    return [prefix + sign + name for name in names if name.startswith(partial)]


def listing(command: F, formats: tuple[str, ...] = FORMATS) -> F:
    """Give a listing command the shared output flags, as ``out``; it writes ``formats``."""

    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(formats),
        default=None,
        help=N_("Output format [default: table, or from -o FILE's extension]; xlsx is a workbook."),
    )
    @click.option(
        "--output",
        "-o",
        metavar="FILE",
        default=None,
        help=N_("Write to FILE (atomically) instead of standard output."),
    )
    @click.option("--no-headers", is_flag=True, help=N_("Leave out the header row."))
    @click.option(
        "--encoding",
        type=click.Choice(ENCODINGS),
        default="utf-8",
        show_default=True,
        help=N_("Output encoding; utf-8-sig or cp949 for Korean Excel."),
    )
    @click.option(
        "--sort",
        metavar="[-]COLUMN",
        shell_complete=_column_names,
        help=N_("Sort by a machine column; -COLUMN for descending (empty values last)."),
    )
    @click.option(
        "--wide", is_flag=True, help=N_("Tables on a terminal: long lines as they are, not wrapped to its width.")
    )
    @click.option(
        "--columns",
        metavar="A,B,...",
        shell_complete=_column_names,
        help=N_("Only these machine columns, in this order (as csvcut -c does); tables show them too."),
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any,
        fmt: str | None,
        output: str | None,
        no_headers: bool,
        encoding: str,
        sort: str | None,
        columns: str | None,
        wide: bool,
        **kwargs: Any,
    ) -> Any:
        chosen = tuple(c.strip() for c in (columns or "").split(",") if c.strip())
        if columns is not None and not chosen:
            raise click.UsageError(_("--columns needs at least one column name, e.g. --columns id,name,target"))
        return command(*args, out=Output(fmt, output, no_headers, encoding, sort, chosen, wide, formats), **kwargs)

    return cast(F, wrapper)  # the options Click adds stand for the arguments it takes


def calendar_listing(command: F) -> F:
    """:func:`listing` for a command that writes an iCalendar file too (``--format ics``)."""
    return listing(command, CALENDAR_FORMATS)


class Percent(click.FloatRange):
    """A finite percentage, read by the number rule (:mod:`seoulplan.core.numeric`): ``nan``
    passes every range comparison and ``inf`` means nothing as a threshold, so both are
    refused by name, and so are ``1_0`` and digits of other scripts, which ``float()`` reads."""

    name = "percent"

    def _describe_range(self) -> str:
        return "" if self.min is None and self.max is None else super()._describe_range()  # not "x<=None"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        from seoulplan import read_number

        if isinstance(value, str):
            try:
                value = read_number(value)
            except ValueError as e:
                self.fail(
                    _("{value!r} is not a number of percent: {problem}").format(value=shortened(value), problem=e),
                    param,
                    ctx,
                )
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(_("{value!r} is not a number of percent").format(value=value), param, ctx)
        return super().convert(number, param, ctx)


class WholeNumber(click.ParamType):
    """A whole number (a year, a strategy's number), read by the number rule: ``int()`` would
    take ``1_0`` and other scripts' digits."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from seoulplan import read_whole

        if isinstance(value, int):
            return value
        try:
            return read_whole(value)
        except ValueError as e:
            self.fail(str(e), param, ctx)


class AsOf(click.ParamType):
    """A date or period as a ledger's ``as_of`` takes it, checked by the core's own reader
    (so the option and the column can never disagree); the text is passed on as typed."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if ctx is not None and ctx.resilient_parsing:  # completing a command line: no pandas
            return str(value)
        from seoulplan import read_as_of

        try:
            read_as_of(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)
        return str(value)


def today() -> datetime.date:
    """The date a question is asked at when ``--as-of`` is not given: ``SOURCE_DATE_EPOCH``'s
    (UTC; reproducible-builds.org, so a report or test can fix it; read by the one digit rule),
    else today's."""
    moment = source_date()
    return datetime.date.today() if moment is None else moment.date()


def source_date() -> datetime.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a moment in UTC, or None when it is not set; a value that is
    no number of seconds is a usage error."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    from seoulplan import read_whole

    try:
        return datetime.datetime.fromtimestamp(read_whole(epoch), tz=datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):  # a NumberError is a ValueError
        raise UsageError(
            _("SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01").format(epoch=shortened(epoch))
        ) from None


def measured(command: F) -> F:
    """``--actuals FILE`` (repeatable: the ledgers are merged), ``--as-of DATE``, ``--near PCT``,
    ``--stale-after DAYS`` and ``--actuals-encoding ENC``; ``--as-of`` without a ledger is
    refused here, for every command that takes them."""
    return _ledger_options(command, as_of=True)


def measured_between(command: F) -> F:
    """The options of :func:`measured` but ``--as-of``, for a command that asks its own two
    dates (``track changes FROM TO``)."""
    return _ledger_options(command, as_of=False)


def _ledger_options(command: F, *, as_of: bool) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        if "-" in kwargs.get("actuals", ()) and ctx.obj.data == "-":
            raise click.UsageError(_("--data - and --actuals - cannot both read standard input; give one as a file"))
        if list(kwargs.get("actuals", ())).count("-") > 1:
            raise click.UsageError(_("--actuals - can be given once: standard input is read once"))
        # (a group with a subcommand, kpi show, says itself that its options would be ignored)
        if (
            kwargs.get("as_of")
            and not (kwargs.get("actuals") or kwargs.get("budget_ledger"))
            and ctx.invoked_subcommand is None
        ):
            raise click.UsageError(_("{option} needs --actuals FILE").format(option="--as-of"))
        return command(*args, **kwargs)

    options = [
        click.option(
            "--actuals",
            metavar="FILE",
            multiple=True,
            help=N_(
                "A ledger of actuals (CSV, xlsx or YAML: id, actual, as_of; '-' reads standard input); "
                "repeat to merge several."
            ),
        ),
        click.option(
            "--as-of",
            type=AsOf(),
            metavar="DATE",
            help=N_(
                "The date of the question (2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020: its end); later actuals "
                "are left out [default: today, within the plan's years]."
            ),
        )
        if as_of
        else None,
        click.option(
            "--near",
            type=Percent(0, 100),
            default=90,
            show_default=True,
            metavar="PCT",
            help=N_("Attainment from which a missed target counts as near."),
        ),
        click.option(
            "--stale-after",
            type=click.IntRange(1, 36600),
            default=92,
            show_default=True,
            metavar="DAYS",
            help=N_("An actual older than DAYS at the date of the question is flagged as stale."),
        ),
        actuals_encoding(N_("Encoding of the --actuals files (cp949 for Korean Excel; a BOM is accepted).")),
    ]
    decorated: Callable[..., Any] = wrapper
    for option in reversed(options):  # the first listed is the first in the help
        if option is not None:
            decorated = option(decorated)
    return cast(F, decorated)


def actuals_encoding(
    help: str = N_("Encoding of the --actuals file (cp949 for Korean Excel; a BOM is accepted)."),
) -> Callable[[F], F]:
    """``--actuals-encoding``, the one declaration every command reading a ledger uses."""
    return click.option(
        "--actuals-encoding", type=click.Choice(ENCODINGS), default="utf-8-sig", show_default=True, help=help
    )


def measurement(ctx: click.Context, actuals: tuple[str, ...], as_of: str | None, near: float, stale_after: int,
                encoding: str) -> Measurement:  # fmt: skip
    """The ledgers read once and measured at the date of the question (the library's
    ``Plan.measurement``)."""
    return ctx.obj.plan().measurement(
        list(actuals), as_of=as_of, near=near, stale_after=stale_after, today=today(), encoding=encoding
    )


class Statuses(click.ParamType):
    """Statuses by their Korean name (지연) or English key (behind, on_pace, "on pace"),
    comma-separated; the value is the Korean names, as the frames hold them."""

    name = "statuses"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        from seoulplan.presentation.choices import STATUS_NAMES as STATUS_KEYS

        if isinstance(value, tuple):
            return value
        known = {**{k: k for k in STATUS_KEYS}, **{v: k for k, v in STATUS_KEYS.items()}}
        known.update({k.replace(" ", ""): k for k in STATUS_KEYS})
        chosen = []
        for word in (w.strip() for w in str(value).split(",")):
            key = word.lower().replace("-", "_").replace(" ", "_")
            status = known.get(word) or known.get(key) or known.get(word.replace(" ", ""))
            if status is None:
                names = ", ".join(f"{k} ({v})" for k, v in STATUS_KEYS.items())
                self.fail(_("unknown status {word!r}; expected one of {names}").format(word=word[:40], names=names),
                          param, ctx)  # fmt: skip
            chosen.append(status)
        return tuple(chosen)


def gated(command: F) -> F:
    """The gates a script sets on tracking: ``--fail-under PCT``, ``--fail-on STATUS,...`` and
    ``--fail-on-missing`` (the same as ``--fail-on 미보고``), handed on as ``gate``."""
    return _gates(command, statuses=True)


def gated_by_attainment(command: F) -> F:
    """Only ``--fail-under PCT``, for a listing that has attainment but no status (the
    actuals the plan reports: ``kpi stated``), handed on as ``gate``."""
    return _gates(command, statuses=False)


def _gates(command: F, *, statuses: bool) -> F:
    @functools.wraps(command)
    def wrapper(
        *args: Any,
        fail_under: float | None,
        fail_on: tuple[tuple[str, ...], ...] = (),
        fail_on_missing: bool = False,
        **kwargs: Any,
    ) -> Any:
        chosen = tuple(dict.fromkeys(s for group in fail_on for s in group))
        if fail_on_missing:
            chosen = (*chosen, "미보고")
        given = tuple(
            name
            for name, on in (
                ("--fail-under", fail_under is not None),
                ("--fail-on", fail_on),
                ("--fail-on-missing", fail_on_missing),
            )
            if on
        )
        return command(*args, gate=Gate(fail_under, chosen, given), **kwargs)

    options = [
        click.option(
            "--fail-under",
            type=Percent(0, None),
            metavar="PCT",
            help=N_("Exit 1 when any listed target's attainment is below PCT (0 or more; it may exceed 100)."),
        )
    ]
    if statuses:
        options += [
            click.option(
                "--fail-on",
                type=Statuses(),
                multiple=True,
                metavar="STATUS,...",
                help=N_(
                    "Exit 1 when any listed target has one of these statuses (Korean or English: 지연 or behind, "
                    "미달 or missed, 미보고 or not_reported ...); repeat or separate with commas."
                ),
            ),
            click.option(
                "--fail-on-missing",
                is_flag=True,
                help=N_(
                    "Exit 1 when any listed target is not reported (미보고: no actual by the date of the question)."
                ),
            ),
        ]
    return stacked(cast(F, wrapper), *options)


def stacked(command: F, *options: Callable[[F], F]) -> F:
    """``command`` under ``options``, as if they were written above it in this order: several
    options declared once, for each command that takes them."""
    for option in reversed(options):
        command = option(command)
    return command


@dataclass(frozen=True)
class Gate:
    """What a run is asked to fail on (exit 1, after its output is written)."""

    below: float | None = None
    statuses: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # the options that asked for it, as typed (for messages)

    def __bool__(self) -> bool:
        return self.below is not None or bool(self.statuses)

    def fails(self, frame: pd.DataFrame) -> pd.Series:
        """Which rows of ``frame`` the gate fails on: attainment below ``below`` %, or a status
        among ``statuses`` (a row without the figure fails neither)."""
        import pandas

        bad = pandas.Series(False, index=frame.index)
        if self.below is not None:
            bad |= (frame["attainment_pct"] < self.below).fillna(False).astype(bool)
        if self.statuses:
            bad |= frame["status"].isin(list(self.statuses)).fillna(False).astype(bool)
        return bad

    def check(self, frame: pd.DataFrame, ledgers: tuple[str, ...] = (), *, budget: bool = False) -> None:
        """Raise FindingsError naming the targets of ``frame`` (a status frame: ``id, actual,
        attainment_pct, status``) the gate fails on. A gate over a listing that measures
        nothing fails too: it cannot tell a year of targets met from a ledger left empty
        (``ledgers`` names what was read, as typed; none: the plan's own actuals). ``budget``:
        the rows are budget items, their actual the execution and attainment the 집행률."""
        from seoulplan.errors import FindingsError

        if not self:
            return
        if not frame["actual"].notna().any():
            options = ", ".join(self.options)
            if budget:
                message = _(
                    "{file}: the budget ledger reports no execution for the items listed; {options} cannot pass "
                    "on nothing measured"
                )
            elif ledgers:
                message = _(
                    "{file}: the ledger reports no actual for the KPIs listed; {options} cannot pass on nothing "
                    "measured"
                )
            else:
                message = _("the plan reports no actual for the KPIs listed; {options} cannot pass on nothing measured")
            names = ("<stdin>" if name == "-" else name for name in ledgers)
            raise FindingsError(message.format(file=", ".join(names), options=options))
        failing = frame[self.fails(frame)]
        if not len(failing):
            return
        ids = ", ".join(failing["id"].head(10)) + (" …" if len(failing) > 10 else "")
        reasons = []
        if self.below is not None:
            below = _("with execution below {pct}%") if budget else _("below {pct}% attainment")
            reasons.append(below.format(pct=f"{self.below:g}"))
        if self.statuses:
            reasons.append(_("with status {statuses}").format(statuses=", ".join(self.statuses)))
        counted = _("{count} budget item(s) {reasons}: {ids}") if budget else _("{count} target(s) {reasons}: {ids}")
        raise FindingsError(counted.format(count=len(failing), reasons=_(" or ").join(reasons), ids=ids))


def data_option(ctx: click.Context) -> str | None:
    root = ctx.find_root()
    return (root.params or {}).get("data") or os.environ.get("SEOULPLAN_DATA")


def completer(records: str, key: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """Shell completion from the dataset's ``records`` (pillars, kpis); reads no pandas."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            from seoulplan import load

            items = load(data_option(ctx)).doc.get(records) or []
        except Exception:
            return []
        from click.shell_completion import CompletionItem

        name = "name_en" if i18n.active() == "en_US" else "name"
        return [
            CompletionItem(i[key], help=i.get(name) or i["name"]) for i in items if str(i[key]).startswith(incomplete)
        ]

    return complete


def chosen_kpis(command: F) -> F:
    """Which KPIs a command looks at: ``--pillar``, ``--strategy``, ``--grep`` (repeatable) and
    ``--grep-in``, handed on as ``choose`` (keyword arguments of the library's queries)."""

    @click.option(
        "--pillar",
        metavar="SLUG|NO|NAME",
        shell_complete=completer("pillars", "slug"),
        help=N_(
            "Only this pillar: future, safety, welfare, balance, democracy, covid; 1-5; "
            "or its name (Korean or English)."
        ),
    )
    @click.option("--strategy", type=WholeNumber(), metavar="N", help=N_("Only strategy N of the --pillar."))
    @click.option(
        "--grep",
        metavar="TEXT",
        multiple=True,
        help=N_(
            "Only KPIs whose id, Korean or English name or unit contains TEXT (repeat: all must match; "
            "a Latin word matches whole words)."
        ),
    )
    @click.option(
        "--grep-in",
        type=click.Choice(("names", "all")),
        default="names",
        show_default=True,
        help=N_("Where --grep looks: all adds the plan's excerpts and the notes."),
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any, pillar: str | None, strategy: int | None, grep: tuple[str, ...], grep_in: str, **kwargs: Any
    ) -> Any:
        choose = Choice(pillar=pillar, strategy=strategy, grep=grep, grep_in=grep_in)
        return command(*args, choose=choose, **kwargs)

    return cast(F, wrapper)


def due_years(command: F) -> F:
    """``--due YEAR``, or a range as ``schedule`` takes one (``--due-from YEAR``, ``--due-to
    YEAR``, either open), handed on as ``due``: the library's ``due=`` (a year, a pair, or None)."""

    @click.option(
        "--due",
        type=WholeNumber(),
        metavar="YEAR",
        help=N_("Only KPIs falling due in YEAR: their target, or a milestone on the way, is set for that year."),
    )
    @click.option("--due-from", type=WholeNumber(), metavar="YEAR", help=N_("Only KPIs falling due in YEAR or later."))
    @click.option("--due-to", type=WholeNumber(), metavar="YEAR", help=N_("Only KPIs falling due by YEAR."))
    @functools.wraps(command)
    def wrapper(*args: Any, due: int | None, due_from: int | None, due_to: int | None, **kwargs: Any) -> Any:
        if due is not None and (due_from is not None or due_to is not None):
            raise click.UsageError(_("--due is one year, --due-from and --due-to a range: give one or the other"))
        if due_from is not None and due_to is not None and due_from > due_to:
            raise click.UsageError(
                _("--due-from {first} comes after --due-to {last}").format(first=due_from, last=due_to)
            )
        chosen = due if due is not None else (due_from, due_to) if (due_from, due_to) != (None, None) else None
        return command(*args, due=chosen, **kwargs)

    return cast(F, wrapper)
