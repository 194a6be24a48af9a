"""The KPI model of issue 18: limits (``at_most``, ``at_least``), parameters (figures that
are not goals, never measured) and how each target is paced (``pace``, and the resolved
``pace``/``pace_start`` columns) — the schema, the validation, the dataset's own records,
and what the commands make of them."""

import csv
import io
import json

import pytest
import yaml
from helpers import refused
from helpers import run as run_process

from seoulplan.core import plan as dataset
from seoulplan.core.vocabulary import DIRECTIONS, PACES

GOOD = {
    "id": "future.test-total",
    "pillar": "future",
    "strategy": 7,
    "name": "시험 지표",
    "name_en": "Test KPI",
    "unit": "개",
    "direction": "increase",
    "target": {"year": 2022, "value": 62},
    "source": "민선7기내(62개소) 연차적 수립 완료",
}


def record(**changes):
    kpi = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is ...:
            kpi.pop(key)
        else:
            kpi[key] = value
    return kpi


def write(plan_text, tmp_path, *kpis):
    doc = yaml.load(plan_text, Loader=yaml.CSafeLoader)
    doc["kpis"] = list(kpis)
    doc.pop("deliverables", None)  # they name KPIs these tests replace
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records():
    return dataset.load().doc["kpis"]


@pytest.fixture(scope="module")
def table():
    return dataset.load().kpis(kind="all").set_index("id")


# -- the schema and validation ------------------------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("direction", ["at_most", "at_least"])
def test_limits_are_directions(run, plan_text, tmp_path, direction):
    path = write(plan_text, tmp_path, record(direction=direction, target={"year": 2020, "value": 72}))
    assert run("validate", str(path)).exit_code == 0
    assert set(DIRECTIONS) >= {"increase", "decrease", "maintain", "at_most", "at_least"}


@pytest.mark.usefixtures("english")
def test_a_paced_total_and_an_unpaced_level_validate_and_resolve(run, plan_text, tmp_path):
    kpis = [
        record(pace={"start": "2018-07-01"}),
        record(id="future.test-rate", unit="%", pace="none", target={"year": 2020, "value": 45}),
        record(id="future.test-output", target={"year": 2020, "value": 652}),
        record(id="future.test-cap", kind="parameter", direction="at_most", target={"year": 2020, "value": 50}),
    ]
    path = write(plan_text, tmp_path, *kpis)
    assert run("validate", str(path)).exit_code == 0
    rows = {r["id"]: r for r in json.loads(run("--data", str(path), "kpi", "--kind", "all", "-f", "json").stdout)}
    assert (rows["future.test-total"]["pace"], rows["future.test-total"]["pace_start"]) == ("start", "2018-07-01")
    assert (rows["future.test-rate"]["pace"], rows["future.test-rate"]["pace_start"]) == ("none", None)
    assert (rows["future.test-output"]["pace"], rows["future.test-output"]["pace_start"]) == ("plan_year", "2020-01-01")
    assert (rows["future.test-cap"]["pace"], rows["future.test-cap"]["pace_start"]) == (None, None)


@pytest.mark.usefixtures("english")
@pytest.mark.slow
@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"pace": {"start": "2018/07/01"}}, "pace.start: expected a date written YYYY-MM-DD, got the string"),
        ({"pace": {"start": "2020-02-30"}}, "pace.start: '2020-02-30' is not a date of the calendar"),
        ({"pace": {"start": "2023-01-01"}}, "the pace starts 2023-01-01, not before the target's deadline 2022-12-31"),
        ({"pace": {"start": "2022-12-31"}}, "not before the target's deadline 2022-12-31"),
        ({"pace": "weekly"}, "pace: expected none, open or {start: YYYY-MM-DD}, got the string 'weekly'"),
        ({"pace": 2018}, "pace: expected text or a mapping, got int 2018"),
        ({"pace": {}}, "missing 'start'"),
        ({"pace": {"start": "2018-07-01", "end": "2022-12-31"}}, "pace.end: unknown field; expected one of start"),
        (
            {"pace": "none", "kind": "parameter"},
            "pace: does not belong to a KPI of kind parameter: only a target is paced; a parameter is never measured",
        ),
        (
            {"pace": "none", "kind": "achievement", "target": ..., "actual": {"year": 2020, "value": 1}},
            "pace: does not belong to a KPI of kind achievement",
        ),
        (
            {"pace": {"start": "2018-07-01"}, "baseline": {"year": 2019, "value": 5}},
            "pace: a target with a baseline is paced from it; remove pace",
        ),
        (
            {"pace": {"start": "2018-07-01"}, "direction": "at_most"},
            "a pace start counts a total from zero: only an increase target has one, not at_most",
        ),
        ({"direction": "within"}, f"unknown direction 'within'; expected one of {', '.join(DIRECTIONS)}"),
        ({"kind": "parameter", "target": ...}, "missing 'target' (every KPI needs a target"),
    ],
)
def test_a_bad_pace_kind_or_direction_is_refused_with_its_path(run, plan_text, tmp_path, changes, fragment):
    result = run("validate", str(write(plan_text, tmp_path, record(**changes))))
    assert result.exit_code == 3 and result.stdout == "", result.stderr
    assert fragment in result.stderr
    assert "$.kpis[0](future.test-total)" in result.stderr


# -- the dataset's records ----------------------------------------------------------------------------


def test_every_maintain_target_left_is_a_level_to_keep(records):
    """A ``maintain`` target keeps a level or a range: it states the range (a baseline) or its
    note says what is kept. Caps, floors and figures that are not goals have their own words."""
    kept = [k for k in records if k.get("kind", "target") == "target" and k["direction"] == "maintain"]
    assert kept, "the plan keeps some levels (25 districts, round-the-clock response)"
    for k in kept:
        assert "baseline" in k or "keep" in (k.get("note") or ""), k["id"]
        assert "pace" not in k or k["pace"] == "none", k["id"]
    maintained = sum(k["direction"] == "maintain" for k in records)
    parameters = [k for k in records if k.get("kind") == "parameter"]
    assert maintained == len(kept) + sum(k["direction"] == "maintain" for k in parameters)


def test_the_records_the_issues_name(table):
    assert table.loc["democracy.wage-seizure-threshold-statutory", "kind"] == "parameter"
    assert table.loc["welfare.care-sos-response-hours", ["kind", "direction"]].tolist() == ["target", "at_most"]
    for effect in ("safety.wrc-fuel-cell-hydrogen-car-equivalent", "safety.wrc-fuel-cell-household-power-equivalent"):
        assert table.loc[effect, "kind"] == "parameter"
    assert table.loc["welfare.public-daycare-use-rate", "pace"] == "none"  # a rate: no line from nothing
    total = table.loc["balance.public-lease-housing-total"]
    assert (total["target_year"], total["pace"], total["pace_start"]) == (2022, "start", "2018-07-01")


def test_every_target_says_how_it_is_paced_and_nothing_else_does(table):
    targets = table[table["kind"] == "target"]
    assert set(targets["pace"]) <= set(PACES) and targets["pace"].notna().all()
    others = table[table["kind"] != "target"]
    assert others["pace"].isna().all() and others["pace_start"].isna().all()
    unpaced = targets["pace"].isin(["none", "open"])  # open: from its year on, no deadline
    dated = targets[~unpaced]
    assert dated["pace_start"].notna().all() and targets[unpaced]["pace_start"].isna().all()
    deadline = dated["target_year"].astype(int).astype(str) + "-12-31"
    assert (dated["pace_start"] < deadline).all()
    based = targets[targets["baseline"].notna() & targets["direction"].isin(["increase", "decrease"])]
    assert (based["pace"] == "baseline").all()
    limits = targets[targets["direction"].isin(["at_most", "at_least", "maintain"])]
    assert (limits["pace"] == "none").all()


def test_parameters_are_listed_never_measured(run, records):
    parameters = [k["id"] for k in records if k.get("kind") == "parameter"]
    assert parameters
    listed = json.loads(run("kpi", "--kind", "parameter", "-f", "json").stdout)
    assert [r["id"] for r in listed] == parameters
    assert {r["kind"] for r in listed} == {"parameter"}
    everything = {r["id"] for r in json.loads(run("kpi", "--kind", "all", "-f", "json").stdout)}
    assert set(parameters) <= everything
    template = run("kpi", "template", "-f", "csv").stdout
    assert not set(parameters) & {row["id"] for row in csv.DictReader(io.StringIO(template))}
    assert not set(parameters) & {r["id"] for r in json.loads(run("kpi", "-f", "json").stdout)}
    pillars = json.loads(run("pillars", "-f", "json").stdout)
    assert sum(r["parameters"] for r in pillars) == len(parameters)
    assert sum(r["targets"] for r in pillars) == sum(k.get("kind", "target") == "target" for k in records)


@pytest.mark.usefixtures("english")
def test_a_ledger_row_for_a_parameter_is_refused(run, tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("id,actual,as_of\ndemocracy.wage-seizure-threshold-statutory,185,2020-Q2\n", encoding="utf-8")
    result = run("kpi", "status", "--actuals", str(ledger))
    assert result.exit_code == 3 and result.stdout == ""
    assert "ledger.csv:2: column 1 (id): democracy.wage-seizure-threshold-statutory is a parameter" in result.stderr


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_ledger_row_for_a_parameter_is_refused_by_the_installed_program(tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("id,actual\nwelfare.paid-sick-leave-max-days,11\n", encoding="utf-8")
    result = run_process("track", "--actuals", ledger)
    refused(result, 3, "welfare.paid-sick-leave-max-days is a parameter of the plan")
