"""Options shared by commands, declared once (SPEC §2, STYLE 7).

- :func:`listing`: every listing command's output flags (``--format``, ``-o``,
  ``--no-headers``, ``--encoding``, ``--sort``), handed to the command as one
  :class:`Output` that renders a frame and writes it.
- :func:`measured`: the options of commands that read an actuals file.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import N_, _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import ENCODINGS, FORMATS


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

    def emit(self, ctx: click.Context, frame: Any, view: Any, unit: str = "auto") -> None:
        """Render ``frame`` (sorted by ``--sort``) through ``view`` and write it: the only place output happens.

        Machine formats are rendered, encoded and written a block of rows at a time; an
        ``-o`` file appears only when all of it is written. An xlsx workbook (bytes) goes to
        a file or a pipe, never to a terminal.
        """
        from seoulplan.core.frames import select
        from seoulplan.presentation import output, render

        fmt = render.format_for(self.fmt, self.output)
        if fmt == "markdown" and self.no_headers:
            raise click.UsageError(_("--no-headers cannot apply to markdown: a markdown table needs its header row"))
        to_file = self.output is not None and self.output != "-"
        if to_file:
            output.check_file_path(self.output)  # type: ignore[arg-type]  # refused before any work
        if fmt == "xlsx" and not to_file and output.stdout_is_terminal():
            raise UsageError(_("an xlsx workbook is binary: write it with -o FILE.xlsx, or redirect standard output"))
        chosen = select(frame, list(self.columns) or None, sort=self.sort)  # an unknown name fails here
        if self.columns and fmt in ("table", "markdown"):
            from seoulplan.presentation.views import restricted

            # people's cells read their row's other columns (a KPI's unit, its year): keep them
            frame, view = select(frame, sort=self.sort), restricted(view, self.columns)
        else:
            frame = chosen
        options = ctx.obj.options(unit)
        if not (self.wide or to_file) and fmt in ("table", "markdown") and output.stdout_is_terminal():
            import dataclasses
            import shutil

            options = dataclasses.replace(options, width=max(40, shutil.get_terminal_size().columns))
        data = render.output(
            frame,
            fmt,
            view,
            options,
            headers=not self.no_headers,
            encoding=self.encoding,
            sheet=_command_name(ctx),
        )
        if to_file:
            output.to_file(self.output, data)  # type: ignore[arg-type]
        else:
            output.to_stdout(data)


def _command_name(ctx: click.Context) -> str:
    """The command as typed after ``seoulplan``: ``kpi show``."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names)) or "seoulplan"


def _column_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Completion for --columns and --sort: the machine columns the export catalogue knows
    (every table's), after the names already typed (``id,na<TAB>``)."""
    from seoulplan.presentation.catalogue import FIELDS

    done, _, partial = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    sign = "-" if param.name == "sort" and partial.startswith("-") else ""
    partial = partial.removeprefix(sign)
    return [prefix + sign + name for name in sorted(FIELDS) if name.startswith(partial)]


def listing(command: Callable) -> Callable:
    """Give a listing command the shared output flags, as ``out``."""

    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(FORMATS),
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
        return command(*args, out=Output(fmt, output, no_headers, encoding, sort, chosen, wide), **kwargs)

    return wrapper


class Percent(click.FloatRange):
    """A finite percentage, read by the number rule (:mod:`seoulplan.core.numeric`): ``nan``
    passes every range comparison and ``inf`` means nothing as a threshold, so both are
    refused by name, and so are ``1_0`` and digits of other scripts, which ``float()`` reads."""

    name = "percent"

    def _describe_range(self) -> str:
        return "" if self.min is None and self.max is None else super()._describe_range()  # not "x<=None"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from seoulplan.core.numeric import NumberError, read_number

        if isinstance(value, str):
            try:
                value = read_number(value)
            except NumberError as e:
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

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from seoulplan.core.numeric import NumberError, read_whole

        if isinstance(value, int):
            return value
        try:
            return read_whole(value)
        except NumberError as e:
            self.fail(str(e), param, ctx)


class AsOf(click.ParamType):
    """A date or period as a ledger's ``as_of`` takes it, checked by the core's own reader
    (so the option and the column can never disagree); the text is passed on as typed."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if ctx is not None and ctx.resilient_parsing:  # completing a command line: no pandas
            return value
        from seoulplan.core.actuals import read_as_of

        try:
            read_as_of(str(value))
        except ValueError as e:
            self.fail(str(e), param, ctx)
        return value


def measured(command: Callable) -> Callable:
    """``--actuals FILE``, ``--as-of DATE``, ``--near PCT`` and ``--actuals-encoding ENC``;
    ``--as-of`` without a ledger is refused here, for every command that takes them."""

    @click.option(
        "--actuals",
        metavar="FILE",
        help=N_("A ledger of actuals (CSV or YAML: id, actual, as_of; '-' reads standard input)."),
    )
    @click.option(
        "--as-of",
        type=AsOf(),
        metavar="DATE",
        help=N_("Leave out actuals after DATE (2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020)."),
    )
    @click.option(
        "--near",
        type=Percent(0, 100),
        default=90,
        show_default=True,
        metavar="PCT",
        help=N_("Attainment from which a missed target counts as near."),
    )
    @click.option(
        "--actuals-encoding",
        type=click.Choice(ENCODINGS),
        default="utf-8-sig",
        show_default=True,
        help=N_("Encoding of the --actuals file (cp949 for Korean Excel; a BOM is accepted)."),
    )
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        if kwargs.get("actuals") == "-" and ctx.obj.data == "-":
            raise click.UsageError(_("--data - and --actuals - cannot both read standard input; give one as a file"))
        # (a group with a subcommand, kpi show, says itself that its options would be ignored)
        if kwargs.get("as_of") and not kwargs.get("actuals") and ctx.invoked_subcommand is None:
            raise click.UsageError(_("{option} needs --actuals FILE").format(option="--as-of"))
        return command(*args, **kwargs)

    return wrapper
