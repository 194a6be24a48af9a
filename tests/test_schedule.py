"""``seoulplan schedule``: the plan's dated deliverables as a listing and a calendar (issue 19).

The shared output flags are tested for every listing in the matrix of tests/helpers.py's
LISTINGS; here is what is the schedule's own: its filters, the calendar's periods, the
people's view in both languages (golden files) and the usage errors.
"""

import csv
import io
import json

import pytest

from seoulplan.core import schedule


def rows(result):
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_machine_columns_are_the_librarys(run):
    import seoulplan

    listed = rows(run("schedule", "--format", "csv"))
    frame = seoulplan.load().schedule()
    assert list(listed[0]) == list(frame.columns) == list(schedule.COLUMNS)
    assert [r["id"] for r in listed] == list(frame["id"])
    assert len(listed) > 300


def test_filters_choose_as_the_library_does(run):
    import seoulplan

    listed = rows(run("schedule", "--pillar", "2", "--kind", "open", "--kind", "complete", "-f", "csv"))
    frame = seoulplan.load().schedule(pillar="safety", kind=["open", "complete"])
    assert [r["id"] for r in listed] == list(frame["id"]) and len(listed) > 5
    assert {r["kind"] for r in listed} == {"open", "complete"} and {r["pillar"] for r in listed} == {"safety"}
    grepped = rows(run("schedule", "--grep", "착공", "-f", "csv"))
    assert grepped and all("착공" in r["name"] + r["name_en"] + r["place"] + r["id"] for r in grepped)


def test_from_to_keeps_what_overlaps_the_period(run):
    listed = rows(run("schedule", "--from", "2020-07", "--to", "2020-07", "-f", "csv"))
    assert listed
    for r in listed:
        first = r["start"] or "0000"
        last = r["end"] or "9999"
        assert first[:7] <= "2020-07" <= (last + "-12")[:7] or last.startswith("2020-07"), r
    ids = {r["id"] for r in listed}
    assert "covid.daily-response-meetings" in ids  # an open start from January runs through July
    assert "safety.world-cup-bridge" not in ids  # December


@pytest.mark.parametrize("by, pattern", [("month", r"^\d{4}-\d{2}$"), ("quarter", r"^\d{4}-Q[1-4]$")])
def test_the_calendar_puts_each_deliverable_under_the_period_its_date_ends(run, by, pattern):
    import re

    listed = rows(run("schedule", "--by", by, "-f", "csv"))
    assert next(iter(listed[0])) == "due"
    dues = [r["due"] for r in listed]
    assert dues == sorted(dues) and all(re.fullmatch(pattern, d) for d in dues)
    by_id = {r["id"]: r["due"] for r in listed}
    if by == "month":
        assert by_id["safety.world-cup-bridge"] == "2020-12"
        assert by_id["covid.early-budget-execution"] == "2020-06"  # a range: its last month
        assert by_id["covid.daily-response-meetings"] == "2020-01"  # an open start: its start
        year = next(r for r in listed if r["precision"] == "year" and r["end"])
        assert year["due"] == year["end"] + "-12"  # a year: its December
    else:
        assert by_id["covid.early-budget-execution"] == "2020-Q2"


def test_the_calendar_of_the_library():
    import seoulplan

    frame = schedule.calendar(seoulplan.load().schedule(), "month")
    assert frame.columns[0] == "due" and str(frame["due"].dtype) == "string"
    with pytest.raises(Exception, match="unknown period"):
        schedule.calendar(frame, "week")


def test_people_read_the_calendar_in_korean(run, golden):
    result = run("schedule", "--by", "month", "--from", "2020-09", "--to", "2020-09", "--pillar", "future")
    assert result.exit_code == 0, result.stderr
    golden("schedule-by-month.txt", result.stdout)
    assert "시기" in result.stdout and "개최" in result.stdout


def test_people_read_the_list_in_english(run, golden):
    args = ("--pillar", "safety", "--kind", "open", "--kind", "start_construction")
    result = run("--locale", "en_US", "schedule", *args)
    assert result.exit_code == 0, result.stderr
    golden("schedule-en.txt", result.stdout)
    assert "opening" in result.stdout and "start of construction" in result.stdout


def test_json_and_columns(run):
    result = run("schedule", "--columns", "id,start,end,precision", "--sort", "-start", "-f", "json", "--kind", "hold")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert list(records[0]) == ["id", "start", "end", "precision"]
    starts = [r["start"] for r in records if r["start"] is not None]
    assert starts == sorted(starts, reverse=True)


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--kind", "party"], "party"),
        (["--by", "week"], "week"),
        (["--from", "2020-08", "--to", "2020-03"], "2020-03"),
        (["--from", "someday"], "someday"),
        (["--pillar", "moon"], "moon"),
    ],
)
def test_usage_errors(run, args, fragment):
    result = run("schedule", *args)
    assert result.exit_code == 2, result.stdout
    assert fragment in result.stderr and not result.stdout


def test_every_export_has_the_deliverables_keyed_to_pillars_and_kpis(run, tmp_path):
    import sqlite3

    import openpyxl

    assert run("export", str(tmp_path / "plan.sqlite")).exit_code == 0
    db = sqlite3.connect(tmp_path / "plan.sqlite")
    keys = {(r[3], r[2], r[4]) for r in db.execute("PRAGMA foreign_key_list(deliverables)")}
    assert {("pillar", "pillars", "pillar"), ("kpi_id", "kpis", "id"), ("same_as", "deliverables", "id")} <= keys
    assert ("strategy", "strategies", "strategy") in keys
    assert db.execute("PRAGMA foreign_key_check(deliverables)").fetchall() == []
    count = db.execute("SELECT count(*), count(kpi_id) FROM deliverables").fetchone()
    assert count[0] == len(seoulplan_schedule()) and count[1] > 0
    assert run("export", str(tmp_path / "package")).exit_code == 0
    package = json.loads((tmp_path / "package" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "deliverables")
    assert resource["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["kpi_id"], "reference": {"resource": "kpis", "fields": ["id"]}} in resource["schema"][
        "foreignKeys"
    ]
    assert run("export", str(tmp_path / "plan.xlsx")).exit_code == 0
    assert "deliverables" in openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=True).sheetnames


def seoulplan_schedule():
    import seoulplan

    return seoulplan.load().schedule()
