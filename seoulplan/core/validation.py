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
import math
import re
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from itertools import chain, repeat
from typing import Any, NamedTuple

from seoulplan.core import relations
from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import N_, _
from seoulplan.core.numeric import MAX_DIGITS, REFUSED
from seoulplan.core.problems import Locator, Problem

SCHEMA = "seoulplan/1"
SCHEMA_FILE = "plan.schema.json"


def schema_text() -> bytes:
    """The JSON Schema of a dataset, as shipped in the package."""
    return resources.files("seoulplan.core").joinpath(SCHEMA_FILE).read_bytes()


@functools.lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(schema_text())


def schema() -> dict:
    """The JSON Schema of a dataset, parsed once (shared: read it, do not change it)."""
    return _schema()


#: Problems listed at most: past this, a hostile file would cost time and memory per problem.
MAX_PROBLEMS = 1000
#: Values one record (a KPI, a budget, a pillar …) may hold: the real plan's largest has
#: about 300. jsonschema-rs finds every error of what it is given before returning the
#: first, so a record of two million bad values would take minutes to report.
MAX_RECORD_VALUES = 20_000


@functools.cache
def _validator(*schema_path: str) -> Any:
    """The validator of the schema at ``schema_path`` (a top-level section, or the items of
    one). The document is checked a section at a time and its top level in Python: an
    error's ``instance`` is converted back to Python, and an error about the top level
    would carry (and copy) the whole document."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(
        {"$schema": _schema()["$schema"], "$defs": _schema()["$defs"], **_subschema(list(schema_path))}
    )


def _section_errors(section: str, value: object) -> Iterator[Any]:
    """The schema's errors in one section, found a record at a time for a list of records
    (only where the whole is not valid: the common case costs one fast check)."""
    whole = _validator("properties", section)
    if whole.is_valid(value):
        return
    if isinstance(value, list) and "items" in _top(section):
        records = _validator("properties", section, "items")
        for index, record in enumerate(value):
            if records.is_valid(record):
                continue
            if _count_values(record, MAX_RECORD_VALUES) > MAX_RECORD_VALUES:
                yield _TooLarge([section, index])
                continue
            for error in records.iter_errors(record):
                yield _InSection(error, [section, index], ["properties", section, "items"])
        return
    if _count_values(value, MAX_RECORD_VALUES) > MAX_RECORD_VALUES:
        yield _TooLarge([section])
        return
    for error in whole.iter_errors(value):
        yield _InSection(error, [section], ["properties", section])


def _count_values(node: object, limit: int) -> int:
    """How many values ``node`` holds, counted up to just past ``limit``."""
    count, stack = 0, [node]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _top(section: str) -> dict:
    return _schema()["properties"][section]


def validate(doc: object, lines: dict | None = None) -> list[Problem]:
    """Every problem of a parsed dataset (the first :data:`MAX_PROBLEMS`), in document order
    (empty when it is valid)."""
    lines = lines or {}
    if not isinstance(doc, dict):
        return [
            Problem(
                "$",
                _("expected a mapping with schema: {schema} at the top, got {got}").format(
                    schema=SCHEMA, got=describe(doc)
                ),
            )
        ]
    if doc.get("schema") != SCHEMA:
        got = (
            _("no schema")
            if "schema" not in doc
            else _("schema {value!r}").format(
                value=shortened(doc["schema"]) if isinstance(doc["schema"], str) else doc["schema"]
            )
        )
        return [
            Problem(
                "$.schema",
                _("expected schema: {schema}, got {got}").format(schema=SCHEMA, got=got),
                lines.get((id(doc), "schema")),
            )
        ]
    locate = Locator(doc, lines)
    sections = _schema()["properties"]
    problems = [
        locate.problem([], _("missing section {key!r}").format(key=key))
        for key in _schema()["required"]
        if key not in doc
    ]
    problems += [
        locate.problem([key], _("unknown field; expected one of {fields}").format(fields=", ".join(sections)))
        for key in doc
        if key not in sections
    ]
    for section in sections:
        if section not in doc:
            continue
        try:
            for error in _section_errors(section, doc[section]):
                problems += _problems(error, locate)
                if len(problems) >= MAX_PROBLEMS:
                    break
        except (ValueError, TypeError, OverflowError, RecursionError) as e:  # a document JSON cannot hold
            problems.append(
                locate.problem([section], _("cannot be checked against the schema: {error}").format(error=e))
            )
        if len(problems) >= MAX_PROBLEMS:
            break
    if len(problems) < MAX_PROBLEMS:
        problems += relations.check(doc, locate)
    if len(problems) >= MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS] + [
            Problem("$", _("… and possibly more: the first {count:,} are listed").format(count=MAX_PROBLEMS))
        ]
    return sorted(problems, key=lambda p: p.line if p.line is not None else float("inf"))


#: How deep :func:`has_shape` looks: the top, its sections, their records, a record's fields.
SHAPE_DEPTH = 3
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


class _Shape(NamedTuple):
    """What :func:`has_shape` checks of a value: its Python types (none: any), whether a
    bool may stand there (Python's bool is an int; JSON's true is not a number), the keys
    it must have, and the shapes of its fields or items."""

    types: tuple[type, ...]
    bool_allowed: bool
    required: tuple[str, ...]
    fields: dict[str, _Shape]
    items: _Shape | None
    leaf: bool  # none of the three above: a value checked by its type alone


def has_shape(doc: object) -> bool:
    """Has ``doc`` the shape the schema gives a dataset down to its records' fields: every
    required key, each value of the JSON type the schema says (:data:`SHAPE_DEPTH` levels)?

    A cheap check (a few milliseconds for the real plan) of a document that was valid when
    it was written, for the cache to tell an entry the code can use from one it cannot; not
    the validation: no bounds, patterns, constants or relations."""
    return _fits(doc, _top_shape())


def _fits(value: object, shape: _Shape) -> bool:
    if (shape.types and not isinstance(value, shape.types)) or (not shape.bool_allowed and type(value) is bool):
        return False
    if shape.fields or shape.required:
        if not isinstance(value, dict):
            return False
        for key in shape.required:
            if key not in value:
                return False
        fields = shape.fields
        for key, item in value.items():
            field = fields.get(key)
            if field is None:
                continue
            if field.leaf:  # most fields: checked here, not by a call per value
                if (field.types and not isinstance(item, field.types)) or (
                    not field.bool_allowed and type(item) is bool
                ):
                    return False
            elif not _fits(item, field):
                return False
        return True
    items = shape.items
    if items is not None and isinstance(value, list):
        if (items.fields and not items.types) or items.types == (dict,):
            return _records_fit(value, items)
        for item in value:
            if not _fits(item, items):
                return False
    return True


def _records_fit(records: list, shape: _Shape) -> bool:
    """:func:`_fits` of every record of a list at once: every item a dict, each required key
    in every one (counted over all their keys), and each field's values of the types the
    schema allows — read as the set of (key, type) pairs of all the records, made in C
    (``chain``, ``zip``, ``set``): 45,300 KPIs in half the time of a call per record. A
    field that is itself a record or a list is still checked value by value."""
    if not all(map(isinstance, records, repeat(dict))):
        return False
    counts = Counter(chain.from_iterable(records))
    if any(counts[key] != len(records) for key in shape.required):
        return False
    pairs = set(zip(chain.from_iterable(records), map(type, chain.from_iterable(map(dict.values, records)))))
    for key, kind in pairs:
        field = shape.fields.get(key)
        if field is None or not field.leaf:
            continue
        if (field.types and not issubclass(kind, field.types)) or (not field.bool_allowed and kind is bool):
            return False
    nested = [(key, field) for key, field in shape.fields.items() if not field.leaf and key in counts]
    return all(_fits(record[key], field) for key, field in nested for record in records if key in record)


@functools.lru_cache(maxsize=1)
def _top_shape() -> _Shape:
    return _shape_of(_schema(), SHAPE_DEPTH)


def _shape_of(schema: dict, depth: int) -> _Shape:
    while "$ref" in schema:
        schema = _schema()["$defs"][schema["$ref"].rpartition("/")[2]]
    parts = [_shape_of(part, depth) for part in schema.get("allOf", ())]
    kinds = schema.get("type")
    names = [] if kinds is None else [kinds] if isinstance(kinds, str) else kinds
    types = tuple(t for name in names for t in _JSON_TYPES[name]) or next((p.types for p in parts if p.types), ())
    required = tuple(schema.get("required", ())) + tuple(key for p in parts for key in p.required)
    fields: dict[str, _Shape] = {}
    items = None
    if depth > 0:
        for part in parts:
            fields.update(part.fields)
        fields.update({key: _shape_of(sub, depth - 1) for key, sub in schema.get("properties", {}).items()})
        if isinstance(schema.get("items"), dict):
            items = _shape_of(schema["items"], depth - 1)
    else:
        required = ()
    bool_allowed = "boolean" in names if names else all(p.bool_allowed for p in parts)
    return _Shape(types, bool_allowed, required, fields, items, not (required or fields or items))


class _InSection:
    """An error of a part's validator, with its paths from the top of the document."""

    def __init__(self, error: Any, instance_prefix: list, schema_prefix: list):
        self.instance_path = [*instance_prefix, *error.instance_path]
        path = list(error.schema_path)  # where a $ref led, jsonschema-rs gives the path from $defs
        self.schema_path = path if path[:1] == ["$defs"] else [*schema_prefix, *path]
        self.instance, self.kind, self.message = error.instance, error.kind, error.message


class _TooLarge:
    """A record of more values than :data:`MAX_RECORD_VALUES`: reported, not checked."""

    def __init__(self, instance_path: list):
        self.instance_path, self.instance = instance_path, None
        self.schema_path: list = []
        self.kind = self
        self.message = _("holds more than {count:,} values; a record of the plan holds a few hundred").format(
            count=MAX_RECORD_VALUES
        )


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
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "string": N_("text"),
    "object": N_("a mapping"),
    "array": N_("a list"),
    "boolean": N_("true or false"),
    "null": N_("nothing"),
}


def _problems(error: Any, locate: Locator) -> list[Problem]:
    parts, instance, kind = list(error.instance_path), error.instance, error.kind
    name = type(kind).__name__
    field = next((p for p in reversed(parts) if isinstance(p, str)), "value")
    if isinstance(instance, dict) and REFUSED in instance:
        return [locate.problem(parts, instance[REFUSED])]
    if name == "Required":
        if not parts:
            message = _("missing section {key!r}")
        elif kind.property == "target":
            message = _("missing {key!r} (every KPI needs a target: {{year, value}})")
        else:
            message = _("missing {key!r}")
        return [locate.problem(parts, message.format(key=kind.property))]
    if name == "AdditionalProperties":
        allowed = ", ".join(_subschema(list(error.schema_path)[:-1]).get("properties", {}))
        return [
            locate.problem([*parts, key], _("unknown field; expected one of {fields}").format(fields=allowed))
            for key in kind.unexpected
        ]
    if name == "Type":
        expected = _(" or ").join(_(_TYPE_WORDS[t]) if t in _TYPE_WORDS else t for t in kind.types)
        if isinstance(instance, str) and "string" not in kind.types:
            return [locate.problem(parts, _text_for_a_number(instance, expected))]
        return [
            locate.problem(parts, _("expected {expected}, got {got}").format(expected=expected, got=describe(instance)))
        ]
    if name == "Not":
        forbidden = _subschema(list(error.schema_path)).get("required", [])
        kind = instance.get("kind", "target") if isinstance(instance, dict) else "target"
        reason = {
            "target": _("an achievement reports an actual and has no target"),
            "same_as": _("only a headline (kind: headline) restates another record"),
            "pace": _("only a target is paced; a {kind} is never measured").format(kind=kind),
        }
        return [
            locate.problem(
                [*parts, key],
                _("does not belong to a KPI of kind {kind}: {reason}").format(kind=kind, reason=reason.get(key, key)),
            )
            for key in forbidden
        ]
    if name == "MaxLength":
        return [
            locate.problem(
                parts,
                _("text of {length:,} characters; at most {limit:,} are allowed here").format(
                    length=len(instance), limit=kind.limit
                ),
            )
        ]
    if name == "Enum" and "pace" in list(error.schema_path):
        return [
            locate.problem(
                parts, _("expected none, open or {{start: YYYY-MM-DD}}, got {got}").format(got=describe(instance))
            )
        ]
    if name == "Enum":
        options = ", ".join(map(str, kind.options))
        return [
            locate.problem(
                parts,
                _("unknown {field} {value!r}; expected one of {options}").format(
                    field=field, value=shortened(instance) if isinstance(instance, str) else instance, options=options
                ),
            )
        ]
    if name in ("ExclusiveMinimum", "ExclusiveMaximum"):
        if isinstance(instance, int) and _digits(instance) > MAX_DIGITS:  # a JSON integer, worded as YAML's
            message = _("a number of {digits} digits is too large: a figure of the plan is less than 10^15").format(
                digits=_digits(instance)
            )
        else:
            message = _("{number} is too large: a figure of the plan is less than 10^15").format(number=instance)
        return [locate.problem(parts, message)]
    if name in ("Minimum", "Maximum"):
        where = list(error.schema_path)
        if "year" in where:
            return [
                locate.problem(
                    parts, _("expected a year from 1900 to 2100, got {value}").format(value=shortened(instance))
                )
            ]
        sign = "≥" if name == "Minimum" else "≤"
        if "kpi_figure" in where:
            message = _(
                "expected a number {sign} {limit} (a KPI's figure is a count, an amount or a rate), got {value}"
            )
        else:
            message = _("expected a number {sign} {limit}, got {value}")
        return [locate.problem(parts, message.format(sign=sign, limit=kind.limit, value=shortened(instance)))]
    if name == "Constant":
        return [
            locate.problem(
                parts,
                _("expected {expected!r}, got {got}").format(expected=kind.expected_value, got=describe(instance)),
            )
        ]
    if name in ("Pattern", "PropertyNames"):
        schema_path = list(error.schema_path)
        described = _subschema(schema_path[:-1]).get("description") or _subschema(schema_path[:-2]).get("description")
        if isinstance(instance, str) and not instance.strip() and "excerpt" in (described or ""):
            return [locate.problem(parts, _("the source excerpt is empty; quote the plan's line"))]
        if name == "PropertyNames":
            return [
                locate.problem(
                    parts,
                    _("{error}; expected keys that are {what}").format(
                        error=error.message, what=described or _("valid")
                    ),
                )
            ]
        expected = described or _("text matching {pattern}").format(pattern=kind.pattern)
        return [
            locate.problem(parts, _("expected {expected}, got {got}").format(expected=expected, got=describe(instance)))
        ]
    return [locate.problem(parts, error.message)]


def _digits(number: int) -> int:
    """How many digits ``number`` has (Python refuses to write an integer of more than 4,300)."""
    try:
        return len(str(abs(number)))
    except ValueError:
        return int(math.log10(abs(number))) + 1


def _text_for_a_number(text: str, expected: str) -> str:
    """What to say of text where a number belongs: quoted digits, or digits YAML read as text
    (``0395359``: a leading zero that is not octal)."""
    from seoulplan.core.numeric import NumberError, read_number

    try:
        read_number(text.replace(",", ""))
    except NumberError as e:
        if re.fullmatch(r"\s*[-+]?[0-9][0-9.,:_]*\s*", text):
            return str(e)
        return _("expected {expected}, got {got}").format(expected=expected, got=describe(text))
    return _("a number written as a string ({text!r}); write it without quotes").format(text=shortened(text))


def describe(value: object) -> str:
    """A value as a message names it: ``the string 'abc'``, ``a list``, ``nothing``."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, str):
        return _("the string {text!r}").format(text=shortened(value)) if value.strip() else _("empty text")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return f"{type(value).__name__} {shortened(repr(value))}"
