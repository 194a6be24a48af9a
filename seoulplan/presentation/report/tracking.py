"""The report's section on a ledger of actuals: the status per pillar, progress and pace per
KPI, the trend of KPIs observed more than once, and what is not reported."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd

from seoulplan.presentation import charts
from seoulplan.presentation.report.page import KPI, Block, Page, Section, pillar_label, plain
from seoulplan.presentation.views import (
    STATUS_EN,
    WIDE_KEYS,
    Column,
    period_columns,
    shown_periods,
    unit_name,
)

STATUS_COLORS = {
    "달성": "#2e7d32",
    "근접": "#9ccc65",
    "미달": "#c62828",
    "순항": "#1f5fa8",
    "지연": "#ef8f00",
    "미보고": "#c8c8c8",
}
#: The statuses from the worst: the order in which KPIs are drawn when not all fit.
WORST_FIRST = ("미달", "지연", "근접", "순항", "달성", "미보고")
MOST_PROGRESS_BARS = 20  # KPIs per progress chart; the table lists them all
MOST_TRENDS = 12  # small multiples in the trend chart
#: Points in one small multiple: more do not read at its 200 pixels' width (a century of
#: months is 1,212), and each costs the drawing time.
MOST_TREND_POINTS = 120


class Measured:
    """The ledger read once and measured where the page shows it; the frames the section shows, made from it
    as the library's ``attainment``, ``pillar_attainment``, ``observations`` and ``track`` make
    theirs (a ledger from standard input cannot be read twice)."""

    def __init__(self, plan: Any, actuals: Any, *, as_of: str | None, near: float, encoding: str):
        from seoulplan.core import tracking

        ledger = plan.ledger(actuals, as_of=as_of, encoding=encoding)
        # Measured are what the page shows: each KPI's latest two observations, and every
        # observation of the KPIs drawn (:meth:`observations`); not every row of the ledger.
        latest_rows = tracking.measure(tracking.latest_only(ledger), plan.kpi_table, plan.series, near=near)
        self.latest = tracking.latest(latest_rows, ledger, plan.kpi_table)
        self.by_pillar = tracking.by_pillar(plan.doc["pillars"], plan.kpi_table, self.latest)
        self.plan, self.ledger, self.near = plan, ledger, near
        #: observations per KPI, in the dataset's order
        sizes = ledger[ledger["actual"].notna()].groupby("id", sort=False).size()
        self.counts = sizes.reindex([kid for kid in plan.kpi_table["id"] if kid in sizes.index])
        self.tracked = tracking.periods_of(ledger, plan.kpi_table, self.latest, by="quarter")

    def observations(self, ids: Any) -> pd.DataFrame:
        """The observations of the KPIs ``ids`` (``Plan.observations``), with their names and
        ``date`` as a datetime."""
        from seoulplan.core import tracking

        kpi_table = self.plan.kpi_table
        rows = self.ledger[self.ledger["id"].isin(ids)]
        measured = tracking.measure(rows, kpi_table, self.plan.series, near=self.near)
        observed = tracking.observations(measured, kpi_table)
        names = kpi_table[["id", "name", "name_en", "unit", "direction"]]
        observed = observed.merge(names, on="id", how="left", sort=False)
        return observed.assign(date=pd.to_datetime(observed["as_of_date"]))


def actuals(page: Page, measured: Measured, name: str, as_of: str | None) -> Section:
    section = Section("actuals", page("actuals"))
    section.blocks.append(
        Block(
            "text",
            page(
                "actuals_intro",
                name=name,
                observations=page.count(int(measured.counts.sum())),
                kpis=page.count(measured.latest["id"].nunique()),
                as_of=page("until", as_of=as_of) if as_of else "",
            ),
        )
    )

    by_pillar = page.localised(measured.by_pillar)
    from seoulplan.core.tracking import STATUS_KEYS

    labels = [pillar_label(r) for r in by_pillar.to_dict("records")]
    series = [
        charts.Series(
            page.status(status),
            by_pillar[key].astype(int).tolist(),
            STATUS_COLORS[status],
            [str(v) if v else "" for v in by_pillar[key]],
        )
        for status, key in STATUS_KEYS.items()
    ]
    columns = [
        Column("pillar_name", "분야", "Pillar", lambda v, row, o: pillar_label(row)),
        Column("targets", "목표", "Targets", "int"),
        Column("with_actuals", "실적 있음", "With actuals", "int"),
        *(Column(key, status, STATUS_EN[status].capitalize(), "int") for status, key in STATUS_KEYS.items()),
    ]
    axis = page("unit_count")
    section.blocks.append(
        page.chart(
            page("status_by_pillar"),
            partial(charts.stacked_bars, labels, series, axis=axis),
            page.grid(by_pillar, columns),
        )
    )

    latest = page.localised(measured.latest)
    reported = latest[measured.latest["status"] != "미보고"]
    for pillar in by_pillar.to_dict("records"):
        rows = reported[reported["pillar"] == pillar["pillar"]]
        if not rows.empty:
            section.blocks.append(_progress(page, rows, measured.latest, pillar_label(pillar)))
    trends = _trends(page, measured)
    if trends is not None:
        section.blocks.append(trends)

    missing = latest[measured.latest["status"] == "미보고"]
    absent = int(measured.by_pillar["not_reported"].sum()) - len(missing)
    if missing.empty:
        section.blocks.append(Block("text", page("not_reported_none")))
    else:
        section.blocks.append(
            page.table(
                page("not_reported"),
                page.grid(missing, [KPI["id"], KPI["name"], KPI["target"]]),
                [page("not_reported_intro", listed=page.count(len(missing)), absent=page.count(absent))],
            )
        )
    return section


def _progress(page: Page, rows: pd.DataFrame, korean: pd.DataFrame, pillar: str) -> Block:
    """Progress and pace of the KPIs of one pillar: the worst drawn first, all in the table."""
    statuses = korean.loc[rows.index, "status"]
    worst = statuses.map(WORST_FIRST.index)
    gap = (rows["progress_pct"].fillna(rows["attainment_pct"]) - rows["expected_progress_pct"]).fillna(0)
    drawn = rows.assign(_worst=worst, _gap=gap).sort_values(["_worst", "_gap"], kind="stable").head(MOST_PROGRESS_BARS)
    notes = [page("progress_shown", shown=len(drawn), total=len(rows))] if len(drawn) < len(rows) else []
    # an increase with no baseline is paced from zero: its progress is its attainment
    from_zero = drawn["baseline"].isna() & (drawn["direction"] == "increase")
    drawn = drawn.assign(progress_pct=drawn["progress_pct"].mask(from_zero, drawn["attainment_pct"]))
    if from_zero.any():
        notes.append(page("progress_from_zero"))
    texts = [f"{page.pct(p)} · {s}" for p, s in zip(drawn["progress_pct"], drawn["status"])]
    colors = [STATUS_COLORS[s] for s in korean.loc[drawn.index, "status"]]
    legend = [(page.status(s), STATUS_COLORS[s]) for s in WORST_FIRST[:-1]]
    progress = [plain(v) for v in drawn["progress_pct"]]
    expected = [plain(v) for v in drawn["expected_progress_pct"]]
    labels = [page.short(n) for n in drawn["name"]]
    columns = [
        KPI["id"],
        KPI["name"],
        Column("target", "목표", "Target", KPI["target"].kind),
        Column("as_of", "기준일", "As of"),
        Column("actual", "실적", "Actual", "quantity"),
        Column("attainment_pct", "달성률", "Attainment", "pct"),
        Column("progress_pct", "진척률", "Progress", "pct"),
        Column("expected_progress_pct", "예상 진척률", "Expected progress", "pct"),
        Column("status", "상태", "Status"),
    ]
    axis, pace = page("unit_progress"), page("pace")
    return page.chart(
        page("progress", pillar=pillar),
        partial(
            charts.progress_bars, labels, progress, expected, colors, texts, axis=axis, pace_label=pace, legend=legend
        ),
        page.grid(rows, columns),
        notes,
    )


def _trends(page: Page, measured: Measured) -> Block | None:
    """Small multiples of the KPIs observed more than once (the worst first, at most
    :data:`MOST_TRENDS`), each of at most :data:`MOST_TREND_POINTS` points; the table under
    them lists every such KPI over the latest quarters (:func:`~seoulplan.presentation.views.shown_periods`).
    Both are bounded by what the page shows, not by the length of the ledger; a note says
    what was left out."""
    counts = measured.counts
    several = counts[counts > 1].index
    if not len(several):
        return None
    latest = measured.latest.set_index("id")
    position = {kpi_id: n for n, kpi_id in enumerate(several)}
    order = sorted(several, key=lambda i: (WORST_FIRST.index(latest.at[i, "status"]), position[i]))
    drawn = order[:MOST_TRENDS]
    series = page.plan.milestones()
    series = series[series["role"] != "actual"]
    localised = page.localised(measured.observations(drawn))
    panels, thinned = [], False
    for kpi_id in drawn:
        rows = localised[localised["id"] == kpi_id]
        first = rows["date"].min()
        goal_year = int(rows["target_year"].max())
        points = series[(series["id"] == kpi_id) & (series["year"] >= first.year - 1) & (series["year"] <= goal_year)]
        unit = rows["unit"].iloc[0] or ""
        if len(rows) > MOST_TREND_POINTS:
            rows, thinned = _thinned(rows), True
        panels.append(
            charts.Trend(
                heading=page.short(rows["name"].iloc[0], 24),
                unit=_axis_unit(unit, page),
                dates=[d.date() for d in rows["date"]],
                actuals=rows["actual"].astype(float).tolist(),
                ticks=rows["as_of"].tolist(),
                plan_dates=[pd.Timestamp(int(y), 12, 31).date() for y in points["year"]],
                plan_values=points["value"].astype(float).tolist(),
            )
        )
    from seoulplan.core.tracking import period_count, wide

    table_rows = measured.tracked[measured.tracked["id"].isin(several)]
    quarters = period_count(table_rows)
    pivot = page.localised(wide(table_rows, periods=shown_periods(len(several), quarters)))
    periods = [c for c in pivot.columns if c not in WIDE_KEYS]
    columns = [KPI["name"], *period_columns(pivot), Column("status", "최근 상태", "Latest status")]
    notes = [page("trends_shown", shown=len(drawn), total=len(several))] if len(drawn) < len(several) else []
    if thinned:
        notes.append(page("trends_thinned", most=MOST_TREND_POINTS))
    if len(periods) < quarters:
        notes.append(page("trends_periods_shown", shown=len(periods), total=page.count(quarters), first=periods[0]))
    actual_label, plan_label = page("trend_actual"), page("trend_plan")
    return page.chart(
        page("trends"),
        partial(charts.trends, panels, actual_label=actual_label, plan_label=plan_label),
        page.grid(pivot, columns),
        notes,
    )


def _thinned(rows: pd.DataFrame) -> pd.DataFrame:
    """One KPI's observations as at most :data:`MOST_TREND_POINTS` points: the last of each
    month, quarter, half-year or year — the finest that fits (a ledger spans at most 101
    years) — as ``track --by`` counts them."""
    from seoulplan.core.tracking import period_labels
    from seoulplan.core.vocabulary import PERIODS

    for by in PERIODS:
        kept = rows.groupby(period_labels(rows["date"], by).to_numpy(), sort=False).tail(1)
        if len(kept) <= MOST_TREND_POINTS:
            break
    return kept.tail(MOST_TREND_POINTS)


def _axis_unit(unit: str, page: Page) -> str:
    """A KPI's unit as an axis label, in the page's language (억원, or KRW 100 million)."""
    return unit_name(unit.strip(), page.options)
