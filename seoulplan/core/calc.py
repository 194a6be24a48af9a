"""The plan's arithmetic, exact (SPEC §5).

Two forms of the same rules:

- scalar functions (integers and Decimal in, Decimal or None out) for the audit, which
  recomputes what the plan states and must see every digit;
- column functions (:func:`rate`, :func:`per_capita_won`) over whole DataFrame columns for
  the tables, vectorised and still exact where it matters — see :func:`rate`.

A measure that has no meaning (a zero or missing base) is ``None`` / ``<NA>`` — shown as
``—`` in tables and ``null`` in JSON — never ``inf`` or ``NaN``. Nothing here rounds:
display rounding (half up, as the plan rounds) is the presentation's.

>>> growth_pct(395359, 357416).quantize(Decimal("0.01"))
Decimal('10.62')
>>> growth_pct(5, 0) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seoulplan.core.vocabulary import DOWNWARD, UPWARD

if TYPE_CHECKING:
    import pandas as pd

HUNDRED = Decimal(100)
#: A figure as the dataset holds it: an int, a float read from YAML, or an exact Decimal.
Figure = int | float | Decimal


def exact(x: Figure | str | None) -> Decimal | None:
    """A figure as an exact Decimal: a float is read as the decimal it was written as."""
    if x is None:
        return None
    if isinstance(x, float):
        return Decimal(repr(x))  # the YAML's decimal text, not its binary approximation
    return Decimal(x)


def change(new: Figure | None, old: Figure | None) -> Decimal | None:
    """new − old; None when either is missing."""
    new, old = exact(new), exact(old)
    return None if new is None or old is None else new - old


def ratio_pct(part: Figure | None, whole: Figure | None) -> Decimal | None:
    """part ÷ whole × 100; None for a missing or zero whole."""
    part, whole = exact(part), exact(whole)
    if part is None or whole is None or whole == 0:
        return None
    return part * HUNDRED / whole


def growth_pct(new: Figure | None, old: Figure | None) -> Decimal | None:
    """(new − old) ÷ old × 100.

    >>> growth_pct(Decimal("7.7"), Decimal("8.8")).quantize(Decimal("0.1"))
    Decimal('-12.5')
    """
    return ratio_pct(change(new, old), old)


def share_pct(part: Figure | None, total: Figure | None) -> Decimal | None:
    """part ÷ total × 100.

    >>> share_pct(35515, 55713).quantize(Decimal("0.1"))
    Decimal('63.7')
    """
    return ratio_pct(part, total)


def average(total: Figure | None, count: Figure | None) -> Decimal | None:
    """total ÷ count (the plan's 1구 평균)."""
    total, count = exact(total), exact(count)
    if total is None or not count:
        return None
    return total / count


def cagr_pct(first: Figure | None, last: Figure | None, years: int | None) -> Decimal | None:
    """Compound annual growth over ``years`` years, in %; None when it has no meaning.

    >>> cagr_pct(100, 121, 2).quantize(Decimal("0.01"))
    Decimal('10.00')
    """
    first, last = exact(first), exact(last)
    if first is None or last is None or not years or years <= 0 or first <= 0 or last < 0:
        return None
    # A fractional power is irrational anyway: float's 15 digits are plenty, and Decimal's
    # power costs ~80 µs a call. The result goes back to Decimal like every other measure.
    return Decimal(repr((float(last) / float(first)) ** (1.0 / years) - 1.0)) * HUNDRED


def total(values: Iterable[Figure]) -> int | Decimal:
    """The sum of figures: integers stay integers; any decimal makes it an exact Decimal.

    >>> total([200, 250, 60]), total([2.5, 3.5])
    (510, Decimal('6.0'))
    """
    figures = list(values)
    whole = [v for v in figures if type(v) is int]
    if len(whole) == len(figures):
        return sum(whole)
    return sum(d for d in map(exact, figures) if d is not None)


def multiple(new: Figure | None, old: Figure | None) -> Decimal | None:
    """new ÷ old (the plan's "n배")."""
    new, old = exact(new), exact(old)
    if new is None or not old:
        return None
    return new / old


ACHIEVED, NEAR, MISSED = "달성", "근접", "미달"


@dataclass(frozen=True)
class Attainment:
    """Measured attainment of one actual: % of target, % of the way from baseline, status."""

    attainment_pct: Decimal | None
    progress_pct: Decimal | None
    status: str | None


def attainment(
    direction: str, actual: Figure | None, target: Figure | None, baseline: Figure | None = None, near: float = 90
) -> Attainment:
    """SPEC §5, direction-aware.

    increase: A ÷ T × 100, progress (A − B) ÷ (T − B) × 100;
    decrease: T ÷ A × 100, progress (B − A) ÷ (B − T) × 100;
    at_least (a floor) is measured as an increase, at_most (a ceiling) as a decrease;
    maintain: the range between baseline and target (the target alone without a
    baseline) is 100%; outside it, the nearer bound as an increase or decrease target.
    Status: 달성 when the target is met in the KPI's direction, 근접 when attainment is at
    least ``near`` %, 미달 otherwise. A ratio without meaning (a zero denominator) is None.

    >>> attainment("increase", 90, 100, 80)
    Attainment(attainment_pct=Decimal('90'), progress_pct=Decimal('50'), status='근접')
    >>> attainment("decrease", 7.7, 7.7, 8.8).status
    '달성'
    >>> attainment("at_most", 48, 72).status  # respond within 72 hours: 48 is within it
    '달성'
    """
    a, t, b = Decimal(exact(actual)), Decimal(exact(target)), exact(baseline)  # type: ignore[arg-type]
    if direction == "maintain":
        low, high = (min(b, t), max(b, t)) if b is not None else (t, t)
        if low <= a <= high:
            return Attainment(HUNDRED, None, ACHIEVED)
        bound, direction = (high, "decrease") if a > high else (low, "increase")
        measured = attainment(direction, a, bound, None, near)
        return Attainment(measured.attainment_pct, None, measured.status)
    if direction in UPWARD:
        pct = ratio_pct(a, t)
        met = a >= t
        progress = ratio_pct(a - b, t - b) if b is not None else None
    elif direction in DOWNWARD:
        pct = ratio_pct(t, a)
        met = a <= t
        progress = ratio_pct(b - a, b - t) if b is not None else None
    else:
        raise ValueError(f"unknown direction {direction!r}")
    if met:
        status = ACHIEVED
    elif pct is not None and pct >= Decimal(near):
        status = NEAR
    else:
        status = MISSED
    return Attainment(pct, progress, status)


# -- whole columns -----------------------------------------------------------------


def exact_column(values: pd.Series) -> pd.Series:
    """A column of figures as exact Python numbers (object dtype; missing values stay <NA>).

    Integers stay ``int``; a float becomes the Decimal it was written as (8.8, not
    8.800000000000000710…), so that sums and differences are exact.
    """
    import pandas as pd

    if pd.api.types.is_integer_dtype(values.dtype):
        return values.astype(object)
    # A list comprehension, not Series.map: a third of the time on a ledger of 300,000 rows.
    cells = values.astype(object).to_numpy()
    return pd.Series([Decimal(repr(v)) if type(v) is float else v for v in cells], index=values.index, dtype=object)


def rate(numer: pd.Series, denom: pd.Series, scale: int = 100) -> pd.Series:
    """``numer ÷ denom × scale`` for whole columns; <NA> where ``denom`` is missing or zero.

    Vectorised, yet exact where it must be. The figures are exact (integers, or Decimals
    for figures written with decimals; see :func:`exact_column`), and each quotient is
    computed once from them: ``int / int`` in Python is correctly rounded, and a Decimal
    quotient carries 28 digits. The result is the nearest double to the exact rate, and
    the nearest double to a decimal on a rounding boundary (10.55) prints as that decimal
    again, so half-up display rounding of ``repr(rate)`` decides as the true value does.
    (A quotient of two figures that is *not* on a boundary lies at least
    1/(20 × denominator) away from it — far beyond a double's 16 digits for any
    denominator below 10^13.) Floats computed step by step would not do: 7.7 − 8.8 is
    −1.1000000000000005 in binary.

    >>> import pandas as pd
    >>> rate(pd.Series([37943, 5, 1], dtype="Int64"), pd.Series([357416, 0, None], dtype="Int64")).tolist()
    [10.615920943662287, <NA>, <NA>]
    >>> rate(pd.Series([-1.1]), pd.Series([8.8]), 100).tolist()
    [-12.5]
    """
    import numpy as np
    import pandas as pd

    valid = (numer.notna() & denom.notna() & (denom.fillna(0) != 0)).to_numpy(dtype=bool)
    data = np.full(len(numer), np.nan)
    if valid.any():
        n, d = exact_column(numer[valid]), exact_column(denom[valid])
        scaled, by = (n * scale).to_numpy(dtype=object), d.to_numpy(dtype=object)
        # Integers below 2^53 are exact doubles, and IEEE division is correctly rounded: the
        # same double as Python's int / int, in numpy's loop; the rest (Decimals) one by one
        whole = _small_integers(scaled) & _small_integers(by)
        quotients = np.empty(len(scaled))
        quotients[whole] = scaled[whole].astype(np.float64) / by[whole].astype(np.float64)
        rest = ~whole
        if rest.any():
            quotients[rest] = [float(q) for q in scaled[rest] / by[rest]]
        data[valid] = quotients
    return pd.Series(pd.arrays.FloatingArray(data, ~valid), index=numer.index)


def _small_integers(cells: Any) -> Any:
    """Which exact figures (an object array) are ints a double holds exactly (below 2^53)."""
    import numpy as np

    ints = np.fromiter((type(v) is int for v in cells), dtype=bool, count=len(cells))
    small = np.zeros(len(cells), dtype=bool)
    small[ints] = np.abs(cells[ints].astype(np.float64)) < 2**53
    return small


def per_capita_won(amount_eok: pd.Series, population: int) -> pd.Series:
    """Amounts in 억원 per resident, in whole 원 rounded half up, exactly (integer arithmetic).

    >>> import pandas as pd
    >>> per_capita_won(pd.Series([395359, None], dtype="Int64"), 10011000).tolist()
    [3949246, <NA>]
    """
    import pandas as pd

    def whole_won(amount: object) -> int | None:
        if amount is pd.NA or amount is None or not population:
            return None
        won = int(amount) * 10**8  # type: ignore[call-overload]
        rounded = (2 * abs(won) + population) // (2 * population)
        return rounded if won >= 0 else -rounded

    return pd.Series(pd.array([whole_won(a) for a in amount_eok.astype(object)], dtype="Int64"), index=amount_eok.index)
