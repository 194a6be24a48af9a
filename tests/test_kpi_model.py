"""The KPI model of issue 18: limits (``at_most``, ``at_least``), parameters (figures that
are not goals, never measured) and how each target is paced (``pace``, and the resolved
``pace``/``pace_start`` columns) — the schema, the validation, the dataset's own records,
and what the commands make of them."""

import json

import pytest
import yaml

from seoulplan.core.vocabulary import DIRECTIONS

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
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


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
@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"pace": {"start": "2018/07/01"}}, "pace.start: expected a date written YYYY-MM-DD, got the string"),
        ({"pace": {"start": "2020-02-30"}}, "pace.start: '2020-02-30' is not a date of the calendar"),
        ({"pace": {"start": "2023-01-01"}}, "the pace starts 2023-01-01, not before the target's deadline 2022-12-31"),
        ({"pace": {"start": "2022-12-31"}}, "not before the target's deadline 2022-12-31"),
        ({"pace": "weekly"}, "pace: expected none or {start: YYYY-MM-DD}, got the string 'weekly'"),
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
