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


#: Figures as a plan or a ledger writes them: up to 15 digits, some with decimal places.
FIGURES = st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False)


def held(figure: Decimal, form: int) -> object:
    """``figure`` as a column may hold it: an int (when whole), a float (its nearest double,
    standing for the decimal written) or the Decimal itself."""
    if form == 0 and figure == figure.to_integral_value():
        return int(figure)
    return float(figure) if form == 1 else figure


@given(st.lists(st.tuples(FIGURES, FIGURES, FIGURES, st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=30))
def test_rates_progress_and_met_of_figures_with_decimals_are_exact(rows):
    """Whatever holds the figures (ints, floats read as written, Decimals), each rate is the
    nearest double to the exact one, each progress the nearest double to the exact
    (A − S) ÷ (G − S) × 100, and each comparison with the goal exact."""
    actual = pd.Series([held(a, f) for a, _, _, f, _ in rows], dtype=object)
    goal = pd.Series([held(g, f) for _, g, _, _, f in rows], dtype=object)
    start = pd.Series([held(s, f) for _, _, s, f, _ in rows], dtype=object)

    def nearest(top: Fraction, bottom: Fraction) -> object:
        return pd.NA if bottom == 0 else float(top * 100 / bottom)

    exact = [(Fraction(a), Fraction(g), Fraction(s)) for a, g, s, _, _ in rows]
    assert calc.rate(actual, goal).tolist() == [nearest(a, g) for a, g, _ in exact]
    assert calc.progress_pct(actual, goal, start).tolist() == [nearest(a - s, g - s) for a, g, s in exact]
    up = calc.met(pd.Series(["increase"] * len(rows), dtype=object), actual, goal, start).tolist()
    down = calc.met(pd.Series(["decrease"] * len(rows), dtype=object), actual, goal, start).tolist()
    assert (up, down) == ([a >= g for a, g, _ in exact], [a <= g for a, g, _ in exact])


def test_figures_past_a_doubles_integers_are_compared_and_divided_as_decimals():
    """More than 15 decimal places, or more than 2^52: the Decimal way, still exact."""
    fine, big = Decimal("0.10000000000000000001"), 2**60 + 1
    actual = pd.Series([fine, big, Decimal("0.1")], dtype=object)
    goal = pd.Series([Decimal("0.1"), 2**60, fine], dtype=object)
    assert calc.met(pd.Series(["increase"] * 3, dtype=object), actual, goal, goal).tolist() == [True, True, False]
    start = pd.Series([0, 0, 0], dtype=object)
    assert calc.progress_pct(actual, goal, start).tolist() == [
        float(Fraction(fine) * 100 / Fraction("0.1")),
        float(Fraction(big * 100, 2**60)),
        float(Fraction(Decimal("0.1")) * 100 / Fraction(fine)),
    ]
