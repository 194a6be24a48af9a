"""calc.py: growth, share, per-capita, CAGR — exact, and None where there is no base."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seoulplan import calc


def test_doctests():
    assert doctest.testmod(calc).failed == 0


def test_growth_and_change():
    assert calc.change(395359, 357416) == 37943
    assert calc.growth_pct(395359, 357416) == Decimal(37943) * 100 / Decimal(357416)
    assert calc.growth_pct(Decimal("7.7"), Decimal("8.8")) == Decimal("-12.5")


@pytest.mark.parametrize("fn", [calc.growth_pct, calc.share_pct, calc.multiple, calc.average])
@pytest.mark.parametrize("args", [(5, 0), (5, None), (None, 5)])
def test_no_base_gives_none_never_inf(fn, args):
    assert fn(*args) is None


def test_per_capita_uses_the_plans_population():
    assert round(calc.per_capita(395359 * 10**8, 10011000)) == 3949246


def test_cagr():
    assert calc.cagr_pct(100, 100, 3) == 0
    assert calc.cagr_pct(0, 5, 2) is None
    assert calc.cagr_pct(100, 200, 0) is None


def test_floats_are_read_as_their_decimal_text():
    assert calc.change(605.24, 307.40) == Decimal("297.84")


@given(st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=8))
def test_shares_of_a_breakdown_sum_to_100(parts):
    total = sum(parts)
    assert abs(sum(calc.share_pct(p, total) for p in parts) - 100) < Decimal("1e-20")
