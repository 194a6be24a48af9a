"""Synthetic datasets for the speed benchmarks: the real plan with its KPIs repeated N times.

Every copy keeps the real record's figures, units, directions, stated figures, parts and
actuals (so the work per KPI is the real work) under a unique id and a short name; notes
are dropped and excerpts shortened, so that the 1000× file (555,000 KPIs, ~130 MB) stays
under the loader's JSON size limit. The result is valid against the
schema. It is written as JSON — which is YAML too — because PyYAML constructs Python
objects at about 1.5 MB/s, and a 100× dataset in YAML would measure PyYAML, not seoulplan.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml


def real_plan() -> dict:
    from seoulplan.core.reading import packaged_path

    return yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def synthetic(factor: int, plan: dict | None = None) -> dict:
    plan = plan or real_plan()
    kpis = []
    for n in range(factor):
        for i, k in enumerate(plan["kpis"]):
            copy = {key: value for key, value in k.items() if key != "note"}
            copy.update(id=f"{k['pillar']}.k{n}-{i}", name=f"지표 {n}-{i}", name_en=f"KPI {n}-{i}",
                        source=k["source"][:12])
            kpis.append(copy)
    return {**plan, "kpis": kpis}


def write(factor: int, directory: Path, plan: dict | None = None) -> Path:
    path = Path(directory) / f"plan-x{factor}.json"
    doc = synthetic(factor, plan)
    # JSON has only string keys; the loader reads integer keys (budget years) back as integers.
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys

    for f in map(int, sys.argv[1:] or ["10"]):
        p = write(f, Path("."))
        print(p, p.stat().st_size)
