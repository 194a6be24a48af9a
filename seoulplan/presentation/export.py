"""``seoulplan export``: every table of the plan at once, in the tools people already use.

The path's extension chooses the kind:

- ``.sqlite``, ``.sqlite3``, ``.db``: a SQLite database (:mod:`~seoulplan.presentation.database`),
  with its Datasette metadata beside it as ``NAME.metadata.json``;
- ``.xlsx``: a workbook with a sheet per table (:mod:`~seoulplan.presentation.workbook`);
- no extension (or a path ending in ``/``, or an existing directory): a directory of CSV files
  and ``datapackage.json`` (:mod:`~seoulplan.presentation.datapackage`).

Any other extension is a usage error, rather than a directory called ``plan.zip``; so are an
empty path (it would mean the current directory), ``-`` (elsewhere standard output, which an
export of many files cannot be: ``./-`` names a directory called ``-``) and a file's
extension on a path ending in ``/``.

The result appears whole or not at all: it is built in temporary siblings of its targets and
moved into place only when complete (:func:`seoulplan.presentation.output.staged`); a failure
(a full disk is a UsageError naming the path, as for ``-o``), an exception or a signal leaves
the old targets, if any, and no temporary. An existing target is replaced only with ``force``
— and a directory only when it holds nothing but a previous export (CSV files and
``datapackage.json``), so that ``--force`` never removes anything else — and keeps its
permissions and, for root, its owner.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import _, ngettext, reason
from seoulplan.errors import UsageError
from seoulplan.presentation import catalogue, output

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
WORKBOOK_SUFFIXES = (".xlsx",)
KINDS = ("sqlite", "xlsx", "directory")


@dataclass(frozen=True)
class Written:
    """What an export wrote: its kind, the paths as given, and each table's row count."""

    kind: str
    paths: tuple[str, ...]
    rows: dict[str, int]


def kind_of(path: str) -> str:
    """``sqlite``, ``xlsx`` or ``directory``, from the path's extension; a path export cannot
    write is a UsageError (see the module docstring)."""
    if not path:
        raise UsageError(_("cannot export to an empty path; name a file or a directory"))
    if path == "-":
        raise UsageError(
            _("export writes files, not standard output: name a file or a directory (./- for one called -)")
        )
    suffix = PurePath(path).suffix.lower()
    directory = path.endswith(_SEPARATORS)
    if suffix in SQLITE_SUFFIXES + WORKBOOK_SUFFIXES and directory:
        raise UsageError(
            _("cannot export to {path}: {suffix} is a file's extension, but a path ending in {separator} is a "
              "directory").format(path=path, suffix=suffix, separator=path[-1])
        )  # fmt: skip
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    if suffix in WORKBOOK_SUFFIXES:
        return "xlsx"
    if not suffix or directory or os.path.isdir(path):
        return "directory"
    raise UsageError(
        _(
            "cannot tell what to write from {suffix!r}: export writes a SQLite database ({sqlite}), a workbook "
            "(.xlsx), or a directory of CSV files and datapackage.json (a name without an extension)"
        ).format(suffix=suffix, sqlite=", ".join(SQLITE_SUFFIXES))
    )


_SEPARATORS = tuple({"/", os.sep})


def targets(path: str, kind: str) -> list[str]:
    """The paths an export to ``path`` writes: the database and its Datasette metadata, or one."""
    path = path.rstrip("".join(_SEPARATORS)) or path
    if kind == "sqlite":
        return [path, metadata_path(path)]
    return [path]


def metadata_path(database: str) -> str:
    """``plan.sqlite`` → ``plan.metadata.json``, beside it."""
    return str(PurePath(database).with_suffix(".metadata.json"))


def export(
    path: str,
    tables: Mapping[str, pd.DataFrame],
    plan: Mapping,
    *,
    force: bool = False,
    encoding: str = "utf-8",
    locale: str = "ko_KR",
    about: Mapping[str, str] | None = None,
) -> Written:
    """Write ``tables`` (``Plan.tables()``) to ``path`` as its extension says, atomically.

    ``plan``: the dataset's ``plan`` section (title, issuer: the source); ``encoding``: of
    the CSV files (a directory only); ``locale``: the workbook's headers; ``about``: further
    facts for the database's ``_about`` (the actuals file, the as-of date)."""
    kind = kind_of(path)
    if encoding != "utf-8" and kind != "directory":
        raise UsageError(
            _("--encoding is for the CSV files of a directory export, not a {kind} file").format(kind=kind)
        )
    given = targets(path, kind)
    real = [os.path.realpath(p) for p in given]  # a symlink stays: what it points at is replaced
    for shown, target in zip(given, real):
        _check_target(shown, target, directory=kind == "directory", force=force)
    # every module the writing needs is imported before the temporaries exist: an ending signal
    # that lands inside an import was seen to be lost there, and the export to run on
    from seoulplan.presentation import database, datapackage, workbook

    with output.staged(real, directories=[kind == "directory"] + [False] * (len(real) - 1)) as temps:
        if kind == "sqlite":
            with _writing(given[0]):
                database.write(temps[0], tables, plan, actuals=dict(about or {}))
            name = PurePath(given[0]).stem
            text = json.dumps(database.datasette_metadata(name, tables, plan), ensure_ascii=False, indent=2)
            with _writing(given[1]), open(temps[1], "w", encoding="utf-8") as f:
                f.write(text + "\n")
        elif kind == "directory":
            with _writing(given[0]):
                datapackage.write(temps[0], tables, plan, encoding=encoding)
        else:
            sheets = [workbook.Sheet(name, frame, catalogue.table(name).field) for name, frame in tables.items()]
            with _writing(given[0]):
                workbook.write(sheets, temps[0], locale=locale)
        # the database last: its appearing means the export is complete, metadata included
        output.move_into_place(temps[::-1], real[::-1], replace=force)
    return Written(kind, tuple(given), {name: len(frame) for name, frame in tables.items()})


@contextlib.contextmanager
def _writing(shown: str) -> Iterator[None]:
    """A write that fails (a full disk, a file-size limit) is a UsageError naming ``shown``,
    worded as ``-o`` words it."""
    try:
        yield
    except OSError as e:
        raise UsageError(_("cannot write {path}: {reason}").format(path=shown, reason=reason(e))) from None


def _check_target(shown: str, target: str, *, directory: bool, force: bool) -> None:
    """An existing target needs ``force``, and must be of the kind being written; a directory
    must hold nothing but a previous export."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as e:
        raise UsageError(_("cannot write {path}: {reason}").format(path=shown, reason=reason(e))) from None
    if not force:
        raise UsageError(_("{path} exists; add --force to replace it").format(path=shown))
    if directory:
        if not stat.S_ISDIR(info.st_mode):
            raise UsageError(_("cannot replace {path} by a directory: it is not one").format(path=shown))
        entries = list(os.scandir(target))
        foreign = [e.name for e in entries if not (e.is_file(follow_symlinks=False) and _exported(e.name))]
        if foreign or not any(e.name == "datapackage.json" for e in entries):
            if foreign:
                message = _("will not replace {path}: it holds {name!r}, so it is not a seoulplan export")
            else:
                message = _("will not replace {path}: it has no datapackage.json, so it is not a seoulplan export")
            raise UsageError(message.format(path=shown, name=foreign[0] if foreign else ""))
    elif not stat.S_ISREG(info.st_mode):
        raise UsageError(_("cannot replace {path}: it is not a regular file").format(path=shown))


def _exported(name: str) -> bool:
    return name == "datapackage.json" or name.endswith(".csv")


def summary(written: Written, *, locale: str = "ko_KR") -> list[str]:
    """What the command prints: a line for the whole, and a line per table with its rows and
    title. The paths are shown escaped: a file name must not drive the terminal."""
    total, count = sum(written.rows.values()), len(written.rows)
    if written.kind == "sqlite":
        what = _("{path}: SQLite database, {tables}, {rows}")
        tables = ngettext("{count} table", "{count} tables", count)
    elif written.kind == "xlsx":
        what = _("{path}: workbook, {tables}, {rows}")
        tables = ngettext("{count} sheet", "{count} sheets", count)
    else:
        what = _("{path}: {tables} and datapackage.json, {rows}")
        tables = ngettext("{count} CSV file", "{count} CSV files", count)
    total_rows = ngettext("{count:,} row", "{count:,} rows", total).format(count=total)
    lines = [what.format(path=escaped(written.paths[0]), tables=tables.format(count=count), rows=total_rows)]
    width = max(map(len, written.rows))
    for name, rows in written.rows.items():
        table = catalogue.table(name)
        lines.append(f"  {name:<{width}}  {rows:>6,}  {table.en if locale == 'en_US' else table.ko}")
    if written.kind == "sqlite":
        import shlex

        database, metadata = (escaped(shlex.quote(path)) for path in written.paths)
        lines.append(f"Datasette: datasette {database} -m {metadata}")
    return lines
