"""The plan's dated deliverables as a table (SPEC §2a ``plan.schedule()``), and choosing from it.

One row per record of the dataset's ``deliverables``, in the dataset's order (the plan's),
restatements (``same_as``) included. ``start`` and ``end`` stay the ISO prefixes the dataset
holds (``2020``, ``2020-07``, ``2020-09-22``; a half or quarter as its first and last month),
so that they sort in time as text and keep the plan's precision; a deadline has no start and
an open start no end (``<NA>``). A period filter compares days: a record covers from the first
day of its start to the last day of its end, and one without a start or an end is open on that
side (a deadline runs until it, an open start from it).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from seoulplan.core import kpis
from seoulplan.core.deliverables import SECTION
from seoulplan.core.escaping import shortened
from seoulplan.core.frames import table
from seoulplan.core.i18n import _
from seoulplan.core.validation import schema
from seoulplan.core.vocabulary import CALENDAR_PERIODS
from seoulplan.errors import UsageError

#: The machine columns, in order, with their dtypes.
COLUMNS = {
    "id": "string",
    "pillar": "string",
    "strategy": "Int64",
    "name": "string",
    "name_en": "string",
    "kind": "string",
    "start": "string",
    "end": "string",
    "precision": "string",
    "when": "string",
    "place": "string",
    "kpi_id": "string",
    "same_as": "string",
    "suspect": "string",
    "note": "string",
    "source": "string",
}


@functools.cache
def kinds() -> tuple[str, ...]:
    """What a deliverable can be (``open``, ``complete``, … ``done``), as the schema lists them."""
    return tuple(schema()["$defs"]["deliverable"]["properties"]["kind"]["enum"])


def build(doc: dict) -> pd.DataFrame:
    """Every deliverable of the dataset, in its order (an empty table when it has none)."""
    records = doc.get(SECTION) or []
    return table({name: ([r.get(name) for r in records], dtype) for name, dtype in COLUMNS.items()})


def chosen(
    frame: pd.DataFrame,
    pillars: list[dict],
    *,
    pillar: str | None = None,
    kind: str | Sequence[str] | None = None,
    grep: str | Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The rows of ``frame`` of a ``pillar`` (slug, number or name), of a ``kind`` (or any of
    several), matching every term of ``grep`` (as ``kpi --grep``: in the id, the names and the
    place) and overlapping the period from ``start`` to ``end`` (each a date or a period as
    ``--as-of`` takes it: 2020-06-30, 2020-06, 2020-Q2, 2020-H1, 2020; either may be left open).
    Every argument is checked before anything is chosen."""
    first = _period(start, "start")[0] if start is not None else None
    last = _period(end, "end")[1] if end is not None else None
    if first is not None and last is not None and last < first:
        raise UsageError(
            _("the period ends {end} before it starts {start}").format(end=last.isoformat(), start=first.isoformat())
        )
    kept = pd.Series(True, index=frame.index)
    if pillar is not None:
        kept &= frame["pillar"] == kpis.resolve_pillar(pillars, pillar)["slug"]
    if kind is not None:
        wanted = [kind] if isinstance(kind, str) else list(kind)
        unknown = [k for k in wanted if k not in kinds()]
        if unknown:
            raise UsageError(
                _("unknown kind {kind!r}; expected one of {choices}").format(
                    kind=shortened(unknown[0]), choices=", ".join(kinds())
                )
            )
        kept &= frame["kind"].isin(wanted)
    if first is not None or last is not None:
        covers_from, covers_to = covered_days(frame)
        if last is not None:
            kept &= covers_from.isna() | (covers_from <= pd.Timestamp(last))
        if first is not None:
            kept &= covers_to.isna() | (covers_to >= pd.Timestamp(first))
    frame = frame[kept.astype(bool)].reset_index(drop=True)
    if grep:
        # kpis.matching searches a KPI's names and unit; a deliverable's place stands where the unit does
        frame = kpis.matching(frame.assign(unit=frame["place"]), grep, "names").drop(columns="unit")
    return frame


def calendar(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """``frame`` as a calendar: a ``due`` column first, the month (``2020-07``) or quarter
    (``2020-Q3``) each deliverable falls due in, and the rows in that order (within a period,
    by the last day they cover, then in the plan's order).

    A deliverable falls due in the period of its end: a single month or day in its own, a
    range (``'20.3~8월``) in the period it ends, a half, a quarter or a year-precision item
    (``'20년``) in its last month (December for a year), a deadline (``~'22.11``) in its
    month. An open start (``'20.2~``), which has no end, stands in the period it starts.
    """
    if by not in CALENDAR_PERIODS:
        raise UsageError(
            _("unknown period {period!r}; expected one of {choices}").format(
                period=shortened(by), choices=", ".join(CALENDAR_PERIODS)
            )
        )
    last = frame["end"].fillna(frame["start"])
    month = last.str.slice(0, 7).where(last.str.len() != 4, last + "-12")
    if by == "quarter":
        number = (month.str.slice(5, 7).astype("Int64") - 1) // 3 + 1
        month = month.str.slice(0, 4) + "-Q" + number.astype("string")
    covers_to = covered_days(frame)[1].fillna(covered_days(frame)[0])
    ordered = frame.assign(_due=month, _last=covers_to).sort_values(["_due", "_last"], kind="stable")
    shown = ordered.drop(columns=["_due", "_last"]).reset_index(drop=True)
    shown.insert(0, "due", pd.array(ordered["_due"].to_numpy(), dtype="string"))
    return shown


#: The status of a deliverable not done by its last day (seoulplan.core.deliveries).
OVERDUE = "기한 경과"


def timeline(frame: pd.DataFrame, year: int, pillars: Sequence[str] = ()) -> pd.DataFrame:
    """How many deliverables of ``frame`` fall due (:func:`calendar`'s ``due``) in each month
    of ``year``, by pillar: a row per month (``2020-01``), with the months before and after the
    year summed as ``before`` and ``after`` (rows left out when empty), a column per pillar (in
    the order of ``pillars``, then as they come), and ``total``; where ``frame`` has a ``status`` (a delivery
    ledger read), ``overdue`` counts those 기한 경과."""
    due = calendar(frame, "month")
    label = due["due"].astype(object)
    inside = due["due"].str.slice(0, 4) == str(year)
    label = label.where(inside.to_numpy(bool), np.where(due["due"] < str(year), "before", "after"))
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    period = pd.Categorical(label, categories=["before", *months, "after"])
    counts = pd.crosstab(period, due["pillar"].astype(object), dropna=False)
    counts = counts[[p for p in dict.fromkeys([*pillars, *due["pillar"].astype(object)]) if p in counts.columns]]
    counts["total"] = counts.sum(axis=1)
    if "status" in due.columns:
        overdue = (due["status"] == OVERDUE).fillna(False).astype(int)
        counts["overdue"] = pd.crosstab(period, overdue, dropna=False).reindex(columns=[1], fill_value=0)[1]
    outside = counts.index.isin(["before", "after"]) & (counts["total"] == 0)
    counts = counts[~outside].astype("Int64")
    counts.index.name = "period"
    return counts.reset_index().astype({"period": "string"})


def published(doc: Mapping) -> datetime.datetime:
    """The first moment (UTC) of the period the plan was published in (``plan.published``:
    ``2020-02`` → 2020-02-01T00:00Z; else 1 January of ``plan.year``): a moment fixed by the
    dataset, for an .ics file's ``DTSTAMP`` where ``SOURCE_DATE_EPOCH`` gives none."""
    from seoulplan.core.deliverables import bounds

    plan = doc.get("plan") or {}
    try:
        day = bounds(str(plan.get("published") or plan.get("year")))[0]
    except ValueError:
        day = datetime.date(2020, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def covered_days(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The first day each row's start covers and the last day its end covers (``NaT`` when
    open): ``2020`` runs from 1 January to 31 December, ``2020-07`` through 31 July."""
    covers_from = pd.to_datetime(frame["start"], format="ISO8601")
    begins = pd.to_datetime(frame["end"], format="ISO8601")
    length = frame["end"].str.len().fillna(0)
    covers_to = begins.where(length != 4, begins + pd.offsets.YearEnd(0))
    covers_to = covers_to.where(length != 7, begins + pd.offsets.MonthEnd(0))
    return covers_from, covers_to


def _period(text: str, parameter: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the date or period ``text``; a UsageError naming ``parameter``."""
    from seoulplan.core.actuals import read_as_of

    try:
        label, last = read_as_of(str(text))
    except ValueError as e:
        raise UsageError(f"{parameter}: {e}") from None
    year = int(label[:4])
    if len(label) == 10:
        return last, last
    if len(label) == 4:
        return datetime.date(year, 1, 1), last
    part = label[5:]
    if part.startswith("Q"):
        month = 3 * int(part[1]) - 2
    elif part.startswith("H"):
        month = 6 * int(part[1]) - 5
    else:
        month = int(part)
    return datetime.date(year, month, 1), last
