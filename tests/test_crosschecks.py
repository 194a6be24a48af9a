"""The audit's five kinds of check (issue 24): sums, averages, counts, comparisons and
restatements — each on the real plan, and each on a dataset broken on purpose, which the audit
must flag. Also: the links the dataset gives them are validated, ``audit --kind`` filters, and
the README lists what the audit finds on the real plan."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

import seoulplan
from seoulplan.core import audit, references
from seoulplan.core.agreement import APPROXIMATE, AT_LEAST, LESS_THAN, MORE_THAN, SHARES, agrees
from seoulplan.errors import UsageError

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def plan() -> seoulplan.Plan:
    return seoulplan.load()


def _checks(plan: seoulplan.Plan, doc: dict) -> dict[str, dict]:
    return {row["check_id"]: row for row in audit.run(doc, plan.kpi_table).to_dict("records")}


def _record(doc: dict, ref: str) -> dict:
    found = references.record(doc, ref)
    assert found is not None, ref
    return found


def _broken(plan: seoulplan.Plan, change: Callable[[dict], None]) -> dict[str, dict]:
    doc = copy.deepcopy(plan.doc)
    change(doc)
    return _checks(plan, doc)


def test_the_new_rules():
    assert agrees(AT_LEAST, 166, 171) and not agrees(AT_LEAST, 166, 160)
    assert agrees(MORE_THAN, 185, 220) and not agrees(MORE_THAN, 185, 185)
    assert agrees(LESS_THAN, 10, 9) and not agrees(LESS_THAN, 10, 10)
    assert agrees(APPROXIMATE, 10, 10.957514) and not agrees(APPROXIMATE, 10, 15.2)  # 10명 내외
    assert agrees(SHARES, 100, 100.2, inputs=(63.7, 18.3, 10.4, 7.6))  # 4 shares: ±0.2
    assert not agrees(SHARES, 100, 100.3, inputs=(63.7, 18.3, 10.4, 7.6))


# -- each kind on the real plan, and broken on purpose -------------------------------------------


CASES = {
    # kind: (check id, how to break the dataset so that the check disagrees)
    "sum, across sections (실집행 = 순계 − 법정의무경비)": (
        "budget.execution.total.sums",
        lambda doc: _record(doc, "finance.mandatory").update(value=97_000),
    ),
    "sum, of a year's parts": (
        "kpi.welfare.fifty-plus-facilities.sums",
        lambda doc: _record(doc, "welfare.fifty-plus-centres")["baseline"].update(value=7),
    ),
    "sum, of a yearly series": (
        "kpi.safety.aerial-ladder-68m-total.sums",
        lambda doc: _record(doc, "safety.aerial-ladder-68m-additions")["milestones"][0].update(value=2),
    ),
    "sum, partial (at most)": (
        "kpi.safety.electric-hydrogen-buses-2025.sums",
        lambda doc: _record(doc, "safety.electric-buses-2020")["target"].update(value=2_990),
    ),
    "sum, of stated shares": (
        "finance.bonds.shares",
        lambda doc: _record(doc, "finance.bonds_metro")["stated"].update(share_pct=64.7),
    ),
    "average": (
        "kpi.democracy.district-innovation-plan-avg-per-district-2021.average",
        lambda doc: _record(doc, "democracy.district-innovation-plan-budget-2021")["target"].update(value=300),
    ),
    "average, approximate (10명 내외)": (
        "kpi.welfare.alley-meeting-size.average",
        lambda doc: _record(doc, "welfare.alley-meetings-participants")["actual"].update(value=40_000),
    ),
    "count": (
        "counts.care-sos-services.count",
        lambda doc: _record(doc, "counts.care-sos-services")["lists"][0]["items"].pop(),
    ),
    "count, partial (등)": (
        "kpi.welfare.ssa-public-daycare-new.count",
        lambda doc: _record(doc, "welfare.ssa-public-daycare-new")["lists"][0]["items"].extend(["갑", "을", "병"]),
    ),
    "count, of an increase": (
        "kpi.welfare.fifty-plus-centres.count.2",
        lambda doc: _record(doc, "welfare.fifty-plus-centres")["target"].update(value=11),
    ),
    "count, a pillar's contents": (
        "pillars.safety.contents",
        lambda doc: doc["pillars"][1]["contents"]["items"].pop(),
    ),
    "comparison, with a number": (
        "kpi.safety.treated-water-quality-test-items.compares",
        lambda doc: _record(doc, "safety.treated-water-quality-test-items")["target"].update(value=160),
    ),
    "comparison, with another record": (
        "kpi.democracy.wage-seizure-threshold-seoul.compares",
        lambda doc: _record(doc, "democracy.wage-seizure-threshold-statutory")["target"].update(value=230),
    ),
    "comparison, of a cut": (
        "kpi.safety.taxi-refusal-complaints.compares",
        lambda doc: _record(doc, "safety.taxi-refusal-complaints")["target"].update(value=1_600),
    ),
    "comparison, part within its whole": (
        "general.fire_stations.within-whole",
        lambda doc: _record(doc, "general.fire_stations").update(value=33),
    ),
    "restatement, of another record": (
        "kpi.welfare.chatdong-dongs.restates",
        lambda doc: _record(doc, "general.dong").update(value=424),
    ),
    "restatement, of a figure the plan prints again": (
        "kpi.future.fintech-lab-companies.restates",
        lambda doc: _record(doc, "future.fintech-lab-companies")["restates"][0].update(value=90),
    ),
    "restatement, of a year of a series": (
        "kpi.balance.urban-regen-new-deal-2019-selection.restates",
        lambda doc: _record(doc, "balance.urban-regen-new-deal-areas")["baseline"].update(value=11),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_check_agrees_on_the_real_plan_and_is_flagged_when_broken(plan, case):
    check_id, breaking = CASES[case]
    assert _checks(plan, plan.doc)[check_id]["ok"] is True
    broken = _broken(plan, breaking)
    assert broken[check_id]["ok"] is False, broken[check_id]
    disagreeing = audit.disagreements(audit.run(_doc_after(plan, breaking), plan.kpi_table))
    assert check_id in set(disagreeing["check_id"])  # what --strict fails on


def _doc_after(plan: seoulplan.Plan, change: Callable[[dict], None]) -> dict:
    doc = copy.deepcopy(plan.doc)
    change(doc)
    return doc


def test_each_kind_is_represented_by_a_broken_case():
    kinds = {_checks_kind(check_id) for check_id, _ in CASES.values()}
    assert kinds == {"sum", "average", "count", "comparison", "restatement"}


def _checks_kind(check_id: str) -> str:
    return seoulplan.load().audit().set_index("check_id").loc[check_id, "kind"]


def test_every_link_of_the_dataset_is_checked(plan):
    """Each ``lists``, ``compares``, ``sums``, ``restates`` entry and each KPI ``average`` gives
    one check of its kind, and each pillar's ``contents`` one count."""
    doc, rows = plan.doc, plan.audit()
    records = [r for b in doc["budget"]["bases"] for r in b["rows"]]
    records += [*doc["general"], *doc["finance"], *doc.get("counts", []), *doc["kpis"]]
    expected = {
        "count": sum(len(r.get("lists") or []) for r in records) + sum("contents" in p for p in doc["pillars"]),
        "comparison": sum(len(r.get("compares") or []) for r in records),
        "restatement": sum(len(r.get("restates") or []) for r in records),
    }
    counted = rows["kind"].value_counts()
    assert counted["count"] == expected["count"] >= 35
    assert (rows["check_id"].str.endswith(".compares") | rows["check_id"].str.contains(r"\.compares\.")).sum() == (
        expected["comparison"]
    )
    links = rows["check_id"].str.contains(r"\.restates(?:\.\d+)?$")
    assert links.sum() == expected["restatement"] >= 30
    averages = sum("average" in k for k in doc["kpis"]) + sum("average" in i for i in doc["finance"])
    assert counted["average"] == averages == 3
    assert rows["check_id"].str.contains(r"\.sums(?:\.\d+)?$").sum() == sum(len(r.get("sums") or []) for r in records)


def test_the_plans_inconsistencies_of_the_new_kinds_are_found(plan):
    checks = _checks(plan, plan.doc)
    housing = checks["counts.housing-supply-innovation-measures.count"]
    assert (housing["ok"], housing["stated"], housing["computed"]) == (False, 5, 4)  # 5대 혁신방안, 4 listed
    contents = checks["pillars.future.contents"]
    # 6 strategies in the contents, 7 in the body
    assert (contents["ok"], contents["stated"], contents["computed"]) == (False, 6, 7)


def test_every_disagreement_is_explained_in_the_dataset(plan):
    """Each check that disagrees on the real plan is of a record whose note (or suspect) says why."""
    doc = plan.doc
    failing = audit.disagreements(plan.audit())
    assert len(failing) == 7
    for row in failing.to_dict("records"):
        if row["section"] == "deliverables":
            record = next(d for d in doc["deliverables"] if d["id"] == row["record_id"])
        elif row["section"] == "pillars":
            record = next(p for p in doc["pillars"] if p["slug"] == row["record_id"])["contents"]
        elif row["section"] == "kpi":
            record = _record(doc, row["record_id"])
        else:
            record = _record(doc, f"{row['section']}.{row['record_id']}")
        assert record.get("suspect") or record.get("note"), row["check_id"]


def test_a_headline_compared_as_a_bound_is_not_unverifiable_any_more(plan):
    checks = _checks(plan, plan.doc)
    assert "kpi.safety.taxi-refusal-complaints-yoy-cut.headline" not in checks
    cut = checks["kpi.safety.taxi-refusal-complaints.compares"]
    assert (cut["ok"], cut["stated"], round(cut["computed"], 1)) == (True, 50, 51.6)


# -- kinds, filtered ----------------------------------------------------------------------------


def test_the_library_filters_by_kind(plan):
    counts = plan.audit(kind="count")
    assert set(counts["kind"]) == {"count"} and len(counts) >= 35
    two = plan.audit(kind=["sum", "average"])
    assert set(two["kind"]) == {"sum", "average"}
    assert len(plan.audit()) == sum(
        len(plan.audit(kind=k)) for k in ("sum", "average", "count", "comparison", "restatement", "ambition")
    )
    with pytest.raises(UsageError, match="unknown kind 'sums'"):
        plan.audit(kind="sums")


@pytest.mark.usefixtures("english")
def test_audit_kind_filters_and_strict_judges_those_alone(run):
    result = run("audit", "--kind", "count", "--kind", "restatement", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {row["kind"] for row in json.loads(result.stdout)} == {"count", "restatement"}
    assert run("audit", "--strict", "--kind", "average", "--format", "csv").exit_code == 0
    dated_twice = run("audit", "--strict", "--kind", "restatement", "--format", "csv")
    assert dated_twice.exit_code == 1 and "deliverables.future.digital-factory-built.date" in dated_twice.stderr
    failing = run("audit", "--strict", "--kind", "count", "--format", "csv")
    assert failing.exit_code == 1
    assert "2 check(s) disagree" in failing.stderr
    assert run("audit", "--kind", "arithmetic").exit_code == 2


def test_by_kind_counts_every_check_once(plan):
    checks = plan.audit()
    table = audit.by_kind(checks)
    assert list(table["kind"]) == ["sum", "average", "count", "comparison", "restatement"]
    assert table["checks"].sum() == len(checks)
    assert (table["agree"] + table["disagree"] + table["unverifiable"] == table["checks"]).all()


# -- the links, validated -----------------------------------------------------------------------


def _validate(run, tmp_path, change: Callable[[dict], None], plan_text: str):
    doc = yaml.load(plan_text, Loader=yaml.CSafeLoader)
    change(doc)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    return run("validate", str(path))


def _kpi(doc: dict, kid: str) -> dict:
    return next(k for k in doc["kpis"] if k["id"] == kid)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda doc: _kpi(doc, "welfare.chatdong-dongs")["restates"][0].update(record="general.dongs"),
            r"kpis\[\d+\]\([^)]+\)\.restates\[0\]\.record: refers to unknown record 'general\.dongs'",
        ),
        (
            lambda doc: _kpi(doc, "welfare.fifty-plus-facilities")["sums"][0].update(year=2021),
            r"kpis\[\d+\]\([^)]+\)\.sums\[0\]\.year: the record has no figure for 2021 \(it has 2019, 2020\)",
        ),
        (
            lambda doc: _kpi(doc, "welfare.fifty-plus-facilities")["sums"][0]["of"].append(
                "welfare.fifty-plus-centres@2018"
            ),
            r"kpis\[\d+\]\([^)]+\)\.sums\[0\]\.of: 'welfare\.fifty-plus-centres@2018' has no figure for that year",
        ),
        (
            lambda doc: _kpi(doc, "safety.treated-water-quality-test-items")["compares"][0].pop("source"),
            r"kpis\[\d+\]\([^)]+\)\.compares\[0\]",
        ),
        (
            lambda doc: _kpi(doc, "future.mvp-seoul-courses")["restates"][0].update(record="general.districts"),
            r"kpis\[\d+\]\([^)]+\)\.restates\[0\]",
        ),
        (
            lambda doc: _kpi(doc, "future.smart-anchors").update(lists=[{"items": ["가"], "change": True}]),
            r"kpis\[\d+\]\([^)]+\)\.lists\[0\]: a change or a cut needs the record's baseline and target",
        ),
    ],
)
def test_a_broken_link_is_a_data_error_that_names_its_place(run, tmp_path, plan_text, change, expected):
    result = _validate(run, tmp_path, change, plan_text)
    assert result.exit_code == 3, result.stdout
    assert re.search(expected, result.stderr), result.stderr


# -- the README says what the audit finds -------------------------------------------------------


def test_the_readme_lists_what_the_audit_finds(plan):
    """README "What the audit finds": one line per check that does not agree on the real plan."""
    text = README.read_text(encoding="utf-8")
    section = text.split("What the audit finds on the plan", 1)[1].split("\n#", 1)[0]
    listed = re.findall(r"^- `([^`]+)`", section, flags=re.M)
    found = plan.audit(only_failures=True)
    assert sorted(listed) == sorted(found["check_id"])
    for check_id, ok in zip(found["check_id"], found["ok"]):
        line = next(line for line in section.splitlines() if f"`{check_id}`" in line)
        assert ("unverifiable" in line) == bool(pd.isna(ok)), line
