"""A cache of parsed, validated datasets, so that the plan is not parsed at every run.

PyYAML takes ~0.2 s to build the real plan; reading its validated form back from JSON
takes a few milliseconds. An entry is keyed by the SHA-256 of the dataset's exact text
together with a fingerprint of everything that decides whether a text is valid (the
JSON Schema, the modules that parse and validate, and the version), so an edited
dataset, or a changed validator, is parsed and validated afresh: a cache entry can never
vouch for a text, or under a rule, it was not made from.

Where it lives: ``<root>/seoulplan``, the root being the platform's user cache directory
as platformdirs gives it (:func:`user_cache_root`). The cache is used only when no other user can change what it
works on:

- the root is a directory owned by this user or by root, and either no one else may
  write it (neither group nor others have write permission) or it has the sticky bit
  (``/tmp``-like: then no one else may rename or remove our ``seoulplan`` in it). A root
  another user owns, or that a group or everyone may write without the sticky bit, means
  no cache: another user could swap ``seoulplan`` for a symlink to a directory of ours;
- ``seoulplan`` is a real directory (not a symlink) owned by this user; a mode open to
  others is tightened to 0700.

The directory is opened once (``O_DIRECTORY | O_NOFOLLOW``) and every entry is opened,
checked, written, renamed, listed and removed relative to that descriptor, never by its
path again: what is checked is what is used, whatever happens to the path meanwhile.
Where the platform has no directory descriptors (Windows), there is no cache.

An entry is used only when it is a regular file owned by this user, readable by no one
else, no larger than ``MAX_ENTRY_BYTES``, when its body still has the SHA-256 its header
records, and when its document has the shape the schema gives the top of a dataset and
its records (the sections, their types, the records' required fields; a check of a few
milliseconds, not the full validation); anything else is a miss (and is replaced).
Entries are files of mode 0600 named ``<key>.json``; the ``MAX_ENTRIES`` most recent are
kept, and eviction removes only files of that name. ``SEOULPLAN_CACHE=0`` turns the
cache off; a cache that cannot be used or written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from seoulplan.core import validation
from seoulplan.core.validation import SCHEMA

ENV_VAR = "SEOULPLAN_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_CACHED_CHARS = 32 * 1024 * 1024  # bigger datasets are not copied into the user's cache
MAX_ENTRIES = 8
FOLDER = "seoulplan"
#: The modules whose code decides what a valid dataset is: changing one changes every key.
VALIDATING_MODULES = ("numeric.py", "yamlsafe.py", "parsing.py", "validation.py", "relations.py")
ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
#: What working relative to a directory descriptor needs.
_HAS_DIRECTORY_DESCRIPTORS = (
    {os.open, os.stat, os.mkdir, os.unlink, os.rename} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "O_NOFOLLOW")
)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "1").strip().lower() not in ("0", "", "no", "off", "false")


def user_cache_root() -> Path | None:
    """The platform's user cache directory (platformdirs), or None when there is no safe one.

    platformdirs knows each platform's place: ``$XDG_CACHE_HOME`` when it is an absolute
    path (a relative one is ignored, as the XDG spec says), else ``~/.cache`` on Linux and
    other Unixes; ``~/Library/Caches`` on macOS. One decision is ours: without an absolute
    ``HOME`` (unset, empty or relative) and no absolute ``XDG_CACHE_HOME``, there is no
    cache, where platformdirs would fall back on the password database's home: a process
    started with its home taken away (a sandbox, a service) does not write into one.
    """
    if not os.path.isabs(os.environ.get("XDG_CACHE_HOME", "")) and not os.path.isabs(os.environ.get("HOME", "")):
        return None
    import platformdirs  # on a data command only, after pandas has imported what it needs

    try:
        return Path(platformdirs.user_cache_dir(ensure_exists=False))
    except RuntimeError:  # platformdirs found no absolute home after all
        return None


def _fingerprint() -> bytes:
    import hashlib
    from importlib import resources

    from seoulplan.version import __version__

    digest = hashlib.sha256(f"{SCHEMA}\0{__version__}\0".encode())
    digest.update(validation.schema_text())  # looked up at each call: the schema validate() uses
    package = resources.files("seoulplan.core")
    for name in VALIDATING_MODULES:
        try:
            digest.update(package.joinpath(name).read_bytes())
        except OSError:
            digest.update(f"{name} unreadable".encode())
    return digest.digest()


def key(text: str) -> str | None:
    """The cache key of a dataset's text, or None when it is not to be cached."""
    if not enabled() or len(text) > MAX_CACHED_CHARS:
        return None
    import hashlib

    digest = hashlib.sha256(_fingerprint())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _trusted_root(info: os.stat_result) -> bool:
    """Can no other user (but root) rename or replace what is in this directory?"""
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (os.geteuid(), 0):
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or bool(info.st_mode & stat.S_ISVTX)


@contextlib.contextmanager
def _opened(create: bool = False) -> Iterator[int | None]:
    """A descriptor of ``<root>/seoulplan`` (made if ``create``) when the rules of the module
    docstring hold, else None; closed on leaving."""
    fd = _open_folder(create) if _HAS_DIRECTORY_DESCRIPTORS else None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _open_folder(create: bool) -> int | None:
    root = user_cache_root()
    if root is None:
        return None
    try:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(root, 0o700)  # never parents: a missing home stays missing
        root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError:
        return None
    try:
        if not _trusted_root(os.fstat(root_fd)):
            return None
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(FOLDER, 0o700, dir_fd=root_fd)
        fd = os.open(FOLDER, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC, dir_fd=root_fd)
    except OSError:
        return None
    finally:
        os.close(root_fd)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
            if info.st_mode & 0o077:
                os.fchmod(fd, 0o700)
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def read(cache_key: str | None) -> dict | None:
    """The document cached under ``cache_key``, or None (missing, foreign, unsafe, corrupt
    or of the wrong shape)."""
    if cache_key is None:
        return None
    with _opened() as folder:
        if folder is None:
            return None
        raw = _read_entry(folder, f"{cache_key}.json")
    return None if raw is None else _unpack(raw, cache_key)


def _read_entry(folder: int, name: str) -> bytes | None:
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC
    try:
        fd = os.open(name, flags, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_mode & 0o077
            or info.st_size > MAX_ENTRY_BYTES
        ):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _unpack(raw: bytes, cache_key: str) -> dict | None:
    import hashlib

    header, _, body = raw.partition(b"\n")
    try:
        meta = json.loads(header)
        if not (
            isinstance(meta, dict)
            and meta.get("key") == cache_key
            and meta.get("sha256") == hashlib.sha256(body).hexdigest()
        ):
            return None
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) and doc.get("schema") == SCHEMA and validation.has_shape(doc) else None


def write(cache_key: str | None, doc: dict) -> None:
    """Keep ``doc`` under ``cache_key``; any failure only costs speed next time."""
    if cache_key is None:
        return
    import hashlib

    with _opened(create=True) as folder:
        if folder is None:
            return
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        header = json.dumps({"key": cache_key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
        tmp = f".entry-{os.urandom(8).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC
        try:
            fd = os.open(tmp, flags, 0o600, dir_fd=folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(header + b"\n" + body)
            os.replace(tmp, f"{cache_key}.json", src_dir_fd=folder, dst_dir_fd=folder)
            _evict(folder)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=folder)


def _evict(folder: int) -> None:
    """Keep the ``MAX_ENTRIES`` most recently written entries (files named as entries are;
    nothing else in the directory is touched)."""
    entries = []
    with os.scandir(folder) as listing:
        for item in listing:
            if not ENTRY_NAME.fullmatch(item.name):
                continue
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime, item.name))
    for _, name in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
