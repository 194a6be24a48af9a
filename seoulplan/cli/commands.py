"""The commands: each asks the library for a frame and hands it, with its view, to ``out``.

The command line never computes: figures, filters, checks and attainment come from the
library (``seoulplan.load()``, the ``Plan``'s methods and what they return); what people
read is described in :mod:`seoulplan.presentation.views`. Heavy imports (pandas, tabulate,
PyYAML) happen inside the commands, so ``--help``, ``--version``, completion and ``money``
never load them.

A command does one thing: what used to be a mode picked by a flag is a subcommand (``kpi
status``, ``kpi stated``, ``kpi template``, ``track changes``). The flags still work for one
release, hidden from the help, each saying on standard error which subcommand replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from seoulplan.cli.groups import Group, deprecated, hide, refuse_options_before
from seoulplan.cli.money_command import MoneyUnit
from seoulplan.cli.options import (
    AsOf,
    Choice,
    Gate,
    Output,
    WholeNumber,
    actuals_encoding,
    chosen_kpis,
    completer,
    due_years,
    gated,
    gated_by_attainment,
    listing,
    measured,
    measured_between,
    measurement,
    stacked,
    today,
)
from seoulplan.core.escaping import escaped, shortened
from seoulplan.core.i18n import N_, _, ngettext
from seoulplan.errors import DataError, FindingsError, UsageError
from seoulplan.presentation.choices import AUDIT_KINDS, BASES, KPI_KINDS, SECTIONS, TRACK_PERIODS

if TYPE_CHECKING:
    import pandas as pd

    from seoulplan import BudgetYear

F = TypeVar("F", bound=Callable[..., object])

#: ``--due``/``--due-from``/``--due-to`` as the library's ``due=`` takes them: a year or a range.
Due = int | tuple[int | None, int | None]


def budget_shown(command: F) -> F:
    """The options that choose and word the budget's rows, for the listing and each subcommand."""
    command = click.option(
        "--unit",
        type=MoneyUnit(),
        default="auto",
        show_default=True,
        metavar="UNIT",  # the help lists them: all of them are too wide a line
        help=N_(
            "Money unit in tables (조, 십억, 억, 백만, 만, 천 with or without 원, or trillion, billion, million, "
            "thousand in either language): auto writes 39조 5,359억원 in Korean, KRW 100 million in English."
        ),
    )(command)
    return click.option(
        "--basis",
        type=click.Choice(BASES),
        default="all",
        show_default=True,
        help=N_("The gross budget, the net budget, the net budget less mandatory expenditure, or all three."),
    )(command)


def budget_ledger(command: F) -> F:
    """The budget ledger and the date of the question."""
    return stacked(
        command,
        click.option(
            "--actuals",
            metavar="LEDGER",
            required=True,
            help=N_(
                "A budget ledger (CSV, xlsx or YAML: item, phase, amount, as_of; '-' reads standard input): "
                "supplementary budgets, execution and settlement through the year."
            ),
        ),
        click.option(
            "--as-of",
            type=AsOf(),
            metavar="DATE",
            help=N_("The date of the question; later rows are left out [default: today, within the year]."),
        ),
        actuals_encoding(),
    )


#: ``track --by`` and ``track budget --by``
by_track_period = click.option(
    "--by",
    type=click.Choice(TRACK_PERIODS),
    default="quarter",
    show_default=True,
    help=N_("The period of each column."),
)


def budget_pace(command: F) -> F:
    return click.option(
        "--pace",
        metavar="DATE:PCT,...",
        help=N_(
            "The execution expected by each date (2020-06-30:60 for 60 per cent by 30 June) "
            "[default: the straight line through the year]."
        ),
    )(command)


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "Three bases: the gross budget, the net budget (gross less transfers between "
        "accounts) and the net budget less mandatory expenditure (what the city executes "
        "itself), each with its general and special accounts. "
        "budget status follows the budget through its year from a ledger (supplementary budgets, "
        "execution), budget phases lists each item's budget by phase, and budget template writes the "
        "ledger to fill in; each takes its options after its name.\n"
        "\n"
        "Examples:\n"
        "  seoulplan budget --compare 2019\n"
        "  seoulplan budget --basis net --compare 2019 --format json\n"
        "  seoulplan --locale en_US budget --unit trillion\n"
        "  seoulplan budget status --actuals budget.csv --as-of 2020-05-31"
    ),
)
@budget_shown
@click.option(
    "--compare",
    type=WholeNumber(),
    metavar="YEAR",
    default=None,
    help=N_("Compare with YEAR's budget (the plan gives 2019)."),
)
@click.option("--per-capita", is_flag=True, help=N_("Add the amount per resident (the plan's 10,011,000 people)."))
@listing
@click.pass_context
def budget(ctx: click.Context, basis: str, unit: str, compare: int | None, per_capita: bool, out: Output) -> None:
    from seoulplan.presentation import views

    if ctx.invoked_subcommand is not None:
        refuse_options_before(ctx)
        return
    plan = ctx.obj.plan()
    frame = plan.budget(basis, compare, per_capita=per_capita)
    out.emit(ctx, frame, views.budget(plan.year, compare, per_capita, plan.population, ctx.obj.options(unit)), unit)


@budget.command(
    "status",
    help=N_(
        "The budget through its year, from a budget ledger: each item's original and current budget, "
        "the change by supplementary budgets, the execution and its rate against the pace expected by the "
        "date of the question, and a status.\n"
        "\n"
        "Examples:\n"
        "  seoulplan budget status --actuals budget.csv --as-of 2020-05-31\n"
        "  seoulplan budget status --actuals budget.xlsx --basis gross --fail-on 지연"
    ),
)
@budget_shown
@budget_ledger
@budget_pace
@gated
@listing
@click.pass_context
def budget_status(
    ctx: click.Context,
    basis: str,
    unit: str,
    actuals: str,
    as_of: str | None,
    actuals_encoding: str,
    pace: str | None,
    gate: Gate,
    out: Output,
) -> None:
    from seoulplan.presentation import views

    year = _budget_year(ctx, actuals, as_of, actuals_encoding, pace)
    frame = _of_basis(ctx.obj.plan().budget_track(year), basis)
    out.emit(ctx, frame, views.budget_track(year.at, year.pace, year.near, ctx.obj.options(unit)), unit)
    _budget_gate(gate, frame, actuals)


@budget.command(
    "phases",
    help=N_(
        "Each budget item's budget by phase (본예산 → 1차 추경 → …), with each change, from a budget ledger.\n"
        "\n"
        "Examples:\n"
        "  seoulplan budget phases --actuals budget.csv --basis gross"
    ),
)
@budget_shown
@budget_ledger
@listing
@click.pass_context
def budget_phases(
    ctx: click.Context, basis: str, unit: str, actuals: str, as_of: str | None, actuals_encoding: str, out: Output
) -> None:
    from seoulplan.presentation import views

    year = _budget_year(ctx, actuals, as_of, actuals_encoding)
    frame = _of_basis(ctx.obj.plan().budget_phases(year), basis)
    out.emit(ctx, frame, views.budget_phases(year.at, ctx.obj.options(unit)), unit)


@budget.command(
    "template",
    help=N_(
        "A budget ledger to fill in: every budget item, with its phase, amount and as_of to write.\n"
        "\n"
        "Examples:\n"
        "  seoulplan budget template -o budget.xlsx"
    ),
)
@listing
@click.pass_context
def budget_template(ctx: click.Context, out: Output) -> None:
    from seoulplan.presentation import views

    out.emit(ctx, ctx.obj.plan().budget_template(), views.budget_template(ctx.obj.options()))


def _budget_year(
    ctx: click.Context, actuals: str, as_of: str | None, encoding: str, pace: str | None = None
) -> BudgetYear:
    if actuals == "-" and ctx.obj.data == "-":
        raise UsageError(_("--data - and --actuals - cannot both read standard input; give one as a file"))
    return ctx.obj.plan().budget_year(actuals, as_of=as_of, pace=pace, today=today(), encoding=encoding)


def _of_basis(frame: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The rows of one basis (``--basis``), or all of them."""
    return frame if basis == "all" else frame[frame["basis"] == basis].reset_index(drop=True)


def _budget_gate(gate: Gate, frame: pd.DataFrame, ledger: str) -> None:
    """``--fail-on`` and ``--fail-under`` on the budget's items: a status, or an execution rate
    below PCT, as the KPI gates read a target's."""
    gated = frame.rename(columns={"item": "id", "executed_eok": "actual", "execution_rate_pct": "attainment_pct"})
    gate.check(gated, (ledger,), budget=True)


@click.command(
    help=N_(
        "SECTION is one of mandatory, funds, districts, bonds, transfers or all (the default). "
        "Computed shares, growth and averages stand beside the figures the plan states.\n"
        "\n"
        "Examples:\n"
        "  seoulplan finance bonds\n"
        "  seoulplan finance districts --format csv"
    )
)
@click.argument(
    "section",
    type=click.Choice(SECTIONS),
    default="all",
    required=False,
    metavar="[" + "|".join(SECTIONS) + "]",
)
@listing
@click.pass_context
def finance(ctx: click.Context, section: str, out: Output) -> None:
    from seoulplan.presentation import views

    out.emit(ctx, ctx.obj.plan().finance(section), views.finance(ctx.obj.options()))


@click.command(help=N_("Examples:\n  seoulplan general\n  seoulplan general --format csv"))
@listing
@click.pass_context
def general(ctx: click.Context, out: Output) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    out.emit(ctx, plan.general(), views.general(plan.reference_dates, ctx.obj.options()))


@click.command(help=N_("Examples:\n  seoulplan covid\n  seoulplan covid --format json"))
@listing
@click.pass_context
def covid(ctx: click.Context, out: Output) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    out.emit(ctx, plan.covid(), views.covid(plan.doc["covid"]["as_of"], ctx.obj.options()))


def kinds(default: str) -> Callable[[F], F]:
    """``--kind`` of a KPI listing: which kinds of record it lists."""
    return click.option(
        "--kind",
        type=click.Choice(KPI_KINDS),
        default=default,
        show_default=True,
        help=N_(
            "Targets the plan aims at, achievements it reports, headlines restating another record, parameters "
            "(figures that are not goals), or all."
        ),
    )


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "Without a subcommand this is kpi list: the planned change from baseline to target, not "
        "attainment. kpi status measures the targets against a ledger of dated actuals, kpi stated "
        "lists the actuals the plan itself reports, kpi template writes a ledger to fill in, and kpi "
        "show gives KPIs in full. Each takes its options after its name.\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi --pillar welfare\n"
        "  seoulplan kpi --pillar 1 --strategy 5 --format csv\n"
        "  seoulplan kpi --grep youth --sort -growth_pct\n"
        "  seoulplan kpi --grep 청년 --grep 일자리\n"
        "  seoulplan kpi --due 2022\n"
        "  seoulplan kpi status --actuals actuals.csv --fail-on 지연,미달\n"
        "  seoulplan kpi template --pillar 1 --strategy 5 -o actuals.xlsx\n"
        "  seoulplan kpi show future.youth-unemployment-rate"
    ),
)
@chosen_kpis
@kinds("target")
@due_years
# The modes of before 0.3, kept for one release: each says which subcommand replaces it.
@click.option("--attainment", is_flag=True, hidden=True)
@click.option("--template", is_flag=True, hidden=True)
@gated
@measured
@listing
@click.pass_context
def kpi(
    ctx: click.Context,
    choose: Choice,
    kind: str,
    due: Due | None,
    attainment: bool,
    template: bool,
    gate: Gate,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    out: Output,
) -> None:
    if ctx.invoked_subcommand is not None:
        refuse_options_before(ctx)
        return
    _refuse_combinations(actuals, attainment, template, gate, kind)
    if due is not None and (actuals or attainment or template):
        raise UsageError(_("--due chooses what the plain list shows: kpi list --due YEAR"))
    if template:
        deprecated(ctx, "kpi --template", "kpi template", "seoulplan kpi template")
        _template(ctx, choose, out)
    elif actuals:
        deprecated(ctx, "kpi --actuals", "kpi status", "seoulplan kpi status --actuals FILE")
        _status(ctx, choose, gate, actuals, as_of, near, stale_after, actuals_encoding, out)
    elif attainment:
        deprecated(ctx, "kpi --attainment", "kpi stated", "seoulplan kpi stated")
        _stated(ctx, choose, gate, out)
    else:
        _listed(ctx, choose, kind, out, due)


#: The options of ``kpi`` that choose a mode of before 0.3, and the gates and ledger options
#: that went with them: they still work for a release, but the help shows the subcommands.
hide(kpi, "actuals", "as_of", "near", "stale_after", "actuals_encoding", "fail_under", "fail_on", "fail_on_missing")


def _refuse_combinations(actuals: tuple[str, ...], attainment: bool, template: bool, gate: Gate, kind: str) -> None:
    """The modes of before 0.3 as flags of ``kpi``: options that would be silently ignored are
    usage errors (a CI gate that forgot its ledger must not pass). The subcommands that replace
    them cannot be combined, and have no such check."""
    if sum(map(bool, (actuals, attainment, template))) > 1:
        raise UsageError(_("choose one of --actuals FILE, --attainment and --template"))
    if gate.below is not None and not (actuals or attainment):
        raise UsageError(
            _(
                "--fail-under needs --actuals FILE: without actuals nothing is measured "
                "(seoulplan kpi status --actuals FILE --fail-under PCT, or kpi stated --fail-under PCT)"
            )
        )
    if gate.statuses and not actuals:
        named = [o for o in gate.options if o != "--fail-under"]
        raise UsageError(_("{option} needs --actuals FILE").format(option=", ".join(named)))
    if kind != "target" and (actuals or attainment or template):
        raise UsageError(_("--kind chooses what the plain list shows; actuals are measured against targets"))


def _listed(ctx: click.Context, choose: Choice, kind: str, out: Output, due: Due | None = None) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    out.emit(ctx, plan.kpis(kind=kind, due=due, **choose), views.kpis(chosen, kind, ctx.obj.options()))


def _status(
    ctx: click.Context,
    choose: Choice,
    gate: Gate,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    encoding: str,
    out: Output,
) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    taken = measurement(ctx, actuals, as_of, near, stale_after, encoding)
    frame = plan.attainment(taken, **choose)
    out.emit(ctx, frame, views.measured(chosen, near, taken.at, ctx.obj.options()))
    gate.check(frame, actuals)


def _stated(ctx: click.Context, choose: Choice, gate: Gate, out: Output) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    frame = plan.stated_attainment(**choose)
    out.emit(ctx, frame, views.stated(chosen, ctx.obj.options()))
    gate.check(frame)


def _template(ctx: click.Context, choose: Choice, out: Output) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    out.emit(ctx, plan.template(**choose), views.template(chosen, ctx.obj.options()))


@kpi.command(
    "list",
    help=N_(
        "The plan's numeric targets: baseline, target, change and growth (kpi without a subcommand).\n"
        "\n"
        "This is the planned change from baseline to target, not attainment. Money keeps its unit; a "
        "change of a % KPI is in percentage points (pp); a KPI without a baseline has no change or growth.\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi list --pillar welfare\n"
        "  seoulplan kpi list --kind all --format csv\n"
        "  seoulplan kpi list --due-from 2021 --due-to 2022"
    ),
)
@chosen_kpis
@kinds("target")
@due_years
@listing
@click.pass_context
def kpi_list(ctx: click.Context, choose: Choice, kind: str, due: Due | None, out: Output) -> None:
    _listed(ctx, choose, kind, out, due)


@kpi.command(
    "status",
    help=N_(
        "Every target chosen, measured against a ledger of dated actuals.\n"
        "\n"
        "At the date of the question (--as-of, else today): the actual standing then against the "
        "target of that year, attainment %, progress %, the pace expected by then, the status (met, "
        "near or missed once the deadline has passed; on pace, behind or in progress before it; not "
        "reported), whether the actual is stale, and where the line through it ends at the deadline. "
        "--fail-on and --fail-under exit 1 on what a script must not let pass.\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi status --actuals actuals.csv\n"
        "  seoulplan kpi status --actuals actuals.csv --as-of 2020-Q2 --pillar future\n"
        "  seoulplan kpi status --actuals q1.csv --actuals q2.xlsx --fail-on 지연"
    ),
)
@chosen_kpis
@gated
@measured
@listing
@click.pass_context
def kpi_status(
    ctx: click.Context,
    choose: Choice,
    gate: Gate,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    out: Output,
) -> None:
    if not actuals:
        raise UsageError(_("kpi status needs --actuals FILE: the ledger of dated actuals to measure"))
    _status(ctx, choose, gate, actuals, as_of, near, stale_after, actuals_encoding, out)


@kpi.command(
    "stated",
    help=N_(
        "The actuals the plan itself reports for its targets, with the attainment it states.\n"
        "\n"
        "Beside it, the attainment its figures give against the target it prints, which may differ: "
        "the plan's own figure may be against an interim target it never prints.\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi stated\n"
        "  seoulplan kpi stated --pillar balance --format csv"
    ),
)
@chosen_kpis
@gated_by_attainment
@listing
@click.pass_context
def kpi_stated(ctx: click.Context, choose: Choice, gate: Gate, out: Output) -> None:
    _stated(ctx, choose, gate, out)


@kpi.command(
    "template",
    help=N_(
        "A ledger to fill in: a row per target chosen, its actual and as_of blank.\n"
        "\n"
        "Write it with -o actuals.csv or -o actuals.xlsx, fill it in a text editor or in Excel (its "
        "header in either language, date cells as dates), and measure it with kpi status --actuals.\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi template -o actuals.csv\n"
        "  seoulplan kpi template --pillar 1 --strategy 5 -o actuals.xlsx"
    ),
)
@chosen_kpis
@listing
@click.pass_context
def kpi_template(ctx: click.Context, choose: Choice, out: Output) -> None:
    _template(ctx, choose, out)


@kpi.command(
    "show",
    help=N_(
        "KPIs in full: every field, the computed measures and the source excerpt.\n"
        "\n"
        "Give one or more IDs, or choose with --pillar, --grep and --kind (all of the targets "
        "chosen, one record after another).\n"
        "\n"
        "Examples:\n"
        "  seoulplan kpi show future.youth-unemployment-rate\n"
        "  seoulplan kpi show future.job-cafes --format json\n"
        "  seoulplan kpi show --pillar welfare --grep 돌봄"
    ),
)
@click.argument("kpi_ids", nargs=-1, metavar="[ID]...", shell_complete=completer("kpis", "id"))
@chosen_kpis
@click.option(
    "--kind",
    type=click.Choice(KPI_KINDS),
    default="all",
    show_default=True,
    help=N_("With --pillar or --grep: which kinds of record to show."),
)
@listing
@click.pass_context
def kpi_show(ctx: click.Context, kpi_ids: tuple[str, ...], choose: Choice, kind: str, out: Output) -> None:
    from seoulplan.presentation import views
    from seoulplan.presentation.render import records

    plan = ctx.obj.plan()
    choosing = any(choose[k] for k in ("pillar", "strategy", "grep"))
    if not kpi_ids and not choosing:
        raise UsageError(_("kpi show needs an ID, or --pillar/--grep to choose KPIs"))
    if kpi_ids:
        frame = plan.kpi(*kpi_ids)
        if choosing:
            wanted = plan.kpis(kind=kind, **choose)["id"]
            frame = frame[frame["id"].isin(wanted)].reset_index(drop=True)
    else:
        frame = plan.kpis(kind=kind, **choose)
    if frame.empty:
        raise UsageError(_("no KPI matches: the IDs and the filters given choose none"))
    rows = records(frame)
    out.emit(ctx, frame, views.kpi_detail(rows[0] if len(rows) == 1 else None, ctx.obj.options()))


@click.command(
    help=N_(
        "For each strategy: its targets (and how many have a baseline), the achievements "
        "the plan reports, and the headlines. With --actuals FILE: per pillar, how many "
        "targets have an actual at the date of the question and how many are met, near, missed, "
        "on pace, behind, in progress and not reported.\n"
        "\n"
        "Examples:\n"
        "  seoulplan pillars\n"
        "  seoulplan pillars --actuals actuals.csv --as-of 2020-Q2"
    )
)
@measured
@listing
@click.pass_context
def pillars(
    ctx: click.Context,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    out: Output,
) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    if actuals:
        taken = measurement(ctx, actuals, as_of, near, stale_after, actuals_encoding)
        frame = plan.pillar_attainment(taken)
        out.emit(ctx, frame, views.pillar_attainment(near, taken.at, ctx.obj.options()))
    else:
        out.emit(ctx, plan.pillars(), views.pillars(len(plan.kpi_table), ctx.obj.options()))


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "Every period from the first actual to the last (or --from/--to; never past --as-of) has "
        "a column: each cell is the target's last actual in that period, — when none was "
        "reported; the last column is its status at the date of the question. Machine formats "
        "(csv, json, ...) give the long form: a row per target and period, measured at the "
        "period's end, 미보고 where none. The table shows the latest 12 periods at most, with a note "
        "of those left out. track changes FROM TO lists the targets whose status changed between "
        "two dates, and why; track budget follows a budget ledger's execution period by period.\n"
        "\n"
        "Examples:\n"
        "  seoulplan track --actuals actuals.csv\n"
        "  seoulplan track --actuals actuals.csv --by month --as-of 2020-06 -f csv\n"
        "  seoulplan track --actuals q1.csv --actuals q2.xlsx --pillar welfare\n"
        "  seoulplan track changes 2020-Q1 2020-Q2 --actuals actuals.csv\n"
        "  seoulplan track budget --actuals budget.csv --by month"
    ),
)
@by_track_period
@click.option("--from", "start", type=AsOf(), metavar="DATE", help=N_("The first period shown (its start)."))
@click.option("--to", "end", type=AsOf(), metavar="DATE", help=N_("The last period shown."))
# track changes' mode of before, kept for one release
@click.option("--changes", type=(AsOf(), AsOf()), metavar="FROM TO", default=None, hidden=True)
@chosen_kpis
@gated
@measured
@listing
@click.pass_context
def track(
    ctx: click.Context,
    by: str,
    start: str | None,
    end: str | None,
    changes: tuple[str, str] | None,
    choose: Choice,
    gate: Gate,
    actuals: tuple[str, ...],
    as_of: str | None,
    near: float,
    stale_after: int,
    actuals_encoding: str,
    out: Output,
) -> None:
    from seoulplan.presentation import render, views

    if ctx.invoked_subcommand is not None:
        refuse_options_before(ctx)
        return
    if not actuals:
        raise UsageError(_("track needs --actuals FILE: the ledger of dated actuals to follow"))
    if changes:
        deprecated(ctx, "track --changes FROM TO", "track changes", "seoulplan track changes FROM TO")
        _changes(ctx, changes, choose, actuals, near, stale_after, actuals_encoding, out)
        return
    plan = ctx.obj.plan()
    taken = measurement(ctx, actuals, as_of or end, near, stale_after, actuals_encoding)
    shown: pd.Series
    if render.format_for(out.fmt, out.output) in ("table", "markdown"):
        chosen = plan.kpis(**choose)
        # a table shows the latest periods that a person can read: only those are measured
        kpis = int(chosen["id"].isin(taken.ledger["id"]).sum())
        views.refuse_unreadable(kpis)
        spanned = taken.periods(by=by, start=start, end=end or as_of)
        periods = len(spanned)
        if views.shown_periods(kpis, periods) < periods:
            start = spanned["start"].iloc[periods - views.shown_periods(kpis, periods)].date().isoformat()
        # the gate's statuses are the table's too: measured once
        latest = taken.latest(chosen[chosen["id"].isin(taken.ledger["id"])]) if gate else None
        wide = plan.track_table(taken, by=by, start=start, end=end or as_of, latest=latest, **choose)
        out.emit(ctx, wide, views.track(wide, by, taken.at, ctx.obj.options(), periods=periods))
        shown = wide["id"]
    else:
        tracked = plan.track(taken, by=by, start=start, end=end or as_of, **choose)
        out.emit(ctx, tracked, None)
        shown = tracked["id"]
        if gate:
            chosen = plan.kpis(**choose)
        latest = taken.latest(chosen[chosen["id"].isin(shown)]) if gate else None
    if latest is not None:  # the gate, on the targets listed: those of the ledger, at the question's date
        gate.check(latest[latest["id"].isin(shown)], actuals)


def _changes(
    ctx: click.Context,
    dates: tuple[str, str],
    choose: Choice,
    actuals: tuple[str, ...],
    near: float,
    stale_after: int,
    encoding: str,
    out: Output,
) -> None:
    from seoulplan.presentation import views

    first, last = dates
    frame = ctx.obj.plan().status_changes(
        list(actuals), first, last, near=near, stale_after=stale_after, encoding=encoding, **choose
    )
    out.emit(ctx, frame, views.changes(first, last, ctx.obj.options()))


@track.command(
    "changes",
    help=N_(
        "The targets whose status changed between two dates, and why.\n"
        "\n"
        "FROM and TO are dates or periods (2020-06-30, 2020-Q2 …: their end). For each target of the "
        "ledger whose status at TO differs from its status at FROM: its actuals then, its target, and "
        "the figures behind the change (순항 → 지연: progress 44.4%, expected 49.7%).\n"
        "\n"
        "Examples:\n"
        "  seoulplan track changes 2020-Q1 2020-Q2 --actuals actuals.csv\n"
        "  seoulplan track changes 2020-03-31 2020-06-30 --actuals actuals.csv -f csv"
    ),
)
@click.argument("start", type=AsOf(), metavar="FROM")
@click.argument("end", type=AsOf(), metavar="TO")
@chosen_kpis
@measured_between
@listing
@click.pass_context
def track_changes(
    ctx: click.Context,
    start: str,
    end: str,
    choose: Choice,
    actuals: tuple[str, ...],
    near: float,
    stale_after: int,
    actuals_encoding: str,
    out: Output,
) -> None:
    if not actuals:
        raise UsageError(_("track changes needs --actuals FILE: the ledger whose statuses to compare"))
    _changes(ctx, (start, end), choose, actuals, near, stale_after, actuals_encoding, out)


@track.command(
    "budget",
    help=N_(
        "Each item of a budget ledger (item, phase, amount, as_of) in each period of the year: its execution "
        "against its pace, measured at the period's end; the gates read each item's status at the date of "
        "the question.\n"
        "\n"
        "Examples:\n"
        "  seoulplan track budget --actuals budget.csv --by month\n"
        "  seoulplan track budget --actuals budget.csv --as-of 2020-06-30 --by quarter --fail-on 지연"
    ),
)
@by_track_period
@budget_ledger
@budget_pace
@gated
@listing
@click.pass_context
def track_budget(
    ctx: click.Context,
    by: str,
    actuals: str,
    as_of: str | None,
    actuals_encoding: str,
    pace: str | None,
    gate: Gate,
    out: Output,
) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    year = _budget_year(ctx, actuals, as_of, actuals_encoding, pace)
    frame = plan.budget_by_period(year, by=by)
    out.emit(ctx, frame, views.budget_periods(by, year.at, ctx.obj.options()))
    if gate:
        latest = plan.budget_track(year)
        _budget_gate(gate, latest[latest["item"].isin(frame["item"])], actuals)


@click.command(
    help=N_(
        "Each check shows where it is (section, record, source excerpt), what the plan "
        "says, what its figures give, and whether they agree within the plan's own "
        "rounding. Targets no better than their baseline are flagged (unambitious).\n"
        "\n"
        "Examples:\n"
        "  seoulplan audit --only-failures\n"
        "  seoulplan audit --kind count --kind restatement\n"
        "  seoulplan audit --strict --format json"
    )
)
@click.option("--strict", is_flag=True, help=N_("Exit 1 when any check disagrees."))
@click.option("--only-failures", is_flag=True, help=N_("List only the checks that disagree and the ambition flags."))
@click.option(
    "--kind",
    "kinds",
    type=click.Choice(AUDIT_KINDS),
    multiple=True,
    help=N_("Only the checks of this kind (repeat for several); --strict then fails on those alone."),
)
@listing
@click.pass_context
def audit(ctx: click.Context, strict: bool, only_failures: bool, kinds: tuple[str, ...], out: Output) -> None:
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    checks = plan.audit(kind=kinds)
    shown = plan.audit(only_failures=True, kind=kinds) if only_failures else checks
    out.emit(ctx, shown, views.audit(**plan.audit_summary(checks), options=ctx.obj.options()))
    failures = plan.disagreements(checks)
    if strict and len(failures):
        raise FindingsError(
            _("{count} check(s) disagree: {ids}").format(count=len(failures), ids=", ".join(failures["check_id"]))
        )


@click.command(
    help=N_(
        "Exits 0 with a one-line summary when the file is valid, 3 when it has problems. With "
        "--provenance, also checks that every excerpt (source, quotes) is verbatim in the plan's "
        "text, after Unicode NFC and with runs of white space as one space, and at least 6 "
        "characters long; exits 1 when one is not, naming the record's line.\n"
        "\n"
        "Examples:\n"
        "  seoulplan validate\n"
        "  seoulplan validate my-plan.yaml\n"
        "  seoulplan validate --provenance seoul-2020-work-plan.txt --uncovered"
    )
)
@click.argument("file", required=False, metavar="[FILE]")
@click.option(
    "--provenance",
    "source",
    metavar="SOURCE.txt",
    help=N_("The plan's text: check that every excerpt of the dataset is in it verbatim."),
)
@click.option(
    "--uncovered",
    is_flag=True,
    help=N_("With --provenance: list the lines of the plan's text that state a figure no excerpt quotes."),
)
@click.pass_context
def validate(ctx: click.Context, file: str | None, source: str | None, uncovered: bool) -> None:
    from seoulplan import check, check_provenance

    settings = ctx.obj
    if uncovered and source is None:
        raise UsageError(_("--uncovered lists what --provenance finds: give --provenance SOURCE.txt"))
    dataset = file if file is not None else settings.data
    provenance = None
    if source is not None:
        provenance = check_provenance(source, dataset, encoding=settings.input_encoding)
        checked = provenance.dataset
        assert checked is not None
    else:
        checked = check(dataset, encoding=settings.input_encoding)
    if checked.problems:
        for p in checked.problems:
            click.echo(p.render(checked.name), err=True)
        raise DataError(_("{name}: {count} problem(s)").format(name=checked.name, count=len(checked.problems)))
    facts = checked.summary()
    kpis, pillars = facts["kpis"], facts["pillars"]
    click.echo(
        _("{name}: valid ({schema}; {kpis}, {pillars})").format(
            name=checked.name,
            schema=facts["schema"],
            kpis=ngettext("{count} KPI", "{count} KPIs", kpis).format(count=kpis),
            pillars=ngettext("{count} pillar", "{count} pillars", pillars).format(count=pillars),
        )
    )
    if provenance is not None:
        _report_provenance(provenance, uncovered)


def _report_provenance(found: Any, uncovered: bool) -> None:
    """What ``validate --provenance`` found (``seoulplan.check_provenance``'s Provenance): a
    summary, the lines no excerpt quotes when asked, and each excerpt not found (on standard
    error, then exit 1)."""
    covered = found.figure_lines - len(found.uncovered)
    summary = _(
        "{name}: {excerpts} checked against {source}, {missing} not found verbatim, {ambiguous} on more than "
        "one line; {covered} of its {figures} lines stating a figure are quoted"
    ).format(
        name=found.name,
        excerpts=ngettext("{count} excerpt", "{count} excerpts", found.excerpts).format(count=found.excerpts),
        source=found.source,
        missing=len(found.missing),
        ambiguous=found.ambiguous,
        covered=covered,
        figures=found.figure_lines,
    )
    click.echo(escaped(summary))  # the file names as typed: never a terminal's escape sequence
    if uncovered:
        for number, text in found.uncovered:
            click.echo(escaped(f"  L{number}: {shortened(text, 160)}"))
    if found.missing:
        for problem in found.missing:
            click.echo(problem.render(found.name), err=True)
        raise FindingsError(
            ngettext(
                "{name}: {count} excerpt is not verbatim in {source}",
                "{name}: {count} excerpts are not verbatim in {source}",
                len(found.missing),
            ).format(name=found.name, count=len(found.missing), source=found.source)
        )
