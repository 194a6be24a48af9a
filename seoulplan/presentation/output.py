"""Writing what a command printed: to standard output, or to ``-o FILE``.

- Standard output (:func:`guard_stdout`, installed by the console script): a reader that
  goes away (``| head``) ends the output quietly, and the command still finishes with its
  own exit status (``audit --strict | head`` exits 1); a write that fails otherwise (a
  full disk, ``> /dev/full``, a closed descriptor) is an :class:`OutputError`, exit 74.
- A regular file (new, or reached through a symlink) is written atomically: a temporary
  file beside it, renamed over it only once everything is written, so a failed or killed
  run leaves the old file, never half a new one. An existing file keeps its mode (and,
  for root, its owner); a new one gets the usual ``0666 & ~umask``. A symlink stays a
  symlink: its target is replaced. A path that names a directory — an existing one, or one
  ending in ``/`` — and an empty path are usage errors.
- Anything else that exists — ``/dev/stdout``, a FIFO, a terminal, a device — is written
  straight into, since replacing it by a file would destroy it.
- ``export`` builds its files or directory in temporary siblings (:func:`staged`) and moves
  them into place together (:func:`move_into_place`).
- While a temporary exists, a signal that would end the process (:data:`ENDING_SIGNALS`:
  SIGTERM, SIGHUP, SIGALRM, SIGUSR1…) removes it first and ends the run with 128 + the
  signal's number, as SIGTERM always did; Ctrl-C (SIGINT) removes it on its way to exit 130.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from types import FrameType
from typing import Any

from seoulplan.core.i18n import _, reason
from seoulplan.errors import OutputError, UsageError


class _StandardOutput(io.RawIOBase):
    """File descriptor 1, for the text and bytes every command writes (Click's too).

    A closed pipe is remembered, and what is written after it is dropped; any other
    failure is an OutputError naming the reason. Below Python's buffers, so that no
    write, and no flush at exit, raises past it."""

    def __init__(self, is_closed: bool):
        super().__init__()
        self.is_closed = is_closed
        self.reader_gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return not self.is_closed and os.isatty(1)

    def write(self, data: bytes) -> int:  # type: ignore[override]  # only bytes reach it
        if self.reader_gone:
            return len(data)
        if self.is_closed:
            self.reader_gone = True  # said once; the flush at exit must not say it again
            raise OutputError(_("cannot write to standard output: it is closed"))
        try:
            return os.write(1, data)
        except BrokenPipeError:
            self.reader_gone = True
            return len(data)
        except OSError as e:
            self.reader_gone = True
            raise OutputError(_("cannot write to standard output: {reason}").format(reason=reason(e))) from None


def guard_stdout() -> None:
    """Route standard output through :class:`_StandardOutput`. A closed descriptor 1 is
    first taken by /dev/null, so that no file the command opens can become "standard
    output" by getting its number."""
    closed = _closed(1)
    if closed:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != 1:
            os.dup2(devnull, 1)
            os.close(devnull)
    previous = sys.stdout
    raw = _StandardOutput(closed)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=getattr(previous, "encoding", None) or "utf-8",
        errors=getattr(previous, "errors", None) or "strict",
        line_buffering=raw.isatty(),
    )


def reader_gone() -> bool:
    """Whether standard output's reader went away (nothing more needs rendering)."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    return isinstance(raw, _StandardOutput) and raw.reader_gone


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def to_stdout(data: Iterable[bytes]) -> None:
    """Write the pieces of ``data`` to standard output as they come; stop rendering once
    the reader has gone."""
    stream = sys.stdout.buffer
    for piece in data:
        stream.write(piece)
        if reader_gone():
            break
    stream.flush()


def stdout_is_terminal() -> bool:
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):  # replaced or closed (a test runner's capture)
        return False


_SEPARATORS = tuple({"/", os.sep, os.altsep or "/"})


def _cannot_write(path: str, error: OSError) -> str:
    return _("cannot write {path}: {reason}").format(path=path, reason=reason(error))


def check_file_path(path: str) -> os.stat_result | None:
    """Refuse, as a UsageError, a ``-o`` path that cannot name a file — an empty one, one
    ending in ``/``, a directory — before a command does its work; what is there (None: nothing)."""
    if not path:
        raise UsageError(_("cannot write to an empty path; name a file"))
    if path.endswith(_SEPARATORS):
        raise UsageError(
            _("cannot write {path}: a path ending in {separator} names a directory; name a file").format(
                path=path, separator=path[-1]
            )
        )
    try:
        info = os.stat(os.path.realpath(path))
    except FileNotFoundError:
        return None
    except OSError as e:
        raise UsageError(_cannot_write(path, e)) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(_("cannot write {path}: it is a directory").format(path=path))
    return info


def to_file(path: str, data: Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` as the module docstring says; a failure is a UsageError."""
    info = check_file_path(path)
    target = os.path.realpath(path)  # through symlinks, to what they point at
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(path, target, data)
    else:
        _replace(path, target, data, info)


def _write_into(path: str, target: str, data: Iterable[bytes]) -> None:
    try:
        with open(target, "wb") as f:
            f.writelines(data)
    except OSError as e:
        raise UsageError(_cannot_write(path, e)) from None


def _replace(path: str, target: str, data: Iterable[bytes], info: os.stat_result | None) -> None:
    import tempfile  # 10 ms of imports that only -o needs

    directory = os.path.dirname(target) or "."
    temps: list[str] = []
    with unwinding_on_signals():
        try:
            with signals_held():  # a temporary that exists is one we know of
                fd, tmp = tempfile.mkstemp(prefix=".seoulplan-", suffix=".tmp", dir=directory)
                temps.append(tmp)
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
            temps.clear()
        except OSError as e:
            raise UsageError(_cannot_write(path, e)) from None
        finally:
            with signals_held():
                for tmp in temps:
                    _unlink(tmp)


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# -- several files or a directory, moved into place together (export) ---------------------------


@contextlib.contextmanager
def staged(targets: Sequence[str], *, directories: Sequence[bool]) -> Iterator[list[str]]:
    """Temporary siblings of ``targets`` to build into — a directory where ``directories``
    says so, else an empty file — and, on the way out, whatever is left of them removed:
    after :func:`move_into_place` nothing; after an error, an exception or an ending signal, all
    of it."""
    import tempfile

    temps: list[str] = []
    with unwinding_on_signals():
        try:
            for target, directory in zip(targets, directories):
                folder = os.path.dirname(target) or "."
                try:
                    with signals_held():  # a temporary that exists is one we know of
                        if directory:
                            temps.append(tempfile.mkdtemp(prefix=".seoulplan-", suffix=".tmp", dir=folder))
                        else:
                            fd, tmp = tempfile.mkstemp(prefix=".seoulplan-", suffix=".tmp", dir=folder)
                            os.close(fd)
                            temps.append(tmp)
                except OSError as e:
                    raise UsageError(_cannot_write(target, e)) from None
            yield temps
        finally:
            with signals_held():
                for tmp in temps:
                    _remove(tmp)


def move_into_place(temps: Sequence[str], targets: Sequence[str], *, replace: bool) -> None:
    """Rename each temporary over its target, in order, with the ending signals and SIGINT
    held back until the last is moved, so that a signal never leaves some of them in place.
    A target that exists keeps its permissions and, for root, its owner (a directory's owner
    gets the files in it too), as ``-o`` keeps a file's. A directory that exists is moved
    aside, replaced, then removed. Without ``replace`` a target that appeared meanwhile is
    an error, and nothing is moved. A rename that fails (within one directory, only a
    permission changed meanwhile or a damaged file system) is a UsageError, and leaves the
    targets before it moved: give the one that matters most last."""
    with signals_held():
        if not replace:
            present = [t for t in targets if os.path.lexists(t)]
            if present:
                raise UsageError(
                    _("{path} appeared while seoulplan was writing it; nothing was replaced").format(path=present[0])
                )
        moved: list[tuple[str, str]] = []
        try:
            for tmp, target in zip(temps, targets):
                directory = os.path.isdir(tmp)
                os.chmod(tmp, _mode_for(target, directory=directory))
                _keep_owner(tmp, target, directory=directory)
                if directory and os.path.isdir(target):
                    _swap_directory(tmp, target)
                else:
                    os.replace(tmp, target)
                moved.append((tmp, target))
        except OSError as e:
            raise UsageError(_cannot_write(targets[len(moved)], e)) from None


def _swap_directory(tmp: str, target: str) -> None:
    aside = tmp + ".old"
    os.rename(target, aside)
    try:
        os.rename(tmp, target)
    except OSError:
        os.rename(aside, target)
        raise
    _remove(aside)


def _mode_for(target: str, *, directory: bool) -> int:
    """An existing target's permissions, or what a new one gets (``0666 & ~umask``; a
    directory ``0777 & ~umask``)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return (0o777 if directory else 0o666) & ~umask


def _keep_owner(tmp: str, target: str, *, directory: bool) -> None:
    """For root, give ``tmp`` (and a directory's files) the owner of the ``target`` it
    replaces; anyone else cannot, and makes only what they own."""
    if os.geteuid() != 0:
        return
    try:
        info = os.stat(target)
    except OSError:
        return
    if (info.st_uid, info.st_gid) == (0, 0):
        return
    os.chown(tmp, info.st_uid, info.st_gid)
    if directory:
        for entry in os.scandir(tmp):
            os.chown(entry.path, info.st_uid, info.st_gid, follow_symlinks=False)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and the ending signals wait inside, and are delivered on the way out: what runs
    here runs whole. Held by Python handlers that note them, not by blocking them in the OS:
    a signal that arrived just before is only run by Python at its next instruction, which
    may be in here, and is then noted too."""
    pending: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    previous = _install(dict.fromkeys((signal.SIGINT, *ENDING_SIGNALS), note))
    try:
        yield
    finally:
        _install(previous)
        for signum in dict.fromkeys(pending):
            signal.raise_signal(signum)  # now, to the handler it had


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    else:
        _unlink(path)


#: The signals whose default action ends the process, and that a person or a program sends
#: to end one (a closed terminal, a timeout, a job control system, a CPU limit). SIGINT is
#: Python's KeyboardInterrupt, which unwinds through the same ``finally`` blocks; SIGPIPE
#: and SIGXFSZ Python ignores (a write fails instead); SIGKILL cannot be caught.
ENDING_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGALRM", "SIGUSR1", "SIGUSR2", "SIGXCPU", "SIGVTALRM", "SIGPROF")
    if hasattr(signal, name)
)


@contextlib.contextmanager
def unwinding_on_signals() -> Iterator[None]:
    """Inside, each of :data:`ENDING_SIGNALS` ends the run with 128 + its number (what a shell
    reports for a process the signal ended) by raising SystemExit where the program is, so
    that every ``finally`` on the way out runs: the temporaries being written are removed, a
    library's files closed. The signals stay blocked from then on, so that a second one
    cannot cut that short. Off the main thread it changes nothing."""

    ending = False

    def end(signum: int, frame: FrameType | None) -> None:
        nonlocal ending
        if ending:  # one that arrived before the others were blocked
            return
        ending = True
        with contextlib.suppress(AttributeError, ValueError, OSError):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, *ENDING_SIGNALS})
        raise SystemExit(128 + signum)

    previous = _install(dict.fromkeys(ENDING_SIGNALS, end))
    try:
        yield
    finally:
        _install(previous)


def _install(handlers: dict[int, Any]) -> dict[int, Any]:
    """Each signal's new handler (given what it returned: the old ones back); the handlers
    it replaced. Off the main thread, and for a signal whose handler is not Python's (an
    embedding program's), it changes nothing."""
    replaced = {}
    try:
        for signum, new in handlers.items():
            if signal.getsignal(signum) is not None:
                replaced[signum] = signal.signal(signum, new)
    except ValueError:  # not the main thread
        pass
    return replaced
