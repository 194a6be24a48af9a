"""The cache of parsed datasets (seoulplan.core.cache), seen through ``load()``.

What is written (one private entry per text, in a private directory, the most recent
``MAX_ENTRIES`` kept), when an entry is trusted (its own key, an intact body, a private
regular file of ours in a directory of ours) and when it is not (edited, garbage,
symlinks, FIFOs, devices, files or directories of another user, a changed validator),
where the cache lives (XDG, ``$HOME/.cache``, nowhere without a usable HOME), and that
``SEOULPLAN_CACHE=0`` turns it off. A forged entry, self-consistent but with another
population, shows which entries are read: it must never come back from an entry the
cache should not trust.
"""

import contextlib
import hashlib
import json
import os
import random
import stat
import sys
import time
from pathlib import Path

import pytest
from helpers import run

from seoulplan.core import cache, validation
from seoulplan.core.plan import load
from seoulplan.errors import DataError

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the cache follows XDG only on Linux and other Unixes"
)
root_only = pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() != 0, reason="only root can give a file to another user"
)

POPULATION = 10_011_000
POPULATION_LINE = f"value: {POPULATION}"
FORGED_POPULATION = 12_345_678
NOBODY = 65534


def with_population(text: str, population: int) -> str:
    assert text.count(POPULATION_LINE) == 1
    return text.replace(POPULATION_LINE, f"value: {population}")


def entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def only_entry(folder: Path) -> Path:
    (entry,) = entries(folder)
    return entry


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def snapshot(folder: Path) -> list[str] | None:
    return sorted(os.listdir(folder)) if folder.is_dir() else None


def pack(key: str, body: bytes) -> bytes:
    """An entry as the cache writes one: a header naming the key and the body's SHA-256, then the body."""
    return json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n" + body


def key_of(entry: bytes) -> str:
    return json.loads(entry.partition(b"\n")[0])["key"]


def forged(entry: bytes, population: int = FORGED_POPULATION, key: str | None = None) -> bytes:
    """A self-consistent entry for the same key (or ``key``) whose plan has another population."""
    doc = json.loads(entry.partition(b"\n")[2])
    next(item for item in doc["general"] if item["key"] == "population")["value"] = population
    return pack(key or key_of(entry), json.dumps(doc).encode())


def write_private(path: Path, data: bytes, mode: int = 0o600) -> Path:
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


def forbid_parsing(monkeypatch) -> None:
    """From now on a load succeeds only if it comes from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the dataset was parsed: its cache entry was not used")

    monkeypatch.setattr("seoulplan.core.plan.parse_document", refuse)


def release(fifo: Path) -> None:
    """Let a reader blocked on ``fifo`` (a hung seoulplan) see end of file."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """This test's own ``<user cache>/seoulplan`` (not made yet)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    return tmp_path / "cache" / "seoulplan"


@pytest.fixture
def dataset(tmp_path, plan_text) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text, encoding="utf-8")
    return path


@pytest.fixture
def entry(cache_dir, dataset) -> Path:
    """The entry of ``dataset``, once a load has written it."""
    load(dataset)
    return only_entry(cache_dir)


@pytest.fixture
def stricter_schema():
    """Call it to make the JSON Schema require a section no dataset has; undone afterwards."""

    def forget_compiled_schema():
        validation._schema.cache_clear()
        validation._validator.cache_clear()

    with pytest.MonkeyPatch.context() as patch:

        def apply():
            schema = json.loads(validation.schema_text())
            schema["required"].append("stricter")
            patch.setattr(validation, "schema_text", lambda: json.dumps(schema).encode())
            forget_compiled_schema()

        yield apply
    forget_compiled_schema()


# -- what is written and read back -------------------------------------------------


def test_first_load_writes_one_private_entry_and_the_next_load_reads_it(cache_dir, dataset, monkeypatch):
    assert load(dataset).population == POPULATION

    entry = only_entry(cache_dir)
    assert entry.name.endswith(".json") and len(entry.stem) == 64
    assert mode(cache_dir) == 0o700
    assert mode(entry) == 0o600

    forbid_parsing(monkeypatch)
    assert load(dataset).population == POPULATION
    assert entries(cache_dir) == [entry]


def test_edited_dataset_is_parsed_afresh_into_an_entry_of_its_own(cache_dir, dataset, plan_text):
    load(dataset)
    first = only_entry(cache_dir)
    dataset.write_text(with_population(plan_text, 10_011_001), encoding="utf-8")

    assert load(dataset).population == 10_011_001
    assert len(entries(cache_dir)) == 2
    assert first in entries(cache_dir)


def test_changed_validator_refuses_a_dataset_it_cached_under_the_old_rules(entry, dataset, stricter_schema):
    stricter_schema()
    with pytest.raises(DataError, match="stricter"):
        load(dataset)


def test_texts_of_equal_length_have_entries_of_their_own(cache_dir, tmp_path, plan_text, monkeypatch):
    populations = (10_012_000, 10_013_000)
    paths = [tmp_path / f"plan-{p}.yaml" for p in populations]
    for path, population in zip(paths, populations):
        path.write_text(with_population(plan_text, population), encoding="utf-8")
    assert len(paths[0].read_bytes()) == len(paths[1].read_bytes())

    for path in paths:
        load(path)
    assert len(entries(cache_dir)) == 2

    forbid_parsing(monkeypatch)
    assert [load(path).population for path in paths] == list(populations)


def test_eviction_keeps_the_most_recent_entries(cache_dir, tmp_path, plan_text, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    populations = (10_012_000, 10_013_000, 10_014_000)
    long_ago = time.time() - 1000
    written = {}
    for age, population in enumerate(populations):
        path = tmp_path / f"plan-{population}.yaml"
        path.write_text(with_population(plan_text, population), encoding="utf-8")
        before = set(entries(cache_dir))
        load(path)
        (new,) = set(entries(cache_dir)) - before
        os.utime(new, (long_ago + age, long_ago + age))
        written[population] = (path, new)

    assert set(entries(cache_dir)) == {written[p][1] for p in populations[1:]}
    forbid_parsing(monkeypatch)
    assert [load(written[p][0]).population for p in populations[1:]] == list(populations[1:])


# -- which entries are trusted ------------------------------------------------------


def test_self_consistent_entry_is_trusted(entry, dataset):
    """The forged entries below are ones the cache would serve, were they not unsafe."""
    entry.write_bytes(forged(entry.read_bytes()))
    assert load(dataset).population == FORGED_POPULATION


def test_entry_with_an_edited_body_is_ignored_and_rewritten(entry, dataset):
    original = entry.read_bytes()
    header, _, body = original.partition(b"\n")
    edited = body.replace(str(POPULATION).encode(), str(FORGED_POPULATION).encode(), 1)
    assert edited != body
    entry.write_bytes(header + b"\n" + edited)

    assert load(dataset).population == POPULATION
    assert entry.read_bytes() == original


GARBAGE = {
    "random bytes": lambda entry: random.Random(0).randbytes(4096),
    "empty": lambda entry: b"",
    "schema alone": lambda entry: b'{"schema": "seoulplan/1"}',
    "header of another key": lambda entry: forged(entry, key="0" * 64),
    "header without body": lambda entry: entry.partition(b"\n")[0] + b"\n",
    "truncated": lambda entry: entry[: len(entry) // 2],
    "body not a plan": lambda entry: pack(key_of(entry), b"[]"),
    "body of another schema": lambda entry: pack(key_of(entry), b'{"schema": "seoulplan/0"}'),
    "body nested too deep": lambda entry: pack(key_of(entry), b"[" * 100_000),
}


@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=GARBAGE.keys())
def test_garbage_entry_is_ignored_and_replaced(entry, dataset, garbage):
    original = entry.read_bytes()
    entry.write_bytes(garbage(original))

    assert load(dataset).population == POPULATION
    assert entry.read_bytes() == original


def test_entry_symlinked_to_a_forged_entry_is_ignored_and_the_target_left_alone(entry, dataset, tmp_path):
    forgery = forged(entry.read_bytes())
    target = write_private(tmp_path / "elsewhere.json", forgery)
    entry.unlink()
    entry.symlink_to(target)

    assert load(dataset).population == POPULATION
    assert not entry.is_symlink() and mode(entry) == 0o600
    assert target.read_bytes() == forgery


def test_entry_symlinked_to_dev_zero_is_ignored(entry, dataset):
    entry.unlink()
    entry.symlink_to("/dev/zero")

    assert load(dataset).population == POPULATION
    assert stat.S_ISREG(os.lstat(entry).st_mode)


def test_entry_that_is_a_directory_is_ignored(entry, dataset):
    entry.unlink()
    entry.mkdir()

    assert load(dataset).population == POPULATION


@pytest.mark.slow
def test_entry_that_is_a_fifo_does_not_hang_and_is_ignored(entry, dataset):
    entry.unlink()
    os.mkfifo(entry, 0o600)
    try:
        code, out, err, _, _ = run("--data", dataset, "general", "--format", "csv", timeout=10)
    finally:
        if stat.S_ISFIFO(os.lstat(entry).st_mode):
            release(entry)

    assert code == 0, err
    assert "Traceback" not in err
    assert f"population,인구,population,인구,Population,{POPULATION},".encode() in out
    assert stat.S_ISREG(os.lstat(entry).st_mode)


@pytest.mark.parametrize("open_mode", [0o644, 0o640, 0o604, 0o620], ids=oct)
def test_entry_open_to_others_is_ignored_and_replaced(entry, dataset, open_mode):
    write_private(entry, forged(entry.read_bytes()), open_mode)

    assert load(dataset).population == POPULATION
    assert mode(entry) == 0o600


@root_only
def test_entry_owned_by_another_user_is_ignored_and_replaced(entry, dataset):
    write_private(entry, forged(entry.read_bytes()))
    os.chown(entry, NOBODY, NOBODY)

    assert load(dataset).population == POPULATION
    assert os.lstat(entry).st_uid == os.geteuid()


# -- the cache directory ------------------------------------------------------------


def test_cache_directory_open_to_others_is_tightened_and_used(cache_dir, dataset, monkeypatch):
    cache_dir.mkdir(parents=True)
    os.chmod(cache_dir, 0o777)

    load(dataset)
    assert mode(cache_dir) == 0o700
    entry = only_entry(cache_dir)

    forbid_parsing(monkeypatch)
    assert load(dataset).population == POPULATION
    assert entries(cache_dir) == [entry]


@root_only
def test_cache_directory_of_another_user_is_neither_read_nor_written(entry, dataset):
    cache_dir = entry.parent
    entry.write_bytes(forged(entry.read_bytes()))
    os.chown(cache_dir, NOBODY, NOBODY)
    before = {path.name: path.read_bytes() for path in entries(cache_dir)}

    assert load(dataset).population == POPULATION
    dataset.write_text(with_population(dataset.read_text(encoding="utf-8"), 10_012_000), encoding="utf-8")
    assert load(dataset).population == 10_012_000

    assert {path.name: path.read_bytes() for path in entries(cache_dir)} == before
    assert os.lstat(cache_dir).st_uid == NOBODY


@root_only
def test_cache_root_of_another_user_that_anyone_may_write_is_not_used(cache_dir, dataset):
    root = cache_dir.parent
    root.mkdir()
    os.chmod(root, 0o777)
    os.chown(root, NOBODY, NOBODY)

    assert load(dataset).population == POPULATION
    assert snapshot(root) == []


# -- where the cache lives ----------------------------------------------------------


def test_relative_xdg_cache_home_is_ignored_for_home_cache(tmp_path, dataset, monkeypatch):
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.delenv(cache.ENV_VAR, raising=False)

    assert load(dataset).population == POPULATION
    assert snapshot(cwd) == []
    assert only_entry(home / ".cache" / "seoulplan")


@pytest.mark.parametrize("home", ["", None, "home"], ids=["empty", "unset", "relative"])
def test_no_usable_home_caches_nothing_anywhere(tmp_path, dataset, monkeypatch, home):
    cwd = tmp_path / "cwd"
    (cwd / "home").mkdir(parents=True)
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    slash_cache = Path("/.cache") / "seoulplan"
    before = snapshot(slash_cache)

    assert load(dataset).population == POPULATION
    assert load(dataset).population == POPULATION
    assert snapshot(slash_cache) == before
    assert snapshot(cwd) == ["home"] and snapshot(cwd / "home") == []


def test_missing_home_is_not_created(tmp_path, dataset, monkeypatch):
    home = tmp_path / "missing"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv(cache.ENV_VAR, raising=False)

    assert load(dataset).population == POPULATION
    assert not home.exists()


def test_xdg_cache_home_in_a_missing_directory_is_not_created(tmp_path, dataset, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "missing" / "cache"))
    monkeypatch.delenv(cache.ENV_VAR, raising=False)

    assert load(dataset).population == POPULATION
    assert not (tmp_path / "missing").exists()


def test_seoulplan_cache_0_neither_writes_nor_reads(cache_dir, dataset, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "0")
    load(dataset)
    assert entries(cache_dir) == []

    monkeypatch.delenv(cache.ENV_VAR)
    load(dataset)
    entry = only_entry(cache_dir)
    entry.write_bytes(forged(entry.read_bytes()))

    monkeypatch.setenv(cache.ENV_VAR, "0")
    assert load(dataset).population == POPULATION
