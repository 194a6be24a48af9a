"""The pace model (README "How a target is paced", seoulplan.core.pace): what a target expects
at a date and which status follows, before and after its deadline, for every kind of target.

Each case is a small ledger given to the library, with figures computed by hand below it.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import seoulplan


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


def ledger(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "actual", "as_of"])


def one(plan, rows, kpi, **kwargs) -> dict:
    frame = plan.attainment(ledger(*rows), **kwargs)
    return frame.set_index("id").loc[kpi].to_dict()


# -- a count with a baseline: from the baseline at the end of its year to the target ------------


def test_a_count_with_a_baseline_is_paced_from_it(plan):
    # future.labour-support-centres: 18 ('19) -> 23 ('20) -> 25 ('21)
    row = one(plan, [("future.labour-support-centres", 20, "2020-06-30")], "future.labour-support-centres",
              as_of="2020-06-30")  # fmt: skip
    assert row["target_year"] == 2020 and row["target"] == 23
    assert row["progress_pct"] == pytest.approx(40.0)  # (20 - 18) / (23 - 18)
    assert row["expected_progress_pct"] == pytest.approx(182 / 366 * 100)  # 2019-12-31 .. 2020-06-30: 182 of 366 days
    assert row["expected"] == pytest.approx(18 + 5 * 182 / 366)
    assert row["status"] == "지연"
    assert row["projected"] == pytest.approx(18 + 2 * 366 / 182)  # the line through 18 and 20, at 2020-12-31


def test_the_next_goal_is_paced_from_the_one_before(plan):
    row = one(plan, [("future.labour-support-centres", 24, "2021-06-30")], "future.labour-support-centres",
              as_of="2021-06-30")  # fmt: skip
    assert (row["target_year"], row["target"]) == (2021, 25)
    assert row["progress_pct"] == pytest.approx(50.0)  # (24 - 23) / (25 - 23)
    assert row["expected_progress_pct"] == pytest.approx(181 / 365 * 100)
    assert row["status"] == "순항"


# -- a term total without a baseline: from zero, not from the start of its final year ----------


def test_a_multi_year_total_is_paced_from_the_start_of_the_plan(plan):
    # safety.line9-additional-cars: 36칸 by 2022, no baseline
    row = one(plan, [("safety.line9-additional-cars", 0, "2021-12")], "safety.line9-additional-cars",
              as_of="2021-12-31")  # fmt: skip
    days = (datetime.date(2021, 12, 31) - datetime.date(2020, 1, 1)).days
    span = (datetime.date(2022, 12, 31) - datetime.date(2020, 1, 1)).days
    assert row["expected_progress_pct"] == pytest.approx(days / span * 100)  # 66.7%, not 0%
    assert row["attainment_pct"] == 0 and row["status"] == "지연"
    on_pace = one(plan, [("safety.line9-additional-cars", 25, "2021-12")], "safety.line9-additional-cars",
                  as_of="2021-12-31")  # fmt: skip
    assert on_pace["status"] == "순항"
    assert on_pace["projected"] == pytest.approx(25 * span / days)


# -- the question's date: statuses do not freeze at the last actual ---------------------------


def test_after_the_deadline_the_verdict_is_final(plan):
    rows = [("future.job-cafes", 95, "2020-Q2")]
    before = one(plan, rows, "future.job-cafes", as_of="2020-Q2")
    after = one(plan, rows, "future.job-cafes", as_of="2021-03-31")
    assert before["status"] == "지연"
    assert after["status"] == "근접" and after["stale"]  # 95 of 100: near, from a report half a year old
    assert pd.isna(after["expected_progress_pct"]) and pd.isna(after["projected"])


def test_the_pace_is_read_at_the_question_not_at_the_actual(plan):
    rows = [("future.job-cafes", 95, "2020-Q2")]  # 98 ('19) -> 100 ('20)? the pace moves on with the date
    q2 = one(plan, rows, "future.job-cafes", as_of="2020-Q2")
    q3 = one(plan, rows, "future.job-cafes", as_of="2020-Q3")
    assert q3["expected_progress_pct"] > q2["expected_progress_pct"]
    assert q3["as_of"] == "2020-Q2" and not q3["stale"]  # 92 days: not stale yet
    q4 = one(plan, rows, "future.job-cafes", as_of="2020-11-30")
    assert q4["stale"]


def test_a_2020_ledger_asked_in_2021_has_no_pace_statuses_for_2020_targets(plan):
    frame = plan.attainment("tests/data/ledger-2020.csv", as_of="2021-03-31")
    of_2020 = frame[frame["target_year"] == 2020]
    assert not of_2020["status"].isin(["순항", "지연", "진행 중"]).any()
    assert set(of_2020["status"]) <= {"달성", "근접", "미달", "미보고"}


def test_a_late_report_does_not_settle_a_deadline_that_has_passed(plan):
    row = one(plan, [("future.job-cafes", 100, "2021-Q1")], "future.job-cafes", as_of="2021-06-30")
    assert row["status"] == "미보고"  # nothing reported by 2020-12-31


def test_without_as_of_the_question_is_asked_today_within_the_plans_years(plan):
    rows = [("future.job-cafes", 95, "2020-Q2")]
    early = one(plan, rows, "future.job-cafes", today=datetime.date(2020, 9, 30))
    assert early["evaluated_at"] == "2020-09-30" and early["status"] == "지연"
    late = one(plan, rows, "future.job-cafes", today=datetime.date(2099, 1, 1))
    assert late["evaluated_at"] == plan.horizon.isoformat() and late["status"] == "근접"


# -- 미보고: one meaning --------------------------------------------------------------------------


def test_every_target_chosen_is_listed_and_those_without_an_actual_are_not_reported(plan):
    frame = plan.attainment(ledger(("future.job-cafes", 95, "2020-Q2")), as_of="2020-Q2", pillar="future")
    assert len(frame) == len(plan.kpis("future"))
    assert (frame["status"] == "미보고").sum() == len(frame) - 1
    counts = plan.pillar_attainment(ledger(("future.job-cafes", 95, "2020-Q2")), as_of="2020-Q2")
    future = counts.set_index("pillar").loc["future"]
    assert future["not_reported"] == len(frame) - 1 and future["with_actuals"] == 1


# -- several ledgers ----------------------------------------------------------------------------


def test_several_ledgers_merge_and_a_disagreement_names_both_places(plan, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,actual,as_of\nfuture.job-cafes,95,2020-Q2\n", encoding="utf-8")
    b.write_text("id,actual,as_of\nfuture.job-cafes,95,2020-06-30\nfuture.job-cafes,98,2020-Q3\n", encoding="utf-8")
    frame = plan.observations([a, b])
    assert frame["as_of"].tolist() == ["2020-Q2", "2020-Q3"]
    b.write_text("id,actual,as_of\nfuture.job-cafes,96,2020-Q2\n", encoding="utf-8")
    with pytest.raises(seoulplan.errors.DataError) as caught:
        plan.observations([a, b])
    assert f"{a}:2 and {b}:2" in str(caught.value) and "(95, 96)" in str(caught.value)


# -- track: a continuous grid, and the changes between two dates -------------------------------


def test_track_has_every_period_and_the_blanks_are_not_reported(plan):
    rows = [
        ("future.job-cafes", 94, "2020-01"),
        ("future.job-cafes", 98, "2020-06"),
        ("future.labour-rights-officers", None, None),
    ]
    frame = plan.track(ledger(*rows), by="month")
    months = frame[frame["id"] == "future.job-cafes"]
    assert months["period"].tolist() == [f"2020-{m:02d}" for m in range(1, 7)]
    assert months["status"].tolist()[1:5] == ["미보고"] * 4
    assert set(frame["id"]) == {"future.job-cafes", "future.labour-rights-officers"}  # blank-only KPIs listed
    extended = plan.track(ledger(*rows), by="quarter", as_of="2021-03-31")
    assert extended["period"].unique().tolist() == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1"]


def test_changes_between_two_dates_say_what_changed(plan):
    rows = [("future.job-cafes", 94, "2020-Q1"), ("future.job-cafes", 95, "2020-Q2")]
    frame = plan.status_changes(ledger(*rows), "2020-Q1", "2020-Q2")
    row = frame.set_index("id").loc["future.job-cafes"]
    assert (row["from_status"], row["to_status"]) == ("순항", "지연")
    assert row["progress_pct"] < row["expected_progress_pct"]
