"""The benchmarks' synthetic datasets and ledgers are valid inputs: a benchmark that timed an
error message would measure nothing (benchmarks/run.py exits on a failed command, but only
when someone runs it)."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import dataset_records

import seoulplan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic


def test_a_synthetic_dataset_is_valid_with_its_relations_inside_each_copy(tmp_path):
    path = synthetic.write(2, tmp_path)
    plan = seoulplan.load(path)
    kpis = plan.kpis(kind="all")
    assert len(kpis) == 2 * dataset_records("kpis")
    linked = kpis.dropna(subset=["part_of"])
    assert len(linked) == 2 * dataset_records("kpis", having="part_of")
    # a copy's part links to the same copy's total
    assert (linked["id"].str.split("-").str[0] == linked["part_of"].str.split("-").str[0]).all()


def test_a_synthetic_ledger_tracks_every_observation(tmp_path):
    real = synthetic.real_plan()
    doc = synthetic.synthetic(2, real)
    path = synthetic.write(2, tmp_path, real)
    ledger = synthetic.ledger(doc, 300, tmp_path, ("2020-Q1", "2020-Q3"))
    assert ledger.read_text(encoding="utf-8").count("\n") == 1 + 600
    tracked = seoulplan.load(path).track(ledger, by="quarter")
    assert len(tracked) == 300 * 3  # every period from the first to the last, 2020-Q2 too
    assert tracked["actual"].notna().sum() == 600
    assert set(tracked["period"]) == {"2020-Q1", "2020-Q2", "2020-Q3"}
    assert (tracked[tracked["period"] == "2020-Q2"]["status"] == "미보고").all()
    assert tracked["status"].notna().all()


def test_the_track_benchmark_asks_for_targets_the_100x_plan_has():
    """Group (e) times 100,000 observations on the 100× plan: it once asked for 50,000 targets
    after parameters stopped being targets (the 100× plan has 45,300) and could only fail."""
    import run

    targets = sum(1 for k in synthetic.real_plan()["kpis"] if k.get("kind", "target") == "target")
    assert 100 * targets >= run.TRACK_KPIS
    assert run.TRACK_KPIS * len(run.TRACK_DATES) == 100_000


def test_the_track_benchmark_says_what_it_times():
    """Its docstring once still said 50,000 KPIs × 2 dates, after the group moved to 25,000 × 4."""
    import run

    assert f"{run.TRACK_KPIS:,} target KPIs × {len(run.TRACK_DATES)} quarters" in " ".join(run.__doc__.split())
