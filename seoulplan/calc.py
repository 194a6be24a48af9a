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

from decimal import Decimal, localcontext

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
    with localcontext() as ctx:
        ctx.prec = 34
        return ((last / first) ** (Decimal(1) / Decimal(years)) - 1) * HUNDRED


def multiple(new, old) -> Decimal | None:
    """new ÷ old (the plan's "n배")."""
    new, old = _dec(new), _dec(old)
    if new is None or not old:
        return None
    return new / old
