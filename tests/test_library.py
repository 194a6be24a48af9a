"""The library (SPEC §2a): the same tables as the command line, as pandas DataFrames.

Every machine format the CLI writes comes from these frames: a library call equals,
cell for cell, the CLI's JSON for the same query, with nullable dtypes.
"""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import dataset_records

import seoulplan
from seoulplan.core import kpis
from seoulplan.core.kpis import FACTS
from seoulplan.errors import DataError, UsageError

ACTUALS = str(Path(__file__).parent / "data" / "actuals.csv")
LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
NULLABLE = {"Int64", "Float64", "string", "boolean"}


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


QUERIES = [
    (["budget"], lambda p: p.budget()),
    (
        ["budget", "--basis", "gross", "--compare", "2019", "--per-capita"],
        lambda p: p.budget("gross", 2019, per_capita=True),
    ),
    (["finance"], lambda p: p.finance()),
    (["finance", "bonds"], lambda p: p.finance("bonds")),
    (["general"], lambda p: p.general()),
    (["covid"], lambda p: p.covid()),
    (["pillars"], lambda p: p.pillars()),
    (["kpi"], lambda p: p.kpis()),
    (["kpi", "--pillar", "welfare"], lambda p: p.kpis("welfare")),
    (["kpi", "--pillar", "1", "--strategy", "7"], lambda p: p.kpis("1", strategy=7)),
    (["kpi", "--grep", "청년"], lambda p: p.kpis(grep="청년")),
    (["kpi", "show", "future.youth-unemployment-rate"], lambda p: p.kpi("future.youth-unemployment-rate")),
    (["kpi", "--kind", "all"], lambda p: p.kpis(kind="all")),
    (["kpi", "--kind", "achievement"], lambda p: p.kpis(kind="achievement")),
    (["kpi", "status", "--actuals", ACTUALS], lambda p: p.attainment(ACTUALS)),
    (["kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2"], lambda p: p.attainment(LEDGER, as_of="2020-Q2")),
    (["kpi", "stated"], lambda p: p.stated_attainment()),
    (["kpi", "template", "--pillar", "covid"], lambda p: p.template("covid")),
    (["track", "--actuals", LEDGER], lambda p: p.track(LEDGER)),
    (["track", "--actuals", LEDGER, "--by", "month"], lambda p: p.track(LEDGER, by="month")),
    (["pillars", "--actuals", LEDGER], lambda p: p.pillar_attainment(LEDGER)),
    (["audit"], lambda p: p.audit()),
    (["audit", "--only-failures"], lambda p: p.audit(only_failures=True)),
]


def assert_same_cells(frame: pd.DataFrame, rows: list[dict]) -> None:
    assert len(frame) == len(rows)
    if rows:
        assert list(frame.columns) == list(rows[0])
    for i, row in enumerate(rows):
        for name, expected in row.items():
            value = frame[name].iloc[i]
            if isinstance(expected, list):  # milestones and parts: lists of objects in the frame too
                assert value == expected, (i, name, value, expected)
            elif expected is None:
                assert value is None or pd.isna(value), (i, name, value)
            else:
                assert not pd.isna(value) and value == expected, (i, name, value, expected)


@pytest.mark.slow
@pytest.mark.parametrize("args, query", QUERIES, ids=[" ".join(a) for a, _ in QUERIES])
def test_the_library_gives_the_frame_the_cli_writes(run, plan, args, query):
    frame = query(plan)
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert_same_cells(frame, json.loads(result.stdout))
    assert {str(dtype) for dtype in frame.dtypes} <= NULLABLE | {"object"}
    assert {c for c in frame.columns if frame[c].dtype == "object"} <= {"milestones", "parts", "parts_en"}  # lists


def test_machine_columns_are_the_documented_ones_in_order(plan):
    assert list(plan.budget("all", 2019).columns) == [
        "basis", "basis_name", "basis_name_en", "account", "account_name", "account_name_en", "year", "amount_eok",
        "share_pct",
        "compare_year", "compare_amount_eok", "compare_share_pct", "change_eok", "growth_pct",
    ]  # fmt: skip
    kpis = plan.kpis()
    assert list(kpis.columns[:8]) == ["id", "pillar", "pillar_name", "pillar_name_en", "strategy", "strategy_name",
                                      "strategy_name_en", "name"]  # fmt: skip
    assert list(kpis.columns[-8:]) == ["unambitious", "same_as", "part_of", "components", "restated_as", "suspect",
                                       "source", "quotes", "note"][-8:]  # fmt: skip


def test_pandas_does_the_work_and_keeps_the_figures_exact(plan):
    kpis = plan.kpis()
    rate = kpis.set_index("id").loc["future.youth-unemployment-rate"]
    assert (rate["change"], rate["growth_pct"]) == (-1.1, -12.5)  # 7.7 − 8.8, exactly
    counts = plan.pillars().groupby("pillar")[["pillar_kpis", "pillar_targets"]].first()
    assert counts["pillar_kpis"].sum() == len(plan.kpis(kind="all")) == dataset_records("kpis")
    assert counts["pillar_targets"].sum() == len(kpis)
    per_capita = plan.budget("gross", per_capita=True)["per_capita_krw"]
    assert per_capita.dtype == "Int64" and per_capita.iloc[0] == 3949246  # whole 원, half up


def test_milestones_in_long_form(plan):
    frame = plan.milestones()
    assert list(frame.columns) == ["id", "year", "value", "role"]
    assert set(frame["role"]) == {"baseline", "target", "milestone", "actual"}
    labour = frame[frame["id"] == "future.labour-support-centres"]
    assert labour[["year", "value", "role"]].values.tolist() == [
        [2019, 18.0, "baseline"], [2020, 23.0, "target"], [2021, 25.0, "milestone"]
    ]  # fmt: skip
    assert frame["id"].nunique() == dataset_records("kpis")


def test_strategies_and_the_pillar_rows_make_up_the_pillars_table(plan):
    strategies = plan.strategies()
    assert list(strategies.columns) == ["pillar", "strategy", "strategy_name", "strategy_name_en", "kpis", "targets",
                                        "with_baseline", "achievements", "headlines", "parameters"]  # fmt: skip
    joined = plan.tables()["pillars"].merge(strategies, on="pillar")
    pd.testing.assert_frame_equal(joined[plan.pillars().columns], plan.pillars())
    assert (
        strategies["kpis"].sum() == dataset_records("kpis")
        and not strategies[["pillar", "strategy"]].duplicated().any()
    )


def test_parts_in_long_form_sum_to_the_kpis_parts_total(plan):
    parts = plan.parts()
    assert list(parts.columns) == ["id", "part", "name", "name_en", "value"]
    talent = parts[parts["id"] == "future.innovation-talent"]
    assert talent[["part", "name", "value"]].values.tolist() == [
        [1, "AI", 1170.0], [2, "IoT", 1220.0], [3, "바이오", 500.0], [4, "블록체인·핀테크", 460.0]
    ]  # fmt: skip
    totals = parts.groupby("id")["value"].sum()
    kpis = plan.kpis(kind="all").set_index("id")["parts_total"].dropna()
    assert totals.sort_index().round(6).to_dict() == kpis.sort_index().round(6).to_dict()


def test_observations_measure_every_dated_actual(plan):
    frame = plan.observations(LEDGER)
    assert list(frame.columns) == ["id", "as_of", "as_of_date", "actual", "target_year", "target", "attainment_pct",
                                   "progress_pct", "expected_progress_pct", "status", "line"]  # fmt: skip
    assert len(frame) == 12  # the 13 rows of the ledger less the one that reports nothing
    cafes = frame[frame["id"] == "future.job-cafes"]
    assert cafes[["as_of", "as_of_date", "actual", "status", "line"]].values.tolist() == [
        ["2020-Q1", "2020-03-31", 94.0, "순항", 2], ["2020-Q2", "2020-06-30", 95.0, "지연", 3],
        ["2020-Q3", "2020-09-30", 98.0, "순항", 4], ["2020-Q4", "2020-12-31", 100.0, "달성", 5],
    ]  # fmt: skip
    for last in frame.groupby("id").tail(1).itertuples():  # asked on the day of its last actual, a KPI says the same
        asked = plan.attainment(LEDGER, as_of=last.as_of_date).set_index("id").loc[last.id]
        assert (asked["as_of"], asked["status"]) == (last.as_of, last.status)
    assert frame["line"].notna().all() and plan.observations({"future.job-cafes": 95})["line"].isna().all()


def test_tables_are_every_export_table_with_actuals_as_asked(plan):
    tables = plan.tables()
    assert list(tables) == ["budget", "finance", "general", "covid", "pillars", "strategies", "kpis", "milestones",
                            "parts", "deliverables", "audit"]  # fmt: skip
    pd.testing.assert_frame_equal(tables["deliverables"], plan.schedule())
    pd.testing.assert_frame_equal(tables["budget"], plan.budget("all", 2019, per_capita=True))
    pd.testing.assert_frame_equal(tables["kpis"], plan.kpis(kind="all"))
    measured = plan.tables(LEDGER, as_of="2020-Q2")
    pd.testing.assert_frame_equal(measured["status"], plan.attainment(LEDGER, as_of="2020-Q2"))
    pd.testing.assert_frame_equal(measured["observations"], plan.observations(LEDGER, as_of="2020-Q2"))
    with pytest.raises(UsageError, match="as_of= needs actuals="):
        plan.tables(as_of="2020-Q2")


def test_actuals_as_a_dict_or_a_dataframe(plan):
    by_dict = plan.attainment({"future.job-cafes": 95, "future.youth-unemployment-rate": 8.0})
    by_frame = plan.attainment(
        pd.DataFrame({"id": ["future.job-cafes", "future.youth-unemployment-rate"], "actual": [95, 8.0]})
    )
    pd.testing.assert_frame_equal(by_dict, by_frame)
    reported = by_dict[by_dict["status"] != "미보고"]
    assert reported.set_index("id")["status"].to_dict() == {
        "future.youth-unemployment-rate": "근접",
        "future.job-cafes": "근접",
    }
    with pytest.raises(DataError, match=r"unknown KPI id 'future\.job-cafe'; did you mean future\.job-cafes"):
        plan.attainment({"future.job-cafe": 1})
    with pytest.raises(DataError, match=r"1e-07 has more than 6 decimal places"):
        plan.attainment({"future.job-cafes": 1.0e-7})


def test_bad_arguments_are_usage_errors(plan):
    with pytest.raises(UsageError, match="the dataset has 2019"):
        plan.budget("all", 2018)
    with pytest.raises(UsageError, match="unknown pillar 'nowhere'"):
        plan.kpis("nowhere")
    with pytest.raises(UsageError, match=r"did you mean future\.job-cafes"):
        plan.kpi("future.job-cafe")


def test_load_reads_a_path_or_an_open_file(tmp_path, plan_text):
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text.replace("value: 10011000", "value: 10011001"), encoding="utf-8")
    assert seoulplan.load(path).population == 10011001
    with path.open("rb") as f:
        assert seoulplan.load(f).population == 10011001
    assert seoulplan.load().population == 10011000


@pytest.mark.slow
def test_the_library_loads_neither_click_nor_tabulate():
    script = (
        "import sys, seoulplan\n"
        "plan = seoulplan.load(); plan.kpis(); seoulplan.load().audit(); plan.budget()\n"
        f"plan.attainment({LEDGER!r}); plan.track({LEDGER!r})\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'tabulate')\n"
        "                      or m.startswith(('seoulplan.cli', 'seoulplan.presentation')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    "columns",
    [("id",), ("id", "kind"), FACTS, ("pace", "note"), ("unambitious",), ("growth_pct", "components", "parts_en")],
)
def test_a_table_of_some_columns_is_those_columns_of_the_whole_table(plan, columns):
    """Measuring a ledger builds only the KPI columns it reads (kpis.FACTS): each is the
    whole table's, in the whole table's order, whatever it is computed from."""
    whole = kpis.build(plan.doc)
    rows = [3, 1, 4, 1, 5, 9, 2, 6]
    some = kpis.build(plan.doc, rows, columns=columns)
    expected = whole.iloc[rows][[name for name in kpis.COLUMNS if name in columns]].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)


def test_measuring_a_ledger_leaves_the_whole_kpi_table_unbuilt(plan_text, tmp_path):
    """A track reads a fourth of the KPI columns: the rest (growth, CAGR, parts …) wait for a
    question that reads them."""
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text, encoding="utf-8")
    fresh = seoulplan.load(path)
    tracked = fresh.track({"future.labour-support-centres": 20}, as_of="2020-12-31")
    assert len(tracked) and "kpi_table" not in fresh.__dict__
    assert list(fresh.kpis(kind="all").columns) == list(kpis.COLUMNS)
