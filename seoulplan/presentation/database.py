"""The plan as a SQLite database, and the Datasette metadata that describes it.

Tables are made by sqlite-utils (the library of the Datasette ecosystem the export is
for): the schema comes from the catalogue (keys) and the frames (types), so each table is
one ``Table.create`` with its primary key, its foreign keys (compound ones too: sqlite-utils
4) and ``NOT NULL`` on the key's columns, and one ``create_index`` on each foreign key that
the primary key does not already cover, named ``<table>_<columns>``. Types are SQLite's:
``INTEGER`` (integers, and booleans as 0/1), ``REAL`` and ``TEXT`` (dates as ``YYYY-MM-DD``).

Rows go in with one ``executemany`` per table rather than ``insert_all``: they are already
flat machine values (:func:`~seoulplan.presentation.raw.flat_values`), and ``insert_all``
looks at every cell again for JSON to encode: measured against the hand-written writer it
replaced (issue 20), the whole export took 1.14× with ``insert_all`` and 1.06× with
``executemany`` (importing sqlite-utils), for the same database.

The database describes itself, so that a copy of the file alone keeps its meaning: ``_about``
(the plan it comes from, the generator), ``_tables`` (titles, description, keys, row count)
and ``_columns`` (titles in Korean and English, type, unit, description). Datasette hides
tables whose names start with ``_`` (1.0), and the metadata marks them hidden (0.x).

Datasette shows titles, descriptions, the source and column notes from a metadata file given
with ``-m`` (:func:`datasette_metadata`); it does not read them from the database itself.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pandas as pd
import sqlite_utils
from sqlite_utils.db import quote_identifier

from seoulplan.core.i18n import _
from seoulplan.errors import DataError
from seoulplan.presentation import catalogue
from seoulplan.presentation.raw import flat_values
from seoulplan.version import __version__

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "string": "TEXT", "date": "TEXT"}


def _foreign_keys(table: catalogue.Table) -> list[tuple]:
    """sqlite-utils' form of ``table``'s foreign keys: a column or a tuple of them, each."""
    return [
        (k.columns, k.table, k.references) if len(k.columns) > 1 else (k.columns[0], k.table, k.references[0])
        for k in table.foreign_keys
    ]


def _indexes(table: catalogue.Table) -> list[tuple[str, ...]]:
    """The foreign keys that need an index of their own: those the primary key's does not cover."""
    return [k.columns for k in table.foreign_keys if table.primary_key[: len(k.columns)] != k.columns]


def _create(db: sqlite_utils.Database, table: catalogue.Table, frame: pd.DataFrame) -> None:
    """``table`` with typed columns, its primary and foreign keys, and an index on each foreign
    key that its primary key does not already serve (named ``<table>_<columns>``)."""
    columns = {name: SQL_TYPES[catalogue.type_of(frame[name].dtype, table.field(name))] for name in frame.columns}
    db.table(table.name).create(
        columns, pk=table.primary_key, foreign_keys=_foreign_keys(table), not_null=set(table.primary_key)
    )
    for key in _indexes(table):
        db.table(table.name).create_index(key, index_name=f"{table.name}_{'_'.join(key)}")


def _insert(db: sqlite_utils.Database, name: str, rows: Iterable[Sequence]) -> None:
    """Rows, each a value per column in the table's order, in one ``executemany``."""
    marks = ", ".join("?" * len(db.table(name).columns))
    db.conn.executemany(f"INSERT INTO {quote_identifier(name)} VALUES ({marks})", rows)


def _rows(frame: pd.DataFrame) -> Iterator[tuple]:
    return zip(*(flat_values(frame[name]) for name in frame.columns))


#: SQLite's result codes for a file that cannot be written, as the OS errors they stand for:
#: SQLite says "disk I/O error" for a file-size limit (EFBIG) and "database or disk is full"
#: for a full disk, and does not tell Python the errno.
_WRITE_ERRORS = {"SQLITE_PERM": errno.EACCES, "SQLITE_READONLY": errno.EACCES, "SQLITE_IOERR": errno.EIO,
                 "SQLITE_FULL": errno.ENOSPC, "SQLITE_CANTOPEN": errno.EIO}  # fmt: skip
_WRITE_MESSAGES = {"disk I/O error": errno.EIO, "database or disk is full": errno.ENOSPC}  # Python 3.10


def write(path: str, tables: Mapping[str, pd.DataFrame], plan: Mapping, *, actuals: dict | None = None) -> None:
    """Write ``tables`` (``Plan.tables()``) into a new SQLite database at ``path``, with the
    self-description tables, and check that every foreign key joins. A file that cannot be
    written is an OSError, as for any other file."""
    try:
        _write(path, tables, plan, actuals or {})
    except sqlite3.OperationalError as e:
        name = getattr(e, "sqlite_errorname", "")  # SQLITE_IOERR_WRITE: the primary name is its start
        number = next((n for prefix, n in _WRITE_ERRORS.items() if name.startswith(prefix)), None)
        number = number or _WRITE_MESSAGES.get(str(e))
        if number is None:
            raise
        raise OSError(number, os.strerror(number)) from None


def _write(path: str, tables: Mapping[str, pd.DataFrame], plan: Mapping, actuals: dict) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only when complete
        connection.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(connection)
        with connection:
            for name, frame in tables.items():
                _create(db, catalogue.table(name), frame)
                _insert(db, name, _rows(frame))
            _describe(db, tables, plan, actuals)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            shown = "; ".join(
                _("{table} row {row} → {parent}").format(table=table, row=rowid, parent=parent)
                for table, rowid, parent, _key in broken[:5]
            )
            raise DataError(
                _("the dataset's records do not join: {count} broken reference(s): {shown}").format(
                    count=len(broken), shown=shown
                )
            )
    finally:
        connection.close()


def _describe(db: sqlite_utils.Database, tables: Mapping[str, pd.DataFrame], plan: Mapping, actuals: dict) -> None:
    """``_about``, ``_tables`` and ``_columns``: the catalogue's description of what was written."""
    about = {
        "title": plan["title"],
        "title_en": plan.get("title_en"),
        "source": catalogue.source(plan),
        "source_en": catalogue.source_en(plan),
        "generator": f"seoulplan {__version__}",
        **actuals,
    }
    db.table("_about").create({"key": "TEXT", "value": "TEXT"}, pk="key", not_null={"key"})
    _insert(db, "_about", [(k, v) for k, v in about.items() if v is not None])
    db.table("_tables").create(
        {"name": "TEXT", "title_ko": "TEXT", "title_en": "TEXT", "description": "TEXT", "primary_key": "TEXT",
         "foreign_keys": "TEXT", "rows": "INTEGER", "command": "TEXT"},
        pk="name", not_null={"name"},
    )  # fmt: skip
    db.table("_columns").create(
        {"table_name": "TEXT", "column_name": "TEXT", "position": "INTEGER", "title_ko": "TEXT", "title_en": "TEXT",
         "type": "TEXT", "unit": "TEXT", "unit_from": "TEXT", "description": "TEXT"},
        pk=("table_name", "column_name"), not_null={"table_name", "column_name"},
        foreign_keys=[("table_name", "_tables", "name")],
    )  # fmt: skip
    described, columns = [], []
    for name, frame in tables.items():
        table = catalogue.table(name)
        keys = "; ".join(f"{', '.join(k.columns)} → {k.table} ({', '.join(k.references)})" for k in table.foreign_keys)
        described.append(
            (name, table.ko, table.en, table.description, ", ".join(table.primary_key), keys or None, len(frame),
             table.command or None)
        )  # fmt: skip
        columns += [
            (name, column, position, f.ko, f.en, catalogue.type_of(frame[column].dtype, f), f.fixed_unit,
             f.unit_from, f.description or None)
            for position, column in enumerate(frame.columns, 1)
            for f in [table.field(column)]
        ]  # fmt: skip
    _insert(db, "_tables", described)
    _insert(db, "_columns", columns)


def datasette_metadata(database: str, tables: Mapping[str, pd.DataFrame], plan: Mapping) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` (its file name without the
    extension): titles, descriptions, the source, a note per column (titles, unit, what it
    holds), the column that names a row, and the self-description tables hidden.

    Units go in the column notes: Datasette's own ``units`` key takes only units its unit
    library (pint) knows, which 억원 and 명 are not, and Datasette 1.0 dropped it."""
    source = catalogue.source(plan)
    described: dict[str, Any] = {}
    for name, frame in tables.items():
        table = catalogue.table(name)
        about = f"{table.description} Primary key: {', '.join(table.primary_key)}."
        if table.command:
            about += f" The same rows as `{table.command} --format csv`."
        entry: dict[str, Any] = {
            "title": f"{table.ko} · {table.en}",
            "description": about,
            "columns": {column: table.field(column).explained() for column in frame.columns},
        }
        if table.label:
            entry["label_column"] = table.label
        described[name] = entry
    for hidden in ("_about", "_tables", "_columns"):
        described[hidden] = {"hidden": True}
    title = f"{plan['title']} · {plan.get('title_en') or ''}".strip(" ·")
    return {
        "title": title,
        "description": f"{catalogue.source_en(plan)}: its budget, finance, KPIs and audit, from seoulplan.",
        "source": source,
        "databases": {
            database: {
                "title": title,
                "description": "Every table of seoulplan's machine formats, with keys that join.",
                "source": source,
                "tables": described,
            }
        },
    }
