"""The biggest planned changes (Plan.biggest_changes) and every observation measured
(Plan.observations): the frames the report draws."""

import pandas as pd
import pytest

import seoulplan
from seoulplan.core import changes

LEDGER = "tests/data/ledger-2020.csv"


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


def test_the_largest_rises_and_falls_of_each_pillar(plan):
    biggest = plan.biggest_changes(3)
    assert list(biggest.columns) == list(changes.COLUMNS)
    targets = plan.kpis()
    for (pillar, direction), rows in biggest.groupby(["pillar", "change_direction"], sort=False):
        based = targets[(targets["pillar"] == pillar) & targets["growth_pct"].notna()]
        pool = based[based["growth_pct"] > 0] if direction == "increase" else based[based["growth_pct"] < 0]
        expected = pool["growth_pct"].abs().sort_values(ascending=False, kind="stable").head(3).tolist()
        assert rows["growth_pct"].abs().tolist() == expected, (pillar, direction)
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
    assert biggest.iloc[0][["pillar", "change_direction", "growth_pct"]].tolist() == ["future", "increase", 400.0]


def test_rises_come_before_falls_and_pillars_keep_their_order(plan):
    biggest = plan.biggest_changes()
    pillars = list(dict.fromkeys(biggest["pillar"]))
    assert pillars == [p for p in dict.fromkeys(plan.kpis()["pillar"]) if p in pillars]
    for _, rows in biggest.groupby("pillar", sort=False):
        directions = rows["change_direction"].tolist()
        assert directions == sorted(directions, key=changes.CHANGE_DIRECTIONS.index)
    welfare = biggest[biggest["pillar"] == "welfare"]
    assert welfare.iloc[0]["id"] == "welfare.single-household-support-centres"  # 1 → 20개소, +1,900%
    falls = biggest[biggest["change_direction"] == "decrease"]
    assert (falls["growth_pct"] < 0).all() and (
        biggest.loc[biggest["change_direction"] == "increase", "growth_pct"] > 0
    ).all()


def test_ties_keep_the_datasets_order():
    frame = pd.DataFrame(
        {
            "pillar": ["a", "a", "a", "b"],
            "id": ["a.1", "a.2", "a.3", "b.1"],
            "growth_pct": pd.array([50.0, 80.0, 50.0, None], dtype="Float64"),
        }
    )
    out = changes.biggest(frame, 5)
    assert out["id"].tolist() == ["a.2", "a.1", "a.3"] and "b" not in out["pillar"].tolist()
    with pytest.raises(ValueError):
        changes.biggest(frame, 0)


def test_observations_are_dated_at_the_end_of_their_period(plan):
    observations = plan.observations(LEDGER)
    ledger = pd.read_csv(LEDGER, dtype=str)
    assert len(observations) == ledger["actual"].notna().sum() == 12
    cafes = observations[observations["id"] == "future.job-cafes"]
    assert cafes["as_of_date"].tolist() == ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"]
    assert cafes["actual"].tolist() == [94, 95, 98, 100] and cafes["status"].tolist() == [
        "순항",
        "지연",
        "순항",
        "달성",
    ]
    centres = observations[observations["id"] == "future.labour-support-centres"]
    assert centres["target_year"].tolist() == [2020, 2020, 2021]  # 2021-Q2 is measured against the 2021 milestone
    assert observations["line"].notna().all()  # each one's line in the ledger


def test_observations_agree_with_track(plan):
    tracked = plan.track(LEDGER, by="month")
    tracked = tracked[tracked["actual"].notna()]  # the months that hold an observation
    observed = plan.observations(LEDGER)
    common = ["id", "as_of", "actual", "attainment_pct", "progress_pct", "expected_progress_pct", "status"]
    pd.testing.assert_frame_equal(
        tracked[common].sort_values(["id", "as_of"]).reset_index(drop=True),
        observed[common].sort_values(["id", "as_of"]).reset_index(drop=True),
    )


def test_observations_leave_out_what_comes_after_as_of(plan):
    assert plan.observations(LEDGER, as_of="2020-Q2")["as_of"].tolist() == [
        "2020-H1",
        "2020-Q1",
        "2020-Q2",
        "2020-Q1",
        "2020-Q2",
        "2020-H1",
    ]  # fmt: skip  (the KPIs in the dataset's order, each by date)
