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

from seoulplan.core import calc, crosschecks, document
from seoulplan.core.agreement import (
    AMBITION,
    AT_MOST,
    AVERAGE,
    EXACT,
    HEADLINE,
    KINDS,
    RESTATEMENT,
    ROUNDED,
    UNVERIFIABLE,
    Check,
    Checks,
)
from seoulplan.core.agreement import agrees as agrees  # the rules are public here, as before
from seoulplan.core.agreement import english as _en
from seoulplan.core.calc import Figure
from seoulplan.core.frames import table
from seoulplan.core.i18n import _
from seoulplan.core.money import UNIT_WON
from seoulplan.core.vocabulary import COVID_MEASURES, UPWARD
from seoulplan.errors import UsageError

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


def run(doc: dict, kpi_table: pd.DataFrame, *, only_failures: bool = False, kinds: Sequence[str] = ()) -> pd.DataFrame:
    """Every check, in the plan's order: budget, finance, general, covid, KPIs, then what links
    records (:mod:`seoulplan.core.crosschecks`: counts, comparisons, averages, sums and
    restatements across records), then ambition; ``kinds`` keeps only checks of those kinds."""
    unknown = [kind for kind in kinds if kind not in (*KINDS, AMBITION)]
    if unknown:
        raise UsageError(
            _("unknown kind {kind!r}; expected one of {choices}").format(
                kind=unknown[0], choices=", ".join((*KINDS, AMBITION))
            )
        )
    checks = Checks()
    _budget(doc, checks)
    _finance(doc, checks)
    _general(doc, checks)
    _covid(doc, checks)
    _kpis(doc, checks)
    crosschecks.run(doc, checks)
    _deliverables(doc, checks)
    _ambition(doc, kpi_table, checks)
    frame = table({name: ([row[name] for row in checks.rows], dtype) for name, dtype in zip(COLUMNS, DTYPES)})
    if kinds:
        frame = frame[frame["kind"].isin(list(kinds))].reset_index(drop=True)
    if only_failures:
        return frame[~frame["ok"].fillna(False).astype(bool)].reset_index(drop=True)
    return frame


def disagreements(checks: pd.DataFrame) -> pd.DataFrame:
    """The checks that disagree (what ``--strict`` fails on); ambition flags are not checks."""
    return checks[(~checks["ok"]).fillna(False).astype(bool) & (checks["kind"] != AMBITION)]


def summary(checks: pd.DataFrame) -> dict[str, int]:
    """How many checks there are, how many disagree, how many cannot be told, and how many
    ambition flags."""
    flags = int((checks["kind"] == AMBITION).sum())
    return {
        "checks": len(checks) - flags,
        "disagreements": len(disagreements(checks)),
        "unverifiable": int(checks["ok"].isna().sum()),
        "flags": flags,
    }


def by_kind(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per kind of check present, in :data:`~seoulplan.core.agreement.KINDS` order
    (ambition last): how many checks, how many agree, disagree and cannot be told."""
    ok = checks["ok"]
    counted = pd.DataFrame(
        {
            "kind": checks["kind"],
            "checks": 1,
            "agree": ok.fillna(False).astype(bool) & (checks["kind"] != AMBITION),
            "disagree": (~ok.fillna(True).astype(bool)) & (checks["kind"] != AMBITION),
            "unverifiable": ok.isna(),
        }
    )
    grouped = counted.groupby("kind", sort=False).sum().reset_index()
    order = {kind: i for i, kind in enumerate((*KINDS, AMBITION))}
    grouped = grouped.sort_values("kind", key=lambda k: k.map(order)).reset_index(drop=True)
    return table(
        {
            "kind": (list(grouped["kind"]), "string"),
            **{
                name: ([int(v) for v in grouped[name]], "Int64")
                for name in ("checks", "agree", "disagree", "unverifiable")
            },
        }
    )


def _budget(doc: dict, checks: Checks) -> None:
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
                    Check(
                        check_id=f"{rid}.change",
                        section="budget",
                        record_id=rid,
                        check=f"{basis['name']} {r['name']}: 증감 = {year} − {previous}",
                        check_en=f"{_en(basis)}, {_en(r)}: change = {year} − {previous}",
                        stated=stated["change"],
                        computed=r["amounts"][str(year)] - r["amounts"][str(previous)],
                        rule=EXACT,
                        source=r["source"],
                        unit="억원",
                    )
                )
            if previous is not None and "change_pct" in stated:
                checks.add(
                    Check(
                        check_id=f"{rid}.change_pct",
                        section="budget",
                        record_id=rid,
                        check=f"{basis['name']} {r['name']}: 증감률",
                        check_en=f"{_en(basis)}, {_en(r)}: growth",
                        stated=stated["change_pct"],
                        computed=calc.growth_pct(r["amounts"][str(year)], r["amounts"][str(previous)]),
                        rule=ROUNDED,
                        source=r["source"],
                        unit="%",
                    )
                )
        parts = [r for r in basis["rows"] if r["account"] != "total"]
        if total and parts:
            for y in years:
                checks.add(
                    Check(
                        check_id=f"budget.{basis['key']}.sum.{y}",
                        section="budget",
                        record_id=f"budget.{basis['key']}.total",
                        check=f"{basis['name']} {y}: 합계 = " + " + ".join(p["name"] for p in parts),
                        check_en=f"{_en(basis)} {y}: {_en(total)} = " + " + ".join(_en(p) for p in parts),
                        stated=total["amounts"][str(y)],
                        computed=sum(p["amounts"][str(y)] for p in parts),
                        rule=EXACT,
                        source=total["source"],
                        unit="억원",
                    )
                )
    bases = {b["key"]: b for b in doc["budget"]["bases"]}
    transfers = next((i for i in doc["finance"] if i["key"] == "transfers"), None)
    if transfers and "gross" in bases and "net" in bases:
        gross = next(r for r in bases["gross"]["rows"] if r["account"] == "total")["amounts"][str(year)]
        net = next(r for r in bases["net"]["rows"] if r["account"] == "total")
        checks.add(
            Check(
                check_id="budget.net.from-gross",
                section="budget",
                record_id="budget.net.total",
                check="순계 = 총계 − 회계간 전출입",
                check_en=f"{_en(bases['net'])} = {_en(bases['gross'])} − {_en(transfers)}",
                stated=net["amounts"][str(year)],
                computed=gross - transfers["value"],
                rule=EXACT,
                source=transfers["source"],
                unit="억원",
            )
        )


def _parts_sums(
    section: str, items: list[dict], checks: Checks, unit_of: Callable[[dict], str] = lambda i: i["unit"]
) -> None:
    by_key = {i["key"]: i for i in items}
    for item in items:
        if item.get("parts"):
            parts = [by_key[k] for k in item["parts"]]
            checks.add(
                Check(
                    check_id=f"{section}.{item['key']}.sum",
                    section=section,
                    record_id=item["key"],
                    check=f"{item['name']} = " + " + ".join(p["name"] for p in parts),
                    check_en=f"{_en(item)} = " + " + ".join(_en(p) for p in parts),
                    stated=item["value"],
                    computed=calc.total(p["value"] for p in parts),
                    rule=EXACT,
                    source=item["source"],
                    unit=unit_of(item),
                    inputs=[p["value"] for p in parts],
                )
            )
        share = (item.get("stated") or {}).get("share_pct", item.get("stated_share_pct"))
        if share is not None and item.get("of"):
            whole = by_key[item["of"]]
            checks.add(
                Check(
                    check_id=f"{section}.{item['key']}.share_pct",
                    section=section,
                    record_id=item["key"],
                    check=f"{item['name']} ÷ {whole['name']} (구성비)",
                    check_en=f"{_en(item)} ÷ {_en(whole)} (share)",
                    stated=share,
                    computed=calc.share_pct(item["value"], whole["value"]),
                    rule=ROUNDED,
                    source=item["source"],
                    unit="%",
                )
            )


def _finance(doc: dict, checks: Checks) -> None:
    _parts_sums("finance", doc["finance"], checks)
    for item in doc["finance"]:
        stated = item.get("stated") or {}
        if "change" in stated and "change_pct" in stated:
            base = item["value"] - stated["change"]
            checks.add(
                Check(
                    check_id=f"finance.{item['key']}.change_pct",
                    section="finance",
                    record_id=item["key"],
                    check=f"{item['name']}: 증감률 = 증감 ÷ "
                    f"({item['compare_year']}년 = {item['value']:,} − ({stated['change']:,}))",
                    check_en=f"{_en(item)}: growth = change ÷ "
                    f"({item['compare_year']} = {item['value']:,} − ({stated['change']:,}))",
                    stated=stated["change_pct"],
                    computed=calc.growth_pct(item["value"], base),
                    rule=ROUNDED,
                    source=item["source"],
                    unit="%",
                )
            )
        if "average" in item:
            total = document.item(doc, "finance", item["average"]["total"])
            count = document.item(doc, "finance", item["average"]["count"])
            checks.add(
                Check(
                    check_id=f"finance.{item['key']}.average",
                    section="finance",
                    record_id=item["key"],
                    check=f"{item['name']} = {total['name']} ÷ {count['name']} ({total['value']:,} ÷ {count['value']})",
                    check_en=f"{_en(item)} = {_en(total)} ÷ {_en(count)} ({total['value']:,} ÷ {count['value']})",
                    stated=item["value"],
                    computed=calc.average(total["value"], count["value"]),
                    rule=ROUNDED,
                    source=item["source"],
                    unit=item["unit"],
                    kind=AVERAGE,
                )
            )


def _general(doc: dict, checks: Checks) -> None:
    _parts_sums("general", doc["general"], checks)


def _covid(doc: dict, checks: Checks) -> None:
    data = doc["covid"]
    regions = {r["key"]: r for r in data["regions"]}
    for r in data["regions"]:
        rid = f"covid.{r['key']}"
        checks.add(
            Check(
                check_id=f"{rid}.confirmed",
                section="covid",
                record_id=rid,
                check=f"{r['name']}: 확진 소계 = 격리중 + 완치 + 사망",
                check_en=f"{_en(r)}: confirmed = in isolation + recovered + died",
                stated=r["confirmed"],
                computed=r["isolated"] + r["recovered"] + r["deaths"],
                rule=EXACT,
                source=r["source"],
                unit="명",
            )
        )
        checks.add(
            Check(
                check_id=f"{rid}.suspected",
                section="covid",
                record_id=rid,
                check=f"{r['name']}: 의사환자 계 = 검사중 + 격리해제",
                check_en=f"{_en(r)}: suspected = being tested + released",
                stated=r["suspected"],
                computed=r["testing"] + r["released"],
                rule=EXACT,
                source=r["source"],
                unit="명",
            )
        )
    national = regions.get("national")
    if national and data.get("national_confirmed") is not None:
        checks.add(
            Check(
                check_id="covid.national.headline",
                section="covid",
                record_id="covid.national",
                check="국내 확진환자 발생 현황 = 표의 전국 소계",
                check_en="confirmed cases nationwide (headline) = the table's nationwide total",
                stated=data["national_confirmed"],
                computed=national["confirmed"],
                rule=EXACT,
                source=data["source"],
                unit="명",
            )
        )
    if national:
        for r in data["regions"]:
            if r["key"] == "national":
                continue
            for col in COVID_MEASURES:
                if r[col] > national[col]:
                    checks.add(
                        Check(
                            check_id=f"covid.{r['key']}.{col}.within-national",
                            section="covid",
                            record_id=f"covid.{r['key']}",
                            check=f"{r['name']} {col} ≤ 전국",
                            check_en=f"{_en(r)} {col} ≤ {_en(national)}",
                            stated=national[col],
                            computed=r[col],
                            rule=EXACT,
                            source=r["source"],
                            unit="명",
                        )
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


def _kpis(doc: dict, checks: Checks) -> None:
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
                Check(
                    check_id=f"kpi.{kid}.change",
                    section="kpi",
                    record_id=kid,
                    check=f"{name}: 증감 = {what} − 기준 ({span})",
                    check_en=f"{name_en}: change = {what_en} − baseline ({span})",
                    stated=stated["change"],
                    computed=calc.change(t, b),
                    rule=EXACT,
                    source=k["source"],
                    unit="%p" if pct_unit else k["unit"],
                    inputs=(t, b),
                )
            )
        if "change_pct" in stated and base:
            checks.add(
                Check(
                    check_id=f"kpi.{kid}.change_pct",
                    section="kpi",
                    record_id=kid,
                    check=f"{name}: 증감률 ({span})",
                    check_en=f"{name_en}: growth ({span})",
                    stated=stated["change_pct"],
                    computed=calc.growth_pct(t, b),
                    rule=ROUNDED,
                    source=k["source"],
                    unit="%",
                )
            )
        if "multiple" in stated and base:
            checks.add(
                Check(
                    check_id=f"kpi.{kid}.multiple",
                    section="kpi",
                    record_id=kid,
                    check=f"{name}: 배수 = {what} ÷ 기준 ({span})",
                    check_en=f"{name_en}: multiple = {what_en} ÷ baseline ({span})",
                    stated=stated["multiple"],
                    computed=calc.multiple(t, b),
                    rule=ROUNDED,
                    source=k["source"],
                    unit="배",
                )
            )
        if k.get("parts"):
            total = calc.total(p["value"] for p in k["parts"])
            names = " + ".join(p["name"] for p in k["parts"])
            names_en = " + ".join(_en(p) for p in k["parts"])
            if k.get("parts_partial"):
                checks.add(
                    Check(
                        check_id=f"kpi.{kid}.parts",
                        section="kpi",
                        record_id=kid,
                        check=f"{name} ≥ {names} 등",
                        check_en=f"{name_en} ≥ {names_en} etc.",
                        stated=t,
                        computed=total,
                        rule=AT_MOST,
                        source=k["source"],
                        unit=k["unit"],
                    )
                )
            else:
                checks.add(
                    Check(
                        check_id=f"kpi.{kid}.parts",
                        section="kpi",
                        record_id=kid,
                        check=f"{name} = {names}",
                        check_en=f"{name_en} = {names_en}",
                        stated=t,
                        computed=total,
                        rule=EXACT,
                        source=k["source"],
                        unit=k["unit"],
                        inputs=[p["value"] for p in k["parts"]],
                    )
                )
        _stated_attainment(k, checks)
    _components(kpis, checks)
    _headlines(kpis, checks)


def _stated_attainment(k: dict, checks: Checks) -> None:
    """The attainment the plan states for an actual it reports. Against a value of the
    actual's own year it is checked; against a later target it cannot be: the plan measures
    by an interim target it does not print."""
    actual, target = k.get("actual"), k.get("target")
    if not (actual and target and actual.get("stated_attainment_pct") is not None):
        return
    kid, year = k["id"], actual["year"]
    goal = _value_in(k, year)
    against = target["value"] if goal is None else goal
    measured = _attainment(k["direction"], actual["value"], against, (k.get("baseline") or {}).get("value"))
    if goal is None:
        note = (
            f"unverifiable: the plan's {actual['stated_attainment_pct']}% is of a {year} target it does not print;"
            f" against the {target['year']} target it does print, the figures give {measured:.1f}%"
        )
        rule = UNVERIFIABLE
    else:
        note, rule = None, ROUNDED
    checks.add(
        Check(
            check_id=f"kpi.{kid}.attainment",
            section="kpi",
            record_id=kid,
            check=f"{k['name']}: 달성률 = 실적 {year} ÷ 목표 {year if goal is not None else target['year']}",
            check_en=f"{_en(k)}: attainment = actual {year} ÷ target {year if goal is not None else target['year']}",
            stated=actual["stated_attainment_pct"],
            computed=measured,
            rule=rule,
            source=k["source"],
            unit="%",
            note=note,
        )
    )


def _attainment(direction: str, actual: Any, goal: Any, start: Any) -> Decimal | None:
    """:func:`seoulplan.core.calc.attainment_pct` of one actual, as the Decimal it prints as."""
    column = [pd.Series([value], dtype=object) for value in (direction, actual, goal, start)]
    measured: Any = calc.attainment_pct(*column).iat[0]
    return None if measured is pd.NA else calc.exact(float(measured))


def _components(kpis: list[dict], checks: Checks) -> None:
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
                    Check(
                        check_id=f"kpi.{part['id']}.within-total",
                        section="kpi",
                        record_id=part["id"],
                        check=f"{part['name']} ({_end(part)['year']}) ≤ {total['name']} (총, {whole['year']})",
                        check_en=f"{_en(part)} ({_end(part)['year']}) ≤ {_en(total)} (total, {whole['year']})",
                        stated=whole["value"],
                        computed=_end(part)["value"],
                        rule=AT_MOST,
                        source=part["source"],
                        unit=part["unit"],
                        note=f"at most: one year's share of {total_id}, a total by {whole['year']}, cannot exceed it",
                    )
                )
        same_year = [p for p in same_unit if _end(p)["year"] == whole["year"]]
        if same_year and not total.get("parts"):
            names = " + ".join(p["name"] for p in same_year)
            names_en = " + ".join(_en(p) for p in same_year)
            checks.add(
                Check(
                    check_id=f"kpi.{total_id}.components",
                    section="kpi",
                    record_id=total_id,
                    check=f"{total['name']} ≥ {names}",
                    check_en=f"{_en(total)} ≥ {names_en}",
                    stated=whole["value"],
                    computed=calc.total(_end(p)["value"] for p in same_year),
                    rule=AT_MOST,
                    source=total["source"],
                    unit=total["unit"],
                    note="at most: the records linked to this total (part_of) need not be all its parts",
                )
            )


def _in_won(figure: Figure | None, unit: str) -> Decimal:
    exact = calc.exact(figure)
    if exact is None:
        raise ValueError(f"no figure to convert from {unit}")
    return exact * UNIT_WON[unit]


def _headlines(kpis: list[dict], checks: Checks) -> None:
    """A headline against the detailed record it restates, at the headline's precision (money
    in 원 when the two are in different money units: 220만원 against 2,199,307원). A headline
    that a comparison takes as its bound (``compares``: a cut of at least 50%) is checked there."""
    by_id = {k["id"]: k for k in kpis}
    compared = {c[op] for k in kpis for c in k.get("compares") or [] for op in c if op in crosschecks.OPERATORS}
    for k in kpis:
        detailed = by_id.get(k.get("same_as", ""))
        if k.get("kind") != "headline" or detailed is None or k["id"] in compared:
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
            Check(
                check_id=f"kpi.{k['id']}.headline",
                section="kpi",
                record_id=k["id"],
                check=f"{k['name']} ≈ {detailed['name']} ({detailed['id']})",
                check_en=f"{_en(k)} ≈ {_en(detailed)} ({detailed['id']})",
                stated=headline,
                computed=value,
                rule=HEADLINE if note is None else UNVERIFIABLE,
                source=k["source"],
                unit=unit,
                note=note,
                kind=RESTATEMENT,
            )
        )


def _deliverables(doc: dict, checks: Checks) -> None:
    """A deliverable the plan states twice (``same_as``) against the record it restates: the two
    dates must meet. The figure is the days between the two spans — 0 when they overlap or one
    lies within the other (``'20년`` and ``('20.9)``: a coarser date, not another one)."""
    from seoulplan.core.deliverables import SECTION, bounds

    records = [r for r in doc.get(SECTION) or [] if isinstance(r, dict)]
    by_id = {r["id"]: r for r in records}
    for record in records:
        other = by_id.get(record.get("same_as") or "")
        if other is None:
            continue
        first, second = _span(record, bounds), _span(other, bounds)
        apart = max(0, (max(first[0], second[0]) - min(first[1], second[1])).days)
        shown, original = _dates(record), _dates(other)
        checks.add(
            Check(
                check_id=f"deliverables.{record['id']}.date",
                section=SECTION,
                record_id=record["id"],
                check=f"{record['name']} {shown} = {other['name']} {original} ({other['id']})",
                check_en=f"{_en(record)} {shown} = {_en(other)} {original} ({other['id']})",
                stated=0,
                computed=apart,
                rule=EXACT,
                source=record["source"],
                unit="일",
                kind=RESTATEMENT,
                note="the same deliverable dated twice: the days between the two dates (0 when they meet)",
            )
        )


def _span(record: dict, bounds: Callable[[str], tuple[Any, Any]]) -> tuple[Any, Any]:
    """The first and last day a deliverable's date covers; a deadline or an open start, its one
    known day (its deadline's last, its start's first)."""
    start: str | None = record.get("start")
    end: str | None = record.get("end")
    if start is None:
        assert end is not None  # validation: a start, an end or both
        day = bounds(end)[1]
        return day, day
    if end is None:
        day = bounds(start)[0]
        return day, day
    return bounds(start)[0], bounds(end)[1]


def _dates(record: dict) -> str:
    start, end = record.get("start"), record.get("end")
    return str(start) if start == end else f"{start or ''}~{end or ''}"


def _ambition(doc: dict, kpi_table: pd.DataFrame, checks: Checks) -> None:
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
                "kind": AMBITION,
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
