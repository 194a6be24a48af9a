"""Actuals: measured values to set against the plan's targets, read into a ledger.

From a file — CSV with a header ``id,actual[,year]``, or YAML (a list of ``{id, actual,
year}``, or a mapping ``id: actual``, optionally under ``actuals:``) — or, for the
library, from a DataFrame with those columns or a dict ``{id: actual}``. The ledger is a
DataFrame ``id, actual, year, line``.

Every problem is a DataError naming the file, the line and (for CSV) the column: unknown
ids (with the closest ids), values that are not numbers (the number rule of
:mod:`seoulplan.core.numeric`, as in datasets), duplicate ids, a year that is not the
target's, an empty file, bytes not valid in the encoding. Nothing is guessed: ``1,234``
is read as 1234 only when the commas group digits in threes.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from seoulplan.core.frames import table
from seoulplan.core.numeric import REFUSED, NumberError, figure_problem, read_number
from seoulplan.core.parsing import parse_document
from seoulplan.core.reading import read_text
from seoulplan.errors import DataError

GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: An entry before it is checked against the plan: (id, value or problem, year, line, where).
Entry = tuple[str, Any, Any, int, Callable[[str], str]]


def ledger(actuals: Any, targets: dict[str, int], *, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Read ``actuals`` (a path, ``-``, an open file, a DataFrame or a dict) and check it
    against ``targets`` (KPI id → target year)."""
    problems: list[str] = []
    if isinstance(actuals, pd.DataFrame):
        entries, name = _from_frame(actuals), "actuals"
    elif isinstance(actuals, dict):
        entries, name = [(str(k), _value(v), None, 0, _nowhere) for k, v in actuals.items()], "actuals"
    else:
        text, name = read_text(actuals, encoding, encoding_option="--actuals-encoding")
        if not text.strip():
            raise DataError(f"{name}: the file is empty; expected CSV with a header 'id,actual[,year]' or YAML")
        looks_csv = not name.lower().endswith((".yaml", ".yml")) and re.match(r"\s*\"?id\"?\s*[,;\t]", text)
        entries, problems = _read_csv(text, name) if looks_csv else _read_yaml(text, name)
    rows = []
    seen: dict[str, int] = {}
    for kid, value, year, line, where in entries:
        at = f"{name}:{line}" if line else name
        if kid not in targets:
            problems.append(f"{at}{where('id')}: unknown KPI id {kid!r}{_closest(kid, targets)}")
            continue
        if kid in seen:
            problems.append(f"{at}{where('id')}: duplicate id {kid!r} (first on line {seen[kid]})")
            continue
        seen[kid] = line
        if isinstance(value, str):  # a problem found while reading the value
            problems.append(f"{at}{where('actual')}: {value} (for {kid})")
            continue
        if year is None:
            year = targets[kid]
        elif year != targets[kid]:
            problems.append(f"{at}{where('year')}: year {year} does not match {kid}'s target year {targets[kid]}")
            continue
        rows.append((kid, value, year, line))
    if problems:
        raise DataError(f"{name}: {len(problems)} problem(s) in the actuals:\n" + "\n".join("  " + p for p in problems))
    return table(
        {
            "id": ([r[0] for r in rows], "string"),
            "actual": ([r[1] for r in rows], "object"),
            "year": ([r[2] for r in rows], "Int64"),
            "line": ([r[3] for r in rows], "Int64"),
        }
    )


def _nowhere(field: str) -> str:
    return ""


def _closest(kid: str, ids: dict) -> str:
    close = difflib.get_close_matches(kid, list(ids), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _value(raw: object) -> Any:
    """A number, or the text of what is wrong with ``raw`` (a str: the caller reports it)."""
    if isinstance(raw, dict) and REFUSED in raw:
        return str(raw[REFUSED])
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return read_number(text.replace(",", "") if GROUPED.fullmatch(text) else text)
        except NumberError as e:
            return str(e)
    problem = figure_problem(raw)
    return f"{raw!r} is not a number" if problem and problem.startswith("expected") else problem or raw


def _from_frame(frame: pd.DataFrame) -> list[Entry]:
    missing = [c for c in ("id", "actual") if c not in frame.columns]
    if missing:
        raise DataError(
            f"actuals: the DataFrame has no {', '.join(map(repr, missing))} column; "
            f"expected id, actual[, year], got {', '.join(map(str, frame.columns))}"
        )
    years = frame["year"] if "year" in frame.columns else [None] * len(frame)
    return [
        (str(kid), _value(value), None if pd.isna(year) else int(year), n + 1, _nowhere)
        for n, (kid, value, year) in enumerate(zip(frame["id"], frame["actual"].astype(object), years))
    ]


def _read_csv(text: str, name: str) -> tuple[list[Entry], list[str]]:
    first = text.splitlines()[0]
    delimiter = "\t" if "\t" in first else ("," if "," in first else ";")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as e:
        raise DataError(f"{name}:1: cannot read the CSV header: {e}") from None
    for required in ("id", "actual"):
        if required not in header:
            raise DataError(
                f"{name}:1: the header has no {required!r} column; expected 'id,actual[,year]', "
                f"got {','.join(header)!r}"
            )
    col = {h: i for i, h in enumerate(header)}

    def where(field: str) -> str:
        return f": column {col[field] + 1} ({field})" if field in col else ""

    entries: list[Entry] = []
    problems: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                problems.append(
                    f"{name}:{line}: {len(row)} fields but the header has {len(header)}"
                    ' (quote a number written with commas: "1,234")'
                )
                continue
            cells = {h: (row[i].strip() if i < len(row) else "") for h, i in col.items()}
            value = _value(cells["actual"])
            year: Any = None
            if cells.get("year"):
                year = _value(cells["year"])
                if not isinstance(year, int):
                    problems.append(f"{name}:{line}{where('year')}: {cells['year']!r} is not a year")
                    continue
            entries.append((cells["id"], value, year, line, where))
    except csv.Error as e:
        raise DataError(f"{name}:{reader.line_num}: malformed CSV: {e}") from None
    return entries, problems


def _read_yaml(text: str, name: str) -> tuple[list[Entry], list[str]]:
    doc, lines = parse_document(text, name, "CSV with a header 'id,actual[,year]' or YAML")
    if isinstance(doc, dict) and "actuals" in doc:
        doc = doc["actuals"]
    if isinstance(doc, dict):
        raw = [({"id": k, "actual": v}, lines.get((id(doc), k))) for k, v in doc.items()]
    elif isinstance(doc, list):
        raw = [(e, lines.get(id(e)) if isinstance(e, (dict, list)) else None) for e in doc]
    else:
        raise DataError(f"{name}: expected a list of {{id, actual, year}} or a mapping of id: actual")
    entries: list[Entry] = []
    problems: list[str] = []
    for entry, line in raw:
        line = line or 0
        if not isinstance(entry, dict) or "id" not in entry or "actual" not in entry:
            problems.append(f"{name}:{line}: expected a mapping with id and actual, got {entry!r}")
            continue
        year = entry.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            problems.append(f"{name}:{line}: {year!r} is not a year (for {entry['id']})")
            continue
        entries.append((str(entry["id"]), _value(entry["actual"]), year, line, _nowhere))
    return entries, problems
