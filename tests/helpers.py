"""Running the installed seoulplan as a real process, with its time and peak memory, and the
bounds every hostile input is held to."""

import functools
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

PROBE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdin=sys.stdin)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(r.returncode)\n"
)


def seoulplan() -> list[str]:
    """The console script beside this Python (the installed one), else `python -m seoulplan`."""
    script = Path(sys.executable).with_name("seoulplan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "seoulplan"]


def run(*args, input=None, env=None, timeout=30, preexec_fn=None):
    """Run seoulplan; returns (returncode, stdout bytes, stderr text, seconds, peak RSS in MB).
    ``preexec_fn`` runs in the child before it starts (to set a resource limit)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *seoulplan(), *map(str, args)],
        input=input,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
    )
    seconds = time.perf_counter() - start
    err_lines = proc.stderr.decode("utf-8", "replace").splitlines()
    peak_kb = int(err_lines[-1]) if err_lines and err_lines[-1].isdigit() else 0
    stderr = "\n".join(err_lines[:-1])
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return proc.returncode, proc.stdout, stderr, seconds, peak_kb * 1024 / scale / 1024


@functools.cache
def dataset_records(section: str = "kpis", having: str | None = None) -> int:
    """How many records the packaged dataset's ``section`` holds (those ``having`` a field,
    when given), read from the YAML itself: a test counts against the data, never a literal
    that every fix to the data would break."""
    import yaml

    from seoulplan.core.reading import packaged_path

    records = yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)[section]
    return sum(1 for r in records if having is None or r.get(having) is not None)


#: The README's promise: any input within the limits is read or refused within 5 s and 500 MB.
#: Time is held as a ratio to a baseline process measured in the same run (``seoulplan budget``,
#: 0.42 s on the two-core reference machine, so 5 s is 12 of it): a busy machine slows both.
BOUND_RATIO, LIMIT_MB = 12, 500
#: ``seoulplan budget`` on that reference machine, the unit :func:`patience` scales from.
REFERENCE_SECONDS = 0.42
#: What the CLI prints for a bug of ours (exit 70), in both languages: never for bad input.
INTERNAL_ERROR = ("internal error", "내부 오류", "Traceback")


def measured_baseline() -> float:
    """The median of three runs of ``seoulplan budget`` now, on this machine."""
    return sorted(run("budget")[3] for _ in range(3))[1]


@functools.cache
def baseline_seconds() -> float:
    """The baseline as first measured in this session."""
    return measured_baseline()


def patience(seconds: float) -> float:
    """``seconds`` on the reference machine, stretched by how much slower this machine runs
    ``seoulplan budget`` now (never shortened): how long to wait for a process to reach a state
    or to end, where a fixed wait is a race on a busy machine."""
    return seconds * max(1.0, baseline_seconds() / REFERENCE_SECONDS)


def within_bounds(seconds: float, memory: float, ratio: float = BOUND_RATIO) -> bool:
    """A run took at most ``ratio`` baseline runs of time and at most LIMIT_MB of memory.

    A run over the session's first baseline is held against a baseline measured again now:
    on a machine that became busy since (other jobs on the same cores), both slow down, while
    a real blow-up (a quadratic pattern: 24 s against 0.4 s) stays far over either.
    """
    if memory > LIMIT_MB:
        return False
    return seconds <= ratio * baseline_seconds() or seconds <= ratio * measured_baseline()


def bounded(result, status: int) -> str:
    """A run that ended with ``status``, printed no internal error, and kept to the bounds;
    its standard error."""
    code, out, err, seconds, memory = result
    assert code == status, (code, err)
    assert not any(word in err for word in INTERNAL_ERROR), err
    assert within_bounds(seconds, memory), (seconds, baseline_seconds(), memory)
    return err


def refused(result, status: int, fragment: str) -> None:
    """A run refused with ``status`` and a message holding ``fragment``, nothing on standard
    output, within the bounds."""
    err = bounded(result, status)
    assert fragment in err, err
    assert result[1] == b""


LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
BUDGET_LEDGER = str(Path(__file__).parent / "data" / "budget-2020.csv")
#: Every listing command (and the machine frame it writes), as the shared output flags see it.
LISTINGS = [
    ["budget", "--compare", "2019", "--per-capita"],
    ["finance"],
    ["general"],
    ["covid"],
    ["pillars"],
    ["pillars", "--actuals", LEDGER],
    ["kpi"],
    ["kpi", "--kind", "all"],
    ["kpi", "stated"],
    ["kpi", "template"],
    ["kpi", "template", "--pillar", "covid"],
    ["kpi", "status", "--actuals", LEDGER],
    ["kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2"],
    ["kpi", "show", "balance.public-rental-housing"],
    ["kpi", "show", "future.youth-unemployment-rate"],
    ["track", "--actuals", LEDGER],
    ["audit"],
    ["budget", "status", "--actuals", BUDGET_LEDGER, "--as-of", "2020-05-31"],
    ["budget", "phases", "--actuals", BUDGET_LEDGER],
    ["budget", "template"],
    ["track", "budget", "--actuals", BUDGET_LEDGER, "--by", "month", "--as-of", "2020-07-31"],
    ["schedule"],
    ["schedule", "--by", "month", "--pillar", "safety"],
]


def on_a_terminal(args: list[str], columns: int | None = None) -> str:
    """What ``seoulplan ARGS`` prints to a terminal (a pseudo-terminal; ``COLUMNS`` wide when
    given), standard output and error together, with the terminal's line ends made ``\\n``."""
    primary, replica = pty.openpty()
    env = {**os.environ, **({"COLUMNS": str(columns)} if columns is not None else {})}
    proc = subprocess.Popen(seoulplan() + args, stdout=replica, stderr=replica, env=env)
    os.close(replica)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the process is gone
            break
        if not chunk:
            break
        output += chunk
    proc.wait()
    os.close(primary)
    return output.decode("utf-8").replace("\r\n", "\n")
