"""xlsx workbooks: a sheet per table, numbers as numbers (SPEC §6).

Each sheet has the frame's machine columns, headed by their titles (Korean, or English with
``--locale en_US``) with the unit where a column has one (``금액 (억원)``); the header row is
frozen and the columns are as wide as their contents (up to a limit). Cells hold raw values
— an integer, a float at full precision, ``TRUE``/``FALSE``, text — never formatted strings,
and a number format shows them the Korean way: money ``#,##0``, percentages ``0.0``. Text
is always text: a cell that starts with ``=`` is not run as a formula.

openpyxl (pure Python) writes the file in its write-only mode, which streams rows into the
file; it is imported only when a workbook is asked for, so no other command pays for it.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError
from seoulplan.presentation import output
from seoulplan.presentation.catalogue import Field, describe
from seoulplan.presentation.raw import flat_values

MONEY, MONEY_FRACTION, PERCENT = "#,##0", "#,##0.00", "0.0"
COUNTED_UNITS = ("억원", "원", "명")  # shown with thousands separators
MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
MAX_TEXT = 32_767  # characters in one cell
MAX_WIDTH, MIN_WIDTH, MEASURED_ROWS = 60, 6, 1_000
#: Control characters the xlsx format cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE).
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Sheet names: at most 31 characters, none of these.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """A table to write: its sheet's name, the frame, and how each column is described."""

    name: str
    frame: pd.DataFrame
    field: Callable[[str], Field] = describe


def number_format(field: Field, dtype: Any) -> str | None:
    """How a column's numbers are shown: money and head counts grouped by thousands, rates to
    one decimal; years, numbers in a KPI's own unit and the rest as Excel's General."""
    unit = field.fixed_unit
    if unit == "%":
        return PERCENT
    if unit in COUNTED_UNITS:
        return MONEY if str(dtype).startswith(("Int", "int")) else MONEY_FRACTION
    return None


def write(sheets: Sequence[Sheet], target: str | IO[bytes], *, locale: str = "ko_KR", headers: bool = True) -> None:
    """Write ``sheets`` as one workbook to ``target`` (a path or a binary file). Content the
    format cannot hold (too many rows, a control character, an overlong text) is a
    UsageError, raised before anything is written."""
    for sheet in sheets:
        check(sheet.frame, sheet.name, headers=headers)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.creator = "seoulplan"
    # openpyxl writes each sheet to a temporary file first: a signal must unwind through
    # _abandon, not end the process where it stands and leave them
    with output.unwinding_on_signals():
        try:
            for sheet in sheets:
                _write_sheet(book, sheet, locale=locale, headers=headers)
            book.save(target)
        except BaseException:  # a full disk, Ctrl-C, a signal: the caller says what happened
            _abandon(book)
            raise


def _abandon(book: Any) -> None:
    """End a workbook that failed half-way: openpyxl's suspended sheet writers closed now,
    quietly, and their temporary files removed. Left to the garbage collector at exit, each
    writer would try to finish its XML in a file already closed and print "Exception
    ignored" with a traceback."""
    for ws in book.worksheets:
        writer = getattr(ws, "_writer", None)
        for generator in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()  # its temporary file


def _write_sheet(book: Any, sheet: Sheet, *, locale: str, headers: bool) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(sheet_title(sheet.name))
    frame = sheet.frame
    fields = [sheet.field(name) for name in frame.columns]
    formats = [number_format(f, frame[f.name].dtype) for f in fields]
    titles = [f.heading(locale) for f in fields]
    columns = [flat_values(frame[name]) for name in frame.columns]
    for i, (title, values) in enumerate(zip(titles, columns), 1):
        ws.column_dimensions[get_column_letter(i)].width = _width(title if headers else "", values)

    def cell(value: Any, number_format: str | None = None, font: Any = None) -> Any:
        if isinstance(value, str):
            text = WriteOnlyCell(ws, value=value)
            text.data_type = "s"  # never a formula, whatever it starts with
            if font is not None:
                text.font = font
            return text
        if number_format is None or value is None or isinstance(value, bool):
            return value
        number = WriteOnlyCell(ws, value=value)
        number.number_format = number_format
        return number

    rows: Iterator[list] = ([cell(v, f) for v, f in zip(row, formats)] for row in zip(*columns))
    if headers:
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        rows = itertools.chain([[cell(title, font=bold) for title in titles]], rows)
    first = next(rows, None)
    if first is not None:
        # openpyxl makes the sheet's temporary file at its first row: made whole, with no signal
        # halfway, it is one _abandon knows of
        with output.signals_held():
            ws.append(first)
    for row in rows:
        ws.append(row)


def check(frame: pd.DataFrame, name: str, *, headers: bool = True) -> None:
    """What a workbook cannot hold, refused before anything is written."""
    if len(frame) + headers > MAX_ROWS:
        raise UsageError(
            _("{name}: {rows:,} rows do not fit in one xlsx sheet (at most {limit:,})").format(
                name=name, rows=len(frame), limit=MAX_ROWS - 1
            )
        )
    for column in frame.columns:
        if not (pd.api.types.is_string_dtype(frame[column].dtype) or frame[column].dtype == object):
            continue
        texts = [v for v in flat_values(frame[column]) if isinstance(v, str)]
        bad = ILLEGAL.search("\n".join(texts))  # a newline is allowed in a cell: it cannot match
        if bad:
            raise UsageError(
                _("{column} contains {character!r}, which an xlsx workbook cannot hold").format(
                    column=f"{name}.{column}", character=bad.group()
                )
            )
        if texts and max(map(len, texts)) > MAX_TEXT:
            raise UsageError(
                _("{column} has a text longer than the {limit:,} characters of an xlsx cell").format(
                    column=f"{name}.{column}", limit=MAX_TEXT
                )
            )


def sheet_title(name: str) -> str:
    return SHEET_NAME_FORBIDDEN.sub("_", name)[:31] or "sheet"


def _width(title: str, values: list) -> float:
    """Enough for the title and the widest of the first rows, in Excel's character widths."""
    widest = _cells(title)
    for value in values[:MEASURED_ROWS]:
        if isinstance(value, str):
            widest = max(widest, _cells(value))
        elif isinstance(value, float):
            widest = max(widest, len(f"{value:,.1f}"))
        elif value is not None:
            widest = max(widest, len(f"{value:,}") if isinstance(value, int) else len(str(value)))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2)))


def _cells(text: str) -> int:
    """Terminal-like width: a Hangul or other wide character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
