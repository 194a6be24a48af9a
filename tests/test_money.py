"""money.py: Korean amounts formatted and parsed as SPEC §4 shows, round trips, rounding."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seoulplan.core.money import EOK, parse_money, round_half_up
from seoulplan.errors import MoneyParseError
from seoulplan.presentation import formatting as money
from seoulplan.presentation.formatting import format_amount, format_pct, format_pp, format_won


def test_doctests():
    assert doctest.testmod(money).failed == 0


@pytest.mark.parametrize(
    "amount, unit, style, expected",
    [
        (395359, "억원", "plain", "39조 5,359억원"),
        (10692, "억원", "plain", "1조 692억원"),
        (30000, "억원", "plain", "3조원"),
        (9358, "억원", "plain", "9,358억원"),
        (1130000000, "원", "plain", "11억 3,000만원"),
        (84180, "원", "plain", "84,180원"),
        (-37943, "억원", "plain", "-3조 7,943억원"),
        (-37943, "억원", "gov", "△3조 7,943억원"),
        (0, "억원", "plain", "0원"),
        (100, "만원", "plain", "100만원"),
        (242, "백만원", "plain", "2억 4,200만원"),
    ],
)
def test_spec_table(amount, unit, style, expected):
    assert format_amount(amount, unit, style=style) == expected


@pytest.mark.parametrize(
    "to, expected",
    [("원", "39,535,900,000,000원"), ("만", "3,953,590,000만원"), ("억", "395,359억원"), ("조", "39.5359조원")],
)
def test_fixed_units(to, expected):
    assert format_won(395359 * EOK, to=to) == expected


def test_en_us_full_precision():
    """English amounts are never rounded: two side by side are written alike (issue 13)."""
    assert format_won(395359 * EOK, locale="en_US") == "KRW 39.5359 trillion"
    assert format_won(110000 * EOK, locale="en_US") == "KRW 11 trillion"
    assert format_won(116000 * EOK, locale="en_US") == "KRW 11.6 trillion"
    assert format_won(-37943 * EOK, locale="en_US") == "KRW -3.7943 trillion"
    assert format_won(395359 * EOK, to="trillion", locale="en_US") == "KRW 39.5359 trillion"
    assert format_won(395359 * EOK, to="million", locale="en_US") == "KRW 39,535,900 million"
    assert format_won(395359 * EOK, to="won", locale="en_US") == "KRW 39,535,900,000,000"
    assert format_won(395359 * EOK, to="million") == "39,535,900백만원"


def test_percentages_as_the_plan_prints_them():
    assert format_pct(Decimal(37943) * 100 / Decimal(357416)) == "10.6%"
    assert format_pct(Decimal(23000) * 100 / Decimal(209186)) == "11.0%"
    assert format_pp(Decimal("7.7") - Decimal("8.8")) == "-1.1%p"
    assert format_pp(Decimal("-1.1"), style="gov") == "△1.1%p"
    assert format_pct(None) == "—"


def test_rounding_is_half_up_not_bankers():
    """The plan rounds half up: 0.25 -> 0.3 and 10.65 -> 10.7 (banker's rounding gives 0.2, 10.6)."""
    assert round_half_up(Decimal("0.25")) == Decimal("0.3")
    assert round_half_up(Decimal("10.65")) == Decimal("10.7")
    assert round_half_up(Decimal("-0.25")) == Decimal("-0.3")
    assert format_pct(Decimal("10.65")) == "10.7%"


@pytest.mark.parametrize(
    "text, won",
    [
        ("39조 5,359억", 395359 * EOK),
        ("39조5359억원", 395359 * EOK),
        ("395,359억", 395359 * EOK),
        ("395359억", 395359 * EOK),
        ("11억 3천만원", 1130000000),
        ("1.5만", 15000),
        ("3천5백", 3500),
        ("3만5천", 35000),
        ("84,180원", 84180),
        ("84180", 84180),
        ("만원", 10000),
        ("△3조 7,943억원", -37943 * EOK),
        ("-3조 7,943억원", -37943 * EOK),
        ("39조 5,359억원 - 35조 7,416억원", 37943 * EOK),
        ("(1억 + 2억) * 3", 9 * EOK),
        ("１２억", 12 * EOK),  # full-width digits, as Korean IMEs type them
        ("39.5359조원", 395359 * EOK),
    ],
)
def test_parse(text, won):
    assert parse_money(text) == won


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "empty"),
        ("원", "no amount"),
        ("39조 5,359억 35조", "units must descend"),
        ("5,359억원 39조", "expected an operator"),
        ("39,5359억", "badly grouped"),
        ("1억 * 1억", "cannot multiply two amounts"),
        ("1억 / 0", "division by zero"),
        ("(1억", "missing ')'"),
        ("abc", "unexpected 'a'"),
        ("9" * 31, "too long"),
        ("1억 +", "expected an amount"),
    ],
)
def test_parse_errors(text, fragment):
    with pytest.raises(MoneyParseError, match=fragment.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        parse_money(text)


amounts = st.integers(min_value=-(10**20), max_value=10**20)


@given(amounts, st.sampled_from(["auto", "조", "억", "만", "원"]), st.sampled_from(["plain", "gov"]))
def test_format_then_parse_round_trips(won, to, style):
    assert parse_money(format_won(won, to=to, style=style)) == won


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_fractional_won_round_trips(won):
    assert parse_money(format_won(won)) == won


@given(st.integers(min_value=0, max_value=10**16))
def test_auto_format_groups_by_myriads(won):
    text = format_won(won)
    assert text.endswith("원")
    for unit in ("조", "억", "만"):
        assert text.count(unit) <= 1


@settings(max_examples=300)
@given(st.text(alphabet="0123456789,. 조억만천백십원+-*/()△xe", max_size=30) | st.text(max_size=30))
def test_parser_never_crashes(text):
    try:
        value = parse_money(text)
    except MoneyParseError:
        return
    assert value.is_finite()


@pytest.mark.parametrize("locale", money.LOCALES)
def test_symbol_table_matches_babel(locale):
    from babel.core import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    percent = Locale.parse(locale).number_symbols["latn"]["percentSign"]
    assert money.SYMBOLS[locale] == (get_group_symbol(locale), get_decimal_symbol(locale), percent)
