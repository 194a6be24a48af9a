"""The commands: each asks the library for a frame and hands it, with its view, to ``out``.

The command line never computes: figures, filters, checks and attainment come from
:mod:`seoulplan.core`; what people read is described in :mod:`seoulplan.presentation.views`.
Heavy imports (pandas, tabulate, PyYAML) happen inside the commands, so ``--help``,
``--version``, completion and ``money`` never load them.
"""

from __future__ import annotations

import os
from typing import Any

import click
from click.core import ParameterSource

from seoulplan.cli.options import Output, Percent, listing, measured
from seoulplan.core.vocabulary import BUDGET_BASES, FINANCE_SECTIONS, KINDS, PERIODS
from seoulplan.errors import DataError, FindingsError, UsageError
from seoulplan.presentation.choices import UNITS


@click.command()
@click.option(
    "--basis",
    type=click.Choice((*BUDGET_BASES, "all")),
    default="all",
    show_default=True,
    help="총계 예산 (gross), 순계 규모 (net), 실집행 규모 (execution), or all three.",
)
@click.option(
    "--compare", type=int, metavar="YEAR", default=None, help="Compare with YEAR's budget (the plan gives 2019)."
)
@click.option("--per-capita", is_flag=True, help="Add the amount per resident (the plan's 10,011,000 people).")
@click.option(
    "--unit",
    type=click.Choice(UNITS),
    default="auto",
    show_default=True,
    help="Money unit in tables: auto writes 39조 5,359억원.",
)
@listing
@click.pass_context
def budget(ctx: click.Context, basis: str, compare: int | None, per_capita: bool, unit: str, out: Output) -> None:
    """The budget tables: amounts, shares of the total (구성비), change and growth.

    \b
    Example:
      seoulplan budget --compare 2019
      seoulplan budget --basis net --compare 2019 --format json
    """
    from seoulplan.core.money import normalise_unit
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    frame = plan.budget(basis, compare, per_capita=per_capita)
    out.emit(ctx, frame, views.budget(plan.year, compare, per_capita, plan.population, normalise_unit(unit)), unit)


@click.command()
@click.argument(
    "section", type=click.Choice((*FINANCE_SECTIONS, "all")), default="all", required=False, metavar="[SECTION]"
)
@listing
@click.pass_context
def finance(ctx: click.Context, section: str, out: Output) -> None:
    """Finance breakdowns: 법정의무경비, 기금, 자치구, 지방채, 회계간 전출입.

    Computed shares, growth and averages stand beside the figures the plan states.

    \b
    Example:
      seoulplan finance bonds
    """
    from seoulplan.presentation import views

    out.emit(ctx, ctx.obj.plan().finance(section), views.finance())


@click.command()
@listing
@click.pass_context
def general(ctx: click.Context, out: Output) -> None:
    """Population, area, districts, organisation and staff, with shares.

    \b
    Example:
      seoulplan general --format csv
    """
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    out.emit(ctx, plan.general(), views.general(plan.reference_dates))


@click.command()
@listing
@click.pass_context
def covid(ctx: click.Context, out: Output) -> None:
    """The COVID-19 status table of 2020-02-21, with Seoul's share of each figure.

    \b
    Example:
      seoulplan covid
    """
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    out.emit(ctx, plan.covid(), views.covid(plan.doc["covid"]["as_of"]))


def _data_option(ctx: click.Context) -> str | None:
    root = ctx.find_root()
    return (root.params or {}).get("data") or os.environ.get("SEOULPLAN_DATA")


def _completer(records: str, key: str) -> Any:
    """Shell completion from the dataset's ``records`` (pillars, kpis); reads no pandas."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        try:
            from seoulplan.core.plan import load

            items = load(_data_option(ctx)).doc.get(records) or []
        except Exception:
            return []
        from click.shell_completion import CompletionItem

        return [CompletionItem(i[key], help=i["name"]) for i in items if str(i[key]).startswith(incomplete)]

    return complete


@click.group(invoke_without_command=True)
@click.option(
    "--pillar",
    metavar="SLUG|NO|KOREAN",
    shell_complete=_completer("pillars", "slug"),
    help="Only this pillar: future, safety, welfare, balance, democracy, covid; 1-5; or its Korean name.",
)
@click.option("--strategy", type=int, metavar="N", help="Only strategy N of the --pillar.")
@click.option(
    "--grep",
    metavar="TEXT",
    multiple=True,
    help="Only KPIs whose id, Korean or English name or unit contains TEXT (repeat: all must match; "
    "a Latin word matches whole words).",
)
@click.option(
    "--grep-in",
    type=click.Choice(("names", "all")),
    default="names",
    show_default=True,
    help="Where --grep looks: all adds the plan's excerpts and the notes.",
)
@click.option(
    "--kind",
    type=click.Choice((*KINDS, "all")),
    default="target",
    show_default=True,
    help="Targets the plan aims at, achievements it reports, headlines restating another record, or all.",
)
@click.option("--attainment", is_flag=True, help="The actuals the plan itself reports, with the attainment it states.")
@click.option(
    "--template", is_flag=True, help="A ledger to fill in (-o actuals.csv): the targets chosen, blank actuals."
)
@click.option(
    "--fail-under", type=Percent(), metavar="PCT", help="Exit 1 when any listed KPI's attainment is below PCT."
)
@click.option("--fail-on-missing", is_flag=True, help="Exit 1 when a KPI of the ledger has no actual (미보고).")
@measured
@listing
@click.pass_context
def kpi(
    ctx: click.Context,
    pillar: str | None,
    strategy: int | None,
    grep: tuple[str, ...],
    grep_in: str,
    kind: str,
    attainment: bool,
    template: bool,
    fail_under: float | None,
    fail_on_missing: bool,
    actuals: str | None,
    as_of: str | None,
    near: float,
    actuals_encoding: str,
    out: Output,
) -> None:
    """The plan's numeric targets: baseline, target, change and growth.

    Without actuals this shows the planned change from baseline to target, not
    attainment. Money keeps its unit; a change of a % KPI is in %p. With --actuals
    FILE, a ledger of dated actuals, it shows each KPI's latest actual measured
    against its value for that year: attainment %, progress %, the pace expected by
    then, and the status (달성/근접/미달, 순항/지연 before the date, 미보고).

    \b
    Examples:
      seoulplan kpi --pillar welfare
      seoulplan kpi --pillar 1 --strategy 5 --format csv
      seoulplan kpi --grep 청년 --sort -growth_pct
      seoulplan kpi --grep 청년 --grep 일자리
      seoulplan kpi --pillar 1 --strategy 5 --template -o actuals.csv
      seoulplan kpi --actuals actuals.csv --as-of 2020-Q2 --fail-under 90
      seoulplan kpi show future.youth-unemployment-rate
    """
    if ctx.invoked_subcommand is not None:
        given = [
            p.opts[0]
            for p in ctx.command.params
            if p.name and ctx.get_parameter_source(p.name) not in (ParameterSource.DEFAULT, None)
        ]
        if given:
            raise UsageError(
                f"{', '.join(given)} before '{ctx.invoked_subcommand}' would be ignored: "
                f"'kpi {ctx.invoked_subcommand}' takes its own options after it, "
                f"e.g. seoulplan kpi {ctx.invoked_subcommand} ID --format json"
            )
        return
    _refuse_combinations(actuals, attainment, template, fail_under, fail_on_missing, as_of, kind)
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    pillar_name = plan.pillar(pillar)["name"] if pillar is not None else None
    if template:
        out.emit(ctx, plan.template(pillar, strategy=strategy, grep=grep, grep_in=grep_in), views.template(pillar_name))
        return
    if actuals:
        frame = plan.attainment(
            actuals,
            as_of=as_of,
            near=near,
            pillar=pillar,
            strategy=strategy,
            grep=grep,
            grep_in=grep_in,
            encoding=actuals_encoding,
        )
        out.emit(ctx, frame, views.measured(pillar_name, near, as_of))
    elif attainment:
        frame = plan.stated_attainment(pillar, strategy=strategy, grep=grep, grep_in=grep_in)
        out.emit(ctx, frame, views.stated(pillar_name))
    else:
        frame = plan.kpis(pillar, kind=kind, strategy=strategy, grep=grep, grep_in=grep_in)
        out.emit(ctx, frame, views.kpis(pillar_name, kind))
        return
    _fail(frame, fail_under, fail_on_missing)


def _refuse_combinations(
    actuals: str | None,
    attainment: bool,
    template: bool,
    fail_under: float | None,
    fail_on_missing: bool,
    as_of: str | None,
    kind: str,
) -> None:
    """Options that would be silently ignored are usage errors: a CI gate that forgot its
    ledger must not pass."""
    if sum(map(bool, (actuals, attainment, template))) > 1:
        raise UsageError("choose one of --actuals FILE, --attainment and --template")
    if fail_under is not None and not (actuals or attainment):
        raise UsageError("--fail-under needs --actuals FILE (or --attainment): without actuals nothing is measured")
    if (fail_on_missing or as_of) and not actuals:
        option = "--fail-on-missing" if fail_on_missing else "--as-of"
        raise UsageError(f"{option} needs --actuals FILE")
    if kind != "target" and (actuals or attainment or template):
        raise UsageError("--kind chooses what the plain list shows; actuals are measured against targets")


def _fail(frame: Any, fail_under: float | None, fail_on_missing: bool) -> None:
    """Exit 1 (after the report is written) on the findings asked to fail on."""
    from seoulplan.core import tracking

    failing = tracking.failing(frame, fail_under, missing=fail_on_missing)
    if len(failing):
        ids = ", ".join(failing["id"].head(10)) + (" …" if len(failing) > 10 else "")
        what = [f"below {fail_under:g}% attainment"] if fail_under is not None else []
        what += ["not reported"] if fail_on_missing else []
        raise FindingsError(f"{len(failing)} KPI(s) {' or '.join(what)}: {ids}")


@kpi.command("show")
@click.argument("kpi_id", metavar="ID", shell_complete=_completer("kpis", "id"))
@listing
@click.pass_context
def kpi_show(ctx: click.Context, kpi_id: str, out: Output) -> None:
    """One KPI in full: every field, the computed measures and its source excerpt.

    \b
    Example:
      seoulplan kpi show future.youth-unemployment-rate
    """
    from seoulplan.presentation import views

    frame = ctx.obj.plan().kpi(kpi_id)
    out.emit(ctx, frame, views.kpi_detail(kpi_id, frame["name"].iloc[0]))


@click.command()
@measured
@listing
@click.pass_context
def pillars(
    ctx: click.Context, actuals: str | None, as_of: str | None, near: float, actuals_encoding: str, out: Output
) -> None:
    """The five policy pillars and section IV, their strategies, and KPI counts.

    For each strategy: its targets (and how many have a baseline), the achievements
    the plan reports, and the headlines. With --actuals FILE: per pillar, how many
    targets have an actual and how many are 달성, 근접, 미달, 순항, 지연 and 미보고.

    \b
    Examples:
      seoulplan pillars
      seoulplan pillars --actuals actuals.csv --as-of 2020-Q2
    """
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    if actuals:
        frame = plan.pillar_attainment(actuals, as_of=as_of, near=near, encoding=actuals_encoding)
        out.emit(ctx, frame, views.pillar_attainment(near, as_of))
    else:
        if as_of:
            raise UsageError("--as-of needs --actuals FILE")
        out.emit(ctx, plan.pillars(), views.pillars(len(plan.kpi_table)))


@click.command()
@click.option(
    "--by", type=click.Choice(PERIODS), default="quarter", show_default=True, help="The period of each column."
)
@measured
@listing
@click.pass_context
def track(
    ctx: click.Context, by: str, actuals: str | None, as_of: str | None, near: float, actuals_encoding: str,
    out: Output,
) -> None:  # fmt: skip
    """Follow the ledger through the year: a KPI per row, a period per column.

    Each cell is the KPI's latest actual in that period; the last column is its latest
    status. Machine formats (csv, json, ...) give the long form: a row per KPI and
    period, measured.

    \b
    Examples:
      seoulplan track --actuals actuals.csv
      seoulplan track --actuals actuals.csv --by month --as-of 2020-06 --format csv
    """
    from seoulplan.core import tracking
    from seoulplan.presentation import render, views

    if not actuals:
        raise UsageError("track needs --actuals FILE: the ledger of dated actuals to follow")
    frame = ctx.obj.plan().track(actuals, by=by, as_of=as_of, near=near, encoding=actuals_encoding)
    if render.format_for(out.fmt, out.output) in ("table", "markdown"):
        wide = tracking.wide(frame)
        out.emit(ctx, wide, views.track(wide, by, as_of))
    else:
        out.emit(ctx, frame, None)


@click.command()
@click.option("--strict", is_flag=True, help="Exit 1 when any arithmetic check disagrees.")
@click.option("--only-failures", is_flag=True, help="List only the checks that disagree and the ambition flags.")
@listing
@click.pass_context
def audit(ctx: click.Context, strict: bool, only_failures: bool, out: Output) -> None:
    """Recompute every total, difference, share and percentage the plan states.

    Each check shows where it is (section, record, source excerpt), what the plan
    says, what its figures give, and whether they agree within the plan's own
    rounding. Targets no better than their baseline are flagged (목표≤기준).

    \b
    Examples:
      seoulplan audit --only-failures
      seoulplan audit --strict --format json
    """
    from seoulplan.core import audit as checking
    from seoulplan.presentation import views

    plan = ctx.obj.plan()
    checks = plan.audit()
    shown = plan.audit(only_failures=True) if only_failures else checks
    out.emit(ctx, shown, views.audit(**checking.summary(checks)))
    failures = checking.disagreements(checks)
    if strict and len(failures):
        raise FindingsError(f"{len(failures)} check(s) disagree: " + ", ".join(failures["check_id"]))


@click.command()
@click.argument("file", required=False, metavar="[FILE]")
@click.pass_context
def validate(ctx: click.Context, file: str | None) -> None:
    """Check a dataset file and report every problem (default: the dataset in use).

    Exits 0 with a one-line summary when the file is valid, 3 when it has problems.

    \b
    Example:
      seoulplan validate my-plan.yaml
    """
    from seoulplan.core.plan import check
    from seoulplan.core.validation import SCHEMA

    settings = ctx.obj
    name, problems, doc = check(file if file is not None else settings.data, encoding=settings.input_encoding)
    if problems:
        for p in problems:
            click.echo(p.render(name), err=True)
        raise DataError(f"{name}: {len(problems)} problem(s)")
    assert doc is not None
    click.echo(f"{name}: valid ({SCHEMA}; {len(doc.get('kpis') or [])} KPIs, {len(doc['pillars'])} pillars)")


@click.command(context_settings={"ignore_unknown_options": True})  # "-3조" is an amount, not an option
@click.argument("expr", nargs=-1, required=True)
@click.option(
    "--to",
    "to",
    type=click.Choice(UNITS),
    default="auto",
    show_default=True,
    help="Write the result in this unit (auto groups by 조/억/만).",
)
@click.option(
    "--percent", is_flag=True, help="Write a ratio of two amounts as a percentage (10.62%) instead of 0.1062."
)
@click.pass_context
def money(ctx: click.Context, expr: tuple[str, ...], to: str, percent: bool) -> None:
    """Korean money calculator: read an amount (or a sum) and write it back.

    Accepts what people type: 39조 5,359억원, 395,359억, 11억 3천만원, 1.5만, 3천5백;
    + - x / and brackets combine amounts (x or × multiplies, so nothing needs quoting;
    quote expressions with * or brackets, which the shell would expand). Arguments are
    joined with spaces. A ratio of two amounts is written to 4 decimals (0.1062), or as a
    percentage with --percent (10.62%), enough to check a rate the plan states.

    \b
    Examples:
      seoulplan money "39조 5,359억원" --to 원             # 39,535,900,000,000원
      seoulplan money 395359억                            # 39조 5,359억원
      seoulplan money 39조 5,359억 - 35조 7,416억          # 3조 7,943억원
      seoulplan money 3조 7,943억 / 35조 7,416억 --percent  # 10.62%
    """
    from seoulplan.core.money import normalise_unit, parse_expression
    from seoulplan.presentation.formatting import format_number, format_won

    settings = ctx.obj
    value, kind = parse_expression(" ".join(expr))
    if percent and kind != "ratio":
        raise UsageError("--percent writes a ratio of two amounts (39조 / 35조); this is not one")
    if kind == "amount":
        click.echo(format_won(value, to=normalise_unit(to), style=settings.style, locale=settings.locale))
    elif kind == "ratio":
        shown = format_number(value * 100, 2, locale=settings.locale) + "%" if percent else None
        click.echo(shown or format_number(value, 4, locale=settings.locale))
    else:
        click.echo(format_number(value, locale=settings.locale))


COMMANDS = (budget, finance, general, covid, kpi, track, pillars, audit, validate, money)
