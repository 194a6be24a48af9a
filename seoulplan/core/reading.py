"""Reading input — the packaged plan, a path, standard input or an open stream — as text.

Every failure is a :class:`~seoulplan.errors.DataError` naming the file: missing, a
directory, unreadable, larger than the limit (refused from its size before it is read),
or not valid in its encoding (with the line of the first bad byte). A UTF-8 byte-order
mark, as Excel writes, is dropped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Union

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _, reason
from seoulplan.errors import DataError, Parameter

#: What can be read: None (the packaged plan), a path or ``-`` (standard input), or an
#: open file (binary or text).
Source = Union[None, str, "os.PathLike[str]", IO[bytes], IO[str]]

MIB = 1024 * 1024
#: A dataset file may be at most this many MiB (JSON; YAML has its own, lower limit), unless
#: SEOULPLAN_MAX_DATASET_MB says otherwise: within it, any input is read or refused in a
#: few seconds and a few hundred MB. Machine-made datasets of hundreds of thousands of KPIs
#: (the benchmarks' 1000× plan: 137 MB) need the variable, and take more of both.
DEFAULT_DATASET_MB = 32
MAX_DATASET_MB = 1024


def dataset_limit() -> int:
    """The largest dataset file, in bytes (``SEOULPLAN_MAX_DATASET_MB``, else 32 MiB)."""
    from seoulplan.core.numeric import NumberError, read_whole

    setting = os.environ.get("SEOULPLAN_MAX_DATASET_MB", "").strip()
    if not setting:
        return DEFAULT_DATASET_MB * MIB
    try:
        megabytes = read_whole(setting)
    except NumberError:
        megabytes = 0
    if not 1 <= megabytes <= MAX_DATASET_MB:
        from seoulplan.errors import UsageError

        raise UsageError(
            _("SEOULPLAN_MAX_DATASET_MB={setting!r}: expected a whole number of MiB from 1 to {limit}").format(
                setting=shortened(setting), limit=MAX_DATASET_MB
            )
        )
    return megabytes * MIB


def packaged_path() -> Path:
    """The dataset shipped with the package; in a source checkout, ``data/plan2020.yaml``."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data" / "plan2020.yaml", here.parent / "data" / "plan2020.yaml"):
        if candidate.is_file():
            return candidate
    raise DataError(
        _("the packaged dataset is missing (looked in {path}); reinstall seoulplan").format(path=here / "data")
    )


def source_name(source: Source) -> str:
    """How messages name ``source``."""
    if source is None:
        return str(packaged_path())
    if isinstance(source, (str, os.PathLike)):
        return "<stdin>" if str(source) == "-" else str(source)
    return str(getattr(source, "name", "<stream>"))


def read_text(source: Source, encoding: str = "utf-8-sig", limit: int | None = None) -> tuple[str, str]:
    """(text, name) of a dataset ``source``; refuses more than ``limit`` bytes (default: a
    dataset's, :func:`dataset_limit`) before decoding."""
    raw, name = read_bytes(source, limit)
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff"), name
    return decode(raw, name, encoding), name


def read_bytes(source: Source, limit: int | None = None) -> tuple[bytes | str, str]:
    """(content, name) of ``source`` as it is stored — bytes, or text for a stream opened as
    text; refuses more than ``limit`` bytes (default: a dataset's) before reading them all."""
    if isinstance(source, (str, os.PathLike)) and not str(source):
        raise DataError(_("no file given: the path is empty"))
    name = source_name(source)
    hint = " " + _("(SEOULPLAN_MAX_DATASET_MB=N raises it to N MiB)") if limit is None else ""
    limit = dataset_limit() if limit is None else limit
    if source is None:
        source = packaged_path()
    if isinstance(source, (str, os.PathLike)) and str(source) == "-":
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise DataError(_("<stdin>: standard input is closed; give a file instead of '-'"))
        source = getattr(stdin, "buffer", stdin)
    raw: bytes | str
    if isinstance(source, (str, os.PathLike)):
        raw = _read_file(Path(source), name, limit, hint)
    else:
        try:
            raw = source.read(limit + 1)
        except (OSError, ValueError) as e:
            raise DataError(_("{name}: cannot read: {reason}").format(name=name, reason=reason(e))) from None
    if len(raw) > limit:
        raise DataError(
            _("{name}: more than {limit:,} bytes; a file may be at most {limit:,} bytes").format(name=name, limit=limit)
            + hint
        )
    return raw, name


def _read_file(path: Path, name: str, limit: int, hint: str = "") -> bytes:
    try:
        if path.is_dir():
            raise DataError(_("{name}: is a directory, not a file").format(name=name))
        size = path.stat().st_size
        if size > limit:
            raise DataError(
                _("{name}: file is {size:,} bytes; a file may be at most {limit:,} bytes").format(
                    name=name, size=size, limit=limit
                )
                + hint
            )
        with path.open("rb") as f:
            return f.read(limit + 1)
    except FileNotFoundError:
        raise DataError(_("{name}: no such file").format(name=name)) from None
    except PermissionError:
        raise DataError(_("{name}: permission denied").format(name=name)) from None
    except OSError as e:
        raise DataError(_("{name}: cannot read: {reason}").format(name=name, reason=reason(e))) from None


def decode(raw: bytes, name: str, encoding: str, of: str = "") -> str:
    """Bytes to text; a byte not valid in ``encoding`` is a DataError naming its line and the
    parameter that chooses the encoding: ``encoding=`` of the dataset, or of what ``of``
    names (``actuals``)."""
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        if encoding.startswith("utf"):
            message = _(
                "{where}: byte {position} (0x{byte:02x}) is not valid {encoding}; save the file as UTF-8 "
                "or pass {choice} (files Korean Excel saved)"
            )
        else:
            message = _("{where}: byte {position} (0x{byte:02x}) is not valid {encoding}; save the file as UTF-8")
        raise DataError(
            message,
            where=f"{name}:{line}",
            position=e.start,
            byte=raw[e.start],
            encoding=encoding,
            choice=Parameter("encoding", of=of, value="cp949"),
        ) from None
    except LookupError:
        raise DataError(_("unknown input encoding {encoding!r}").format(encoding=encoding)) from None
