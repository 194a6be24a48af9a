"""xlsx workbooks: a sheet per table, numbers as numbers (SPEC §6).

Each sheet has the frame's machine columns, headed by their titles (Korean, or English with
``--locale en_US``) with the unit where a column has one (``금액 (억원)``); the header row is
frozen and the columns are as wide as their contents (up to a limit). Cells hold raw values
— an integer, a float at full precision, ``TRUE``/``FALSE``, text — never formatted strings,
and a number format shows them the Korean way: money ``#,##0``, percentages ``0.0``. Text
is always text (a shared string): a cell that starts with ``=`` is not run as a formula.

Why not openpyxl (or XlsxWriter): they build and serialise each cell as a Python object —
openpyxl's write-only mode took 40 s for the 3.7 million cells of a 16 MB ledger's
observations, XlsxWriter's constant-memory mode 7 µs a cell — where the bound for any input
within the limits is 5 s. A workbook is a zip of a few XML parts, and its cells are CSV in
XML: here each column's cells are made at once with numpy (a number's text, a string's
index in the shared strings), a row is the columns joined, and a block of rows at a time is
streamed into the zip, so the work is a few passes over each column and memory holds one
block. What a cell may contain is checked first (:func:`check`), so nothing is written for
a frame the format cannot hold.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError
from seoulplan.presentation.columns import Entry, describe
from seoulplan.presentation.raw import flat_values
from seoulplan.presentation.text_width import display_width

MONEY, MONEY_FRACTION, PERCENT = "#,##0", "#,##0.00", "0.0"
COUNTED_UNITS = ("억원", "원", "명")  # shown with thousands separators
MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
MAX_TEXT = 32_767  # characters in one cell
MAX_WIDTH, MIN_WIDTH, MEASURED_ROWS = 60, 6, 1_000
#: Control characters the xlsx format cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE).
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Sheet names: at most 31 characters, none of these.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
ROWS_PER_BLOCK = 20_000
#: The cell styles of ``styles.xml``, by number format (None: General); the header is bold.
STYLES = {None: 0, MONEY: 2, MONEY_FRACTION: 3, PERCENT: 4}
HEADER_STYLE = 1
#: zlib's fastest level: a sixth of the time of the default for a file a fifth larger.
COMPRESS_LEVEL = 1


@dataclass(frozen=True)
class Sheet:
    """A table to write: its sheet's name, the frame, and how each column is described."""

    name: str
    frame: pd.DataFrame
    field: Callable[[str], Entry] = describe


def number_format(field: Entry, dtype: Any) -> str | None:
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
    strings = SharedStrings()
    titles = _unique_titles([sheet.name for sheet in sheets])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as book:
        for n, sheet in enumerate(sheets, 1):
            big = len(sheet.frame) * max(len(sheet.frame.columns), 1) > 10_000_000
            with book.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=big) as part:
                for text in _sheet_xml(sheet, strings, locale=locale, headers=headers):
                    part.write(text.encode("utf-8"))
        book.writestr("xl/sharedStrings.xml", strings.xml())
        book.writestr("xl/styles.xml", STYLES_XML)
        book.writestr("xl/workbook.xml", _workbook_xml(titles))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("docProps/core.xml", CORE_XML)
        book.writestr("[Content_Types].xml", _content_types(len(sheets)))


def check(frame: pd.DataFrame, name: str, *, headers: bool = True) -> None:
    """What a workbook cannot hold, refused before anything is written."""
    if len(frame) + headers > MAX_ROWS:
        raise UsageError(
            _("{name}: {rows:,} rows do not fit in one xlsx sheet (at most {limit:,})").format(
                name=name, rows=len(frame), limit=MAX_ROWS - 1
            )
        )
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.StringDtype):  # text or <NA>: no conversion
            texts = values.dropna().tolist()
        elif values.dtype == object:
            texts = [v for v in flat_values(values) if isinstance(v, str)]
        else:
            continue
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


def _unique_titles(names: Sequence[str]) -> list[str]:
    """Sheet titles, made unique (Excel compares them without case) by a number at the end."""
    titles: list[str] = []
    for name in names:
        title, n = sheet_title(name), 1
        while title.lower() in (t.lower() for t in titles):
            n += 1
            title = sheet_title(name)[: 31 - len(str(n))] + str(n)
        titles.append(title)
    return titles


# -- cells ------------------------------------------------------------------------------------


class SharedStrings:
    """The workbook's table of texts: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def cells(self, texts: np.ndarray, style: int = 0) -> np.ndarray:
        """The ``<c>`` of each text (None: an empty cell), made once per distinct text."""
        codes, uniques = pd.factorize(texts, use_na_sentinel=True)
        attribute = f' s="{style}"' if style else ""
        made = [f'<c t="s"{attribute}><v>{self.index.setdefault(t, len(self.index))}</v></c>' for t in uniques]
        self.count += int((codes >= 0).sum())
        return np.array([*made, EMPTY], dtype=object)[codes]  # code -1 (none) takes the last: empty

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{_text(t)}</t></si>' for t in self.index)
        return f'{XML_HEAD}<sst xmlns="{MAIN_NS}" count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>'


EMPTY = "<c/>"


def _column_cells(values: pd.Series, style: int, strings: SharedStrings) -> np.ndarray:
    """The ``<c>`` elements of one column, made for the whole column at once."""
    dtype = values.dtype
    attribute = f' s="{style}"' if style else ""
    if pd.api.types.is_bool_dtype(dtype):
        data = np.array(values.tolist(), dtype=object)  # True, False and <NA>
        out = np.full(len(data), EMPTY, dtype=object)
        out[np.array([v is True for v in data], dtype=bool)] = '<c t="b"><v>1</v></c>'
        out[np.array([v is False for v in data], dtype=bool)] = '<c t="b"><v>0</v></c>'
        return out
    if pd.api.types.is_integer_dtype(dtype):
        missing = values.isna().to_numpy(bool)
        digits = _texts(values.to_numpy(dtype="int64", na_value=0))
        return np.where(missing, EMPTY, f"<c{attribute}><v>" + digits + "</v></c>")
    if pd.api.types.is_float_dtype(dtype):
        data = values.to_numpy(dtype="float64", na_value=np.nan)
        finite = np.isfinite(data)
        # as the machine formats write it: a whole float as an integer (344, not 344.0)
        whole = finite & (np.floor(data) == data) & (np.abs(data) < 2**53)
        fraction = finite & ~whole
        text = np.full(len(data), "", dtype=object)
        text[whole] = _texts(data[whole].astype(np.int64))
        text[fraction] = _texts(data[fraction])
        return np.where(finite, f"<c{attribute}><v>" + text + "</v></c>", EMPTY)
    if isinstance(dtype, pd.StringDtype):  # text or <NA>, nothing else
        texts = values.to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
        return strings.cells(texts, style)
    cells = flat_values(values)
    if all(v is None or isinstance(v, str) for v in cells):
        return strings.cells(np.array(cells, dtype=object), style)
    return np.array([_cell(v, attribute, strings) for v in cells], dtype=object)


def _texts(numbers: np.ndarray) -> np.ndarray:
    """Each number as Python writes it (``repr``: the shortest text that reads back as the
    same float), a third faster than numpy's own conversion to text."""
    return np.array(list(map(repr, numbers.tolist())), dtype=object)


def _cell(value: Any, attribute: str, strings: SharedStrings) -> str:
    """One cell of a column of mixed values (text, numbers, truth values)."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c{attribute}><v>{value!r}</v></c>" if value == value and abs(value) != float("inf") else EMPTY
    return str(strings.cells(np.array([str(value)], dtype=object))[0])


def _sheet_xml(sheet: Sheet, strings: SharedStrings, *, locale: str, headers: bool) -> Iterator[str]:
    """A worksheet's XML in pieces: its head (column widths, the frozen header), then a
    block of rows at a time."""
    frame = sheet.frame
    fields = [sheet.field(name) for name in frame.columns]
    styles = [STYLES[number_format(f, frame[f.name].dtype)] for f in fields]
    titles = [f.heading(locale) for f in fields]
    widths = [_width(title if headers else "", flat_values(frame[name].iloc[:MEASURED_ROWS])) for title, name in
              zip(titles, frame.columns)]  # fmt: skip
    view = (
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        if headers
        else '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    )
    cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(widths, 1))
    height, width = len(frame) + headers, len(frame.columns)
    extent = f'<dimension ref="A1:{_letters(width)}{height}"/>' if height and width else ""
    yield f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}">{extent}{view}<sheetFormatPr defaultRowHeight="15"/>'
    yield (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>"
    if headers:
        head = strings.cells(np.array(titles, dtype=object), HEADER_STYLE)
        yield "<row>" + "".join(head) + "</row>"
    for start in range(0, len(frame), ROWS_PER_BLOCK):
        block = frame.iloc[start : start + ROWS_PER_BLOCK]
        columns = [_column_cells(block[name], style, strings) for name, style in zip(frame.columns, styles)]
        yield "<row>" + "</row><row>".join(map("".join, zip(*columns))) + "</row>"
    yield "</sheetData></worksheet>"


def _letters(column: int) -> str:
    """A column's letters (1 → A, 27 → AA)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(text: str) -> str:
    """Text as XML character data; a carriage return kept (XML would read it as a line end)."""
    return escape(text).replace("\r", "&#13;")


def _width(title: str, values: list) -> float:
    """Enough for the title and the widest of the first rows, in Excel's character widths."""
    widest = display_width(title)
    for value in values[:MEASURED_ROWS]:
        if isinstance(value, str):
            widest = max(widest, display_width(value))
        elif isinstance(value, float):
            widest = max(widest, len(f"{value:,.1f}"))
        elif value is not None:
            widest = max(widest, len(f"{value:,}") if isinstance(value, int) else len(str(value)))
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2)))


# -- the package's other parts ------------------------------------------------------------------

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

STYLES_XML = (
    f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
    f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{PERCENT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # #,##0
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # #,##0.00
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
ROOT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{RELS_NS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
)
CORE_XML = (
    f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>seoulplan</dc:creator>'
    "</cp:coreProperties>"
)


def _workbook_xml(titles: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>' for n, title in enumerate(titles, 1)
    )
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_RELS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Relationships xmlns="{RELS_NS}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{DOC_RELS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>' for n in range(1, count + 1)
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>{sheets}'
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    )
