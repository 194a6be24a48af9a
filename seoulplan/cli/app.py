"""The ``seoulplan`` group: global options, the dataset loaded once, errors as exit statuses.

Exit statuses (SPEC §7): 0 done; 1 findings asked to fail on; 2 usage (bad option or
argument, unreadable money expression, unwritable -o file); 3 bad data (dataset or
input file); 74 standard output cannot be written (a full disk, a closed descriptor;
a closed pipe is not an error); 70 an internal error (a bug of ours: one line, and the traceback with
``SEOULPLAN_DEBUG=1``); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from seoulplan.cli.commands import COMMANDS
from seoulplan.cli.export_command import export
from seoulplan.cli.report_command import report
from seoulplan.core.escaping import escaped
from seoulplan.errors import SeoulplanError, UsageError
from seoulplan.presentation.choices import ENCODINGS, LOCALES, STYLES
from seoulplan.version import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h)
INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Settings:
    """The global options, and the dataset loaded once when a command first asks."""

    def __init__(self, data: str | None, locale: str, style: str, input_encoding: str):
        self.data, self.locale, self.style, self.input_encoding = data, locale, style, input_encoding
        self._plan: Any = None

    def plan(self) -> Any:
        if self._plan is None:
            from seoulplan.core.plan import load

            # --input-encoding is for the user's own file; the packaged plan is always UTF-8.
            self._plan = load(self.data, encoding=self.input_encoding if self.data is not None else "utf-8-sig")
            # The dataset lives until exit: keep the cyclic GC from rescanning it while the
            # command builds its tables (a fifth of the time on a 50,000-KPI dataset).
            import gc

            gc.freeze()
        return self._plan

    def options(self, unit: str = "auto") -> Any:
        from seoulplan.presentation.views import Options

        return Options(locale=self.locale, style=self.style, unit=unit)


def _click_error(error: SeoulplanError, ctx: click.Context) -> click.ClickException:
    message = escaped(str(error), newlines=False)  # a file name or value may hold ESC sequences
    if isinstance(error, UsageError):
        return click.UsageError(message, ctx)
    exc = click.ClickException(message)
    exc.exit_code = error.exit_code  # type: ignore[misc]
    return exc


class Group(click.Group):
    """Turns the core's errors into Click's, so no user mistake shows a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SeoulplanError as e:
            sub_ctx = ctx
            name = ctx.invoked_subcommand
            while name in getattr(sub_ctx.command, "commands", {}):
                command = sub_ctx.command.commands[name]  # type: ignore[attr-defined]
                sub_ctx = click.Context(command, info_name=name, parent=sub_ctx)
                name = None
            raise _click_error(e, sub_ctx) from None


@click.group(cls=Group, context_settings=CONTEXT)
@click.option(
    "--data",
    metavar="PATH",
    envvar="SEOULPLAN_DATA",
    default=None,
    help="Dataset file to use instead of the packaged plan ('-' reads standard input; env SEOULPLAN_DATA).",
)
@click.option(
    "--locale",
    type=click.Choice(LOCALES),
    default="ko_KR",
    show_default=True,
    help="How numbers are written in tables (en_US: English headers, KRW 39.5 trillion).",
)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="plain",
    show_default=True,
    help="gov writes negatives with △, as government documents do.",
)
@click.option(
    "--input-encoding",
    type=click.Choice(ENCODINGS),
    default="utf-8-sig",
    show_default=True,
    help="Encoding of the --data file (a UTF-8 BOM is always accepted).",
)
@click.version_option(__version__, "-V", "--version", prog_name="seoulplan", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, data: str | None, locale: str, style: str, input_encoding: str) -> None:
    """Budget and KPI calculator for Seoul's 2020 work plan (2020 주요 업무계획).

    Every figure comes from the plan, with the excerpt it was read from.

    \b
    Examples:
      seoulplan budget --compare 2019
      seoulplan finance bonds --format csv
      seoulplan money "39조 5,359억원" --to 원
    """
    ctx.obj = Settings(data, locale, style, input_encoding)


for _command in COMMANDS:
    cli.add_command(_command)
cli.add_command(export)
cli.add_command(report)


def main(args: list[str] | None = None, prog_name: str = "seoulplan") -> None:
    """The console script: Click's own handling of usage errors, and exit statuses for the rest."""
    from seoulplan.presentation.output import guard_stdout

    guard_stdout()
    try:
        code = cli.main(args=args, prog_name=prog_name, standalone_mode=False)
        sys.stdout.flush()  # here, where a failure can still be reported, not at exit
    except click.ClickException as e:
        e.message = escaped(e.message, newlines=False)  # type: ignore[misc]  # Click's messages quote what was typed
        e.show()
        sys.exit(e.exit_code)
    except SeoulplanError as e:  # standard output failing outside a command (--help, --version)
        click.echo(f"Error: {escaped(str(e), newlines=False)}", err=True)
        sys.exit(e.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("\nInterrupted.", err=True)
        sys.exit(INTERRUPTED)
    except Exception as e:
        if os.environ.get("SEOULPLAN_DEBUG"):
            raise
        click.echo(
            f"seoulplan: internal error ({type(e).__name__}: {e}); this is a bug in seoulplan. "
            "Set SEOULPLAN_DEBUG=1 to see the traceback.",
            err=True,
        )
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
