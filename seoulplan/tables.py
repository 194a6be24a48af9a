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


def frame_from_columns(data: dict[str, list], columns: list[Column]):
    """A DataFrame of object dtype from lists of values, one per column."""
    import numpy as np
    import pandas as pd

    length = len(next(iter(data.values()), []))
    arrays = {}
    for c in columns:
        array = np.empty(length, dtype=object)  # filled in place: numpy would unpack nested values
        if data.get(c.key) is not None:
            array[:] = data[c.key]
        arrays[c.key] = array
    return pd.DataFrame(arrays, columns=[c.key for c in columns], dtype=object, copy=False)


def frame(rows: list[dict], columns: list[Column]):
    """A DataFrame of object dtype from row dicts (a missing key is None)."""
    return frame_from_columns({c.key: [r.get(c.key) for r in rows] for c in columns}, columns)


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


# -- pillars and KPIs --------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(str(text).split()).lower()


def resolve_pillar(plan: Plan, query: str) -> dict:
    """A pillar by slug, number, or Korean name (spacing ignored; a unique part will do)."""
    q = _squash(query)
    pillars = plan.pillars
    for p in pillars:
        if q == p["slug"] or (p.get("number") is not None and q == str(p["number"])) or q == _squash(p["name"]):
            return p
    partial = [p for p in pillars if q and (q in _squash(p["name"]) or q in _squash(p.get("name_en", "")))]
    if len(partial) == 1:
        return partial[0]
    choices = ", ".join(f"{p['slug']}" + (f" ({p['number']})" if p.get("number") is not None else "") for p in pillars)
    raise UsageError(f"unknown pillar {query!r}; expected a slug, number or Korean name: {choices}")


def _series(kpi: dict) -> list[tuple[int, object]]:
    points = [kpi.get("baseline"), kpi["target"], *(kpi.get("milestones") or [])]
    return sorted((p["year"], p["value"]) for p in points if p)


def is_unambitious(kpi: dict) -> bool:
    """SPEC §5 ambition: a target no better than its baseline in the KPI's direction."""
    base = kpi.get("baseline")
    if not base:
        return False
    b, t = calc._dec(base["value"]), calc._dec(kpi["target"]["value"])
    if kpi["direction"] == "increase":
        return t <= b
    if kpi["direction"] == "decrease":
        return t >= b
    return False


def _strategy_names(plan: Plan) -> dict:
    return {(p["slug"], s["number"]): s["name"] for p in plan.pillars for s in p["strategies"]}


def kpi_columns(kpis: list[dict], pillar_names: dict, strategy_names: dict) -> dict[str, list]:
    """The KPI table column by column: the records' figures and the measures computed from them.

    Built per column (one tight comprehension each) rather than per row: on a dataset of
    50,000 KPIs this is several times faster than building a dict per KPI.
    """
    col: dict[str, list] = {}
    col["id"] = [k["id"] for k in kpis]
    col["pillar"] = pillars = [k["pillar"] for k in kpis]
    col["pillar_name"] = [pillar_names.get(p) for p in pillars]
    col["strategy"] = strategies = [k["strategy"] for k in kpis]
    col["strategy_name"] = [strategy_names.get(ps) for ps in zip(pillars, strategies)]
    for key in ("name", "name_en", "unit", "direction"):
        col[key] = [k[key] for k in kpis]
    bases = [k.get("baseline") for k in kpis]
    targets = [k["target"] for k in kpis]
    col["baseline_year"] = [b["year"] if b else None for b in bases]
    col["baseline"] = base_values = [b["value"] if b else None for b in bases]
    col["target_year"] = [t["year"] for t in targets]
    col["target"] = target_values = [t["value"] for t in targets]
    col["change"] = [None if b is None else calc.change(t, b) for t, b in zip(target_values, base_values)]
    col["growth_pct"] = [None if b is None else calc.growth_pct(t, b) for t, b in zip(target_values, base_values)]
    milestones = [k.get("milestones") for k in kpis]
    col["milestones"] = ["; ".join(f"{m['year']}: {m['value']}" for m in sorted(ms, key=lambda m: m["year"])) if ms else None
                         for ms in milestones]
    series = [_series(k) if ms else None for k, ms in zip(kpis, milestones)]
    col["last_year"] = [s[-1][0] if s else None for s in series]
    col["last"] = [s[-1][1] if s else None for s in series]
    col["cagr_pct"] = [calc.cagr_pct(s[0][1], s[-1][1], s[-1][0] - s[0][0]) if s else None for s in series]
    stated = [k.get("stated") or _NOTHING for k in kpis]
    col["stated_change"] = [st.get("change") for st in stated]
    col["stated_change_pct"] = [st.get("change_pct") for st in stated]
    col["stated_multiple"] = [st.get("multiple") for st in stated]
    parts = [k.get("parts") for k in kpis]
    col["parts"] = ["; ".join(f"{p['name']} {p['value']}" for p in ps) if ps else None for ps in parts]
    col["parts_total"] = [calc.total(p["value"] for p in ps) if ps else None for ps in parts]
    col["parts_partial"] = [k.get("parts_partial") or None for k in kpis]
    actuals = [k.get("actual") or _NOTHING for k in kpis]
    col["actual_year"] = [a.get("year") for a in actuals]
    col["actual"] = [a.get("value") for a in actuals]
    col["stated_attainment_pct"] = [a.get("stated_attainment_pct") for a in actuals]
    col["unambitious"] = [b is not None and is_unambitious(k) for k, b in zip(kpis, base_values)]
    col["source"] = [k["source"] for k in kpis]
    col["quotes"] = [" | ".join(k["quotes"]) if k.get("quotes") else None for k in kpis]
    col["note"] = [k.get("note") for k in kpis]
    for key in ("attainment_pct", "progress_pct", "status", "actual_from"):
        col[key] = [None] * len(kpis)
    return col


_NOTHING: dict = {}


def kpi_row(kpi: dict, pillar_names: dict, strategy_names: dict) -> dict:
    """One KPI as a row of raw values (see :func:`kpi_columns`)."""
    return {key: values[0] for key, values in kpi_columns([kpi], pillar_names, strategy_names).items()}


def _with_year(value, row, options, year_key):
    from seoulplan.render import _quantity

    if value is None:
        return "—"
    year = row.get(year_key)
    return _quantity(value, row.get("unit") or "", options, as_change=False) + (f" ('{year % 100:02d})" if year else "")


def _actual_cell(value, row, options):
    return _with_year(value, row, options, "actual_year")


def _baseline_cell(value, row, options):
    return _with_year(value, row, options, "baseline_year")


def _target_cell(value, row, options):
    return _with_year(value, row, options, "target_year")


KPI_COLUMNS = [
    Column("id", "ID", "ID"),
    Column("pillar", "분야", "Pillar"),
    Column("pillar_name", "분야명", "Pillar name"),
    Column("strategy", "전략", "Strategy", "int"),
    Column("strategy_name", "전략명", "Strategy name"),
    Column("name", "지표", "Name"),
    Column("name_en", "영문", "English name"),
    Column("unit", "단위", "Unit"),
    Column("direction", "방향", "Direction"),
    Column("baseline_year", "기준연도", "Baseline year", "year"),
    Column("baseline", "기준", "Baseline", _baseline_cell),
    Column("target_year", "목표연도", "Target year", "year"),
    Column("target", "목표", "Target", _target_cell),
    Column("change", "증감", "Change", "change"),
    Column("growth_pct", "증감률", "Growth", "pct"),
    Column("milestones", "이후 연도", "Milestones"),
    Column("last_year", "최종연도", "Last year", "year"),
    Column("last", "최종값", "Last value", "quantity"),
    Column("cagr_pct", "연평균 증감률", "CAGR", "pct"),
    Column("stated_change", "증감(계획)", "Change (stated)", "change"),
    Column("stated_change_pct", "증감률(계획)", "Growth (stated)", "pct"),
    Column("stated_multiple", "배수(계획)", "Multiple (stated)", "number"),
    Column("parts", "세부", "Parts"),
    Column("parts_total", "세부 합계", "Parts total", "quantity"),
    Column("parts_partial", "세부 일부만(등)", "Parts partial"),
    Column("actual_year", "실적연도", "Actual year", "year"),
    Column("actual", "실적", "Actual", _actual_cell),
    Column("stated_attainment_pct", "달성률(계획)", "Attainment (stated)", "pct"),
    Column("unambitious", "목표≤기준", "Unambitious"),
    Column("source", "출처", "Source"),
    Column("quotes", "다른 출처", "Other excerpts"),
    Column("note", "비고", "Note"),
]


def kpis(plan: Plan, pillar: str | None = None, strategy: int | None = None, grep: str | None = None,
         sort: str | None = None, actuals: dict | None = None, attainment: bool = False, near=90) -> Report:
    """The KPIs, filtered and sorted, with the planned change from baseline to target.

    With ``actuals`` (id → (value, year)) or ``attainment`` (the plan's own reported
    achievements) it shows measured attainment instead, for the KPIs that have an actual.
    """
    selected = plan.kpis
    measuring = actuals is not None or attainment
    if actuals is not None:
        title = "KPI: 실적 대비 달성도 (실적 파일 기준)"
    elif attainment:
        title = "KPI: 실적 대비 달성도 (계획서가 보고한 실적 기준)"
    else:
        title = "KPI: 계획된 변화 (기준 → 목표; 실적 대비 달성도가 아님)"
    if pillar is not None:
        p = resolve_pillar(plan, pillar)
        selected = [k for k in selected if k["pillar"] == p["slug"]]
        title += f" — {p['name']}"
        if strategy is not None:
            numbers = {s["number"] for s in p["strategies"]}
            if strategy not in numbers:
                raise UsageError(f"pillar {p['slug']} has no strategy {strategy}; it has {', '.join(map(str, sorted(numbers)))}")
            selected = [k for k in selected if k["strategy"] == strategy]
    elif strategy is not None:
        raise UsageError("--strategy needs --pillar (strategy numbers are counted within a pillar)")
    if grep:
        needle = grep.casefold()
        fields = ("id", "name", "name_en", "unit", "source", "note")
        selected = [k for k in selected if any(needle in str(k.get(f, "")).casefold() for f in fields)]
    names = {p["slug"]: p["name"] for p in plan.pillars}
    strategy_names = _strategy_names(plan)
    columns = KPI_COLUMNS + ATTAINMENT_COLUMNS
    if measuring:
        if actuals is not None:
            selected = [k for k in selected if k["id"] in actuals]
        else:
            selected = [k for k in selected if k.get("actual")]
        rows = attainment_rows(plan, [kpi_row(k, names, strategy_names) for k in selected], actuals, near)
        data = {c.key: [r[c.key] for r in rows] for c in columns}
    else:
        data = kpi_columns(selected, names, strategy_names)
    if sort:
        key, reverse = (sort[1:], True) if sort.startswith("-") else (sort, False)
        if key not in data:
            raise UsageError(f"cannot sort by {key!r}; expected one of {', '.join(c.key for c in columns)} (prefix - for descending)")
        values = data[key]
        present = [i for i, v in enumerate(values) if v is not None]
        present.sort(key=lambda i: str(values[i]) if isinstance(values[i], str) else calc._dec(values[i]), reverse=reverse)
        order = present + [i for i, v in enumerate(values) if v is None]  # no value sorts last either way
        data = {k: [v[i] for i in order] for k, v in data.items()}
    if measuring:
        shown = ("id", "name", "baseline", "target", "actual", "attainment_pct", "progress_pct", "status")
        notes = [f"달성률: 증가 지표 실적 ÷ 목표, 감소 지표 목표 ÷ 실적 (× 100); 진척률 = 기준에서 목표까지 간 비율; "
                 f"달성 = 목표 도달, 근접 ≥ {near:g}%, 미달 그 아래."]
    else:
        shown = ("id", "name", "baseline", "target", "change", "growth_pct")
        notes = ["증감 = 목표 − 기준 (% 지표는 %p); 증감률 = 증감 ÷ 기준 × 100; 기준이 없으면 —."]
    people = [c for key in shown for c in columns if c.key == key]
    return Report(frame_from_columns(data, columns), columns, title=title, notes=notes, people_columns=people,
                  drop_empty=False)


def kpi_detail(plan: Plan, kpi_id: str) -> Report:
    """One KPI in full, every field and its source excerpt; people formats show it vertically."""
    by_id = {k["id"]: k for k in plan.kpis}
    if kpi_id not in by_id:
        import difflib

        close = difflib.get_close_matches(kpi_id, list(by_id), n=5, cutoff=0.5)
        close += [i for i in by_id if kpi_id and kpi_id.lower() in i and i not in close][: 5 - len(close)]
        hint = f"; did you mean {', '.join(close)}?" if close else "; list them with: seoulplan kpi"
        raise UsageError(f"no KPI {kpi_id!r}{hint}")
    kpi = by_id[kpi_id]
    row = kpi_row(kpi, {p["slug"]: p["name"] for p in plan.pillars}, _strategy_names(plan))
    return Report(frame([row], KPI_COLUMNS), KPI_COLUMNS, title=f"{kpi['id']} — {kpi['name']}", vertical=True)


def pillars(plan: Plan) -> Report:
    """Pillars and their strategies, with how many KPIs each has."""
    counts: dict = {}
    for k in plan.kpis:
        counts[(k["pillar"], k["strategy"])] = counts.get((k["pillar"], k["strategy"]), 0) + 1
    rows = []
    for p in plan.pillars:
        total = sum(n for (slug, _), n in counts.items() if slug == p["slug"])
        for s in p["strategies"]:
            rows.append({
                "pillar": p["slug"], "pillar_number": p.get("number"), "pillar_name": p["name"],
                "pillar_name_en": p.get("name_en"), "pillar_kpis": total,
                "strategy": s["number"], "strategy_name": s["name"], "strategy_name_en": s.get("name_en"),
                "kpis": counts.get((p["slug"], s["number"]), 0),
                "pillar_label": f"{p.get('number') or ''} {p['name']} ({p['slug']}, {total})".strip(),
            })
    columns = [
        Column("pillar", "분야키", "Pillar"),
        Column("pillar_number", "번호", "No.", "int"),
        Column("pillar_name", "분야", "Pillar name"),
        Column("pillar_name_en", "분야 영문", "Pillar (English)"),
        Column("pillar_kpis", "분야 KPI", "Pillar KPIs", "int"),
        Column("strategy", "전략", "Strategy", "int"),
        Column("strategy_name", "전략명", "Strategy name"),
        Column("strategy_name_en", "전략 영문", "Strategy (English)"),
        Column("kpis", "KPI", "KPIs", "int"),
    ]
    label = Column("pillar_label", "분야 (키, KPI 수)", "Pillar (slug, KPIs)", repeat=False)
    people = [label, columns[5], columns[6], columns[8]]
    return Report(frame(rows, columns + [label]), columns, title=f"정책 분야와 전략 (KPI {len(plan.kpis)}개)",
                  people_columns=people)


# -- audit and attainment ----------------------------------------------------------


def _audit_value(value, row, options):
    from seoulplan.audit import ROUNDED, decimals
    from seoulplan.money import round_half_up
    from seoulplan.render import _quantity

    if value is None:
        return "—"
    if row["rule"] == ROUNDED and not isinstance(value, (int, float)):
        value = round_half_up(value, decimals(row["stated"]) + 2)  # enough to see why it rounds as it does
    unit = row.get("unit") or ""
    if unit in ("%", "%p"):
        from seoulplan.money import format_number

        return format_number(value, locale=options.locale) + unit
    return _quantity(value, unit, options, as_change=False)


def _ok_cell(value, row, options):
    if row["kind"] == "ambition":
        return "목표≤기준" if options.locale != "en_US" else "unambitious"
    return ("일치" if value else "불일치") if options.locale != "en_US" else ("ok" if value else "DISAGREES")


AUDIT_COLUMNS = [
    Column("check_id", "점검 ID", "Check"),
    Column("section", "부문", "Section"),
    Column("record_id", "기록", "Record"),
    Column("kind", "종류", "Kind"),
    Column("check", "점검 내용", "What is checked"),
    Column("unit", "단위", "Unit"),
    Column("stated", "계획서", "Stated", _audit_value),
    Column("computed", "계산", "Computed", _audit_value),
    Column("rule", "기준", "Rule"),
    Column("tolerance", "허용 오차", "Tolerance", "number"),
    Column("ok", "결과", "Result", _ok_cell),
    Column("source", "출처", "Source"),
    Column("note", "비고", "Note"),
]


def audit(plan: Plan, only_failures: bool = False) -> tuple[Report, list[dict]]:
    """Every check of :mod:`seoulplan.audit`; returns the report and the failed arithmetic checks."""
    from seoulplan import audit as audit_mod

    rows = audit_mod.run(plan)
    failures = [r for r in rows if not r["ok"] and r["kind"] == "arithmetic"]
    flags = [r for r in rows if r["kind"] == "ambition"]
    shown = [r for r in rows if not r["ok"]] if only_failures else rows
    title = (f"감사: 계획서가 밝힌 증감·비율·합계·달성률 재계산 — 점검 {len(rows) - len(flags)}건, "
             f"불일치 {len(failures)}건, 목표≤기준 {len(flags)}건")
    notes = ["차이·합계는 계획서 수치의 자릿수까지 정확히, 비율은 계획서 표기 자릿수로 반올림(half up)해 비교."]
    people = [c for c in AUDIT_COLUMNS if c.key in ("check_id", "check", "stated", "computed", "ok")]
    return Report(frame(shown, AUDIT_COLUMNS), AUDIT_COLUMNS, title=title, notes=notes, people_columns=people), failures


ATTAINMENT_COLUMNS = [
    Column("attainment_pct", "달성률", "Attainment", "pct"),
    Column("progress_pct", "진척률", "Progress", "pct"),
    Column("status", "상태", "Status"),
    Column("actual_from", "실적 출처", "Actual from"),
]


def attainment_rows(plan: Plan, rows: list[dict], actuals: dict | None, near) -> list[dict]:
    """Add actual, attainment, progress and status to KPI rows; keep only those with an actual.

    ``actuals`` maps id → (value, year) from a file; None uses the achievements the plan
    itself reports (the dataset's ``actual``).
    """
    by_id = {k["id"]: k for k in plan.kpis}
    out = []
    for row in rows:
        kpi = by_id[row["id"]]
        if actuals is not None:
            if row["id"] not in actuals:
                continue
            value, year = actuals[row["id"]]
            source = "file"
        elif kpi.get("actual"):
            value, year, source = kpi["actual"]["value"], kpi["actual"]["year"], "plan"
        else:
            continue
        measured = calc.attainment(kpi["direction"], value, kpi["target"]["value"],
                                   (kpi.get("baseline") or {}).get("value"), near)
        out.append({**row, "actual": value, "actual_year": year, "attainment_pct": measured.attainment_pct,
                    "progress_pct": measured.progress_pct, "status": measured.status, "actual_from": source})
    return out


def pillar_attainment(plan: Plan, actuals: dict, near) -> Report:
    """Per pillar: KPIs, how many have actuals, and how many are 달성/근접/미달."""
    names = {p["slug"]: p["name"] for p in plan.pillars}
    strategy_names = _strategy_names(plan)
    measured = attainment_rows(plan, [kpi_row(k, names, strategy_names) for k in plan.kpis], actuals, near)
    rows = []
    for p in plan.pillars:
        mine = [m for m in measured if m["pillar"] == p["slug"]]
        rows.append({
            "pillar": p["slug"], "pillar_number": p.get("number"), "pillar_name": p["name"],
            "kpis": sum(1 for k in plan.kpis if k["pillar"] == p["slug"]), "with_actuals": len(mine),
            "achieved": sum(m["status"] == calc.ACHIEVED for m in mine),
            "near": sum(m["status"] == calc.NEAR for m in mine),
            "missed": sum(m["status"] == calc.MISSED for m in mine),
        })
    columns = [
        Column("pillar", "분야키", "Pillar"), Column("pillar_number", "번호", "No.", "int"),
        Column("pillar_name", "분야", "Pillar name"), Column("kpis", "KPI", "KPIs", "int"),
        Column("with_actuals", "실적 있음", "With actuals", "int"), Column("achieved", "달성", "Achieved", "int"),
        Column("near", "근접", "Near", "int"), Column("missed", "미달", "Missed", "int"),
    ]
    title = f"분야별 실적 대비 달성도 (달성 ≥ 100%, 근접 ≥ {near:g}%, 미달 그 아래)"
    return Report(frame(rows, columns), columns, title=title, drop_empty=False)
