"""The plan as a directory of CSV files and a Frictionless Data Package (v2) describing them.

Each CSV is exactly what the matching command writes with ``--format csv`` (the same
renderer), in the encoding asked for. ``datapackage.json`` gives each file a Table Schema:
a field per column with its type (from the frame's dtype), its Korean ``title``, its English
``title_en`` and ``description``, its ``unit`` where it has a fixed one, and the table's
primary and foreign keys, so that ``frictionless validate datapackage.json`` checks the
types, the keys and that every reference joins; each resource also records its bytes and
SHA-256 hash. The plan itself is the package's source.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from seoulplan.presentation import catalogue, render
from seoulplan.presentation.columns import Entry
from seoulplan.version import __version__

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DESCRIPTOR = "datapackage.json"


def write(folder: str, tables: Mapping[str, pd.DataFrame], plan: Mapping, *, encoding: str = "utf-8") -> None:
    """Write a CSV per table and ``datapackage.json`` into the (empty) directory ``folder``.
    Every text cell is checked against ``encoding`` before a file is written."""
    for frame in tables.values():
        render.check_encodable(frame, encoding)
    resources = []
    for name, frame in tables.items():
        path = f"{name}.csv"
        digest = hashlib.sha256()
        size = 0
        with open(os.path.join(folder, path), "wb") as f:
            for piece in render.encoded(render.chunks(frame, "csv"), encoding):
                f.write(piece)
                digest.update(piece)
                size += len(piece)
        resources.append(resource(catalogue.table(name), frame, path, encoding, size, digest.hexdigest()))
    text = json.dumps(descriptor(plan, resources), ensure_ascii=False, indent=2) + "\n"
    with open(os.path.join(folder, DESCRIPTOR), "w", encoding="utf-8") as f:
        f.write(text)


def descriptor(plan: Mapping, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The package: its name, titles, the plan as its source, and the resources."""
    return {
        "$schema": PROFILE,
        "name": f"seoul-{plan['year']}-work-plan",
        "title": catalogue.source(plan),
        "title_en": catalogue.source_en(plan),
        "description": (
            f"{catalogue.source_en(plan)} as data: the budget, finance, general and COVID-19 tables, the pillars "
            "and strategies, every KPI with its series and parts, and the audit of the plan's stated figures."
        ),
        "version": __version__,
        "sources": [{"title": catalogue.source(plan)}],
        "contributors": [{"title": f"seoulplan {__version__}", "roles": ["creator"]}],
        "resources": resources,
    }


def resource(
    table: catalogue.Table, frame: pd.DataFrame, path: str, encoding: str, size: int, sha256: str
) -> dict[str, Any]:
    """One CSV file as a tabular resource, with its Table Schema."""
    keys = []
    for key in table.foreign_keys:
        reference: dict[str, Any] = {"fields": list(key.references)}
        if key.table != table.name:  # a reference within the table names no resource (v2)
            reference = {"resource": key.table, **reference}
        keys.append({"fields": list(key.columns), "reference": reference})
    schema: dict[str, Any] = {
        "$schema": SCHEMA_PROFILE,
        "fields": [_field(table.field(name), frame[name].dtype, name in table.primary_key) for name in frame.columns],
        "primaryKey": list(table.primary_key),
    }
    if keys:
        schema["foreignKeys"] = keys
    same = f" The same rows as `{table.command} --format csv`." if table.command else ""
    return {
        "name": table.name,
        "path": path,
        "type": "table",
        "title": table.ko,
        "title_en": table.en,
        "description": table.description + same,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "schema": schema,
    }


def _field(field: Entry, dtype: Any, key: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": field.name,
        "type": catalogue.type_of(dtype, field),
        "title": field.ko,
        "title_en": field.en,
    }
    unit = field.fixed_unit
    note = f"in the unit given by {field.unit_from}" if field.unit_from else ""
    description = "; ".join(part for part in (field.description, note) if part)
    out["description"] = field.en + (f" ({unit})" if unit else "") + (f": {description}" if description else "")
    if unit:
        out["unit"] = unit
    if field.unit_from:
        out["unit_from"] = field.unit_from
    if key:
        out["constraints"] = {"required": True}
    return out
