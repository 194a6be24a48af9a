"""The plan's English: what its tables name in Korean, looked up by key, never by the Korean text.

The machine tables carry Korean names where the plan has them (``basis_name``,
``account_name``, ``pillar_name``, ``strategy_name``, ``unit``) and English ones only where a
record has its own (``name_en``): machine formats never depend on the locale. People who
read English need the rest, and this is where it comes from — the dataset's ``name_en``
fields, its ``units`` glossary, and the names of the groups the code itself defines
(:mod:`seoulplan.core.vocabulary`). Plain dicts, built once per plan.

A unit's English is written as the dataset's ``units`` section has it: ``site|sites``
(singular and plural), ``No. {}`` (the number in place of ``{}``), a symbol that English
does not inflect (``km``, ``MW``: no spaces), or ``""`` for a bare count;
:meth:`Glossary.quantity` applies it. The singular is for a count of exactly 1 (or -1, a
change): ``1 time a month``, ``1.5 times a month``, ``0 sites``. One mechanism for plurals:
the pair lives with the unit in the dataset, because the English depends on the plan's
records, not on the code's messages (Korean has no plural, and shows the unit as written).

A unit's English may also depend on the record: a record's own ``unit_en`` (``세대``: the
homes built, not households) wins over the glossary for that record and that unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from seoulplan.core.units import UNIT_SECTIONS
from seoulplan.core.vocabulary import COVID_NAMES, GROUP_NAMES


@dataclass(frozen=True)
class Glossary:
    """English words for the plan's records, by their keys."""

    bases: Mapping[str, str] = field(default_factory=dict)  # budget basis key -> English
    accounts: Mapping[str, str] = field(default_factory=dict)  # budget account key -> English
    groups: Mapping[str, str] = field(default_factory=dict)  # general/finance group key -> English
    measures: Mapping[str, str] = field(default_factory=dict)  # COVID measure key -> English
    pillars: Mapping[str, str] = field(default_factory=dict)  # pillar slug -> English
    strategies: Mapping[tuple[str, int], str] = field(default_factory=dict)  # (slug, number) -> English
    kpis: Mapping[str, str] = field(default_factory=dict)  # KPI id -> English name
    parts: Mapping[str, tuple[tuple[str, object], ...]] = field(default_factory=dict)  # KPI id -> (name_en, value)
    units: Mapping[str, str] = field(default_factory=dict)  # unit as written -> its English form
    #: record id or key -> (its unit, the English of that unit for the record)
    record_units: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Mapping) -> Glossary:
        """The glossary of a validated dataset document."""
        bases: dict[str, str] = {}
        accounts: dict[str, str] = {}
        for basis in doc["budget"]["bases"]:
            if basis.get("name_en"):
                bases[basis["key"]] = basis["name_en"]
            for row in basis["rows"]:
                if row.get("name_en"):
                    accounts.setdefault(row["account"], row["name_en"])
        kpis = doc.get("kpis") or []
        return cls(
            bases=bases,
            accounts=accounts,
            groups={key: en for key, (_ko, en) in GROUP_NAMES.items()},
            measures={key: en for key, (_ko, en) in COVID_NAMES.items()},
            pillars={p["slug"]: p["name_en"] for p in doc["pillars"] if p.get("name_en")},
            strategies={
                (p["slug"], s["number"]): s["name_en"]
                for p in doc["pillars"]
                for s in p["strategies"]
                if s.get("name_en")
            },
            kpis={k["id"]: k["name_en"] for k in kpis if k.get("name_en")},
            parts={
                k["id"]: tuple((p.get("name_en") or p["name"], p["value"]) for p in k["parts"])
                for k in kpis
                if k.get("parts")
            },
            units=dict(doc.get("units") or {}),
            record_units={
                record.get("id") or record["key"]: (record["unit"], record["unit_en"])
                for section in UNIT_SECTIONS
                for record in doc.get(section) or []
                if record.get("unit_en") is not None
            },
        )

    def english(self, unit: str, record: object = None) -> str | None:
        """The English form of ``unit`` as written in the dataset (``site|sites``): the
        record's own when it has one for this unit, else the glossary's; None when neither
        has it."""
        own = self.record_units.get(record) if isinstance(record, str) else None
        if own is not None and own[0] == unit:
            return own[1]
        return self.units.get(unit)

    def unit(self, unit: str, count: object = None, record: object = None) -> str | None:
        """The English of ``unit`` (its plural, or its singular for a count of 1) in ``record``
        (a KPI's id, an item's key); None when the glossary lacks it."""
        english = self.english(unit, record)
        if english is None:
            return None
        singular, _bar, plural = english.partition("|")
        return singular if (not plural or _is_one(count)) else plural

    def quantity(self, number: str, unit: str, count: object = None, record: object = None) -> str | None:
        """``number`` (already written out) with the English of ``unit``: ``100 sites``,
        ``1 site``, ``No. 1``, ``25`` (a bare count); None when the glossary lacks the unit."""
        english = self.unit(unit, count, record)
        if english is None:
            return None
        if "{}" in english:
            return english.replace("{}", number)
        return f"{number} {english}" if english else number


def _is_one(count: object) -> bool:
    """Is ``count`` one, either way (a change of -1 is ``-1 site``)?"""
    try:
        return count is not None and abs(float(count)) == 1  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
