"""Issue 18 as a performance officer meets it on the command line: ledgers kept in Excel and in
several files, limits and levels, the gates a quarterly review sets, and the filters of
``track`` and ``kpi show``. The pace model itself is tests/test_pace.py's."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import openpyxl
import pytest
from helpers import run as run_process

DATA = Path(__file__).parent / "data"
LEDGER = str(DATA / "ledger-2020.csv")


def rows_of(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {r["id"]: r for r in json.loads(result.stdout)}


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- ledgers as officers keep them --------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
def test_the_xlsx_template_round_trips_through_excel(run, tmp_path, locale):
    book_path = tmp_path / "actuals.xlsx"
    made = run("--locale", locale, "kpi", "template", "--pillar", "future", "--strategy", "5", "-o", str(book_path))
    assert made.exit_code == 0, made.stderr
    book = openpyxl.load_workbook(book_path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    actual, as_of = (
        header.index("실적" if locale == "ko_KR" else "Actual"),
        header.index("기준일" if locale == "ko_KR" else "As of"),
    )
    filled = {
        "future.job-cafes": (95, datetime.datetime(2020, 6, 30)),  # a number cell and a date cell
        "future.youth-unemployment-rate": ("8.2%", "2020. 6. 30."),  # as Korean Excel shows a date
        "future.new-deal-jobs-projects": (None, None),
    }
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in filled:
            row[actual].value, row[as_of].value = filled[row[0].value]
    book.save(book_path)
    read = rows_of(
        run, "kpi", "status", "--actuals", str(book_path), "--as-of", "2020-Q2", "--pillar", "future", "--strategy", "5"
    )
    assert (read["future.job-cafes"]["actual"], read["future.job-cafes"]["as_of"]) == (95, "2020-06-30")
    assert (read["future.youth-unemployment-rate"]["actual"], read["future.youth-unemployment-rate"]["as_of"]) == (
        8.2,
        "2020-06-30",
    )
    assert read["future.job-cafes"]["status"] == "지연" and read["future.youth-unemployment-rate"]["status"] == "순항"
    assert sum(r["status"] == "미보고" for r in read.values()) == len(read) - 2


@pytest.mark.usefixtures("english")
def test_a_formula_cell_is_refused_with_its_address(run, tmp_path):
    book_path = tmp_path / "actuals.xlsx"
    assert run("kpi", "template", "--grep", "일자리카페", "-o", str(book_path)).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    book.active["J2"] = "=90+5"
    book.save(book_path)
    result = run("kpi", "status", "--actuals", str(book_path))
    assert result.exit_code == 3 and result.stdout == ""
    assert "actuals.xlsx: cell J2 holds a formula (=90+5)" in result.stderr


def test_dates_as_excel_saves_them_to_csv(run, tmp_path):
    ledger = write(
        tmp_path / "a.csv",
        "id,actual,as_of\nfuture.job-cafes,95,2020-06-30 00:00:00\nfuture.youth-unemployment-rate,8.2,2020. 6. 30.\n",
    )
    read = rows_of(
        run, "kpi", "status", "--actuals", ledger, "--as-of", "2020-Q2", "--pillar", "future", "--strategy", "5"
    )
    assert read["future.job-cafes"]["as_of"] == read["future.youth-unemployment-rate"]["as_of"] == "2020-06-30"


@pytest.mark.usefixtures("english")
def test_several_ledgers_are_merged_and_a_disagreement_names_both(run, tmp_path):
    q1 = write(tmp_path / "q1.csv", "id,actual,as_of\nfuture.job-cafes,94,2020-Q1\n")
    q2 = write(tmp_path / "q2.csv", "id,actual,as_of\nfuture.job-cafes,95,2020-Q2\nfuture.job-cafes,94,2020-03-31\n")
    tracked = json.loads(run("track", "--actuals", q1, "--actuals", q2, "-f", "json").stdout)
    assert [(r["period"], r["actual"]) for r in tracked] == [("2020-Q1", 94), ("2020-Q2", 95)]
    other = write(tmp_path / "other.csv", "id,actual,as_of\nfuture.job-cafes,96,2020-Q2\n")
    result = run("kpi", "status", "--actuals", q2, "--actuals", other)
    assert result.exit_code == 3 and result.stdout == ""
    assert f"{q2}:2 and {other}:2: two different actuals for future.job-cafes as of 2020-Q2 (95, 96)" in result.stderr


# -- limits, levels, parameters -----------------------------------------------------------------


def test_a_limit_is_met_while_within_it(run, tmp_path):
    hours = "welfare.care-sos-response-hours"  # respond within 72 hours
    within = write(tmp_path / "a.csv", f"id,actual,as_of\n{hours},48,2020-Q2\n")
    row = rows_of(run, "kpi", "status", "--actuals", within, "--as-of", "2020-Q2", "--grep", "돌봄 SOS 방문")[hours]
    assert (row["attainment_pct"], row["status"], row["expected_progress_pct"]) == (150, "달성", None)
    outside = write(tmp_path / "b.csv", f"id,actual,as_of\n{hours},96,2020-Q2\n")
    assert rows_of(run, "kpi", "status", "--actuals", outside, "--as-of", "2020-Q2")[hours]["status"] == "지연"
    final = rows_of(run, "kpi", "status", "--actuals", outside, "--as-of", "2021-Q1")[hours]
    assert (final["attainment_pct"], final["status"]) == (75, "미달")  # 72 ÷ 96


def test_a_rate_without_a_baseline_has_no_pace(run, tmp_path):
    rate = "welfare.public-daycare-use-rate"  # 국공립 이용률 45%, no baseline
    ledger = write(tmp_path / "a.csv", f"id,actual,as_of\n{rate},30,2020-Q1\n")
    row = rows_of(run, "kpi", "status", "--actuals", ledger, "--as-of", "2020-Q1")[rate]
    assert row["status"] == "진행 중" and row["expected_progress_pct"] is None
    assert round(row["attainment_pct"], 1) == 66.7


# -- gates ------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("statuses", [["--fail-on", "지연,미달"], ["--fail-on", "behind", "--fail-on", "missed"]])
def test_a_quarterly_gate_fails_on_status(run, statuses):
    args = ["--actuals", LEDGER, "--as-of", "2020-Q2", "--pillar", "future", "--strategy", "5"]
    result = run("kpi", "status", *args, *statuses)
    assert result.exit_code == 1
    assert result.stderr == "Failed: 1 target(s) with status 지연, 미달: future.job-cafes\n"
    assert "future.job-cafes" in result.stdout  # the report is printed first
    assert run("kpi", "status", *args, "--fail-under", "95").exit_code == 1  # a percentage fails 청년 실업률, on pace
    on_pace = run("kpi", "status", *args, "--fail-on", "미달")
    assert on_pace.exit_code == 0, on_pace.stderr
    tracked = run("track", *args, "--fail-on", "behind")
    assert tracked.exit_code == 1 and "future.job-cafes" in tracked.stderr


@pytest.mark.slow
def test_a_gate_failure_is_a_finding_not_an_error():
    code, out, err, *_ = run_process("kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2", "--fail-on", "지연")
    assert code == 1 and out and err.startswith("실패: ") and "오류" not in err


# -- filters ------------------------------------------------------------------------------------


def test_track_and_kpi_show_take_the_listings_filters(run):
    tracked = json.loads(run("track", "--actuals", LEDGER, "--grep", "일자리카페", "-f", "json").stdout)
    assert {r["id"] for r in tracked} == {"future.job-cafes"}
    none = json.loads(run("track", "--actuals", LEDGER, "--pillar", "welfare", "-f", "json").stdout)
    assert none == []
    shown = run("kpi", "show", "--pillar", "welfare", "--grep", "돌봄SOS", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    ids = [r["id"] for r in json.loads(shown.stdout)]
    assert len(ids) > 1 and all(i.startswith("welfare.") for i in ids)
    two = json.loads(run("kpi", "show", "future.job-cafes", "future.youth-unemployment-rate", "-f", "json").stdout)
    assert [r["id"] for r in two] == ["future.job-cafes", "future.youth-unemployment-rate"]
    assert run("kpi", "show").exit_code == 2


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("option", ["--as-of", "--from", "--to"])
def test_a_bad_date_is_a_usage_error(run, option):
    result = run("track", "--actuals", LEDGER, option, "2020-Q5")
    assert result.exit_code == 2 and "'2020-Q5' is not a date" in result.stderr and result.stdout == ""


def test_track_changes_between_two_dates(run):
    rows = json.loads(run("track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER, "-f", "json").stdout)
    cafes = {r["id"]: r for r in rows}["future.job-cafes"]
    assert (cafes["from_status"], cafes["to_status"], cafes["from_actual"], cafes["to_actual"]) == (
        "순항",
        "지연",
        94,
        95,
    )
    text = run("--locale", "en_US", "track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER).stdout
    assert "on pace → behind: 44.4% against 49.7% expected" in text
