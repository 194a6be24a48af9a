"""calc.py: growth, share, per-capita, CAGR — exact, and None where there is no base."""

import doctest
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seoulplan.core import calc


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
    import pandas as pd

    amounts = pd.Series([395359, 1, None], dtype="Int64")
    assert calc.per_capita_won(amounts, 10011000).tolist() == [3949246, 10, pd.NA]  # 9.989… and half up


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


# -- attainment (SPEC §5): the one rule, for whole columns ------------------------------


def one(value):
    return pd.Series([value], dtype=object)


@pytest.mark.parametrize(
    "direction, actual, target, baseline, pct, progress, status",
    [
        ("increase", 100, 100, 91, 100, 100, "달성"),  # actual equal to the target
        ("increase", 91, 100, 91, 91, 0, "근접"),  # equal to the baseline
        ("increase", 50, 65, 50, Decimal(5000) / 65, 0, "미달"),
        ("increase", 120, 100, 80, 120, 200, "달성"),  # beyond the target
        ("increase", 1, 2, 0, 50, 50, "미달"),  # a zero baseline
        ("increase", 3, 0, None, None, None, "달성"),  # a zero target: no ratio, but met
        ("at_least", 84, 85, None, Decimal(8400) / 85, None, "근접"),  # a floor: as an increase
        ("at_most", 48, 72, None, 150, None, "달성"),  # respond within 72 hours: 48 is within it
        ("decrease", Decimal("7.7"), Decimal("7.7"), Decimal("8.8"), 100, 100, "달성"),
        ("decrease", Decimal("8.0"), Decimal("7.7"), Decimal("8.8"), Decimal("96.25"), Decimal("800") / 11, "근접"),
        ("decrease", 8.0, 7.7, 8.8, Decimal("96.25"), Decimal("800") / 11, "근접"),  # floats: as written
        ("decrease", Decimal("8.8"), Decimal("7.7"), Decimal("8.8"), 87.5, 0, "미달"),  # equal to the baseline
        ("decrease", 1200, 1500, 3100, 125, Decimal(190000) / 1600, "달성"),  # beyond the target
        ("decrease", 0, 5, 10, None, 200, "달성"),  # zero actual: no ratio, never inf
        ("maintain", 25, 25, 25, 100, None, "달성"),
        ("maintain", 3, 2, 4, 100, None, "달성"),  # inside the stated range
        ("maintain", 60, 50, None, Decimal(500) / 6, None, "미달"),  # above a cap
        ("maintain", 46, 50, None, 92, None, "근접"),  # below the level to keep
    ],
)
def test_attainment(direction, actual, target, baseline, pct, progress, status):
    columns = one(direction), one(actual), one(target), one(baseline)
    got = calc.attainment_pct(*columns).iat[0]
    # the nearest double to the exact ratio (see calc.rate)
    assert (None if got is pd.NA else got) == (None if pct is None else float(Decimal(pct)))
    if progress is not None:
        assert calc.progress_pct(one(actual), one(target), one(baseline)).iat[0] == float(Decimal(progress))
    reached = calc.met(*columns)[0]
    assert ("달성" if reached else "근접" if got is not pd.NA and got >= 90 else "미달") == status


def test_nothing_to_measure_is_missing_never_met():
    columns = one("increase"), one(None), one(100), one(None)
    assert calc.attainment_pct(*columns).iat[0] is pd.NA
    assert not calc.met(*columns)[0]


def test_an_estimate_is_divided_as_floats_and_a_range_is_not_estimated():
    direction = pd.Series(["increase", "decrease", "maintain"], dtype=object)
    projected = pd.Series([90.5, 8.0, 3.0], dtype="Float64")
    goal = pd.Series([100, Decimal("7.7"), 2], dtype=object)
    got = calc.attainment_pct(direction, projected, goal, one(None).repeat(3), estimate=True)
    assert got.tolist() == [90.5 / 100 * 100, 7.7 / 8.0 * 100, pd.NA]


# -- rate over whole columns --------------------------------------------------------------


@given(
    st.lists(
        st.tuples(st.integers(-(10**13), 10**13), st.integers(-(10**13), 10**13).filter(bool)), min_size=1, max_size=30
    )
)
def test_a_rate_of_whole_figures_is_the_nearest_double_to_the_exact_one_in_every_dtype(pairs):
    """Integers divide as doubles in numpy's loop, whatever column holds them (Int64, exact
    ints, or the whole doubles of a Float64 column): each quotient is the correctly rounded
    exact one, as Python's int / int is."""
    tops, bottoms = zip(*pairs)
    expected = [float(Fraction(100 * a, b)) for a, b in pairs]
    for dtype in ("Int64", object, "Float64"):
        got = calc.rate(pd.Series(tops, dtype=dtype), pd.Series(bottoms, dtype=dtype)).tolist()
        assert got == expected, dtype


def test_a_rate_of_figures_with_decimals_is_exact():
    tops = pd.Series([Decimal("7.7") - Decimal("8.8"), 1, Decimal("0.000001")], dtype=object)
    bottoms = pd.Series([8.8, Decimal("3.0"), 7], dtype=object)
    assert calc.rate(tops, bottoms).tolist() == [-12.5, float(Fraction(100, 3)), float(Fraction(1, 70000))]
