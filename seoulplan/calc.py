"""The plan's arithmetic, exact (SPEC §5): integers and Decimal in, Decimal or None out.

A measure that has no meaning (a zero or missing base) is ``None`` — shown as ``—`` in
tables and ``null`` in JSON — never ``inf`` or ``NaN``. Rounding for display happens in
:mod:`seoulplan.money`; nothing here rounds.

>>> growth_pct(395359, 357416).quantize(Decimal("0.01"))
Decimal('10.62')
>>> growth_pct(5, 0) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)


def _dec(x) -> Decimal | None:
    if x is None:
        return None
    if isinstance(x, float):
        return Decimal(str(x))  # the YAML's decimal text, not its binary approximation
    return Decimal(x)


def change(new, old) -> Decimal | None:
    """new − old; None when either is missing."""
    new, old = _dec(new), _dec(old)
    return None if new is None or old is None else new - old


def ratio_pct(part, whole) -> Decimal | None:
    """part ÷ whole × 100; None for a missing or zero whole."""
    part, whole = _dec(part), _dec(whole)
    if part is None or whole is None or whole == 0:
        return None
    return part * HUNDRED / whole


def growth_pct(new, old) -> Decimal | None:
    """(new − old) ÷ old × 100.

    >>> growth_pct(Decimal("7.7"), Decimal("8.8")).quantize(Decimal("0.1"))
    Decimal('-12.5')
    """
    return ratio_pct(change(new, old), old)


def share_pct(part, total) -> Decimal | None:
    """part ÷ total × 100.

    >>> share_pct(35515, 55713).quantize(Decimal("0.1"))
    Decimal('63.7')
    """
    return ratio_pct(part, total)


def per_capita(amount_won, population) -> Decimal | None:
    """Amount in 원 per resident.

    >>> per_capita(395359 * 10**8, 10011000).quantize(Decimal(1))
    Decimal('3949246')
    """
    amount_won, population = _dec(amount_won), _dec(population)
    if amount_won is None or not population:
        return None
    return amount_won / population


def average(total, count) -> Decimal | None:
    """total ÷ count (the plan's 1구 평균)."""
    total, count = _dec(total), _dec(count)
    if total is None or not count:
        return None
    return total / count


def cagr_pct(first, last, years) -> Decimal | None:
    """Compound annual growth over ``years`` years, in %; None when it has no meaning.

    >>> cagr_pct(100, 121, 2).quantize(Decimal("0.01"))
    Decimal('10.00')
    """
    first, last = _dec(first), _dec(last)
    if first is None or last is None or not years or years <= 0 or first <= 0 or last < 0:
        return None
    # A fractional power is irrational anyway: float's 15 digits are plenty, and Decimal's
    # power costs ~80 µs a call. The result goes back to Decimal like every other measure.
    return Decimal(repr((float(last) / float(first)) ** (1.0 / years) - 1.0)) * HUNDRED


def total(values):
    """The sum of figures: integers stay integers; any decimal makes it an exact Decimal.

    >>> total([200, 250, 60]), total([2.5, 3.5])
    (510, Decimal('6.0'))
    """
    values = list(values)
    if all(type(v) is int for v in values):
        return sum(values)
    return sum(_dec(v) for v in values)


def multiple(new, old) -> Decimal | None:
    """new ÷ old (the plan's "n배")."""
    new, old = _dec(new), _dec(old)
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


def attainment(direction: str, actual, target, baseline=None, near=90) -> Attainment:
    """SPEC §5, direction-aware.

    increase: A ÷ T × 100, progress (A − B) ÷ (T − B) × 100;
    decrease: T ÷ A × 100, progress (B − A) ÷ (B − T) × 100;
    maintain: the range between baseline and target (the target alone without a
    baseline) is 100%; outside it, the nearer bound as an increase or decrease target.
    Status: 달성 when the target is met in the KPI's direction, 근접 when attainment is at
    least ``near`` %, 미달 otherwise. A ratio without meaning (a zero denominator) is None.

    >>> attainment("increase", 90, 100, 80)
    Attainment(attainment_pct=Decimal('90'), progress_pct=Decimal('50'), status='근접')
    >>> attainment("decrease", 7.7, 7.7, 8.8).status
    '달성'
    """
    a, t, b = _dec(actual), _dec(target), _dec(baseline)
    if direction == "maintain":
        low, high = (min(b, t), max(b, t)) if b is not None else (t, t)
        if low <= a <= high:
            return Attainment(HUNDRED, None, ACHIEVED)
        bound, direction = (high, "decrease") if a > high else (low, "increase")
        measured = attainment(direction, a, bound, None, near)
        return Attainment(measured.attainment_pct, None, measured.status)
    if direction == "increase":
        pct = ratio_pct(a, t)
        met = a >= t
        progress = ratio_pct(a - b, t - b) if b is not None else None
    elif direction == "decrease":
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
