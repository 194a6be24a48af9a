"""Text to Python data: a dataset or actuals file written as YAML, or as JSON (which is YAML too).

``parse_document`` returns the document and the line of every mapping, list and key
(YAML only), so that validation can say where a problem is. Every failure is a
:class:`~seoulplan.errors.DataError` naming file:line:column where the parser knows it.
JSON parses about a hundred times faster than PyYAML builds objects, which matters for
machine-written datasets of hundreds of thousands of KPIs; both go through the same
number rule (:mod:`seoulplan.core.numeric`).
"""

from __future__ import annotations

import re
import sys

from seoulplan.core import collector
from seoulplan.core.i18n import _
from seoulplan.core.numeric import number_or_refusal, refused
from seoulplan.core.reading import MIB, dataset_limit
from seoulplan.errors import DataError

MAX_YAML_BYTES = 2 * 1024 * 1024  # the real plan is 0.3 MB; PyYAML builds ~1.5 MB/s and ~200 bytes a byte
#: Values a file may hold, counted from the marks that separate them (``, : [ { -``): each
#: costs a Python object, and memory would otherwise grow 100-fold with the file (16 MiB of
#: ``[0,0,…]`` took 3 GB). The real plan has 14,000 marks; a machine-made dataset about one
#: per 8 bytes.
MARKS_PER_MIB = 125_000
Lines = dict  # id(container) -> line; (id(mapping), key) -> line of the key


def parse_document(text: str, name: str, what: str | None = None) -> tuple[object, Lines]:
    """YAML or JSON text to Python data and positions; ``what`` says what an empty file
    should have held (in the reader's language)."""
    if not text.strip():
        raise DataError(
            _("{name}: the file is empty; expected {what}").format(name=name, what=what or _("a YAML mapping"))
        )
    if text.lstrip().startswith(("{", "[")) and _is_json(text):
        _check_values(text, name, dataset_limit())
        return parse_json(text, name), {}
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        raise DataError(
            _(
                "{name}: {size:,} bytes of YAML; a YAML file may be at most {limit:,} bytes "
                "(the same data written as JSON may be larger)"
            ).format(name=name, size=size, limit=MAX_YAML_BYTES)
        )
    _check_values(text, name, MAX_YAML_BYTES)
    return parse_yaml(text, name)


def _check_values(text: str, name: str, limit: int) -> None:
    """Refuse, before parsing, a file of more values than a file of ``limit`` bytes may hold."""
    allowed = limit * MARKS_PER_MIB // MIB
    marks = sum(map(text.count, (",", ":", "[", "{", "-")))  # str.count is C: 30 ms for 32 MiB
    if marks > allowed:
        raise DataError(
            _(
                "{name}: about {count:,} values (counted by their separators , : [ {{ -); a file may hold "
                "at most {limit:,} (SEOULPLAN_MAX_DATASET_MB raises the limits for machine-made datasets)"
            ).format(name=name, count=marks, limit=allowed)
        )


def _is_json(text: str) -> bool:
    """JSON, not YAML flow style such as ``{schema: seoulplan/1}`` or ``[{id: x, actual: 1}]``:
    past its opening brackets, the first value is quoted, a number, a literal or a close."""
    body = text.lstrip().lstrip("[{ \t\r\n")
    literal = re.match(r"(?:true|false|null)\b", body)
    return body[:1] in ('"', "}", "]", "-") or body[:1].isdigit() or literal is not None


#: KPI fields whose values repeat from record to record: each distinct value is kept once,
#: which saves a third of the memory of a machine-written dataset of 500,000 KPIs.
SHARED_KPI_VALUES = ("pillar", "unit", "direction")


def _json_object(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(_("duplicate key {key!r}").format(key=key))
            seen.add(key)
    if "direction" in out:  # a KPI
        for key in SHARED_KPI_VALUES:
            value = out.get(key)
            if type(value) is str:
                out[key] = sys.intern(value)
    return out


def _json_constant(literal: str) -> dict:
    return refused(_("{number} is not a finite number").format(number=literal))


_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def parse_json(text: str, name: str) -> object:
    import json

    lone = _LONE_SURROGATE.search(text) if "\\u" in text else None
    if lone:
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - text.rfind("\n", 0, lone.start())
        raise DataError(
            _(
                "{where}: {escape} is half of a UTF-16 surrogate pair, not a character; "
                "write the character itself, or both halves of its pair"
            ).format(where=f"{name}:{line}:{column}", escape=lone.group())
        )

    try:
        with collector.paused():
            try:
                return json.loads(
                    text,
                    object_pairs_hook=_json_object,
                    parse_constant=_json_constant,
                    parse_float=number_or_refusal,
                )
            except ValueError as e:
                if isinstance(e, json.JSONDecodeError):
                    raise
                # json converts integers itself, fast; one of more than 4,300 digits stops it
                # with Python's own message and no place. Only then is the text read again
                # with every integer through the number rule, which refuses that one with its
                # path (or the hooks raise again, for a problem of their own).
                return json.loads(
                    text,
                    object_pairs_hook=_json_object,
                    parse_constant=_json_constant,
                    parse_float=number_or_refusal,
                    parse_int=number_or_refusal,
                )
    except json.JSONDecodeError as e:
        raise DataError(
            _("{where}: JSON syntax error: {error}").format(where=f"{name}:{e.lineno}:{e.colno}", error=e.msg)
        ) from None
    except ValueError as e:  # from the hooks: no position is known beyond the document
        raise DataError(f"{name}: {e}") from None
    except RecursionError:
        raise DataError(_("{name}: the JSON is nested too deeply").format(name=name)) from None


def parse_yaml(text: str, name: str) -> tuple[object, Lines]:
    import yaml

    from seoulplan.core.yamlsafe import Loader

    loader = Loader(text)
    try:
        with collector.paused():
            doc = loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = e.problem or e.context or _("invalid YAML")
        if isinstance(e, (yaml.scanner.ScannerError, yaml.parser.ParserError, yaml.reader.ReaderError)):
            problem = _("YAML syntax error: {error}").format(error=problem)
        raise DataError(f"{where}: {problem}") from None
    except yaml.YAMLError as e:
        raise DataError(_("{name}: invalid YAML: {error}").format(name=name, error=e)) from None
    except RecursionError:
        raise DataError(_("{name}: the YAML is nested too deeply").format(name=name)) from None
    finally:
        loader.dispose()
    reject_aliases(doc, name, loader.lines)
    return doc, loader.lines


def reject_aliases(doc: object, name: str, lines: Lines) -> None:
    """Fail if any list or mapping appears twice in the tree: that is what an alias makes."""
    seen: set[int] = set()
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                line = lines.get(id(node))
                where = f":{line}" if line else ""
                raise DataError(
                    _("{where}: aliases are not allowed in a seoulplan dataset").format(where=f"{name}{where}")
                )
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
