"""Synthetic datasets for the speed benchmarks: the real plan with its KPIs repeated N times.

Every copy keeps the real record's figures, units, directions, stated figures, parts and
actuals (so the work per KPI is the real work) under a unique id and a short name; notes
are dropped and excerpts shortened, so that the 1000× file (555,000 KPIs, ~130 MB) stays
under the loader's JSON size limit. The dated deliverables are kept once, their KPIs those of
the first copy. The result is valid against the schema. It is written as JSON — which is YAML too — because PyYAML constructs Python
objects at about 1.5 MB/s, and a 100× dataset in YAML would measure PyYAML, not seoulplan.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def real_plan(path: Path | None = None) -> dict:
    """The plan this seoulplan ships (or the dataset at ``path``: an earlier version's own)."""
    if path is None:
        from seoulplan.core.reading import packaged_path

        path = packaged_path()
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def synthetic(factor: int, plan: dict | None = None) -> dict:
    plan = plan or real_plan()
    index = {k["id"]: i for i, k in enumerate(plan["kpis"])}
    kpis = []
    for n in range(factor):

        def renamed(real_id: str, n: int = n) -> str:
            return f"{real_id.split('.')[0]}.k{n}-{index[real_id]}"

        for k in plan["kpis"]:
            copy = {key: value for key, value in k.items() if key != "note"}
            i = index[k["id"]]
            copy.update(id=renamed(k["id"]), name=f"지표 {n}-{i}", name_en=f"KPI {n}-{i}", source=k["source"][:12])
            for relation in ("same_as", "part_of"):  # within the copy, so that every copy is valid
                if relation in copy:
                    copy[relation] = renamed(copy[relation])
            for link in ("lists", "compares", "sums", "restates", "average"):  # the audit's references too
                if link in copy:
                    copy[link] = _linked(copy[link], index, renamed)
            kpis.append(copy)
    out = {**plan, "kpis": kpis}
    for section in ("deliverables", "deliverables_skipped"):  # kept once, naming the first copy's KPIs
        if section in plan:
            out[section] = [
                {**r, "kpi_id": f"{r['kpi_id'].split('.')[0]}.k0-{index[r['kpi_id']]}"} if "kpi_id" in r else r
                for r in plan[section]
            ]
    return out


def _linked(value: Any, index: dict[str, int], renamed: Callable[[str], str]) -> Any:
    """A link of the audit with each KPI it refers to (``id`` or ``id@YEAR``) renamed as its copy."""
    if isinstance(value, dict):
        return {key: _linked(item, index, renamed) for key, item in value.items()}
    if isinstance(value, list):
        return [_linked(item, index, renamed) for item in value]
    if isinstance(value, str):
        name, at, year = value.partition("@")
        if name in index:
            return renamed(name) + at + year
    return value


def write(factor: int, directory: Path, plan: dict | None = None, name: str = "plan") -> Path:
    path = Path(directory) / f"{name}-x{factor}.json"
    doc = synthetic(factor, plan)
    # JSON has only string keys; the loader reads integer keys (budget years) back as integers.
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def ledger(plan: dict, count: int, directory: Path, dates: tuple[str, ...] = ("2020-Q1", "2020-Q3")) -> Path:
    """An actuals ledger of ``count`` target KPIs of ``plan`` × ``dates``: each KPI's target
    year value, reached by halves (half of it at the first date, all of it at the second)."""
    path = Path(directory) / f"ledger-{count}x{len(dates)}.csv"
    targets = [k for k in plan["kpis"] if k.get("kind", "target") == "target"][:count]
    if len(targets) < count:
        raise ValueError(f"the plan has {len(targets)} targets, fewer than {count}")
    rows = ["id,actual,as_of"]
    for k in targets:
        value = k["target"]["value"]
        for step, date in enumerate(dates, 1):
            rows.append(f"{k['id']},{value * step / len(dates):g},{date}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys

    for f in map(int, sys.argv[1:] or ["10"]):
        p = write(f, Path("."))
        print(p, p.stat().st_size)
