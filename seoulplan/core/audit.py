"""Recompute what the plan states about its own figures, and flag unambitious targets.

Every check compares a figure the plan *states* (a change, a percentage, a total, a
share, an average, an attainment) with what the plan's other figures *give*. Two rules
decide agreement, both the plan's own:

- differences and sums of figures are exact at the precision of the figures: a stated
  ``1%p`` fall from 8.8% to 7.7% disagrees (the figures give 1.1%p);
- ratios (growth %, shares, multiples, averages, attainment) agree when the computed
  value, rounded half up to the stated number's decimals, equals it: a stated ``10.6%``
  agrees with 10.6159…; ``88%`` agrees with 87.5%.

Ambition (SPEC §5): a target no better than its baseline in the KPI's direction is
listed as a check of kind ``ambition`` — a flag, not an arithmetic disagreement.

Takes the validated dataset document (and its KPI table) and returns a DataFrame, one row per
check; ``ok`` is decided here, on the exact figures (integers and Decimal). Each check is
described twice, ``check`` in the plan's Korean and ``check_en`` in English (from the records'
``name_en``), like ``name`` and ``name_en`` elsewhere: the machine columns do not depend on
the locale, and people read the one in their language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from seoulplan.core import calc, document
from seoulplan.core.calc import Figure
from seoulplan.core.frames import table
from seoulplan.core.money import UNIT_WON, round_half_up
from seoulplan.core.vocabulary import COVID_MEASURES, UPWARD

EXACT = "exact"
ROUNDED = "rounded"
AT_MOST = "at most"  # a partial list (등), or one year of a multi-year total: may not exceed it
HEADLINE = "headline"  # a rounded restatement: the detailed figure, rounded or cut to its precision
UNVERIFIABLE = "unverifiable"  # the plan's figure is of something it does not print

#: What each rule checks, in the words every audit row carries as its note.
RULE_NOTES = {
    EXACT: "exact: the figures give the stated one to its last digit",
    ROUNDED: "rounded: the figures, rounded half up to the stated decimals, give the stated one",
    AT_MOST: "at most: the parts named (a list ending in 등, or one year's share of a total) do not exceed the total",
    HEADLINE: "headline: the detailed figure, rounded or cut to the headline's precision, gives the headline",
    UNVERIFIABLE: "unverifiable: the stated figure is measured against something the plan does not print",
}


def decimals(value: Figure | None) -> int:
    """Decimal places a stated number is written with (YAML 11.0 keeps its one place)."""
    exponent = Decimal(calc.exact(value) or 0).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _tolerance(rule: str, stated: Figure | None, inputs: Sequence[Figure | None] = ()) -> Decimal | None:
    if rule == UNVERIFIABLE:
        return None
    if rule in (EXACT, AT_MOST):
        return Decimal(0)
    if rule == HEADLINE:
        return _headline_unit(stated)
    return Decimal(5) * Decimal(10) ** -(decimals(stated) + 1)


def _headline_unit(value: Figure | None) -> Decimal:
    """The precision a rounded figure is written to: 11000 (1.1만) → 1000, 2.5 → 0.1."""
    exact = calc.exact(value)
    assert exact is not None
    digits, exponent = exact.normalize().as_tuple()[1:]
    return Decimal(1).scaleb(int(exponent))


def agrees(
    rule: str, stated: Figure | None, computed: Figure | None, inputs: Sequence[Figure | None] = ()
) -> bool | None:
    """Does ``computed`` give ``stated`` under ``rule``? (see the module docstring); None when
    the rule says it cannot be told."""
    if rule == UNVERIFIABLE:
        return None
    if computed is None:
        return False
    stated, computed = calc.exact(stated), calc.exact(computed)
    assert stated is not None and computed is not None  # every rule but UNVERIFIABLE states a figure
    if rule == AT_MOST:
        return computed <= stated
    if rule == EXACT:
        places = max([decimals(stated)] + [decimals(x) for x in inputs if x is not None])
        return round_half_up(computed, places) == round_half_up(stated, places)
    if rule == HEADLINE:
        unit = _headline_unit(stated)
        rounded = (computed / unit).quantize(Decimal(1), rounding="ROUND_HALF_UP") * unit
        cut = (computed / unit).to_integral_value(rounding="ROUND_DOWN") * unit
        return stated in (rounded, cut)
    return round_half_up(computed, decimals(stated)) == stated


def _en(record: dict) -> str:
    """A record's English name (its Korean one where it has none)."""
    return record.get("name_en") or record["name"]


class _Checks:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self,
        check_id: str,
        section: str,
        record_id: str | None,
        check: str,
        check_en: str,
        stated: Figure | None,
        computed: Figure | None,
        rule: str,
        source: str | None,
        unit: str = "",
        inputs: Sequence[Figure | None] = (),
        kind: str = "arithmetic",
        note: str | None = None,
    ) -> None:
        ok = agrees(rule, stated, computed, inputs)
        note = note or RULE_NOTES[rule]
        self.rows.append(
            {
                "check_id": check_id,
                "section": section,
                "record_id": record_id,
                "kind": kind,
                "check": check,
                "check_en": check_en,
                "unit": unit,
                "stated": stated,
                "computed": computed,
                "rule": rule,
                "tolerance": _tolerance(rule, stated),
                "ok": ok,
                "source": source,
                "note": note,
            }
        )


COLUMNS = (
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
)
DTYPES = (
    "string",
    "string",
    "string",
    "string",
    "string",
    "string",
    "string",
    "Float64",
    "Float64",
    "string",
    "Float64",
    "boolean",
    "string",
    "string",
)


def run(doc: dict, kpi_table: pd.DataFrame, *, only_failures: bool = False) -> pd.DataFrame:
    """Every check, in the plan's order: budget, finance, general, covid, KPIs, ambition."""
    checks = _Checks()
    _budget(doc, checks)
    _finance(doc, checks)
    _general(doc, checks)
    _covid(doc, checks)
    _kpis(doc, checks)
    _ambition(doc, kpi_table, checks)
    frame = table({name: ([row[name] for row in checks.rows], dtype) for name, dtype in zip(COLUMNS, DTYPES)})
    if only_failures:
        return frame[~frame["ok"].fillna(False).astype(bool)].reset_index(drop=True)
    return frame


def disagreements(checks: pd.DataFrame) -> pd.DataFrame:
    """The arithmetic checks that disagree (what ``--strict`` fails on); ambition flags are not."""
    return checks[(~checks["ok"]).fillna(False).astype(bool) & (checks["kind"] == "arithmetic")]


def summary(checks: pd.DataFrame) -> dict[str, int]:
    """How many arithmetic checks there are, how many disagree, how many cannot be told, and
    how many ambition flags."""
    flags = int((checks["kind"] == "ambition").sum())
    return {
        "checks": len(checks) - flags,
        "disagreements": len(disagreements(checks)),
        "unverifiable": int(checks["ok"].isna().sum()),
        "flags": flags,
    }


def _budget(doc: dict, checks: _Checks) -> None:
    years, year = document.budget_years(doc), document.plan_year(doc)
    previous = next((y for y in years if y != year), None)
    for basis in doc["budget"]["bases"]:
        rows = {r["account"]: r for r in basis["rows"]}
        total = rows.get("total")
        for r in basis["rows"]:
            rid = f"budget.{basis['key']}.{r['account']}"
            stated = r.get("stated") or {}
            if previous is not None and "change" in stated:
                checks.add(
                    f"{rid}.change",
                    "budget",
                    rid,
                    f"{basis['name']} {r['name']}: 증감 = {year} − {previous}",
                    f"{_en(basis)}, {_en(r)}: change = {year} − {previous}",
                    stated["change"],
                    r["amounts"][str(year)] - r["amounts"][str(previous)],
                    EXACT,
                    r["source"],
                    "억원",
                )
            if previous is not None and "change_pct" in stated:
                checks.add(
                    f"{rid}.change_pct",
                    "budget",
                    rid,
                    f"{basis['name']} {r['name']}: 증감률",
                    f"{_en(basis)}, {_en(r)}: growth",
                    stated["change_pct"],
                    calc.growth_pct(r["amounts"][str(year)], r["amounts"][str(previous)]),
                    ROUNDED,
                    r["source"],
                    "%",
                )
        parts = [r for r in basis["rows"] if r["account"] != "total"]
        if total and parts:
            for y in years:
                checks.add(
                    f"budget.{basis['key']}.sum.{y}",
                    "budget",
                    f"budget.{basis['key']}.total",
                    f"{basis['name']} {y}: 합계 = " + " + ".join(p["name"] for p in parts),
                    f"{_en(basis)} {y}: {_en(total)} = " + " + ".join(_en(p) for p in parts),
                    total["amounts"][str(y)],
                    sum(p["amounts"][str(y)] for p in parts),
                    EXACT,
                    total["source"],
                    "억원",
                )
    bases = {b["key"]: b for b in doc["budget"]["bases"]}
    transfers = next((i for i in doc["finance"] if i["key"] == "transfers"), None)
    if transfers and "gross" in bases and "net" in bases:
        gross = next(r for r in bases["gross"]["rows"] if r["account"] == "total")["amounts"][str(year)]
        net = next(r for r in bases["net"]["rows"] if r["account"] == "total")
        checks.add(
            "budget.net.from-gross",
            "budget",
            "budget.net.total",
            "순계 = 총계 − 회계간 전출입",
            f"{_en(bases['net'])} = {_en(bases['gross'])} − {_en(transfers)}",
            net["amounts"][str(year)],
            gross - transfers["value"],
            EXACT,
            transfers["source"],
            "억원",
        )


def _parts_sums(
    section: str, items: list[dict], checks: _Checks, unit_of: Callable[[dict], str] = lambda i: i["unit"]
) -> None:
    by_key = {i["key"]: i for i in items}
    for item in items:
        if item.get("parts"):
            parts = [by_key[k] for k in item["parts"]]
            checks.add(
                f"{section}.{item['key']}.sum",
                section,
                item["key"],
                f"{item['name']} = " + " + ".join(p["name"] for p in parts),
                f"{_en(item)} = " + " + ".join(_en(p) for p in parts),
                item["value"],
                calc.total(p["value"] for p in parts),
                EXACT,
                item["source"],
                unit_of(item),
                inputs=[p["value"] for p in parts],
            )
        share = (item.get("stated") or {}).get("share_pct", item.get("stated_share_pct"))
        if share is not None and item.get("of"):
            whole = by_key[item["of"]]
            checks.add(
                f"{section}.{item['key']}.share_pct",
                section,
                item["key"],
                f"{item['name']} ÷ {whole['name']} (구성비)",
                f"{_en(item)} ÷ {_en(whole)} (share)",
                share,
                calc.share_pct(item["value"], whole["value"]),
                ROUNDED,
                item["source"],
                "%",
            )


def _finance(doc: dict, checks: _Checks) -> None:
    _parts_sums("finance", doc["finance"], checks)
    for item in doc["finance"]:
        stated = item.get("stated") or {}
        if "change" in stated and "change_pct" in stated:
            base = item["value"] - stated["change"]
            checks.add(
                f"finance.{item['key']}.change_pct",
                "finance",
                item["key"],
                f"{item['name']}: 증감률 = 증감 ÷ "
                f"({item['compare_year']}년 = {item['value']:,} − ({stated['change']:,}))",
                f"{_en(item)}: growth = change ÷ ({item['compare_year']} = {item['value']:,} − ({stated['change']:,}))",
                stated["change_pct"],
                calc.growth_pct(item["value"], base),
                ROUNDED,
                item["source"],
                "%",
            )
        if "average" in item:
            total = document.item(doc, "finance", item["average"]["total"])
            count = document.item(doc, "finance", item["average"]["count"])
            checks.add(
                f"finance.{item['key']}.average",
                "finance",
                item["key"],
                f"{item['name']} = {total['name']} ÷ {count['name']} ({total['value']:,} ÷ {count['value']})",
                f"{_en(item)} = {_en(total)} ÷ {_en(count)} ({total['value']:,} ÷ {count['value']})",
                item["value"],
                calc.average(total["value"], count["value"]),
                ROUNDED,
                item["source"],
                item["unit"],
            )


def _general(doc: dict, checks: _Checks) -> None:
    _parts_sums("general", doc["general"], checks)


def _covid(doc: dict, checks: _Checks) -> None:
    data = doc["covid"]
    regions = {r["key"]: r for r in data["regions"]}
    for r in data["regions"]:
        rid = f"covid.{r['key']}"
        checks.add(
            f"{rid}.confirmed",
            "covid",
            rid,
            f"{r['name']}: 확진 소계 = 격리중 + 완치 + 사망",
            f"{_en(r)}: confirmed = in isolation + recovered + died",
            r["confirmed"],
            r["isolated"] + r["recovered"] + r["deaths"],
            EXACT,
            r["source"],
            "명",
        )
        checks.add(
            f"{rid}.suspected",
            "covid",
            rid,
            f"{r['name']}: 의사환자 계 = 검사중 + 격리해제",
            f"{_en(r)}: suspected = being tested + released",
            r["suspected"],
            r["testing"] + r["released"],
            EXACT,
            r["source"],
            "명",
        )
    national = regions.get("national")
    if national and data.get("national_confirmed") is not None:
        checks.add(
            "covid.national.headline",
            "covid",
            "covid.national",
            "국내 확진환자 발생 현황 = 표의 전국 소계",
            "confirmed cases nationwide (headline) = the table's nationwide total",
            data["national_confirmed"],
            national["confirmed"],
            EXACT,
            data["source"],
            "명",
        )
    if national:
        for r in data["regions"]:
            if r["key"] == "national":
                continue
            for col in COVID_MEASURES:
                if r[col] > national[col]:
                    checks.add(
                        f"covid.{r['key']}.{col}.within-national",
                        "covid",
                        f"covid.{r['key']}",
                        f"{r['name']} {col} ≤ 전국",
                        f"{_en(r)} {col} ≤ {_en(national)}",
                        national[col],
                        r[col],
                        EXACT,
                        r["source"],
                        "명",
                    )


def _end(k: dict) -> dict:
    """What a KPI's figures lead to: its target, or for an achievement its actual."""
    return k.get("target") or k["actual"]


def _value_in(k: dict, year: int) -> Any:
    """A KPI's value for ``year`` (target or milestone), or None."""
    for point in [k.get("target"), *(k.get("milestones") or [])]:
        if point and point["year"] == year:
            return point["value"]
    return None


def _kpis(doc: dict, checks: _Checks) -> None:
    kpis = doc.get("kpis") or []
    for k in kpis:
        kid, base, end = k["id"], k.get("baseline"), _end(k)
        stated = k.get("stated") or {}
        pct_unit = k["unit"] in ("%", "％")
        b, t = (base or {}).get("value"), end["value"]
        what, what_en = ("목표", "target") if "target" in k else ("실적", "actual")
        span = f"{base['year']}→{end['year']}" if base else ""
        name, name_en = k["name"], _en(k)
        if "change" in stated and base:
            checks.add(
                f"kpi.{kid}.change", "kpi", kid, f"{name}: 증감 = {what} − 기준 ({span})",
                f"{name_en}: change = {what_en} − baseline ({span})", stated["change"],
                calc.change(t, b), EXACT, k["source"], "%p" if pct_unit else k["unit"], inputs=(t, b),
            )  # fmt: skip
        if "change_pct" in stated and base:
            checks.add(
                f"kpi.{kid}.change_pct", "kpi", kid, f"{name}: 증감률 ({span})", f"{name_en}: growth ({span})",
                stated["change_pct"], calc.growth_pct(t, b), ROUNDED, k["source"], "%",
            )  # fmt: skip
        if "multiple" in stated and base:
            checks.add(
                f"kpi.{kid}.multiple", "kpi", kid, f"{name}: 배수 = {what} ÷ 기준 ({span})",
                f"{name_en}: multiple = {what_en} ÷ baseline ({span})", stated["multiple"],
                calc.multiple(t, b), ROUNDED, k["source"], "배",
            )  # fmt: skip
        if k.get("parts"):
            total = calc.total(p["value"] for p in k["parts"])
            names = " + ".join(p["name"] for p in k["parts"])
            names_en = " + ".join(_en(p) for p in k["parts"])
            if k.get("parts_partial"):
                checks.add(f"kpi.{kid}.parts", "kpi", kid, f"{name} ≥ {names} 등", f"{name_en} ≥ {names_en} etc.",
                           t, total, AT_MOST, k["source"], k["unit"])  # fmt: skip
            else:
                checks.add(f"kpi.{kid}.parts", "kpi", kid, f"{name} = {names}", f"{name_en} = {names_en}", t, total,
                           EXACT, k["source"], k["unit"], inputs=[p["value"] for p in k["parts"]])  # fmt: skip
        _stated_attainment(k, checks)
    _components(kpis, checks)
    _headlines(kpis, checks)


def _stated_attainment(k: dict, checks: _Checks) -> None:
    """The attainment the plan states for an actual it reports. Against a value of the
    actual's own year it is checked; against a later target it cannot be: the plan measures
    by an interim target it does not print."""
    actual, target = k.get("actual"), k.get("target")
    if not (actual and target and actual.get("stated_attainment_pct") is not None):
        return
    kid, year = k["id"], actual["year"]
    goal = _value_in(k, year)
    against = target["value"] if goal is None else goal
    measured = calc.attainment(k["direction"], actual["value"], against, (k.get("baseline") or {}).get("value"))
    if goal is None:
        note = (
            f"unverifiable: the plan's {actual['stated_attainment_pct']}% is of a {year} target it does not print;"
            f" against the {target['year']} target it does print, the figures give {measured.attainment_pct:.1f}%"
        )
        rule = UNVERIFIABLE
    else:
        note, rule = None, ROUNDED
    checks.add(
        f"kpi.{kid}.attainment", "kpi", kid,
        f"{k['name']}: 달성률 = 실적 {year} ÷ 목표 {year if goal is not None else target['year']}",
        f"{_en(k)}: attainment = actual {year} ÷ target {year if goal is not None else target['year']}",
        actual["stated_attainment_pct"], measured.attainment_pct, rule, k["source"], "%", note=note,
    )  # fmt: skip


def _components(kpis: list[dict], checks: _Checks) -> None:
    """Records linked to a total by ``part_of``: one year's share of a multi-year total may not
    exceed it; parts of the same year may not add up to more than a total that lists none."""
    by_id = {k["id"]: k for k in kpis}
    children: dict[str, list[dict]] = {}
    for k in kpis:
        if k.get("part_of") in by_id:
            children.setdefault(k["part_of"], []).append(k)
    for total_id, parts in children.items():
        total = by_id[total_id]
        whole = _end(total)
        same_unit = [p for p in parts if p["unit"] == total["unit"]]
        for part in same_unit:
            if _end(part)["year"] < whole["year"]:
                checks.add(
                    f"kpi.{part['id']}.within-total", "kpi", part["id"],
                    f"{part['name']} ({_end(part)['year']}) ≤ {total['name']} (총, {whole['year']})",
                    f"{_en(part)} ({_end(part)['year']}) ≤ {_en(total)} (total, {whole['year']})",
                    whole["value"], _end(part)["value"], AT_MOST, part["source"], part["unit"],
                    note=f"at most: one year's share of {total_id}, a total by {whole['year']}, cannot exceed it",
                )  # fmt: skip
        same_year = [p for p in same_unit if _end(p)["year"] == whole["year"]]
        if same_year and not total.get("parts"):
            names = " + ".join(p["name"] for p in same_year)
            names_en = " + ".join(_en(p) for p in same_year)
            checks.add(
                f"kpi.{total_id}.components", "kpi", total_id, f"{total['name']} ≥ {names}",
                f"{_en(total)} ≥ {names_en}", whole["value"],
                calc.total(_end(p)["value"] for p in same_year), AT_MOST, total["source"], total["unit"],
                note="at most: the records linked to this total (part_of) need not be all its parts",
            )  # fmt: skip


def _in_won(figure: Figure | None, unit: str) -> Decimal:
    exact = calc.exact(figure)
    if exact is None:
        raise ValueError(f"no figure to convert from {unit}")
    return exact * UNIT_WON[unit]


def _headlines(kpis: list[dict], checks: _Checks) -> None:
    """A headline against the detailed record it restates, at the headline's precision (money
    in 원 when the two are in different money units: 220만원 against 2,199,307원)."""
    by_id = {k["id"]: k for k in kpis}
    for k in kpis:
        detailed = by_id.get(k.get("same_as", ""))
        if k.get("kind") != "headline" or detailed is None:
            continue
        headline = _end(k)["value"]
        value = _value_in(detailed, _end(k)["year"]) if "target" in detailed else None
        value = _end(detailed)["value"] if value is None else value
        unit, other = k["unit"], detailed["unit"]
        note = None
        if unit != other and unit in UNIT_WON and other in UNIT_WON:
            headline, value, unit = _in_won(headline, unit), _in_won(value, other), "원"
        elif unit != other:
            value, note = None, f"unverifiable: the headline is in {unit}, the detailed figure in {other}"
        checks.add(
            f"kpi.{k['id']}.headline", "kpi", k["id"], f"{k['name']} ≈ {detailed['name']} ({detailed['id']})",
            f"{_en(k)} ≈ {_en(detailed)} ({detailed['id']})",
            headline, value, HEADLINE if note is None else UNVERIFIABLE, k["source"], unit, note=note,
        )  # fmt: skip


def _ambition(doc: dict, kpi_table: pd.DataFrame, checks: _Checks) -> None:
    """The KPI table's ``unambitious`` flag, one check row per flagged KPI."""
    flagged = kpi_table[kpi_table["unambitious"]]
    records = {k["id"]: k for k in doc.get("kpis") or []}
    for kid in flagged["id"]:
        k = records[kid]
        word = "above" if k["direction"] in UPWARD else "below"
        checks.rows.append(
            {
                "check_id": f"kpi.{kid}.ambition",
                "section": "kpi",
                "record_id": kid,
                "kind": "ambition",
                "check": f"{k['name']}: 목표가 기준보다 나은가 ({k['direction']})",
                "check_en": f"{_en(k)}: is the target better than the baseline ({k['direction']})?",
                "unit": k["unit"],
                "stated": k["target"]["value"],
                "computed": k["baseline"]["value"],
                "rule": f"target {word} baseline",
                "tolerance": Decimal(0),
                "ok": False,
                "source": k["source"],
                "note": None,
            }
        )
