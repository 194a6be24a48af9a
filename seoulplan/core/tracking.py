"""Tracking the plan through its year: observations measured against the right target at
the right time (SPEC §5).

An observation as of a date in year Y is measured against the KPI's value for Y: the
first point of its series (target or milestone) in year Y or later — or the last one, for
an observation after it. ``attainment_pct`` is the actual against that value
(direction-aware); ``progress_pct`` the way travelled from the point before it (the
baseline, or an earlier milestone) to it. Before that value's date (the end of its year)
the observation is also measured against the pace: the value expected on the straight line
from the point before (at the end of its year) to the value (at the end of its year), as
``expected_progress_pct``. An increase target with no point before it is paced from zero
at the start of its year (the plan's yearly outputs: 652개소 개선); a decrease or maintain
target with none has no pace, nor has a limit (``at_most``, ``at_least``), which is measured
as a decrease or an increase but is met whenever the actual is within it.

Status: 달성 — the value is met in the KPI's direction; after the value's date, 근접 when
attainment is at least ``near`` %, else 미달; before it, 순항 when progress keeps up with
the pace, else 지연 (without a pace: 순항 when attainment is at least ``near`` %);
미보고 — a target with no observation.

pandas does the joining: ``merge_asof`` finds each observation's value and the point before
it, ``groupby`` the latest observation per KPI and the one before it, ``pivot_table`` the
periods of :func:`track`. Ratios are exact (:func:`seoulplan.core.calc.rate`); a status
turns on whether an actual reaches its value to the last digit.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core import calc
from seoulplan.core.frames import column
from seoulplan.core.i18n import _
from seoulplan.core.vocabulary import DOWNWARD, PERIODS, UPWARD
from seoulplan.errors import UsageError

ACHIEVED, NEAR, MISSED, ON_PACE, BEHIND, NOT_REPORTED = calc.ACHIEVED, calc.NEAR, calc.MISSED, "순항", "지연", "미보고"
STATUSES = (ACHIEVED, NEAR, MISSED, ON_PACE, BEHIND, NOT_REPORTED)
#: Status names in machine formats' summaries (pillars --actuals).
STATUS_KEYS = {ACHIEVED: "achieved", NEAR: "near", MISSED: "missed", ON_PACE: "on_pace", BEHIND: "behind",
               NOT_REPORTED: "not_reported"}  # fmt: skip

KPI_COLUMNS = ("id", "pillar", "pillar_name", "strategy", "strategy_name", "name", "name_en", "unit", "direction",
               "baseline_year", "baseline")  # fmt: skip
MEASURES = ("target_year", "target", "as_of", "actual", "attainment_pct", "progress_pct", "expected_progress_pct",
            "status")  # fmt: skip
#: The machine columns of ``kpi --actuals``: the latest observation of each KPI, and the one before.
LATEST_COLUMNS = (*KPI_COLUMNS, *MEASURES, "previous_as_of", "previous_actual", "change_since_previous")
#: The machine columns of ``track``: every observation, with its period.
TRACK_COLUMNS = ("id", "name", "unit", "direction", "period", *MEASURES)
#: Every observation measured (``Plan.observations``): ``date`` is the day the observation
#: stands at, the end of its ``as_of`` period (a datetime64 column).


def points(milestones: pd.DataFrame) -> pd.DataFrame:
    """The series of every KPI (``Plan.milestones()``: baseline, target, milestones; not the
    actuals the plan reports) with exact values, sorted for ``merge_asof``."""
    milestones = milestones[milestones["role"] != "actual"]
    frame = milestones.assign(exact=calc.exact_column(milestones["value"]), year=milestones["year"].astype("int64"))
    return frame.sort_values(["year", "id"], kind="stable").reset_index(drop=True)


def measure(observations: pd.DataFrame, kpi_table: pd.DataFrame, series: pd.DataFrame, *, near: float = 90
            ) -> pd.DataFrame:  # fmt: skip
    """Every observation that has an actual, measured: its ``id`` and ``direction`` and
    :data:`MEASURES`, by KPI and then date. The other KPI columns are joined to what is shown
    (:func:`latest`, :func:`track`), not carried through every sort and join of every
    observation."""
    # Joined on a KPI's number among the ids in order, not on the id: each text is hashed
    # once, and sorting by the number sorts by id.
    ids = sorted(kpi_table["id"].tolist())
    number = pd.Series(np.arange(len(ids)), index=ids)
    directions = kpi_table.set_index("id")["direction"].reindex(ids).to_numpy(object)
    # Texts as plain objects through the sorts and joins (a string column is re-made at each
    # one); the frames shown make them strings again (:func:`_typed`).
    obs = observations[observations["actual"].notna()].astype({"id": object, "as_of": object})
    kpi = number.reindex(obs["id"]).to_numpy()
    obs = obs.assign(year=obs["as_of_date"].dt.year.astype("int64"), kpi=kpi, direction=directions[kpi])
    numbered = series.assign(kpi=number.reindex(series["id"]).to_numpy())
    goals = numbered[numbered["role"] != "baseline"][["kpi", "year", "exact"]].rename(columns={"exact": "goal"})
    goals["goal_year"] = goals["year"]
    obs = obs.sort_values(["year", "kpi"], kind="stable")
    ahead = pd.merge_asof(obs, goals, on="year", by="kpi", direction="forward")
    behind = pd.merge_asof(obs[["year", "kpi"]], goals, on="year", by="kpi", direction="backward")  # after the last
    late = ahead["goal_year"].isna()
    ahead["goal"] = ahead["goal"].where(~late, behind["goal"])
    ahead["goal_year"] = ahead["goal_year"].fillna(behind["goal_year"])
    before = numbered[["kpi", "year", "exact"]].rename(columns={"year": "start_year", "exact": "start"})
    ahead["before_goal"] = ahead["goal_year"].astype("int64") - 1
    ahead = pd.merge_asof(
        ahead.sort_values("before_goal", kind="stable"),
        before.sort_values("start_year", kind="stable"),
        left_on="before_goal",
        right_on="start_year",
        by="kpi",
        direction="backward",
    )
    ahead = ahead.sort_values(["kpi", "as_of_date"], kind="stable").drop(columns="kpi").reset_index(drop=True)
    return _measured(ahead, near)


def _measured(obs: pd.DataFrame, near: float) -> pd.DataFrame:
    actual = calc.exact_column(obs["actual"])
    goal = obs["goal"].astype(object)
    start = obs["start"].astype(object).where(obs["start"].notna(), None)
    direction = obs["direction"].to_numpy(object)  # numpy compares it at a tenth of a string column's cost
    increase, decrease = np.isin(direction, UPWARD), np.isin(direction, DOWNWARD)
    maintain = ~(increase | decrease)
    limit = obs["direction"].isin(("at_most", "at_least")).to_numpy(bool)
    attainment = pd.Series(pd.NA, index=obs.index, dtype="Float64")
    attainment[increase] = calc.rate(actual[increase], goal[increase])
    attainment[decrease] = calc.rate(goal[decrease], actual[decrease])
    has_start = start.notna().to_numpy(bool)
    progress = pd.Series(pd.NA, index=obs.index, dtype="Float64")
    moving = has_start & ~maintain
    progress[moving] = calc.rate(actual[moving] - start[moving], goal[moving] - start[moving])
    # Exact comparisons (int and Decimal objects), element by element in numpy's loop.
    exact_actual, exact_goal = actual.to_numpy(object), goal.to_numpy(object)
    met = np.zeros(len(obs), dtype=bool)
    met[increase] = exact_actual[increase] >= exact_goal[increase]
    met[decrease] = exact_actual[decrease] <= exact_goal[decrease]
    maintained = [_maintained(a, g, s) for a, g, s in zip(actual[maintain], goal[maintain], start[maintain])]
    met[maintain] = [m == 100 for m in maintained]
    attainment[maintain] = [float(m) for m in maintained]
    # The pace: from the point before (or from zero at the start of the goal's year, for an
    # increase with none) at the end of its year, to the goal at the end of its year.
    goal_end = _year_end(obs["goal_year"])
    start_end = _year_end(obs["start_year"].where(has_start, obs["goal_year"] - 1))
    paced = (has_start | increase) & ~maintain & ~limit
    span = (goal_end - start_end).dt.days
    expected = ((obs["as_of_date"] - start_end).dt.days / span * 100).clip(0, 100)
    expected_pct = pd.Series(pd.NA, index=obs.index, dtype="Float64")
    expected_pct[paced] = expected[paced].to_numpy()
    pace_progress = progress.where(pd.Series(has_start, index=obs.index), attainment)
    final = (obs["as_of_date"] >= goal_end).to_numpy(bool)
    reaching = (attainment >= near).fillna(False).to_numpy(bool)
    keeping_up = (pace_progress >= expected_pct).fillna(False).to_numpy(bool)
    status = np.where(
        met,
        ACHIEVED,
        np.where(
            final,
            np.where(reaching, NEAR, MISSED),
            np.where(np.where(paced, keeping_up, reaching), ON_PACE, BEHIND),
        ),
    )
    out = obs.assign(
        target_year=column(obs["goal_year"], "Int64"),
        target=column(goal, "Float64"),
        actual=column(actual, "Float64"),
        attainment_pct=attainment,
        progress_pct=progress,
        expected_progress_pct=expected_pct.where(~pd.Series(final, index=obs.index)),
        status=column(status, "string"),
    )
    return out


def _year_end(years: pd.Series) -> pd.Series:
    """31 December of each year, as datetimes: the day before the next year begins (made
    in numpy; writing and parsing a text per row was a tenth of measuring a ledger)."""
    following = (years.astype("int64").to_numpy() - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    return pd.Series(following - np.timedelta64(1, "D"), index=years.index).astype("datetime64[s]")


def _maintained(actual: Any, goal: Any, start: Any) -> Any:
    """A maintain target: 100 inside the range from the point before to the goal; outside
    it, the actual against the nearer end of the range."""
    low, high = (goal, goal) if start is None else (min(start, goal), max(start, goal))
    if low <= actual <= high:
        return 100
    return calc.ratio_pct(high, actual) if actual > high else calc.ratio_pct(actual, low)


def latest(measured: pd.DataFrame, ledger: pd.DataFrame, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """One row per KPI of the ledger: its latest observation and the one before it; a KPI
    whose rows report nothing is 미보고. In the order of the dataset. ``measured`` is in
    :func:`measure`'s order (by KPI, then date): the last row of each KPI is its latest."""
    ids = measured["id"].to_numpy(object)
    same_as_before = np.r_[False, ids[1:] == ids[:-1]]
    last_rows = np.flatnonzero(~np.r_[same_as_before[1:], False])
    has_previous = same_as_before[last_rows]
    previous_rows = np.where(has_previous, last_rows - 1, last_rows)
    last = measured.iloc[last_rows].drop(columns="direction").reset_index(drop=True)
    previous = measured.iloc[previous_rows].reset_index(drop=True)
    last["previous_as_of"] = previous["as_of"].where(has_previous)
    last["previous_actual"] = previous["actual"].where(has_previous)
    last = last.merge(kpi_table[list(KPI_COLUMNS)], on="id", how="left")
    unreported = kpi_table[kpi_table["id"].isin(ledger["id"]) & ~kpi_table["id"].isin(last["id"])]
    last = pd.concat([last, unreported.assign(status=NOT_REPORTED)], ignore_index=True)
    last["change_since_previous"] = _difference(last["actual"], last["previous_actual"])
    order = pd.Series(range(len(kpi_table)), index=kpi_table["id"])
    last = last.assign(_order=last["id"].map(order)).sort_values("_order", kind="stable")
    return _typed(last, LATEST_COLUMNS)


#: The machine columns of the ledger measured, an observation per row (``export``'s ``observations``).
OBSERVATION_COLUMNS = ("id", "as_of", "as_of_date", "actual", "target_year", "target", "attainment_pct", "progress_pct",
                       "expected_progress_pct", "status", "line")  # fmt: skip


def observations(measured: pd.DataFrame, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """Every observation that has an actual, measured (:func:`measure`), in the dataset's
    order of KPIs and then by date; ``as_of_date`` (the end of the period) as ``YYYY-MM-DD``
    and ``line`` the observation's line in the actuals file (empty for actuals given as a
    dict)."""
    order = pd.Series(range(len(kpi_table)), index=kpi_table["id"])
    frame = measured.assign(_order=measured["id"].map(order)).sort_values(["_order", "as_of_date"], kind="stable")
    frame = frame.assign(as_of_date=_iso_dates(frame["as_of_date"]), line=frame["line"].where(frame["line"] > 0))
    return _typed(frame, OBSERVATION_COLUMNS)


def _iso_dates(dates: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` for each date, each distinct date written once (a ledger repeats them)."""
    codes, distinct = pd.factorize(dates)
    return pd.Series(pd.Series(distinct).dt.strftime("%Y-%m-%d").to_numpy(object)[codes], index=dates.index)


def _difference(new: pd.Series, old: pd.Series) -> pd.Series:
    both = (new.notna() & old.notna()).to_numpy(bool)
    out = pd.Series(pd.NA, index=new.index, dtype="Float64")
    if both.any():
        out[both] = [float(v) for v in calc.exact_column(new[both].astype("Float64")) - calc.exact_column(old[both])]
    return out


def _typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` of ``frame``, in order, each in its nullable dtype."""
    out = frame.reindex(columns=list(columns)).reset_index(drop=True)
    for name in out.columns:
        out[name] = out[name].astype(NUMBERS.get(name, "string"))
    return out


#: The numeric columns of tracking's frames and their dtypes (the rest are text).
NUMBERS = {
    **dict.fromkeys(("strategy", "baseline_year", "target_year", "actual_year", "line"), "Int64"),
    **dict.fromkeys(("baseline", "target", "actual", "previous_actual", "change_since_previous", "attainment_pct",
                     "progress_pct", "expected_progress_pct", "stated_attainment_pct"), "Float64"),
}  # fmt: skip


def by_pillar(pillars: list[dict], kpi_table: pd.DataFrame, last: pd.DataFrame) -> pd.DataFrame:
    """Per pillar: its targets, how many have an actual, and how many are in each status
    (미보고: targets with no actual)."""
    targets = kpi_table[kpi_table["kind"] == "target"][["id", "pillar"]]
    status = targets.merge(last[["id", "status"]], on="id", how="left")
    status["status"] = status["status"].fillna(NOT_REPORTED)
    counts = pd.crosstab(status["pillar"], status["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts = counts.rename(columns=STATUS_KEYS)
    frame = pd.DataFrame({
        "pillar": column([p["slug"] for p in pillars], "string"),
        "pillar_number": column([p.get("number") for p in pillars], "Int64"),
        "pillar_name": column([p["name"] for p in pillars], "string"),
    })  # fmt: skip
    frame = frame.merge(targets.groupby("pillar").size().rename("targets"), left_on="pillar", right_index=True,
                        how="left").merge(counts, left_on="pillar", right_index=True, how="left")  # fmt: skip
    numbers = ["targets", *STATUS_KEYS.values()]
    frame[numbers] = frame[numbers].fillna(0).astype("Int64")
    frame.insert(4, "with_actuals", frame["targets"] - frame["not_reported"])
    return frame


def track(measured: pd.DataFrame, kpi_table: pd.DataFrame, *, by: str = "quarter") -> pd.DataFrame:
    """Every observation with its period (``2020-Q2``), the latest of each KPI in a period,
    with the KPI's name and unit."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}")
    # ``measured`` is by KPI, then date (:func:`measure`): a KPI's latest in a period is the
    # row before the next KPI or the next period.
    frame = measured.assign(period=period_labels(measured["as_of_date"], by))
    ids, periods = frame["id"].to_numpy(object), frame["period"].to_numpy(object)
    last_in_period = np.r_[(ids[1:] != ids[:-1]) | (periods[1:] != periods[:-1]), True]
    frame = frame[last_in_period]
    return _typed(frame.merge(kpi_table[["id", "name", "unit"]], on="id", how="left"), TRACK_COLUMNS)


def latest_only(ledger: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``ledger`` :func:`latest` reads: each KPI's last two observations with an
    actual (and the rows that report nothing): measuring these alone gives what measuring
    every row gives there."""
    reported = ledger[ledger["actual"].notna()].sort_values(["id", "as_of_date"], kind="stable")
    return pd.concat([reported.groupby("id", sort=False).tail(2), ledger[ledger["actual"].isna()]])


def periods_of(ledger: pd.DataFrame, kpi_table: pd.DataFrame, last: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """:func:`track`'s frame for :func:`wide` without measuring every observation: each KPI's
    last actual in each period, its name and unit, and as ``status`` its latest status
    (``last``: :func:`latest`), which is all a pivot of actuals shows."""
    reported = ledger[ledger["actual"].notna()]
    frame = reported.assign(period=period_labels(reported["as_of_date"], by))
    frame = frame.sort_values(["id", "as_of_date"], kind="stable").groupby(["id", "period"], sort=False).tail(1)
    status = last.set_index("id")["status"]
    frame = frame.assign(actual=column(calc.exact_column(frame["actual"]), "Float64"), status=frame["id"].map(status))
    return frame.merge(kpi_table[["id", "name", "unit"]], on="id", how="left")[["id", "name", "unit", "period",
                                                                              "actual", "status"]]  # fmt: skip


def period_labels(dates: pd.Series, by: str) -> pd.Series:
    """``2020-06``, ``2020-Q2``, ``2020-H1`` or ``2020`` for each date (each distinct date
    labelled once: a ledger repeats its dates)."""
    codes, distinct = pd.factorize(dates)
    unique = pd.Series(distinct)
    years = unique.dt.year.astype(str)
    if by == "month":
        labels = years + "-" + unique.dt.month.map("{:02d}".format)
    elif by == "quarter":
        labels = years + "-Q" + unique.dt.quarter.astype(str)
    elif by == "half":
        labels = years + "-H" + ((unique.dt.month - 1) // 6 + 1).astype(str)
    else:
        labels = years
    return pd.Series(labels.to_numpy(object)[codes], index=dates.index, dtype=object)


def cutoff(observations: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """The observations standing at ``as_of`` (a date or period: its end), later ones left out."""
    if as_of is None:
        return observations
    end = end_of(as_of)
    # A row that reports nothing is "not reported" whatever its date.
    return observations[(observations["as_of_date"] <= pd.Timestamp(end)) | observations["actual"].isna()]


def end_of(as_of: str) -> datetime.date:
    """The day ``as_of`` (a date or period) ends; a UsageError naming the parameter ``as_of``
    when it cannot be read (the CLI checks ``--as-of`` itself, with the same reader)."""
    from seoulplan.core.actuals import read_as_of

    try:
        return read_as_of(str(as_of))[1]
    except ValueError as e:
        raise UsageError(_("as_of: {problem}").format(problem=e)) from None


STATED_COLUMNS = ("id", "pillar", "pillar_name", "name", "name_en", "unit", "direction", "target_year", "target",
                  "actual_year", "actual", "stated_attainment_pct", "attainment_pct")  # fmt: skip


def stated(kpi_table: pd.DataFrame) -> pd.DataFrame:
    """Targets with an actual the plan reports: the attainment it states, and the one its
    figures give against the target it prints (which may not be the one it measured by)."""
    rows = kpi_table[(kpi_table["kind"] == "target") & kpi_table["actual"].notna()]
    actual, target = calc.exact_column(rows["actual"]), calc.exact_column(rows["target"])
    decrease = rows["direction"].isin(DOWNWARD).to_numpy(bool)
    attainment = pd.Series(pd.NA, index=rows.index, dtype="Float64")
    attainment[~decrease] = calc.rate(actual[~decrease], target[~decrease])
    attainment[decrease] = calc.rate(target[decrease], actual[decrease])
    return _typed(rows.assign(attainment_pct=attainment), STATED_COLUMNS)


TEMPLATE_COLUMNS = ("id", "name", "unit", "direction", "baseline_year", "baseline", "target_year", "target", "actual",
                    "as_of")  # fmt: skip


def template(kpis: pd.DataFrame) -> pd.DataFrame:
    """A ledger to fill in: the KPIs' figures for reference, ``actual`` and ``as_of`` blank."""
    blank = pd.array([None] * len(kpis), dtype="string")
    return _typed(kpis.assign(actual=blank, as_of=blank), TEMPLATE_COLUMNS).astype({"actual": "string"})


def failing(frame: pd.DataFrame, below: float | None, *, missing: bool = False) -> pd.DataFrame:
    """The KPIs a gate fails on: attainment below ``below`` %, and with ``missing`` the 미보고."""
    bad = pd.Series(False, index=frame.index)
    if below is not None:
        bad |= (frame["attainment_pct"] < below).fillna(False).astype(bool)
    if missing and "status" in frame.columns:
        bad |= (frame["status"] == NOT_REPORTED).fillna(False).astype(bool)
    return frame[bad]


def measures_nothing(frame: pd.DataFrame) -> bool:
    """Has no KPI of ``frame`` an actual? A gate must not pass on it: an empty ledger (or
    one of blank actuals, or none for the KPIs chosen) is a ledger forgotten, not a year of
    targets met."""
    return not frame["actual"].notna().any()


def wide(tracked: pd.DataFrame, *, periods: int | None = None) -> pd.DataFrame:
    """:func:`track`'s long form turned for people: a KPI per row, a period per column (its
    latest actual there), and the KPI's latest status last.

    ``periods``: only the latest that many periods become columns (the view a person can
    read: the presentation's bound); every KPI of ``tracked`` is still a row, and its status
    is still that of its latest observation. The observations of earlier periods are never
    pivoted, so the work is bounded by what is shown, not by the length of the ledger."""
    if tracked.empty:
        return pd.DataFrame(columns=["id", "name", "unit", "status"])
    latest_status = tracked.groupby("id", sort=False)["status"].last()
    kpis = tracked.drop_duplicates("id")[["id", "name", "unit"]].set_index("id")
    if periods is not None:
        kept = sorted(tracked["period"].unique())[-periods:] if periods > 0 else []
        tracked = tracked[tracked["period"].isin(kept)]
    cells = tracked.pivot_table(index="id", columns="period", values="actual", aggfunc="last", sort=True)
    out = kpis.join(cells.astype("Float64")).join(latest_status.astype("string"))
    out.columns = [str(c) for c in out.columns]
    return out.reset_index()


def period_count(tracked: pd.DataFrame) -> int:
    """How many periods :func:`track`'s long form spans (the columns :func:`wide` would have)."""
    return int(tracked["period"].nunique())
