"""KPIs: the model's validation, `kpi`, `kpi show`, `pillars`, completion."""

import json

import pytest
import yaml

from seoulplan.core import plan as dataset
from seoulplan.core.vocabulary import DIRECTIONS, KINDS

GOOD_KPI = {
    "id": "future.test-kpi",
    "pillar": "future",
    "strategy": 7,
    "name": "시험 지표",
    "name_en": "Test KPI",
    "unit": "개구",
    "direction": "increase",
    "baseline": {"year": 2019, "value": 18},
    "target": {"year": 2020, "value": 23},
    "milestones": [{"year": 2021, "value": 25}],
    "source": "('19년) 18개 자치구",
}


def dataset_with(plan_text, tmp_path, *kpis):
    doc = yaml.load(plan_text, Loader=yaml.CSafeLoader)
    doc["kpis"] = list(kpis)
    doc.pop("deliverables", None)  # they name KPIs these tests replace
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bad(**changes):
    kpi = json.loads(json.dumps(GOOD_KPI))
    for key, value in changes.items():
        if value is ...:
            kpi.pop(key)
        else:
            kpi[key] = value
    return kpi


@pytest.mark.usefixtures("english")
def test_a_good_kpi_validates(run, plan_text, tmp_path):
    path = dataset_with(plan_text, tmp_path, GOOD_KPI)
    result = run("validate", str(path))
    assert result.exit_code == 0 and "valid (seoulplan/1; 1 KPI, 6 pillars)" in result.stdout  # one, not "1 KPIs"


def _problems(run, path):
    result = run("validate", str(path))
    assert result.exit_code == 3 and result.stdout == ""
    return result.stderr


@pytest.mark.usefixtures("english")
def test_validate_duplicate_id(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(), bad()))
    assert "$.kpis[1](future.test-kpi).id: duplicate id 'future.test-kpi' (first at $.kpis[0])" in err


@pytest.mark.usefixtures("english")
def test_validate_unknown_pillar(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(pillar="space", id="space.test")))
    assert "unknown pillar 'space'; expected one of future, safety, welfare, balance, democracy, covid" in err


@pytest.mark.usefixtures("english")
def test_validate_unknown_strategy(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(strategy=9)))
    assert "unknown strategy 9 of pillar future; it has 1, 2, 3, 4, 5, 6, 7" in err


@pytest.mark.usefixtures("english")
def test_validate_number_written_as_string(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(target={"year": 2020, "value": "23"})))
    assert "$.kpis[0](future.test-kpi).target.value: a number written as a string ('23')" in err


@pytest.mark.usefixtures("english")
def test_validate_missing_target(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(target=...)))
    assert "missing 'target' (every KPI needs a target" in err


@pytest.mark.usefixtures("english")
def test_validate_baseline_not_before_target(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(baseline={"year": 2020, "value": 18})))
    assert "baseline year 2020 is not before the target year 2020" in err


@pytest.mark.usefixtures("english")
def test_validate_unknown_direction(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(direction="upward")))
    assert f"unknown direction 'upward'; expected one of {', '.join(DIRECTIONS)}" in err


@pytest.mark.usefixtures("english")
def test_validate_empty_excerpt(run, plan_text, tmp_path):
    err = _problems(run, dataset_with(plan_text, tmp_path, bad(source="  ")))
    assert "the source excerpt is empty" in err


@pytest.mark.usefixtures("english")
def test_validate_reports_every_problem_with_its_line(run, plan_text, tmp_path):
    kpis = [bad(direction="up"), bad(id="future.other", strategy=99), bad(id="future.third", source="")]
    err = _problems(run, dataset_with(plan_text, tmp_path, *kpis))
    lines = [line for line in err.splitlines() if "$.kpis" in line]
    assert len(lines) == 3
    assert all(line.split(":")[1].isdigit() for line in lines)  # file:LINE: path: message
    assert "3 problem(s)" in err


@pytest.mark.usefixtures("english")
def test_loading_an_invalid_dataset_is_exit_3(run, plan_text, tmp_path):
    result = run("--data", str(dataset_with(plan_text, tmp_path, bad(direction="up"))), "kpi")
    assert result.exit_code == 3 and "unknown direction" in result.stderr and result.stdout == ""


# -- the kpi command ---------------------------------------------------------------


def kpi_json(run, *args):
    result = run("kpi", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("pillar", ["future", "safety", "welfare", "balance", "democracy", "covid"])
def test_kpi_pillar_lists_every_target_of_the_pillar(run, pillar):
    rows = kpi_json(run, "--pillar", pillar)
    records = [k for k in dataset.load().doc["kpis"] if k["pillar"] == pillar]
    assert [r["id"] for r in rows] == [k["id"] for k in records if k.get("kind", "target") == "target"]
    assert len(rows) >= 10
    everything = kpi_json(run, "--pillar", pillar, "--kind", "all")
    assert [r["id"] for r in everything] == [k["id"] for k in records]


def test_kinds_targets_achievements_and_headlines(run):
    """SPEC §3: a result the plan reports is no target; a rounded restatement names its record."""
    records = dataset.load().doc["kpis"]
    listed = {kind: kpi_json(run, "--kind", kind) for kind in KINDS}
    assert {kind: len(rows) for kind, rows in listed.items()} == {
        kind: sum(k.get("kind", "target") == kind for k in records) for kind in KINDS
    }
    assert sum(map(len, listed.values())) == len(records)
    targets, achievements, headlines = listed["target"], listed["achievement"], listed["headline"]
    assert {r["kind"] for r in achievements} == {"achievement"}
    assert all(r["target"] is None and r["actual"] is not None for r in achievements)
    assert all(r["target_year"] != 2019 for r in targets), "a 2019 'target' is a result the plan reports"
    youth = {r["id"]: r for r in headlines}["future.youth-jobs-headline"]
    assert (youth["same_as"], youth["target"]) == ("future.youth-jobs-new", 11000)
    new = {r["id"]: r for r in targets}["future.youth-jobs-new"]
    assert new["restated_as"] == "future.youth-jobs-headline"
    assert new["components"].split("; ") == [
        "future.youth-jobs-matching", "future.youth-jobs-professional-training", "future.youth-jobs-startup-support",
        "future.youth-jobs-other",
    ]  # fmt: skip


def test_multi_year_totals_are_dated_at_the_year_they_aim_at(run):
    rows = {r["id"]: r for r in kpi_json(run, "--pillar", "balance")}
    for kid in ("balance.public-rental-housing", "balance.public-support-housing", "balance.additional-public-housing"):
        assert rows[kid]["target_year"] == 2022, kid
    trees = {r["id"]: r for r in kpi_json(run, "--grep", "나무 식재")}["safety.trees-planted-2020"]
    assert trees["part_of"] == "safety.trees-planted-cumulative-terms-6-7" and trees["suspect"]


@pytest.mark.usefixtures("english")
def test_unknown_kind_is_a_usage_error(run):
    result = run("kpi", "--kind", "wish")
    choices = ", ".join(f"'{kind}'" for kind in (*KINDS, "all"))
    assert result.exit_code == 2 and f"'wish' is not one of {choices}" in result.stderr


@pytest.mark.parametrize("query", ["future", "1", "함께 성장하는 미래 서울", "함께성장하는미래서울", "미래"])
def test_pillar_by_slug_number_or_korean_name(run, query):
    assert {r["pillar"] for r in kpi_json(run, "--pillar", query)} == {"future"}


def test_machine_columns_are_stable(run):
    row = kpi_json(run, "--pillar", "future")[0]
    assert list(row)[:17] == [
        "id",
        "pillar",
        "pillar_name",
        "pillar_name_en",
        "strategy",
        "strategy_name",
        "strategy_name_en",
        "name",
        "name_en",
        "unit",
        "direction",
        "kind",
        "baseline_year",
        "baseline",
        "target_year",
        "target",
        "change",
    ]
    assert "growth_pct" in row and "source" in row


def test_change_in_percentage_points_and_no_growth_without_baseline(run):
    rows = {r["id"]: r for r in kpi_json(run, "--pillar", "future", "--strategy", "5")}
    rate = rows["future.youth-unemployment-rate"]
    assert (rate["baseline"], rate["target"], rate["change"], rate["unit"]) == (8.8, 7.7, -1.1, "%")
    table = run("kpi", "--pillar", "future", "--strategy", "5").stdout
    assert "-1.1%p" in table
    no_base = [r for r in rows.values() if r["baseline"] is None]
    assert no_base and all(r["change"] is None and r["growth_pct"] is None for r in no_base)


def test_grep_and_sort(run):
    rows = kpi_json(run, "--grep", "청년", "--sort", "-growth_pct")
    assert rows and all("청년" in (r["name"] + r["source"] + (r["note"] or "")) or "youth" in r["id"] for r in rows)
    growth = [r["growth_pct"] for r in rows if r["growth_pct"] is not None]
    assert growth == sorted(growth, reverse=True)
    assert rows[-1]["growth_pct"] is None or all(r["growth_pct"] is not None for r in rows)


def test_money_keeps_korean_units_in_tables(run):
    table = run("kpi", "--grep", "혁신성장펀드").stdout
    assert "4,800억원" in table


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--pillar", "space"], "unknown pillar 'space'"),
        (["--pillar", "future", "--strategy", "9"], "pillar future has no strategy 9"),
        (["--strategy", "2"], "--strategy needs --pillar"),
        (["--sort", "height"], "cannot sort by 'height'"),
    ],
)
def test_kpi_usage_errors(run, args, fragment):
    result = run("kpi", *args)
    assert result.exit_code == 2 and fragment in result.stderr and result.stdout == ""


def test_kpi_show_every_field_and_source(run):
    result = run("kpi", "show", "future.youth-unemployment-rate")
    assert result.exit_code == 0
    for text in (
        "청년 실업률",
        "Youth unemployment rate",
        "8.8% ('19)",
        "7.7% ('20)",
        "-1.1%p",
        "1%p 감소(8.8% → 7.7%)",
        "시민이 체감할 수 있는 일자리 만들기",
    ):
        assert text in result.stdout
    row = json.loads(run("kpi", "show", "future.youth-unemployment-rate", "--format", "json").stdout)[0]
    assert row["stated_change"] == -1 and row["source"].endswith("(8.8% → 7.7%)")


@pytest.mark.usefixtures("english")
def test_kpi_show_unknown_id_suggests_the_closest(run):
    result = run("kpi", "show", "future.youth-unemployment")
    assert result.exit_code == 2
    assert "no KPI 'future.youth-unemployment'; did you mean future.youth-unemployment-rate" in result.stderr


def test_pillars_counts(run, golden):
    rows = json.loads(run("pillars", "--format", "json").stdout)
    kpis = dataset.load().doc["kpis"]
    assert sum(r["kpis"] for r in rows) == len(kpis)
    for r in rows:
        mine = [k for k in kpis if k["pillar"] == r["pillar"] and k["strategy"] == r["strategy"]]
        kinds = [k.get("kind", "target") for k in mine]
        assert r["kpis"] == len(mine)
        assert (r["targets"], r["achievements"], r["headlines"], r["parameters"]) == tuple(
            map(kinds.count, ("target", "achievement", "headline", "parameter"))
        )
        assert r["with_baseline"] == sum(1 for k in mine if k.get("kind", "target") == "target" and "baseline" in k)
    assert [r["strategy"] for r in rows if r["pillar"] == "future"] == [1, 2, 3, 4, 5, 6, 7]
    golden("pillars.txt", run("pillars").stdout)


def test_completion_of_pillars_and_ids(runner):
    from seoulplan.cli import cli

    env = {"_SEOULPLAN_COMPLETE": "bash_complete", "COMP_WORDS": "seoulplan kpi --pillar we", "COMP_CWORD": "3"}
    result = runner.invoke(cli, [], env=env, prog_name="seoulplan")
    assert "welfare" in result.stdout
    env = {
        "_SEOULPLAN_COMPLETE": "bash_complete",
        "COMP_WORDS": "seoulplan kpi show future.youth-unemp",
        "COMP_CWORD": "3",
    }
    result = runner.invoke(cli, [], env=env, prog_name="seoulplan")
    assert "future.youth-unemployment-rate" in result.stdout
