"""Actuals: a ledger of dated, measured values, checked against the plan's targets (SPEC §5).

A ledger has a row per observation: the KPI's ``id``, the ``actual`` value and ``as_of``,
the period it stands for (:mod:`seoulplan.core.periods`: the observation stands at the end
of it; a row without one stands at its KPI's target year). A KPI may have many rows. A blank
``actual`` means "not reported"; a value may be written as printed, in the KPI's unit
(:mod:`seoulplan.core.quantities`). The files a ledger may be, and how each is read, are
:mod:`seoulplan.core.ledger_files`'s; the library also takes a DataFrame with those columns
or a dict ``{id: actual}``.

Every problem is a DataError naming the file, the line and (for CSV) the column — an
unknown id (with the closest ids), a record that has no target to measure (an achievement, a
parameter, or a headline whose detailed record should be reported instead), a value or date
that cannot be read, a wrong unit, a duplicate (id, as_of), a date before the baseline year
or outside 2000–2100 — all of them, at most ``MAX_SHOWN`` in full. A row is reported for its
first problem, in that order.

The checks run over whole columns: the KPIs' facts are merged onto the rows, each rule is a
mask of the rows it refuses among those still standing, and only what is not a bare number
or a period already read — a value written with its unit, a text to read as a date — is
read one at a time. A message is written only for a problem that is shown.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core.escaping import shortened
from seoulplan.core.frames import column
from seoulplan.core.i18n import N_, _
from seoulplan.core.ledger_files import Refused, Rows, read_rows
from seoulplan.core.numeric import MAX_FIGURE, PLAIN, exact
from seoulplan.core.periods import read_as_of
from seoulplan.core.quantities import read_value
from seoulplan.core.suggestions import closest
from seoulplan.errors import DataError

# read_as_of too: the callers that read a period beside a ledger have always found it here
__all__ = ["LEDGER_COLUMNS", "MAX_SHOWN", "checked", "merged", "read_as_of", "read_ledger", "refusal"]

MAX_SHOWN = 50
LEDGER_COLUMNS = ("id", "actual", "as_of", "as_of_date", "line")
#: What checking a row needs to know of its KPI: merged onto the rows by id.
FACTS = ("kind", "same_as", "unit", "target_year", "baseline_year")

#: A row's first problem, by the rule that refuses it (0: none), in the order they are checked.
UNKNOWN, ACHIEVEMENT, PARAMETER, HEADLINE, BAD_ACTUAL, BAD_AS_OF, BEFORE_BASELINE, SECOND = range(1, 9)
#: The field of the row each problem is about, which its heading names (the CSV column).
FIELD = dict.fromkeys((UNKNOWN, ACHIEVEMENT, PARAMETER, HEADLINE, SECOND), "id")
FIELD |= {BAD_ACTUAL: "actual", BAD_AS_OF: "as_of", BEFORE_BASELINE: "as_of"}

#: Why a negative actual is refused.
NEGATIVE_ACTUAL = N_("{text!r} is negative; a KPI's actual is a count, an amount or a rate")

_PLAIN_VALUE = PLAIN.pattern.removeprefix("-?")  # a bare non-negative number: most values are
_PLAIN_VALUE_RE = re.compile(_PLAIN_VALUE)
#: A column of bare non-negative numbers or blanks, a line each: one match over the whole column.
_PLAIN_COLUMN = re.compile(rf"(?:{_PLAIN_VALUE})?(?:\n(?:{_PLAIN_VALUE})?)*")


def read_ledger(actuals: Any, kpi_table: pd.DataFrame, *, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Read ``actuals`` (a path, ``-``, an open file, a DataFrame or a dict) into a ledger
    checked against the plan's KPIs: ``id, actual, as_of, as_of_date, line``.

    ``actual`` holds exact numbers (int or Decimal, or the float of a number written with a
    decimal point) in the KPI's unit, or None for a row that reports nothing; ``as_of`` is the
    period as written, normalised (``2020-Q2``); ``as_of_date`` the end of that period.
    """
    return checked(read_rows(actuals, encoding=encoding), kpi_table)


def checked(rows: Rows, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """The ledger of ``rows``, every row checked against ``kpi_table``; a DataError listing
    every problem (at most MAX_SHOWN in full) when any row has one."""
    count = len(rows)
    ids = objects(rows.ids, count)
    facts = kpi_table[["id", *FACTS]].astype({"id": object}).set_index("id")
    known = facts.index.get_indexer(ids) >= 0
    kpis = facts.reindex(ids).reset_index()  # each row's KPI (the ids are unique): <NA> for an unknown id
    kind = kpis["kind"].astype(object).fillna("").to_numpy(object)
    problem = np.zeros(count, dtype=np.int8)
    detail = np.full(count, None, dtype=object)  # the text of a value's or a date's problem

    def refuse(where: np.ndarray, code: int) -> None:
        problem[where & (problem == 0)] = code

    refuse(~known, UNKNOWN)
    refuse(kind == "achievement", ACHIEVEMENT)
    refuse(kind == "parameter", PARAMETER)
    refuse(kind == "headline", HEADLINE)
    actuals, as_of = objects(rows.actuals, count), objects(rows.as_of, count)
    values = read_values(actuals, kpis["unit"].astype(object).to_numpy(object), ids, rows.stripped, problem, detail)
    target_year = kpis["target_year"].astype(object).to_numpy(object)
    periods = read_periods(as_of, target_year, ids, rows.stripped, problem, detail)
    baseline = kpis["baseline_year"].to_numpy(dtype=float, na_value=np.nan)
    refuse(periods.years() < baseline, BEFORE_BASELINE)
    first = first_of_each(ids, periods.day, (problem == 0) & ~_is_none(values))
    refuse(first >= 0, SECOND)

    bad = np.flatnonzero(problem)
    if len(bad):
        shown = [
            _message(rows, i, problem[i], detail[i], kpis.iloc[i], periods.labels[i], first[i], kpi_table)
            for i in bad[:MAX_SHOWN]
        ]
        raise refusal(_("{name}: {count:,} problem(s) in the actuals:"), rows.name, shown, len(bad))
    frame = pd.DataFrame(
        {
            "id": column(ids, "string"),
            "actual": column(values, "object"),
            "as_of": column(periods.labels, "string"),
            "as_of_date": pd.DatetimeIndex(pd.to_datetime(periods.dates)).take(periods.day),
            "line": column(objects(rows.lines, count), "Int64"),
        }
    )
    frame.attrs["name"] = rows.name
    return frame


def objects(values: Any, count: int) -> np.ndarray:
    """A column of Python objects as a 1-d array (a list in a cell stays one cell)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    return np.fromiter(values, dtype=object, count=count)


def read_values(
    raw: np.ndarray,
    unit: np.ndarray,
    ids: np.ndarray,
    stripped: bool,
    problem: np.ndarray,
    detail: np.ndarray,
    *,
    negative: str = NEGATIVE_ACTUAL,
    bad: int = BAD_ACTUAL,
) -> np.ndarray:
    """Each standing row's value in its KPI's unit (None: not reported); a value that cannot
    be read marks its row ``bad`` (BAD_ACTUAL) with the reason, and so does a negative one,
    with the message ``negative`` (every ledger of counts, amounts and rates refuses them).

    Most values are bare non-negative numbers, read as Python reads them (an int, or the
    float of a number written with a point), or whole numbers a file or a frame holds as
    such; a point in an amount of 원 is read as text, as is anything else
    (:func:`seoulplan.core.quantities.read_value`), one at a time."""
    values = np.full(len(raw), None, dtype=object)
    standing = np.flatnonzero(problem == 0)
    texts = standing if stripped else standing[_is_text(raw[standing])]
    written = raw[texts]
    if _PLAIN_COLUMN.fullmatch("\n".join(written)):  # in C, one pass: every text is bare or blank
        bare = written != ""
    else:
        bare = np.fromiter((_PLAIN_VALUE_RE.fullmatch(t) is not None for t in written), dtype=bool, count=len(written))
    plain, written = texts[bare], written[bare]
    pointed = np.char.find(written.astype(str), ".") >= 0 if len(written) else np.zeros(0, dtype=bool)
    won = pointed & (unit[plain] == "원")  # a fraction of a 원 is refused by the reading of text
    values[plain[pointed & ~won]] = [float(t) for t in written[pointed & ~won]]
    values[plain[~pointed]] = np.array(written[~pointed], dtype=np.int64).tolist()
    rest = problem == 0
    rest[plain[~won]] = False
    if not stripped:  # a whole number of a YAML or JSON ledger, a workbook or a DataFrame, as it is
        others = np.flatnonzero(rest)
        whole = others[np.fromiter((type(v) is int and 0 <= v < MAX_FIGURE for v in raw[others]), dtype=bool)]
        values[whole] = raw[whole]
        rest[whole] = False
    for i in np.flatnonzero(rest):
        value = raw[i]
        if isinstance(value, Refused):
            problem[i], detail[i] = bad, for_row(value, ids[i])
        elif value is not None and not (isinstance(value, str) and not value.strip()):
            try:
                read = read_value(value, unit[i])
            except ValueError as e:
                problem[i], detail[i] = bad, for_row(e, ids[i])
                continue
            if read < 0:
                problem[i], detail[i] = bad, for_row(_(negative).format(text=shortened(value)), ids[i])
            else:
                values[i] = read
    return values


@dataclass
class Periods:
    """The period of each row: its label (``2020-Q2``; None where it has none) and the code
    of its end date in ``dates`` (-1: none)."""

    labels: np.ndarray
    day: np.ndarray
    dates: list[datetime.date]

    def years(self) -> np.ndarray:
        """The year of each row's date (0 where it has none)."""
        return np.array([d.year for d in self.dates] + [0], dtype=float)[self.day]  # -1 takes the last


def read_periods(
    raw: np.ndarray,
    target_year: np.ndarray,
    ids: np.ndarray,
    stripped: bool,
    problem: np.ndarray,
    detail: np.ndarray,
    *,
    bad: int = BAD_AS_OF,
) -> Periods:
    """Each standing row's period (a row without one: its KPI's target year, where ``target_year``
    has one); a date that cannot be read marks its row ``bad`` (BAD_AS_OF) with the reason.
    Each distinct text is read once: a ledger repeats its periods."""
    written = np.full(len(raw), None, dtype=object)  # the text each standing row's date is read from
    standing = np.flatnonzero(problem == 0)
    none = _is_none(raw[standing])
    if stripped:  # text or None, and a blank text is None already
        written[standing] = raw[standing]
        undated = standing[none]
    else:
        text = _is_text(raw[standing])
        texts = standing[text]
        given = np.fromiter((bool(t.strip()) for t in raw[texts]), dtype=bool, count=len(texts))
        written[texts[given]] = raw[texts[given]]
        undated = np.concatenate([texts[~given], standing[none]])
        for i in standing[~text & ~none]:  # numbers, refusals, dates
            value = raw[i]
            if isinstance(value, (float, Decimal)):
                number = _("{text} is a number, not a date; write the date as 2020-10, 2020-Q4 or 2020-10-31")
                problem[i], detail[i] = bad, for_row(number.format(text=value), ids[i])
            elif isinstance(value, Refused):
                problem[i], detail[i] = bad, for_row(value, ids[i])
            else:
                written[i] = str(value)
    written[undated] = target_year[undated].astype(str)
    rows = np.flatnonzero(~_is_none(written))
    codes, distinct = pd.factorize(pd.Series(written[rows], dtype=object))
    dates: dict[datetime.date, int] = {}
    label_of = np.full(len(distinct) + 1, None, dtype=object)  # the last: none
    day_of = np.full(len(distinct) + 1, -1, dtype=np.int64)
    for n, text in enumerate(distinct):
        try:
            label, date = read_as_of(text)
        except ValueError as e:
            for i in rows[codes == n]:
                problem[i], detail[i] = bad, for_row(e, ids[i])
            continue
        label_of[n], day_of[n] = label, dates.setdefault(date, len(dates))
    labels = np.full(len(raw), None, dtype=object)
    day = np.full(len(raw), -1, dtype=np.int64)
    labels[rows], day[rows] = label_of[codes], day_of[codes]
    return Periods(labels, day, list(dates))


def _is_none(values: np.ndarray) -> np.ndarray:
    """Which values are None (and not NaN, which is a number)."""
    return np.equal(values, np.array(None, dtype=object))


def _is_text(values: np.ndarray) -> np.ndarray:
    """Which values are text (a ``str``, and no subclass of it: a Refused is no text to read)."""
    return np.fromiter((type(value) is str for value in values), dtype=bool, count=len(values))


def first_of_each(ids: np.ndarray, day: np.ndarray, reported: np.ndarray) -> np.ndarray:
    """For each reported row that repeats an earlier reported row's KPI and date, that
    earlier row's position; -1 elsewhere."""
    first = np.full(len(ids), -1, dtype=np.int64)
    where = np.flatnonzero(reported)
    kpi, _distinct = pd.factorize(pd.Series(ids[where], dtype=object))
    keys = pd.Series(kpi.astype(np.int64) * (int(day.max(initial=0)) + 1) + day[where])
    if not keys.duplicated().any():
        return first
    earliest = pd.Series(where).groupby(keys.to_numpy()).transform("first").to_numpy()
    again = earliest != where
    first[where[again]] = earliest[again]
    return first


def _message(
    rows: Rows, i: int, code: int, detail: Any, kpi: pd.Series, label: Any, first: int, kpi_table: pd.DataFrame
) -> str:
    """One problem as it is shown: ``file:line: column 2 (actual): why``."""
    kid = rows.ids[i]
    if code == UNKNOWN:
        message = _("unknown KPI id {id!r}").format(id=shortened(kid)) + _closest(kid, kpi_table["id"])
    elif code == ACHIEVEMENT:
        message = _("{id} is an achievement the plan reports: it has no target to measure").format(id=kid)
    elif code == PARAMETER:
        message = _(
            "{id} is a parameter of the plan (a threshold, a cap, a period, a size), not a goal: it is not measured"
        ).format(id=kid)
    elif code == HEADLINE:
        message = _("{id} restates {other}: report the actual for {other}").format(id=kid, other=kpi["same_as"])
    elif code == BEFORE_BASELINE:
        message = _("{date} is before {id}'s baseline year {year}").format(
            date=label, id=kid, year=int(kpi["baseline_year"])
        )
    elif code == SECOND and int(rows.lines[first]):
        message = _("a second actual for {id} as of {date} (the first is on line {line})").format(
            id=kid, date=label, line=int(rows.lines[first])
        )
    elif code == SECOND:  # a JSON ledger has no lines: the first is placed by its path
        message = _("a second actual for {id} as of {date} (the first is at {path})").format(
            id=kid, date=label, path=rows.place(first, "").removeprefix(": ")
        )
    else:
        message = detail
    return f"{where_row(rows, i, FIELD[code])}: {message}"


def refusal(heading: str, name: str, shown: list[str], count: int) -> DataError:
    """The error of a ledger with ``count`` problems, ``shown`` the first MAX_SHOWN of them:
    ``heading`` (``{name}: {count:,} problem(s) in …:``), a line each, and how many more."""
    more = count - MAX_SHOWN
    tail = "\n  " + _("… and {count:,} more").format(count=more) if more > 0 else ""
    return DataError(heading.format(name=name, count=count) + "\n" + "\n".join("  " + line for line in shown) + tail)


def where_row(rows: Rows, i: int, field: str) -> str:
    """Where a row's field is, as a problem's heading names it: ``file:line: column 2 (actual)``."""
    line = int(rows.lines[i])
    return f"{rows.name}:{line}{rows.place(i, field)}" if line else f"{rows.name}{rows.place(i, field)}"


def for_row(problem: object, kid: str) -> str:
    """A problem of a row's value, with the KPI (or budget item) it was for."""
    return _("{problem} (for {id})").format(problem=problem, id=kid)


def _closest(kid: str, ids: Any) -> str:
    close = closest(kid, ids)
    return _("; did you mean {ids}?").format(ids=", ".join(close)) if close else ""


def merged(ledgers: list[pd.DataFrame]) -> pd.DataFrame:
    """Several checked ledgers as one, in the order given. The same KPI and date in two files is
    one observation when they agree and a DataError naming both places when they do not."""
    if len(ledgers) == 1:
        return ledgers[0]
    names = [frame.attrs.get("name", "actuals") for frame in ledgers]
    frame = pd.concat([f.assign(_file=name) for f, name in zip(ledgers, names)], ignore_index=True)
    reported = frame[frame["actual"].notna()]
    twice = reported[reported.duplicated(["id", "as_of_date"], keep=False)]
    problems = []
    for (kid, _date), group in twice.groupby(["id", "as_of_date"], sort=False):
        values = {exact(v) for v in group["actual"]}
        if len(values) > 1:
            places = " and ".join(f"{f}:{line}" for f, line in zip(group["_file"], group["line"]))
            shown = ", ".join(str(v) for v in group["actual"])
            problems.append(
                _("{places}: two different actuals for {id} as of {date} ({values})").format(
                    places=places, id=kid, date=group["as_of"].iat[0], values=shown
                )
            )
    if problems:
        more = len(problems) - MAX_SHOWN
        tail = "\n  " + _("… and {count:,} more").format(count=more) if more > 0 else ""
        raise DataError("\n".join(problems[:MAX_SHOWN]) + tail)
    again = reported.index[reported.duplicated(["id", "as_of_date"], keep="first")]
    keep = ~frame.index.isin(again)
    out = frame[keep].drop(columns="_file").reset_index(drop=True)
    out.attrs["name"] = ", ".join(names)
    return out
