"""The plan's figures of sections I, II and IV as tables: budget, finance, general, COVID.

Each function takes the validated dataset document and returns a DataFrame of the
machine columns the command documents. Shares and growth are computed column-wise with
:func:`seoulplan.core.calc.rate` (exact, see there); totals are joined with ``merge``.
"""

from __future__ import annotations

import pandas as pd

from seoulplan.core import calc, document
from seoulplan.core.frames import table
from seoulplan.core.i18n import _
from seoulplan.core.vocabulary import (
    BUDGET_BASES,
    COVID_MEASURES,
    COVID_NAMES,
    COVID_PARENT,
    FINANCE_SECTIONS,
    GROUP_NAMES,
)
from seoulplan.errors import UsageError


def budget_rows(doc: dict) -> pd.DataFrame:
    """Every amount of the budget tables, long form: basis × account × year, in the plan's order."""
    rows = [
        (b["key"], b["name"], b.get("name_en"), r["account"], r["name"], r.get("name_en"), int(year), amount)
        for b in doc["budget"]["bases"]
        for r in b["rows"]
        for year, amount in r["amounts"].items()
    ]
    names = ("basis", "basis_name", "basis_name_en", "account", "account_name", "account_name_en", "year", "amount_eok")
    dtypes = ("string", "string", "string", "string", "string", "string", "Int64", "Int64")
    return table({n: ([row[i] for row in rows], t) for i, (n, t) in enumerate(zip(names, dtypes))})


def budget(doc: dict, basis: str = "all", compare: int | None = None, *, per_capita: bool = False) -> pd.DataFrame:
    """Budget rows (basis × account), with each account's share of its basis' total."""
    year, years = document.plan_year(doc), document.budget_years(doc)
    if basis != "all" and basis not in BUDGET_BASES:
        raise UsageError(
            _("unknown budget basis {basis!r}; expected one of {choices}").format(
                basis=basis, choices=", ".join((*BUDGET_BASES, "all"))
            )
        )
    if compare is not None and (compare not in years or compare == year):
        have = ", ".join(str(y) for y in sorted(y for y in years if y != year)) or _("none")
        raise UsageError(
            _("no budget figures to compare for {year}; the dataset has {have} (besides {plan_year})").format(
                year=compare, have=have, plan_year=year
            )
        )
    rows = budget_rows(doc)
    if basis != "all":
        rows = rows[rows["basis"] == basis]
    totals = rows.loc[rows["account"] == "total", ["basis", "year", "amount_eok"]]
    rows = rows.merge(totals.rename(columns={"amount_eok": "total_eok"}), on=["basis", "year"], how="left")
    rows["share_pct"] = calc.rate(rows["amount_eok"], rows["total_eok"])
    columns = [
        "basis", "basis_name", "basis_name_en", "account", "account_name", "account_name_en", "year", "amount_eok",
        "share_pct",
    ]  # fmt: skip
    out = rows.loc[rows["year"] == year, columns]
    if compare is not None:
        before = rows.loc[rows["year"] == compare, ["basis", "account", "year", "amount_eok", "share_pct"]]
        before = before.rename(
            columns={"year": "compare_year", "amount_eok": "compare_amount_eok", "share_pct": "compare_share_pct"}
        )
        out = out.merge(before, on=["basis", "account"], how="left")
        out["change_eok"] = out["amount_eok"] - out["compare_amount_eok"]
        out["growth_pct"] = calc.rate(out["change_eok"], out["compare_amount_eok"])
    if per_capita:
        out["per_capita_krw"] = calc.per_capita_won(out["amount_eok"], document.population(doc))
        if compare is not None:
            out["compare_per_capita_krw"] = calc.per_capita_won(out["compare_amount_eok"], document.population(doc))
    return out.reset_index(drop=True)


def _items(records: list[dict]) -> pd.DataFrame:
    """general or finance records, with the value of the item each is a part of (``of``)."""
    frame = table(
        {
            "group": ([r["group"] for r in records], "string"),
            "key": ([r["key"] for r in records], "string"),
            "name": ([r["name"] for r in records], "string"),
            "name_en": ([r.get("name_en") for r in records], "string"),
            "value": ([r["value"] for r in records], "Float64"),
            "unit": ([r["unit"] for r in records], "string"),
            "of": ([r.get("of") for r in records], "string"),
        }
    )
    wholes = frame[["key", "value"]].rename(columns={"key": "of", "value": "of_value"})
    frame = frame.merge(wholes, on="of", how="left")
    frame["share_pct"] = calc.rate(frame["value"], frame["of_value"])
    frame["group_name"] = frame["group"].map(lambda g: GROUP_NAMES.get(g, (g,))[0]).astype("string")
    frame["group_name_en"] = frame["group"].map(lambda g: GROUP_NAMES.get(g, (g, g))[1]).astype("string")
    return frame


def general(doc: dict) -> pd.DataFrame:
    """Population, area, districts, organisation and staff, with shares of their totals."""
    records = doc["general"]
    frame = _items(records)
    frame["stated_share_pct"] = table({"s": ([r.get("stated_share_pct") for r in records], "Float64")})["s"]
    columns = [
        "group", "group_name", "group_name_en", "item", "name", "name_en", "value", "unit", "of", "share_pct",
        "stated_share_pct",
    ]  # fmt: skip
    return frame.rename(columns={"key": "item"})[columns]


def finance(doc: dict, section: str = "all") -> pd.DataFrame:
    """Finance items with computed shares, implied bases and averages beside the stated ones."""
    if section != "all" and section not in FINANCE_SECTIONS:
        raise UsageError(
            _("unknown finance section {section!r}; expected one of {choices}").format(
                section=section, choices=", ".join((*FINANCE_SECTIONS, "all"))
            )
        )
    records = doc["finance"]
    frame = _items(records)
    stated = [r.get("stated") or {} for r in records]
    averages = [_average(doc, r) for r in records]
    extra = table(
        {
            "stated_share_pct": ([s.get("share_pct") for s in stated], "Float64"),
            "compare_year": ([r.get("compare_year") for r in records], "Int64"),
            "stated_change_eok": ([s.get("change") for s in stated], "Int64"),
            "stated_growth_pct": ([s.get("change_pct") for s in stated], "Float64"),
            "average_total": ([a[0] for a in averages], "Int64"),
            "average_count": ([a[1] for a in averages], "Int64"),
        }
    )
    frame = pd.concat([frame, extra], axis=1)
    money = frame["unit"] == "억원"
    frame["amount_eok"] = frame["value"].where(money).astype("Int64")
    frame["count"] = frame["value"].mask(money)
    frame["implied_compare_eok"] = frame["amount_eok"] - frame["stated_change_eok"]
    frame["growth_pct"] = calc.rate(frame["stated_change_eok"], frame["implied_compare_eok"])
    frame["computed_eok"] = calc.rate(frame["average_total"], frame["average_count"], scale=1)
    frame["computed_from"] = [
        None if pd.isna(t) else f"{t:,} ÷ {c}" for t, c in zip(frame["average_total"], frame["average_count"])
    ]
    frame["computed_from"] = frame["computed_from"].astype("string")
    if section != "all":
        frame = frame[frame["group"] == section]
    frame = frame.rename(
        columns={"group": "section", "group_name": "section_name", "group_name_en": "section_name_en", "key": "item"}
    )
    return frame[
        [
            "section",
            "section_name",
            "section_name_en",
            "item",
            "name",
            "name_en",
            "amount_eok",
            "count",
            "share_pct",
            "stated_share_pct",
            "compare_year",
            "stated_change_eok",
            "implied_compare_eok",
            "stated_growth_pct",
            "growth_pct",
            "computed_eok",
            "computed_from",
        ]
    ].reset_index(drop=True)


def _average(doc: dict, record: dict) -> tuple[int | None, int | None]:
    """(total, count) of an item the plan states as an average (its 1구 평균)."""
    if "average" not in record:
        return None, None
    return (
        document.item(doc, "finance", record["average"]["total"])["value"],
        document.item(doc, "finance", record["average"]["count"])["value"],
    )


def covid(doc: dict) -> pd.DataFrame:
    """The status table turned on its side: a row per measure, nationwide and Seoul side by side."""
    data = doc["covid"]
    regions = {r["key"]: r for r in data["regions"]}
    national, seoul = regions.get("national", {}), regions.get("seoul", {})
    overseas = data.get("overseas") or {}
    frame = table(
        {
            "measure": (COVID_MEASURES, "string"),
            "name": ([COVID_NAMES[m][0] for m in COVID_MEASURES], "string"),
            "name_en": ([COVID_NAMES[m][1] for m in COVID_MEASURES], "string"),
            "national": ([national.get(m) for m in COVID_MEASURES], "Int64"),
            "seoul": ([seoul.get(m) for m in COVID_MEASURES], "Int64"),
        }
    )
    parent = frame["measure"].map(COVID_PARENT)
    totals = frame.set_index("measure")
    frame["seoul_share_pct"] = calc.rate(frame["seoul"], frame["national"])
    frame["national_part_pct"] = calc.rate(frame["national"], parent.map(totals["national"]).astype("Int64"))
    frame["seoul_part_pct"] = calc.rate(frame["seoul"], parent.map(totals["seoul"]).astype("Int64"))
    frame["overseas"] = table({"o": ([overseas.get(m) for m in COVID_MEASURES], "Int64")})["o"]
    return frame
