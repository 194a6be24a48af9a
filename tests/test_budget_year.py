"""The budget through its year (SPEC §5, issue 23): a budget ledger of supplementary budgets
(추경), execution (집행) and settlement, measured at the date of the question.

The worked year (tests/data/budget-2020.csv), checked by hand here. The plan's original
budget: 일반회계 268,934억, 특별회계 126,425억 (총계). Two supplementary budgets, on
2020-03-17 (일반 272,934, 특별 126,925) and 2020-07-03 (일반 278,934, 특별 127,425), and a
month-end execution for each account. The pace is the straight line from 0% on 2019-12-31
to 100% on 2020-12-31 (366 days).

- 2020-02-29, before the first 추경: current = the original; 일반 54,000 ÷ 268,934 = 20.0792%,
  expected 60/366 = 16.3934% (순항); 특별 20,000 ÷ 126,425 = 15.8197% (지연).
- 2020-05-31, between the two: 일반 current 272,934 (+4,000 = 1.4874%), 136,467 ÷ 272,934 =
  50.0% against 152/366 = 41.5301% (순항); 특별 50,000 ÷ 126,925 = 39.3933% (지연).
- 2020-07-31, after both: 일반 278,934 (+10,000 = 3.7184%), 190,000 ÷ 278,934 = 68.1165%
  against 213/366 = 58.1967%.
- With the stated pace 60% by 2020-06-30, 2020-06-30 expects 60%: 일반's 163,680 ÷ 272,934 =
  59.9705% is then 지연 (순항 on the straight line's 49.7268%); 2020-05-31 expects
  60 × 152/182 = 50.1099%.
"""

from pathlib import Path

import pandas as pd
import pytest

from seoulplan.errors import DataError, UsageError

DATA = Path(__file__).parent / "data"
LEDGER = str(DATA / "budget-2020.csv")


@pytest.fixture(scope="module")
def plan():
    import seoulplan

    return seoulplan.load()


def by_item(frame: pd.DataFrame) -> dict:
    return {row["item"]: row for row in frame.to_dict("records")}


def test_before_the_first_supplementary_the_current_budget_is_the_original(plan):
    rows = by_item(plan.budget_track(LEDGER, as_of="2020-02-29"))
    general, special = rows["gross.general"], rows["gross.special"]
    assert general["current_eok"] == general["original_eok"] == 268934
    assert general["supplementaries"] == 0 and general["supplementary_change_eok"] == 0
    assert general["executed_eok"] == 54000 and general["as_of"] == "2020-02"
    assert general["execution_rate_pct"] == pytest.approx(54000 / 268934 * 100)
    assert general["expected_execution_pct"] == pytest.approx(60 / 366 * 100)
    assert general["status"] == "순항"
    assert special["execution_rate_pct"] == pytest.approx(20000 / 126425 * 100)
    assert special["status"] == "지연"


def test_between_the_two_supplementaries(plan):
    rows = by_item(plan.budget_track(LEDGER, as_of="2020-05-31"))
    general, special = rows["gross.general"], rows["gross.special"]
    assert general["current_eok"] == 272934 and general["supplementaries"] == 1
    assert general["supplementary_change_eok"] == 4000
    assert general["supplementary_change_pct"] == pytest.approx(4000 / 268934 * 100)
    assert general["execution_rate_pct"] == 50.0
    assert general["expected_execution_pct"] == pytest.approx(152 / 366 * 100)
    assert (general["status"], special["status"]) == ("순항", "지연")
    assert special["current_eok"] == 126925
    assert special["execution_rate_pct"] == pytest.approx(50000 / 126925 * 100)
    assert general["over_budget"] is False


def test_after_both_supplementaries(plan):
    rows = by_item(plan.budget_track(LEDGER, as_of="2020-07-31"))
    general = rows["gross.general"]
    assert general["current_eok"] == 278934 and general["supplementaries"] == 2
    assert general["supplementary_change_pct"] == pytest.approx(10000 / 268934 * 100)
    assert general["execution_rate_pct"] == pytest.approx(190000 / 278934 * 100)
    assert general["expected_execution_pct"] == pytest.approx(213 / 366 * 100)


def test_items_the_ledger_does_not_name_are_not_reported(plan):
    rows = by_item(plan.budget_track(LEDGER, as_of="2020-07-31"))
    budget = [f"{b}.{a}" for b in ("gross", "net", "execution") for a in ("total", "general", "special")]
    assert list(rows)[:9] == budget
    assert list(rows)[9:] == [
        "finance.transfers", "finance.mandatory", "finance.mandatory_districts", "finance.mandatory_education",
        "finance.mandatory_debt", "finance.mandatory_funds", "finance.funds", "finance.district_budgets",
    ]  # fmt: skip
    assert rows["net.general"]["status"] == "미보고"
    assert rows["net.general"]["current_eok"] == rows["net.general"]["original_eok"] == 232186


def test_a_stated_pace_sets_the_expected_execution(plan):
    rows = by_item(plan.budget_track(LEDGER, as_of="2020-06-30", pace="2020-06-30:60"))
    assert rows["gross.general"]["expected_execution_pct"] == 60
    assert rows["gross.general"]["status"] == "지연"
    straight = by_item(plan.budget_track(LEDGER, as_of="2020-06-30"))
    assert straight["gross.general"]["status"] == "순항"
    before = by_item(plan.budget_track(LEDGER, as_of="2020-05-31", pace=[("2020-06-30", 60)]))
    assert before["gross.general"]["expected_execution_pct"] == pytest.approx(60 * 152 / 182)


@pytest.mark.parametrize("pace", ["2020-06-30", "2021-06-30:60", "2020-06-30:160", "2020-03-31:60,2020-06-30:50"])
def test_a_pace_that_cannot_be_is_a_usage_error(plan, pace):
    with pytest.raises(UsageError, match="pace"):
        plan.budget_track(LEDGER, pace=pace)


def test_after_the_year_the_status_settles(plan):
    ledger = pd.DataFrame(
        {
            "item": ["gross.general", "gross.general", "gross.special", "gross.total"],
            "phase": ["executed", "결산", "executed", "executed"],
            "amount": ["200000", "260000", "126425", "400000"],
            "as_of": ["2020-11", "2021-05-31", "2020-12-31", "2020-12"],
        }
    )
    rows = by_item(plan.budget_track(ledger, as_of="2021-06-30"))
    assert rows["gross.general"]["executed_eok"] == rows["gross.general"]["settled_eok"] == 260000
    assert rows["gross.general"]["status"] == "근접"  # 260,000 ÷ 268,934 = 96.7% ≥ 90
    assert rows["gross.special"]["status"] == "달성"
    assert rows["gross.total"]["over_budget"] is True  # flagged, not refused
    assert rows["gross.total"]["status"] == "달성"
    early = by_item(plan.budget_track(ledger, as_of="2020-12-31"))
    assert early["gross.general"]["status"] == "미달" and pd.isna(early["gross.general"]["settled_eok"])


def test_the_phases_are_the_budget_history(plan):
    phases = plan.budget_phases(LEDGER)
    general = phases[phases["item"] == "gross.general"]
    assert general["phase"].tolist() == ["original", "supplementary", "supplementary"]
    assert general["supplementary_number"].tolist()[1:] == [1, 2]
    assert general["amount_eok"].tolist() == [268934, 272934, 278934]
    assert general["change_eok"].tolist()[1:] == [4000, 6000]
    assert general["change_pct"].iloc[2] == pytest.approx(6000 / 272934 * 100)
    assert general["supplementary_change_eok"].tolist() == [0, 4000, 10000]
    early = plan.budget_phases(LEDGER, as_of="2020-05")
    assert early[early["item"] == "gross.general"]["phase"].tolist() == ["original", "supplementary"]


def test_the_finance_budgets_are_items_too(plan):
    ledger = pd.DataFrame(
        {"item": ["finance.funds", "finance.funds"], "phase": ["추경", "집행"], "amount": ["25,486억", "12743"],
         "as_of": ["2020-04-01", "2020-06-30"]}
    )  # fmt: skip
    rows = by_item(plan.budget_track(ledger, as_of="2020-06-30"))
    funds = rows["finance.funds"]
    assert (funds["basis_name"], funds["account_name"], funds["original_eok"]) == ("기금", "기금규모", 24486)
    assert funds["current_eok"] == 25486 and funds["execution_rate_pct"] == 50.0 and funds["status"] == "순항"
    observations = plan.tables(budget_ledger=ledger)["budget_observations"]
    assert observations["basis"].isna().all()  # no row of the budget table to join to
    with pytest.raises(DataError, match=r"unknown budget item 'finance\.bonds'"):
        plan.budget_track(ledger.assign(item="finance.bonds"))  # a balance, not a budget


def test_money_as_people_write_it(plan):
    ledger = pd.DataFrame(
        {
            "item": ["gross.general", "gross.general", "gross.special"],
            "phase": ["1차 추경", "executed", "집행액"],
            "amount": ["27조 2,934억원", "8,619억", "862,000,000,000원"],
            "as_of": ["2020. 3. 17.", "2020년 1월", "2020-Q1"],
        }
    )
    rows = by_item(plan.budget_track(ledger, as_of="2020-03-31"))
    assert rows["gross.general"]["current_eok"] == 272934
    assert rows["gross.general"]["executed_eok"] == 8619
    assert rows["gross.special"]["executed_eok"] == 8620


def test_every_problem_with_its_line(plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "item,phase,amount,as_of\n"
        "gross.genral,추경,272934,2020-03-17\n"
        "gross.general,3차 조정,272934,2020-03-17\n"
        "gross.general,집행,-5,2020-03\n"
        "gross.general,집행,5000,2020-13\n"
        "gross.general,추경,272934,\n"
        "gross.special,집행,862000000000,2020-03\n"
        "gross.special,집행,12345,2020-05\n"
        "gross.special,executed,12345,2020-05-31\n"
        "gross.special,2차 추경,130000,2020-06-01\n"
        "gross.special,2차 추경,131000,2020-07-01\n"
        "net.total,original,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        plan.budget_track(str(path))
    lines = str(caught.value).splitlines()
    assert lines[0].endswith("8 problem(s) in the budget ledger:")
    assert "bad.csv:2: column 1 (item): unknown budget item 'gross.genral'; did you mean gross.general" in lines[1]
    assert "bad.csv:3: column 2 (phase): '3차 조정' is not a phase" in lines[2]
    assert "bad.csv:4: column 3 (amount): '-5' is negative" in lines[3]
    assert "bad.csv:5: column 4 (as_of): '2020-13' is not a date" in lines[4]
    assert "bad.csv:6: column 4 (as_of): a supplementary figure needs its date" in lines[5]
    assert "bad.csv:7: column 3 (amount): 862000000000 억원 is more than 100 times" in lines[6]
    assert "bad.csv:8:" not in str(caught.value)  # 12,345 as of 2020-05 first: the second is refused
    assert "bad.csv:9: column 2 (phase): a second executed figure for gross.special as of 2020-05-31" in lines[7]
    assert "(the first is at " in lines[7] and lines[7].endswith("bad.csv:8)")
    assert "bad.csv:11: column 2 (phase): a second supplementary budget no. 2 for gross.special" in lines[8]
    assert caught.value.exit_code == 3


def test_a_kpi_ledger_is_no_budget_ledger(plan):
    with pytest.raises(DataError, match="the header has no 'item' column"):
        plan.budget_track(str(DATA / "ledger-2020.csv"))


def test_supplementary_numbers_follow_their_dates(plan):
    ledger = pd.DataFrame(
        {
            "item": ["gross.general", "gross.general", "gross.special"],
            "phase": ["2차 추경", "1차 추경", "1차 추경"],
            "amount": ["272934", "278934", "126925"],
            "as_of": ["2020-03-17", "2020-07-03", "2020-03-17"],
        }
    )
    with pytest.raises(DataError) as caught:
        plan.budget_track(ledger)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2  # 특별회계's 1차 추경 alone is in order
    assert (
        "budget:2: gross.general's supplementary budget no. 1 (2020-07-03) is dated after the one at budget:1"
        in lines[1]
    )
