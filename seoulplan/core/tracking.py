"""Tracking the plan through its years: a ledger of observations measured at the date a
question is asked (SPEC §5; the rules are :mod:`seoulplan.core.pace`'s).

:class:`Measurement` reads nothing itself: it takes a checked ledger (``Plan.ledger``) and the
date of the question, and makes every frame the commands show from them — the status of each
target chosen (``kpi status``), every observation measured at its own date (``export``'s
``observations``), a continuous grid of periods (``track``), the changes of status between
two dates (``track changes``) and the counts per pillar (``pillars --actuals``).

One meaning of 미보고 everywhere: a target the listing shows with no observation standing at
the question's date (at its deadline, once that has passed).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seoulplan.core import calc, pace
from seoulplan.core.frames import column
from seoulplan.core.vocabulary import PERIODS, STATUS_KEYS, STATUSES
from seoulplan.errors import UsageError

NOT_REPORTED = pace.NOT_REPORTED

KPI_COLUMNS = ("id", "pillar", "pillar_name", "pillar_name_en", "strategy", "strategy_name", "strategy_name_en",
               "name", "name_en", "unit", "direction", "baseline_year", "baseline")  # fmt: skip
MEASURES = ("target_year", "target", "as_of", "actual", "attainment_pct", "progress_pct", "expected",
            "expected_progress_pct", "status")  # fmt: skip
#: The machine columns of ``kpi status``: each target chosen at the question's date.
LATEST_COLUMNS = (*KPI_COLUMNS, *MEASURES, "stale", "projected", "projected_attainment_pct", "evaluated_at",
                  "previous_as_of", "previous_actual", "change_since_previous", "suspect")  # fmt: skip
#: The machine columns of ``track``: every KPI of the ledger in every period, measured at the
#: period's end (or the question's date, in the last).
TRACK_COLUMNS = ("id", "name", "name_en", "unit", "direction", "period", "period_end", *MEASURES)
#: The machine columns of ``track changes``.
CHANGE_COLUMNS = ("id", "name", "name_en", "unit", "direction", "from_date", "from_status", "from_as_of", "from_actual",
                  "to_date", "to_status", "to_as_of", "to_actual", "target_year", "target", "attainment_pct",
                  "progress_pct", "expected_progress_pct", "stale", "suspect")  # fmt: skip
#: The machine columns of the ledger measured, an observation per row (``export``'s ``observations``).
OBSERVATION_COLUMNS = ("id", "as_of", "as_of_date", "actual", "target_year", "target", "attainment_pct", "progress_pct",
                       "expected_progress_pct", "status", "line")  # fmt: skip


def points(milestones: pd.DataFrame) -> pd.DataFrame:
    """The series of every KPI (``Plan.milestones()``: baseline, target, milestones; not the
    actuals the plan reports), in its order (by KPI, then by year), with its figures in
    ``exact``: a whole one as an int (6, not 6.0), any other as the float that stands for
    the decimal it was written as, which :mod:`seoulplan.core.calc` reads exactly."""
    milestones = milestones[(milestones["role"] != "actual").to_numpy(bool)]
    values = milestones["value"].to_numpy(dtype="float64", na_value=np.nan)
    exact = values.astype(object)
    whole = np.isfinite(values) & (np.floor(values) == values) & (np.abs(values) < 2**53)
    exact[whole] = values[whole].astype(np.int64).astype(object)
    return milestones.assign(exact=exact, year=milestones["year"].astype("int64")).reset_index(drop=True)


def question_date(as_of: datetime.date | None, *, today: datetime.date, first: datetime.date,
                  last: datetime.date) -> datetime.date:  # fmt: skip
    """The date a question is asked at: ``as_of`` (the end of the period given), else today
    clamped to the plan's horizon (``first`` to ``last``: the start of the plan's year to its
    last deadline)."""
    if as_of is not None:
        return as_of
    return min(max(today, first), last)


@dataclass
class Measurement:
    """A checked ledger measured at the date of the question.

    ``ledger``: ``id, actual, as_of, as_of_date, line`` (:func:`seoulplan.core.actuals.read_ledger`),
    observations after ``at`` left out; ``kpi_table`` every KPI; ``goals`` the legs of every
    target (:func:`seoulplan.core.pace.legs`).
    """

    ledger: pd.DataFrame
    kpi_table: pd.DataFrame
    goals: pd.DataFrame
    at: datetime.date
    near: float = 90
    stale_after: int = pace.STALE_AFTER_DAYS
    #: the ``as_of`` asked for, where later actuals were left out (None: none were)
    until: datetime.date | None = None

    @property
    def observed(self) -> pd.DataFrame:
        """The ledger as :func:`pace.assess` reads it."""
        return self.ledger.rename(columns={"as_of_date": "date"})

    def assess(self, ids: Sequence[str] | pd.Series, at: pd.Series | datetime.date, *, settle: bool = True,
               project: bool = True) -> pd.DataFrame:  # fmt: skip
        """The question "where does each of ``ids`` stand at ``at``?" (a date for all, or one
        per id) answered by :func:`seoulplan.core.pace.assess`."""
        names = pd.Series(ids.to_numpy(dtype=object) if isinstance(ids, pd.Series) else list(ids), dtype=object)
        when = at if isinstance(at, pd.Series) else pd.Series([pd.Timestamp(at)] * len(names), dtype="datetime64[ns]")
        questions = pd.DataFrame({"id": names.to_numpy(object), "at": when.to_numpy(dtype="datetime64[ns]")})
        return pace.assess(
            questions,
            self.observed,
            self.goals,
            near=self.near,
            stale_after=self.stale_after,
            settle=settle,
            project=project,
        )

    def latest(self, chosen: pd.DataFrame) -> pd.DataFrame:
        """Each target of ``chosen`` (a KPI frame) at the question's date, in its order: the
        observation standing then, the one before it, the measures, the status (미보고: none)."""
        targets = chosen[chosen["kind"] == "target"]
        answered = self.assess(targets["id"], self.at)
        out = targets[[c for c in KPI_COLUMNS]].reset_index(drop=True)
        for name in answered.columns.drop(["id", "at"]):
            out[name] = answered[name].to_numpy()
        out["target_year"] = out["goal_year"]
        out["target"] = column(out["goal"], "Float64")
        out["evaluated_at"] = self.at.isoformat()
        out["change_since_previous"] = _difference(out["actual"], out["previous_actual"])
        out["suspect"] = targets["suspect"].to_numpy()  # why the plan's figure may be misprinted, for the mark
        return _typed(out, LATEST_COLUMNS)

    def observations(self, ids: Sequence[str] | None = None) -> pd.DataFrame:
        """Every observation with an actual (of the targets ``ids``, default all), measured at
        its own date, in the dataset's order of KPIs and then by date; ``as_of_date`` as
        ``YYYY-MM-DD``, ``line`` empty for actuals given as a dict."""
        rows = self.ledger[self.ledger["actual"].notna() & self.ledger["id"].isin(self.goals["id"])]
        if ids is not None:
            rows = rows[rows["id"].isin(list(ids))]
        order = pd.Series(range(len(self.kpi_table)), index=self.kpi_table["id"])
        rows = rows.assign(_order=rows["id"].map(order)).sort_values(["_order", "as_of_date"], kind="stable")
        rows = rows.reset_index(drop=True)
        answered = self.assess(rows["id"], rows["as_of_date"], settle=False, project=False)
        out = rows[["id", "as_of", "as_of_date", "actual", "line"]].copy()
        for name in ("goal_year", "goal", "attainment_pct", "progress_pct", "expected_progress_pct", "status"):
            out[name] = answered[name].to_numpy()
        out = out.assign(
            target_year=out["goal_year"],
            target=column(out["goal"], "Float64"),
            as_of_date=out["as_of_date"].dt.strftime("%Y-%m-%d"),
            line=out["line"].where(out["line"] > 0),
        )
        return _typed(out, OBSERVATION_COLUMNS)

    def track(self, *, by: str = "quarter", start: datetime.date | str | None = None,
              end: datetime.date | str | None = None, chosen: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
        """Every KPI of the ledger (blank rows included) in every period from ``start`` (default:
        the first observation's) to ``end`` (default: the last observation's; never past the
        question's date): the last actual of the period, measured at the period's end; 미보고
        where the period has none."""
        if by not in PERIODS:
            raise ValueError(f"unknown period {by!r}")
        ids = self._ledger_targets(chosen)
        periods = self.periods(by=by, start=start, end=end)
        if not len(ids) or not len(periods):
            return _typed(pd.DataFrame(columns=list(TRACK_COLUMNS)), TRACK_COLUMNS)
        # the grid: a row per KPI and period, the KPI's rows together (row = KPI × len(periods) + period)
        kpi_ids = ids.to_numpy(object)
        grid = pd.DataFrame(
            {
                "id": np.repeat(kpi_ids, len(periods)),
                "period": np.tile(periods["period"].to_numpy(object), len(kpi_ids)),
                "period_end": np.tile(periods["end"].to_numpy(), len(kpi_ids)),
            }
        )
        # only a period that holds an observation of the KPI has anything to measure
        reported = self.ledger[self.ledger["actual"].notna()]
        kpi = pd.Index(kpi_ids).get_indexer(reported["id"].astype(str).to_numpy(object))
        period = pd.Index(periods["period"].to_numpy(object)).get_indexer(period_labels(reported["as_of_date"], by))
        held = (kpi >= 0) & (period >= 0)
        inside = np.zeros(len(grid), dtype=bool)
        inside[kpi[held] * len(periods) + period[held]] = True
        ends = grid["period_end"]
        asked = (ends if self.until is None else ends.clip(upper=pd.Timestamp(self.until)))[inside]
        answered = self.assess(grid["id"][inside], asked.reset_index(drop=True), settle=False, project=False)
        out = grid.assign(period_end=np.tile(periods["end"].dt.strftime("%Y-%m-%d").to_numpy(object), len(kpi_ids)))
        for name in ("goal_year", "goal", "as_of", "actual", "attainment_pct", "progress_pct", "expected",
                     "expected_progress_pct"):  # fmt: skip
            values = np.full(len(out), None, dtype=object)
            values[inside] = answered[name].to_numpy(dtype=object)
            out[name] = values
        status = np.full(len(out), NOT_REPORTED, dtype=object)
        status[inside] = answered["status"].to_numpy(dtype=object)
        out["status"] = status
        facts = self.kpi_table[["id", "name", "name_en", "unit", "direction"]].astype(object).set_index("id")
        for name, values in facts.reindex(kpi_ids).items():
            out[name] = np.repeat(values.to_numpy(object), len(periods))
        return _typed(out.assign(target_year=out["goal_year"], target=column(out["goal"], "Float64")), TRACK_COLUMNS)

    def periods(self, *, by: str = "quarter", start: datetime.date | str | None = None,
                end: datetime.date | str | None = None) -> pd.DataFrame:  # fmt: skip
        """The periods :meth:`track` has (``period``, ``start``, ``end``): every one from
        ``start`` (default: the first observation's) to ``end`` (default: the last
        observation's; never past ``as_of`` when one was asked)."""
        first_day, last_day = end_of(start, "start"), end_of(end, "end")
        dated = self.ledger[self.ledger["actual"].notna()]["as_of_date"]
        first = first_day or (dated.min().date() if len(dated) else self.at)
        last = last_day or (dated.max().date() if len(dated) else self.at)
        if self.until is not None:
            last = min(last, self.until)
        return period_table(first, last, by)

    def _ledger_targets(self, chosen: pd.DataFrame | None = None) -> pd.Series:
        """The targets the ledger names (blank rows too) among ``chosen`` (default: all), in the
        dataset's order."""
        kpis = self.kpi_table if chosen is None else chosen
        named = kpis["id"].isin(self.ledger["id"].unique()) & (kpis["kind"] == "target")
        return kpis["id"][named].reset_index(drop=True)

    def changes(self, start: datetime.date, end: datetime.date, chosen: pd.DataFrame | None = None) -> pd.DataFrame:
        """The targets of the ledger (among ``chosen``) whose status at ``end`` differs from the
        one at ``start``, with what each stood on then."""
        ids = self._ledger_targets(chosen)
        before, after = self.assess(ids, start), self.assess(ids, end)
        changed = (before["status"] != after["status"]).to_numpy(bool)
        facts = self.kpi_table.set_index("id").loc[ids[changed], ["name", "name_en", "unit", "direction", "suspect"]]
        b, a = before[changed].reset_index(drop=True), after[changed].reset_index(drop=True)
        out = facts.reset_index().assign(
            from_date=start.isoformat(), from_status=b["status"], from_as_of=b["as_of"], from_actual=b["actual"],
            to_date=end.isoformat(), to_status=a["status"], to_as_of=a["as_of"], to_actual=a["actual"],
            target_year=a["goal_year"], target=column(a["goal"], "Float64"), attainment_pct=a["attainment_pct"],
            progress_pct=a["progress_pct"], expected_progress_pct=a["expected_progress_pct"], stale=a["stale"],
        )  # fmt: skip
        return _typed(out, CHANGE_COLUMNS)


def end_of(period: datetime.date | str | None, parameter: str = "as_of") -> datetime.date | None:
    """The last day of a date or period as the ledger writes them (``2020-Q2``: 2020-06-30);
    a UsageError naming ``parameter`` when it names none (the CLI checks its options itself,
    with the same reader)."""
    if period is None or isinstance(period, datetime.date):
        return period
    from seoulplan.core.periods import read_as_of

    try:
        return read_as_of(str(period))[1]
    except ValueError as e:
        raise UsageError(f"{parameter}: {e}") from None


def period_table(start: datetime.date, end: datetime.date, by: str) -> pd.DataFrame:
    """Every period (``period``, ``start``, ``end`` as datetime64) from the one holding
    ``start`` to the one holding ``end``, with none left out."""
    if end < start:
        return pd.DataFrame({"period": [], "start": pd.to_datetime([]), "end": pd.to_datetime([])})
    months = pd.period_range(pd.Period(start, "M"), pd.Period(end, "M"), freq="M")
    starts = months.to_timestamp(how="start")
    frame = pd.DataFrame({"period": period_labels(pd.Series(starts), by).to_numpy(object), "month": starts})
    spans = frame.groupby("period", sort=False)["month"].agg(["min", "max"])
    return pd.DataFrame(
        {
            "period": spans.index.to_numpy(object),
            "start": _period_start(spans["min"], by).to_numpy(),
            "end": (spans["max"] + pd.offsets.MonthEnd(0)).to_numpy(),
        }
    )


def _period_start(first_month: pd.Series, by: str) -> pd.Series:
    """The first day of the period that holds each month (a period cut by ``start`` still
    counts from its own first day)."""
    if by == "month":
        return first_month
    if by == "quarter":
        return first_month.dt.to_period("Q").dt.start_time
    if by == "half":
        return pd.to_datetime(first_month.dt.year.astype(str) + "-" + np.where(first_month.dt.month <= 6, "01", "07")
                              + "-01")  # fmt: skip
    return first_month.dt.to_period("Y").dt.start_time


def by_pillar(pillars: list[dict], kpi_table: pd.DataFrame, last: pd.DataFrame) -> pd.DataFrame:
    """Per pillar: its targets, how many have an observation, and how many are in each status
    (``last``: :meth:`Measurement.latest` of every target)."""
    targets = kpi_table[kpi_table["kind"] == "target"][["id", "pillar"]]
    status = targets.merge(last[["id", "status"]], on="id", how="left")
    status["status"] = status["status"].fillna(NOT_REPORTED)
    counts = pd.crosstab(status["pillar"], status["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts = counts.rename(columns=STATUS_KEYS)
    frame = pd.DataFrame({
        "pillar": column([p["slug"] for p in pillars], "string"),
        "pillar_number": column([p.get("number") for p in pillars], "Int64"),
        "pillar_name": column([p["name"] for p in pillars], "string"),
        "pillar_name_en": column([p.get("name_en") for p in pillars], "string"),
    })  # fmt: skip
    frame = frame.merge(targets.groupby("pillar").size().rename("targets"), left_on="pillar", right_index=True,
                        how="left").merge(counts, left_on="pillar", right_index=True, how="left")  # fmt: skip
    numbers = ["targets", *STATUS_KEYS.values()]
    frame[numbers] = frame[numbers].fillna(0).astype("Int64")
    frame.insert(5, "with_actuals", frame["targets"] - frame["not_reported"])
    return frame


def _difference(new: pd.Series, old: pd.Series) -> pd.Series:
    both = (new.notna() & old.notna()).to_numpy(bool)
    out = pd.Series(pd.NA, index=new.index, dtype="Float64")
    if both.any():
        out[both] = [float(v) for v in calc.exact_column(new[both]) - calc.exact_column(old[both])]
    return out


def _typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` of ``frame``, in order, each in its nullable dtype."""
    out = frame.reindex(columns=list(columns)).reset_index(drop=True)
    for name in out.columns:
        dtype = NUMBERS.get(name, "string")
        if out[name].dtype == pd.api.types.pandas_dtype(dtype):  # "string" is <NA>'s, not pandas 3's "str"
            continue
        out[name] = column(out[name], dtype) if dtype != "string" else out[name].astype("string")
    return out


#: The numeric columns of tracking's frames and their dtypes (the rest are text).
NUMBERS = {
    **dict.fromkeys(("strategy", "baseline_year", "target_year", "actual_year", "line"), "Int64"),
    **dict.fromkeys(("baseline", "target", "actual", "previous_actual", "change_since_previous", "attainment_pct",
                     "progress_pct", "expected", "expected_progress_pct", "stated_attainment_pct", "projected",
                     "projected_attainment_pct", "from_actual", "to_actual"), "Float64"),
    "stale": "boolean",
}  # fmt: skip


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


def cutoff(observations: pd.DataFrame, at: datetime.date | None) -> pd.DataFrame:
    """The observations standing at ``at``, later ones left out (a row that reports nothing
    is kept: it names a KPI the ledger is about)."""
    if at is None:
        return observations
    return observations[(observations["as_of_date"] <= pd.Timestamp(at)) | observations["actual"].isna()]


STATED_COLUMNS = ("id", "pillar", "pillar_name", "pillar_name_en", "name", "name_en", "unit", "direction",
                  "target_year", "target", "actual_year", "actual", "stated_attainment_pct",
                  "attainment_pct")  # fmt: skip


def stated(kpi_table: pd.DataFrame) -> pd.DataFrame:
    """Targets with an actual the plan reports: the attainment it states, and the one its
    figures give against the target it prints (which may not be the one it measured by)."""
    rows = kpi_table[(kpi_table["kind"] == "target") & kpi_table["actual"].notna()]
    actual, target = calc.exact_column(rows["actual"]), calc.exact_column(rows["target"])
    baseline = calc.exact_column(rows["baseline"]).where(rows["baseline"].notna(), None)
    attainment = calc.attainment_pct(rows["direction"].astype(object), actual, target, baseline)
    return _typed(rows.assign(attainment_pct=attainment), STATED_COLUMNS)


TEMPLATE_COLUMNS = ("id", "name", "name_en", "unit", "direction", "baseline_year", "baseline", "target_year",
                    "target", "actual", "as_of")  # fmt: skip


def template(kpis: pd.DataFrame) -> pd.DataFrame:
    """A ledger to fill in: the targets' figures for reference, ``actual`` and ``as_of`` blank."""
    kpis = kpis[kpis["kind"] == "target"]
    blank = pd.array([None] * len(kpis), dtype="string")
    return _typed(kpis.assign(actual=blank, as_of=blank), TEMPLATE_COLUMNS).astype({"actual": "string"})


def wide(tracked: pd.DataFrame, latest: pd.DataFrame, *, periods: int | None = None) -> pd.DataFrame:
    """:meth:`Measurement.track`'s long form turned for people: a KPI per row, a period per
    column (its last actual there, blank where none), and its status at the question's date
    (``latest``: :meth:`Measurement.latest`) last, with whether it stands on a figure the plan
    seems to misprint (``suspect``) and whether its actual is ``stale``.

    ``periods``: only the latest that many periods become columns (the view a person can
    read: the presentation's bound); every KPI is still a row."""
    if tracked.empty:
        return pd.DataFrame(columns=["id", "name", "unit", "status", "stale", "suspect"])
    shown = list(dict.fromkeys(tracked["period"]))
    if periods is not None:
        shown = shown[len(shown) - periods :] if periods > 0 else []
    kpis = tracked.drop_duplicates("id")[["id", "name", "unit"]].set_index("id")
    cells = tracked[tracked["period"].isin(shown)].pivot(index="id", columns="period", values="actual")
    status = latest.set_index("id")[["status", "stale", "suspect"]]
    out = kpis.join(cells[shown].astype("Float64")).join(status)
    out.columns = [str(c) for c in out.columns]
    return out.reset_index()
