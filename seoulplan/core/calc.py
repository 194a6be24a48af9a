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
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seoulplan.core import numeric
from seoulplan.core.vocabulary import DOWNWARD, UPWARD

if TYPE_CHECKING:
    import pandas as pd

HUNDRED = Decimal(100)
#: A figure as the dataset holds it: an int, a float read from YAML, or an exact Decimal.
Figure = int | float | Decimal


def exact(x: Figure | None) -> Decimal | None:
    """A figure as an exact Decimal (:func:`seoulplan.core.numeric.exact`); None stays None."""
    return None if x is None else numeric.exact(x)


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
    return numeric.exact((float(last) / float(first)) ** (1.0 / years) - 1.0) * HUNDRED


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
    to_exact = numeric.exact
    return pd.Series([to_exact(v) if type(v) is float else v for v in cells], index=values.index, dtype=object)


def rate(numer: pd.Series, denom: pd.Series, scale: int = 100) -> pd.Series:
    """``numer ÷ denom × scale`` for whole columns; <NA> where ``denom`` is missing or zero.

    Vectorised, yet exact where it must be. The figures are exact (integers, or Decimals
    for figures written with decimals; see :func:`exact_column`), and each quotient is
    computed once from them, correctly rounded: the result is the nearest double to the
    exact rate, and the nearest double to a decimal on a rounding boundary (10.55) prints as
    that decimal again, so half-up display rounding of ``repr(rate)`` decides as the true
    value does. (A quotient of two figures that is *not* on a boundary lies at least
    1/(20 × denominator) away from it — far beyond a double's 16 digits for any
    denominator below 10^13.) Floats computed step by step would not do: 7.7 − 8.8 is
    −1.1000000000000005 in binary.

    Integers below 2^53 — an integer column, and the whole figures of any other — are
    doubles exactly, and IEEE division is correctly rounded: their quotients are numpy's,
    the same doubles as Python's ``int / int``, for the whole column at once. Only figures
    with decimals are divided as Decimals (28 digits), one by one.

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
        n, d = numer[valid], denom[valid]
        (top, top_whole), (bottom, bottom_whole) = _doubles(n), _doubles(d)
        scaled = top * scale
        whole = top_whole & bottom_whole & (np.abs(scaled) < 2**53)
        quotients = np.empty(len(scaled))
        quotients[whole] = scaled[whole] / bottom[whole]
        rest = ~whole
        if rest.any():  # figures with decimals (or past 2^53): exactly, one by one
            by = exact_column(d[rest]).to_numpy(dtype=object)
            quotients[rest] = [float(q) for q in (exact_column(n[rest]) * scale).to_numpy(dtype=object) / by]
        data[valid] = quotients
    return pd.Series(pd.arrays.FloatingArray(data, ~valid), index=numer.index)


def _doubles(values: pd.Series) -> tuple[Any, Any]:
    """Each figure (none missing) as a double, and whether that double is the figure exactly,
    an integer below 2^53 in size."""
    import numpy as np
    import pandas as pd

    if values.dtype != object:  # integers, or the doubles of a float column (exact as they are)
        data = values.to_numpy(dtype=np.float64)
        return data, (np.floor(data) == data) & (np.abs(data) < 2**53)
    cells = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=False) == "integer":  # in C: most figures are counts
        data = cells.astype(np.float64)
        return data, np.abs(data) < 2**53
    data = np.array([float(v) for v in cells], dtype=np.float64)
    integral = np.fromiter(map(_integral, cells), dtype=bool, count=len(cells))
    return data, integral & (np.abs(data) < 2**53)


def _integral(figure: Any) -> bool:
    """Is the figure a whole number? A Decimal as written: a float of 0.000001 past 10^10
    could look whole."""
    if type(figure) is int:
        return True
    if isinstance(figure, Decimal):
        return figure == figure.to_integral_value()
    return float(figure).is_integer()


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


# -- attainment (SPEC §5) ---------------------------------------------------------------


def attainment_pct(
    direction: pd.Series, actual: pd.Series, goal: pd.Series, start: pd.Series, *, estimate: bool = False
) -> pd.Series:
    """How far each actual reaches its goal, in % — the one attainment rule (SPEC §5).

    By the KPI's direction: more is better (``increase``, and ``at_least``, a floor):
    A ÷ G × 100; less is better (``decrease``, and ``at_most``, a ceiling): G ÷ A × 100;
    ``maintain``: 100 inside the range from ``start`` (the baseline, or the goal before) to
    the goal — the goal alone where there is no start — and outside it, against the nearer
    end as an increase or a decrease (:func:`_kept`). <NA> where the actual or the goal is
    missing, or the ratio has no meaning (a zero denominator: never ``inf``).

    The columns hold exact figures (int, Decimal, or floats read by
    :func:`~seoulplan.core.numeric.exact`), and the ratios are :func:`rate`'s, exact.
    ``estimate=True`` is for a value that is no figure (a projection): floats divided as
    floats, and a range to keep is not measured.

    >>> import pandas as pd
    >>> column = lambda *values: pd.Series(values, dtype=object)
    >>> attainment_pct(column("increase", "decrease", "at_most", "maintain", "maintain"),
    ...                column(90, Decimal("8.0"), 48, 3, 60), column(100, Decimal("7.7"), 72, 2, 50),
    ...                column(80, Decimal("8.8"), None, 4, None)).tolist()
    [90.0, 96.25, 150.0, 100.0, 83.33333333333333]
    """
    import numpy as np
    import pandas as pd

    where = (actual.notna() & goal.notna()).to_numpy(bool)
    up = direction.isin(UPWARD).to_numpy(bool) & where
    down = direction.isin(DOWNWARD).to_numpy(bool) & where
    out = pd.Series(pd.NA, index=actual.index, dtype="Float64")
    if estimate:
        a, g = actual.astype("Float64"), pd.to_numeric(goal, errors="coerce").astype("Float64")
        out[up] = (a[up] / g[up].mask(g[up] == 0) * 100).to_numpy()
        out[down] = (g[down] / a[down].mask(a[down] == 0) * 100).to_numpy()
        return out
    if up.any():
        out[up] = rate(actual[up], goal[up])
    if down.any():
        out[down] = rate(goal[down], actual[down])
    keep = (direction == "maintain").to_numpy(bool) & where
    if keep.any():
        kept = [_kept(a, g, s) for a, g, s in zip(actual[keep], goal[keep], start[keep])]
        out[keep] = np.array([np.nan if k is None else float(k) for k in kept])
    return out


def met(direction: pd.Series, actual: pd.Series, goal: pd.Series, start: pd.Series) -> Any:
    """Is each actual at its goal in its direction, exactly (a numpy array of bool)? More is
    better: A ≥ G; less is better: A ≤ G; ``maintain``: inside the range (see
    :func:`attainment_pct`). False where the actual or the goal is missing. The comparisons
    of int and Decimal objects run in numpy's loop; a range to keep one by one.

    >>> import pandas as pd
    >>> column = lambda *values: pd.Series(values, dtype=object)
    >>> met(column("increase", "decrease", "at_most", "maintain"), column(100, Decimal("7.7"), 48, 3),
    ...     column(100, Decimal("7.7"), 72, 2), column(91, Decimal("8.8"), None, 4)).tolist()
    [True, True, True, True]
    """
    import numpy as np

    where = (actual.notna() & goal.notna()).to_numpy(bool)
    result = np.zeros(len(actual), dtype=bool)
    d, a, g, s = (c.to_numpy(dtype=object) for c in (direction, actual, goal, start))
    up, down = where & np.isin(d, UPWARD), where & np.isin(d, DOWNWARD)
    result[up] = (a[up] >= g[up]).astype(bool)
    result[down] = (a[down] <= g[down]).astype(bool)
    for i in np.flatnonzero(where & ~up & ~down):
        result[i] = _kept(a[i], g[i], s[i]) == 100
    return result


def progress_pct(actual: pd.Series, goal: pd.Series, start: pd.Series) -> pd.Series:
    """How much of the way from ``start`` to the goal each actual has come, in %:
    (A − S) ÷ (G − S) × 100, which is also (S − A) ÷ (S − G) × 100 for a decrease; exact
    (the differences too: 8.0 − 8.8 is −0.8, not the float −0.8000000000000007).

    >>> import pandas as pd
    >>> progress_pct(pd.Series([90, 8, 5]), pd.Series([100, 7, 6]), pd.Series([80, 9, None])).tolist()
    [50.0, 50.0, <NA>]
    """
    import pandas as pd

    present = (actual.notna() & goal.notna() & start.notna()).to_numpy(bool)
    out = pd.Series(pd.NA, index=actual.index, dtype="Float64")
    if present.any():
        a, g, s = (exact_column(values[present]) for values in (actual, goal, start))
        out[present] = rate(a - s, g - s)
    return out


def _kept(actual: Any, goal: Any, start: Any) -> Any:
    """A range to keep: 100 inside it (from ``start`` to the goal; the goal alone without
    one); outside it, the actual against the nearer end."""
    low, high = (goal, goal) if start is None else (min(start, goal), max(start, goal))
    if low <= actual <= high:
        return 100
    return ratio_pct(high, actual) if actual > high else ratio_pct(actual, low)
