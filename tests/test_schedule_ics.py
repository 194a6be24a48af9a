"""``schedule --format ics``: the deliverables as an iCalendar file (issue 19, point 3).

The file is read back with ``icalendar`` (the library that writes it) and with ``vobject``,
an independent parser; UIDs are unique and stable, the dates span what the plan gives
(DTEND exclusive), the bytes are the same twice, and ``DTSTAMP`` comes from
``SOURCE_DATE_EPOCH`` or the dataset, never the clock.
"""

import datetime

import icalendar
import pytest
import vobject

import seoulplan
from seoulplan.presentation.ics import days


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """The whole schedule as an .ics file written by ``-o plan.ics`` (its extension chooses)."""
    from click.testing import CliRunner

    from seoulplan.cli import cli

    path = tmp_path_factory.mktemp("ics") / "plan.ics"
    result = CliRunner().invoke(cli, ["schedule", "-o", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path.read_bytes()


def events_of(data: bytes) -> dict:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_an_event_per_deliverable_with_a_unique_stable_uid(whole):
    frame = seoulplan.load().schedule()
    restated = frame["same_as"].notna()
    events = icalendar.Calendar.from_ical(whole).walk("VEVENT")
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) == int((~restated).sum())
    assert set(uids) == {f"{i}@seoulplan" for i in frame.loc[~restated, "id"]}


def test_a_second_parser_reads_the_same_events(whole):
    calendar = vobject.readOne(whole.decode("utf-8"))
    parsed = {e.uid.value: e for e in calendar.vevent_list}
    ours = events_of(whole)
    assert set(parsed) == set(ours)
    for uid, event in parsed.items():
        assert event.dtstart.value == ours[uid]["dtstart"].dt
        assert event.dtend.value == ours[uid]["dtend"].dt
        assert event.summary.value == str(ours[uid]["summary"])
        assert isinstance(event.dtstart.value, datetime.date) and not isinstance(event.dtstart.value, datetime.datetime)


@pytest.mark.parametrize(
    "deliverable, first, after, words",
    [
        ("safety.world-cup-bridge", "2020-12-01", "2021-01-01", "to the month"),  # a month
        ("future.media-city-biennale", "2020-09-08", "2020-11-23", "range to the day"),  # a range of days
        ("democracy.pay-gap-stage-1", "2020-01-01", "2020-03-01", "range to the month"),  # (1~2월)
        ("covid.early-budget-execution", "2020-01-01", "2020-07-01", "a date to the half-year"),  # 상반기
        ("democracy.pay-gap-stage-3", "2020-05-01", "2020-05-02", "open start"),
        ("future.ai-support-centre", "2022-11-30", "2022-12-01", "deadline"),  # ~'22.11: its last day
        ("covid.daily-response-meetings", "2020-01-26", "2020-01-27", "open start"),  # '20.1.26.~
        ("future.uia-assembly-summary", "2020-01-01", "2021-01-01", "to the year"),
    ],
)
def test_dates_span_what_the_plan_gives(run, deliverable, first, after, words):
    result = run("--locale", "en_US", "schedule", "--format", "ics", "--grep", deliverable.split(".")[1])
    assert result.exit_code == 0, result.stderr
    event = events_of(result.stdout_bytes)[f"{deliverable}@seoulplan"]
    assert event["dtstart"].dt == datetime.date.fromisoformat(first)
    assert event["dtend"].dt == datetime.date.fromisoformat(after)
    description = str(event["description"])
    assert words in description
    record = seoulplan.load().schedule().set_index("id").loc[deliverable]
    assert f"“{record['source']}”" in description and record["when"] in description


def test_days_of_every_precision():
    assert days("2020-02", "2020-02") == (datetime.date(2020, 2, 1), datetime.date(2020, 3, 1))
    assert days("2020-07", "2020-12") == (datetime.date(2020, 7, 1), datetime.date(2021, 1, 1))
    assert days("2020-09-22", "2020-09-26") == (datetime.date(2020, 9, 22), datetime.date(2020, 9, 27))
    assert days(None, "2022") == (datetime.date(2022, 12, 31), datetime.date(2023, 1, 1))
    assert days("2020-02", None) == (datetime.date(2020, 2, 1), datetime.date(2020, 2, 2))


def test_same_bytes_twice_and_the_stamp(run, whole, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = run("schedule", "--format", "ics").stdout_bytes
    assert again == whole
    stamps = {e["dtstamp"].dt for e in icalendar.Calendar.from_ical(whole).walk("VEVENT")}
    assert stamps == {datetime.datetime(2020, 2, 1, tzinfo=datetime.timezone.utc)}  # plan.published 2020-02
    fixed = run("schedule", "--format", "ics", env={"SOURCE_DATE_EPOCH": "1600000000"}).stdout_bytes
    assert fixed != whole
    stamps = {e["dtstamp"].dt for e in icalendar.Calendar.from_ical(fixed).walk("VEVENT")}
    assert stamps == {datetime.datetime(2020, 9, 13, 12, 26, 40, tzinfo=datetime.timezone.utc)}


def test_korean_and_english_text(run):
    korean = events_of(run("schedule", "-f", "ics", "--grep", "world-cup-bridge").stdout_bytes)
    english = events_of(run("--locale", "en_US", "schedule", "-f", "ics", "--grep", "world-cup-bridge").stdout_bytes)
    uid = "safety.world-cup-bridge@seoulplan"
    assert str(korean[uid]["summary"]).startswith("월드컵대교")
    assert str(english[uid]["summary"]) == "World Cup Bridge main line opens to traffic"
    assert "월 단위" in str(korean[uid]["description"]) and "to the month" in str(english[uid]["description"])


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["schedule", "-f", "ics", "--columns", "id"], "--columns"),
        (["schedule", "-f", "ics", "--encoding", "cp949"], "UTF-8"),
        (["kpi", "-o", "kpis.ics"], "ics"),
        (["budget", "--format", "ics"], "ics"),
    ],
)
def test_what_an_ics_file_cannot_be(run, args, fragment, tmp_path, monkeypatch, english):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert fragment in result.stderr and not result.stdout
    assert not (tmp_path / "kpis.ics").exists()
