"""Tracking the plan through its year (SPEC §5): a ledger of dated actuals, each measured
against the KPI's value for its year and the pace expected by its date; kpi status --actuals,
track, pillars --actuals, the template, the gates, and every way a ledger can be wrong.

The worked year (tests/data/ledger-2020.csv) is checked by hand here:
- 일자리카페 91 ('19) → 100 ('20), increase. The pace runs from 91 on 2019-12-31 to 100 on
  2020-12-31 (366 days): by 2020-03-31 (91 days) 24.86% of the way, by 2020-06-30 49.73%.
  Q1 94 is 3/9 = 33.3% of the way (순항); Q2 95 is 4/9 = 44.4% (지연); Q4 100 is 달성.
- 청년 실업률 8.8% → 7.7%, decrease: Q1 8.6 is 0.2/1.1 = 18.2% (지연), Q2 8.2 is 54.5%
  (순항); Q4 7.9 after the date: attainment 7.7/7.9 = 97.5% ≥ 90 (근접).
- 노동자 종합지원센터 18 ('19) → 23 ('20) → 25 ('21): 2021-Q2 24 is measured against 2021's
  25, from 23 at the end of 2020: 1/2 = 50% of the way, the pace 181/365 = 49.6% (순항).
- 혁신성장펀드 4,800억원, no baseline: "2,400억원" is read as 2400 (억원), 50%; paced from
  zero at the start of 2020, 49.7% by 2020-06-30 (순항).
- 노동권리보호관: a row with no actual (미보고).
"""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ACTUALS = str(DATA / "actuals.csv")  # the older form: id,actual,year
LEDGER = str(DATA / "ledger-2020.csv")


@pytest.fixture(scope="module")
def plan():
    import seoulplan

    return seoulplan.load()


def rows_of(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {r["id"]: r for r in json.loads(result.stdout)}


# -- kpi status --actuals ---------------------------------------------------------------------


def test_the_older_form_still_reads_golden(run, golden):
    result = run("kpi", "status", "--actuals", ACTUALS)
    assert result.exit_code == 0, result.stderr
    golden("kpi-actuals.txt", result.stdout)


def test_measured_machine_columns(run, plan):
    rows = rows_of(run, "kpi", "status", "--actuals", ACTUALS)
    assert len(rows) == len(plan.kpis())  # every target, reported or not
    assert sum(r["status"] != "미보고" for r in rows.values()) == 9
    assert list(rows["future.job-cafes"]) == [
        "id", "pillar", "pillar_name", "pillar_name_en", "strategy", "strategy_name", "strategy_name_en", "name",
        "name_en", "unit", "direction", "baseline_year", "baseline", "target_year", "target", "as_of", "actual",
        "attainment_pct", "progress_pct",
        "expected", "expected_progress_pct", "status", "stale", "projected", "projected_attainment_pct",
        "evaluated_at", "previous_as_of", "previous_actual", "change_since_previous", "suspect",
    ]  # fmt: skip
    cafes = rows["future.job-cafes"]
    assert (cafes["as_of"], cafes["actual"], cafes["attainment_pct"], cafes["status"]) == ("2020", 100, 100, "달성")
    rate = rows["future.youth-unemployment-rate"]  # a decrease
    assert (rate["attainment_pct"], rate["progress_pct"], rate["status"]) == (96.25, 800 / 11, "근접")
    assert rows["future.labour-rights-officers"]["progress_pct"] == 0  # the actual is the baseline
    assert rows["safety.public-bike-stations-total"]["actual"] == 3200  # "3,200" in the file
    assert rows["welfare.dementia-doctor-districts"]["status"] == "달성"  # maintain
    sos = rows["welfare.care-sos-response-hours"]  # at most 72 hours: 48 is within the limit
    assert (sos["attainment_pct"], sos["status"]) == (150, "달성")


def test_a_worked_year_quarter_by_quarter(run):
    q1 = rows_of(run, "kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q1")
    assert (q1["future.job-cafes"]["status"], round(q1["future.job-cafes"]["expected_progress_pct"], 2)) == (
        "순항",
        24.86,
    )
    assert q1["future.youth-unemployment-rate"]["status"] == "지연"
    q2 = rows_of(run, "kpi", "status", "--actuals", LEDGER, "--as-of", "2020-06-30")
    assert q2["future.job-cafes"]["status"] == "지연" and q2["future.youth-unemployment-rate"]["status"] == "순항"
    fund = q2["future.innovation-growth-fund"]  # no baseline: paced from zero, its progress is its attainment
    assert (fund["actual"], fund["attainment_pct"], fund["progress_pct"], fund["status"]) == (2400, 50, 50, "순항")
    year = rows_of(run, "kpi", "status", "--actuals", LEDGER, "--as-of", "2021-Q2")
    cafes = year["future.job-cafes"]
    assert (cafes["status"], cafes["as_of"], cafes["previous_as_of"], cafes["previous_actual"]) == (
        "달성",
        "2020-Q4",
        "2020-Q3",
        98,
    )
    assert cafes["change_since_previous"] == 2
    assert year["future.youth-unemployment-rate"]["status"] == "근접"
    centres = year["future.labour-support-centres"]
    assert (centres["target_year"], centres["target"], centres["progress_pct"], centres["status"]) == (
        2021,
        25,
        50,
        "순항",
    )
    assert round(centres["expected_progress_pct"], 1) == 49.6
    assert year["future.labour-rights-officers"]["status"] == "미보고"
    assert year["future.labour-rights-officers"]["actual"] is None


def test_the_date_beside_an_actual_is_its_as_of(run):
    text = run("kpi", "status", "--actuals", LEDGER, "--as-of", "2021-Q2").stdout
    line = next(line for line in text.splitlines() if line.startswith("future.labour-support-centres"))
    assert "2021-Q2" in line and "25개구 ('21)" in line and "24개구" in line


def test_track_a_kpi_per_row_and_a_period_per_column(run, golden):
    result = run("track", "--actuals", LEDGER)
    assert result.exit_code == 0, result.stderr
    golden("track-quarter.txt", result.stdout)
    long = json.loads(run("track", "--actuals", LEDGER, "--format", "json").stdout)
    cafes = [(r["period"], r["actual"], r["status"]) for r in long if r["id"] == "future.job-cafes"]
    assert cafes == [  # every period to the ledger's last (2021-Q2), none left out
        ("2020-Q1", 94, "순항"),
        ("2020-Q2", 95, "지연"),
        ("2020-Q3", 98, "순항"),
        ("2020-Q4", 100, "달성"),
        ("2021-Q1", None, "미보고"),
        ("2021-Q2", None, "미보고"),
    ]
    halves = json.loads(run("track", "--actuals", LEDGER, "--by", "half", "--format", "json").stdout)
    assert [(r["period"], r["actual"]) for r in halves if r["id"] == "future.job-cafes"] == [
        ("2020-H1", 95),
        ("2020-H2", 100),
        ("2021-H1", None),
    ]
    assert run("track").exit_code == 2


def test_pillars_count_every_status_and_the_unreported(run, golden):
    golden("pillars-actuals.txt", run("pillars", "--actuals", LEDGER, "--as-of", "2020-Q2").stdout)
    rows = json.loads(run("pillars", "--actuals", LEDGER, "--as-of", "2020-Q2", "--format", "json").stdout)
    future = {r["pillar"]: r for r in rows}["future"]
    assert (future["with_actuals"], future["on_pace"], future["behind"]) == (4, 2, 2)
    assert future["not_reported"] == future["targets"] - 4
    statuses = ("achieved", "near", "missed", "on_pace", "behind", "in_progress", "not_reported")
    assert sum(future[k] for k in statuses) == future["targets"]


def test_stated_attainment_never_calls_a_fact_achieved(run):
    rows = rows_of(run, "kpi", "stated")
    assert set(rows) == {"balance.public-rental-housing", "balance.public-support-housing"}
    rental = rows["balance.public-rental-housing"]
    assert (rental["actual"], rental["stated_attainment_pct"], round(rental["attainment_pct"], 2)) == (22042, 95, 18.37)
    assert "중간 목표" in run("kpi", "stated").stdout  # the caveat


# -- the template --------------------------------------------------------------------------------


def test_a_template_filled_in_as_printed_reads_back(run, tmp_path):
    import csv

    template = tmp_path / "actuals.csv"
    assert run("kpi", "template", "--pillar", "future", "--strategy", "5", "-o", str(template)).exit_code == 0
    with template.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "name", "name_en", "unit", "direction", "baseline_year", "baseline", "target_year",
                             "target", "actual", "as_of"]  # fmt: skip
    assert all(row["actual"] == "" and row["as_of"] == "" for row in rows)
    filled = {"future.job-cafes": ("95개소", "2020-Q2"), "future.youth-unemployment-rate": ("8.0%", "2020-H1")}
    for row in rows:
        row["actual"], row["as_of"] = filled.get(row["id"], ("", ""))
    with template.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    measured = rows_of(run, "kpi", "status", "--actuals", str(template), "--pillar", "future", "--strategy", "5")
    assert (measured["future.job-cafes"]["actual"], measured["future.job-cafes"]["as_of"]) == (95, "2020-Q2")
    assert measured["future.youth-unemployment-rate"]["actual"] == 8
    assert len(measured) == len(rows) and sum(r["status"] == "미보고" for r in measured.values()) == len(rows) - 2


# -- gates -----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_fail_under_and_fail_on_missing(run):
    result = run("kpi", "status", "--actuals", ACTUALS, "--fail-under", "90")
    assert result.exit_code == 1
    assert result.stderr.startswith("Failed: 2 target(s) below 90% attainment")  # a finding, not an error
    assert "future.labour-rights-officers" in result.stderr
    assert "future.job-cafes" in result.stdout  # the report is printed in full first
    assert run("kpi", "status", "--actuals", ACTUALS, "--fail-under", "50").exit_code == 0
    missing = run("kpi", "status", "--actuals", LEDGER, "--pillar", "future", "--strategy", "7", "--fail-on-missing")
    assert missing.exit_code == 1
    assert "2 target(s) with status 미보고: future.labour-rights-officers, future.cleaner-rest-facilities" in (
        missing.stderr
    )


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--fail-under", "90"], "--fail-under needs --actuals FILE"),
        (["--fail-on-missing"], "--fail-on-missing needs --actuals FILE"),
        (["--fail-on", "behind"], "--fail-on needs --actuals FILE"),
        (["--actuals", ACTUALS, "--fail-on", "late"], "unknown status 'late'"),
        (["--as-of", "2020-Q2"], "--as-of needs --actuals FILE"),
        (["--actuals", ACTUALS, "--template"], "choose one of --actuals FILE, --attainment and --template"),
        (["--actuals", ACTUALS, "--fail-under", "nan"], "'nan' is not a number of percent"),
        (["--actuals", ACTUALS, "--fail-under", "inf"], "'inf' is not a number of percent"),
        (["--actuals", ACTUALS, "--near", "nan"], "'nan' is not a number of percent"),
    ],
)
def test_a_gate_without_its_ledger_is_a_usage_error(run, args, fragment):
    result = run("kpi", *args)
    assert result.exit_code == 2 and fragment in result.stderr and result.stdout == ""


def test_near_moves_the_threshold(run):
    rate = "future.youth-unemployment-rate"
    assert rows_of(run, "kpi", "status", "--actuals", ACTUALS, "--near", "95")[rate]["status"] == "근접"  # 96.25%
    assert rows_of(run, "kpi", "status", "--actuals", ACTUALS, "--near", "97")[rate]["status"] == "미달"


# -- reading ledgers -------------------------------------------------------------------------------


def test_yaml_stdin_korean_headers_and_cp949(run, tmp_path):
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text(
        "- {id: future.job-cafes, actual: 95}\n- {id: future.labour-rights-officers, actual: 65, as_of: 2020-Q4}\n",
        encoding="utf-8",
    )
    read = rows_of(run, "kpi", "status", "--actuals", str(yaml_file))
    assert [read[k]["status"] for k in ("future.job-cafes", "future.labour-rights-officers")] == ["근접", "달성"]
    mapping = tmp_path / "m.yml"
    mapping.write_text("actuals:\n  future.job-cafes: 100\n", encoding="utf-8")
    assert rows_of(run, "kpi", "status", "--actuals", str(mapping))["future.job-cafes"]["status"] == "달성"
    stdin = run(
        "kpi", "status", "--actuals", "-", "--format", "json", input="ID,Actual,As of\nfuture.job-cafes,100,2020\n"
    )
    assert {r["id"]: r for r in json.loads(stdin.stdout)}["future.job-cafes"]["actual"] == 100
    korean = tmp_path / "excel.csv"
    korean.write_bytes("지표,실적,기준일,비고\nfuture.job-cafes,100,2020년 4분기,일자리카페\n".encode("cp949"))
    assert run("kpi", "status", "--actuals", str(korean)).exit_code == 3
    result = run("kpi", "status", "--actuals", str(korean), "--actuals-encoding", "cp949", "--format", "json")
    assert result.exit_code == 0
    assert {r["id"]: r for r in json.loads(result.stdout)}["future.job-cafes"]["as_of"] == "2020-Q4"


@pytest.mark.usefixtures("english")
@pytest.mark.slow
@pytest.mark.parametrize(
    "content, fragment",
    [
        ("id,actual\nfuture.job-cafe,100\n", "a.csv:2: column 1 (id): unknown KPI id 'future.job-cafe'; did you mean"),
        (
            "id,actual\nfuture.job-cafes,많음\n",
            "a.csv:2: column 2 (actual): '많음' is not a number (for future.job-cafes)",
        ),
        (
            "id,actual\nfuture.job-cafes,95명\n",
            "'95명' is in '명'; this KPI is measured in '개소' (for future.job-cafes)",
        ),
        ("id,actual\nfuture.job-cafes,1.2.3\n", "'1.2.3' is not a number"),
        ("id,actual\nfuture.job-cafes,nan\n", "nan is not a finite number (for future.job-cafes)"),
        ("id,actual\nfuture.job-cafes,12,34\n", "a.csv:2: 3 fields but the header has 2"),
        ("id,actual,as_of\nfuture.job-cafes,1,2020-Q5\n", "a.csv:2: column 3 (as_of): '2020-Q5' is not a date"),
        ("id,actual,as_of\nfuture.job-cafes,1,1999\n", "the year 1999 is outside 2000–2100"),
        ("id,actual,as_of\nfuture.job-cafes,1,2018-Q4\n", "2018-Q4 is before future.job-cafes's baseline year 2019"),
        (
            "id,actual,as_of\nfuture.job-cafes,90,2020-Q1\nfuture.job-cafes,95,2020-03-31\n",
            "a.csv:3: column 1 (id): a second actual for future.job-cafes as of 2020-03-31 (the first is on line 2)",
        ),
        ("id,actual\nwelfare.chatdong-dongs,1\n", "welfare.chatdong-dongs is an achievement the plan reports"),
        ("id,actual\nfuture.youth-jobs-headline,1\n", "report the actual for future.youth-jobs-new"),
        ("", "a.csv: the file is empty"),
        ("id,value2\nfuture.job-cafes,100\n", "a.csv:1: the header has no 'actual' column (accepted names: actual,"),
        ("id,actual,실적\nfuture.job-cafes,1,2\n", "a.csv:1: column 3: a second 'actual' column ('실적')"),
    ],
)
def test_bad_ledgers(run, tmp_path, content, fragment):
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    result = run("kpi", "status", "--actuals", str(path))
    assert result.exit_code == 3, result.stderr
    assert fragment in result.stderr
    assert result.stdout == ""  # nothing half-printed


@pytest.mark.usefixtures("english")
def test_bad_encoding_names_the_line(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("id,actual\nfuture.job-cafes,100 # 일자리\n".encode("cp949"))
    result = run("kpi", "status", "--actuals", str(path))
    assert result.exit_code == 3 and "a.csv:2: byte" in result.stderr and "--actuals-encoding cp949" in result.stderr


@pytest.mark.usefixtures("english")
def test_every_problem_is_listed(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "id,actual\nnope,1\nfuture.job-cafes,x\nfuture.labour-rights-officers,3\nfuture.labour-rights-officers,4\n",
        encoding="utf-8",
    )
    result = run("kpi", "status", "--actuals", str(path))
    assert result.exit_code == 3 and "3 problem(s)" in result.stderr


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "name, content",
    [
        ("a.csv", "id,actual\nfuture.job-cafes,1.0e-7\n"),
        ("a.yaml", "- {id: future.job-cafes, actual: 1.0e-7}\n"),
        ("b.yaml", "future.job-cafes: 1.0e-7\n"),
    ],
)
def test_one_number_rule_for_actuals_and_datasets(run, tmp_path, plan_text, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("kpi", "status", "--actuals", str(path))
    assert result.exit_code == 3 and "1.0e-7 has more than 6 decimal places (for future.job-cafes)" in result.stderr
    dataset = tmp_path / "plan.yaml"
    dataset.write_text(
        plan_text.replace("target: {year: 2020, value: 6}", "target: {year: 2020, value: 1.0e-7}", 1),
        encoding="utf-8",
    )
    result = run("--data", str(dataset), "kpi")
    assert result.exit_code == 3 and ".target.value: 1.0e-7 has more than 6 decimal places" in result.stderr


# -- the library's own ledgers ------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_a_list_in_a_dataframes_cell_is_a_problem_of_its_row(plan):
    """A DataFrame's cell holding a list was asked whether it is missing, and pandas' answer
    (an array) ended the reading with a ValueError; it is a value that is not a number."""
    import pandas as pd

    from seoulplan.errors import DataError

    frame = pd.DataFrame({"id": ["future.job-cafes"], "actual": [[1, 2]], "as_of": ["2020-Q2"]})
    with pytest.raises(DataError, match=r"actuals:1: \[1, 2\] is not a number \(for future\.job-cafes\)"):
        plan.attainment(frame)
