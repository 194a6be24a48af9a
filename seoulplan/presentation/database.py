"""The plan as a SQLite database, and the Datasette metadata that describes it.

Written with the standard library's ``sqlite3``: the schema comes from the catalogue (keys)
and the frames (types), so each table is one ``CREATE TABLE`` with its primary and foreign
keys declared, an index on each foreign key that the primary key does not already cover,
and one ``executemany`` of its rows. Types are SQLite's: ``INTEGER`` (integers, and
booleans as 0/1), ``REAL`` and ``TEXT`` (dates as ``YYYY-MM-DD``).

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
from collections.abc import Mapping
from typing import Any

import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import DataError
from seoulplan.presentation import catalogue
from seoulplan.presentation.raw import flat_values
from seoulplan.version import __version__

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "string": "TEXT", "date": "TEXT"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(table: catalogue.Table, frame: pd.DataFrame) -> list[str]:
    """``CREATE TABLE`` (typed columns, primary and foreign keys) and ``CREATE INDEX`` for ``table``."""
    lines = []
    for name in frame.columns:
        sql_type = SQL_TYPES[catalogue.type_of(frame[name].dtype, table.field(name))]
        lines.append(f"{_quote(name)} {sql_type}" + (" NOT NULL" if name in table.primary_key else ""))
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    for key in table.foreign_keys:
        lines.append(
            f"FOREIGN KEY ({', '.join(map(_quote, key.columns))}) "
            f"REFERENCES {_quote(key.table)} ({', '.join(map(_quote, key.references))})"
        )
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"]
    for key in table.foreign_keys:
        if table.primary_key[: len(key.columns)] == key.columns:
            continue  # the primary key's own index serves it
        index = _quote(f"{table.name}_{'_'.join(key.columns)}")
        statements.append(f"CREATE INDEX {index} ON {_quote(table.name)} ({', '.join(map(_quote, key.columns))})")
    return statements


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return list(zip(*(flat_values(frame[name]) for name in frame.columns)))


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
        with connection:
            for name, frame in tables.items():
                table = catalogue.table(name)
                for statement in create_statements(table, frame):
                    connection.execute(statement)
                marks = ", ".join("?" * len(frame.columns))
                connection.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", _rows(frame))
            _describe(connection, tables, plan, actuals)
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


def _describe(connection: sqlite3.Connection, tables: Mapping[str, pd.DataFrame], plan: Mapping, actuals: dict) -> None:
    """``_about``, ``_tables`` and ``_columns``: the catalogue's description of what was written."""
    connection.execute("CREATE TABLE _about (key TEXT NOT NULL PRIMARY KEY, value TEXT)")
    about = {
        "title": plan["title"],
        "title_en": plan.get("title_en"),
        "source": catalogue.source(plan),
        "source_en": catalogue.source_en(plan),
        "generator": f"seoulplan {__version__}",
        **actuals,
    }
    connection.executemany("INSERT INTO _about VALUES (?, ?)", [(k, v) for k, v in about.items() if v is not None])
    connection.execute(
        "CREATE TABLE _tables (name TEXT NOT NULL PRIMARY KEY, title_ko TEXT, title_en TEXT, description TEXT, "
        "primary_key TEXT, foreign_keys TEXT, rows INTEGER, command TEXT)"
    )
    connection.execute(
        "CREATE TABLE _columns (table_name TEXT NOT NULL REFERENCES _tables (name), column_name TEXT NOT NULL, "
        "position INTEGER, title_ko TEXT, title_en TEXT, type TEXT, unit TEXT, unit_from TEXT, description TEXT, "
        "PRIMARY KEY (table_name, column_name))"
    )
    for name, frame in tables.items():
        table = catalogue.table(name)
        keys = "; ".join(f"{', '.join(k.columns)} → {k.table} ({', '.join(k.references)})" for k in table.foreign_keys)
        connection.execute(
            "INSERT INTO _tables VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (name, table.ko, table.en, table.description, ", ".join(table.primary_key), keys or None, len(frame),
             table.command or None),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO _columns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (name, column, position, f.ko, f.en, catalogue.type_of(frame[column].dtype, f), f.fixed_unit,
                 f.unit_from, f.description or None)
                for position, column in enumerate(frame.columns, 1)
                for f in [table.field(column)]
            ],
        )  # fmt: skip


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
