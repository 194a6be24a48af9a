"""``seoulplan export``: a real SQLite file, a Data Package that frictionless validates, a
workbook read back with openpyxl, and the result appearing whole or not at all."""

import asyncio
import csv
import io
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import dataset_records, seoulplan

import seoulplan as library
from seoulplan.cli import cli
from seoulplan.presentation import catalogue
from seoulplan.presentation.raw import flat_values

LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
TABLES = [
    "budget",
    "finance",
    "general",
    "covid",
    "pillars",
    "strategies",
    "kpis",
    "milestones",
    "parts",
    "deliverables",
    "audit",
]
MEASURED = [*TABLES, "observations", "status"]


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def plan():
    return library.load()


@pytest.fixture(scope="module")
def frames(plan):
    return plan.tables(LEDGER)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One export of each kind, with the worked ledger: {kind: path}."""
    folder = tmp_path_factory.mktemp("export")
    paths = {"sqlite": folder / "plan.sqlite", "directory": folder / "plan", "xlsx": folder / "plan.xlsx"}
    for path in paths.values():
        result = invoke("export", path, "--actuals", LEDGER)
        assert result.exit_code == 0, result.stderr
    return paths


@pytest.fixture(scope="module")
def db(exported):
    connection = sqlite3.connect(exported["sqlite"])
    yield connection
    connection.close()


def cli_csv(*args) -> str:
    result = invoke(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return result.stdout


# -- SQLite --------------------------------------------------------------------------------------


def test_sqlite_has_every_table_with_the_librarys_columns_and_types(db, frames):
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert names == [*MEASURED, "_about", "_tables", "_columns"]
    expected_type = {"Int64": "INTEGER", "Float64": "REAL", "string": "TEXT", "boolean": "INTEGER", "object": "TEXT"}
    for name, frame in frames.items():
        info = db.execute(f"PRAGMA table_info({name})").fetchall()
        assert [c[1] for c in info] == list(frame.columns), name
        assert [c[2] for c in info] == [expected_type[str(frame[c].dtype)] for c in frame.columns], name
    budget = {c[1]: c[2] for c in db.execute("PRAGMA table_info(budget)")}
    assert (budget["basis"], budget["amount_eok"], budget["share_pct"]) == ("TEXT", "INTEGER", "REAL")


def test_sqlite_primary_keys_foreign_keys_and_indexes(db):
    def primary_key(table):
        return [c[1] for c in sorted(db.execute(f"PRAGMA table_info({table})"), key=lambda c: c[5]) if c[5]]

    assert {t: primary_key(t) for t in MEASURED} == {
        "budget": ["basis", "account"], "finance": ["item"], "general": ["item"], "covid": ["measure"],
        "pillars": ["pillar"], "strategies": ["pillar", "strategy"], "kpis": ["id"],
        "milestones": ["id", "role", "year"], "parts": ["id", "part"], "deliverables": ["id"], "audit": ["check_id"],
        "observations": ["id", "as_of"], "status": ["id"],
    }  # fmt: skip

    def foreign_keys(table):
        rows = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()  # id, seq, table, from, to, …
        keys: dict[int, tuple] = {}
        for key_id, _, parent, column, to, *_ in rows:
            _, columns, refs = keys.get(key_id, (parent, (), ()))
            keys[key_id] = (parent, (*columns, column), (*refs, to))
        return sorted(keys.values())

    assert foreign_keys("kpis") == [
        ("kpis", ("part_of",), ("id",)),
        ("kpis", ("same_as",), ("id",)),
        ("pillars", ("pillar",), ("pillar",)),
        ("strategies", ("pillar", "strategy"), ("pillar", "strategy")),
    ]
    assert foreign_keys("strategies") == [("pillars", ("pillar",), ("pillar",))]
    assert foreign_keys("general") == [("general", ("of",), ("item",))]
    for table in ("milestones", "parts", "observations", "status"):
        assert foreign_keys(table) == [("kpis", ("id",), ("id",))], table
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    def indexed(table):
        return {
            tuple(c[2] for c in db.execute(f"PRAGMA index_info({index[1]})"))
            for index in db.execute(f"PRAGMA index_list({table})")
        }

    assert {("id",), ("pillar",), ("pillar", "strategy"), ("same_as",), ("part_of",)} <= indexed("kpis")
    assert ("of",) in indexed("general") and ("pillar", "strategy") in indexed("strategies")
    assert ("id", "role", "year") in indexed("milestones")  # its key's index serves the join to kpis


def test_sqlite_utils_reads_the_keys_as_declared(exported):
    import sqlite_utils

    kpis = sqlite_utils.Database(exported["sqlite"]).table("kpis")
    keys = {(k.columns, k.other_table, k.other_columns) for k in kpis.foreign_keys}
    assert keys == {
        (("pillar",), "pillars", ("pillar",)), (("pillar", "strategy"), "strategies", ("pillar", "strategy")),
        (("same_as",), "kpis", ("id",)), (("part_of",), "kpis", ("id",)),
    }  # fmt: skip
    assert kpis.pks == ["id"]


def test_sqlite_keys_join_to_the_counts_of_seoulplan_pillars(db):
    joined = db.execute(
        """SELECT p.pillar, p.pillar_number, p.pillar_name, s.strategy, s.strategy_name,
                  count(k.id), sum(k.kind = 'target'), sum(k.kind = 'target' AND k.baseline IS NOT NULL),
                  sum(k.kind = 'achievement'), sum(k.kind = 'headline'), sum(k.kind = 'parameter')
           FROM strategies s JOIN pillars p ON p.pillar = s.pillar
           LEFT JOIN kpis k ON k.pillar = s.pillar AND k.strategy = s.strategy
           GROUP BY s.pillar, s.strategy ORDER BY p.rowid, s.rowid"""
    ).fetchall()
    shown = list(csv.DictReader(io.StringIO(cli_csv("pillars"))))
    strategies = sum(len(p["strategies"]) for p in library.load().doc["pillars"])
    assert len(joined) == len(shown) == strategies
    for row, cli_row in zip(joined, shown):
        expected = [cli_row[k] for k in ("pillar", "pillar_number", "pillar_name", "strategy", "strategy_name", "kpis",
                                         "targets", "with_baseline", "achievements", "headlines",
                                         "parameters")]  # fmt: skip
        assert ["" if v is None else str(v) for v in row] == expected


def test_sqlite_values_equal_the_librarys_frames_cell_for_cell(db, frames):
    for name, frame in frames.items():
        rows = db.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
        expected = list(zip(*(flat_values(frame[c]) for c in frame.columns)))
        assert len(rows) == len(expected), name
        for got, want in zip(rows, expected):
            assert got == tuple(int(v) if isinstance(v, bool) else v for v in want), name
    total = db.execute("SELECT amount_eok FROM budget WHERE basis = 'gross' AND account = 'total'").fetchone()
    assert total == (395359,)


def test_sqlite_describes_itself_and_datasette_metadata_sits_beside_it(db, exported, frames):
    about = dict(db.execute("SELECT key, value FROM _about"))
    assert about["source"] == "서울특별시 2020 주요 업무계획 (2020-02)" and about["actuals"] == LEDGER
    described = {r[0]: r[1:] for r in db.execute("SELECT name, title_ko, title_en, rows FROM _tables")}
    assert described["budget"] == ("예산규모", "Budget", 9) and described["kpis"][2] == dataset_records("kpis")
    columns = db.execute("SELECT table_name, column_name, title_ko, unit, type FROM _columns ORDER BY rowid").fetchall()
    assert len(columns) == sum(len(f.columns) for f in frames.values())
    assert ("budget", "amount_eok", "금액", "억원", "integer") in columns
    assert ("observations", "as_of_date", "기준일(날짜)", None, "date") in columns

    metadata = json.loads((exported["sqlite"].parent / "plan.metadata.json").read_text(encoding="utf-8"))
    assert metadata["source"] == "서울특별시 2020 주요 업무계획 (2020-02)"
    tables = metadata["databases"]["plan"]["tables"]
    assert set(tables) == {*MEASURED, "_about", "_tables", "_columns"}
    assert tables["budget"]["title"] == "예산규모 · Budget"
    assert tables["budget"]["columns"]["amount_eok"] == "금액 · Amount (억원)"
    assert tables["kpis"]["columns"]["baseline"] == "기준 · Baseline (the unit in kpis.unit)"
    assert set(tables["kpis"]["columns"]) == set(frames["kpis"].columns)
    assert tables["_columns"] == {"hidden": True} and tables["pillars"]["label_column"] == "pillar_name"


@pytest.mark.slow
def test_datasette_browses_the_database_with_its_metadata(exported):
    datasette = pytest.importorskip("datasette.app")
    folder = exported["sqlite"].parent
    metadata = json.loads((folder / "plan.metadata.json").read_text(encoding="utf-8"))

    async def pages():
        ds = datasette.Datasette(files=[str(exported["sqlite"])], metadata=metadata)
        await ds.invoke_startup()
        return {url: await ds.client.get(url) for url in ("/plan", "/plan/kpis", "/plan/strategies", "/plan/budget")}

    got = asyncio.run(pages())
    assert all(r.status_code == 200 for r in got.values())
    assert "KPI · KPIs" in got["/plan/kpis"].text and "금액 · Amount (억원)" in got["/plan/budget"].text
    assert "서울특별시 2020 주요 업무계획 (2020-02)" in got["/plan"].text
    # a foreign key is a link labelled with the row it names
    assert 'href="/plan/pillars/future"' in got["/plan/strategies"].text
    assert "함께 성장하는 미래 서울" in got["/plan/strategies"].text


# -- a directory: CSV files and a Data Package ----------------------------------------------------


@pytest.mark.slow
def test_the_data_package_validates_with_frictionless(exported):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported["directory"] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert sorted(p.name for p in exported["directory"].iterdir()) == sorted(
        ["datapackage.json", *(f"{t}.csv" for t in MEASURED)]
    )


@pytest.mark.slow
def test_frictionless_finds_a_reference_that_does_not_join(exported, tmp_path):
    """The validation above is real: a KPI of a pillar that does not exist is caught."""
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "broken"
    shutil.copytree(exported["directory"], copy)
    kpis = (copy / "kpis.csv").read_text(encoding="utf-8")
    (copy / "kpis.csv").write_text(kpis.replace("\nfuture.job-cafes,future,", "\nfuture.job-cafes,nowhere,"), "utf-8")
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("hash"), resource.pop("bytes")  # so that the reference, not the checksum, is what fails
    (copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"foreign-key"}


def test_the_descriptor_describes_keys_titles_units_and_the_source(exported):
    descriptor = json.loads((exported["directory"] / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["sources"] == [{"title": "서울특별시 2020 주요 업무계획 (2020-02)"}]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == MEASURED
    budget = resources["budget"]
    assert (budget["title"], budget["title_en"], budget["encoding"]) == ("예산규모", "Budget", "utf-8")
    amount = next(f for f in budget["schema"]["fields"] if f["name"] == "amount_eok")
    assert amount == {
        "name": "amount_eok", "type": "integer", "title": "금액", "title_en": "Amount", "description": "Amount (억원)",
        "unit": "억원",
    }  # fmt: skip
    kpis = resources["kpis"]["schema"]
    assert kpis["primaryKey"] == ["id"]
    assert {
        "fields": ["pillar", "strategy"],
        "reference": {"resource": "strategies", "fields": ["pillar", "strategy"]},
    } in kpis["foreignKeys"]
    assert {"fields": ["same_as"], "reference": {"fields": ["id"]}} in kpis["foreignKeys"]  # fmt: skip
    types = {f["name"]: f["type"] for f in kpis["fields"]}
    assert (types["strategy"], types["baseline"], types["unambitious"], types["id"]) == (
        "integer", "number", "boolean", "string",
    )  # fmt: skip
    assert resources["observations"]["schema"]["fields"][2]["type"] == "date"


def test_each_csv_is_what_its_command_prints(exported):
    """Every table with a command has exactly the rows and columns of its --format csv."""
    for table in catalogue.TABLES:
        if table.command:
            args = shlex.split(table.command.replace("FILE", LEDGER))[1:]
            written = (exported["directory"] / f"{table.name}.csv").read_text(encoding="utf-8")
            assert written == cli_csv(*args), table.name


@pytest.mark.slow
@pytest.mark.parametrize("encoding, codec", [("utf-8-sig", "utf-8-sig"), ("cp949", "cp949")])
def test_encodings_for_excel_are_honoured_and_still_validate(tmp_path, encoding, codec):
    target = tmp_path / "plan"
    result = invoke("export", target, "--encoding", encoding)
    assert result.exit_code == 0, result.stderr
    raw = (target / "general.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgroup,") == (encoding == "utf-8-sig")
    assert "세대" in raw.decode(codec)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in descriptor["resources"]} == {encoding}
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(target / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# -- xlsx ------------------------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_numbers_as_numbers(exported, frames):
    book = openpyxl.load_workbook(exported["xlsx"])
    assert book.sheetnames == MEASURED
    for name, frame in frames.items():
        ws = book[name]
        table = catalogue.table(name)
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == [table.field(c).heading() for c in frame.columns], name
        assert len(rows) == len(frame) + 1 and ws.freeze_panes == "A2"
        for got, want in zip(rows[1:], zip(*(flat_values(frame[c]) for c in frame.columns))):
            assert [_close(v) for v in got] == [_close(v) for v in want], name
    budget = book["budget"]
    header = [c.value for c in budget[1]]
    assert header[:9] == [
        "예산 기준 키", "예산 기준", "예산 기준 영문", "회계 키", "회계", "회계 영문", "연도", "금액 (억원)",
        "구성비 (%)",
    ]  # fmt: skip
    amount, share, year = budget.cell(2, 8), budget.cell(2, 9), budget.cell(2, 7)
    assert (amount.value, amount.data_type, amount.number_format) == (395359, "n", "#,##0")
    assert (share.data_type, share.number_format) == ("n", "0.0")
    assert (year.value, year.number_format) == (2020, "General")
    assert budget.column_dimensions["B"].width > budget.column_dimensions["E"].width


def _close(value):
    """A float as a workbook keeps it (openpyxl writes 16 significant digits); anything else as it is."""
    return float(f"{value:.15e}") if isinstance(value, float) else value


def test_the_workbook_speaks_english_with_the_locale(tmp_path):
    target = tmp_path / "plan.xlsx"
    assert invoke("--locale", "en_US", "export", target).exit_code == 0
    assert [c.value for c in openpyxl.load_workbook(target)["budget"][1]][7:9] == [
        "Amount (KRW 100 million)",
        "Share (%)",
    ]


# -- the result appears whole or not at all --------------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("name", ["plan.sqlite", "plan.xlsx", "plan"])
def test_an_existing_target_is_replaced_only_with_force(tmp_path, name):
    target = tmp_path / name
    assert invoke("export", target).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    result = invoke("export", target)
    assert result.exit_code == 2 and f"{target} exists; add --force to replace it" in result.stderr
    assert result.stdout == "" and {p.name: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
    result = invoke("export", target, "--force", "--actuals", LEDGER)
    assert result.exit_code == 0, result.stderr
    assert not [p for p in tmp_path.rglob(".seoulplan-*")]
    if name == "plan":
        assert (target / "observations.csv").exists()


@pytest.mark.usefixtures("english")
def test_the_datasette_metadata_counts_as_a_target_too(tmp_path):
    (tmp_path / "plan.metadata.json").write_text("{}", encoding="utf-8")
    result = invoke("export", tmp_path / "plan.sqlite")
    assert result.exit_code == 2 and "plan.metadata.json exists" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.metadata.json"]


@pytest.mark.usefixtures("english")
def test_force_never_replaces_a_directory_that_is_not_an_export(tmp_path):
    home = tmp_path / "notes"
    home.mkdir()
    (home / "thesis.txt").write_text("years of work", encoding="utf-8")
    (home / "datapackage.json").write_text("{}", encoding="utf-8")
    result = invoke("export", home, "--force")
    assert result.exit_code == 2 and "will not replace" in result.stderr and "thesis.txt" in result.stderr
    assert sorted(p.name for p in home.iterdir()) == ["datapackage.json", "thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_force_keeps_an_existing_files_permissions_and_replaces_through_a_symlink(tmp_path):
    real = tmp_path / "real.sqlite"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "plan.sqlite"
    link.symlink_to(real)
    result = invoke("export", link, "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and (real.stat().st_mode & 0o777) == 0o640
    assert sqlite3.connect(real).execute("SELECT count(*) FROM kpis").fetchone() == (dataset_records("kpis"),)


@pytest.mark.usefixtures("english")
def test_a_failure_leaves_nothing_behind(tmp_path, plan_text):
    bad = tmp_path / "plan.yaml"  # a note cp949 cannot write: the export fails before moving anything
    bad.write_text(plan_text.replace('note: "3천5백명 read as 3500.', 'note: "3천5백명 read as 3500 🙂.'), "utf-8")
    assert "🙂" in bad.read_text(encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("--data", bad, "export", out / "plan", "--encoding", "cp949")
    assert result.exit_code == 2 and "cp949 cannot represent" in result.stderr, result.stderr
    assert list(out.iterdir()) == []
    result = invoke("export", out / "plan.sqlite", "--actuals", tmp_path / "missing.csv")
    assert result.exit_code == 3 and list(out.iterdir()) == []


@pytest.mark.usefixtures("english")
def test_a_failed_move_keeps_the_old_targets_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"precious")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke("export", target, "--force")
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert target.read_bytes() == b"precious" and [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args, fragment",
    [
        (["plan.docx"], "cannot tell what to write from '.docx'"),
        (["plan.sqlite", "--encoding", "cp949"], "--encoding is for the CSV files of a directory export"),
        (["plan.sqlite", "--as-of", "2020-Q2"], "--as-of needs --actuals FILE"),
        (["plan.xlsx", "--encoding", "utf-8-sig"], "--encoding is for the CSV files"),
        (["no/such/folder/plan.sqlite"], "cannot write"),
        (["plan.zip"], "a directory of CSV files and datapackage.json (a name without an extension)"),
    ],
)
def test_usage_errors_write_nothing(tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    result = invoke("export", *args)
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- real processes ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.35, 0.5])
def test_sigterm_leaves_the_whole_result_or_nothing(tmp_path, delay):
    import signal
    import time

    proc = subprocess.Popen([*seoulplan(), "export", str(tmp_path / "plan")], stdout=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left in ([], ["plan"]), left
    if left:
        assert len(list((tmp_path / "plan").iterdir())) == len(TABLES) + 1  # and datapackage.json


@pytest.mark.slow
def test_the_installed_command_exports_from_outside_the_checkout(tmp_path):
    rows = sum(len(frame) for frame in library.load().tables().values())
    for name in ("plan.sqlite", "plan", "plan.xlsx"):
        proc = subprocess.run([*seoulplan(), "export", name], cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"{name}: ") and f"{rows:,}행" in proc.stdout.splitlines()[0]
    assert sqlite3.connect(tmp_path / "plan.sqlite").execute("SELECT count(*) FROM kpis").fetchone() == (
        dataset_records("kpis"),
    )
    assert openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames == TABLES
    assert pd.read_csv(tmp_path / "plan" / "budget.csv")["amount_eok"].iloc[0] == 395359


@pytest.mark.slow
def test_the_summary_to_a_closed_pipe_ends_quietly(tmp_path):
    command = " ".join(shlex.quote(part) for part in seoulplan())
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} export plan.sqlite 2>err | head -1"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    rows = sum(len(frame) for frame in library.load().tables().values())
    assert proc.returncode == 0 and proc.stdout == f"plan.sqlite: SQLite 데이터베이스, 표 {len(TABLES)}개, {rows:,}행\n"
    assert (tmp_path / "err").read_text() == "" and (tmp_path / "plan.sqlite").exists()
