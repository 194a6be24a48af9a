"""The pace model: what each target expects by a date, and which status an observation earns
at the date a question is asked (SPEC §5, README "How a target is paced").

A target's series (its target and the milestones from its target year on) is cut into
*legs*, one per goal: the goal's value, its deadline (the end of its year) and where its
pace starts —

- from the point before it: the baseline (at the end of its year) for the first goal, the
  previous goal for a later one;
- for a first goal with no baseline, as the KPI's ``pace`` says: a term total counted from
  zero at ``pace_start`` (``start``; e.g. 민선7기 from 2018-07-01), or from zero at the start
  of the plan's year (``plan_year``: the plan's yearly outputs, 652개소 개선);
- nowhere (``none``): a level or rate with no baseline has no straight line from nothing,
  and a limit (``at_most``, ``at_least``) or a range to keep (``maintain``) holds at every
  date instead of being approached;
- nowhere, and with no deadline (``open``): a goal the plan gives from a year on ('20~) and
  by no year is asked about at every date as before a deadline — 달성 once met, else 진행 중,
  never 미달 — from the latest observation, and never projected.

A question asked at a date D is answered from the leg in question — the first whose deadline
is on or after D, else the last — and the last observation on or before D (on or before the
deadline once it has passed):

========================  ==========================================================
before the deadline       달성 when the goal is met (a limit: while within it); else
                          순항 / 지연 by progress against the pace expected at D; a
                          limit or range outside it: 지연; no pace: 진행 중
at or after the deadline  달성 / 근접 (attainment ≥ ``near`` %) / 미달, from the last
                          observation on or before the deadline
no observation            미보고
========================  ==========================================================

An observation older than ``stale_after`` days at the question's date (at the deadline, once
it has passed) is ``stale``. Before the deadline, ``projected`` is the value at the deadline
on the line from the pace's start through the latest observation (without a start: through
the latest two), never below zero.

pandas does the joining: ``merge_asof`` finds each question's leg and its observation. Ratios
are exact (:func:`seoulplan.core.calc.rate`); a status turns on whether an actual reaches its
goal to the last digit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from seoulplan.core import calc
from seoulplan.core.vocabulary import STATUSES

ACHIEVED, NEAR, MISSED, ON_PACE, BEHIND, IN_PROGRESS, NOT_REPORTED = STATUSES
#: Directions whose goal is a bound that holds at every date, never approached along a line.
BOUNDS = ("at_most", "at_least", "maintain")
#: How a first goal without a baseline is paced (the KPI table's ``pace`` column).
PACED_FROM_ZERO = ("start", "plan_year")
#: The default age after which an observation is stale: a quarter.
STALE_AFTER_DAYS = 92

LEG_COLUMNS = ("id", "direction", "goal_year", "deadline", "goal", "start_date", "start", "paced", "open")


def year_end(years: pd.Series) -> pd.Series:
    """The last day of each year, as datetime64: the day before the next year's first."""
    next_year = (years.to_numpy(dtype=np.int64) - 1969).astype("datetime64[Y]")
    last_day = next_year.astype("datetime64[D]") - np.timedelta64(1, "D")
    return pd.Series(last_day.astype("datetime64[ns]"), index=years.index)


def legs(series: pd.DataFrame, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """A row per goal of every target: :data:`LEG_COLUMNS`, sorted by ``deadline`` (then in
    the order of ``series``).

    ``series`` is :func:`seoulplan.core.tracking.points` (exact values, each KPI's by year);
    ``kpi_table`` gives each KPI's kind, direction and ``pace``/``pace_start``. Values before
    the target year (a 2018 figure the plan cites) are history, not goals.
    """
    kpis = kpi_table[(kpi_table["kind"] == "target").fillna(False).to_numpy(bool)]
    facts = kpis[["direction", "target_year", "pace", "pace_start"]].astype(object)
    points = series[(series["role"] != "actual").to_numpy(bool)]
    kpi = pd.Index(kpis["id"].astype(object)).get_indexer(points["id"].astype(object))  # -1: not a target
    points = points[kpi >= 0].assign(_kpi=kpi[kpi >= 0])
    points = points.assign(**{name: facts[name].to_numpy()[points["_kpi"].to_numpy()] for name in facts.columns})
    points = points[(points["role"] == "baseline") | (points["year"] >= points["target_year"])]
    before = points.groupby("_kpi", sort=False)[["year", "exact", "role"]].shift(1)
    goals = points.assign(start_year=before["year"], start=before["exact"], start_role=before["role"])
    goals = goals[goals["role"] != "baseline"]
    has_point = goals["start_year"].notna()
    from_zero = ~has_point & goals["pace"].isin(PACED_FROM_ZERO) & goals["pace_start"].notna()
    start_date = pd.Series(pd.NaT, index=goals.index, dtype="datetime64[ns]")
    start_date[has_point] = year_end(goals.loc[has_point, "start_year"])
    start_date[from_zero] = pd.to_datetime(goals.loc[from_zero, "pace_start"].astype(str))
    start = goals["start"].where(has_point, None).astype(object)
    start[from_zero] = 0
    deadline = year_end(goals["year"])
    paced = ((has_point | from_zero) & ~goals["direction"].isin(BOUNDS) & (start_date < deadline)).to_numpy(bool)
    open_ended = (goals["pace"] == "open").fillna(False).to_numpy(bool)
    out = pd.DataFrame(
        {
            "id": goals["id"].astype(str).to_numpy(object),
            "direction": goals["direction"].astype(str).to_numpy(object),
            "goal_year": goals["year"].astype("int64").to_numpy(),
            "deadline": deadline.to_numpy(dtype="datetime64[ns]"),
            "goal": goals["exact"].to_numpy(object),
            "start_date": start_date.to_numpy(dtype="datetime64[ns]"),
            "start": start.to_numpy(object),
            "paced": paced,
            "open": open_ended,
        }
    )
    return out.sort_values("deadline", kind="stable").reset_index(drop=True)


def assess(
    questions: pd.DataFrame,
    observations: pd.DataFrame,
    goals: pd.DataFrame,
    *,
    near: float = 90,
    stale_after: int = STALE_AFTER_DAYS,
    settle: bool = True,
    project: bool = True,
) -> pd.DataFrame:
    """Each question — ``id`` and ``at`` (datetime64) — answered: the leg in question, the
    observation it stands on and the measures and status (see the module's table).

    ``observations``: ``id, date`` (datetime64), ``actual`` (exact; None for a row that
    reports nothing, which is left out), ``as_of`` (the period as written) and ``line``.
    Returns the questions' columns (in their order) with ``goal_year, goal, deadline, as_of,
    date, actual, line, previous_as_of, previous_actual, attainment_pct, progress_pct,
    expected, expected_progress_pct, projected, projected_attainment_pct, status, stale``.
    """
    # one integer code per KPI on every side: merge_asof matches integers many times faster than text
    ids = [frame["id"].astype(str).to_numpy(object) for frame in (questions, goals, observations)]
    codes = np.split(pd.factorize(np.concatenate(ids))[0], np.cumsum([len(side) for side in ids])[:-1])
    q = questions.assign(
        _row=np.arange(len(questions)),
        _kpi=codes[0],
        id=pd.Series(ids[0], index=questions.index, dtype=object),
        at=questions["at"].astype("datetime64[ns]"),
    )
    q = q.astype({"id": object}).sort_values("at", kind="stable")
    legs_by_date = goals.drop(columns="id").assign(_kpi=codes[1]).sort_values("deadline", kind="stable")
    ahead = pd.merge_asof(q, legs_by_date, left_on="at", right_on="deadline", by="_kpi", direction="forward")
    behind = pd.merge_asof(q, legs_by_date, left_on="at", right_on="deadline", by="_kpi", direction="backward")
    late = ahead["deadline"].isna().to_numpy(bool)
    for name in LEG_COLUMNS[1:]:
        ahead[name] = ahead[name].where(~late, behind[name])
    open_ended = ahead["open"].fillna(False).astype(bool).to_numpy()
    settled = ahead[["at", "deadline"]].min(axis=1).where(~open_ended, ahead["at"])
    ahead["until"] = settled if settle else ahead["at"]

    reported = observations.assign(_kpi=codes[2])[observations["actual"].notna().to_numpy(bool)]
    reported = reported.assign(date=reported["date"].astype("datetime64[ns]")).sort_values(
        ["_kpi", "date"], kind="stable"
    )
    previous = reported.groupby("_kpi", sort=False)[["as_of", "actual", "date"]].shift(1)
    reported = reported.assign(
        previous_as_of=previous["as_of"], previous_actual=previous["actual"], previous_date=previous["date"]
    )[["_kpi", "date", "as_of", "actual", "line", "previous_as_of", "previous_actual", "previous_date"]]
    asked = pd.merge_asof(
        ahead.sort_values("until", kind="stable"),
        reported.sort_values("date", kind="stable"),
        left_on="until",
        right_on="date",
        by="_kpi",
        direction="backward",
    )
    asked = asked.sort_values("_row", kind="stable").reset_index(drop=True)
    helpers = ["_row", "_kpi", "until", "previous_date", "start_date", "start", "paced", "open", "direction"]
    return _measured(asked, near, stale_after, project).drop(columns=helpers)


def _measured(frame: pd.DataFrame, near: float, stale_after: int, project: bool = True) -> pd.DataFrame:
    has_leg = frame["deadline"].notna().to_numpy(bool)
    has_actual = frame["actual"].notna().to_numpy(bool) & has_leg
    direction = frame["direction"].astype(object)
    paced = frame["paced"].fillna(False).astype(bool).to_numpy()
    open_ended = frame["open"].fillna(False).astype(bool).to_numpy()
    final = has_leg & ~open_ended & (frame["at"] >= frame["deadline"]).fillna(False).to_numpy(bool)

    actual = _figures(frame["actual"], has_actual)
    goal = _figures(frame["goal"], has_leg)
    start = _figures(frame["start"], has_leg)

    attainment = calc.attainment_pct(direction, actual, goal, start)
    met = calc.met(direction, actual, goal, start)

    progress = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    moving = has_actual & paced
    progress[moving] = calc.progress_pct(actual[moving], goal[moving], start[moving])

    span = (frame["deadline"] - frame["start_date"]).dt.days
    elapsed = (frame["at"] - frame["start_date"]).dt.days
    fraction = (elapsed / span).clip(0, 1)
    expected_pct = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    expected_value = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    live = paced & ~final
    if live.any():
        expected_pct[live] = (fraction[live] * 100).to_numpy(float)
        s, g = start[live].astype(float), goal[live].astype(float)
        expected_value[live] = (s + (g - s) * fraction[live]).to_numpy(float)

    projected = _projected(frame, actual, start, has_actual & ~final & ~open_ended & project)
    projected_attainment = calc.attainment_pct(direction, projected, frame["goal"], start, estimate=True)

    keeping_up = (progress >= expected_pct).fillna(False).to_numpy(bool)
    reaching = (attainment >= near).fillna(False).to_numpy(bool)
    bound = direction.isin(BOUNDS).to_numpy(bool)
    status = np.select(
        [~has_actual, met, final & reaching, final, bound, paced & keeping_up, paced],
        [NOT_REPORTED, ACHIEVED, NEAR, MISSED, BEHIND, ON_PACE, BEHIND],
        default=IN_PROGRESS,
    )
    reference = frame["until"]
    stale = has_actual & ((reference - frame["date"]).dt.days > stale_after).fillna(False).to_numpy(bool)
    return frame.assign(
        actual=frame["actual"].where(has_actual, None),
        attainment_pct=attainment,
        progress_pct=progress,
        expected=expected_value,
        expected_progress_pct=expected_pct,
        projected=projected,
        projected_attainment_pct=projected_attainment,
        status=status,
        stale=pd.array(stale, dtype="boolean"),
    )


def _figures(values: pd.Series, where: np.ndarray) -> pd.Series:
    """The figures where ``where`` holds, None elsewhere and where one is missing (a merge may
    have left NaN): ints, Decimals, or floats standing for the decimal they were written as,
    which :mod:`seoulplan.core.calc` reads exactly (:func:`seoulplan.core.numeric.exact`)."""
    out = np.full(len(values), None, dtype=object)
    chosen = values.to_numpy(dtype=object)[np.asarray(where, dtype=bool)]
    chosen[pd.isna(chosen)] = None
    out[np.asarray(where, dtype=bool)] = chosen
    return pd.Series(out, index=values.index, dtype=object)


def _projected(frame: pd.DataFrame, actual: pd.Series, start: pd.Series, where: np.ndarray) -> pd.Series:
    """The value at the deadline on the line from the pace's start (else the observation
    before) through the latest observation; never below zero."""
    out = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    from_start = (
        where
        & frame["paced"].fillna(False).astype(bool).to_numpy()
        & (frame["date"] > frame["start_date"]).fillna(False).to_numpy(bool)
    )
    from_previous = where & ~from_start & (frame["previous_date"] < frame["date"]).fillna(False).to_numpy(bool)
    for chosen, origin_date, origin in (
        (from_start, frame["start_date"], start),
        (from_previous, frame["previous_date"], frame["previous_actual"]),
    ):
        if not chosen.any():
            continue
        a = actual[chosen].astype(float)
        o = origin[chosen].astype(float)
        run = (frame["date"][chosen] - origin_date[chosen]).dt.days
        ahead = (frame["deadline"][chosen] - origin_date[chosen]).dt.days
        out[chosen] = (o + (a - o) * ahead / run).clip(lower=0).to_numpy(float)
    return out
