"""Every output format, through one dispatch (SPEC §6).

A command computes a :class:`Report` — a DataFrame of raw values plus the description of
its columns — and :func:`render` turns it into text:

- ``table`` and ``markdown`` are for people: Korean headers (English with ``en_US``),
  values formatted as Korean readers expect (``39조 5,359억원``, ``10.6%``, ``-1.1%p``);
- ``csv``, ``tsv``, ``json`` and ``jsonl`` are for scripts: the columns' stable snake_case
  keys and raw numbers — money as integers in the unit the column name says, computed
  percentages as numbers with at most 4 decimals, no value → empty cell / ``null``.

Text cells of CSV/TSV that start with ``=``, ``+``, ``-`` or ``@`` get a leading ``'`` so
spreadsheets do not run them as formulas; numbers are never touched.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from seoulplan import money
from seoulplan.errors import UsageError

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")
EXTENSIONS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".md": "markdown", ".markdown": "markdown", ".txt": "table",
}
ENCODINGS = ("utf-8", "utf-8-sig", "cp949")
MACHINE_PLACES = 4  # decimals kept for computed measures in csv/tsv/json


@dataclass(frozen=True)
class Options:
    """How people-facing values are written."""

    locale: str = "ko_KR"
    style: str = "plain"  # plain | gov (△ for negatives)
    unit: str = "auto"  # money display unit: auto | 조 | 억 | 만 | 원


@dataclass(frozen=True)
class Column:
    """One column: its machine key, its headers, and how a cell is shown to people.

    ``kind`` picks the formatter: text, year, int, number, eok (억원), krw (원),
    krw0 (원, rounded to whole 원), pct, pp, quantity / change (a value in the row's
    ``unit`` column; a change of a % quantity is shown in %p), or a callable
    ``(value, row, options) -> str``.
    """

    key: str
    ko: str
    en: str | None = None
    kind: str | Callable = "text"
    repeat: bool = True  # False: blank a cell equal to the one above it (people formats only)

    def header(self, options: Options) -> str:
        return (self.en or self.key) if options.locale == "en_US" else self.ko

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "year") and not callable(self.kind)


@dataclass
class Report:
    """What a command shows: a DataFrame of raw values, its columns, and captions."""

    frame: object  # pandas.DataFrame, object dtype so ints stay ints and None stays None
    columns: list[Column]
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    drop_empty: bool = True  # people formats leave out columns that are empty everywhere
    people_columns: list[Column] | None = None  # what tables show; None: every column
    vertical: bool = False  # people formats show each row as label/value lines (one record in full)


def _machine_value(value):
    if value is None:
        return None
    if isinstance(value, Decimal):  # computed measures: always a number with ≤ 4 decimals
        return float(money.round_half_up(value, MACHINE_PLACES))
    if isinstance(value, float):
        return value
    if hasattr(value, "item"):  # numpy scalars that slipped through pandas
        return value.item()
    return value


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return value != value  # NaN
    except Exception:  # noqa: BLE001 - exotic objects compare however they like
        return False


def _unit_of(row: dict) -> str:
    return row.get("unit") or ""


def _quantity(value, unit: str, options: Options, as_change: bool) -> str:
    if unit in money.UNIT_WON:
        return money.format_amount(value, unit, to=options.unit, style=options.style, locale=options.locale)
    if unit in ("%", "％"):
        if as_change:
            return money.format_pp(value, locale=options.locale, style=options.style)
        return money.format_number(value, locale=options.locale) + "%"
    if unit == "%p":
        return money.format_pp(value, locale=options.locale, style=options.style)
    text = money.format_number(abs(Decimal(str(value))) if as_change else value, locale=options.locale)
    sign = "-" if as_change and Decimal(str(value)) < 0 else ""
    if sign and options.style == "gov":
        sign = "△"
    return f"{sign}{text}{unit}"


def format_cell(column: Column, value, row: dict, options: Options) -> str:
    """The people-facing text of one cell."""
    if _is_missing(value):
        return "" if column.kind in ("text", "year") else money.DASH
    kind = column.kind
    if callable(kind):
        return kind(value, row, options)
    if kind == "text":
        return str(value)
    if kind == "year":
        return str(value)
    if kind == "int" or kind == "number":
        return money.format_number(value, locale=options.locale)
    if kind == "eok":
        return money.format_amount(value, "억원", to=options.unit, style=options.style, locale=options.locale)
    if kind in ("krw", "krw0"):
        amount = money.round_half_up(Decimal(value), 0) if kind == "krw0" else value
        return money.format_won(amount, to=options.unit, style=options.style, locale=options.locale)
    if kind == "pct":
        return money.format_pct(value, locale=options.locale, style=options.style)
    if kind == "pp":
        return money.format_pp(value, locale=options.locale, style=options.style)
    if kind in ("quantity", "change"):
        return _quantity(value, _unit_of(row), options, as_change=kind == "change")
    raise ValueError(f"unknown column kind {kind!r}")


def _column_values(report: Report, key: str) -> list:
    """One column as plain Python values (object dtype keeps ints, None and Decimal as they are)."""
    if key not in report.frame.columns:
        return [None] * len(report.frame)
    return report.frame[key].tolist()


def _records(report: Report, columns: list[Column] | None = None) -> list[dict]:
    """Rows as dicts, built column-wise: pandas' to_dict boxes every cell and is ~10× slower."""
    keys = [c.key for c in (columns or report.columns)] + [k for k in report.frame.columns
                                                            if k not in {c.key for c in (columns or report.columns)}]
    values = [_column_values(report, k) for k in keys]
    return [dict(zip(keys, row)) for row in zip(*values)]


def _machine_column(values: list) -> list:
    """Raw values of one column for csv/tsv/json: Decimal → float (≤ 4 places), NaN → None.

    Most columns hold only ints, floats, strings and None; they pass through untouched.
    """
    kinds = set(map(type, values))
    if kinds <= {int, str, type(None), bool}:
        return values
    if kinds <= {int, str, type(None), bool, float, Decimal}:
        places = Decimal(1).scaleb(-MACHINE_PLACES)
        half_up = money.ROUND_HALF_UP
        return [float(v.quantize(places, rounding=half_up)) if type(v) is Decimal
                else (None if type(v) is float and v != v else v) for v in values]
    return [_machine_value(None if _is_missing(v) else v) for v in values]


def _people(report: Report, options: Options, tablefmt: str, headers: bool) -> str:
    from tabulate import tabulate

    rows = _records(report)
    columns = report.people_columns or report.columns
    if report.drop_empty and rows:
        columns = [c for c in columns if any(not _is_missing(r.get(c.key)) for r in rows)]
    if report.vertical:
        return _people_vertical(report, rows, columns, options, tablefmt)
    body = []
    previous: dict = {}
    for row in rows:
        cells = []
        for c in columns:
            text = format_cell(c, row.get(c.key), row, options)
            if not c.repeat and previous.get(c.key) == text:
                cells.append("")
            else:
                cells.append(text)
            previous[c.key] = text
        body.append(cells)
    align = ["right" if c.numeric else "left" for c in columns]
    if tablefmt == "pipe":
        body = [[cell.replace("|", "\\|") for cell in cells] for cells in body]
    table = tabulate(
        body,
        headers=[c.header(options) for c in columns] if headers else (),
        tablefmt=tablefmt,
        colalign=align,
        disable_numparse=True,
    )
    parts = []
    if report.title and tablefmt != "pipe":
        parts.append(report.title)
    elif report.title:
        parts.append(f"**{report.title}**\n")
    parts.append(table)
    if report.notes:
        parts.append("\n".join(("" if tablefmt != "pipe" else "- ") + n for n in report.notes))
    return "\n".join(parts) + "\n"


def _people_vertical(report: Report, rows: list[dict], columns: list[Column], options: Options, tablefmt: str) -> str:
    from tabulate import tabulate

    blocks = []
    for row in rows:
        body = [[c.header(options), format_cell(c, row.get(c.key), row, options)]
                for c in columns if not _is_missing(row.get(c.key)) and row.get(c.key) is not False]
        if tablefmt == "pipe":
            body = [[a, b.replace("|", "\\|")] for a, b in body]
        blocks.append(tabulate(body, headers=("항목", "값") if tablefmt == "pipe" else (), tablefmt=tablefmt,
                               disable_numparse=True))
    title = [report.title] if report.title else []
    return "\n\n".join(title + blocks) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)
_FORMULA_CELL = re.compile("\x00[=+\\-@\t\r]")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text  # a spreadsheet would run it as a formula
    return text


_BOOL_CELLS = {True: "true", False: "false", None: ""}


def _csv_column(values: list) -> list:
    values = _machine_column(values)
    kinds = set(map(type, values))
    if kinds <= {int, float, type(None)}:
        return values  # the csv module writes these itself: None as an empty cell
    if kinds <= {bool, type(None)}:
        return list(map(_BOOL_CELLS.__getitem__, values))
    if kinds <= {str, type(None)}:
        # One search over the joined column finds a formula-like cell without a Python loop.
        if not _FORMULA_CELL.search("\x00" + "\x00".join(filter(None, values))):
            return values
        return [("'" + v) if v and v[0] in _FORMULA_CHARS else v for v in values]
    return [_csv_cell(v) for v in values]


def _delimited(report: Report, delimiter: str, headers: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if headers:
        writer.writerow([c.key for c in report.columns])
    writer.writerows(zip(*(_csv_column(_column_values(report, c.key)) for c in report.columns)))
    return out.getvalue()


def _objects(report: Report) -> list[dict]:
    keys = [c.key for c in report.columns]
    columns = [_machine_column(_column_values(report, k)) for k in keys]
    return [dict(zip(keys, row)) for row in zip(*columns)]


def render(report: Report, fmt: str = "table", options: Options | None = None, headers: bool = True) -> str:
    """Turn a report into text in ``fmt``; an unknown format fails loudly."""
    options = options or Options()
    if fmt == "table":
        return _people(report, options, "simple", headers)
    if fmt == "markdown":
        return _people(report, options, "pipe", headers)
    if fmt == "csv":
        return _delimited(report, ",", headers)
    if fmt == "tsv":
        return _delimited(report, "\t", headers)
    if fmt == "json":
        return json.dumps(_objects(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in _objects(report))
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def format_for(fmt: str | None, output: str | None) -> str:
    """The format asked for, or the one the output file's extension implies, or table."""
    if fmt:
        return fmt
    if output and output != "-":
        from pathlib import PurePath

        return EXTENSIONS.get(PurePath(output).suffix.lower(), "table")
    return "table"


#: cp949 (Korean Excel's encoding) lacks a few characters the plan and the tables use; each
#: is written as its nearest cp949 character. Accented Latin letters lose their accents.
#: Anything else cp949 cannot represent is an error, never a silent '?'.
CP949_NEAREST = str.maketrans({"—": "―", "–": "-", "−": "-", "・": "·", "►": "▶", "₩": "￦", "’": "'", "‘": "'"})


def _cp949_nearest(text: str) -> str:
    import unicodedata

    text = text.translate(CP949_NEAREST)
    if text.isascii():
        return text
    out = []
    for ch in text:
        try:
            ch.encode("cp949")
            out.append(ch)
        except UnicodeEncodeError:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(base if base and base != ch and base.isascii() else ch)
    return "".join(out)


def encode(text: str, encoding: str) -> bytes:
    """Text to bytes in one of ENCODINGS; a character the encoding lacks is a usage error."""
    if encoding not in ENCODINGS:
        raise UsageError(f"unknown encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")
    if encoding == "cp949":
        text = _cp949_nearest(text)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        bad = e.object[e.start:e.end]
        raise UsageError(f"the output contains {bad!r}, which {encoding} cannot represent; use --encoding utf-8") from None
