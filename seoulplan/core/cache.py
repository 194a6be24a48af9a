"""A cache of parsed, validated datasets, so that the plan is not parsed at every run.

PyYAML takes ~0.2 s to build the real plan; reading its validated form back from JSON
takes a few milliseconds. An entry is keyed by the SHA-256 of the dataset's exact text
together with a fingerprint of everything that decides whether a text is valid (the
JSON Schema, the modules that parse and validate, and the version), so an edited
dataset, or a changed validator, is parsed and validated afresh: a cache entry can never
vouch for a text, or under a rule, it was not made from.

An entry is used only when it is a regular file owned by this user, readable by no one
else, no larger than ``MAX_ENTRY_BYTES``, in a directory owned by this user that no one
else may write, and when its body still has the SHA-256 its header records; anything
else is ignored (and replaced). Entries are files of mode 0600 in a 0700 directory
under the platform's user cache directory; the ``MAX_ENTRIES`` most recent are kept.
``SEOULPLAN_CACHE=0`` turns the cache off; a cache that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from pathlib import Path

from seoulplan.core import validation
from seoulplan.core.validation import SCHEMA

ENV_VAR = "SEOULPLAN_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_CACHED_CHARS = 32 * 1024 * 1024  # bigger datasets are not copied into the user's cache
MAX_ENTRIES = 8
#: The modules whose code decides what a valid dataset is: changing one changes every key.
VALIDATING_MODULES = ("numeric.py", "yamlsafe.py", "parsing.py", "validation.py", "relations.py")


def enabled() -> bool:
    return os.environ.get(ENV_VAR, "1").strip().lower() not in ("0", "", "no", "off", "false")


def user_cache_root() -> Path | None:
    """The platform's user cache directory, or None when there is no safe one.

    XDG on Linux and other Unixes: ``$XDG_CACHE_HOME`` when it is an absolute path (the
    XDG spec says to ignore a relative one), else ``$HOME/.cache``; an empty, relative or
    missing ``HOME`` means no cache (never ``/.cache``, never a created home).
    """
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        return Path(local) if local and os.path.isabs(local) else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg) and sys.platform != "darwin":
        return Path(xdg)
    home = os.environ.get("HOME", "")
    if not home or not os.path.isabs(home) or not os.path.isdir(home):
        return None
    return Path(home) / ("Library/Caches" if sys.platform == "darwin" else ".cache")


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


def _own_private_directory(path: Path, create: bool) -> bool:
    """Is ``path`` (made if ``create``) a real directory of ours that no one else can write?"""
    try:
        if create:
            path.mkdir(mode=0o700, exist_ok=True)  # never parents: a missing root stays missing
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
        return False
    if info.st_mode & 0o077:
        try:
            os.chmod(path, 0o700)
        except OSError:
            return False
    return True


def directory(create: bool = False) -> Path | None:
    """``<user cache>/seoulplan``, when it is (or, with ``create``, can be made) safe to use."""
    root = user_cache_root()
    if root is None:
        return None
    try:
        root_info = os.stat(root) if root.exists() else None
    except OSError:
        return None
    if root_info is None:
        if not create or not _own_private_directory(root, create=True):
            return None
    elif not stat.S_ISDIR(root_info.st_mode) or (
        root_info.st_uid != os.geteuid() and root_info.st_mode & 0o002 and not root_info.st_mode & stat.S_ISVTX
    ):
        return None  # a root others may write (without the sticky bit) could swap our directory
    path = root / "seoulplan"
    return path if _own_private_directory(path, create) else None


def read(cache_key: str | None) -> dict | None:
    """The document cached under ``cache_key``, or None (missing, foreign, unsafe or corrupt)."""
    if cache_key is None:
        return None
    folder = directory()
    if folder is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(folder / f"{cache_key}.json", flags)
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
            raw = f.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return _unpack(raw, cache_key)


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
    return doc if isinstance(doc, dict) and doc.get("schema") == SCHEMA else None


def write(cache_key: str | None, doc: dict) -> None:
    """Keep ``doc`` under ``cache_key``; any failure only costs speed next time."""
    if cache_key is None:
        return
    import hashlib
    import tempfile

    folder = directory(create=True)
    if folder is None:
        return
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    header = json.dumps({"key": cache_key, "sha256": hashlib.sha256(body).hexdigest()}).encode()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")  # mode 0600
        with os.fdopen(fd, "wb") as f:
            f.write(header + b"\n" + body)
        os.replace(tmp, folder / f"{cache_key}.json")
        tmp = None
        _evict(folder)
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _evict(folder: Path) -> None:
    """Keep the ``MAX_ENTRIES`` most recently written entries."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            entries.append((path.lstat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            path.unlink()
