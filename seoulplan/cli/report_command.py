"""``seoulplan report``: the plan as one self-contained HTML page with charts.

matplotlib and Jinja2 come with the extra ``seoulplan[report]``; they are imported only
when the command runs, so ``--help``, ``--version`` and every other command never load
them, and without them the command says which extra to install (exit 2).
"""

from __future__ import annotations

import datetime
import os
import sys

import click

from seoulplan.cli.options import measured, today
from seoulplan.core.escaping import escaped, shortened
from seoulplan.core.i18n import N_, _, ngettext
from seoulplan.errors import UsageError

#: The extra, installed from an index, and from a checkout of the source (the README's way).
EXTRA, EXTRA_IN_A_CHECKOUT = "pip install 'seoulplan[report]'", "pip install '.[report]'"


@click.command(
    help=N_(
        "Every chart has its numbers in a table under it. The page asks for nothing outside "
        "itself (inline CSS and SVG), works offline, prints to A4, and is the same bytes for "
        "the same input: the only date it shows is --date or SOURCE_DATE_EPOCH's. With "
        "--actuals FILE it adds the status per pillar, progress and pace per KPI, trends and "
        "what is not reported. A timeline counts the plan's dated deliverables month by month; with "
        "--deliveries LEDGER it marks and lists those overdue. --locale en_US (before the command) writes it "
        "in English.\n"
        "\n"
        "Examples:\n"
        "  seoulplan report -o plan.html\n"
        "  seoulplan report -o plan.html --actuals actuals.csv --as-of 2020-Q2\n"
        "  seoulplan --locale en_US report -o plan-en.html"
    )
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    default=None,
    help=N_("Write the page to FILE (atomically); '-' or none: standard output, which must not be a terminal."),
)
@click.option(
    "--date",
    "date_",
    metavar="YYYY-MM-DD",
    default=None,
    help=N_("The date the page shows [default: from SOURCE_DATE_EPOCH, else none]."),
)
@click.option(
    "--budget-ledger",
    metavar="LEDGER",
    help=N_("A budget ledger (item, phase, amount, as_of): a section on the budget by phase and its execution."),
)
@click.option(
    "--deliveries",
    metavar="LEDGER",
    default=None,
    help=N_(
        "A delivery ledger (id, done[, as_of], as schedule status reads): the timeline counts and lists the "
        "deliverables overdue at the date of the question (--as-of with --actuals, else today)."
    ),
)
@measured
@click.pass_context
def report(
    ctx: click.Context,
    output: str | None,
    date_: str | None,
    deliveries: str | None,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    budget_ledger: str | None,
) -> None:
    shown_date = _date(date_)
    to_stdout = output is None or output == "-"
    if to_stdout and sys.stdout.isatty():
        raise UsageError(_("report writes an HTML page: give -o FILE (e.g. -o report.html), or redirect the output"))
    _require_extra()
    from seoulplan.presentation import output as writing
    from seoulplan.presentation import report as reporting

    if not to_stdout:
        writing.check_file_path(output)  # type: ignore[arg-type]  # refused before the page is built

    settings = ctx.obj
    plan = settings.plan()
    name = ", ".join(a if a == "-" else os.path.basename(a) for a in actuals) or None
    page = reporting.build(
        plan,
        options=settings.options(),
        actuals=list(actuals) or None,
        actuals_name=name,
        as_of=as_of,
        near=near,
        stale_after=stale_after,
        actuals_encoding=actuals_encoding,
        date=shown_date,
        today=datetime.date.fromisoformat(shown_date) if shown_date else today(),
        budget_ledger=budget_ledger,
        budget_name=None if budget_ledger is None else os.path.basename(budget_ledger),
        deliveries=deliveries,
    )
    data = page.html.encode("utf-8")
    if to_stdout:
        writing.to_stdout([data])
        return
    assert output is not None
    writing.to_file(output, [data])
    click.echo(
        _("{file}: {size} KB, {charts}, {tables} ({sections})").format(
            file=escaped(output),  # a file name must not drive the terminal
            size=f"{len(data) / 1024:,.0f}",
            charts=ngettext("{count} chart", "{count} charts", page.charts).format(count=page.charts),
            tables=ngettext("{count} table", "{count} tables", page.tables).format(count=page.tables),
            sections=", ".join(page.titles),
        ),
        err=True,
    )


def _require_extra() -> None:
    missing = []
    for module in ("matplotlib", "jinja2"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise UsageError(
            ngettext(
                "report needs {modules}, which comes with the extra: {install} (in a checkout of the source: "
                "{checkout})",
                "report needs {modules}, which come with the extra: {install} (in a checkout of the source: "
                "{checkout})",
                len(missing),
            ).format(modules=_(" and ").join(missing), install=EXTRA, checkout=EXTRA_IN_A_CHECKOUT)
        )


def _date(given: str | None) -> str | None:
    """The page's date: ``--date`` (a day, read as a ledger's ``as_of`` is: the one digit rule),
    else ``SOURCE_DATE_EPOCH`` (UTC, reproducible-builds.org), else none."""
    from seoulplan import read_as_of

    if given is not None:
        try:
            label, day = read_as_of(given)
        except ValueError:
            label, day = "", None
        if day is None or label != day.isoformat():  # a month, a quarter … is not the day of a page
            raise UsageError(
                _("--date {given!r} is not a date; expected YYYY-MM-DD, e.g. 2020-07-01").format(given=shortened(given))
            )
        return label
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        return None
    return str(today().isoformat())
