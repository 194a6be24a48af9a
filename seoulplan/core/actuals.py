"""Actuals: a ledger of dated, measured values to set against the plan's targets (SPEC §5).

A ledger has a row per observation: the KPI's ``id``, the ``actual`` value and ``as_of``,
the moment it stands for — a date ``2020-06-30``, a month ``2020-06``, a quarter
``2020-Q2``, a half ``2020-H1`` or a year ``2020`` (also ``2020년 2분기``, ``2020년 상반기``,
``2020년 6월``, and as Korean Excel shows and saves dates: ``2020. 6. 30.``,
``2020-06-30 00:00:00``); the observation stands at the end of that period. A KPI may have
many rows. A blank ``actual`` means "not reported". Files are xlsx workbooks (the first
sheet; see :mod:`seoulplan.core.sheets`), CSV (header names in English or
Korean: ``id``/``지표``, ``actual``/``실적``, ``as_of``/``기준일``; other columns are
ignored, so a filled-in template reads back as it is) or YAML (a list of
``{id, actual, as_of}``, or a mapping ``id: actual``); the library also takes a DataFrame
with those columns or a dict ``{id: actual}``. Files of the older form ``id,actual[,year]``
still read: ``year`` is the as-of year, and no date at all means the KPI's target year.
In a YAML or JSON ledger an ``as_of`` that is a whole number is a year; one that is a
decimal number is refused, never read: YAML reads ``as_of: 2020.10`` as the number 2020.1,
which would be January, and the month meant is lost before seoulplan sees it (write
``2020-10``, or quote it).

Values may be written as printed, in the KPI's unit: ``2억 5,700만원`` for a KPI in 억원
(read as 2.57), ``95개소``, ``8.0%``, ``1.5만``; a unit that cannot be the KPI's is an error
naming the one expected, and so is a fraction of a 원. Numbers and dates follow the rule of
:mod:`seoulplan.core.numeric`, as in datasets: ASCII or full-width digits only, and text
read in time linear in its length.

Every problem is a DataError naming the file, the line and (for CSV) the column — an
unknown id (with the closest ids), a record that has no target to measure (an
achievement, a parameter, or a headline whose detailed record should be reported instead), a value or
date that cannot be read, a wrong unit, a duplicate (id, as_of), a date before the
baseline year or outside 2000–2100 — all of them, at most ``MAX_SHOWN`` in full.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from seoulplan.core import sheets
from seoulplan.core.escaping import shortened
from seoulplan.core.frames import column
from seoulplan.core.i18n import N_, _
from seoulplan.core.money import UNIT_WON, parse_money, to_decimal
from seoulplan.core.numeric import (
    PLAIN,
    REFUSED,
    NumberError,
    ascii_digits,
    figure_problem,
    is_number,
    length_problem,
    read_number,
)
from seoulplan.core.parsing import parse_document
from seoulplan.core.reading import decode, read_bytes
from seoulplan.errors import DataError, MoneyParseError

MAX_SHOWN = 50
LEDGER_SHAPE = N_("CSV with a header 'id,actual,as_of' or YAML")
#: A ledger may be at most 16 MiB and 500,000 rows (a year of daily actuals of every KPI of
#: the plan is 200,000): within that, any ledger is read or refused in a few seconds.
MAX_LEDGER_BYTES = 16 * 1024 * 1024
MAX_LEDGER_ROWS = 500_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
LEDGER_COLUMNS = ("id", "actual", "as_of", "as_of_date", "line")
#: Header names a ledger may use, by the column they mean (compared without case, spaces or _).
HEADERS = {
    "id": ("id", "kpi", "kpiid", "지표", "지표id", "아이디"),
    "actual": ("actual", "value", "실적", "실적값", "값", "측정값"),
    "as_of": ("asof", "date", "period", "기준일", "기준일자", "일자", "시점", "기간"),
    "year": ("year", "연도", "년도"),
}
#: The longest date (``2020년 12월 31일``) a ledger may hold: longer text is refused by its
#: length before any pattern reads it, as a value longer than numeric.MAX_LITERAL is.
MAX_DATE_LENGTH = 40
GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
#: A number that read_number refused for what it is, not for a unit written after it. Each
#: repetition is followed by what it cannot match, so a failed match is linear.
NUMERAL = re.compile(r"[-+]?(?:[0-9,]*\.[0-9]+|[0-9,]*[0-9])(?:[eE][-+]?[0-9]+)?")
MYRIAD = re.compile(r"[조억만천백십]")


class Row(NamedTuple):
    """One observation as read, before it is checked against the plan."""

    id: str
    actual: Any  # the text or number as given; None or "" when not reported
    as_of: Any  # as given; None when the file has no date
    line: int
    where: Callable[[str], str]  # ": column 2 (actual)" for a field, in CSV files


def _nowhere(field: str) -> str:
    return ""


# -- dates ---------------------------------------------------------------------------------

#: A time of day after a date, as a datetime cell saved to CSV writes it (2020-06-30 00:00:00):
#: the observation stands at that day.
_TIME = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
_PERIODS = [
    (re.compile(r"([0-9]{4})(?:[-./] ?| )?([0-9]{1,2})(?:[-./] ?| )([0-9]{1,2})\.?" + _TIME), "day"),
    (re.compile(r"([0-9]{4})년\s*([0-9]{1,2})월\s*([0-9]{1,2})일"), "day"),
    (re.compile(r"([0-9]{4})[-./ ]?[Qq]([1-4])"), "quarter"),
    (re.compile(r"([0-9]{4})년\s*([1-4])\s*분기"), "quarter"),
    (re.compile(r"([0-9]{4})[-./ ]?[Hh]([12])"), "half"),
    (re.compile(r"([0-9]{4})년\s*(상|하)반기"), "half"),
    (re.compile(r"([0-9]{4})[-./] ?([0-9]{1,2})\.?"), "month"),
    (re.compile(r"([0-9]{4})년\s*([0-9]{1,2})월"), "month"),
    (re.compile(r"([0-9]{4})년?"), "year"),
]


@functools.lru_cache(maxsize=4096)
def read_as_of(text: str) -> tuple[str, datetime.date]:
    """``(label, end of period)`` for an as-of text; ValueError saying what is expected.

    >>> read_as_of("2020-Q2")
    ('2020-Q2', datetime.date(2020, 6, 30))
    >>> read_as_of("2020년 상반기"), read_as_of("2020-06")[1], read_as_of("2020")[1]
    (('2020-H1', datetime.date(2020, 6, 30)), datetime.date(2020, 6, 30), datetime.date(2020, 12, 31))

    Digits follow :func:`~seoulplan.core.numeric.ascii_digits` (``２０２０-Q2`` is 2020-Q2;
    ``২০২০-Q2`` is refused), and a text of more than ``MAX_DATE_LENGTH`` characters is no date.
    """
    value = text.strip()
    if len(value) <= MAX_DATE_LENGTH:
        try:
            value = ascii_digits(value)
        except NumberError as e:
            raise ValueError(f"{shortened(text)!r}: {e}") from None
    else:
        value = ""
    for pattern, kind in _PERIODS:
        match = pattern.fullmatch(value)
        if not match:
            continue
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                _("{text!r}: the year {year} is outside {first}–{last}").format(
                    text=shortened(text), year=year, first=FIRST_YEAR, last=LAST_YEAR
                )
            )
        try:
            if kind == "day":
                day = datetime.date(year, int(match.group(2)), int(match.group(3)))
                return day.isoformat(), day
            if kind == "month":
                month = int(match.group(2))
                return f"{year}-{month:02d}", _month_end(year, month)
            if kind == "quarter":
                quarter = int(match.group(2))
                return f"{year}-Q{quarter}", _month_end(year, 3 * quarter)
            if kind == "half":
                half = 1 if match.group(2) in ("1", "상") else 2
                return f"{year}-H{half}", _month_end(year, 6 * half)
            return str(year), datetime.date(year, 12, 31)
        except ValueError:
            break
    raise ValueError(
        _("{text!r} is not a date; expected 2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020 (or 2020년 2분기)").format(
            text=shortened(text)
        )
    )


def _month_end(year: int, month: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


# -- values --------------------------------------------------------------------------------


def read_value(raw: Any, unit: str) -> Decimal | int | float:
    """A value as written — a number, or text as printed — in the KPI's ``unit``.

    Raises ValueError saying what is wrong (and which unit is expected). Digits follow
    :func:`~seoulplan.core.numeric.ascii_digits`; text of more than ``MAX_LITERAL`` (100)
    characters is refused by its length; an amount of money is a whole number of 원
    (``0.5원`` is refused, as datasets refuse it).

    >>> read_value("2억 5,700만원", "억원"), read_value("95개소", "개소"), read_value("8.0%", "%")
    (Decimal('2.57'), 95, 8.0)
    >>> read_value("1.5만", "대"), read_value("3,200", "개소")
    (Decimal('15000'), 3200)
    """
    if not isinstance(raw, str):
        problem = figure_problem(raw)
        if problem:
            raise ValueError(_("{text!r} is not a number").format(text=raw) if not is_number(raw) else problem)
        return _whole_won(raw, raw, unit)
    text = raw.strip()
    if PLAIN.fullmatch(text):  # most values: a bare number, already in the KPI's unit
        return _whole_won(read_number(text), raw, unit)
    too_long = length_problem(text)
    if too_long:
        raise ValueError(too_long)
    try:
        text = ascii_digits(text)
    except NumberError as e:
        raise ValueError(f"{shortened(raw)!r}: {e}") from None
    return _whole_won(_read_text_value(text, raw, unit), raw, unit)


def _read_text_value(text: str, raw: str, unit: str) -> Decimal | int | float:
    compact = text.replace(" ", "")
    shown = shortened(raw)
    if (unit in UNIT_WON and MYRIAD.search(compact)) or (unit in UNIT_WON and compact.endswith("원")):
        try:
            won = parse_money(text)
        except MoneyParseError:
            raise ValueError(
                _("{text!r} is not an amount of money (in {unit})").format(text=shown, unit=unit)
            ) from None
        return _checked(won / UNIT_WON[unit], raw)
    if compact.endswith("원") and unit not in UNIT_WON:
        raise ValueError(
            _("{text!r} is an amount of money; this KPI is measured in {unit!r}").format(text=shown, unit=unit)
        )
    for suffix in sorted(
        {unit.replace(" ", ""), "％" if unit == "%" else unit.replace(" ", "")}, key=len, reverse=True
    ):
        if suffix and compact.endswith(suffix) and compact != suffix:
            compact = compact[: -len(suffix)]
            break
    number = compact.replace(",", "") if GROUPED.fullmatch(compact) else compact
    if MYRIAD.search(number):
        try:
            return _checked(parse_money(number), raw)
        except MoneyParseError:
            pass
    try:
        return read_number(number)
    except NumberError as e:
        written_unit = re.sub(r"^[-+△]?[0-9,.\s]*", "", compact)
        if written_unit.replace("％", "%") == "%p" and unit == "%":
            raise ValueError(
                _("{text!r} is a change in percentage points; this KPI is a rate in '%' (write {rate}%)").format(
                    text=shown, rate=compact[:-2]
                )
            ) from None
        if written_unit and not NUMERAL.fullmatch(number) and re.match(r"[-+]?[0-9,.]+", compact):
            raise ValueError(
                _("{text!r} is in {written!r}; this KPI is measured in {unit!r}").format(
                    text=shown, written=shortened(written_unit), unit=unit
                )
            ) from None
        raise ValueError(str(e)) from None


def _whole_won(value: Decimal | int | float, raw: Any, unit: str) -> Decimal | int | float:
    """``value``, unless it is money with a fraction of a 원 (datasets refuse it too)."""
    if unit in UNIT_WON and not isinstance(value, int) and (to_decimal(value) * UNIT_WON[unit]) % 1:
        raise ValueError(
            _("{text!r} is a fraction of a 원; an amount of money is a whole number of 원").format(text=shortened(raw))
        )
    return value


def _checked(value: Decimal, raw: str) -> Decimal:
    problem = figure_problem(value)
    if problem:
        raise ValueError(f"{shortened(raw)!r}: {problem}")
    return value


# -- reading ---------------------------------------------------------------------------------


def read_ledger(actuals: Any, kpi_table: pd.DataFrame, *, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Read ``actuals`` (a path, ``-``, an open file, a DataFrame or a dict) into a ledger
    checked against the plan's KPIs: ``id, actual, as_of, as_of_date, line``.

    ``actual`` holds exact numbers (int or Decimal) in the KPI's unit, or None for a row
    that reports nothing; ``as_of`` is the period as written, normalised (``2020-Q2``);
    ``as_of_date`` the end of that period.
    """
    name = "actuals"
    problems: list[str] = []
    rows: Iterable[Row]
    if isinstance(actuals, pd.DataFrame):
        rows = _from_frame(actuals)
    elif isinstance(actuals, dict):
        rows = [Row(str(k), v, None, 0, _nowhere) for k, v in actuals.items()]
    else:
        raw, name = read_bytes(actuals, MAX_LEDGER_BYTES)
        if isinstance(raw, bytes) and sheets.is_workbook(raw):
            rows = (Row(*row) for row in sheets.ledger_rows(raw, name, _sheet_header, MAX_LEDGER_ROWS))
        else:
            read = _from_text(
                decode(raw, name, encoding, of="actuals") if isinstance(raw, bytes) else raw, name, kpi_table
            )
            if isinstance(read, pd.DataFrame):  # a plain CSV file, read column by column
                read.attrs["name"] = name
                return read
            rows = read
    kpis = _KpiFacts.of(kpi_table)
    out = []
    seen: dict[tuple[str, datetime.date], int] = {}
    count = 0  # problems found; only the first MAX_SHOWN are written out
    for row in rows:
        try:
            out.append(_checked_row(row, kpis, seen))
        except ValueError as e:
            count += 1
            if count <= MAX_SHOWN:
                at = f"{name}:{row.line}" if row.line else name
                message = e.args[0] + (_closest(row.id, kpis) if isinstance(e, _UnknownId) else "")
                problems.append(f"{at}{row.where(str(e.args[1]) if len(e.args) > 1 else 'actual')}: {message}")
    if problems:
        shown = "\n".join("  " + p for p in problems)
        more = "\n  " + _("… and {count:,} more").format(count=count - MAX_SHOWN) if count > MAX_SHOWN else ""
        heading = _("{name}: {count:,} problem(s) in the actuals:").format(name=name, count=count)
        raise DataError(f"{heading}\n{shown}{more}")
    frame = _ledger_frame([r[0] for r in out], [r[1] for r in out], [r[2] for r in out],
                          _datetimes([r[3] for r in out]), [r[4] for r in out])  # fmt: skip
    frame.attrs["name"] = name
    return frame


def _ledger_frame(ids: Any, actuals: Any, labels: Any, dates: Any, lines: Any) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": column(ids, "string"),
            "actual": column(actuals, "object"),
            "as_of": column(labels, "string"),
            "as_of_date": dates,
            "line": column(lines, "Int64"),
        }
    )


def _from_text(text: str, name: str, kpi_table: pd.DataFrame) -> Iterable[Row] | pd.DataFrame:
    """The rows of a ledger written as text: CSV (or TSV) with a header, else YAML; a plain
    CSV file (:func:`_plain_csv`) as the checked ledger itself."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DataError(_("{name}: the file is empty; expected {what}").format(name=name, what=_(LEDGER_SHAPE)))
    lines = text.count("\n")
    if lines > MAX_LEDGER_ROWS:
        raise DataError(
            _("{name}: {count:,} lines; a ledger may have at most {limit:,} rows").format(
                name=name, count=lines, limit=MAX_LEDGER_ROWS
            )
        )
    if name.lower().endswith((".yaml", ".yml")) or not _looks_like_csv(text):
        return _read_yaml(text, name)
    plain = _plain_csv(text, _KpiFacts.of(kpi_table))
    return plain if plain is not None else _read_csv(text, name)


#: A column of bare non-negative numbers (:data:`~seoulplan.core.numeric.PLAIN`) or blanks, a line each.
_PLAIN_COLUMN = re.compile(rf"(?:{PLAIN.pattern.removeprefix('-?')})?(?:\n(?:{PLAIN.pattern.removeprefix('-?')})?)*")


def _plain_csv(text: str, kpis: dict[str, _KpiFacts]) -> pd.DataFrame | None:
    """The ledger of a CSV file whose every row is plain — the id of a target, a bare
    non-negative number or nothing, a period — read column by column with pandas' parser:
    the frame :func:`_checked_row` makes of each row, at a fraction of the cost for a file
    of 300,000 rows. None for a file with anything else (quotes, carriage returns, blank
    lines, a ``year`` column, a value with its unit, a problem of any kind): the row-by-row
    reading reads that, and names every problem. The rules stay in one place: this path
    accepts only rows whose outcome under them is plain (tests/test_attacks_scale.py checks the two
    agree)."""
    if '"' in text or "\r" in text or text.startswith("\ufeff"):
        return None
    head, _, body = text.partition("\n")
    delimiter = "\t" if "\t" in head else ("," if "," in head else ";")
    header = [h.strip() for h in head.split(delimiter)]
    try:
        col = _header_columns(header, "", 1, head)
    except DataError:
        return None
    if "year" in col or "as_of" not in col or not body.strip():
        return None
    count = body.count("\n") + (not body.endswith("\n"))
    if body.count(delimiter) != count * (len(header) - 1):  # a row of more or fewer fields
        return None
    try:
        frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None, names=range(len(header)), dtype=str,
                            index_col=False, na_filter=False, skip_blank_lines=False, engine="c")  # fmt: skip
    except (ValueError, pd.errors.ParserError):
        return None
    if len(frame) != count or frame.isna().to_numpy().any():
        return None
    cells = {key: frame[col[key]].to_numpy(object) for key in ("id", "actual", "as_of")}
    if " " in body or (delimiter != "\t" and "\t" in body):
        cells = {key: np.array([cell.strip() for cell in column], dtype=object) for key, column in cells.items()}
    ids, texts, periods = pd.Series(cells["id"]), cells["actual"], pd.Series(cells["as_of"])
    targets = {kid: facts for kid, facts in kpis.items() if facts.kind == "target"}
    # one match over the whole column, in C: a bare non-negative number or nothing on each line
    if not ids.isin(targets.keys()).all() or not _PLAIN_COLUMN.fullmatch("\n".join(texts)) or (periods == "").any():
        return None
    blank = texts == ""
    distinct = periods.unique()
    read: dict[str, tuple[str, datetime.date]] = {}
    for period in distinct:
        try:
            read[period] = read_as_of(period)
        except ValueError:
            return None
    label_of = {period: label for period, (label, _) in read.items()}
    date_of = pd.Series(pd.to_datetime([date for _, date in read.values()]), index=list(read))
    dates = pd.DatetimeIndex(date_of.reindex(periods).to_numpy())
    baselines = ids.map({kid: facts.baseline_year for kid, facts in targets.items()}).astype("Float64")
    if (baselines > dates.year.to_numpy()).fillna(False).to_numpy(bool).any():
        return None
    valued = ~blank
    if pd.DataFrame({"id": ids[valued], "date": dates[valued]}).duplicated().any():
        return None
    values = np.full(len(texts), None, dtype=object)
    decimal = valued & (np.char.find(texts.astype(str), ".") >= 0)
    if ids[decimal].map({kid: facts.unit == "원" for kid, facts in targets.items()}).any():
        return None  # a fraction of a 원: the row-by-row reading refuses it
    whole = valued & ~decimal
    values[decimal] = np.array(texts[decimal], dtype="float64").tolist()
    values[whole] = np.array(texts[whole], dtype="int64").tolist()
    return _ledger_frame(ids, values, periods.map(label_of), dates, np.arange(2, len(frame) + 2))


def _datetimes(dates: list[datetime.date]) -> pd.DatetimeIndex:
    """Dates as datetime64, each distinct date converted once (a ledger repeats its periods)."""
    codes, distinct = pd.factorize(pd.Series(dates, dtype=object))
    return pd.DatetimeIndex(pd.to_datetime(list(distinct))).take(codes)


class _KpiFacts(NamedTuple):
    """What checking a ledger row needs to know of its KPI, as plain Python values: looking
    a row up in the KPI DataFrame costs a Series per row, 100 times this."""

    kind: str
    same_as: str | None
    unit: str
    target_year: int
    baseline_year: int | None

    @classmethod
    def of(cls, kpi_table: pd.DataFrame) -> dict[str, _KpiFacts]:
        fields = [kpi_table[name].astype(object).where(kpi_table[name].notna(), None).tolist() for name in cls._fields]
        return {kid: cls(*facts) for kid, *facts in zip(kpi_table["id"].tolist(), *fields)}


def _checked_row(row: Row, kpis: dict[str, _KpiFacts], seen: dict) -> tuple:
    """(id, actual, as_of label, as_of date, line) of one row; ValueError(message, field) if wrong.

    Called once per row of a ledger of up to 500,000: the common case (a bare number, a
    period read before) is tested first, on local names."""
    kid, actual, as_of, line, _where = row
    kpi = kpis.get(kid)
    if kpi is None:
        raise _UnknownId(_("unknown KPI id {id!r}").format(id=shortened(kid)), "id")
    if kpi.kind == "achievement":
        raise ValueError(_("{id} is an achievement the plan reports: it has no target to measure").format(id=kid), "id")
    if kpi.kind == "parameter":
        raise ValueError(
            _(
                "{id} is a parameter of the plan (a threshold, a cap, a period, a size), not a goal: it is not measured"
            ).format(id=kid),
            "id",
        )
    if kpi.kind == "headline":
        raise ValueError(
            _("{id} restates {other}: report the actual for {other}").format(id=kid, other=kpi.same_as), "id"
        )
    value: Decimal | int | float | None = None
    if (
        type(actual) is str
        and actual[:1] != "-"
        and PLAIN.fullmatch(actual)
        and ("." not in actual or kpi.unit != "원")
    ):
        value = float(actual) if "." in actual else int(actual)  # most values: a plain number
    elif isinstance(actual, _Refused):
        raise ValueError(_for(actual, kid), "actual")
    elif actual is not None and not (isinstance(actual, str) and not actual.strip()):
        try:
            value = read_value(actual, kpi.unit)
        except ValueError as e:
            raise ValueError(_for(e, kid), "actual") from None
        if value < 0:
            raise ValueError(
                _for(
                    _("{text!r} is negative; a KPI's actual is a count, an amount or a rate").format(
                        text=shortened(actual)
                    ),
                    kid,
                ),
                "actual",
            )
    if isinstance(as_of, (float, Decimal)):
        raise ValueError(
            _for(
                _("{text} is a number, not a date; write the date as 2020-10, 2020-Q4 or 2020-10-31").format(
                    text=as_of
                ),
                kid,
            ),
            "as_of",
        )
    if isinstance(as_of, _Refused):
        raise ValueError(_for(as_of, kid), "as_of")
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        label, date = read_as_of(str(kpi.target_year))
    else:
        try:
            label, date = read_as_of(as_of if type(as_of) is str else str(as_of))
        except ValueError as e:
            raise ValueError(_for(e, kid), "as_of") from None
    baseline_year = kpi.baseline_year
    if baseline_year is not None and date.year < baseline_year:
        raise ValueError(
            _("{date} is before {id}'s baseline year {year}").format(date=label, id=kid, year=baseline_year), "as_of"
        )
    if value is not None:
        first = seen.setdefault((kid, date), line)
        if first != line:
            raise ValueError(
                _("a second actual for {id} as of {date} (the first is on line {line})").format(
                    id=kid, date=label, line=first
                ),
                "id",
            )
    return kid, value, label, date, line


def _for(problem: object, kid: str) -> str:
    """A problem of a row's value, with the KPI it was for."""
    return _("{problem} (for {id})").format(problem=problem, id=kid)


class _UnknownId(ValueError):
    """An id the plan does not have: the closest ids are looked for only when it is shown
    (a search per row took 50 s for 20,000 unknown ids)."""


def _closest(kid: str, ids: Any) -> str:
    close = difflib.get_close_matches(kid, list(ids), n=3, cutoff=0.5)
    return _("; did you mean {ids}?").format(ids=", ".join(close)) if close else ""


#: The separators a CSV ledger may use, and their names in messages.
_SEPARATORS = {",": N_("comma"), "\t": N_("tab"), ";": N_("semicolon")}
_SHOWN_HEADER_CHARS = 80


def _first_line(text: str) -> str:
    """The first line that is not blank: a CSV ledger's header, whose separator it gives."""
    return next((line.rstrip("\r\n") for line in io.StringIO(text.lstrip("\ufeff")) if line.strip()), "")


def _looks_like_csv(text: str) -> bool:
    first = _first_line(text)
    return any(sep in first for sep in _SEPARATORS) and ":" not in first.split(",")[0]


def _sheet_header(header: list[str], name: str) -> dict[str, int]:
    """:func:`_header_columns` of a workbook's first row (its cells are the columns)."""
    return _header_columns(header, name, 1, " | ".join(header))


def _header_columns(header: list[str], name: str, line: int, written: str) -> dict[str, int]:
    """Which column holds id, actual, as_of and year; an unknown header is an error listing
    the names (or, when its line uses several separators, saying so)."""
    where = f"{name}:{line}"
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = re.sub(r"[\s_]", "", cell).lower()
        for meaning, names in HEADERS.items():
            if key in names:
                if meaning in found:
                    raise DataError(
                        _("{where}: column {number}: a second {meaning!r} column ({cell!r}); keep one").format(
                            where=where, number=i + 1, meaning=meaning, cell=cell
                        )
                    )
                found[meaning] = i
    for required in ("id", "actual"):
        if required not in found:
            separators = [_(label) for sep, label in _SEPARATORS.items() if sep in written]
            if len(separators) > 1:
                raise DataError(
                    _(
                        "{where}: the header mixes separators ({separators}); "
                        "separate every column of every line with one of them, e.g. 'id,actual,as_of'"
                    ).format(where=where, separators=", ".join(separators))
                )
            accepted = ", ".join(HEADERS[required])
            shown = written if len(written) <= _SHOWN_HEADER_CHARS else written[: _SHOWN_HEADER_CHARS - 1] + "…"
            raise DataError(
                _(
                    "{where}: the header has no {required!r} column (accepted names: {accepted}); "
                    "expected 'id,actual,as_of', got {header!r}"
                ).format(where=where, required=required, accepted=accepted, header=shown)
            )
    return found


def _read_csv(text: str, name: str) -> Iterator[Row]:
    first = _first_line(text)
    delimiter = "\t" if "\t" in first else ("," if "," in first else ";")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    header: list[str] = []
    try:
        while not any(header):  # blank lines (or only separators, as Excel writes them) before the header
            header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataError(
            _("{name}: no header: every line is blank or only separators; expected {what}").format(
                name=name, what=_(LEDGER_SHAPE)
            )
        ) from None
    except csv.Error as e:
        raise DataError(
            _("{where}: cannot read the CSV header: {error}").format(where=f"{name}:{reader.line_num}", error=e)
        ) from None
    col = _header_columns(header, name, reader.line_num, delimiter.join(header))

    def where(field: str) -> str:
        if field not in col:
            return ""
        return ": " + _("column {number} ({name})").format(number=col[field] + 1, name=header[col[field]])

    return _csv_rows(reader, header, col, name, where)


def _csv_rows(reader: Any, header: list[str], col: dict[str, int], name: str, where: Callable) -> Iterator[Row]:
    """The rows of a CSV ledger one at a time: a file of a million rows is never a list of them."""
    absent = len(header)  # a column the file does not have: never a cell's index
    at_id, at_actual = col["id"], col["actual"]
    at, year = col.get("as_of", absent), col.get("year", absent)
    try:
        for cells in reader:
            if not "".join(cells).strip():
                continue
            if len(cells) > len(header):
                raise DataError(
                    _(
                        "{where}: {count} fields but the header has {header} "
                        '(quote a number written with commas: "1,234")'
                    ).format(where=f"{name}:{reader.line_num}", count=len(cells), header=len(header))
                )
            count = len(cells)
            as_of = (cells[at].strip() if at < count else "") or (cells[year].strip() if year < count else "") or None
            kid, actual = cells[at_id].strip(), (cells[at_actual].strip() if at_actual < count else "")
            yield Row(kid, actual, as_of, reader.line_num, where)
    except csv.Error as e:
        raise DataError(
            _("{where}: malformed CSV: {error}").format(where=f"{name}:{reader.line_num}", error=e)
        ) from None


def _read_yaml(text: str, name: str) -> list[Row]:
    doc, lines = parse_document(text, name, _(LEDGER_SHAPE))
    # YAML knows the line of each entry; JSON (read by the json module) does not, so a
    # problem in a JSON ledger is placed by its path instead: ``$[3].actual``.
    path = "$"
    if isinstance(doc, dict) and "actuals" in doc:
        doc, path = doc["actuals"], "$.actuals"
    if isinstance(doc, dict):
        return [
            Row(
                str(k),
                _unrefused(v),
                None,
                lines.get((id(doc), k)) or 0,
                _nowhere if lines else _JsonPlace(f"{path}.{k}"),
            )
            for k, v in doc.items()
        ]
    if not isinstance(doc, list):
        raise DataError(
            _("{name}: expected a list of {{id, actual, as_of}} or a mapping of id: actual").format(name=name)
        )
    rows = []
    for index, entry in enumerate(doc):
        line = lines.get(id(entry)) or 0 if isinstance(entry, (dict, list)) else 0
        if not isinstance(entry, dict) or "id" not in entry or "actual" not in entry:
            where = f"{name}:{line}" if lines else f"{name}: {path}[{index}]"
            raise DataError(
                _("{where}: expected a mapping with id and actual, got {entry}").format(
                    where=where, entry=shortened(repr(entry))
                )
            )
        place = _nowhere if lines else _JsonPlace(path, index)
        as_of = entry.get("as_of", entry.get("year"))
        rows.append(Row(str(entry["id"]), _unrefused(entry["actual"]), _date_written(as_of), line, place))
    return rows


class _JsonPlace:
    """Where a value of a JSON ledger is, as its path (``$[3].actual``, or ``$.<id>`` in a
    mapping of id: actual), in a problem's heading. The path is written only for a problem."""

    __slots__ = ("index", "path")

    def __init__(self, path: str, index: int | None = None):
        self.path, self.index = path, index

    def __call__(self, field: str) -> str:
        return f": {self.path}" if self.index is None else f": {self.path}[{self.index}].{field}"


def _unrefused(value: Any) -> Any:
    """A number the parser's rule refused, as the text of why (reported with its line)."""
    if isinstance(value, dict) and REFUSED in value:
        return _Refused(value[REFUSED])
    return value


def _date_written(value: Any) -> Any:
    """An ``as_of`` as a YAML or JSON ledger (or a DataFrame) holds it, as text to read as a
    date — or, for what cannot be one, the refusal to report with its place.

    A whole number is a year (``as_of: 2020``). A decimal number is refused, never read:
    YAML reads ``as_of: 2020.10`` as the number 2020.1, which would be January; the month
    meant is lost before seoulplan sees it.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and REFUSED in value:
        return _Refused(value[REFUSED])
    if isinstance(value, float):
        return _Refused(
            _(
                "{value} is a decimal number, not a date (YAML reads 2020.10 as the number 2020.1); "
                "write 2020-10, or quote the date: '2020.10'"
            ).format(value=shortened(value))
        )
    if isinstance(value, (bool, dict, list)):
        return _Refused(
            _(
                "{text!r} is not a date; expected 2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020 (or 2020년 2분기)"
            ).format(text=shortened(value))
        )
    return str(value)


class _Refused(str):
    """The message of a value the parser refused, or of an as_of that cannot be a date;
    reading it raises that message."""


def _from_frame(frame: pd.DataFrame) -> list[Row]:
    missing = [c for c in ("id", "actual") if c not in frame.columns]
    if missing:
        raise DataError(
            _("actuals: the DataFrame has no {missing} column; expected id, actual[, as_of], got {columns}").format(
                missing=", ".join(map(repr, missing)), columns=", ".join(map(str, frame.columns))
            )
        )
    dates = frame["as_of"] if "as_of" in frame.columns else frame["year"] if "year" in frame.columns else None
    return [
        Row(
            str(kid),
            None if pd.isna(value) else value,
            None if dates is None or pd.isna(d) else _date_written(d),
            n + 1,
            _nowhere,
        )
        for n, (kid, value, d) in enumerate(
            zip(frame["id"], frame["actual"].astype(object), dates if dates is not None else [None] * len(frame))
        )
    ]


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
        values = {calc_exact(v) for v in group["actual"]}
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


def calc_exact(value: Any) -> Any:
    """A value as the exact number it stands for (2 and 2.0 and Decimal('2') are one)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
