"""seoulplan budget status, budget phases and budget template (issues 23 and 20): the budget ledger read by the
command line, in every format and both languages; the library's frames are the command's."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
LEDGER = str(DATA / "budget-2020.csv")


@pytest.fixture(scope="module")
def plan():
    import seoulplan

    return seoulplan.load()


def by_item(frame):
    return {row["item"]: row for row in frame.to_dict("records")}


def test_the_template_round_trips_in_csv_and_xlsx(run, plan, tmp_path):
    for name in ("budget-ledger.csv", "budget-ledger.xlsx"):
        path = tmp_path / name
        result = run("budget", "template", "-o", str(path))
        assert result.exit_code == 0, result.stderr
        rows = by_item(plan.budget_track(str(path), as_of="2020-06-30"))
        assert len(rows) == 17 and {r["status"] for r in rows.values()} == {"미보고"}
        assert rows["gross.general"]["original_eok"] == 268934
    filled = tmp_path / "filled.csv"
    text = (tmp_path / "budget-ledger.csv").read_text(encoding="utf-8-sig").splitlines()
    for i, line in enumerate(text):
        if line.startswith("gross.general,") and ",executed," in line:
            text[i] = line.replace(",executed,,", ",executed,134467,2020-06-30")
    filled.write_text("\n".join(text) + "\n", encoding="utf-8")
    rows = by_item(plan.budget_track(str(filled), as_of="2020-06-30"))
    assert rows["gross.general"]["execution_rate_pct"] == 50.0 and rows["gross.general"]["status"] == "순항"


def test_the_library_frame_is_the_commands(run, plan):
    result = run("budget", "status", "--actuals", LEDGER, "--as-of", "2020-05-31", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    frame = plan.budget_track(LEDGER, as_of="2020-05-31")
    assert list(rows[0]) == list(frame.columns)
    assert [r["status"] for r in rows] == frame["status"].tolist()


def test_every_format_carries_the_frame(run, plan, tmp_path):
    frame = plan.budget_track(LEDGER, as_of="2020-05-31")
    args = ("budget", "status", "--actuals", LEDGER, "--as-of", "2020-05-31")
    csv = run(*args, "--format", "csv").stdout.splitlines()
    assert csv[0] == ",".join(frame.columns)
    assert csv[2].startswith(
        "gross.general,gross,총계 예산,Gross budget,general,일반회계,General account,268934,272934,1,"
    )
    tsv = run(*args, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == list(frame.columns)
    lines = [json.loads(line) for line in run(*args, "--format", "jsonl").stdout.splitlines()]
    assert lines[1]["execution_rate_pct"] == 50.0 and lines[1]["status"] == "순항"
    assert lines[2]["over_budget"] is False and lines[0]["executed_eok"] is None
    markdown = run(*args, "--format", "markdown").stdout
    assert "| 총계 예산 " in markdown and "50.0%" in markdown
    book = tmp_path / "budget.xlsx"
    assert run(*args, "-o", str(book)).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(book).worksheets[0]
    assert sheet["H3"].value == 268934 and sheet["O3"].value == 50  # numbers as numbers


def test_people_read_it_in_both_languages(run):
    korean = run("budget", "status", "--actuals", LEDGER, "--as-of", "2020-05-31").stdout
    assert "한 해의 예산: 집행률과 기대 진도 (2020-05-31 기준)" in korean
    assert "27조 2,934억원" in korean and "순항" in korean and "지연" in korean and "41.5%" in korean
    english = run("--locale", "en_US", "budget", "status", "--actuals", LEDGER, "--as-of", "2020-05-31").stdout
    assert "Budget through the year: execution against its pace (as of 2020-05-31)" in english
    assert "Execution rate" in english and "on pace" in english and "behind" in english
    assert "272,934" in english and not any("\uac00" <= ch <= "\ud7a3" for ch in english.split("\n", 3)[3])


def test_the_phases_from_the_command_line(run):
    result = run("budget", "phases", "--actuals", LEDGER, "--basis", "gross", "--format", "json")
    rows = [r for r in json.loads(result.stdout) if r["item"] == "gross.special"]
    assert [(r["phase"], r["supplementary_number"], r["amount_eok"], r["change_eok"]) for r in rows] == [
        ("original", None, 126425, None),
        ("supplementary", 1, 126925, 500),
        ("supplementary", 2, 127425, 500),
    ]
    table = run("budget", "phases", "--actuals", LEDGER).stdout
    assert "1차 추경" in table and "2차 추경" in table and "본예산" in table
    english = run("--locale", "en_US", "budget", "phases", "--actuals", LEDGER).stdout
    assert "supplementary budget no. 2" in english


def test_a_stated_pace_from_the_command_line(run):
    args = ("budget", "status", "--actuals", LEDGER, "--as-of", "2020-06-30", "--basis", "gross", "--format", "json")
    straight = {r["item"]: r for r in json.loads(run(*args).stdout)}
    stated = {r["item"]: r for r in json.loads(run(*args, "--pace", "2020-06-30:60").stdout)}
    assert straight["gross.general"]["status"] == "순항" and stated["gross.general"]["status"] == "지연"
    assert stated["gross.general"]["expected_execution_pct"] == 60
    bad = run("budget", "status", "--actuals", LEDGER, "--pace", "2020-06-30:160")
    assert bad.exit_code == 2 and "pace" in bad.stderr


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("budget", "status"), "Missing option '--actuals'"),
        (("budget", "phases", "--as-of", "2020-06"), "Missing option '--actuals'"),
        (("budget", "--fail-on", "지연"), "No such option"),
        (("budget", "template", "--actuals", LEDGER), "No such option"),
        (("budget", "status", "--actuals", LEDGER, "--compare", "2019"), "No such option"),
        (("budget", "--basis", "gross", "status", "--actuals", LEDGER), "--basis before 'status' would be ignored"),
        (("budget", "phases", "--actuals", LEDGER, "--fail-on", "지연"), "No such option"),
        (("track", "--actuals", LEDGER, "--pace", "2020-06-30:60"), "No such option"),
        (("track", "budget", "--actuals", LEDGER, "--pillar", "welfare"), "No such option"),
    ],
)
def test_options_that_would_be_ignored_are_refused(run, english, args, fragment):
    result = run(*args)
    assert result.exit_code == 2 and fragment in result.stderr, result.stderr


def test_track_budget_by_month_and_its_gate(run):
    args = ("track", "budget", "--actuals", LEDGER, "--by", "month", "--as-of", "2020-07-31", "--format", "json")
    rows = json.loads(run(*args).stdout)
    assert {r["item"] for r in rows} == {"gross.general", "gross.special"} and len(rows) == 14
    june = next(r for r in rows if r["item"] == "gross.general" and r["period"] == "2020-06")
    assert june["current_eok"] == 272934 and june["executed_eok"] == 163680
    assert june["expected_execution_pct"] == pytest.approx(182 / 366 * 100) and june["status"] == "순항"
    july = next(r for r in rows if r["item"] == "gross.general" and r["period"] == "2020-07")
    assert july["current_eok"] == 278934  # the second supplementary budget, passed 2020-07-03
    quarters = json.loads(run(*[("quarter" if a == "month" else a) for a in args]).stdout)
    assert [r["period"] for r in quarters if r["item"] == "gross.special"] == ["2020-Q1", "2020-Q2", "2020-Q3"]
    gated = run(*args, "--fail-on", "지연")
    assert gated.exit_code == 1 and "gross.special" in gated.stderr and "gross.general" not in gated.stderr
    assert "예산 항목 1개가 상태 지연: gross.special" in gated.stderr
    assert json.loads(gated.stdout) == rows  # the output is written before the gate fails
    assert run(*args, "--fail-on", "미달").exit_code == 0
    assert run("budget", "status", "--actuals", LEDGER, "--as-of", "2020-05-31", "--fail-on", "behind").exit_code == 1


def test_the_readme_snippet_reads_a_portal_table(tmp_path, monkeypatch):
    """README "From a portal's execution table to a ledger": the snippet, run on the example."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("<!-- portal-snippet -->\n```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "portal-execution.csv").write_bytes((DATA / "portal-execution.csv").read_bytes())
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(snippet, names)  # the README's own code
    rows = by_item(names["status"])
    assert rows["gross.general"]["current_eok"] == 272934 and rows["gross.general"]["executed_eok"] == 136467
    assert rows["gross.general"]["execution_rate_pct"] == 50.0
    assert rows["gross.special"]["current_eok"] == 126425 and rows["gross.special"]["status"] == "지연"


def test_the_exports_carry_budget_observations(run, plan, tmp_path):
    import sqlite3

    database, directory, book = tmp_path / "plan.sqlite", tmp_path / "plan", tmp_path / "plan.xlsx"
    for target in (database, directory, book):
        result = run("export", str(target), "--budget-ledger", LEDGER, "--as-of", "2020-05-31")
        assert result.exit_code == 0, result.stderr
        assert "budget_observations" in result.stdout
    connection = sqlite3.connect(database)
    rows = connection.execute(
        "SELECT o.item, o.phase, o.as_of_date, o.amount_eok, o.current_eok, o.execution_rate_pct, o.status, "
        "b.account_name FROM budget_observations o JOIN budget b USING (basis, account) "
        "WHERE o.item = 'gross.general' ORDER BY o.as_of_date"
    ).fetchall()
    assert len(rows) == 6  # 1차 추경 and five month-ends up to 2020-05-31; later rows are left out
    assert rows[2] == ("gross.general", "supplementary", "2020-03-17", 272934, 272934, None, None, "일반회계")
    assert rows[-1][:7] == ("gross.general", "executed", "2020-05-31", 136467, 272934, 50.0, "순항")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    frame = plan.tables(budget_ledger=LEDGER, as_of="2020-05-31")["budget_observations"]
    assert len(frame) == connection.execute("SELECT count(*) FROM budget_observations").fetchone()[0] == 12
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "budget_observations")
    assert resource["schema"]["primaryKey"] == ["item", "phase", "as_of_date"]
    assert resource["schema"]["foreignKeys"][0]["reference"]["resource"] == "budget"
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(directory / "datapackage.json")).valid
    from openpyxl import load_workbook

    assert "budget_observations" in load_workbook(book, read_only=True).sheetnames


def test_the_report_has_a_section_on_the_budget_year(run, tmp_path):
    pytest.importorskip("matplotlib")
    expected = {
        "ko_KR": ("한 해의 예산", "1차 추경", "27조 2,934억원", "순항", "지연"),
        "en_US": ("The budget through its year", "supplementary budget no. 1", "on pace"),
    }
    for locale, words in expected.items():
        page = tmp_path / f"report-{locale}.html"
        result = run("--locale", locale, "report", "-o", str(page), "--budget-ledger", LEDGER, "--as-of", "2020-05-31")
        assert result.exit_code == 0, result.stderr
        html = page.read_text(encoding="utf-8")
        section = html[html.index('id="budget-year"') :]
        for word in words:
            assert word in section, (locale, word)
        assert "50.0%" in section and "41.5%" in section  # 일반회계's 집행률 and the pace, 2020-05-31
    plain = tmp_path / "plain.html"
    assert run("report", "-o", str(plain)).exit_code == 0
    assert 'id="budget-year"' not in plain.read_text(encoding="utf-8")
