"""Is a parsed dataset valid? Every problem, each with its YAML path and line (SPEC §3, §7).

The dataset's shape is described once, as a JSON Schema (``plan.schema.json``, shipped
in the package so that editors can use it too), and checked with jsonschema-rs: a JSON
Schema validator written in Rust that checks the real plan in 2 ms and a dataset of
555,000 KPIs in about a second, where the pure-Python ``jsonschema`` takes 30 s
(55 µs per KPI). What a schema cannot say — unique ids and keys, references between
records, baselines before targets — is checked by :mod:`seoulplan.core.relations`.
Numbers have passed the number rule while they were parsed (:mod:`seoulplan.core.numeric`);
a number it refused stands in the document as a refusal, reported here with its path.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from seoulplan.core import relations
from seoulplan.core.numeric import REFUSED
from seoulplan.core.problems import Locator, Problem

SCHEMA = "seoulplan/1"
SCHEMA_FILE = "plan.schema.json"


def schema_text() -> bytes:
    """The JSON Schema of a dataset, as shipped in the package."""
    return resources.files("seoulplan.core").joinpath(SCHEMA_FILE).read_bytes()


@functools.lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(schema_text())


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(_schema())


def validate(doc: object, lines: dict | None = None) -> list[Problem]:
    """Every problem of a parsed dataset, in document order (empty when it is valid)."""
    lines = lines or {}
    if not isinstance(doc, dict):
        return [Problem("$", f"expected a mapping with schema: {SCHEMA} at the top, got {describe(doc)}")]
    if doc.get("schema") != SCHEMA:
        got = "no schema" if "schema" not in doc else f"schema {doc['schema']!r}"
        return [Problem("$.schema", f"expected schema: {SCHEMA}, got {got}", lines.get((id(doc), "schema")))]
    locate = Locator(doc, lines)
    try:
        errors = list(_validator().iter_errors(doc))
    except (ValueError, TypeError, OverflowError, RecursionError) as e:  # a document JSON cannot hold
        return [Problem("$", f"cannot be checked against the schema: {e}")]
    problems = [problem for error in errors for problem in _problems(error, locate)]
    problems += relations.check(doc, locate)
    return sorted(problems, key=lambda p: p.line if p.line is not None else float("inf"))


def _subschema(schema_path: list) -> dict:
    node: Any = _schema()
    for part in schema_path:
        found = part in node if isinstance(node, dict) else isinstance(part, int) and part < len(node)
        if isinstance(node, (dict, list)) and found:
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}


_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "null": "nothing",
}


def _problems(error: Any, locate: Locator) -> list[Problem]:
    parts, instance, kind = list(error.instance_path), error.instance, error.kind
    name = type(kind).__name__
    field = next((p for p in reversed(parts) if isinstance(p, str)), "value")
    if isinstance(instance, dict) and REFUSED in instance:
        return [locate.problem(parts, instance[REFUSED])]
    if name == "Required":
        hint = " (every KPI needs a target: {year, value})" if kind.property == "target" else ""
        what = "section " if not parts else ""
        return [locate.problem(parts, f"missing {what}{kind.property!r}{hint}")]
    if name == "AdditionalProperties":
        allowed = ", ".join(_subschema(list(error.schema_path)[:-1]).get("properties", {}))
        return [locate.problem([*parts, key], f"unknown field; expected one of {allowed}") for key in kind.unexpected]
    if name == "Type":
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in kind.types)
        if isinstance(instance, str) and "string" not in kind.types:
            return [locate.problem(parts, _text_for_a_number(instance, expected))]
        return [locate.problem(parts, f"expected {expected}, got {describe(instance)}")]
    if name == "Not":
        forbidden = _subschema(list(error.schema_path)).get("required", [])
        kind = instance.get("kind", "target") if isinstance(instance, dict) else "target"
        reason = {
            "target": "an achievement reports an actual and has no target",
            "same_as": "only a headline (kind: headline) restates another record",
        }
        return [
            locate.problem([*parts, key], f"does not belong to a KPI of kind {kind}: {reason.get(key, key)}")
            for key in forbidden
        ]
    if name == "Enum":
        options = ", ".join(map(str, kind.options))
        return [locate.problem(parts, f"unknown {field} {instance!r}; expected one of {options}")]
    if name in ("ExclusiveMinimum", "ExclusiveMaximum"):
        return [locate.problem(parts, f"{instance} is too large: a figure of the plan is less than 10^15")]
    if name in ("Minimum", "Maximum"):
        where = list(error.schema_path)
        if "year" in where:
            return [locate.problem(parts, f"expected a year from 1900 to 2100, got {instance}")]
        sign = "≥" if name == "Minimum" else "≤"
        return [locate.problem(parts, f"expected a number {sign} {kind.limit}, got {instance}")]
    if name == "Constant":
        return [locate.problem(parts, f"expected {kind.expected_value!r}, got {describe(instance)}")]
    if name in ("Pattern", "PropertyNames"):
        schema_path = list(error.schema_path)
        described = _subschema(schema_path[:-1]).get("description") or _subschema(schema_path[:-2]).get("description")
        if isinstance(instance, str) and not instance.strip() and "excerpt" in (described or ""):
            return [locate.problem(parts, "the source excerpt is empty; quote the plan's line")]
        if name == "PropertyNames":
            return [locate.problem(parts, f"{error.message}; expected keys that are {described or 'valid'}")]
        return [
            locate.problem(parts, f"expected {described or 'text matching ' + kind.pattern}, got {describe(instance)}")
        ]
    return [locate.problem(parts, error.message)]


def _text_for_a_number(text: str, expected: str) -> str:
    """What to say of text where a number belongs: quoted digits, or digits YAML read as text
    (``0395359``: a leading zero that is not octal)."""
    from seoulplan.core.numeric import NumberError, read_number

    try:
        read_number(text.replace(",", ""))
    except NumberError as e:
        if re.fullmatch(r"\s*[-+]?[0-9][0-9.,:_]*\s*", text):
            return str(e)
        return f"expected {expected}, got {describe(text)}"
    return f"a number written as a string ({text!r}); write it without quotes"


def describe(value: object) -> str:
    """A value as a message names it: ``the string 'abc'``, ``a list``, ``nothing``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}" if value.strip() else "empty text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
