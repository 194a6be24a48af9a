"""Every output format, through one dispatch (SPEC §6).

:func:`render` turns a DataFrame of the core into text, and :func:`output` into the bytes a
command writes; each format is written by one module:

- ``csv``, ``tsv``, ``json`` and ``jsonl`` are for scripts: the frame's own columns and raw
  values (:mod:`~seoulplan.presentation.machine_formats`);
- ``table`` and ``markdown`` are for people: a :class:`~seoulplan.presentation.views.View`
  picks the columns and says how each reads (:mod:`~seoulplan.presentation.people_formats`);
- ``xlsx`` is a workbook (bytes, not text): the machine columns with raw values, headed in
  the reader's language (:mod:`~seoulplan.presentation.workbook`).

Text is written in the encoding asked for (:mod:`~seoulplan.presentation.encodings`), and
:func:`format_for` says which format an ``-o`` file's extension implies. An unknown format
fails loudly.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import EXTENSIONS, FORMATS

# the names other modules write with, from the modules that hold them
from seoulplan.presentation.encodings import check_encodable, encode, encoded
from seoulplan.presentation.machine_formats import csv_text, json_text, jsonl_text, records, tsv_text
from seoulplan.presentation.people_formats import people_text
from seoulplan.presentation.views import Options, View

__all__ = ["check_encodable", "chunks", "encode", "encoded", "format_for", "output", "records", "render"]

#: The writer of each machine format: its text, a block of rows at a time.
MACHINE_WRITERS: dict[str, Callable[[pd.DataFrame, bool], Iterator[str]]] = {
    "csv": csv_text,
    "tsv": tsv_text,
    "jsonl": jsonl_text,
    "json": json_text,
}
#: tabulate's table format for each people format.
PEOPLE_TABLES = {"table": "simple", "markdown": "pipe"}


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
    if fmt in MACHINE_WRITERS:
        yield from MACHINE_WRITERS[fmt](frame, headers)
    elif fmt in PEOPLE_TABLES:
        if view is None:
            raise ValueError("a people format needs a view")
        yield people_text(frame, view, options or Options(), PEOPLE_TABLES[fmt], headers)
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
    calendar: Any = None,
) -> Iterator[bytes]:
    """The bytes a command writes: a text format in ``encoding`` (checked first, so that an
    encoding error never leaves half an output), an xlsx workbook with one ``sheet``, or an
    iCalendar file of deliverables (:mod:`~seoulplan.presentation.ics`) with its ``calendar``."""
    if fmt == "ics":
        if encoding != "utf-8":
            raise UsageError(
                _("--encoding {encoding} is for text formats: an .ics file is UTF-8").format(encoding=encoding)
            )
        if calendar is None:
            raise ValueError("an .ics file needs its calendar")
        from seoulplan.presentation import ics

        return iter([ics.write(frame, calendar, options.locale)])
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
