"""The biggest planned changes: the targets that move furthest from their baseline.

A report picks these out of the KPI table, per pillar and in each direction: the largest
rises (``growth_pct`` > 0) and the largest falls (``growth_pct`` < 0). Only targets with a
baseline have a growth rate (SPEC §5); the others are not ranked. ``growth_pct`` is
relative to the baseline, so a KPI in % ranks by 8.8% → 7.7% = -12.5%, not by its -1.1%p.
"""

from __future__ import annotations

import pandas as pd

#: The columns of :func:`biggest`: the pillar and the direction of the change, the rank in
#: it (1 = the largest), then the KPI's own columns.
COLUMNS = (
    "pillar",
    "change_direction",
    "rank",
    "id",
    "strategy",
    "name",
    "name_en",
    "unit",
    "direction",
    "baseline_year",
    "baseline",
    "target_year",
    "target",
    "change",
    "growth_pct",
)
CHANGE_DIRECTIONS = ("increase", "decrease")


def biggest(targets: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` largest rises and falls of ``growth_pct`` in each pillar of ``targets`` (the
    KPI table's rows), pillars in their order, rises before falls, largest first; ties keep
    the dataset's order."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    growth = targets["growth_pct"]
    order = pd.Series(range(len(targets)), index=targets.index)
    pillars = {slug: i for i, slug in enumerate(dict.fromkeys(targets["pillar"].tolist()))}
    parts = []
    for direction, chosen, ascending in (("increase", growth > 0, False), ("decrease", growth < 0, True)):
        rows = targets[chosen.fillna(False).astype(bool)].assign(_order=order)
        rows = rows.sort_values(["growth_pct", "_order"], ascending=[ascending, True], kind="stable")
        rows = rows.groupby("pillar", sort=False).head(n)
        rows = rows.assign(change_direction=direction, rank=rows.groupby("pillar").cumcount() + 1)
        parts.append(rows)
    out = pd.concat(parts, ignore_index=True)
    out = out.assign(
        _pillar=out["pillar"].map(pillars), _direction=out["change_direction"].map(CHANGE_DIRECTIONS.index)
    )
    out = out.sort_values(["_pillar", "_direction", "rank"], kind="stable").reset_index(drop=True)
    out = out.reindex(columns=list(COLUMNS))
    return out.astype({"change_direction": "string", "rank": "Int64"})
