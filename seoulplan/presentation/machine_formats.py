"""The machine formats — CSV, TSV, JSON and JSON Lines — for scripts (SPEC §6).

The frame's own columns, with their stable snake_case names, and raw values: integers as
integers (a whole float too: ``344``, never ``344.0``), other numbers at full precision, no
value → empty cell / ``null`` (:mod:`~seoulplan.presentation.raw`). Text cells of CSV/TSV
that start with ``=``, ``+``, ``-`` or ``@`` get a leading ``'`` so spreadsheets do not run
them as formulas; numbers are never touched. No reader may split a row inside a cell: a CSV
cell that holds a line break of any kind (:data:`LINE_BREAKS`: a carriage return, U+2028…)
is quoted, TSV escapes the control characters as PostgreSQL's COPY does, and JSON writes
U+0085, U+2028 and U+2029 as ``\\u`` escapes.

Each writer yields its text a block of rows at a time, so that a table of half a million
rows is never all in memory as text at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

import pandas as pd

from seoulplan.presentation.raw import flat_values, machine_values


def csv_text(frame: pd.DataFrame, headers: bool = True) -> Iterator[str]:
    if headers:
        yield _csv_rows([list(frame.columns)])
    for block in _blocks(frame):
        columns, breaks = zip(*(_csv_column(block[c]) for c in block.columns))
        yield _csv_rows(zip(*columns), breaks=any(breaks))


def tsv_text(frame: pd.DataFrame, headers: bool = True) -> Iterator[str]:
    if headers:
        yield _tsv_rows([list(frame.columns)])
    for block in _blocks(frame):
        yield _tsv_rows(zip(*(_csv_column(block[c])[0] for c in block.columns)))


def jsonl_text(frame: pd.DataFrame, headers: bool = True) -> Iterator[str]:
    """A JSON object per line (``headers`` has no meaning here: every record names its keys)."""
    for block in _blocks(frame):
        yield _json_safe("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in records(block)))


def json_text(frame: pd.DataFrame, headers: bool = True) -> Iterator[str]:
    """A list of objects, as ``json.dumps(records, indent=2)`` writes it."""
    if frame.empty:
        yield "[]\n"
        return
    for n, block in enumerate(_blocks(frame)):
        yield _json_safe(("[\n" if n == 0 else ",\n") + ",\n".join(_indented(o) for o in records(block)))
    yield "\n]\n"


ROWS_PER_CHUNK = 20_000


def _blocks(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), ROWS_PER_CHUNK):
        yield frame.iloc[start : start + ROWS_PER_CHUNK]


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as dicts of JSON-ready values (built column-wise: fast)."""
    keys = list(frame.columns)
    columns = [machine_values(frame[k]) for k in keys]
    return [dict(zip(keys, row)) for row in zip(*columns)]


#: Line breaks JSON may hold raw but a reader that splits lines with ``str.splitlines`` (or
#: JavaScript before ES2019) does not take: written as the escapes JSON allows for any
#: character, so a JSON Lines record stays one line for every reader. (json.dumps already
#: escapes the C0 controls.)
_JSON_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


def _json_safe(text: str) -> str:
    if not _JSON_LINE_BREAK.search(text):
        return text
    return _JSON_LINE_BREAK.sub(lambda m: _JSON_LINE_BREAKS[m.group()], text)


def _indented(record: dict) -> str:
    """One record as ``json.dumps(records, indent=2)`` writes it inside the list."""
    return "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CELL = re.compile("\x00[=+\\-@\t\r]")
_BOOL_CELLS = {True: "true", False: "false", None: ""}


def _csv_column(values: pd.Series) -> tuple[list, bool]:
    """One column's cells for the csv module, and whether a text cell holds one of
    :data:`LINE_BREAKS`; text that would run as a formula in a spreadsheet gets a leading ``'``."""
    cells = flat_values(values)
    if pd.api.types.is_bool_dtype(values.dtype):
        return [_BOOL_CELLS[v] for v in cells], False
    if not pd.api.types.is_string_dtype(values.dtype):
        return cells, False
    # One search over the joined column, in C, instead of a test per cell: most have none.
    joined = "\x00" + "\x00".join(filter(None, cells))  # the text cells: None is no text, "" holds nothing
    breaks = _LINE_BREAK.search(joined) is not None
    if not _FORMULA_CELL.search(joined):
        return cells, breaks
    return [("'" + v) if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in cells], breaks


#: Every character that some reader takes for the end of a line: Python's ``str.splitlines``
#: set. The csv module quotes a cell only for the characters of its line terminator, ``\n``
#: here: a bare ``\r`` went unquoted, and Excel and Python's csv reader both end the row there.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")


def _csv_rows(rows: Iterable, *, breaks: bool = False) -> str:
    """Rows as CSV, each ending in ``\\n``; with ``breaks``, every cell that holds one of
    :data:`LINE_BREAKS` is quoted: the csv module is given them all as its line terminator
    (it quotes a cell holding any of its characters) and each row is cut from it."""
    out = io.StringIO()
    if not breaks:
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    writer = csv.writer(out, lineterminator=LINE_BREAKS)
    lines = []
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        lines.append(out.getvalue()[: -len(LINE_BREAKS)] + "\n")
    return "".join(lines)


#: TSV cells never hold a tab or a line break (IANA text/tab-separated-values): they, the
#: other control characters PostgreSQL's COPY escapes, and the backslash that escapes them
#: are written ``\t``, ``\n``, ``\r``, ``\v``, ``\f``, ``\b`` and ``\\``, as COPY writes them
#: and most tools that read TSV expect. Nothing is quoted. The other characters some tools
#: take for a line end (U+2028…) stay as they are: no TSV reader splits a row there, and
#: COPY would read a ``\u2028`` escape back as ``u2028``.
_TSV_ESCAPES = str.maketrans(
    {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x08": "\\b"}
)


def _tsv_rows(rows: Iterable) -> str:
    return "".join(
        "\t".join("" if v is None else v.translate(_TSV_ESCAPES) if isinstance(v, str) else str(v) for v in row) + "\n"
        for row in rows
    )
