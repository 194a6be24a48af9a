"""Reading a ledger's values and dates (SPEC §5): typed as printed, converted to the KPI's unit;
a date, month, quarter, half or year standing at the end of its period."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seoulplan.core.money import UNIT_WON
from seoulplan.core.periods import read_as_of
from seoulplan.core.quantities import read_value
from seoulplan.presentation.formatting import format_won

days = st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))


@given(days)
def test_a_date_in_any_form_is_that_day(day):
    expected = (day.isoformat(), day)
    assert read_as_of(day.isoformat()) == expected
    assert read_as_of(f"{day.year}.{day.month}.{day.day}.") == expected
    assert read_as_of(f"{day.year}년 {day.month}월 {day.day}일") == expected


@given(days)
def test_a_period_stands_at_its_last_day_and_its_label_reads_back(day):
    month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    quarter, half = (day.month - 1) // 3 + 1, (day.month - 1) // 6 + 1
    quarter_end = datetime.date(day.year, 3 * quarter, calendar.monthrange(day.year, 3 * quarter)[1])
    half_end = datetime.date(day.year, 6 * half, 30 if half == 1 else 31)
    forms = {
        f"{day.year}-{day.month:02d}": month_end,
        f"{day.year}년 {day.month}월": month_end,
        f"{day.year}-Q{quarter}": quarter_end,
        f"{day.year}년 {quarter}분기": quarter_end,
        f"{day.year}-H{half}": half_end,
        f"{day.year}년 {'상' if half == 1 else '하'}반기": half_end,
        str(day.year): datetime.date(day.year, 12, 31),
    }
    for text, end in forms.items():
        label, date = read_as_of(text)
        assert date == end, text
        assert date >= day
        assert read_as_of(label) == (label, date)  # the label is itself a valid as_of


@pytest.mark.parametrize(
    "text",
    ["2020-Q5", "2020-H3", "2020-13", "2020-00", "2020년 13월", "2020-02-30", "1999", "2101-Q1", "Q2", "어제", ""],
)
def test_what_is_not_a_date(text):
    with pytest.raises(ValueError, match=r"not a date|outside 2000–2100"):
        read_as_of(text)


@pytest.mark.parametrize(
    "raw, unit, value",
    [
        ("2,400억원", "억원", Decimal(2400)),
        ("240,000백만원", "억원", Decimal(2400)),
        ("2억 5,700만원", "억원", Decimal("2.57")),
        ("0.5조", "억원", Decimal(5000)),
        ("1억원", "백만원", Decimal(100)),
        ("5,000원", "만원", Decimal("0.5")),
        ("3억", "원", Decimal(300000000)),
        ("2400", "억원", 2400),  # a bare number is in the KPI's unit
        ("95개소", "개소", 95),
        ("95 개소", "개소", 95),
        ("12 개 지역", "개 지역", 12),
        ("989개 병원", "개 병원", 989),  # a unit that ends in 원 and is no money
        ("3개병원", "개 병원", 3),
        ("1.5만", "명", Decimal(15000)),
        ("3,200", "개소", 3200),
        ("8.0%", "%", 8.0),
        ("８.０％", "%", 8.0),
        ("8.0%p", "%p", 8.0),
        ("-3", "개", -3),
    ],
)
def test_a_value_as_printed_in_the_kpis_unit(raw, unit, value):
    got = read_value(raw, unit)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    "raw, unit, message",
    [
        ("95명", "개소", "'95명' is in '명'; this KPI is measured in '개소'"),
        ("1억원", "개소", "'1억원' is an amount of money; this KPI is measured in '개소'"),
        ("3억원", "개 병원", "'3억원' is an amount of money; this KPI is measured in '개 병원'"),
        ("8.0%p", "%", "'8.0%p' is a change in percentage points; this KPI is a rate in '%' (write 8.0%)"),
        ("8.0%", "%p", "'8.0%' is in '%'; this KPI is measured in '%p'"),
        ("1원", "억원", "has more than 6 decimal places"),
        ("많음", "개소", "'많음' is not a number"),
        ("0100", "개", "leading zero"),
        ("1e400", "개", "too large"),
    ],
)
def test_a_value_that_cannot_be_the_kpis_names_the_unit_expected(raw, unit, message):
    with pytest.raises(ValueError) as caught:
        read_value(raw, unit)
    assert message in str(caught.value)


@given(
    st.sampled_from(["억원", "백만원", "만원", "원"]),
    st.integers(-(10**11), 10**11),
    st.integers(0, 2),
)
def test_money_printed_the_plans_way_reads_back_exactly(unit, units, places):
    value = Decimal(units).scaleb(-places if unit != "원" else 0)  # 원 has no fractions
    won = value * UNIT_WON[unit]
    assert read_value(format_won(int(won)), unit) == value


@given(st.integers(0, 10**14), st.sampled_from(["개소", "명", "대", "개 지역", "km"]))
def test_a_count_with_grouping_commas_and_its_unit_reads_back(count, unit):
    assert read_value(f"{count:,}{unit}", unit) == count
    assert read_value(f"{count:,} {unit}", unit) == count
    assert read_value(str(count), unit) == count
