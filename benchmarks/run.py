#!/usr/bin/env python3
"""seoulplan's speed, measured: start-up, data commands, and growth with dataset size.

    python benchmarks/run.py            # all three groups (the 1000× runs take a few minutes)
    python benchmarks/run.py --quick    # skip the 1000× dataset
    python benchmarks/run.py --runs 9   # more runs per command (default 5)

Every figure is a median over the runs, and every ratio compares commands timed in the
same run, interleaved, so that a busy machine slows both sides alike:

(a) `seoulplan --help`, `--version`, `money 395359억` against `python -c "import click"`
    (target ≤ 1.5×): start-up must not pay for pandas.
(b) `seoulplan budget --compare 2019` and `seoulplan kpi` against
    `python -c "import pandas, yaml, click, tabulate, babel.numbers"` (target ≤ 1.2×):
    the tool's own work must be small beside its imports.
(c) `seoulplan --data plan-xN.json kpi --format csv` on synthetic datasets 10×, 100× and
    1000× the real KPI count (benchmarks/synthetic.py): time per KPI must not grow (no
    worse than linear), the 100× dataset must finish under 3 s, and peak memory is shown.
    "warm" runs use the parsed-dataset cache as users' repeated runs do; "cold" runs set
    SEOULPLAN_CACHE=0 and parse every time.

Run it from an environment where seoulplan is installed the way users install it
(`pip install .`, not `-e`): pip compiles every module to bytecode at install time, while
an editable install under PYTHONDONTWRITEBYTECODE=1 (as on some CI machines) recompiles
every module at every start and measures the compiler, not seoulplan.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MEMORY_PROBE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def seoulplan_command() -> list[str]:
    beside = Path(sys.executable).with_name("seoulplan")
    found = str(beside) if beside.exists() else shutil.which("seoulplan")
    if not found:
        sys.exit("benchmarks: seoulplan is not installed in this environment (pip install .)")
    return [found]


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], runs: int, env: dict) -> dict[str, float]:
    """Median seconds per command; the commands are interleaved run by run."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # one warm-up each: caches, .pyc files
        timed(cmd, env)
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd, env))
    return {name: statistics.median(s) for name, s in samples.items()}


def peak_memory_mb(cmd: list[str], env: dict) -> float:
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, *cmd], capture_output=True, text=True, env=env, check=True
    )
    kilobytes = int(out.stdout.strip())
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per command (at least 5)")
    ap.add_argument("--quick", action="store_true", help="skip the 1000× dataset")
    args = ap.parse_args()
    runs = max(5, args.runs)
    sp = seoulplan_command()
    py = [sys.executable]
    probe = subprocess.run(
        py + ["-c", "import os, seoulplan.cli as m; print(os.path.exists(m.__cached__ or ''))"],
        capture_output=True,
        text=True,
    )
    if probe.stdout.strip() != "True":
        print(
            "warning: seoulplan has no compiled bytecode here (an editable install with "
            "PYTHONDONTWRITEBYTECODE?); start-up figures will include compiling it\n"
        )
    env = dict(os.environ)
    failures = 0
    print(
        f"seoulplan benchmarks — {time.strftime('%Y-%m-%d %H:%M')} — {platform.python_implementation()} "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs — medians of {runs} runs\n"
    )

    print('(a) start-up, against `python -c "import click"` (target ≤ 1.5×)')
    got = medians(
        {
            "import click": py + ["-c", "import click"],
            "--help": sp + ["--help"],
            "--version": sp + ["--version"],
            "money 395359억": sp + ["money", "395359억"],
        },
        runs,
        env,
    )
    base = got.pop("import click")
    label = 'python -c "import click"'
    print(f"    {label:<40} {base * 1000:8.0f} ms")
    for name, t in got.items():
        ratio = t / base
        failures += ratio > 1.5
        print(f"    {'seoulplan ' + name:<40} {t * 1000:8.0f} ms   {ratio:5.2f}×  {verdict(ratio <= 1.5)}")

    print(
        '\n(b) data commands, against `python -c "import pandas, yaml, click, tabulate, babel.numbers"` (target ≤ 1.2×)'
    )
    imports = "import pandas, yaml, click, tabulate, babel.numbers"
    got = medians(
        {
            "imports": py + ["-c", imports],
            "budget --compare 2019": sp + ["budget", "--compare", "2019"],
            "kpi": sp + ["kpi"],
        },
        runs,
        env,
    )
    base = got.pop("imports")
    print(f"    {'the imports alone':<40} {base * 1000:8.0f} ms")
    for name, t in got.items():
        ratio = t / base
        failures += ratio > 1.2
        print(f"    {'seoulplan ' + name:<40} {t * 1000:8.0f} ms   {ratio:5.2f}×  {verdict(ratio <= 1.2)}")

    import synthetic

    factors = [1, 10, 100] + ([] if args.quick else [1000])
    print(
        "\n(c) `seoulplan --data plan-xN.json kpi --format csv` on synthetic datasets"
        " (time per KPI must not grow; 100× under 3 s)"
    )
    print(f"    {'dataset':<10} {'KPIs':>9} {'MB':>7} {'warm s':>8} {'cold s':>8} {'µs/KPI':>8} {'peak MB':>8}")
    real = synthetic.real_plan()
    count = len(real["kpis"])
    per_kpi = {}
    with tempfile.TemporaryDirectory() as tmp:
        cache_env = {**env, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        cold_env = {**env, "SEOULPLAN_CACHE": "0"}
        for factor in factors:
            path = synthetic.write(factor, Path(tmp), real)
            cmd = sp + ["--data", str(path), "kpi", "--format", "csv"]
            warm = medians({"warm": cmd}, runs, cache_env)["warm"]
            cold = medians({"cold": cmd}, runs if factor < 1000 else max(3, runs // 2), cold_env)["cold"]
            memory = peak_memory_mb(cmd, cold_env)
            kpis = count * factor
            per_kpi[factor] = warm / kpis
            print(
                f"    {str(factor) + '×':<10} {kpis:>9,} {path.stat().st_size / 1e6:7.1f} {warm:8.2f} {cold:8.2f} "
                f"{warm / kpis * 1e6:8.1f} {memory:8.0f}"
            )
            if factor == 100:
                failures += warm >= 3
                print(f"    100× in {warm:.2f} s (warm), {cold:.2f} s (cold): {verdict(warm < 3)}")
            path.unlink()
    big = [f for f in factors if f >= 10]
    growth = [per_kpi[b] / per_kpi[a] for a, b in itertools.pairwise(big)]
    linear = all(g <= 1.15 for g in growth)  # 15% for a noisy machine
    failures += not linear
    print(
        "    time per KPI from one size to the next: "
        + ", ".join(f"{g:.2f}×" for g in growth)
        + f" — no worse than linear: {verdict(linear)}"
    )
    print(f"\n{'all targets met' if not failures else f'{failures} target(s) missed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
