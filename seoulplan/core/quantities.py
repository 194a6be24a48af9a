"""A value as people write it, read in a KPI's unit (SPEC §5): ``2억 5,700만원`` for a KPI in
억원 (read as 2.57), ``95개소``, ``8.0%``, ``1.5만``, or a plain number.

A unit that cannot be the KPI's is an error naming the one expected, and so is a fraction of
a 원. Numbers follow the rule of :mod:`seoulplan.core.numeric`, as in datasets: ASCII or
full-width digits only, and text read in time linear in its length.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.money import UNIT_WON, parse_money
from seoulplan.core.numeric import (
    PLAIN,
    NumberError,
    ascii_digits,
    exact,
    figure_problem,
    is_number,
    length_problem,
    read_number,
)
from seoulplan.errors import MoneyParseError

GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
#: A number that read_number refused for what it is, not for a unit written after it. Each
#: repetition is followed by what it cannot match, so a failed match is linear.
NUMERAL = re.compile(r"[-+]?(?:[0-9,]*\.[0-9]+|[0-9,]*[0-9])(?:[eE][-+]?[0-9]+)?")
MYRIAD = re.compile(r"[조억만천백십]")


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
    # a unit that ends in 원 is not always money: 989개 병원 counts hospitals
    if compact.endswith("원") and unit not in UNIT_WON and not compact.endswith(unit.replace(" ", "")):
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
    if unit in UNIT_WON and not isinstance(value, int) and (exact(value) * UNIT_WON[unit]) % 1:
        raise ValueError(
            _("{text!r} is a fraction of a 원; an amount of money is a whole number of 원").format(text=shortened(raw))
        )
    return value


def _checked(value: Decimal, raw: str) -> Decimal:
    problem = figure_problem(value)
    if problem:
        raise ValueError(f"{shortened(raw)!r}: {problem}")
    return value
