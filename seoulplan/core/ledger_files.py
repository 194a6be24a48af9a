"""A ledger's rows as written, whatever holds them: a CSV file, a YAML or JSON file, an xlsx
workbook, a DataFrame or a dict (SPEC §5). Checking them against the plan is
:mod:`seoulplan.core.actuals`'s job.

A CSV ledger (or TSV, or separated by semicolons) has a header naming its columns in English
or Korean: ``id``/``지표``, ``actual``/``실적``, ``as_of``/``기준일`` (:data:`HEADERS`); other
columns are ignored, so a filled-in template reads back as it is. A YAML or JSON ledger is a
list of ``{id, actual, as_of}``, or a mapping ``id: actual``. Files of the older form
``id,actual[,year]`` still read: ``year`` is the as-of year. An xlsx workbook is read from
its first sheet (:mod:`seoulplan.core.sheets`). In a YAML or JSON ledger an ``as_of`` that is
a whole number is a year; one that is a decimal number is refused, never read: YAML reads
``as_of: 2020.10`` as the number 2020.1, which would be January, and the month meant is lost
before seoulplan sees it (write ``2020-10``, or quote it).

A ledger may be at most ``MAX_LEDGER_BYTES`` and ``MAX_LEDGER_ROWS`` rows. What cannot be
read as a ledger at all — no header, a header without an ``id`` or ``actual`` column, a row
of more fields than the header, malformed CSV or YAML — is a DataError naming the file and
the line; what a row says is read as it is, for the checks to judge.

A plain CSV file (no quotes, no carriage returns, no blank lines, every row as wide as the
header) is read column by column with pandas' parser, at a fraction of the csv module's cost
for 300,000 rows; any other is read row by row with the csv module. Both give the same rows
(tests/test_attacks_scale.py checks that they agree).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core import sheets
from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import N_, _
from seoulplan.core.numeric import REFUSED
from seoulplan.core.parsing import parse_document
from seoulplan.core.reading import decode, read_bytes
from seoulplan.errors import DataError

LEDGER_SHAPE = N_("CSV with a header 'id,actual,as_of' or YAML")
#: A ledger may be at most 16 MiB and 500,000 rows (a year of daily actuals of every KPI of
#: the plan is 200,000): within that, any ledger is read or refused in a few seconds.
MAX_LEDGER_BYTES = 16 * 1024 * 1024
MAX_LEDGER_ROWS = 500_000
#: Header names a ledger may use, by the column they mean (compared without case, spaces or _).
HEADERS = {
    "id": ("id", "kpi", "kpiid", "지표", "지표id", "아이디"),
    "actual": ("actual", "value", "실적", "실적값", "값", "측정값"),
    "as_of": ("asof", "date", "period", "기준일", "기준일자", "일자", "시점", "기간"),
    "year": ("year", "연도", "년도"),
}


def _nowhere(row: int, field: str) -> str:
    return ""


@dataclass(frozen=True)
class Form:
    """The columns a kind of ledger has: the KPI ledger's ``id, actual, as_of`` (:data:`KPI_LEDGER`),
    the budget ledger's ``item, phase, amount, as_of`` (:data:`BUDGET_LEDGER`), the delivery
    ledger's ``id, done, as_of`` (:data:`DELIVERY_LEDGER`). One reader reads every form: ``key``
    is the column :attr:`Rows.ids` holds, ``value`` the one :attr:`Rows.actuals` holds, ``extra``
    further required columns (:attr:`Rows.extra`); ``as_of`` and ``year`` are read by every form.
    ``mapping``: a YAML ledger may be a mapping ``key: value``; ``section``: a YAML ledger may
    hold its list under that key."""

    headers: dict[str, tuple[str, ...]]
    key: str
    value: str
    extra: tuple[str, ...]
    described: str  # what the file should be, an N_ message
    example: str  # the header, as a message shows it
    frame: str  # the name of a DataFrame given as a ledger
    mapping: bool = True
    section: str | None = None  # the key a YAML ledger may hold its list under (``actuals:``)

    @property
    def required(self) -> tuple[str, ...]:
        return (self.key, self.value, *self.extra)


KPI_LEDGER = Form(HEADERS, "id", "actual", (), LEDGER_SHAPE, "id,actual,as_of", "actuals", section="actuals")
#: A delivery ledger: ``id, done, as_of`` — done a date, or a status (완료, 지연, 취소) as of a date.
DELIVERY_LEDGER = Form(
    {
        "id": HEADERS["id"],
        "done": ("done", "status", "완료", "완료일", "상태", "추진상황", "결과"),
        "as_of": HEADERS["as_of"],
        "year": HEADERS["year"],
    },
    "id",
    "done",
    (),
    N_("CSV with a header 'id,done,as_of' or YAML"),
    "id,done,as_of",
    "deliveries",
    section="deliveries",
)
BUDGET_LEDGER = Form(
    {
        "item": ("item", "items", "항목", "항목키", "예산항목", "과목"),
        "phase": ("phase", "단계", "구분", "예산구분"),
        "amount": ("amount", "amounteok", "value", "금액", "금액(억원)", "예산액", "액수"),
        "as_of": HEADERS["as_of"],
        "year": HEADERS["year"],
    },
    "item",
    "amount",
    ("phase",),
    N_("CSV with a header 'item,phase,amount,as_of' or YAML"),
    "item,phase,amount,as_of",
    "budget",
    mapping=False,
)


@dataclass
class Rows:
    """A ledger's rows as read, before they are checked against the plan: one entry per row
    in each list.

    ``actuals`` hold the text or number as given (None or ``""``: not reported), ``as_of``
    the period as given (None: the file has no date), ``lines`` each row's line in the file
    (0 where it has none: a dict, a JSON document). ``place(row, field)`` says where a row's
    field is, for a problem's heading (``": column 2 (actual)"``, ``": $[3].actual"``; with
    the field ``""``, where the row is); it is asked only for the problems shown.
    ``stripped``: every actual is text and every as_of text or None, stripped of white space,
    a blank as_of None already (as a CSV ledger is read). ``ids`` and ``actuals`` are the
    form's key and value columns (:class:`Form`: a budget ledger's ``item`` and ``amount``)."""

    name: str
    ids: Sequence[str] | np.ndarray
    actuals: Sequence[Any] | np.ndarray
    as_of: Sequence[Any] | np.ndarray
    lines: Sequence[int] | np.ndarray
    place: Callable[[int, str], str] = _nowhere
    stripped: bool = False
    #: the form's further columns (a budget ledger's ``phase``), as given, one entry per row
    extra: dict[str, Sequence[Any] | np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


class Refused(str):
    """The message of a value the parser refused, or of an as_of that cannot be a date;
    checking it reports that message."""


def read_rows(actuals: Any, *, encoding: str = "utf-8-sig", form: Form = KPI_LEDGER) -> Rows:
    """The rows of ``actuals``: a path, ``-``, an open file, a DataFrame or a dict ``{id: actual}``
    (a dict only for a form that may be a mapping), as ledgers of ``form`` hold them."""
    if isinstance(actuals, pd.DataFrame):
        return _from_frame(actuals, form)
    if isinstance(actuals, dict) and form.mapping:
        count = len(actuals)
        return Rows(form.frame, [str(k) for k in actuals], list(actuals.values()), [None] * count, [0] * count)
    raw, name = read_bytes(actuals, MAX_LEDGER_BYTES)
    if isinstance(raw, bytes) and sheets.is_workbook(raw):
        return _from_workbook(raw, name, form)
    text = decode(raw, name, encoding, of="actuals") if isinstance(raw, bytes) else raw
    return _from_text(text, name, form)


def _from_text(text: str, name: str, form: Form = KPI_LEDGER) -> Rows:
    """The rows of a ledger written as text: CSV (or TSV) with a header, else YAML."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DataError(_("{name}: the file is empty; expected {what}").format(name=name, what=_(form.described)))
    lines = text.count("\n")
    if lines > MAX_LEDGER_ROWS:
        raise DataError(
            _("{name}: {count:,} lines; a ledger may have at most {limit:,} rows").format(
                name=name, count=lines, limit=MAX_LEDGER_ROWS
            )
        )
    if name.lower().endswith((".yaml", ".yml")) or not _looks_like_csv(text):
        return _read_yaml(text, name, form)
    return _plain_csv(text, name, form) or _read_csv(text, name, form)


# -- CSV ---------------------------------------------------------------------------------------

#: The separators a CSV ledger may use, and their names in messages.
_SEPARATORS = {",": N_("comma"), "\t": N_("tab"), ";": N_("semicolon")}
_SHOWN_HEADER_CHARS = 80


def _first_line(text: str) -> str:
    """The first line that is not blank: a CSV ledger's header, whose separator it gives."""
    return next((line.rstrip("\r\n") for line in io.StringIO(text.lstrip("\ufeff")) if line.strip()), "")


def _looks_like_csv(text: str) -> bool:
    first = _first_line(text)
    return any(sep in first for sep in _SEPARATORS) and ":" not in first.split(",")[0]


def _separator(header_line: str) -> str:
    return "\t" if "\t" in header_line else ("," if "," in header_line else ";")


def sheet_header(header: list[str], name: str, form: Form = KPI_LEDGER) -> dict[str, int]:
    """:func:`header_columns` of a workbook's first row (its cells are the columns)."""
    return header_columns(header, name, 1, " | ".join(header), form)


def header_columns(header: list[str], name: str, line: int, written: str, form: Form = KPI_LEDGER) -> dict[str, int]:
    """Which column holds each of the form's columns (id, actual, as_of and year); an unknown
    header is an error listing the names (or, when its line uses several separators, saying so)."""
    where = f"{name}:{line}"
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = re.sub(r"[\s_]", "", cell).lower()
        for meaning, names in form.headers.items():
            if key in names:
                if meaning in found:
                    raise DataError(
                        _("{where}: column {number}: a second {meaning!r} column ({cell!r}); keep one").format(
                            where=where,
                            number=i + 1,
                            meaning=meaning,
                            cell=cell,
                        )
                    )
                found[meaning] = i
    for required in form.required:
        if required not in found:
            separators = [_(label) for sep, label in _SEPARATORS.items() if sep in written]
            if len(separators) > 1:
                raise DataError(
                    _(
                        "{where}: the header mixes separators ({separators}); "
                        "separate every column of every line with one of them, e.g. '{example}'"
                    ).format(where=where, separators=", ".join(separators), example=form.example)
                )
            accepted = ", ".join(form.headers[required])
            shown = written if len(written) <= _SHOWN_HEADER_CHARS else written[: _SHOWN_HEADER_CHARS - 1] + "…"
            raise DataError(
                _(
                    "{where}: the header has no {required!r} column (accepted names: {accepted}); "
                    "expected '{example}', got {header!r}"
                ).format(where=where, required=required, accepted=accepted, header=shown, example=form.example)
            )
    return found


def _column_place(header: list[str], col: dict[str, int]) -> Callable[[int, str], str]:
    def place(row: int, field: str) -> str:
        if field not in col:
            return ""
        return ": " + _("column {number} ({name})").format(number=col[field] + 1, name=header[col[field]])

    return place


def _read_csv(text: str, name: str, form: Form = KPI_LEDGER) -> Rows:
    """A CSV ledger read row by row with the csv module (quotes, blank lines, short rows)."""
    delimiter = _separator(_first_line(text))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    header: list[str] = []
    try:
        while not any(header):  # blank lines (or only separators, as Excel writes them) before the header
            header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataError(
            _("{name}: no header: every line is blank or only separators; expected {what}").format(
                name=name, what=_(form.described)
            )
        ) from None
    except csv.Error as e:
        raise DataError(
            _("{where}: cannot read the CSV header: {error}").format(where=f"{name}:{reader.line_num}", error=e)
        ) from None
    col = header_columns(header, name, reader.line_num, delimiter.join(header), form)
    absent = len(header)  # a column the file does not have: never a cell's index
    at_id, at_actual = col[form.key], col[form.value]
    at, year = col.get("as_of", absent), col.get("year", absent)
    ids: list[str] = []
    actuals: list[str] = []
    periods: list[str | None] = []
    lines: list[int] = []
    extra: dict[str, list[str]] = {meaning: [] for meaning in form.extra}
    try:
        for cells in reader:
            if not "".join(cells).strip():
                continue
            if len(cells) > len(header):
                raise DataError(
                    _(
                        "{where}: {count} fields but the header has {header} "
                        '(quote a number written with commas: "1,234")'
                    ).format(where=f"{name}:{reader.line_num}", count=len(cells), header=len(header))
                )
            count = len(cells)
            ids.append(cells[at_id].strip() if at_id < count else "")
            actuals.append(cells[at_actual].strip() if at_actual < count else "")
            periods.append(
                (cells[at].strip() if at < count else "") or (cells[year].strip() if year < count else "") or None
            )
            for meaning, values in extra.items():
                values.append(cells[col[meaning]].strip() if col[meaning] < count else "")
            lines.append(reader.line_num)
    except csv.Error as e:
        raise DataError(
            _("{where}: malformed CSV: {error}").format(where=f"{name}:{reader.line_num}", error=e)
        ) from None
    return Rows(name, ids, actuals, periods, lines, _column_place(header, col), stripped=True, extra=dict(extra))


#: The characters str.strip() strips, but the line's end: each is looked for in C (a pattern
#: of white space is ten times slower over a 16 MiB ledger).
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")


def _plain_csv(text: str, name: str, form: Form = KPI_LEDGER) -> Rows | None:
    """The rows of a plain CSV file, read column by column with pandas' parser: the rows
    :func:`_read_csv` reads, at a fraction of the cost. None for a file with anything the
    csv module reads differently or refuses — quotes, carriage returns, a NUL, blank lines,
    a header not on the first line, a row of more or fewer fields than the header — which
    :func:`_read_csv` then reads (and names what is wrong)."""
    if '"' in text or "\r" in text or "\x00" in text:
        return None
    head, _newline, body = text.partition("\n")
    if not head.strip() or not body.strip():
        return None
    delimiter = _separator(head)
    header = [h.strip() for h in head.split(delimiter)]
    try:
        col = header_columns(header, name, 1, delimiter.join(header), form)
    except DataError:
        return None  # _read_csv says why
    count = body.count("\n") + (not body.endswith("\n"))
    if body.count(delimiter) != count * (len(header) - 1):  # a row of more or fewer fields
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=delimiter,
            header=None,
            names=range(len(header)),
            dtype=str,
            index_col=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (ValueError, pd.errors.ParserError):
        return None
    if len(frame) != count or frame.isna().to_numpy().any():
        return None
    cells: np.ndarray = frame.to_numpy(dtype=object)
    # white space the csv reading strips: any but the line's end and the separator
    if any(space in body for space in _SPACES if space != delimiter):
        cells = np.array([[cell.strip() for cell in row] for row in cells], dtype=object).reshape(cells.shape)
    if (cells == "").all(axis=1).any():  # a row of blanks, which the csv reading skips
        return None
    periods: np.ndarray = cells[:, col["as_of"]] if "as_of" in col else np.full(len(cells), "", dtype=object)
    if "year" in col:
        periods = np.where(periods == "", cells[:, col["year"]], periods)
    periods = np.where(periods == "", np.array(None, dtype=object), periods)
    ids, actuals, lines = cells[:, col[form.key]], cells[:, col[form.value]], np.arange(2, count + 2)
    extra: dict[str, Sequence[Any] | np.ndarray] = {meaning: cells[:, col[meaning]] for meaning in form.extra}
    return Rows(name, ids, actuals, periods, lines, _column_place(header, col), stripped=True, extra=extra)


# -- YAML and JSON -------------------------------------------------------------------------------


def _read_yaml(text: str, name: str, form: Form = KPI_LEDGER) -> Rows:
    doc, lines = parse_document(text, name, _(form.described))
    # YAML knows the line of each entry; JSON (read by the json module) does not, so a
    # problem in a JSON ledger is placed by its path instead: ``$[3].actual``.
    path = "$"
    if isinstance(doc, dict) and form.section and form.section in doc:
        doc, path = doc[form.section], f"$.{form.section}"
    if isinstance(doc, dict) and form.mapping:
        keys = list(doc)

        def key_place(row: int, field: str) -> str:
            return f": {path}.{keys[row]}"

        return Rows(
            name,
            [str(k) for k in keys],
            [_unrefused(v) for v in doc.values()],
            [None] * len(keys),
            [lines.get((id(doc), k)) or 0 for k in keys],
            _nowhere if lines else key_place,
        )
    if not isinstance(doc, list):
        if form.mapping:
            raise DataError(
                _("{name}: expected a list of {{id, {value}, as_of}} or a mapping of id: {value}").format(
                    name=name, value=form.value
                )
            )
        raise DataError(
            _("{name}: expected a list of mappings with the keys {keys}").format(name=name, keys=form.example)
        )
    ids, actuals, periods, numbers = [], [], [], []
    extra: dict[str, list[Any]] = {meaning: [] for meaning in form.extra}
    for index, entry in enumerate(doc):
        line = lines.get(id(entry)) or 0 if isinstance(entry, (dict, list)) else 0
        if not isinstance(entry, dict) or any(meaning not in entry for meaning in form.required):
            where = f"{name}:{line}" if lines else f"{name}: {path}[{index}]"
            if form is KPI_LEDGER:
                message = _("{where}: expected a mapping with id and actual, got {entry}")
            else:
                message = _("{where}: expected a mapping with the keys {keys}, got {entry}")
            raise DataError(message.format(where=where, entry=shortened(repr(entry)), keys=form.example))
        ids.append(str(entry[form.key]))
        actuals.append(_unrefused(entry[form.value]))
        periods.append(_date_written(entry.get("as_of", entry.get("year"))))
        for meaning, values in extra.items():
            values.append(_unrefused(entry[meaning]))
        numbers.append(line)
    place = _nowhere if lines else _json_place(path)
    return Rows(name, ids, actuals, periods, numbers, place, extra=dict(extra))


def _json_place(path: str) -> Callable[[int, str], str]:
    """Where a value of a JSON list is, as its path: ``$[3].actual`` (``$[3]`` for the entry)."""

    def place(row: int, field: str) -> str:
        return f": {path}[{row}].{field}" if field else f": {path}[{row}]"

    return place


def _unrefused(value: Any) -> Any:
    """A number the parser's rule refused, as the text of why (reported with its line)."""
    if isinstance(value, dict) and REFUSED in value:
        return Refused(value[REFUSED])
    return value


def _date_written(value: Any) -> Any:
    """An ``as_of`` as a YAML or JSON ledger (or a DataFrame) holds it, as text to read as a
    date — or, for what cannot be one, the refusal to report with its place.

    A whole number is a year (``as_of: 2020``). A decimal number is refused, never read:
    YAML reads ``as_of: 2020.10`` as the number 2020.1, which would be January; the month
    meant is lost before seoulplan sees it.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and REFUSED in value:
        return Refused(value[REFUSED])
    if isinstance(value, float):
        return Refused(
            _(
                "{value} is a decimal number, not a date (YAML reads 2020.10 as the number 2020.1); "
                "write 2020-10, or quote the date: '2020.10'"
            ).format(value=shortened(value))
        )
    if isinstance(value, (bool, dict, list)):
        return Refused(
            _(
                "{text!r} is not a date; expected 2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020 (or 2020년 2분기)"
            ).format(text=shortened(value))
        )
    return str(value)


# -- workbooks and the library's own ledgers ------------------------------------------------------


def _from_workbook(raw: bytes, name: str, form: Form = KPI_LEDGER) -> Rows:
    ids, actuals, periods, lines, places = [], [], [], [], []
    extra: dict[str, list[Any]] = {meaning: [] for meaning in form.extra}

    def header(cells: list[str], name: str) -> dict[str, int]:
        return sheet_header(cells, name, form)

    for values, as_of, line, where in sheets.ledger_rows(raw, name, header, MAX_LEDGER_ROWS):
        key = values[form.key]
        ids.append("" if key is None else str(key).strip())
        actuals.append(values[form.value])
        periods.append(as_of)
        for meaning, column in extra.items():
            column.append(values[meaning])
        lines.append(line)
        places.append(where)
    return Rows(name, ids, actuals, periods, lines, lambda row, field: places[row](field), extra=dict(extra))


def _from_frame(frame: pd.DataFrame, form: Form = KPI_LEDGER) -> Rows:
    missing = [c for c in form.required if c not in frame.columns]
    if missing:
        if form is KPI_LEDGER:
            message = _("actuals: the DataFrame has no {missing} column; expected id, actual[, as_of], got {columns}")
        else:
            message = _("{name}: the DataFrame has no {missing} column; expected {expected}, got {columns}")
        raise DataError(
            message.format(
                missing=", ".join(map(repr, missing)),
                columns=", ".join(map(str, frame.columns)),
                name=form.frame,
                expected=form.example.replace(",", ", "),
            )
        )
    dates = frame["as_of"] if "as_of" in frame.columns else frame["year"] if "year" in frame.columns else None
    return Rows(
        form.frame,
        [str(kid) for kid in frame[form.key]],
        [None if _missing(value) else value for value in frame[form.value].astype(object)],
        [None] * len(frame) if dates is None else [None if _missing(d) else _date_written(d) for d in dates],
        list(range(1, len(frame) + 1)),
        extra={m: [None if _missing(v) else v for v in frame[m].astype(object)] for m in form.extra},
    )


def _missing(value: Any) -> bool:
    """A DataFrame's empty cell (None, NaN, <NA>, NaT); a list in a cell is a value, to refuse."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
