"""One record's reference to another's figure, across sections, for the audit's links.

A reference is text: ``general.<key>`` or ``finance.<key>`` (an item's value),
``counts.<key>`` (a counted phrase), ``budget.<basis>.<account>`` (its amount in the plan's
year), or a KPI id (its end: the target, or an achievement's actual). ``@YEAR`` picks a year
of a series: ``budget.net.total@2019``, ``welfare.fifty-plus-campuses@2019`` (the KPI's
baseline, target, milestone or actual of that year). Section names never clash with KPI ids,
whose first part is a pillar's slug.
"""

from __future__ import annotations

from typing import Any

ITEM_SECTIONS = ("general", "finance", "counts")


def split(ref: str) -> tuple[str, int | None]:
    """``welfare.x@2019`` → ``("welfare.x", 2019)``; no year → None."""
    name, at, year = ref.partition("@")
    return name, (int(year) if at and year.isdigit() else None)


def _listed(container: Any, key: str) -> list:
    """``container[key]`` when it is a list, else nothing: a document the schema refused (a
    section of the wrong type) is read without an exception."""
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def record(doc: dict, ref: str) -> dict | None:
    """The record a reference names (a budget row, an item, a KPI), or None."""
    name, _year = split(ref)
    section, _dot, rest = name.partition(".")
    if section in ITEM_SECTIONS:
        return next((r for r in _listed(doc, section) if isinstance(r, dict) and r.get("key") == rest), None)
    if section == "budget":
        basis, _dot, account = rest.partition(".")
        bases = _listed(doc.get("budget"), "bases")
        rows = next((_listed(b, "rows") for b in bases if isinstance(b, dict) and b.get("key") == basis), [])
        return next((r for r in rows if isinstance(r, dict) and r.get("account") == account), None)
    return next((k for k in _listed(doc, "kpis") if isinstance(k, dict) and k.get("id") == name), None)


def points(kpi: dict) -> dict[int, Any]:
    """A KPI's figures by year: baseline, milestones, target, and an achievement's actual."""
    found: dict[int, Any] = {}
    for point in [kpi.get("baseline"), *_listed(kpi, "milestones"), kpi.get("actual"), kpi.get("target")]:
        if isinstance(point, dict) and "year" in point and "value" in point:
            found[point["year"]] = point["value"]
    return found


def end_year(kpi: dict) -> int | None:
    """The year a KPI leads to: its target's, else its actual's."""
    point = kpi.get("target") or kpi.get("actual") or {}
    return point.get("year") if isinstance(point, dict) else None


def value_of(doc: dict, found: dict, ref: str) -> Any:
    """The figure of a record a reference found (see the module docstring), or None when it has
    none for the year asked."""
    name, year = split(ref)
    section = name.partition(".")[0]
    if section in ITEM_SECTIONS:
        return found.get("value")
    if section == "budget":
        amounts = _mapping(found.get("amounts"))
        return amounts.get(str(year if year is not None else _mapping(doc.get("plan")).get("year")))
    year = year if year is not None else end_year(found)
    return None if year is None else points(found).get(year)


def figure(doc: dict, ref: str) -> Any:
    """The figure a reference names, or None (no such record, or no figure for that year)."""
    found = record(doc, ref)
    return None if found is None else value_of(doc, found, ref)


def problem(doc: dict, ref: str) -> str | None:
    """Why a reference names no figure, for the validator (None when it does): the words are
    turned into a message there."""
    if record(doc, ref) is None:
        return "unknown"
    return "no figure" if figure(doc, ref) is None else None
