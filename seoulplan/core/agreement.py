"""When a figure the plan states agrees with what its other figures give: the audit's rules,
and :class:`Check`, one row of the audit.

Two rules are the plan's own: differences and sums are exact at the precision of the figures
(``exact``); ratios agree when the computed value, rounded half up to the stated number's
decimals, equals it (``rounded``). The others say what a statement of the plan asks for: a
bound (``at most``, ``at least``, ``more than``, ``less than``: the figure compared is the
``computed`` one, the bound the ``stated`` one), a rounded restatement (``headline``), an
approximation (``approximate``: 약, 내외 — the figures, rounded half up to the stated figure's
precision, give it: 10.96 people is "10명 내외", 15.2 is not), stated shares adding up to 100 within the
rounding of each (``shares``), and a figure of something the plan does not print
(``unverifiable``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from seoulplan.core import calc
from seoulplan.core.calc import Figure
from seoulplan.core.money import round_half_up
from seoulplan.core.numeric import decimal_places
from seoulplan.core.vocabulary import AUDIT_FLAG, AUDIT_KINDS

EXACT = "exact"
ROUNDED = "rounded"
AT_MOST = "at most"  # a partial list (등), or one year of a multi-year total: may not exceed it
HEADLINE = "headline"  # a rounded restatement: the detailed figure, rounded or cut to its precision
UNVERIFIABLE = "unverifiable"  # the plan's figure is of something it does not print
AT_LEAST = "at least"  # a floor the plan asserts (이상, 수준 이상): the figure is not below it
MORE_THAN = "more than"  # the figure exceeds the other (초과, a threshold 완화 upwards)
LESS_THAN = "less than"  # the figure is below the other (미만)
APPROXIMATE = "approximate"  # 약, 내외: the figures, rounded half up to the stated precision, give it
SHARES = "shares"  # stated shares of a breakdown add up to 100 within half a unit of their last digit each

#: The kinds of check (what a row of the audit recomputes); ``ambition`` is a flag, not a check.
KINDS = AUDIT_KINDS
SUM, AVERAGE, COUNT, COMPARISON, RESTATEMENT = AUDIT_KINDS
AMBITION = AUDIT_FLAG

#: What each rule checks, in the words every audit row carries as its note.
RULE_NOTES = {
    EXACT: "exact: the figures give the stated one to its last digit",
    ROUNDED: "rounded: the figures, rounded half up to the stated decimals, give the stated one",
    AT_MOST: "at most: the parts named (a list ending in 등, or one year's share of a total) do not exceed the total",
    HEADLINE: "headline: the detailed figure, rounded or cut to the headline's precision, gives the headline",
    UNVERIFIABLE: "unverifiable: the stated figure is measured against something the plan does not print",
    AT_LEAST: "at least: the figure is not below the bound the plan states",
    MORE_THAN: "more than: the figure exceeds the one the plan compares it with",
    LESS_THAN: "less than: the figure is below the one the plan compares it with",
    APPROXIMATE: "approximate: the figures, rounded half up to the precision of the figure the plan states "
    "as about (약, 내외), give it",
    SHARES: "shares: the stated shares add up to 100, within half a unit of their last digit each",
}


def _tolerance(rule: str, stated: Figure | None, inputs: Sequence[Figure | None] = ()) -> Decimal | None:
    if rule == UNVERIFIABLE:
        return None
    if rule in (EXACT, AT_MOST, AT_LEAST, MORE_THAN, LESS_THAN):
        return Decimal(0)
    assert stated is not None  # every rule but UNVERIFIABLE states a figure
    if rule in (HEADLINE, APPROXIMATE):
        return _headline_unit(stated)
    if rule == SHARES:
        return _shares_tolerance(inputs)
    return Decimal(5) * Decimal(10) ** -(decimal_places(stated) + 1)


def _shares_tolerance(shares: Sequence[Figure | None]) -> Decimal:
    """How far stated shares may add up from 100: half a unit of each one's last digit (63.7 → 0.05)."""
    return sum((Decimal(5) * Decimal(10) ** -(decimal_places(x) + 1) for x in shares if x is not None), Decimal(0))


def _headline_unit(value: Figure | None) -> Decimal:
    """The precision a rounded figure is written to: 11000 (1.1만) → 1000, 2.5 → 0.1."""
    exact = calc.exact(value)
    assert exact is not None
    digits, exponent = exact.normalize().as_tuple()[1:]
    return Decimal(1).scaleb(int(exponent))


def agrees(
    rule: str, stated: Figure | None, computed: Figure | None, inputs: Sequence[Figure | None] = ()
) -> bool | None:
    """Does ``computed`` give ``stated`` under ``rule``? (see the module docstring); None when
    the rule says it cannot be told."""
    if rule == UNVERIFIABLE:
        return None
    if computed is None:
        return False
    stated, computed = calc.exact(stated), calc.exact(computed)
    assert stated is not None and computed is not None  # every rule but UNVERIFIABLE states a figure
    if rule == AT_MOST:
        return computed <= stated
    if rule == AT_LEAST:
        return computed >= stated
    if rule == MORE_THAN:
        return computed > stated
    if rule == LESS_THAN:
        return computed < stated
    if rule == SHARES:
        return abs(computed - stated) <= _shares_tolerance(inputs)
    if rule == EXACT:
        places = max([decimal_places(stated)] + [decimal_places(x) for x in inputs if x is not None])
        return round_half_up(computed, places) == round_half_up(stated, places)
    if rule in (HEADLINE, APPROXIMATE):
        unit = _headline_unit(stated)
        rounded = (computed / unit).quantize(Decimal(1), rounding="ROUND_HALF_UP") * unit
        cut = (computed / unit).to_integral_value(rounding="ROUND_DOWN") * unit
        return stated == rounded or (rule == HEADLINE and stated == cut)
    return round_half_up(computed, decimal_places(stated)) == stated


def english(record: dict) -> str:
    """A record's English name (its Korean one where it has none)."""
    return record.get("name_en") or record["name"]


@dataclass(frozen=True, kw_only=True)
class Check:
    """One comparison of a figure the plan states with what its other figures give: a row of
    the audit. ``ok`` and ``tolerance`` follow from ``rule`` (see :func:`agrees`); ``inputs``
    are the figures a difference or sum is made of, whose decimals it is exact to; ``note``
    replaces the rule's own (:data:`RULE_NOTES`)."""

    check_id: str
    section: str
    record_id: str
    check: str  # in the plan's Korean
    check_en: str
    stated: Any
    computed: Any
    rule: str
    source: str
    unit: str = ""
    inputs: Sequence[Any] = ()
    kind: str = SUM
    note: str | None = None

    def row(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "section": self.section,
            "record_id": self.record_id,
            "kind": self.kind,
            "check": self.check,
            "check_en": self.check_en,
            "unit": self.unit,
            "stated": self.stated,
            "computed": self.computed,
            "rule": self.rule,
            "tolerance": _tolerance(self.rule, self.stated, self.inputs),
            "ok": agrees(self.rule, self.stated, self.computed, self.inputs),
            "source": self.source,
            "note": self.note or RULE_NOTES[self.rule],
        }


class Checks:
    """The rows of the audit, in the order the checks are made."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, check: Check) -> None:
        self.rows.append(check.row())
