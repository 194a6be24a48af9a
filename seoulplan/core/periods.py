"""Periods as a ledger writes them: the moment an observation stands for (SPEC §5).

An ``as_of`` is a date ``2020-06-30``, a month ``2020-06``, a quarter ``2020-Q2``, a half
``2020-H1`` or a year ``2020`` (also ``2020년 2분기``, ``2020년 상반기``, ``2020년 6월``, and as
Korean Excel shows and saves dates: ``2020. 6. 30.``, ``2020-06-30 00:00:00``); it stands at
the end of its period. Digits follow :func:`~seoulplan.core.numeric.ascii_digits`, and a
year must lie within ``FIRST_YEAR``–``LAST_YEAR``.
"""

from __future__ import annotations

import datetime
import functools
import re

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.numeric import NumberError, ascii_digits

FIRST_YEAR, LAST_YEAR = 2000, 2100
#: The longest date (``2020년 12월 31일``) a ledger may hold: longer text is refused by its
#: length before any pattern reads it, as a value longer than numeric.MAX_LITERAL is.
MAX_DATE_LENGTH = 40

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
