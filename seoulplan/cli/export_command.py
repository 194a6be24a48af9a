"""``seoulplan export PATH``: every table of the plan, in one process, into one result.

The library computes the tables (``Plan.tables()``); the presentation writes them
(:mod:`seoulplan.presentation.export`). Heavy imports happen inside the command.
"""

from __future__ import annotations

import click

from seoulplan.cli.options import measured, today
from seoulplan.core.i18n import N_
from seoulplan.presentation.choices import ENCODINGS


@click.command(
    help=N_(
        "PATH's extension chooses: .sqlite, .sqlite3 or .db writes a SQLite database with "
        "primary and foreign keys, and its Datasette metadata beside it (NAME.metadata.json); "
        ".xlsx a workbook with a sheet per table; a name without an extension a directory of "
        "CSV files and a Frictionless datapackage.json. With --actuals FILE, the ledger's "
        "observations and each KPI's latest status are tables too. The result appears whole "
        "or not at all; an existing PATH is replaced only with --force.\n"
        "\n"
        "Examples:\n"
        "  seoulplan export plan.sqlite && datasette plan.sqlite -m plan.metadata.json\n"
        "  seoulplan export plan-data --encoding utf-8-sig\n"
        "  seoulplan export plan.xlsx --actuals actuals.csv --as-of 2020-Q2 --force\n"
        "  seoulplan export plan.sqlite --budget-ledger budget.csv --force"
    )
)
@click.argument("path", metavar="PATH")
@click.option("--force", is_flag=True, help=N_("Replace PATH if it exists (a directory only if it holds an export)."))
@click.option(
    "--encoding",
    type=click.Choice(ENCODINGS),
    default="utf-8",
    show_default=True,
    help=N_("Encoding of the CSV files of a directory export; utf-8-sig or cp949 for Korean Excel."),
)
@click.option(
    "--budget-ledger",
    metavar="LEDGER",
    help=N_("A budget ledger (item, phase, amount, as_of): its rows are the table budget_observations."),
)
@measured
@click.pass_context
def export(
    ctx: click.Context,
    path: str,
    force: bool,
    encoding: str,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    budget_ledger: str | None,
) -> None:
    from seoulplan.presentation import export as exporting
    from seoulplan.presentation import output

    exporting.kind_of(path)  # an extension it cannot write is refused before any work
    settings = ctx.obj
    plan = settings.plan()
    tables = plan.tables(
        list(actuals) or None,
        as_of=as_of,
        near=near,
        stale_after=stale_after,
        today=today(),
        encoding=actuals_encoding,
        budget_ledger=budget_ledger,
    )
    about = {
        k: v for k, v in (("actuals", ", ".join(actuals)), ("budget_ledger", budget_ledger), ("as_of", as_of)) if v
    }
    written = exporting.export(
        path, tables, plan.doc["plan"], force=force, encoding=encoding, locale=settings.locale, about=about
    )
    lines = exporting.summary(written, locale=settings.locale)
    output.to_stdout([("\n".join(lines) + "\n").encode("utf-8")])  # a closed pipe (| head -1) ends quietly
