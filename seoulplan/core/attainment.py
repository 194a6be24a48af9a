"""Attainment: measured actuals against the plan's targets (SPEC §5).

The KPIs are joined to the actuals ledger (:mod:`seoulplan.core.actuals`) with ``merge``;
each joined row is measured by :func:`seoulplan.core.calc.attainment` — direction-aware
and exact, since a status turns on whether an actual reaches its target to the last
digit — and pillars are summarised with ``groupby``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from seoulplan.core import calc, kpis
from seoulplan.core.actuals import ledger
from seoulplan.core.frames import column


def measure(
    selected: pd.DataFrame,
    kpi_table: pd.DataFrame,
    actuals: Any = None,
    *,
    near: float = 90,
    encoding: str = "utf-8-sig",
) -> pd.DataFrame:
    """The ``selected`` KPIs that have an actual, with attainment %, progress % and status.

    ``actuals`` None measures the achievements the plan itself reports (``actual_from``
    ``plan``); anything else is read as a ledger (``actual_from`` ``file``), checked
    against every KPI of ``kpi_table``.
    """
    if actuals is None:
        rows = selected[selected["actual"].notna()].copy()
        rows["actual_from"] = column(["plan"] * len(rows), "string")
    else:
        targets = dict(zip(kpi_table["id"], kpi_table["target_year"]))
        found = ledger(actuals, targets, encoding=encoding)[["id", "actual", "year"]]
        rows = selected.drop(columns=["actual", "actual_year"]).merge(
            found.rename(columns={"year": "actual_year"}), on="id", how="inner"
        )
        rows["actual"] = column(rows["actual"], "Float64")
        rows["actual_from"] = column(["file"] * len(rows), "string")
    measured = [
        calc.attainment(direction, actual, target, None if pd.isna(base) else base, near)
        for direction, actual, target, base in zip(
            rows["direction"], _exact(rows["actual"]), _exact(rows["target"]), _exact(rows["baseline"])
        )
    ]
    rows["attainment_pct"] = column([m.attainment_pct for m in measured], "Float64")
    rows["progress_pct"] = column([m.progress_pct for m in measured], "Float64")
    rows["status"] = column([m.status for m in measured], "string")
    return rows[list(kpis.COLUMNS)].reset_index(drop=True)


def _exact(values: pd.Series) -> list:
    return list(calc.exact_column(values))


def below(measured: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The measured KPIs whose attainment is below ``threshold`` % (what ``--fail-under`` fails on)."""
    return measured[(measured["attainment_pct"] < threshold).fillna(False)]


def by_pillar(
    pillars: list[dict], kpi_table: pd.DataFrame, actuals: Any, *, near: float = 90, encoding: str = "utf-8-sig"
) -> pd.DataFrame:
    """Per pillar: KPIs, how many have actuals, and how many are 달성/근접/미달."""
    measured = measure(kpi_table, kpi_table, actuals, near=near, encoding=encoding)
    statuses = {calc.ACHIEVED: "achieved", calc.NEAR: "near", calc.MISSED: "missed"}
    counts = (
        measured.assign(status=measured["status"].map(statuses))
        .pivot_table(index="pillar", columns="status", values="id", aggfunc="count", fill_value=0)
        .reindex(columns=list(statuses.values()), fill_value=0)
    )
    counts["with_actuals"] = counts.sum(axis=1)
    totals = kpi_table.groupby("pillar").size().rename("kpis")
    frame = pd.DataFrame(
        {
            "pillar": column([p["slug"] for p in pillars], "string"),
            "pillar_number": column([p.get("number") for p in pillars], "Int64"),
            "pillar_name": column([p["name"] for p in pillars], "string"),
        }
    )
    out = frame.merge(totals, left_on="pillar", right_index=True, how="left")
    out = out.merge(counts, left_on="pillar", right_index=True, how="left")
    numbers = ["kpis", "with_actuals", "achieved", "near", "missed"]
    out[numbers] = out[numbers].fillna(0).astype("Int64")
    return out[["pillar", "pillar_number", "pillar_name", *numbers]]
