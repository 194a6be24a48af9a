"""Writing what a command printed: to standard output, or to ``-o FILE``.

- Standard output: a reader that goes away (``| head``) ends the output quietly.
- A regular file (new, or reached through a symlink) is written atomically: a temporary
  file beside it, renamed over it only once everything is written, so a failed or killed
  run leaves the old file, never half a new one. An existing file keeps its mode (and,
  for root, its owner); a new one gets the usual ``0666 & ~umask``. A symlink stays a
  symlink: its target is replaced.
- Anything else that exists — ``/dev/stdout``, a FIFO, a terminal, a device — is written
  straight into, since replacing it by a file would destroy it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterable

from seoulplan.errors import UsageError


def to_stdout(data: Iterable[bytes]) -> None:
    """Write the pieces of ``data`` to standard output as they come."""
    stream = sys.stdout.buffer
    try:
        for piece in data:
            stream.write(piece)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise SystemExit(0) from None


def stdout_is_terminal() -> bool:
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):  # replaced or closed (a test runner's capture)
        return False


def to_file(path: str, data: Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` as the module docstring says; a failure is a UsageError."""
    target = os.path.realpath(path)  # through symlinks, to what they point at
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"cannot write {path}: it is a directory")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(path, target, data)
    else:
        _replace(path, target, data, info)


def _write_into(path: str, target: str, data: Iterable[bytes]) -> None:
    try:
        with open(target, "wb") as f:
            f.writelines(data)
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None


def _replace(path: str, target: str, data: Iterable[bytes], info: os.stat_result | None) -> None:
    import tempfile  # 10 ms of imports that only -o needs

    directory = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".seoulplan-", suffix=".tmp", dir=directory)
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    previous = _remove_on_sigterm(tmp)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(data)
            if info is not None:
                os.fchmod(f.fileno(), stat.S_IMODE(info.st_mode))
                if os.geteuid() == 0 and (info.st_uid, info.st_gid) != (0, 0):
                    os.fchown(f.fileno(), info.st_uid, info.st_gid)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(f.fileno(), 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as e:
        _unlink(tmp)
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        _unlink(tmp)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _remove_on_sigterm(tmp: str):
    """While the temporary file exists, SIGTERM removes it before the process ends."""

    def terminate(signum, frame):
        _unlink(tmp)
        raise SystemExit(128 + signum)

    try:
        return signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: leave signals alone
        return None
