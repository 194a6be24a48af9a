"""Load and validate a seoulplan dataset (SPEC §3, §7).

``load(source)`` reads the packaged ``plan2020.yaml``, a path, or an open stream, with
PyYAML's safe loader only (the C one where present), and returns a :class:`Plan`. Every
problem is reported with the file, the line and the YAML path; nothing is guessed or
silently changed:

- files over ``MAX_BYTES``, bytes that are not UTF-8, YAML syntax errors;
- duplicate keys (PyYAML would keep the last one silently);
- aliases and anchors (the dataset needs none; this also defeats "billion laughs");
- numbers written as strings, ``.nan``/``.inf``, negative or fractional money;
- KPI problems: duplicate ids, unknown pillars/strategies/directions, missing targets,
  baselines not before their targets, empty source excerpts.

The tables come out as pandas DataFrames through :mod:`seoulplan.report`; this module
only imports pandas-free code so that ``seoulplan validate`` stays light.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from seoulplan.errors import DataError

SCHEMA = "seoulplan/1"
MAX_BYTES = 16 * 1024 * 1024  # YAML: the real dataset is 0.3 MB; PyYAML builds ~1.5 MB/s
MAX_JSON_BYTES = 160 * 1024 * 1024  # JSON (also YAML) parses ~100× faster: room for 1000× the plan
MAX_DECIMALS = 6  # the plan's figures have at most 2
MAX_FIGURE = 10**15  # the plan's largest figure is 4×10^8; exact Decimal arithmetic stays far from its limits
MAX_CACHED_CHARS = 32 * 1024 * 1024  # bigger datasets are not copied into the user's cache
ENV_VAR = "SEOULPLAN_DATA"
DIRECTIONS = ("increase", "decrease", "maintain")
MONEY_UNITS = ("원", "만원", "백만원", "억원", "조원")
KPI_FIELDS = (
    "id", "pillar", "strategy", "name", "name_en", "unit", "direction", "baseline", "target",
    "milestones", "stated", "parts", "parts_partial", "actual", "source", "quotes", "note",
)
KPI_REQUIRED = ("id", "pillar", "strategy", "name", "name_en", "unit", "direction", "target", "source")
KPI_STATED = ("change", "change_pct", "multiple")
KPI_ID = re.compile(r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
BUDGET_BASES = ("gross", "net", "execution")
BUDGET_ACCOUNTS = ("total", "general", "special")
COVID_COLUMNS = ("confirmed", "isolated", "recovered", "deaths", "suspected", "testing", "released")


def packaged_path() -> Path:
    """The dataset shipped with the package; in a source checkout, ``data/plan2020.yaml``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "plan2020.yaml", here.parent / "data" / "plan2020.yaml"):
        if candidate.is_file():
            return candidate
    raise DataError(f"the packaged dataset is missing (looked in {here / 'data'}); reinstall seoulplan")


# -- reading YAML safely, keeping line numbers: seoulplan/yamlsafe.py, imported when
# a dataset is parsed (a cached dataset never needs PyYAML) --------------------------


def _reject_shared(doc, name: str, lines: dict) -> None:
    """Fail if any list or mapping appears twice in the tree: that is what an alias makes."""
    seen: set[int] = set()
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                line = lines.get(id(node))
                where = f":{line}" if line else ""
                raise DataError(f"{name}{where}: aliases are not allowed in a seoulplan dataset")
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


def read_text(source, input_encoding: str = "utf-8-sig", limit: int | None = None) -> tuple[str, str]:
    """Read ``source`` (None for the packaged dataset, ``-``, a path, or a stream) as text.

    Returns (text, display name). Refuses more than ``limit`` bytes (default: the JSON
    limit; :func:`parse_yaml` then holds YAML to ``MAX_BYTES``) before decoding.
    """
    limit = MAX_JSON_BYTES if limit is None else limit
    if source is None:
        source = os.environ.get(ENV_VAR) or packaged_path()
    if isinstance(source, (str, os.PathLike)) and str(source) == "-":
        import sys

        source = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
        name = "<stdin>"
    else:
        name = str(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<stream>")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            if path.is_dir():
                raise DataError(f"{name}: is a directory, not a dataset file")
            size = path.stat().st_size
            if size > limit:
                raise DataError(f"{name}: file is {size:,} bytes; a file may be at most {limit:,} bytes")
            with path.open("rb") as f:
                raw = f.read(limit + 1)
        except FileNotFoundError:
            raise DataError(f"{name}: no such file") from None
        except PermissionError:
            raise DataError(f"{name}: permission denied") from None
        except OSError as e:
            raise DataError(f"{name}: cannot read: {e.strerror or e}") from None
    else:
        raw = source.read(limit + 1)
    if len(raw) > limit:
        raise DataError(f"{name}: more than {limit:,} bytes; a file may be at most {limit:,} bytes")
    if isinstance(raw, str):
        return raw.lstrip("\ufeff"), name
    try:
        return raw.decode(input_encoding), name
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            f"{name}:{line}: byte {e.start} (0x{raw[e.start]:02x}) is not valid {input_encoding}; "
            "save the file as UTF-8"
            + (" or pass --input-encoding cp949" if input_encoding.startswith("utf") else "")
        ) from None
    except LookupError:
        raise DataError(f"unknown input encoding {input_encoding!r}") from None


def _json_object(pairs):
    out = dict(pairs)
    if len(out) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    if pairs and pairs[0][0][:1].isdigit():  # YAML reads `2020:` as an integer; JSON can only write "2020"
        out = {int(k) if k.isdigit() else k: v for k, v in out.items()}
    return out


def _no_constant(name):
    raise ValueError(f"{name} is not a number a dataset may hold")


def parse_json(text: str, name: str) -> tuple[object, dict]:
    """The JSON fast path: a dataset written as JSON (which is YAML too) parses ~100× faster."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=_no_constant), {}
    except json.JSONDecodeError as e:
        raise DataError(f"{name}:{e.lineno}:{e.colno}: JSON syntax error: {e.msg}") from None
    except ValueError as e:  # from the hooks: no position is known beyond the document
        raise DataError(f"{name}: {e}") from None
    except RecursionError:
        raise DataError(f"{name}: the JSON is nested too deeply") from None


def parse_yaml(text: str, name: str) -> tuple[object, dict]:
    """YAML text to Python data, with positions; every failure is a DataError naming file:line:column."""
    if not text.strip():
        raise DataError(f"{name}: the file is empty; expected a YAML mapping with schema: {SCHEMA}")
    if text.lstrip().startswith("{"):
        return parse_json(text, name)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise DataError(f"{name}: {size:,} bytes of YAML; a YAML dataset may be at most {MAX_BYTES:,} bytes "
                        f"(the same data written as JSON may be up to {MAX_JSON_BYTES:,})")
    import yaml

    from seoulplan.yamlsafe import Loader

    loader = Loader(text)
    try:
        doc = loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = e.problem or e.context or "invalid YAML"
        if isinstance(e, (yaml.scanner.ScannerError, yaml.parser.ParserError, yaml.reader.ReaderError)):
            problem = f"YAML syntax error: {problem}"
        raise DataError(f"{where}: {problem}") from None
    except yaml.YAMLError as e:
        raise DataError(f"{name}: invalid YAML: {e}") from None
    except RecursionError:
        raise DataError(f"{name}: the YAML is nested too deeply") from None
    finally:
        loader.dispose()
    _reject_shared(doc, name, loader.lines)
    return doc, loader.lines


# -- validation --------------------------------------------------------------------


@dataclass
class Problem:
    path: str
    message: str
    line: int | None = None

    def render(self, name: str) -> str:
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {self.path}: {self.message}"


@dataclass
class _Checker:
    lines: dict
    problems: list = field(default_factory=list)

    def add(self, path: str, message: str, parent=None, key=None):
        line = None
        if parent is not None:
            line = self.lines.get((id(parent), key)) if key is not None else None
            line = line or self.lines.get(id(parent))
        self.problems.append(Problem(path, message, line))

    def get(self, obj, key, path, kind, required=True, parent_path=None):
        """Fetch obj[key] and check its type; report and return None when wrong."""
        p = f"{path}.{key}"
        if not isinstance(obj, dict):
            return None
        if key not in obj:
            if required:
                self.add(path, f"missing {key!r}", obj)
            return None
        value = obj[key]
        problem = _type_problem(value, kind)
        if problem:
            self.add(p, problem, obj, key)
            return None
        return value

    def mapping(self, obj, path, what="a mapping"):
        if not isinstance(obj, dict):
            self.add(path, f"expected {what}, got {_describe(obj)}")
            return False
        return True

    def seq(self, obj, path, parent=None, key=None):
        if not isinstance(obj, list):
            self.add(path, f"expected a list, got {_describe(obj)}", parent, key)
            return []
        return obj


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _looks_numeric(s: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+△]?[\d,]*\.?\d+\s*(%|[조억만천]|원|개|명)*\s*", s))


def _type_problem(value, kind: str) -> str | None:
    """None when ``value`` fits ``kind``; otherwise what was wrong and what was expected."""
    isnum = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind in ("number", "count", "amount", "nonneg", "year", "int"):
        if isinstance(value, str) and _looks_numeric(value):
            return f"a number written as a string ({value!r}); write it without quotes"
        if not isnum:
            return f"expected a number, got {_describe(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"expected a finite number, got {value}"
        if abs(value) >= MAX_FIGURE:
            return f"{value:.3g} is too large to be a figure of the plan (at most {MAX_FIGURE:.0e})"
        if isinstance(value, float) and _too_precise(value):
            return f"{value!r} has more than {MAX_DECIMALS} decimal places"
        if kind in ("count", "int", "year", "amount") and isinstance(value, float):
            return f"expected a whole number, got {value}"
        if kind in ("count", "amount", "nonneg") and value < 0:
            return f"expected a number ≥ 0, got {value}"
        if kind == "year" and not 1900 <= value <= 2100:
            return f"expected a year, got {value}"
        return None
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            return f"expected non-empty text, got {_describe(value)}"
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else f"expected true or false, got {_describe(value)}"
    raise AssertionError(kind)


def validate(doc, lines: dict | None = None) -> list[Problem]:
    """Every problem of a parsed dataset, in document order (empty when valid)."""
    c = _Checker(lines or {})
    if not isinstance(doc, dict):
        c.add("$", f"expected a mapping with schema: {SCHEMA} at the top, got {_describe(doc)}")
        return c.problems
    schema = doc.get("schema")
    if schema != SCHEMA:
        got = "no schema" if schema is None else f"schema {schema!r}"
        c.add("$.schema", f"expected schema: {SCHEMA}, got {got}", doc, "schema")
        return c.problems
    known = {"schema", "plan", "general", "budget", "finance", "covid", "pillars", "kpis"}
    for key in doc:
        if key not in known:
            c.add(f"$.{key}", f"unknown section; expected one of {', '.join(sorted(known))}", doc, key)
    for key in ("plan", "general", "budget", "finance", "covid", "pillars"):
        if doc.get(key) is None:
            c.add("$", f"missing section {key!r}" + (" (it is empty)" if key in doc else ""), doc, key if key in doc else None)
    _check_plan(c, doc.get("plan"))
    general_keys = _check_items(c, doc.get("general"), "$.general", money=False)
    _check_budget(c, doc.get("budget"))
    _check_items(c, doc.get("finance"), "$.finance", money=True, others={"general": general_keys})
    _check_covid(c, doc.get("covid"))
    pillars = _check_pillars(c, doc.get("pillars"))
    _check_kpis(c, doc.get("kpis", []), pillars)
    return c.problems


def _check_source(c: _Checker, obj, path, required=True):
    c.get(obj, "source", path, "text", required=required)


def _check_plan(c: _Checker, plan):
    p = "$.plan"
    if plan is None or not c.mapping(plan, p):
        return
    for key in ("title", "issuer"):
        c.get(plan, key, p, "text")
    c.get(plan, "year", p, "year")
    c.get(plan, "compare_year", p, "year")
    for i, ref in enumerate(c.seq(plan.get("reference_dates", []), f"{p}.reference_dates", plan, "reference_dates")):
        rp = f"{p}.reference_dates[{i}]"
        if c.mapping(ref, rp):
            c.get(ref, "what", rp, "text")
            c.get(ref, "date", rp, "text")
            _check_source(c, ref, rp)


def _check_items(c: _Checker, items, path, money: bool, others=None) -> set:
    """general and finance: lists of {key, group, name, value, unit, of, parts, stated, ...}."""
    keys: dict = {}
    if items is None:
        return set()
    items = c.seq(items, path)
    allowed = {"key", "group", "name", "name_en", "value", "unit", "of", "parts", "stated_share_pct",
               "stated", "compare_year", "average", "source", "note"}
    for i, item in enumerate(items):
        ip = f"{path}[{i}]"
        if not c.mapping(item, ip):
            continue
        for k in item:
            if k not in allowed:
                c.add(f"{ip}.{k}", f"unknown field; expected one of {', '.join(sorted(allowed))}", item, k)
        key = c.get(item, "key", ip, "text")
        if key in keys:
            c.add(f"{ip}.key", f"duplicate key {key!r} (also at {keys[key]})", item, "key")
        elif key:
            keys[key] = ip
        for f in ("group", "name", "unit"):
            c.get(item, f, ip, "text")
        unit = item.get("unit")
        is_money = unit in MONEY_UNITS
        c.get(item, "value", ip, "amount" if is_money else "nonneg")
        if money and is_money and unit != "억원":
            c.add(f"{ip}.unit", f"money here is in 억원, got {unit!r}", item, "unit")
        c.get(item, "stated_share_pct", ip, "number", required=False)
        c.get(item, "of", ip, "text", required=False)
        if "parts" in item:
            for j, part in enumerate(c.seq(item["parts"], f"{ip}.parts", item, "parts")):
                if _type_problem(part, "text"):
                    c.add(f"{ip}.parts[{j}]", f"expected the key of another item, got {_describe(part)}", item, "parts")
        c.get(item, "compare_year", ip, "year", required=False)
        stated = item.get("stated")
        if stated is not None and c.mapping(stated, f"{ip}.stated"):
            for k in stated:
                if k not in ("change", "change_pct", "share_pct"):
                    c.add(f"{ip}.stated.{k}", "unknown field; expected change, change_pct or share_pct", stated, k)
                else:
                    c.get(stated, k, f"{ip}.stated", "int" if k == "change" and is_money else "number")
        _check_source(c, item, ip)
    names = set(keys)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        ip = f"{path}[{i}]"
        if isinstance(item.get("of"), str) and item["of"] not in names:
            c.add(f"{ip}.of", f"refers to unknown key {item['of']!r}", item, "of")
        parts = item.get("parts")
        for part in parts if isinstance(parts, list) else []:
            if isinstance(part, str) and part not in names:
                c.add(f"{ip}.parts", f"refers to unknown key {part!r}", item, "parts")
        avg = item.get("average")
        if "average" in item and c.mapping(avg, f"{ip}.average", "a mapping {total: KEY, count: KEY}"):
            for k in ("total", "count"):
                ref = str(avg.get(k, ""))
                section, _, ref_key = ref.rpartition(".")
                pool = names if not section else (others or {}).get(section, set())
                if ref_key not in pool:
                    c.add(f"{ip}.average.{k}", f"refers to unknown key {ref!r}", avg, k)
    return names


def _check_budget(c: _Checker, budget):
    p = "$.budget"
    if budget is None or not c.mapping(budget, p):
        return
    if budget.get("unit") != "억원":
        c.add(f"{p}.unit", "expected 억원", budget, "unit")
    years = c.seq(budget.get("years"), f"{p}.years", budget, "years")
    for y in years:
        if _type_problem(y, "year"):
            c.add(f"{p}.years", f"expected years, got {_describe(y)}", budget, "years")
    years = [y for y in years if not _type_problem(y, "year")]
    seen = set()
    for i, basis in enumerate(c.seq(budget.get("bases"), f"{p}.bases", budget, "bases")):
        bp = f"{p}.bases[{i}]"
        if not c.mapping(basis, bp):
            continue
        key = c.get(basis, "key", bp, "text")
        if key is not None and key not in BUDGET_BASES:
            c.add(f"{bp}.key", f"expected one of {', '.join(BUDGET_BASES)}, got {key!r}", basis, "key")
        if key in seen:
            c.add(f"{bp}.key", f"duplicate basis {key!r}", basis, "key")
        seen.add(key)
        c.get(basis, "name", bp, "text")
        accounts = set()
        for j, row in enumerate(c.seq(basis.get("rows"), f"{bp}.rows", basis, "rows")):
            rp = f"{bp}.rows[{j}]"
            if not c.mapping(row, rp):
                continue
            acc = c.get(row, "account", rp, "text")
            if acc is not None and acc not in BUDGET_ACCOUNTS:
                c.add(f"{rp}.account", f"expected one of {', '.join(BUDGET_ACCOUNTS)}, got {acc!r}", row, "account")
            if acc in accounts:
                c.add(f"{rp}.account", f"duplicate account {acc!r}", row, "account")
            accounts.add(acc)
            c.get(row, "name", rp, "text")
            amounts = row.get("amounts")
            if c.mapping(amounts, f"{rp}.amounts", "a mapping of year: amount"):
                for y in years:
                    if y not in amounts:
                        c.add(f"{rp}.amounts", f"missing the amount for {y}", amounts)
                for y, v in amounts.items():
                    if y not in years:
                        c.add(f"{rp}.amounts.{y}", f"year {y!r} is not in budget.years", amounts, y)
                    problem = _type_problem(v, "amount")
                    if problem:
                        c.add(f"{rp}.amounts.{y}", problem, amounts, y)
            stated = row.get("stated")
            if stated is not None and c.mapping(stated, f"{rp}.stated"):
                c.get(stated, "change", f"{rp}.stated", "int", required=False)
                c.get(stated, "change_pct", f"{rp}.stated", "number", required=False)
            _check_source(c, row, rp)
        if "total" not in accounts:
            c.add(f"{bp}.rows", "missing the total row (account: total)", basis, "rows")


def _check_covid(c: _Checker, covid):
    p = "$.covid"
    if covid is None or not c.mapping(covid, p):
        return
    c.get(covid, "as_of", p, "text")
    c.get(covid, "national_confirmed", p, "count", required=False)
    _check_source(c, covid, p, required=False)
    regions = c.seq(covid.get("regions"), f"{p}.regions", covid, "regions")
    keys = set()
    for i, region in enumerate(regions):
        rp = f"{p}.regions[{i}]"
        if not c.mapping(region, rp):
            continue
        keys.add(c.get(region, "key", rp, "text"))
        c.get(region, "name", rp, "text")
        for col in COVID_COLUMNS:
            c.get(region, col, rp, "count")
        _check_source(c, region, rp)
    if regions and "national" not in keys:
        c.add(f"{p}.regions", "missing the national row (key: national)", covid, "regions")
    overseas = covid.get("overseas")
    if overseas is not None and c.mapping(overseas, f"{p}.overseas"):
        c.get(overseas, "confirmed", f"{p}.overseas", "count")
        c.get(overseas, "deaths", f"{p}.overseas", "count")
        _check_source(c, overseas, f"{p}.overseas")


def _check_pillars(c: _Checker, pillars) -> dict:
    """Returns {slug: {strategy numbers}} for the KPI checks."""
    out: dict = {}
    if pillars is None:
        return out
    for i, pillar in enumerate(c.seq(pillars, "$.pillars")):
        pp = f"$.pillars[{i}]"
        if not c.mapping(pillar, pp):
            continue
        slug = c.get(pillar, "slug", pp, "text")
        if slug in out:
            c.add(f"{pp}.slug", f"duplicate pillar {slug!r}", pillar, "slug")
        if pillar.get("number") is not None:
            c.get(pillar, "number", pp, "int")
        c.get(pillar, "name", pp, "text")
        c.get(pillar, "name_en", pp, "text")
        numbers = set()
        for j, st in enumerate(c.seq(pillar.get("strategies"), f"{pp}.strategies", pillar, "strategies")):
            sp = f"{pp}.strategies[{j}]"
            if c.mapping(st, sp):
                n = c.get(st, "number", sp, "int")
                if n in numbers:
                    c.add(f"{sp}.number", f"duplicate strategy number {n}", st, "number")
                numbers.add(n)
                c.get(st, "name", sp, "text")
                c.get(st, "name_en", sp, "text")
        if slug:
            out[slug] = numbers
    return out


def _check_year_value(c: _Checker, obj, path, parent, key, extra=()):
    if not isinstance(obj, dict):
        c.add(path, f"expected {{year: YYYY, value: N}}, got {_describe(obj)}", parent, key)
        return None
    for k in obj:
        if k not in ("year", "value", *extra):
            c.add(f"{path}.{k}", f"unknown field; expected year, value{''.join(', ' + e for e in extra)}", obj, k)
    c.get(obj, "value", path, "number")
    for e in extra:
        c.get(obj, e, path, "number", required=False)
    return c.get(obj, "year", path, "year")


def _too_precise(value: float) -> bool:
    """More decimals than any figure of the plan has (e.g. 3.2e-250): exact maths would balloon."""
    exponent = Decimal(repr(value)).as_tuple().exponent
    return isinstance(exponent, int) and exponent < -MAX_DECIMALS


def _number_ok(v) -> bool:
    t = type(v)
    if t is int:
        return -MAX_FIGURE < v < MAX_FIGURE
    return t is float and math.isfinite(v) and -MAX_FIGURE < v < MAX_FIGURE and not _too_precise(v)


def _year_ok(v) -> bool:
    return type(v) is int and 1900 <= v <= 2100


def _text_ok(v) -> bool:
    return type(v) is str and bool(v.strip())


def _point_ok(p, extra=()) -> bool:
    return (type(p) is dict and _year_ok(p.get("year")) and _number_ok(p.get("value"))
            and all(k in ("year", "value") or (k in extra and _number_ok(p[k])) for k in p))


_KPI_FIELD_SET = frozenset(KPI_FIELDS)


def _kpi_plainly_valid(kpi, pillars: dict, ids: dict) -> bool:
    """A fast yes for a KPI the detailed checks below would pass; False sends it to them.

    The real plan's 555 KPIs take 1 ms either way; a machine-generated dataset of 500,000
    spends most of its loading time here, so the common case is checked without building
    a single path string.
    """
    if type(kpi) is not dict or not _KPI_FIELD_SET.issuperset(kpi):
        return False
    kid, pillar = kpi.get("id"), kpi.get("pillar")
    if not (type(kid) is str and kid not in ids and type(pillar) is str and pillar in pillars
            and kid.startswith(pillar + ".") and KPI_ID.match(kid)):
        return False
    strategy = kpi.get("strategy")
    if type(strategy) is not int or strategy not in pillars[pillar]:
        return False
    if not (_text_ok(kpi.get("name")) and _text_ok(kpi.get("name_en")) and _text_ok(kpi.get("unit"))
            and _text_ok(kpi.get("source")) and kpi.get("direction") in DIRECTIONS):
        return False
    target = kpi.get("target")
    if not _point_ok(target):
        return False
    years = {target["year"]}
    if "baseline" in kpi:
        base = kpi["baseline"]
        if not _point_ok(base) or base["year"] >= target["year"]:
            return False
        years.add(base["year"])
    if "milestones" in kpi:
        milestones = kpi["milestones"]
        if type(milestones) is not list:
            return False
        for m in milestones:
            if not _point_ok(m) or m["year"] in years:
                return False
            years.add(m["year"])
    if "actual" in kpi and not _point_ok(kpi["actual"], ("stated_attainment_pct",)):
        return False
    if "stated" in kpi:
        stated = kpi["stated"]
        if type(stated) is not dict or not all(k in KPI_STATED and _number_ok(v) for k, v in stated.items()):
            return False
    if "parts" in kpi:
        parts = kpi["parts"]
        if type(parts) is not list or not all(type(p) is dict and _text_ok(p.get("name")) and _number_ok(p.get("value"))
                                              for p in parts):
            return False
    if "parts_partial" in kpi and type(kpi["parts_partial"]) is not bool:
        return False
    if "quotes" in kpi and not (type(kpi["quotes"]) is list and all(_text_ok(q) for q in kpi["quotes"])):
        return False
    return "note" not in kpi or _text_ok(kpi["note"])


def _check_kpis(c: _Checker, kpis, pillars: dict):
    ids: dict = {}
    for i, kpi in enumerate(c.seq(kpis, "$.kpis")):
        if _kpi_plainly_valid(kpi, pillars, ids):
            ids[kpi["id"]] = f"$.kpis[{i}]"
            continue
        kp = f"$.kpis[{i}]"
        if not c.mapping(kpi, kp):
            continue
        kid = kpi.get("id")
        if isinstance(kid, str):
            kp = f"$.kpis[{i}]({kid})"
        for k in kpi:
            if k not in KPI_FIELDS:
                c.add(f"{kp}.{k}", "unknown field", kpi, k)
        for k in KPI_REQUIRED:
            if k not in kpi:
                c.add(kp, f"missing {k!r}" + (" (every KPI needs a target: {year, value})" if k == "target" else ""), kpi)
        kid = c.get(kpi, "id", kp, "text", required=False)
        if kid is not None:
            if not KPI_ID.match(kid):
                c.add(f"{kp}.id", "expected <pillar>.<kebab-slug> (lowercase letters, digits, hyphens)", kpi, "id")
            if kid in ids:
                c.add(f"{kp}.id", f"duplicate id {kid!r} (first at {ids[kid]})", kpi, "id")
            else:
                ids[kid] = f"$.kpis[{i}]"
        pillar = c.get(kpi, "pillar", kp, "text", required=False)
        if pillar is not None:
            if pillar not in pillars:
                c.add(f"{kp}.pillar", f"unknown pillar {pillar!r}; expected one of {', '.join(pillars)}", kpi, "pillar")
            elif kid and not kid.startswith(pillar + "."):
                c.add(f"{kp}.id", f"id must start with its pillar ({pillar}.)", kpi, "id")
        strategy = c.get(kpi, "strategy", kp, "int", required=False)
        if strategy is not None and pillar in pillars and strategy not in pillars[pillar]:
            have = ", ".join(str(n) for n in sorted(x for x in pillars[pillar] if x is not None))
            c.add(f"{kp}.strategy", f"unknown strategy {strategy} of pillar {pillar}; it has {have}", kpi, "strategy")
        for k in ("name", "name_en", "unit"):
            c.get(kpi, k, kp, "text", required=False)
        direction = kpi.get("direction")
        if "direction" in kpi and direction not in DIRECTIONS:
            c.add(f"{kp}.direction", f"unknown direction {direction!r}; expected one of {', '.join(DIRECTIONS)}", kpi, "direction")
        if "source" in kpi:
            src = kpi["source"]
            if not isinstance(src, str) or not src.strip():
                c.add(f"{kp}.source", f"the source excerpt is empty; quote the plan's line ({_describe(src)})", kpi, "source")
        ty = _check_year_value(c, kpi["target"], f"{kp}.target", kpi, "target") if "target" in kpi else None
        by = _check_year_value(c, kpi["baseline"], f"{kp}.baseline", kpi, "baseline") if "baseline" in kpi else None
        if isinstance(by, int) and isinstance(ty, int) and by >= ty:
            c.add(f"{kp}.baseline.year", f"baseline year {by} is not before the target year {ty}", kpi["baseline"], "year")
        years = {y for y in (by, ty) if isinstance(y, int)}
        if "milestones" in kpi:
            for j, m in enumerate(c.seq(kpi["milestones"], f"{kp}.milestones", kpi, "milestones")):
                my = _check_year_value(c, m, f"{kp}.milestones[{j}]", kpi["milestones"], None)
                if my in years:
                    c.add(f"{kp}.milestones[{j}].year", f"year {my} appears twice in the series", m, "year")
                years.add(my)
        if "actual" in kpi:
            _check_year_value(c, kpi["actual"], f"{kp}.actual", kpi, "actual", extra=("stated_attainment_pct",))
        stated = kpi.get("stated")
        if stated is not None and c.mapping(stated, f"{kp}.stated"):
            for k in stated:
                if k not in KPI_STATED:
                    c.add(f"{kp}.stated.{k}", f"unknown field; expected {', '.join(KPI_STATED)}", stated, k)
                else:
                    c.get(stated, k, f"{kp}.stated", "number")
        if "parts" in kpi:
            for j, part in enumerate(c.seq(kpi["parts"], f"{kp}.parts", kpi, "parts")):
                pp = f"{kp}.parts[{j}]"
                if c.mapping(part, pp):
                    c.get(part, "name", pp, "text")
                    c.get(part, "value", pp, "number")
        if "parts_partial" in kpi:
            c.get(kpi, "parts_partial", kp, "bool")
        if "note" in kpi:
            c.get(kpi, "note", kp, "text")
        if "quotes" in kpi:
            for j, q in enumerate(c.seq(kpi["quotes"], f"{kp}.quotes", kpi, "quotes")):
                if _type_problem(q, "text"):
                    c.add(f"{kp}.quotes[{j}]", f"expected an excerpt of the plan, got {_describe(q)}", kpi, "quotes")


# -- the loaded plan ---------------------------------------------------------------


@dataclass
class Plan:
    """A validated dataset: plain data, with lookups the commands need."""

    doc: dict
    name: str

    @property
    def year(self) -> int:
        return self.doc["plan"]["year"]

    @property
    def budget_years(self) -> list[int]:
        return list(self.doc["budget"]["years"])

    @property
    def general(self) -> list[dict]:
        return self.doc["general"]

    @property
    def finance(self) -> list[dict]:
        return self.doc["finance"]

    @property
    def pillars(self) -> list[dict]:
        return self.doc["pillars"]

    @property
    def kpis(self) -> list[dict]:
        return self.doc.get("kpis") or []

    def item(self, ref: str, default_section: str = "general") -> dict:
        section, _, key = ref.rpartition(".")
        for item in self.doc[section or default_section]:
            if item["key"] == key:
                return item
        raise KeyError(ref)

    @property
    def population(self) -> int:
        return self.item("general.population")["value"]


def _cache_path(text: str) -> Path | None:
    """Where the parsed form of a valid dataset with this exact text is kept, if caching is on.

    Parsing YAML costs ~0.2 s for the real plan (PyYAML constructs objects in Python even
    with the C parser); reading the marshalled result back costs a few milliseconds. The
    key is a hash of the text, so an edited file is simply parsed again.
    """
    if os.environ.get("SEOULPLAN_CACHE", "1") in ("0", "", "no", "off") or len(text) > MAX_CACHED_CHARS:
        return None
    import zlib  # two independent checksums and the length: hashlib's import alone costs ~5 ms

    from seoulplan import __version__

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    data = text.encode("utf-8", "surrogatepass")
    digest = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"
    return Path(base) / "seoulplan" / f"{digest}-{__version__}.marshal"


def _read_cache(path: Path | None):
    if path is None:
        return None
    import marshal

    try:
        doc = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return doc if isinstance(doc, dict) and doc.get("schema") == SCHEMA else None


def _write_cache(path: Path | None, doc: dict) -> None:
    if path is None:
        return
    import marshal
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(doc, f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home or a full disk only costs speed


def load(source=None, input_encoding: str = "utf-8-sig") -> Plan:
    """Read, parse and validate a dataset; raise DataError listing every problem."""
    text, name = read_text(source, input_encoding)
    cache = _cache_path(text)
    doc = _read_cache(cache)
    if doc is not None:
        return Plan(doc, name)
    doc, lines = parse_yaml(text, name)
    problems = validate(doc, lines)
    if problems:
        shown = "\n".join("  " + p.render(name) for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more (run: seoulplan validate {name})" if len(problems) > 20 else ""
        raise DataError(f"{name}: {len(problems)} problem(s) in the dataset:\n{shown}{more}", problems)
    _write_cache(cache, doc)
    return Plan(doc, name)


def check(source=None, input_encoding: str = "utf-8-sig") -> tuple[str, list[Problem], dict | None]:
    """For ``seoulplan validate``: (name, every problem, the document when it parsed).

    Unreadable files and YAML syntax errors still raise DataError: there is nothing to check.
    """
    text, name = read_text(source, input_encoding)
    doc, lines = parse_yaml(text, name)
    return name, validate(doc, lines), doc if isinstance(doc, dict) else None
