"""Facts read straight from a validated dataset document (the parsed YAML, a dict).

Shared by the table modules, which take the document and return DataFrames, and by
:class:`~seoulplan.core.plan.Plan`, which hands it to them.
"""

from __future__ import annotations


def plan_year(doc: dict) -> int:
    return int(doc["plan"]["year"])


def budget_years(doc: dict) -> list[int]:
    return [int(y) for y in doc["budget"]["years"]]


def compare_year(doc: dict) -> int | None:
    """The year the plan compares its budget with (``plan.compare_year``), when the budget
    has figures for it; else None."""
    year = doc["plan"].get("compare_year")
    return year if year in budget_years(doc) and year != plan_year(doc) else None


def item(doc: dict, section: str, key: str) -> dict:
    """One record of ``general`` or ``finance`` by its key; ``general.key`` names another section."""
    other, _, key = key.rpartition(".")
    for record in doc[other or section]:
        if record["key"] == key:
            return record
    raise KeyError(f"{other or section}.{key}")


def population(doc: dict) -> int:
    return int(item(doc, "general", "population")["value"])


def reference_dates(doc: dict) -> dict[str, str]:
    """What each part of the plan is dated at: ``{"population": "2019-12-31", …}``."""
    return {r["what"]: r["date"] for r in doc["plan"].get("reference_dates", [])}
