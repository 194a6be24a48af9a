"""The report's section on a ledger of actuals: the status per pillar, progress and pace per
KPI, the trend of KPIs observed more than once, and what is not reported."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd

from seoulplan.core.money import round_half_up
from seoulplan.core.numeric import decimal_places
from seoulplan.core.pace import NOT_REPORTED, PACED_FROM_ZERO
from seoulplan.presentation import charts
from seoulplan.presentation.report.page import Block, Page, Section, pillar_label, plain
from seoulplan.presentation.views import (
    MOST_PERIODS,
    WIDE_KEYS,
    Options,
    column,
    period_columns,
    quantity,
    record_of,
    row_places,
    shown_periods,
    unit_name,
)

STATUS_COLORS = {
    "달성": "#2e7d32",
    "근접": "#9ccc65",
    "미달": "#c62828",
    "순항": "#1f5fa8",
    "지연": "#ef8f00",
    "진행 중": "#7e57c2",
    "미보고": "#c8c8c8",
}
#: The statuses from the worst: the order in which KPIs are drawn when not all fit.
WORST_FIRST = ("미달", "지연", "근접", "진행 중", "순항", "달성", "미보고")
MOST_PROGRESS_BARS = 20  # KPIs per progress chart; the table lists them all
MOST_TRENDS = 12  # small multiples in the trend chart
#: Points in one small multiple: more do not read at its 200 pixels' width (a century of
#: months is 1,212), and each costs the drawing time.
MOST_TREND_POINTS = 120


class Measured:
    """The ledger read once and measured where the page shows it; the frames the section shows, made from it
    as the library's ``attainment``, ``pillar_attainment``, ``observations`` and ``track`` make
    theirs (a ledger from standard input cannot be read twice)."""

    def __init__(
        self,
        plan: Any,
        actuals: Any,
        *,
        as_of: str | None,
        near: float,
        encoding: str,
        stale_after: int = 92,
        today: Any = None,
    ) -> None:
        from seoulplan.core import tracking

        measurement = plan.measurement(
            actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
        )
        self.at = measurement.at
        self.stale_after = stale_after
        self.latest = measurement.latest(plan.kpi_table)
        self.goals = measurement.goals
        #: the targets the ledger names up to the question's date (blank rows too)
        self.named = self.latest["id"].isin(set(measurement.ledger["id"])).to_numpy(bool)
        self.by_pillar = tracking.by_pillar(plan.doc["pillars"], plan.kpi_table, self.latest)
        self.measurement, self.names = measurement, plan.kpi_table[["id", "name", "name_en", "unit", "direction"]]
        #: observations per target, in the dataset's order
        reported = measurement.ledger[measurement.ledger["actual"].notna()]
        sizes = reported.groupby("id", sort=False).size()
        self.counts = sizes.reindex([kid for kid in plan.kpi_table["id"] if kid in sizes.index])
        # the trend table shows the latest quarters at most: only those are measured
        spanned = measurement.periods(by="quarter")
        self.quarters = len(spanned)
        first = spanned["start"].iloc[-MOST_PERIODS].date() if self.quarters > MOST_PERIODS else None
        self.tracked = measurement.track(by="quarter", start=first)

    def observations(self, ids: Any) -> pd.DataFrame:
        """The observations of the targets ``ids``, measured (``Plan.observations``), with their
        names and ``date`` as a datetime: only the targets the page draws are measured."""
        observed = self.measurement.observations(ids)
        observed = observed.merge(self.names, on="id", how="left", sort=False)
        return observed.assign(date=pd.to_datetime(observed["as_of_date"]))


def actuals(page: Page, measured: Measured, name: str, as_of: str | None) -> Section:
    section = Section("actuals", page.gettext("Actuals"))
    observations, kpis = int(measured.counts.sum()), int(measured.named.sum())
    section.blocks.append(
        Block(
            "text",
            page.gettext(
                "Ledger {name}: {observations} of {kpis}{as_of}. Each is measured against the KPI's value "
                "for its year and, before that date, against the pace: the straight line from the baseline "
                "to the target."
            ).format(
                name=name,
                observations=page.ngettext("{count} observation", "{count} observations", observations).format(
                    count=page.count(observations)
                ),
                kpis=page.ngettext("{count} KPI", "{count} KPIs", kpis).format(count=page.count(kpis)),
                as_of=page.gettext(", as of {as_of}").format(as_of=as_of) if as_of else "",
            ),
        )
    )

    section.blocks.append(_status(page, measured))

    latest = page.localised(measured.latest)
    unreported = (measured.latest["status"] == NOT_REPORTED).to_numpy(bool)
    reported = latest[~unreported]
    for pillar in page.localised(measured.by_pillar).to_dict("records"):
        rows = reported[reported["pillar"] == pillar["pillar"]]
        if not rows.empty:
            section.blocks.append(_progress(page, rows, measured, pillar_label(pillar)))
    trends = _trends(page, measured)
    if trends is not None:
        section.blocks.append(trends)

    missing = latest[unreported & measured.named]
    absent = int(unreported.sum()) - len(missing)
    if missing.empty:
        section.blocks.append(Block("text", page.gettext("Every KPI of the ledger has an actual.")))
    else:
        section.blocks.append(
            page.table(
                page.gettext("Not reported"),
                page.grid(missing, [column("id"), column("name"), column("target")]),
                [
                    page.ngettext(
                        "{count} KPI of the ledger with no actual by the date.",
                        "{count} KPIs of the ledger with no actual by the date.",
                        len(missing),
                    ).format(count=page.count(len(missing)))
                    + " "
                    + page.ngettext(
                        "The {count} target the ledger does not name counts as not reported in the status by "
                        "pillar too.",
                        "The {count} targets the ledger does not name count as not reported in the status by "
                        "pillar too.",
                        absent,
                    ).format(count=page.count(absent))
                ],
            )
        )
    return section


def _status(page: Page, measured: Measured) -> Block:
    """The status per pillar of the targets with an actual: a bar part per status but 미보고,
    whose count is written after each bar (and in the table), so that a ledger of a few
    targets is not a chart of grey."""
    from seoulplan.core.vocabulary import STATUS_KEYS

    by_pillar = page.localised(measured.by_pillar)
    labels = [pillar_label(r) for r in by_pillar.to_dict("records")]
    reported = {status: key for status, key in STATUS_KEYS.items() if status != NOT_REPORTED}
    series = [
        charts.Series(
            page.status(status),
            by_pillar[key].astype(int).tolist(),
            STATUS_COLORS[status],
            [str(v) if v else "" for v in by_pillar[key]],
        )
        for status, key in reported.items()
    ]
    unreported = by_pillar["not_reported"].astype(int)
    after = [page.gettext("{count} not reported").format(count=page.count(n)) if n else "" for n in unreported]
    columns = [
        column("pillar_name", "label", kind=lambda v, row, o: pillar_label(row)),
        column("targets"),
        column("with_actuals"),
        *(column(key) for key in STATUS_KEYS.values()),
    ]
    reported_count, unreported_count = int(by_pillar["with_actuals"].sum()), int(unreported.sum())
    note = (
        page.ngettext(
            "The bars count the {count} target with actuals.",
            "The bars count the {count} targets with actuals.",
            reported_count,
        ).format(count=page.count(reported_count))
        + " "
        + page.ngettext(
            "The other {unreported} of the {targets} targets is not reported: each pillar's count is written "
            "after its bar and in the table's Not reported column.",
            "The other {unreported} of the {targets} targets are not reported: each pillar's count is written "
            "after its bar and in the table's Not reported column.",
            unreported_count,
        ).format(unreported=page.count(unreported_count), targets=page.count(int(by_pillar["targets"].sum())))
    )
    return page.chart(
        page.gettext("Status by pillar: targets with actuals"),
        partial(
            charts.stacked_bars, labels, series, axis=page.pgettext("chart axis", "Targets with actuals"), after=after
        ),
        page.grid(by_pillar, columns),
        [note],
    )


def _progress(page: Page, rows: pd.DataFrame, measured: Measured, pillar: str) -> Block:
    """Progress and pace of the KPIs of one pillar: the worst drawn first, all in the table.

    A bar is the progress (from the pace's start to the goal: for a term total counted from
    zero, its attainment); a target with no pace to follow (진행 중, a limit or range to keep)
    has its attainment as its bar and no tick. A hollow circle marks the projection at the
    deadline on the bar's own scale."""
    korean = measured.latest.loc[rows.index]
    worst = korean["status"].map(WORST_FIRST.index)
    measure = rows["progress_pct"].fillna(rows["attainment_pct"])
    gap = (measure - rows["expected_progress_pct"]).fillna(0)
    order = rows.assign(_worst=worst, _gap=gap).sort_values(["_worst", "_gap"], kind="stable")
    drawn = order.head(MOST_PROGRESS_BARS)
    unpaced = drawn["progress_pct"].isna()
    projected = _projected_pct(drawn, measured.goals)
    stale = drawn["stale"].fillna(False).astype(bool)

    bars = []
    for index, row in drawn.iterrows():
        status = korean.at[index, "status"]
        value = plain(row["progress_pct"])
        text = f"{page.pct(value)} · {row['status']}"
        if value is None:
            value = plain(row["attainment_pct"])
            attained = page.gettext("{pct} attained").format(pct=page.pct(value))
            text = f"{attained} · {row['status']}"
        if stale[index]:
            text += " · " + page.gettext("stale")
        bars.append(
            charts.Progress(
                label=page.short(row["name"]),
                value=value,
                color=STATUS_COLORS[status],
                text=text,
                pace=plain(row["expected_progress_pct"]),
                projected=plain(projected[index]),
            )
        )

    notes = (
        [
            page.gettext("The {shown} furthest behind are drawn ({total} in the table).").format(
                shown=len(drawn), total=len(rows)
            )
        ]
        if len(drawn) < len(rows)
        else []
    )
    paces = page.plan.kpi_table.set_index("id")["pace"]
    if (drawn["baseline"].isna() & drawn["id"].map(paces).isin(PACED_FROM_ZERO)).any():
        notes.append(
            page.gettext(
                "A term total without a baseline starts from zero at the start of its term: its "
                "progress is its attainment."
            )
        )
    if unpaced.any():
        notes.append(
            page.gettext(
                "A target with no pace to follow (in progress: a level or rate without a "
                "baseline; a limit or range to keep) has no pace tick: its bar is its attainment."
            )
        )
    if (drawn["expected_progress_pct"].isna() & ~unpaced).any():
        notes.append(
            page.gettext(
                "A target past its deadline has no pace tick: its status is settled by its actual at the deadline."
            )
        )
    if projected.notna().any():
        notes.append(
            page.gettext(
                "A hollow circle: where the line through the latest actual (from the pace's "
                "start, or without one from the actual before) reaches at the deadline, on the "
                "bar's scale (a triangle at the edge when off the axis); its value is in the "
                "table's Projected column."
            )
        )
    if stale.any():
        notes.append(
            page.ngettext(
                "Stale: the actual is more than {days} day old at the date of the question (at the deadline, "
                "once it has passed).",
                "Stale: the actual is more than {days} days old at the date of the question (at the deadline, "
                "once it has passed).",
                measured.stale_after,
            ).format(days=page.count(measured.stale_after))
        )

    def actual(value: Any, row: Any, options: Options) -> str:
        figure = quantity(value, row.get("unit") or "", options, places=row_places(row), record=record_of(row))
        when = f"{row.get('as_of')}, {page.gettext('stale')}" if row.get("stale") else row.get("as_of")
        return f"{figure}\n({when})"  # the figure over its date: a table of figures keeps the line break

    # no id column: the names are the chart's, and the columns of figures need the width in print
    columns = [
        column("name"),
        column("target"),
        column("actual", "as of", kind=actual, right=True),
        column("attainment_pct"),
        column("progress_pct"),
        column("expected_progress_pct"),
        column("projected", "title", right=True),
        column("status"),
    ]
    legend = [(page.status(s), STATUS_COLORS[s]) for s in WORST_FIRST if s != NOT_REPORTED]
    return page.chart(
        page.gettext("Progress and pace: {pillar}").format(pillar=pillar),
        partial(
            charts.progress_bars,
            bars,
            axis=page.gettext("Progress (%)"),
            pace_label=page.gettext("Expected by now (pace)"),
            projected_label=page.gettext("Projected at the deadline (latest trend)"),
            legend=legend,
        ),
        page.grid(order, columns, figures=True),
        notes,
    )


def _projected_pct(rows: pd.DataFrame, goals: pd.DataFrame) -> pd.Series:
    """Where each row's projection falls on its bar's scale: its progress from the start of
    its leg (:func:`seoulplan.core.pace.legs`) to its goal where it is paced, else its
    projected attainment. Floats: a mark on a chart."""
    starts = goals.drop_duplicates(["id", "goal_year"]).set_index(["id", "goal_year"])["start"]
    keys = pd.MultiIndex.from_arrays([rows["id"].astype(object), rows["target_year"].astype("Int64").astype(object)])
    start = pd.Series(starts.reindex(keys).to_numpy(), index=rows.index).map(plain)
    projected, goal = rows["projected"].astype("Float64"), rows["target"].astype("Float64")
    origin = start.astype("Float64")
    progress = (projected - origin) / (goal - origin) * 100
    paced = rows["progress_pct"].notna() & (goal != origin).fillna(False)
    return progress.where(paced, rows["projected_attainment_pct"].astype("Float64"))


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
                unit=_axis_unit(unit, page, kpi_id),
                dates=[d.date() for d in rows["date"]],
                actuals=rows["actual"].astype(float).tolist(),
                ticks=rows["as_of"].tolist(),
                plan_dates=[pd.Timestamp(int(y), 12, 31).date() for y in points["year"]],
                plan_values=points["value"].astype(float).tolist(),
                projected=_projection(latest.loc[kpi_id]),
                plan_ticks=[str(int(y)) for y in points["year"]],
            )
        )
    from seoulplan.core.tracking import wide

    table_rows = measured.tracked[measured.tracked["id"].isin(several)]
    quarters = measured.quarters
    pivot = page.localised(wide(table_rows, measured.latest, periods=shown_periods(len(several), quarters)))
    periods = [c for c in pivot.columns if c not in WIDE_KEYS]

    pivot = pivot.join(latest[["projected", "target_year"]], on="id")

    def projection(value: Any, row: Any, options: Options) -> str:
        places = max((decimal_places(row[p]) for p in periods if row.get(p) is not None), default=0)
        text = quantity(
            round_half_up(value, places), row.get("unit") or "", options, places=places, record=record_of(row)
        )
        year = row.get("target_year")
        return text + (f" ('{year % 100:02d})" if year is not None else "")

    columns = [
        column("name"),
        *period_columns(pivot),
        column("projected", "title", kind=projection, right=True),
        column("status", "latest", marked=True),  # judged against the target the table does not show
    ]
    notes = (
        [page.gettext("{shown} are drawn ({total} in the table).").format(shown=len(drawn), total=len(several))]
        if len(drawn) < len(several)
        else []
    )
    if any(panel.projected is not None for panel in panels):
        notes.append(
            page.gettext(
                "Dotted line and hollow circle: where the line through the latest actual (from "
                "the pace's start, or without one from the actual before) reaches at the deadline"
                " (the table's Projected column)."
            )
        )
    if thinned:
        notes.append(
            page.gettext(
                "A KPI with more than {most} actuals is drawn with the last of each month, "
                "quarter, half-year or year: the shortest period that gives at most {most} "
                "points."
            ).format(most=MOST_TREND_POINTS)
        )
    if len(periods) < quarters:
        notes.append(
            page.ngettext(
                "The table shows the latest {shown} of {total} quarter (from {first}); every period: "
                "seoulplan track --format csv, or end earlier with --as-of.",
                "The table shows the latest {shown} of {total} quarters (from {first}); every period: "
                "seoulplan track --format csv, or end earlier with --as-of.",
                quarters,
            ).format(shown=len(periods), total=page.count(quarters), first=periods[0])
        )
    return page.chart(
        page.gettext("Trends: KPIs observed more than once"),
        partial(
            charts.trends,
            panels,
            actual_label=page.gettext("Actual"),
            plan_label=page.gettext("Plan (baseline → target)"),
            projected_label=page.gettext("Projected at the deadline (latest trend)"),
        ),
        page.grid(pivot, columns, figures=True),
        notes,
    )


def _projection(row: pd.Series) -> tuple[Any, float] | None:
    """Where the line through a target's latest actual ends: its deadline and value."""
    value = plain(row["projected"])
    if value is None:
        return None
    return pd.Timestamp(int(row["target_year"]), 12, 31).date(), float(value)


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


def _axis_unit(unit: str, page: Page, kpi_id: str) -> str:
    """A KPI's unit as an axis label, in the page's language (억원, or KRW 100 million)."""
    return unit_name(unit.strip(), page.options, record=kpi_id)
