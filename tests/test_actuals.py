"""Attainment from an actuals file: kpi --actuals, --fail-under, pillars --actuals, bad files."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ACTUALS = str(DATA / "actuals.csv")


def test_kpi_actuals_golden(run, golden):
    result = run("kpi", "--actuals", ACTUALS)
    assert result.exit_code == 0, result.stderr
    assert "실적 대비 달성도 (실적 파일 기준)" in result.stdout
    golden("kpi-actuals.txt", result.stdout)


def test_kpi_actuals_machine_columns(run):
    rows = {r["id"]: r for r in json.loads(run("kpi", "--actuals", ACTUALS, "--format", "json").stdout)}
    assert len(rows) == 9
    cafes = rows["future.job-cafes"]
    assert (cafes["actual"], cafes["attainment_pct"], cafes["progress_pct"], cafes["status"]) == (
        100,
        100.0,
        100.0,
        "달성",
    )
    rate = rows["future.youth-unemployment-rate"]  # decrease
    assert (rate["attainment_pct"], rate["progress_pct"], rate["status"]) == (96.25, 72.72727272727273, "근접")
    assert rows["future.labour-rights-officers"]["progress_pct"] == 0.0  # actual equal to the baseline
    assert rows["safety.public-bike-stations-total"]["actual"] == 3200  # "3,200" in the file
    assert rows["welfare.dementia-doctor-districts"]["status"] == "달성"  # maintain
    assert list(rows["future.job-cafes"])[-4:] == ["attainment_pct", "progress_pct", "status", "actual_from"]


def test_plain_kpi_listing_keeps_the_attainment_columns_empty(run):
    row = json.loads(run("kpi", "--grep", "일자리카페 확대", "--format", "json").stdout)[0]
    assert row["attainment_pct"] is None and row["status"] is None


def test_near_and_fail_under(run):
    result = run("kpi", "--actuals", ACTUALS, "--near", "95", "--format", "csv")
    assert ",96.25,72.72727272727273,근접," in result.stdout
    result = run("kpi", "--actuals", ACTUALS, "--near", "97", "--format", "csv")
    assert ",96.25,72.72727272727273,미달," in result.stdout
    result = run("kpi", "--actuals", ACTUALS, "--fail-under", "90")
    assert result.exit_code == 1
    assert "3 KPI(s) below 90% attainment" in result.stderr and "future.labour-rights-officers" in result.stderr
    assert "future.job-cafes" in result.stdout  # the report is printed in full first
    assert run("kpi", "--actuals", ACTUALS, "--fail-under", "50").exit_code == 0


def test_plan_reported_attainment(run):
    result = run("kpi", "--attainment")
    assert "계획서가 보고한 실적 기준" in result.stdout
    rows = {r["id"]: r for r in json.loads(run("kpi", "--attainment", "--format", "json").stdout)}
    rental = rows["balance.public-rental-housing"]
    assert (rental["actual"], rental["stated_attainment_pct"], rental["actual_from"]) == (22042, 95, "plan")
    assert rental["status"] == "미달"


def test_pillars_actuals(run, golden):
    result = run("pillars", "--actuals", ACTUALS)
    golden("pillars-actuals.txt", result.stdout)
    rows = {r["pillar"]: r for r in json.loads(run("pillars", "--actuals", ACTUALS, "--format", "json").stdout)}
    assert (
        rows["future"]["with_actuals"],
        rows["future"]["achieved"],
        rows["future"]["near"],
        rows["future"]["missed"],
    ) == (4, 1, 1, 2)
    assert rows["balance"]["with_actuals"] == 0


def test_yaml_and_stdin_and_cp949(run, tmp_path):
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text(
        "- {id: future.job-cafes, actual: 95}\n- {id: future.labour-rights-officers, actual: 65, year: 2020}\n",
        encoding="utf-8",
    )
    rows = json.loads(run("kpi", "--actuals", str(yaml_file), "--format", "json").stdout)
    assert [r["status"] for r in rows] == ["근접", "달성"]
    mapping = tmp_path / "m.yml"
    mapping.write_text("actuals:\n  future.job-cafes: 100\n", encoding="utf-8")
    assert json.loads(run("kpi", "--actuals", str(mapping), "--format", "json").stdout)[0]["status"] == "달성"
    rows = json.loads(
        run("kpi", "--actuals", "-", "--format", "json", input="id,actual\nfuture.job-cafes,100\n").stdout
    )
    assert rows[0]["actual"] == 100
    korean = tmp_path / "excel.csv"
    korean.write_bytes("id,actual,비고\nfuture.job-cafes,100,일자리카페\n".encode("cp949"))
    assert run("kpi", "--actuals", str(korean)).exit_code == 3
    result = run("kpi", "--actuals", str(korean), "--actuals-encoding", "cp949", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["actual"] == 100
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffid,actual\nfuture.job-cafes,100\n".encode("utf-8"))
    assert run("kpi", "--actuals", str(bom)).exit_code == 0


@pytest.mark.parametrize(
    "content, fragment",
    [
        (
            "id,actual\nfuture.job-cafe,100\n",
            "a.csv:2: column 1 (id): unknown KPI id 'future.job-cafe'; did you mean future.job-cafes",
        ),
        ("id,actual\nfuture.job-cafes,백\n", "a.csv:2: column 2 (actual): '백' is not a number (for future.job-cafes)"),
        ("id,actual\nfuture.job-cafes,1.2.3\n", "'1.2.3' is not a number"),
        ("id,actual\nfuture.job-cafes,12,34\n", "a.csv:2"),
        (
            "id,actual\nfuture.job-cafes,100\nfuture.job-cafes,90\n",
            "a.csv:3: column 1 (id): duplicate id 'future.job-cafes' (first on line 2)",
        ),
        (
            "id,actual,year\nfuture.job-cafes,100,2021\n",
            "a.csv:2: column 3 (year): year 2021 does not match future.job-cafes's target year 2020",
        ),
        ("", "a.csv: the file is empty"),
        ("id,value\nfuture.job-cafes,100\n", "a.csv:1: the header has no 'actual' column"),
        ("id,actual\nfuture.job-cafes,nan\n", "nan is not a finite number (for future.job-cafes)"),
    ],
)
def test_bad_actuals(run, tmp_path, content, fragment):
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    result = run("kpi", "--actuals", str(path))
    assert result.exit_code == 3
    assert fragment in result.stderr
    assert result.stdout == ""  # nothing half-printed


def test_bad_actuals_encoding_names_the_line(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("id,actual\nfuture.job-cafes,100 # 일자리\n".encode("cp949"))
    result = run("kpi", "--actuals", str(path))
    assert result.exit_code == 3 and "a.csv:2: byte" in result.stderr and "--actuals-encoding cp949" in result.stderr


def test_every_problem_is_listed(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "id,actual\nnope,1\nfuture.job-cafes,x\nfuture.labour-rights-officers,3\nfuture.labour-rights-officers,4\n",
        encoding="utf-8",
    )
    result = run("kpi", "--actuals", str(path))
    assert result.exit_code == 3 and "3 problem(s)" in result.stderr


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
    result = run("kpi", "--actuals", str(path))
    assert result.exit_code == 3 and "1.0e-7 has more than 6 decimal places (for future.job-cafes)" in result.stderr
    dataset = tmp_path / "plan.yaml"
    dataset.write_text(
        plan_text.replace("target: {year: 2020, value: 6}", "target: {year: 2020, value: 1.0e-7}", 1), encoding="utf-8"
    )
    result = run("--data", str(dataset), "kpi")
    assert result.exit_code == 3 and ".target.value: 1.0e-7 has more than 6 decimal places" in result.stderr
