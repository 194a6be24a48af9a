"""Delivery tracking: ``schedule status --actuals LEDGER`` and ``plan.schedule(deliveries=…)`` (issue 19, point 4).

Each status at a date of the question, the days late, the gate ``--fail-on``, the template's
round trip through CSV and xlsx, the ledger in every form the KPI ledger takes, and what a
bad ledger gets: file:line messages, exit 3, the closest ids. The bad ledgers run the
installed seoulplan as a real process (tests/helpers.py), within the bounds.
"""

import csv
import datetime
import io

import pandas as pd
import pytest
from helpers import bounded, refused
from helpers import run as process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seoulplan
from seoulplan.errors import DataError

BRIDGE = "safety.world-cup-bridge"  # ('20.12), one month
RING = "safety.gangnam-ring-road"  # ('20.12)
FIREWORKS = "future.fireworks-festival"  # 2020-10-03
GSEF = "future.gsef-forum"  # (10월)
MEETINGS = "covid.daily-response-meetings"  # '20. 1. 26. ~ : an open start
AI_CENTRE = "future.ai-support-centre"  # (~'22.11): a deadline
ALERT = "covid.alert-level-caution"  # a past fact (kind: done)
CHANGDONG = "balance.changdong-bridge-design"  # 2020-09

LEDGER = (
    "id,done,as_of,note\n"
    f"{BRIDGE},2021-01-20,,opened late\n"
    f"{RING},완료,2020-12-15,\n"
    f"{FIREWORKS},취소,2020-08-01,COVID-19\n"
    f"{GSEF},지연,2020-09-30,\n"
)


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


def by_id(frame: pd.DataFrame) -> dict:
    return {r["id"]: r for r in frame.astype(object).where(frame.notna(), None).to_dict("records")}


def test_every_status_and_the_days_late(plan):
    ledger = pd.read_csv(io.StringIO(LEDGER), dtype=str)
    rows = by_id(plan.schedule(deliveries=ledger, as_of="2021-02"))
    assert (rows[BRIDGE]["status"], rows[BRIDGE]["done"], rows[BRIDGE]["days_late"]) == ("완료", "2021-01-20", 20)
    assert (rows[RING]["status"], rows[RING]["done"], rows[RING]["days_late"]) == ("완료", "2020-12-15", 0)
    assert rows[FIREWORKS]["status"] == "취소" and rows[FIREWORKS]["days_late"] is None
    assert (rows[GSEF]["status"], rows[GSEF]["days_late"]) == ("기한 경과", 120)  # delayed: 31 Oct + 120 days
    assert rows[MEETINGS]["status"] == "진행 중"  # an open start never falls due
    assert rows[AI_CENTRE]["status"] == "진행 중"  # a deadline ahead
    assert (rows[ALERT]["status"], rows[ALERT]["done"]) == ("완료", "2020-01-20")  # a past fact
    early = by_id(plan.schedule(deliveries=ledger, as_of="2020-06-30"))
    assert early[BRIDGE]["status"] == "예정" and early[GSEF]["status"] == "예정"
    assert early[FIREWORKS]["status"] == "예정"  # cancelled on 1 August: not yet
    assert early[CHANGDONG]["status"] == "예정"
    october = by_id(plan.schedule(deliveries=ledger, as_of="2020-10-15"))
    assert october[GSEF]["status"] == "진행 중" and october[FIREWORKS]["status"] == "취소"
    assert october[CHANGDONG]["status"] == "기한 경과" and october[CHANGDONG]["days_late"] == 15


def test_the_columns_and_the_date_of_the_question(plan):
    frame = plan.schedule(deliveries={BRIDGE: "2020-12-20"}, as_of="2020-12", pillar="safety")
    assert list(frame.columns) == [*plan.schedule().columns, "status", "done", "days_late"]
    assert [str(frame[c].dtype) for c in ("status", "done", "days_late")] == ["string", "string", "Int64"]
    assert str(frame.attrs["as_of"]) == "2020-12-31"
    today = plan.schedule(deliveries={}, today=__import__("datetime").date(2020, 3, 1))
    assert str(today.attrs["as_of"]) == "2020-03-01"


def test_a_ledger_in_yaml_reads_as_csv_does(plan, tmp_path):
    (tmp_path / "d.yaml").write_text(
        f"- {{id: {BRIDGE}, done: '2021-01-20'}}\n- {{id: {RING}, done: 완료, as_of: 2020-12-15}}\n", encoding="utf-8"
    )
    (tmp_path / "d.csv").write_text(f"id,done,as_of\n{BRIDGE},2021-01-20,\n{RING},완료,2020-12-15\n", encoding="utf-8")
    yaml_rows = plan.schedule(deliveries=str(tmp_path / "d.yaml"), as_of="2021")
    csv_rows = plan.schedule(deliveries=str(tmp_path / "d.csv"), as_of="2021")
    pd.testing.assert_frame_equal(yaml_rows, csv_rows)


def test_the_cli_adds_status_done_and_days_late(run, tmp_path):
    (tmp_path / "d.csv").write_text(LEDGER, encoding="utf-8")
    result = run("schedule", "status", "--actuals", str(tmp_path / "d.csv"), "--as-of", "2021-02", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert list(next(iter(rows.values())))[-3:] == ["status", "done", "days_late"]
    assert (rows[BRIDGE]["status"], rows[BRIDGE]["done"], rows[BRIDGE]["days_late"]) == ("완료", "2021-01-20", "20")
    english = run(
        "--locale",
        "en_US",
        "schedule",
        "status",
        "--actuals",
        str(tmp_path / "d.csv"),
        "--as-of",
        "2021-02",
        "--grep",
        "bridge",
    )
    assert "overdue" in english.stdout and "done" in english.stdout and "(as of 2021-02-28)" in english.stdout


@pytest.mark.parametrize("gate", ["기한경과", "기한 경과", "overdue", "planned,overdue"])
def test_fail_on_overdue_gates_a_script(run, tmp_path, gate):
    (tmp_path / "d.csv").write_text(LEDGER, encoding="utf-8")
    args = ("schedule", "status", "--actuals", str(tmp_path / "d.csv"), "--as-of", "2021-02", "--pillar", "safety")
    assert run(*args).exit_code == 0
    failed = run(*args, "--fail-on", gate)
    assert failed.exit_code == 1 and "기한 경과" in failed.stderr
    assert BRIDGE not in failed.stderr.partition(":")[2] or "…" in failed.stderr
    assert failed.stdout  # the listing is written before the gate fails
    passing = run(*args, "--kind", "open", "--grep", "bridge", "--fail-on", "overdue")
    assert passing.exit_code == 0, passing.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_template_round_trip(run, tmp_path, suffix):
    template = tmp_path / f"deliveries.{suffix}"
    result = run("schedule", "template", "--pillar", "safety", "--kind", "open", "-o", str(template))
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(template, dtype=str) if suffix == "csv" else pd.read_excel(template, dtype=str)
    headers = {"csv": ["id", "name", "start", "end", "done", "as_of", "note"]}  # a workbook's are the titles
    assert list(frame.columns) == headers.get(suffix, ["ID", "이름", "시작", "끝", "완료일", "기준일", "비고"])
    key, done, as_of = frame.columns[[0, 4, 5]]
    assert BRIDGE in set(frame[key]) and frame[done].isna().all()
    frame.loc[frame[key] == BRIDGE, done] = "2020-12-28"
    frame.loc[frame[key] == RING, [done, as_of]] = ["지연", "2020-12-31"]
    if suffix == "csv":
        frame.to_csv(template, index=False)
    else:
        frame.to_excel(template, index=False)
    measured = run(
        "schedule", "status", "--actuals", str(template), "--as-of", "2021-01", "--pillar", "safety", "-f", "csv"
    )
    assert measured.exit_code == 0, measured.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(measured.stdout))}
    assert (rows[BRIDGE]["status"], rows[BRIDGE]["days_late"]) == ("완료", "0")
    assert (rows[RING]["status"], rows[RING]["days_late"]) == ("기한 경과", "31")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["status", "--actuals", "x.csv", "--fail-on", "late"], "late"),
    ],
)
def test_usage_errors(run, args, fragment, english):
    result = run("schedule", *args)
    assert result.exit_code == 2 and fragment in result.stderr, result.stderr


def test_the_library_names_every_problem(plan):
    ledger = pd.DataFrame(
        {"id": ["safety.world-cup-bridg", RING, GSEF, GSEF], "done": ["2020-12-01", "완료", "someday", "2020-10-01"]}
    )
    with pytest.raises(DataError) as raised:
        plan.schedule(deliveries=ledger)
    message = str(raised.value)
    assert "4 problem(s)" not in message and "3 problem(s)" in message
    assert "did you mean safety.world-cup-bridge" in message and "needs as_of" in message and "someday" in message


# -- bad ledgers, through a real process ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "content, fragment",
    [
        ("id,done\nsafety.world-cup-bridg,2020-12-01\n", "d.csv:2: column 1 (id): unknown deliverable id"),
        ("id,done\nsafety.world-cup-bridg,2020-12-01\n", "did you mean safety.world-cup-bridge"),
        (f"id,done,as_of\n{BRIDGE},완료,\n", "d.csv:2: column 3 (as_of): '완료' needs as_of"),
        (f"id,done\n{BRIDGE},2020-13-01\n", "d.csv:2: column 2 (done): '2020-13-01' is neither a date"),
        (f"id,done,as_of\n{BRIDGE},완료,someday\n", "d.csv:2: column 3 (as_of): 'someday' is not a date"),
        (f"id,done\n{BRIDGE},2020-12-01\n{BRIDGE},2020-12-01\n", "d.csv:3: column 1 (id): a second report"),
        (f"id,actual\n{BRIDGE},2020-12-01\n", "the header has no 'done' column"),
        ("", "the file is empty; expected CSV with a header 'id,done,as_of'"),
        ("id,done\n" + "x" * 5000 + ",1\n", "unknown deliverable id"),
    ],
)
def test_a_bad_ledger_is_exit_3_with_its_place(tmp_path, english, content, fragment):
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    result = process("schedule", "status", "--actuals", path)
    refused(result, 3, fragment)
    assert len(result[2]) < 2000  # the 5 KB id is not echoed whole


@pytest.mark.slow
def test_a_ledger_of_many_bad_rows_is_read_within_the_bounds(tmp_path, english):
    path = tmp_path / "d.csv"
    path.write_text("id,done,as_of\n" + "".join(f"nowhere.{i},완료,\n" for i in range(20_000)), encoding="utf-8")
    err = bounded(process("schedule", "status", "--actuals", path), 3)
    assert "20,000 problem(s)" in err and "… and 19,950 more" in err


# -- the report's timeline ---------------------------------------------------------------------


@pytest.mark.slow
def test_the_report_has_a_timeline_and_marks_what_is_overdue(run, tmp_path):
    import html
    import re

    pytest.importorskip("matplotlib")
    (tmp_path / "d.csv").write_text(LEDGER, encoding="utf-8")
    page = tmp_path / "plan.html"
    plain = tmp_path / "plain.html"
    assert run("report", "-o", str(plain)).exit_code == 0
    result = run("report", "-o", str(page), "--deliveries", str(tmp_path / "d.csv"), "--date", "2020-12-31")
    assert result.exit_code == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    section = text[text.index('<section id="timeline"') : text.index("</section>", text.index('id="timeline"'))]
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", section)))
    assert "달별·분야별 추진 사항 수" in words and "2020-12-31 기준 기한이 지난 추진 사항" in words
    assert 'class="num behind"' in section  # the overdue counts are marked
    assert "safety.earthquake-safety-centre" in words and BRIDGE not in words and RING not in words  # done: not listed
    assert "기한 경과" not in plain.read_text(encoding="utf-8").split('id="timeline"')[1].split("</section>")[0]


# -- properties ----------------------------------------------------------------------------------


@given(
    done=st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2023, 12, 31)),
    asked=st.dates(min_value=datetime.date(2019, 1, 1), max_value=datetime.date(2023, 12, 31)),
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_days_late_is_the_days_from_the_deadline(plan, done, asked):
    """A deliverable due in December 2020 (31 December), reported done on ``done``: at any date
    of the question it is done once ``done`` has come, 0 days late up to its deadline and the
    days since after it; before, it is planned, in progress or overdue by the calendar alone."""
    deadline = datetime.date(2020, 12, 31)
    row = by_id(plan.schedule(deliveries={BRIDGE: done.isoformat()}, as_of=asked.isoformat(), grep="world-cup"))[BRIDGE]
    if done <= asked:
        assert (row["status"], row["done"]) == ("완료", done.isoformat())
        assert row["days_late"] == max(0, (done - deadline).days)
    elif asked > deadline:
        assert (row["status"], row["days_late"]) == ("기한 경과", (asked - deadline).days)
    else:
        assert row["status"] == ("진행 중" if asked >= datetime.date(2020, 12, 1) else "예정")
        assert row["days_late"] is None


def test_a_json_ledger_places_a_problem_by_its_path(plan, tmp_path):
    path = tmp_path / "d.json"
    path.write_text(f'[{{"id": "{BRIDGE}", "done": "2020-12-01"}}, {{"id": "{BRIDGE}", "done": "2020-12-01"}}]')
    with pytest.raises(DataError, match=r"d\.json: \$\[1\]\.id: a second report .* \(the first is at \$\[0\]\)"):
        plan.schedule(deliveries=str(path))


def test_the_ledger_options_belong_to_status_and_template_is_its_own_command(run, english):
    """``schedule status`` and ``schedule template`` (issue 20: a command does one thing): the
    listing itself takes no ledger options."""
    for option in ("--actuals", "--template", "--as-of", "--fail-on"):
        result = run("schedule", option)
        assert result.exit_code == 2 and f"No such option '{option}'" in result.stderr
    listing = run("schedule", "--help").stdout
    assert "status" in listing and "template" in listing and "--actuals LEDGER" not in listing.split("Options:")[1]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["status"], "Missing option '--actuals'"),
        (["--by", "month", "status", "--actuals", "x.csv"], "--by before 'status' would be ignored"),
        (["--pillar", "safety", "template"], "--pillar before 'template' would be ignored"),
        (["template", "--by", "month"], "No such option '--by'"),
    ],
)
def test_subcommand_usage_errors(run, args, fragment, english):
    result = run("schedule", *args)
    assert result.exit_code == 2 and fragment in result.stderr, result.stderr
