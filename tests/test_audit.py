"""audit: every stated figure recomputed; the plan's real inconsistencies found."""

import csv
import io
import json
from decimal import Decimal

import pytest

from seoulplan.core import plan as dataset
from seoulplan.core.audit import AT_MOST, EXACT, ROUNDED, agrees


@pytest.fixture(scope="module")
def checks():
    return {c["check_id"]: c for c in dataset.load().audit().to_dict("records")}


def test_agreement_rules():
    assert agrees(ROUNDED, 10.6, Decimal(37943) * 100 / 357416)
    assert agrees(ROUNDED, 88, Decimal("87.5"))  # the plan's own half-up rounding
    assert not agrees(ROUNDED, 10.6, Decimal("10.65"))
    assert agrees(ROUNDED, 11.0, Decimal("10.995"))
    assert not agrees(EXACT, -1, Decimal("-1.1"), inputs=(7.7, 8.8))  # 1%p is not 1.1%p
    assert agrees(EXACT, 37943, 37943)
    assert agrees(AT_MOST, 3500, 3350) and not agrees(AT_MOST, 500, 510)
    assert not agrees(ROUNDED, 95, None)


@pytest.mark.parametrize(
    "check_id",
    [
        *(
            f"budget.{b}.{a}.{m}"
            for b in ("gross", "net", "execution")
            for a in ("total", "general", "special")
            for m in ("change", "change_pct")
        ),
        *(f"budget.{b}.sum.{y}" for b in ("gross", "net", "execution") for y in (2020, 2019)),
        "budget.net.from-gross",
        "finance.mandatory.sum",
        "finance.funds.change_pct",
        "finance.district_budget_average.average",
        "finance.bonds.sum",
        "finance.bonds_metro.share_pct",
        "finance.bonds_housing.share_pct",
        "finance.bonds_parks.share_pct",
        "finance.bonds_soc.share_pct",
        "general.population.sum",
        "general.city_staff.sum",
        "general.district_staff.sum",
        "general.south_population.share_pct",
        "general.south_area.share_pct",
        "covid.national.confirmed",
        "covid.national.suspected",
        "covid.seoul.confirmed",
        "covid.seoul.suspected",
        "covid.national.headline",
        "kpi.welfare.day-care-centres.change",
        "kpi.future.illegal-lending-relief-amount.change_pct",
        "kpi.future.youth-jobs-new.parts",
        "kpi.welfare.deinstitutionalised-activity-support-people.change_pct",
        "kpi.covid.screening-clinics.parts",
    ],
)
def test_checks_that_agree(checks, check_id):
    assert checks[check_id]["ok"], checks[check_id]


@pytest.mark.parametrize(
    "check_id, stated, computed",
    [
        ("kpi.future.youth-unemployment-rate.change", -1, Decimal("-1.1")),  # called a 1%p fall
        ("kpi.future.fund-startups-invested.parts", 500, 510),  # 200 + 250 + 60 ≠ 500
        # one year's planting (400백만 그루, as printed) is more than the 3천만 of the whole programme
        ("kpi.safety.trees-planted-2020.within-total", 30_000_000, 400_000_000),
    ],
)
def test_the_plans_inconsistencies_are_found(checks, check_id, stated, computed):
    c = checks[check_id]
    assert (c["ok"], c["stated"], c["computed"]) == (False, stated, float(computed))
    assert c["source"] and c["note"]


@pytest.mark.parametrize(
    "check_id, stated, computed",
    [
        ("kpi.balance.public-rental-housing.attainment", 95, Decimal(22042) * 100 / 120000),
        ("kpi.balance.public-support-housing.attainment", 220, Decimal(52903) * 100 / 120000),
    ],
)
def test_an_attainment_against_a_target_the_plan_does_not_print_is_unverifiable(checks, check_id, stated, computed):
    """The plan's 95% of 2019 is of an interim target it never prints; the 12만호 is for 2022."""
    c = checks[check_id]
    assert (c["ok"], c["rule"], c["stated"], c["computed"]) == (None, "unverifiable", stated, float(computed))
    assert "does not print" in c["note"]


def test_a_headline_agrees_with_its_detailed_figure_at_its_precision(checks):
    youth = checks["kpi.future.youth-jobs-headline.headline"]  # 1.1만 for 11,629: cut to 1,000
    assert (youth["ok"], youth["stated"], youth["computed"], youth["tolerance"]) == (True, 11000, 11629, 1000)
    wage = checks["kpi.democracy.wage-seizure-threshold-seoul.headline"]  # 220만원 for 2,199,307원: rounded
    assert (wage["ok"], wage["unit"], wage["stated"], wage["computed"]) == (True, "원", 2_200_000, 2_199_307)


def test_every_row_says_the_rule_it_applied(checks):
    assert all(c["note"] for c in checks.values())


def test_every_stated_figure_is_checked(checks):
    plan = dataset.load()
    for k in plan.doc["kpis"]:
        for key in k.get("stated") or {}:
            if k.get("baseline"):
                assert f"kpi.{k['id']}.{key}" in checks
        if k.get("parts"):
            assert f"kpi.{k['id']}.parts" in checks
        if (k.get("actual") or {}).get("stated_attainment_pct") is not None:
            assert f"kpi.{k['id']}.attainment" in checks


def test_ambition_flags_targets_no_better_than_baseline(run, plan_text, tmp_path):
    assert not [c for c in json.loads(run("audit", "--format", "json").stdout) if c["kind"] == "ambition"]
    path = tmp_path / "plan.yaml"  # 91 → 100개소 made 91 → 90
    lowered = plan_text.replace("value: 100}\n    source: 일자리카페 확대", "value: 90}\n    source: 일자리카페 확대")
    path.write_text(lowered, encoding="utf-8")
    flags = [c for c in json.loads(run("--data", str(path), "audit", "--format", "json").stdout)
             if c["kind"] == "ambition"]  # fmt: skip
    assert [c["record_id"] for c in flags] == ["future.job-cafes"]


def test_audit_command_golden(run, golden):
    result = run("audit", "--only-failures")
    assert result.exit_code == 0
    golden("audit-only-failures.txt", result.stdout)
    golden("audit.csv", run("audit", "--format", "csv").stdout)


@pytest.mark.usefixtures("english")
def test_audit_strict_exits_1_on_the_real_dataset(run):
    result = run("audit", "--strict", "--format", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)  # the whole report is still printed
    assert "7 check(s) disagree" in result.stderr
    assert list(rows[0]) == [
        "check_id",
        "section",
        "record_id",
        "kind",
        "check",
        "check_en",
        "unit",
        "stated",
        "computed",
        "rule",
        "tolerance",
        "ok",
        "source",
        "note",
    ]
    assert sum(r["ok"] is False and r["kind"] != "ambition" for r in rows) == 7


def test_audit_strict_passes_on_a_consistent_dataset(run, plan_text, tmp_path):
    import yaml

    doc = yaml.load(plan_text, Loader=yaml.CSafeLoader)
    for k in doc["kpis"]:
        if k["id"] == "future.youth-unemployment-rate":
            k["stated"]["change"] = -1.1
        if k["id"] == "future.fund-startups-invested":
            k["target"]["value"] = 510
        if k["id"] == "safety.trees-planted-2020":
            k["target"]["value"] = 4_000_000
        if "actual" in k:
            k["actual"].pop("stated_attainment_pct", None)
    for count in doc["counts"]:
        if count["key"] == "housing-supply-innovation-measures":
            count["value"] = 4
    doc["pillars"][0]["contents"]["items"].append("노동존중특별시 서울의 가치 구현")
    for record in doc["deliverables"]:  # the two deliverables the plan dates twice, dated once
        if record["id"] == "future.digital-factory-built":
            record.update(start="2020-05", end="2020-05")
        if record["id"] == "future.king-jeongjo-procession-heritage":
            record.update(start="2020-10-10", end="2020-10-10")
    path = tmp_path / "fixed.yaml"
    path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    result = run("--data", str(path), "audit", "--strict", "--only-failures", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    kinds = [(row["kind"], row["rule"]) for row in csv.DictReader(io.StringIO(result.stdout))]
    assert all(kind == "ambition" or rule == "unverifiable" for kind, rule in kinds), kinds


def test_a_deliverable_dated_twice_is_a_disagreement():
    plan = dataset.load()
    checks = plan.audit(kind=["restatement"])
    dated = checks[checks["section"] == "deliverables"].set_index("record_id")
    restated = plan.schedule()
    assert set(dated.index) == set(restated.loc[restated["same_as"].notna(), "id"])
    assert dated.loc["future.digital-factory-built", "computed"] == 93  # '20.9 against '20.5: June to August
    assert dated.loc["future.king-jeongjo-procession-heritage", "computed"] == 4  # 10.5~6 against 10.10
    assert not dated.loc["future.king-jeongjo-procession-heritage", "ok"]
    assert dated.loc["future.uia-assembly-summary", "ok"]  # '20 and '20.9: a coarser date, not another
    assert dated.loc["future.ai-support-centre-caption", "ok"]  # '22 and by '22.11
