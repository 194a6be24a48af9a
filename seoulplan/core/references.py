"""One record's reference to another's figure, across sections, for the audit's links.

A reference is text: ``general.<key>`` or ``finance.<key>`` (an item's value),
``counts.<key>`` (a counted phrase), ``budget.<basis>.<account>`` (its amount in the plan's
year), or a KPI id (its end: the target, or an achievement's actual). ``@YEAR`` picks a year
of a series: ``budget.net.total@2019``, ``welfare.fifty-plus-campuses@2019`` (the KPI's
baseline, target, milestone or actual of that year). Section names never clash with KPI ids,
whose first part is a pillar's slug.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

ITEM_SECTIONS = ("general", "finance", "counts")


class _Index:
    """Every record a reference can name, by its name, made once for a document: a lookup
    per reference instead of a pass over the KPIs (tens of thousands in a large dataset)."""

    def __init__(self, doc: dict) -> None:
        self.doc = doc
        self.names: dict[str, dict] = {}  # items and budget rows, by their reference
        self.kpis: dict[str, dict] = {}
        for section in ITEM_SECTIONS:
            for r in _listed(doc, section):
                if isinstance(r, dict) and isinstance(r.get("key"), str):
                    self.names.setdefault(f"{section}.{r['key']}", r)
        for basis in _listed(doc.get("budget"), "bases"):
            if isinstance(basis, dict) and isinstance(basis.get("key"), str):
                for r in _listed(basis, "rows"):
                    if isinstance(r, dict) and isinstance(r.get("account"), str):
                        self.names.setdefault(f"budget.{basis['key']}.{r['account']}", r)
        for k in _listed(doc, "kpis"):
            if isinstance(k, dict) and isinstance(k.get("id"), str):
                self.kpis.setdefault(k["id"], k)


_indexed: contextvars.ContextVar[_Index | None] = contextvars.ContextVar("references", default=None)


@contextlib.contextmanager
def indexed(doc: dict) -> Iterator[None]:
    """Within the block, references into ``doc`` are looked up in an index made once (the
    validator's and the audit's passes over every link); ``doc`` must not change meanwhile."""
    token = _indexed.set(_Index(doc))
    try:
        yield
    finally:
        _indexed.reset(token)


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
    index = _indexed.get()
    section, _dot, rest = name.partition(".")
    if index is not None and index.doc is doc:
        return index.names.get(name) if section in (*ITEM_SECTIONS, "budget") else index.kpis.get(name)
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
