"""How the dataset spells its units: one spelling per unit, so that grouping and ``--grep`` see one.

The plan writes some units several ways — in its running text, its tables and its
boxes — and the dataset's ``unit`` fields once copied each as printed. A record's
``unit`` is now the canonical spelling of :data:`CANONICAL_UNITS` (its ``source``
excerpt stays verbatim: that is where the printed spelling lives), and the validator
refuses the other spellings, naming the canonical one. The choices:

- ``m²`` and ``km²``, not the compatibility characters ``㎡`` and ``㎢``: Unicode keeps
  those only to round-trip legacy CJK encodings (NFKC folds them to ``m2``), people type
  ``m²`` from any keyboard, and it is the same text in Korean and English. cp949 encodes
  both forms, so Excel users lose nothing.
- ``개구`` for districts (not ``개 구``, ``개 자치구`` or ``자치구``): the plan's own most
  frequent form (``25개구``), built like the dataset's other counters (``개소``, ``개사``,
  ``개교``); a 구 of Seoul is always an autonomous district, so ``자치구`` adds no meaning.
- ``개동`` for neighbourhoods (not ``개 동``): the same pattern, and the plan's usual form
  (``88개동``, ``228개동``).
- ``개 세부사업`` (not ``개 세부 사업``): 세부사업 is one word in Korean budgeting, the
  "detailed project" level of a programme.
- ``그루`` for trees (not ``주``): 그루 counts only trees, while 주 is also a week
  (``4주 이내 개강 연기``); with trees counted in 그루, ``주`` means weeks and its English
  can say so.

A unit that still means different things in different records (세대: households, or the
homes built for them) gets its English per record: ``unit_en`` beside ``unit``
(:mod:`seoulplan.core.glossary`).
"""

from __future__ import annotations

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.problems import Locator, Problem

#: Every spelling the dataset refuses, with the one it uses instead.
CANONICAL_UNITS: dict[str, str] = {
    "㎡": "m²",
    "㎢": "km²",
    "개 구": "개구",
    "개 자치구": "개구",
    "자치구": "개구",
    "개 동": "개동",
    "개 세부 사업": "개 세부사업",
    "주": "그루",
}

#: Spellings refused only in a record about trees: ``주`` is also the canonical unit of weeks.
TREES_ONLY = frozenset({"주"})


def canonical_unit(unit: str, about: str = "") -> str:
    """The spelling the dataset uses for ``unit`` (``unit`` itself when it is canonical).

    ``about`` is the record's English (its ``name_en`` and its unit's English): ``주`` is
    refused only where that speaks of trees, since it is also a week.

    >>> canonical_unit("㎡"), canonical_unit("개소"), canonical_unit("주", "Weeks of delay")
    ('m²', '개소', '주')
    >>> canonical_unit("주", "Trees planted in 2020")
    '그루'
    """
    canonical = CANONICAL_UNITS.get(unit)
    if canonical is None:
        return unit
    if unit in TREES_ONLY and "tree" not in about.lower():
        return unit
    return canonical


#: Units whose English the code writes itself: money (``KRW …``) and percentages.
WRITTEN_BY_CODE = frozenset({"원", "만원", "백만원", "억원", "조원", "%", "％", "%p"})

#: The sections whose records carry a ``unit`` (and may carry a ``unit_en``).
UNIT_SECTIONS = ("general", "finance", "counts", "kpis")


def check(doc: dict, locate: Locator) -> list[Problem]:
    """Every unit of the dataset spelled one way (:data:`CANONICAL_UNITS`), and each with
    English: the record's ``unit_en``, else the ``units`` glossary's (a reader of English
    would otherwise see the Korean)."""
    problems: list[Problem] = []
    glossary = doc.get("units")
    glossary = glossary if isinstance(glossary, dict) else {}
    for unit in glossary:
        if isinstance(unit, str) and unit in CANONICAL_UNITS and unit not in TREES_ONLY:
            problems.append(locate.problem(["units", unit], _spelled(unit, CANONICAL_UNITS[unit])))
    for section in UNIT_SECTIONS:
        records = doc.get(section)
        for index, record in enumerate(records if isinstance(records, list) else []):
            unit = record.get("unit") if isinstance(record, dict) else None
            if not isinstance(unit, str):
                continue
            own = record.get("unit_en")
            english = own if isinstance(own, str) else glossary.get(unit)
            canonical = canonical_unit(unit, f"{record.get('name_en')} {english}") if unit in CANONICAL_UNITS else unit
            if canonical != unit:
                problems.append(locate.problem([section, index, "unit"], _spelled(unit, canonical)))
            elif english is None and unit not in WRITTEN_BY_CODE:
                problems.append(
                    locate.problem(
                        [section, index, "unit"],
                        _(
                            "unit {unit!r} has no English: add it to units ('singular|plural') "
                            "or give the record a unit_en"
                        ).format(unit=shortened(unit)),
                    )
                )
    return problems


def _spelled(unit: str, canonical: str) -> str:
    return _("unit {unit!r} is written {canonical!r} in this dataset (one spelling per unit)").format(
        unit=unit, canonical=canonical
    )
