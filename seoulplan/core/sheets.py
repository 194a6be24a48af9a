"""Ledgers kept in Excel: the rows of an xlsx workbook's first sheet, read with openpyxl.

The first row is the header, in English or Korean as a CSV ledger's (``kpi template -o
t.xlsx`` writes one that reads back as it is); other columns are ignored. A number cell is a
number and a date cell a date (``2020-06-30``); text is read as a CSV ledger's text is
(``2억 5,700만원``, ``2020. 6. 30.``). A formula cell is refused with its address: the file
keeps the formula, and the value Excel last computed may be stale or missing, so the ledger
must hold the value itself (paste it as a value).

openpyxl is imported when a workbook is read, never before: reading a CSV ledger costs
nothing more.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from seoulplan.core.i18n import _
from seoulplan.errors import DataError

ZIP_MAGIC = b"PK\x03\x04"


def is_workbook(raw: bytes | str) -> bool:
    """Is this an xlsx file (a zip archive), by its first bytes rather than its name?"""
    return isinstance(raw, bytes) and raw.startswith(ZIP_MAGIC)


def ledger_rows(raw: bytes, name: str, header_columns: Callable[[list[str], str], dict[str, int]], max_rows: int
                ) -> Iterator[tuple[dict[str, Any], Any, int, Callable[[str], str]]]:  # fmt: skip
    """The rows of the workbook's first sheet as ``(values, as_of, row, where)``: ``values`` by
    the column each cell is (``{"id": …, "actual": …}``), ``as_of`` the row's date as text.

    ``header_columns`` says which column holds each of the ledger's columns (the CSV ledger's
    rule); ``where(field)`` names a row's cell (``: cell C5 (actual)``); more than
    ``max_rows`` rows is refused.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as e:
        raise DataError(
            _("{name}: not a readable xlsx workbook ({error}); save it again from Excel as .xlsx").format(
                name=name, error=str(e)[:80]
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        # Not sheet.max_row: where the file does not state its dimensions, openpyxl reads the
        # whole sheet to find them, and then again for the rows. The limit is checked row by row.
        rows = sheet.iter_rows()
        first = next(rows, None)
        if first is None:
            raise DataError(_("{name}: the first sheet is empty; expected a header row").format(name=name))
        header = ["" if c.value is None else str(c.value).strip() for c in first]
        col = header_columns(header, name)
        letters = {meaning: get_column_letter(i + 1) for meaning, i in col.items()}
        for cells in rows:
            number = next((c.row for c in cells if getattr(c, "row", None)), None)
            if number is None:
                continue
            if number > max_rows + 1:
                raise DataError(
                    _("{name}: {count:,} lines; a ledger may have at most {limit:,} rows").format(
                        name=name, count=number, limit=max_rows
                    )
                )
            values = {meaning: _value(cells, i) for meaning, i in col.items()}
            if all(v in (None, "") for v in values.values()):
                continue
            for meaning, i in col.items():
                cell = cells[i] if i < len(cells) else None
                if cell is not None and getattr(cell, "data_type", None) == "f":
                    raise DataError(
                        _(
                            "{name}: cell {cell} holds a formula ({formula}); a ledger holds values: "
                            "copy the column and paste it as values"
                        ).format(name=name, cell=f"{letters[meaning]}{number}", formula=str(cell.value)[:40])
                    )
            as_of = values.get("as_of")
            if as_of in (None, ""):
                as_of = values.get("year")
            yield values, _date_text(as_of), number, _where(letters, header, col, number)
    finally:
        book.close()


def _value(cells: tuple, index: int) -> Any:
    if index >= len(cells):
        return None
    value = cells[index].value
    return value.strip() if isinstance(value, str) else value


def _date_text(value: Any) -> Any:
    """A date cell as the ledger's date (``2020-06-30``); a whole-number year cell as ``2020``;
    anything else as it is."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0, 0):
            return value.isoformat(sep=" ")
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value  # a number that is no year (2020.1) stays a number, for the row's check to refuse


def _where(letters: dict[str, str], header: list[str], col: dict[str, int], row: int) -> Callable[[str], str]:
    def where(field: str) -> str:
        if field not in letters:
            return ""
        return ": " + _("cell {cell} ({name})").format(cell=f"{letters[field]}{row}", name=header[col[field]])

    return where
