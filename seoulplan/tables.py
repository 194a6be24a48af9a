"""The tables the commands show, computed from a loaded :class:`~seoulplan.dataset.Plan`.

Each function takes plain arguments and returns a :class:`~seoulplan.render.Report`: a
pandas DataFrame of raw values (object dtype: ints stay ints, a missing measure stays
None) and its columns. Nothing here formats or prints; :mod:`seoulplan.render` does.
"""

from __future__ import annotations

from seoulplan import calc
from seoulplan.dataset import BUDGET_BASES, COVID_COLUMNS, Plan
from seoulplan.errors import UsageError
from seoulplan.money import EOK
from seoulplan.render import Column, Report


def frame(rows: list[dict], columns: list[Column]):
    import pandas as pd

    return pd.DataFrame([[r.get(c.key) for c in columns] for r in rows], columns=[c.key for c in columns], dtype=object)


# -- budget ------------------------------------------------------------------------


def budget(plan: Plan, basis: str = "all", compare: int | None = None, per_capita: bool = False) -> Report:
    """Budget rows (basis × account), with each account's share of its basis' total."""
    year = plan.year
    years = plan.budget_years
    if compare is not None:
        if compare not in years or compare == year:
            have = ", ".join(str(y) for y in sorted(y for y in years if y != year)) or "none"
            raise UsageError(f"no budget figures to compare for {compare}; the dataset has {have} (besides {year})")
    wanted = BUDGET_BASES if basis == "all" else (basis,)
    population = plan.population if per_capita else None
    rows = []
    for b in plan.doc["budget"]["bases"]:
        if b["key"] not in wanted:
            continue
        total = next(r for r in b["rows"] if r["account"] == "total")["amounts"]
        for r in b["rows"]:
            amount = r["amounts"][year]
            row = {
                "basis": b["key"], "basis_name": b["name"], "account": r["account"], "account_name": r["name"],
                "year": year, "amount_eok": amount, "share_pct": calc.share_pct(amount, total[year]),
            }
            if compare is not None:
                old = r["amounts"][compare]
                row.update(compare_year=compare, compare_amount_eok=old, change_eok=amount - old,
                           growth_pct=calc.growth_pct(amount, old), compare_share_pct=calc.share_pct(old, total[compare]))
            if per_capita:
                row["per_capita_krw"] = calc.per_capita(amount * EOK, population)
                if compare is not None:
                    row["compare_per_capita_krw"] = calc.per_capita(r["amounts"][compare] * EOK, population)
            rows.append(row)
    y, c = f"{year}년", f"{compare}년" if compare else ""
    columns = [
        Column("basis", "기준", "Basis", repeat=False),
        Column("basis_name", "예산 기준", "Basis name", repeat=False),
        Column("account", "회계", "Account"),
        Column("account_name", "구분", "Account name"),
        Column("year", "연도", "Year", "year"),
        Column("amount_eok", y, str(year), "eok"),
        Column("share_pct", "구성비", "Share", "pct"),
    ]
    if compare is not None:
        columns += [
            Column("compare_year", "비교연도", "Compare year", "year"),
            Column("compare_amount_eok", f"{c}(본예산)", f"{compare} (original)", "eok"),
            Column("compare_share_pct", f"구성비({compare})", f"Share {compare}", "pct"),
            Column("change_eok", "증감", "Change", "eok"),
            Column("growth_pct", "증감률", "Growth", "pct"),
        ]
    if per_capita:
        columns.append(Column("per_capita_krw", f"1인당({year})", f"Per capita {year}", "krw0"))
        if compare is not None:
            columns.append(Column("compare_per_capita_krw", f"1인당({compare})", f"Per capita {compare}", "krw0"))
    people = _people_columns(columns, hide={"basis", "account", "year", "compare_year"})
    notes = ["구성비 = 회계 ÷ 합계 × 100; 증감률 = 증감 ÷ 비교연도 × 100 (소수 첫째 자리 반올림)."] if compare else []
    if per_capita:
        notes.append(f"1인당 = 금액 ÷ 인구 {population:,}명 (계획의 '19.12.31. 기준 인구).")
    return _report(rows, columns, people, f"예산규모 (단위: 억원, {year}년 기준)", notes)


def _people_columns(columns, hide):
    return [c for c in columns if c.key not in hide]


def _report(rows, columns, people_columns, title, notes):
    """Machine formats get every column; people see ``people_columns``."""
    return Report(frame(rows, columns), columns, title=title, notes=notes, people_columns=people_columns)


# -- general and finance: lists of items -------------------------------------------

GROUPS = {
    "population": ("인구", "Population"), "area": ("면적", "Area"), "administration": ("행정구역", "Administration"),
    "south_of_river": ("강남 11개구", "South of the river"), "city_organisation": ("서울시 조직", "City organisation"),
    "city_staff": ("서울시 정원", "City staff"), "district_organisation": ("자치구 조직", "District organisation"),
    "district_staff": ("자치구 정원", "District staff"), "transfers": ("회계간 전출입", "Transfers"),
    "mandatory": ("법정의무경비", "Mandatory spending"), "funds": ("기금", "Funds"),
    "districts": ("자치구 예산", "District budgets"), "bonds": ("지방채", "Municipal bonds"),
}
FINANCE_SECTIONS = ("mandatory", "funds", "districts", "bonds", "transfers")


def _items_by_key(items):
    return {i["key"]: i for i in items}


def general(plan: Plan) -> Report:
    """Population, area, districts, organisation and staff, with shares of their totals."""
    items = _items_by_key(plan.general)
    rows = []
    for item in plan.general:
        whole = items.get(item.get("of"), {}).get("value") if item.get("of") else None
        rows.append({
            "group": item["group"], "group_name": GROUPS.get(item["group"], (item["group"],))[0],
            "item": item["key"], "name": item["name"], "name_en": item.get("name_en"),
            "value": item["value"], "unit": item["unit"], "of": item.get("of"),
            "share_pct": calc.share_pct(item["value"], whole), "stated_share_pct": item.get("stated_share_pct"),
        })
    columns = [
        Column("group", "분류키", "Group key"),
        Column("group_name", "분류", "Group", repeat=False),
        Column("item", "항목키", "Item"),
        Column("name", "항목", "Item name"),
        Column("name_en", "영문", "English name"),
        Column("value", "값", "Value", "quantity"),
        Column("unit", "단위", "Unit"),
        Column("of", "상위 항목", "Part of"),
        Column("share_pct", "비중(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "비중(계획)", "Share (stated)", "pct"),
    ]
    people = _people_columns(columns, hide={"group", "item", "name_en", "unit", "of"})
    ref = {r["what"]: r["date"] for r in plan.doc["plan"].get("reference_dates", [])}
    title = f"일반 현황 (인구·면적 {ref.get('population', '')} 기준, 조직·인력 {ref.get('organisation', '')} 기준)"
    return _report(rows, columns, people, title, ["비중(계산) = 항목 ÷ 상위 항목 × 100; 비중(계획) = 계획서에 적힌 비율."])


def finance(plan: Plan, section: str = "all") -> Report:
    """Finance items with computed shares, implied bases and averages beside the stated ones."""
    if section != "all" and section not in FINANCE_SECTIONS:
        raise UsageError(f"unknown finance section {section!r}; expected one of {', '.join(FINANCE_SECTIONS)}, all")
    items = _items_by_key(plan.finance)
    rows = []
    for item in plan.finance:
        if section != "all" and item["group"] != section:
            continue
        is_money = item["unit"] == "억원"
        stated = item.get("stated") or {}
        whole = items.get(item.get("of"), {}).get("value") if item.get("of") else None
        row = {
            "section": item["group"], "section_name": GROUPS.get(item["group"], (item["group"],))[0],
            "item": item["key"], "name": item["name"], "name_en": item.get("name_en"),
            "amount_eok": item["value"] if is_money else None, "count": None if is_money else item["value"],
            "share_pct": calc.share_pct(item["value"], whole),
            "stated_share_pct": stated.get("share_pct"),
            "compare_year": item.get("compare_year"),
            "stated_change_eok": stated.get("change"),
            "stated_growth_pct": stated.get("change_pct"),
        }
        if "change" in stated:
            base = item["value"] - stated["change"]
            row["implied_compare_eok"] = base
            row["growth_pct"] = calc.growth_pct(item["value"], base)
        if "average" in item:
            total = plan.item(item["average"]["total"], "finance")["value"]
            count = plan.item(item["average"]["count"], "finance")["value"]
            row["computed_eok"] = calc.average(total, count)
            row["computed_from"] = f"{total:,} ÷ {count}"
        rows.append(row)
    columns = [
        Column("section", "부문키", "Section key"),
        Column("section_name", "부문", "Section", repeat=False),
        Column("item", "항목키", "Item"),
        Column("name", "항목", "Item name"),
        Column("name_en", "영문", "English name"),
        Column("amount_eok", "금액", "Amount", "eok"),
        Column("count", "개수", "Count", "int"),
        Column("share_pct", "구성비(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "구성비(계획)", "Share (stated)", "pct"),
        Column("compare_year", "비교연도", "Compare year", "year"),
        Column("stated_change_eok", "증감(계획)", "Change (stated)", "eok"),
        Column("implied_compare_eok", "비교연도 금액(역산)", "Compare amount (implied)", "eok"),
        Column("stated_growth_pct", "증감률(계획)", "Growth (stated)", "pct"),
        Column("growth_pct", "증감률(계산)", "Growth (computed)", "pct"),
        Column("computed_eok", "계산값", "Computed", "eok"),
        Column("computed_from", "계산식", "Computed from"),
    ]
    people = _people_columns(columns, hide={"section", "item", "name_en", "compare_year"})
    notes = ["(계획) = 계획서에 적힌 값, (계산) = 그 수치로 다시 계산한 값; 비교연도는 '19년 본예산."]
    return _report(rows, columns, people, "재정 현황 (단위: 억원)", notes)


# -- covid -------------------------------------------------------------------------

COVID_NAMES = {
    "confirmed": ("확진환자 소계", "Confirmed"), "isolated": ("확진 - 격리중", "Confirmed: in isolation"),
    "recovered": ("확진 - 완치", "Confirmed: recovered"), "deaths": ("확진 - 사망", "Confirmed: died"),
    "suspected": ("의사환자 계", "Suspected"), "testing": ("의사 - 검사중", "Suspected: being tested"),
    "released": ("의사 - 격리해제", "Suspected: released"),
}
COVID_PARENT = {"isolated": "confirmed", "recovered": "confirmed", "deaths": "confirmed",
                "testing": "suspected", "released": "suspected"}


def covid(plan: Plan) -> Report:
    """The status table turned on its side: a row per measure, nationwide and Seoul side by side."""
    data = plan.doc["covid"]
    regions = {r["key"]: r for r in data["regions"]}
    national, seoul = regions.get("national", {}), regions.get("seoul", {})
    overseas = data.get("overseas") or {}
    rows = []
    for col in COVID_COLUMNS:
        parent = COVID_PARENT.get(col)
        rows.append({
            "measure": col, "name": COVID_NAMES[col][0], "name_en": COVID_NAMES[col][1],
            "national": national.get(col), "seoul": seoul.get(col),
            "seoul_share_pct": calc.share_pct(seoul.get(col), national.get(col)),
            "national_part_pct": calc.share_pct(national.get(col), national.get(parent)) if parent else None,
            "seoul_part_pct": calc.share_pct(seoul.get(col), seoul.get(parent)) if parent else None,
            "overseas": overseas.get(col),
        })
    columns = [
        Column("measure", "항목키", "Measure"),
        Column("name", "구분", "Measure name"),
        Column("name_en", "영문", "English name"),
        Column("national", "전국", "Nationwide", "int"),
        Column("seoul", "서울시", "Seoul", "int"),
        Column("seoul_share_pct", "서울 비중", "Seoul share", "pct"),
        Column("national_part_pct", "전국 내 비율", "Nationwide: part of total", "pct"),
        Column("seoul_part_pct", "서울 내 비율", "Seoul: part of total", "pct"),
        Column("overseas", "국외", "Overseas", "int"),
    ]
    people = _people_columns(columns, hide={"measure", "name_en"})
    notes = ["서울 비중 = 서울시 ÷ 전국 × 100; 내 비율 = 격리중·완치·사망 ÷ 확진 소계, 검사중·격리해제 ÷ 의사환자 계.",
             "단위: 명. 서울시 사망은 계획서에 '-'로 적혀 0으로 기록."]
    return _report(rows, columns, people, f"코로나19 국내 발생 현황 ({data['as_of'].replace('T', ' ')} 현재, 단위: 명)", notes)
