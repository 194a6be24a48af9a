"""The cache of parsed datasets (seoulplan.core.cache), seen through ``load()``.

What is written (one private entry per text, in a private directory, the most recent
``MAX_ENTRIES`` kept), when an entry is trusted (its own key, an intact body, a private
regular file of ours in a directory of ours) and when it is not (edited, garbage,
symlinks, FIFOs, devices, files or directories of another user, a changed validator),
where the cache lives (platformdirs' XDG, ``$HOME/.cache``, nowhere without a usable HOME; never under
a root another user may write), and that ``SEOULPLAN_CACHE=0`` turns it off. A directory
swapped for a symlink while the cache works in it, by this user or (the race of issue 21)
by another, never lets eviction remove a file outside the cache. A forged entry, self-consistent but with another
population, shows which entries are read: it must never come back from an entry the
cache should not trust.
"""

import contextlib
import hashlib
import json
import os
import pwd
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from helpers import bounded, patience, run

from seoulplan.core import cache, validation
from seoulplan.core.parsing import parse_document
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


@pytest.mark.slow
@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=GARBAGE.keys())
def test_garbage_entry_is_ignored_and_replaced(entry, dataset, garbage):
    original = entry.read_bytes()
    entry.write_bytes(garbage(original))

    assert load(dataset).population == POPULATION
    assert entry.read_bytes() == original


def without(doc: dict, path: tuple) -> dict:
    """``doc`` with the key at ``path`` removed."""
    *parents, last = path
    node = doc
    for part in parents:
        node = node[part]
    del node[last]
    return doc


def replaced(doc: dict, path: tuple, value) -> dict:
    """``doc`` with the value at ``path`` replaced by ``value``."""
    *parents, last = path
    node = doc
    for part in parents:
        node = node[part]
    node[last] = value
    return doc


#: Entries a checksum vouches for (written by this user) whose document the code cannot use.
MISSHAPEN = {
    "no plan": lambda doc: without(doc, ("plan",)),
    "plan not a mapping": lambda doc: replaced(doc, ("plan",), "seoulplan"),
    "kpis a mapping": lambda doc: replaced(doc, ("kpis",), {}),
    "a KPI not a mapping": lambda doc: replaced(doc, ("kpis", 0), "future.job-cafes"),
    "a KPI without its unit": lambda doc: without(doc, ("kpis", 0, "unit")),
    "a target that is a number": lambda doc: replaced(doc, ("kpis", 0, "target"), 5),
    "a budget without bases": lambda doc: without(doc, ("budget", "bases")),
    "a general item's value a string": lambda doc: replaced(doc, ("general", 0, "value"), "many"),
}


@pytest.mark.slow
@pytest.mark.parametrize("misshapen", MISSHAPEN.values(), ids=MISSHAPEN.keys())
def test_entry_of_the_wrong_shape_is_a_miss_not_an_internal_error(entry, dataset, misshapen):
    original = entry.read_bytes()
    doc = misshapen(json.loads(original.partition(b"\n")[2]))
    entry.write_bytes(pack(key_of(original), json.dumps(doc).encode()))

    bounded(run("--data", dataset, "audit", "--format", "csv"), 0)
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
        code, out, err, _, _ = run("--data", dataset, "general", "--format", "csv", timeout=patience(10))
    finally:
        if stat.S_ISFIFO(os.lstat(entry).st_mode):
            release(entry)

    assert code == 0, err
    assert "Traceback" not in err
    assert f"population,인구,Population,population,인구,Population,{POPULATION},".encode() in out
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


@pytest.mark.parametrize("root_mode", [0o777, 0o770, 0o722, 0o707], ids=oct)
def test_cache_root_of_ours_that_others_may_write_is_not_used(cache_dir, dataset, root_mode):
    """Without the sticky bit, anyone who may write the root may rename our directory and
    put a symlink in its place."""
    root = cache_dir.parent
    root.mkdir()
    os.chmod(root, root_mode)

    assert load(dataset).population == POPULATION
    assert snapshot(root) == []


def test_cache_root_with_the_sticky_bit_is_used(cache_dir, dataset, monkeypatch):
    """/tmp-like: others may write it, but none may rename or remove what is ours in it."""
    root = cache_dir.parent
    root.mkdir()
    os.chmod(root, 0o1777)

    load(dataset)
    entry = only_entry(cache_dir)
    forbid_parsing(monkeypatch)
    assert load(dataset).population == POPULATION
    assert entries(cache_dir) == [entry]


@root_only
def test_cache_root_of_another_user_is_not_used_even_closed_to_others(cache_dir, dataset):
    root = cache_dir.parent
    root.mkdir()
    os.chmod(root, 0o755)
    os.chown(root, NOBODY, NOBODY)

    assert load(dataset).population == POPULATION
    assert snapshot(root) == []


def test_cache_root_that_is_a_symlink_to_a_directory_of_ours_is_used(tmp_path, dataset, monkeypatch):
    """~/.cache is often a link to a bigger disk: the root is followed; only the cache's
    own directory must not be a link."""
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    (tmp_path / "cache").symlink_to(real)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_VAR, raising=False)

    load(dataset)
    assert only_entry(real / "seoulplan")


def test_cache_directory_that_is_a_symlink_is_not_followed(cache_dir, dataset, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir(mode=0o700)
    cache_dir.parent.mkdir()
    cache_dir.symlink_to(victim)

    assert load(dataset).population == POPULATION
    assert snapshot(victim) == []
    assert cache_dir.is_symlink()


def victim_records(folder: Path, count: int = 20) -> dict[str, bytes]:
    """``count`` files of someone's, named like cache entries and older than any of them."""
    folder.mkdir(mode=0o755, exist_ok=True)
    long_ago = time.time() - 86_400
    records = {}
    for n in range(count):
        name = hashlib.sha256(f"record {n}".encode()).hexdigest() + ".json"
        (folder / name).write_text(f'{{"record": {n}}}')
        os.utime(folder / name, (long_ago + n, long_ago + n))
        records[name] = (folder / name).read_bytes()
    return records


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_directory_swapped_for_a_symlink_before_eviction_changes_nothing_outside(
    cache_dir, dataset, tmp_path, plan_text, monkeypatch
):
    """The cache works through the directory it opened: a swap of its path after that
    (here, just before eviction) leaves the symlink's target alone."""
    load(dataset)
    victim = tmp_path / "victim"
    records = victim_records(victim)
    parked = cache_dir.with_name("parked")
    evict = cache._evict

    def swap_then_evict(folder):
        cache_dir.rename(parked)
        cache_dir.symlink_to(victim)
        evict(folder)

    monkeypatch.setattr(cache, "_evict", swap_then_evict)
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    dataset.write_text(with_population(plan_text, 10_012_000), encoding="utf-8")
    assert load(dataset).population == 10_012_000

    assert contents(victim) == records
    assert len(entries(parked)) == 1


#: The other user: renames our cache directory away and puts a symlink to the victim's
#: directory in its place, and back, over and over (2 ms each way: long enough for an
#: eviction to run inside, short enough to land between a check and an eviction).
SWAPPER = """
import os, sys, time
os.chdir(sys.argv[1])
os.symlink(sys.argv[2], "link")
while True:
    try:
        os.rename("seoulplan", "parked")
    except OSError:
        time.sleep(0.001)
        continue
    try:
        os.rename("link", "seoulplan")
        time.sleep(0.002)
        os.rename("seoulplan", "link")
    except OSError:
        pass
    try:
        os.rename("parked", "seoulplan")
    except OSError:
        pass
    time.sleep(0.002)
"""


def interpreter_for_others() -> str | None:
    """A Python another user may run (this one may live in a private home)."""
    for candidate in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if not candidate:
            continue
        path = Path(candidate).resolve()
        if path.is_file() and all(os.stat(p).st_mode & 0o001 for p in (path, *path.parents)):
            return str(path)
    return None


@pytest.fixture
def arena():
    """A directory another user can reach (pytest's tmp_path is private to us)."""
    path = Path(tempfile.mkdtemp(prefix="seoulplan-race-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path)


@root_only
@pytest.mark.slow
def test_another_user_swapping_the_cache_directory_destroys_nothing(arena, plan_text):
    """Issue 21: with a cache root everyone may write, another user swaps ``seoulplan`` for
    a symlink to a directory of ours between the cache's checks and its eviction; before
    the fix, an eviction that fell in the window deleted 12 or 13 of these 20 files, in
    one of the first four runs. (A group-writable root is refused by the same rule:
    ``test_cache_root_of_ours_that_others_may_write_is_not_used``.)"""
    python = interpreter_for_others()
    if python is None:
        pytest.skip("no Python that another user may run")
    nobody = pwd.getpwuid(NOBODY)
    root, victim = arena / "cache", arena / "victim"
    root.mkdir()
    os.chmod(root, 0o777)
    records = victim_records(victim)
    plan_json = json.dumps(parse_document(plan_text, "plan")[0])  # JSON: each run parses in milliseconds

    def become_nobody():
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    swapper = subprocess.Popen([python, "-c", SWAPPER, str(root), str(victim)], preexec_fn=become_nobody)
    try:
        for attempt in range(12):  # each run writes an entry and evicts: a new text each time
            data = arena / f"plan-{attempt}.json"
            data.write_text(plan_json + " " * attempt, encoding="utf-8")
            bounded(run("--data", data, "general", "--format", "csv", env={"XDG_CACHE_HOME": str(root)}), 0)
            lost = set(records) - set(contents(victim))
            assert not lost, f"run {attempt}: {len(lost)} of {len(records)} files lost"
            assert contents(victim) == records
        assert swapper.poll() is None, "the swapping user stopped"
    finally:
        swapper.kill()
        swapper.wait()


# -- where the cache lives ----------------------------------------------------------


def test_the_cache_root_is_the_one_platformdirs_gives(tmp_path, dataset, monkeypatch):
    import platformdirs

    elsewhere = tmp_path / "platform-cache"
    elsewhere.mkdir()
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda **_: str(elsewhere))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.ENV_VAR, raising=False)

    assert load(dataset).population == POPULATION
    assert only_entry(elsewhere / "seoulplan") and not (tmp_path / "xdg").exists()


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
