"""Delivery tracking: what was delivered of the plan's dated deliverables, and when (SPEC §5).

A delivery ledger has a row per report: the deliverable's ``id``, ``done`` — the day it was
done (``2020-07-15``; a month or another period: its last day), or a status, ``완료`` (done),
``지연`` (delayed) or ``취소`` (cancelled), in Korean or English — and ``as_of``, the date of
the report, which a status needs (a date in ``done`` is its own). Other columns (a ``note``,
the template's names and dates) are ignored. It is read as the KPI ledger is, with the same
grammar and the same readers (:mod:`seoulplan.core.ledger_files`: CSV, TSV, YAML, JSON, an
xlsx workbook, a DataFrame), and checked row by row: an unknown id (with the closest ids),
a ``done`` that is neither a date nor a status, a status without ``as_of``, a date that cannot
be read, and a second report of a deliverable as of the same date — every problem with its
file, line and column, at most ``MAX_SHOWN`` in full, as a DataError (exit 3).

The status of a deliverable at the date of the question (``as_of``) comes from its last report
on or before that date, else from its dates alone:

- ``완료`` (done): reported done (a date on or before the question, or 완료); a past fact the
  plan reports (``kind: done``) is done on its last day;
- ``취소`` (cancelled): reported cancelled;
- ``기한 경과`` (overdue): not done, and the question comes after the last day its date covers;
- ``진행 중`` (in progress): not done, the question within its dates (or after an open start);
- ``예정`` (planned): the question before its first day.

``지연`` (delayed) is a report that it is not done: the status follows from the dates. A
deadline falls on the last day of ``end`` (``2020-07``: 31 July). ``days_late`` is, for a
deliverable done, the days from its deadline to the day it was done (0 when on time); for
one overdue, the days from its deadline to the question; empty otherwise.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.ledger_files import DELIVERY_LEDGER, Refused, Rows, read_rows
from seoulplan.core.periods import read_as_of
from seoulplan.core.suggestions import closest
from seoulplan.errors import DataError

MAX_SHOWN = 50
#: What a ledger's ``done`` may say instead of a date, by the state it reports.
REPORTED = {
    "완료": "done",
    "done": "done",
    "completed": "done",
    "지연": "delayed",
    "delayed": "delayed",
    "취소": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}
#: The columns a status adds to the schedule.
COLUMNS = {"status": "string", "done": "string", "days_late": "Int64"}


def read_ledger(source: Any, ids: pd.Series, *, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """The delivery ledger ``source`` (a path, ``-``, an open file, a DataFrame or a dict
    ``{id: done}``), checked against the deliverables ``ids``: ``id, state, done_date, as_of_date,
    line`` — state ``done``, ``delayed`` or ``cancelled``; ``done_date`` the day it was done
    (``NaT`` unless done); ``as_of_date`` the day of the report."""
    return checked(read_rows(source, encoding=encoding, form=DELIVERY_LEDGER), ids)


def checked(rows: Rows, ids: pd.Series) -> pd.DataFrame:
    """The ledger of ``rows``, every row checked; a DataError listing every problem."""
    known = set(ids)
    problems: list[tuple[int, str, Any]] = []  # (row, field, message, or what writes it when shown)
    kept: list[tuple[str, str, datetime.date | None, datetime.date, int]] = []
    first_of: dict[tuple[str, datetime.date], int] = {}
    for i in range(len(rows)):
        found = _row(rows, i, known, ids)
        if isinstance(found, tuple) and len(found) == 2:
            problems.append((i, *found))
            continue
        if found is None:
            continue
        kid, state, done, reported = found
        key = (kid, reported)
        if key in first_of:
            first, date = first_of[key], reported.isoformat()
            if int(rows.lines[first]):
                message = _("a second report of {id} as of {date} (the first is on line {line})").format(
                    id=kid, date=date, line=int(rows.lines[first])
                )
            else:  # a JSON ledger has no lines: the first is placed by its path
                message = _("a second report of {id} as of {date} (the first is at {path})").format(
                    id=kid, date=date, path=rows.place(first, "").removeprefix(": ")
                )
            problems.append((i, "id", message))
            continue
        first_of[key] = i
        kept.append((kid, state, done, reported, int(rows.lines[i])))
    if problems:
        shown = []
        for i, field, message in problems[:MAX_SHOWN]:
            line = int(rows.lines[i])
            where = f"{rows.name}:{line}" if line else rows.name
            text = message() if callable(message) else message
            shown.append(f"  {where}{rows.place(i, field)}: {text}")
        more = len(problems) - MAX_SHOWN
        tail = "\n  " + _("… and {count:,} more").format(count=more) if more > 0 else ""
        heading = _("{name}: {count:,} problem(s) in the delivery ledger:").format(name=rows.name, count=len(problems))
        raise DataError(heading + "\n" + "\n".join(shown) + tail)
    frame = pd.DataFrame(kept, columns=["id", "state", "done_date", "as_of_date", "line"])
    frame = frame.astype({"id": "string", "state": "string", "line": "Int64"})
    frame["done_date"] = pd.to_datetime(frame["done_date"])
    frame["as_of_date"] = pd.to_datetime(frame["as_of_date"])
    frame.attrs["name"] = rows.name
    return frame


def _row(rows: Rows, i: int, known: set, ids: pd.Series) -> Any:
    """``(id, state, done, reported)`` of a row; ``(field, message)`` for its first problem;
    None for a row that reports nothing (a template's blank ``done``)."""
    kid = str(rows.ids[i]).strip()
    if kid not in known:
        return "id", lambda: _unknown(kid, ids)  # the closest ids are looked for only where it is shown
    as_of, problem = _date(rows.as_of[i])
    if problem:
        return "as_of", problem
    value = rows.actuals[i]
    if isinstance(value, Refused):
        return "done", str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    text = str(value).strip()
    state = REPORTED.get(text.lower()) or REPORTED.get(text)
    if state is not None:
        if as_of is None:
            return "as_of", _("{status!r} needs as_of: the date it was reported (2020-06-30, 2020-Q2 …)").format(
                status=text
            )
        done = as_of if state == "done" else None
        return kid, state, done, as_of
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(value)
    day, problem = _date(text)
    if problem or day is None:
        words = ", ".join(("완료", "지연", "취소", "done", "delayed", "cancelled"))
        return "done", _("{text!r} is neither a date (2020-07-15, 2020-07) nor a status ({words})").format(
            text=shortened(text), words=words
        )
    return kid, "done", day, as_of if as_of is not None else day


def _unknown(kid: str, ids: pd.Series) -> str:
    close = closest(kid, ids)
    hint = _("; did you mean {ids}?").format(ids=", ".join(close)) if close else ""
    return _("unknown deliverable id {id!r}").format(id=shortened(kid)) + hint


def _date(value: Any) -> tuple[datetime.date | None, str | None]:
    """The last day of a date or period as a ledger writes it, or the problem with it."""
    if value is None:
        return None, None
    if isinstance(value, Refused):
        return None, str(value)
    try:
        return read_as_of(str(value))[1], None
    except ValueError as e:
        return None, str(e)


def status(schedule: pd.DataFrame, ledger: pd.DataFrame | None, at: datetime.date) -> pd.DataFrame:
    """``schedule`` (the columns of ``Plan.schedule``) with each deliverable's ``status``,
    ``done`` (ISO date) and ``days_late`` at the date ``at``, from its last report on or
    before ``at`` in ``ledger`` (None: no ledger), as the module docstring says."""
    from seoulplan.core.schedule import covered_days

    moment = pd.Timestamp(at)
    first, last = covered_days(schedule)
    state = pd.Series(pd.NA, index=schedule.index, dtype="string")
    done = pd.Series(pd.NaT, index=schedule.index, dtype="datetime64[ns]")
    if ledger is not None and len(ledger):
        reported = ledger[ledger["as_of_date"] <= moment].sort_values(["as_of_date", "line"], kind="stable")
        latest = reported.drop_duplicates("id", keep="last").set_index("id")
        where = schedule["id"].map(latest["state"]) if len(latest) else state
        state = pd.Series(where, index=schedule.index, dtype="string")
        if len(latest):
            done = pd.to_datetime(schedule["id"].map(latest["done_date"])).astype("datetime64[ns]")
    fact = (schedule["kind"] == "done") & state.isna()
    state = state.mask(fact.astype(bool), "done")
    done = done.mask(fact.astype(bool), last.fillna(first))
    is_done = (state == "done").fillna(False).astype(bool)
    cancelled = (state == "cancelled").fillna(False).astype(bool)
    overdue = ~is_done & ~cancelled & last.notna() & (last < moment)
    begun = first.isna() | (first <= moment)
    words = np.select(
        [is_done, cancelled, overdue, begun.astype(bool)], ["완료", "취소", "기한 경과", "진행 중"], default="예정"
    )
    late = pd.Series(pd.NA, index=schedule.index, dtype="Int64")
    late = late.mask(is_done & last.notna(), ((done - last).dt.days.clip(lower=0)).astype("Int64"))
    late = late.mask(overdue, ((moment - last).dt.days).astype("Int64"))
    shown = done.where(is_done).dt.strftime("%Y-%m-%d").astype("string")
    return schedule.assign(status=pd.array(words, dtype="string"), done=shown, days_late=late)


def failing(frame: pd.DataFrame, statuses: tuple[str, ...]) -> pd.DataFrame:
    """The rows of ``frame`` whose status is one of ``statuses`` (Korean machine values)."""
    return frame[frame["status"].isin(statuses).fillna(False).astype(bool)]


def template(schedule: pd.DataFrame) -> pd.DataFrame:
    """A delivery ledger to fill in: the deliverables chosen with their names and dates, and
    blank ``done``, ``as_of`` and ``note`` (read back as it is: the other columns are ignored)."""
    blank = pd.array([pd.NA] * len(schedule), dtype="string")
    return pd.DataFrame(
        {
            "id": schedule["id"],
            "name": schedule["name"],
            "start": schedule["start"],
            "end": schedule["end"],
            "done": blank,
            "as_of": blank,
            "note": blank,
        }
    )
