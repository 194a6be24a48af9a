"""Read an actuals file — measured values to set against the plan's targets.

CSV (a header with ``id`` and ``actual``, optionally ``year``) or YAML (a list of
``{id, actual, year}`` mappings, or a mapping of id to value, optionally under an
``actuals:`` key). ``-`` reads standard input. Read as UTF-8 with or without a BOM, or in
the ``--input-encoding`` given (cp949 for files Korean Excel saved).

Every problem is a DataError naming the file, the line and (for CSV) the column:
unknown ids (with the closest ids), values that are not numbers, duplicate ids, a year
that is not the target's, an empty file, bytes not valid in the encoding. Nothing is
guessed: ``1,234`` is read as 1234 only when the commas group digits in threes.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass

from seoulplan.dataset import MAX_DECIMALS, MAX_FIGURE, read_text
from seoulplan.errors import DataError

NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")


@dataclass(frozen=True)
class Actual:
    id: str
    value: object  # int or float, as written
    year: int
    line: int


def _number(text: str):
    text = text.strip()
    if not NUMBER.fullmatch(text) or len(text) > 24 or len(text.partition(".")[2]) > MAX_DECIMALS:
        return None
    text = text.replace(",", "")
    value = float(text) if "." in text else int(text)
    return value if abs(value) < MAX_FIGURE else None


def _closest(kid: str, ids) -> str:
    close = difflib.get_close_matches(kid, list(ids), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def read(source, kpis: list[dict], input_encoding: str = "utf-8-sig") -> list[Actual]:
    """Parse and check an actuals file against the dataset's KPIs."""
    text, name = read_text(source, input_encoding)
    if not text.strip():
        raise DataError(f"{name}: the file is empty; expected CSV with a header 'id,actual[,year]' or YAML")
    looks_csv = not name.lower().endswith((".yaml", ".yml")) and re.match(r"\s*\"?id\"?\s*[,;\t]", text)
    rows, problems = _read_csv(text, name) if looks_csv else _read_yaml(text, name)
    targets = {k["id"]: k["target"]["year"] for k in kpis}
    seen: dict[str, int] = {}
    out = []
    for kid, value, year, line, where in rows:
        if kid not in targets:
            problems.append(f"{name}:{line}{where('id')}: unknown KPI id {kid!r}{_closest(kid, targets)}")
            continue
        if kid in seen:
            problems.append(f"{name}:{line}{where('id')}: duplicate id {kid!r} (first on line {seen[kid]})")
            continue
        seen[kid] = line
        if year is None:
            year = targets[kid]
        elif year != targets[kid]:
            problems.append(f"{name}:{line}{where('year')}: year {year} does not match {kid}'s target year {targets[kid]}")
            continue
        out.append(Actual(kid, value, year, line))
    if problems:
        raise DataError(f"{name}: {len(problems)} problem(s) in the actuals:\n" + "\n".join("  " + p for p in problems))
    return out


def _read_csv(text: str, name: str):
    delimiter = "\t" if "\t" in text.splitlines()[0] else ("," if "," in text.splitlines()[0] else ";")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as e:
        raise DataError(f"{name}:1: cannot read the CSV header: {e}") from None
    for required in ("id", "actual"):
        if required not in header:
            raise DataError(f"{name}:1: the header has no {required!r} column; expected 'id,actual[,year]', got {','.join(header)!r}")
    col = {h: i for i, h in enumerate(header)}
    rows, problems = [], []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def where(field, _col=col):
                return f": column {_col[field] + 1} ({field})" if field in _col else ""

            if len(row) > len(header):
                problems.append(f"{name}:{line}: {len(row)} fields but the header has {len(header)}"
                                " (quote a number written with commas: \"1,234\")")
                continue
            cells = {h: (row[i].strip() if i < len(row) else "") for h, i in col.items()}
            kid, raw = cells["id"], cells["actual"]
            value = _number(raw)
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                problems.append(f"{name}:{line}{where('actual')}: {raw!r} is not a number (for {kid or 'a row with no id'})")
                continue
            year = None
            if cells.get("year"):
                year = _number(cells["year"])
                if not isinstance(year, int):
                    problems.append(f"{name}:{line}{where('year')}: {cells['year']!r} is not a year")
                    continue
            rows.append((kid, value, year, line, where))
    except csv.Error as e:
        raise DataError(f"{name}:{reader.line_num}: malformed CSV: {e}") from None
    return rows, problems


def _read_yaml(text: str, name: str):
    from seoulplan.dataset import parse_yaml

    doc, lines = parse_yaml(text, name)
    if isinstance(doc, dict) and "actuals" in doc:
        doc = doc["actuals"]
    if isinstance(doc, dict):
        entries = [({"id": k, "actual": v}, lines.get((id(doc), k))) for k, v in doc.items()]
    elif isinstance(doc, list):
        entries = [(e, lines.get(id(e)) if isinstance(e, (dict, list)) else None) for e in doc]
    else:
        raise DataError(f"{name}: expected a list of {{id, actual, year}} or a mapping of id: actual")
    rows, problems = [], []

    def where(field):
        return ""

    for entry, line in entries:
        line = line or 0
        if not isinstance(entry, dict) or "id" not in entry or "actual" not in entry:
            problems.append(f"{name}:{line}: expected a mapping with id and actual, got {entry!r}")
            continue
        kid, value, year = str(entry["id"]), entry["actual"], entry.get("year")
        if isinstance(value, str):
            parsed = _number(value)
            if parsed is None:
                problems.append(f"{name}:{line}: {value!r} is not a number (for {kid})")
                continue
            value = parsed
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or abs(value) >= MAX_FIGURE or len(repr(value).partition(".")[2]) > MAX_DECIMALS:
            problems.append(f"{name}:{line}: {value!r} is not a number (for {kid})")
            continue
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            problems.append(f"{name}:{line}: {year!r} is not a year (for {kid})")
            continue
        rows.append((kid, value, year, line, where))
    return rows, problems
