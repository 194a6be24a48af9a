"""Every output format, through one dispatch (SPEC §6).

:func:`render` turns a DataFrame of the core into text:

- ``csv``, ``tsv``, ``json`` and ``jsonl`` are for scripts: the frame's own columns, with
  their stable snake_case names, and raw values — integers as integers (a whole float
  too: ``344``, never ``344.0``), other numbers at full precision, no value → empty
  cell / ``null``. Text cells of CSV/TSV that start with ``=``, ``+``, ``-`` or ``@`` get
  a leading ``'`` so spreadsheets do not run them as formulas; numbers are never touched.
  No reader may split a row inside a cell: a CSV cell that holds a line break of any kind
  (:data:`LINE_BREAKS`: a carriage return, U+2028…) is quoted, TSV escapes the control
  characters as PostgreSQL's COPY does, and JSON writes U+0085, U+2028 and U+2029 as
  ``\\u`` escapes.
- ``table`` and ``markdown`` are for people: a :class:`~seoulplan.presentation.views.View`
  picks the columns and says how each reads (``39조 5,359억원``, ``10.6%``, ``-1.1%p``).
  Markdown shows text as text (:func:`markdown_text`): never as markup, a link, an image or
  HTML, and a pipe never splits a cell.
- ``xlsx`` is a workbook (bytes, not text): the machine columns with raw values, headed
  in the reader's language (:mod:`~seoulplan.presentation.workbook`).

:func:`output` is the one dispatch from a format to the bytes a command writes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator

import pandas as pd

from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import ENCODINGS, EXTENSIONS, FORMATS
from seoulplan.presentation.raw import flat_values, machine_values
from seoulplan.presentation.views import Options, View, cell


def render(
    frame: pd.DataFrame,
    fmt: str = "table",
    view: View | None = None,
    options: Options | None = None,
    headers: bool = True,
) -> str:
    """``frame`` as text in ``fmt``; people formats need the ``view``. An unknown format fails loudly."""
    return "".join(chunks(frame, fmt, view, options, headers))


def chunks(
    frame: pd.DataFrame,
    fmt: str = "table",
    view: View | None = None,
    options: Options | None = None,
    headers: bool = True,
) -> Iterator[str]:
    """:func:`render`'s text in pieces: machine formats a block of rows at a time, so that a
    table of half a million rows is never all in memory as text at once."""
    if fmt == "csv":
        if headers:
            yield _csv_rows([list(frame.columns)])
        for block in _blocks(frame):
            columns, breaks = zip(*(_csv_column(block[c]) for c in block.columns))
            yield _csv_rows(zip(*columns), breaks=any(breaks))
    elif fmt == "tsv":
        if headers:
            yield _tsv_rows([list(frame.columns)])
        for block in _blocks(frame):
            yield _tsv_rows(zip(*(_csv_column(block[c])[0] for c in block.columns)))
    elif fmt == "jsonl":
        for block in _blocks(frame):
            yield _json_safe("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in records(block)))
    elif fmt == "json":
        if frame.empty:
            yield "[]\n"
            return
        for n, block in enumerate(_blocks(frame)):
            yield _json_safe(("[\n" if n == 0 else ",\n") + ",\n".join(_indented(o) for o in records(block)))
        yield "\n]\n"
    elif fmt in ("table", "markdown"):
        if view is None:
            raise ValueError("a people format needs a view")
        yield _people(frame, view, options or Options(), "simple" if fmt == "table" else "pipe", headers)
    elif fmt == "xlsx":
        raise ValueError("xlsx is a workbook, not text: use output()")
    else:
        raise UsageError(
            _("unknown format {format!r}; expected one of {choices}").format(format=fmt, choices=", ".join(FORMATS))
        )


def output(
    frame: pd.DataFrame,
    fmt: str,
    view: View | None,
    options: Options,
    *,
    headers: bool = True,
    encoding: str = "utf-8",
    sheet: str = "seoulplan",
) -> Iterator[bytes]:
    """The bytes a command writes: a text format in ``encoding`` (checked first, so that an
    encoding error never leaves half an output), or an xlsx workbook with one ``sheet``."""
    if fmt == "xlsx":
        if encoding != "utf-8":
            raise UsageError(
                _("--encoding {encoding} is for text formats: an xlsx workbook has its own").format(encoding=encoding)
            )
        from seoulplan.presentation import workbook

        buffer = io.BytesIO()
        workbook.write([workbook.Sheet(sheet, frame)], buffer, locale=options.locale, headers=headers)
        return iter([buffer.getvalue()])
    check_encodable(frame, encoding)
    return encoded(chunks(frame, fmt, view, options, headers), encoding)


# -- machine formats ------------------------------------------------------------------------

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
    joined = "\x00" + "\x00".join([v for v in cells if isinstance(v, str)])
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


# -- people formats -------------------------------------------------------------------------


def _people(frame: pd.DataFrame, view: View, options: Options, tablefmt: str, headers: bool) -> str:
    from tabulate import tabulate

    rows = records(frame)
    columns = list(view.shown(list(frame.columns)))
    if view.drop_empty and rows:
        columns = [c for c in columns if any(r.get(c.key) is not None for r in rows)]
    if view.vertical:
        return _vertical(rows, view, columns, options, tablefmt)
    body = []
    previous: dict[str, str] = {}
    for row in rows:
        cells = []
        for c in columns:
            text = escaped(cell(c, row.get(c.key), row, options))
            cells.append("" if not c.repeat and previous.get(c.key) == text else text)
            previous[c.key] = text
        body.append(cells)
    heads = [escaped(c.header(options)) for c in columns] if headers else []
    if tablefmt == "pipe":
        body = [[markdown_text(text) for text in cells] for cells in body]
        heads = [markdown_text(text) for text in heads]
    caps = _caps(body, heads, [c.numeric for c in columns], options.width, tablefmt) if options.width else None
    table = tabulate(
        body,
        headers=heads or (),
        tablefmt=tablefmt,
        colalign=["right" if c.numeric else "left" for c in columns],
        disable_numparse=True,
        maxcolwidths=caps,
    )
    parts = []
    title = escaped(view.title) if view.title else None
    if title:
        parts.append(_wrapped(title, options.width) if tablefmt != "pipe" else f"**{markdown_text(title)}**\n")
    parts.append(table)
    if view.notes:
        if tablefmt == "pipe":
            parts.append("\n".join("- " + markdown_text(escaped(n)) for n in view.notes))
        else:
            parts.append("\n".join(_wrapped(escaped(n), options.width) for n in view.notes))
    return "\n".join(parts) + "\n"


#: What CommonMark and GitHub read as markup inside a line: emphasis and code (``*``, ``_``,
#: backticks), strikethrough (``~``: one is enough on GitHub), links and images (``[``,
#: ``]``), HTML and autolinks (``<``, ``>``), entities (``&``), math (``$``), the backslash
#: that escapes them all, and the pipe that ends a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>&$|])")
#: GitHub also links bare web addresses (``https://…``, ``www.…``): an escaped ``:`` or
#: ``.`` there is shown the same but is no longer one. (An e-mail address it links whatever
#: is escaped: nothing short of changing the text stops that, and a mailto link runs nothing.)
_BARE_LINK = re.compile(r"(?<=[A-Za-z0-9]):(?=//)|(?<![A-Za-z0-9])(?i:www)\.")


def markdown_text(text: str) -> str:
    r"""``text`` (already :func:`~seoulplan.core.escaping.escaped`) as markdown that shows it as
    it is: each character markdown would read as markup gets a backslash, which CommonMark
    allows before any ASCII punctuation and does not show.

    >>> print(markdown_text(r"a|b \| <b>[x](javascript:y) ![](http://e.x/i.png) 1~2"))
    a\|b \\\| \<b\>\[x\](javascript:y) !\[\](http\://e.x/i.png) 1\~2
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if "//" in text or "ww" in text.lower():
        text = _BARE_LINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)
    return text


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes (Hangul takes two)."""
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)


def _caps(body: list[list[str]], heads: list[str], numeric: list[bool], width: int, tablefmt: str) -> list | None:
    """The widest each text column may be for the table to fit ``width`` cells, or None
    where it fits already. Numbers are never wrapped, nor a column of 12 cells or fewer
    (``일반회계`` broken in two reads worse than a long line); the widest columns give way
    first, down to 12 cells: prose (text with spaces) before words without one (ids). A
    table that still does not fit is left wider than the terminal."""
    count = len(numeric)
    cells = [max([0] + [_cells(line) for r in body for line in r[i].split("\n")]) for i in range(count)]
    # tabulate pads a column to its header plus 2 ("simple") and draws "| a | b |" for pipe
    least = [(_cells(heads[i]) + (2 if tablefmt != "pipe" else 0)) if heads else 0 for i in range(count)]
    gaps = 2 * (count - 1) if tablefmt != "pipe" else 3 * count + 1

    def total(cap: int, wrappable: list[bool]) -> int:
        return gaps + sum(max(min(c, cap) if wrap else c, floor) for c, floor, wrap in zip(cells, least, wrappable))

    long = [not numeric[i] and cells[i] > SHORTEST_WRAPPED for i in range(count)]
    prose = [long[i] and any(" " in r[i] for r in body) for i in range(count)]
    widest = max(cells, default=0)
    if total(widest, prose) <= width or not any(long):
        return None
    for wrappable in (prose, long):
        cap = widest
        while cap > SHORTEST_WRAPPED and total(cap, wrappable) > width:
            cap -= 1
        if total(cap, wrappable) <= width or wrappable is long:
            return [cap if wrap and c > cap else None for c, wrap in zip(cells, wrappable)]
    return None


SHORTEST_WRAPPED = 12  # cells: no column is wrapped narrower


def _wrapped(text: str, width: int | None) -> str:
    """A title or note broken at spaces to ``width`` cells (no limit: as it is)."""
    if not width or _cells(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _cells(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return "\n".join([*lines, line])


def _vertical(rows: list[dict], view: View, columns: list, options: Options, tablefmt: str) -> str:
    from tabulate import tabulate

    blocks = []
    labels = [escaped(c.header(options)) for c in columns]  # the same for every record
    for row in rows:
        body = [
            [label, escaped(cell(c, row.get(c.key), row, options))]
            for c, label in zip(columns, labels)
            if row.get(c.key) is not None and row.get(c.key) is not False
        ]
        if tablefmt == "pipe":
            body = [[markdown_text(a), markdown_text(b)] for a, b in body]
        caps = None
        if options.width and body:
            label = max(_cells(a) for a, _ in body)
            caps = [None, max(20, options.width - label - (2 if tablefmt != "pipe" else 7))]
        blocks.append(
            tabulate(
                body,
                headers=(("Field", "Value") if options.locale == "en_US" else ("항목", "값"))
                if tablefmt == "pipe"
                else (),
                tablefmt=tablefmt,
                disable_numparse=True,
                maxcolwidths=caps,
            )
        )
    title = (
        ([escaped(view.title)] if tablefmt != "pipe" else [markdown_text(escaped(view.title))]) if view.title else []
    )
    return "\n\n".join(title + blocks) + "\n"


# -- choosing a format and an encoding --------------------------------------------------------


def format_for(fmt: str | None, output: str | None) -> str:
    """The format asked for, or the one the output file's extension implies (a name without
    one: table). An extension seoulplan cannot write is a usage error naming those it can:
    writing a text table into ``out.xlsx`` would leave a file no spreadsheet opens."""
    if fmt:
        return fmt
    if output and output != "-":
        from pathlib import PurePath

        suffix = PurePath(output).suffix.lower()
        if suffix and suffix not in EXTENSIONS:
            raise UsageError(
                _(
                    "cannot tell the format of {path} from {suffix!r}: -o writes {extensions} "
                    "(or a name without an extension, as a table); or give --format"
                ).format(path=output, suffix=suffix, extensions=", ".join(EXTENSIONS))
            )
        return EXTENSIONS.get(suffix, "table")
    return "table"


#: cp949 (Korean Excel's encoding) lacks a few characters the plan and the tables use; each
#: is written as its nearest cp949 character. Accented Latin letters lose their accents.
#: Anything else cp949 cannot represent is an error, never a silent '?'.
CP949_NEAREST = str.maketrans(
    {"—": "―", "–": "-", "−": "-", "・": "·", "►": "▶", "₩": "￦", "’": "'", "‘": "'", "≈": "≒"}
)


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
        raise UsageError(
            _("unknown encoding {encoding!r}; expected one of {choices}").format(
                encoding=encoding, choices=", ".join(ENCODINGS)
            )
        )
    if encoding == "cp949":
        text = _cp949_nearest(text)
    try:
        return text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeEncodeError as e:
        bad = e.object[e.start : e.end]
        raise UsageError(
            _("the output contains {character!r}, which {encoding} cannot represent; use --encoding utf-8").format(
                character=bad, encoding=encoding
            )
        ) from None


def encoded(pieces: Iterable[str], encoding: str) -> Iterator[bytes]:
    """The pieces of a text as bytes in ``encoding`` (``utf-8-sig`` starts with a BOM)."""
    if encoding == "utf-8-sig":
        yield b"\xef\xbb\xbf"
    for piece in pieces:
        yield encode(piece, encoding)


def check_encodable(frame: pd.DataFrame, encoding: str) -> None:
    """Fail before anything is written when a text cell cannot be written in ``encoding``.

    Only cp949 can fail: the text of a dataset has passed the schema validator, which
    refuses what is not valid Unicode (a lone surrogate from a JSON escape), and every
    other text was decoded from bytes.
    """
    if encoding != "cp949":
        return
    for name in frame.columns:
        if pd.api.types.is_string_dtype(frame[name].dtype) or frame[name].dtype == object:
            encode("".join(v for v in flat_values(frame[name]) if type(v) is str), encoding)
