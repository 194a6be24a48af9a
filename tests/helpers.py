"""Running the installed seoulplan as a real process, with its time and peak memory."""

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


def run(*args, input=None, env=None, timeout=30):
    """Run seoulplan; returns (returncode, stdout bytes, stderr text, seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *seoulplan(), *map(str, args)],
        input=input,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    seconds = time.perf_counter() - start
    err_lines = proc.stderr.decode("utf-8", "replace").splitlines()
    peak_kb = int(err_lines[-1]) if err_lines and err_lines[-1].isdigit() else 0
    stderr = "\n".join(err_lines[:-1])
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return proc.returncode, proc.stdout, stderr, seconds, peak_kb * 1024 / scale / 1024


LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
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
    ["kpi", "--attainment"],
    ["kpi", "--template"],
    ["kpi", "--template", "--pillar", "covid"],
    ["kpi", "--actuals", LEDGER],
    ["kpi", "--actuals", LEDGER, "--as-of", "2020-Q2"],
    ["kpi", "show", "balance.public-rental-housing"],
    ["kpi", "show", "future.youth-unemployment-rate"],
    ["track", "--actuals", LEDGER],
    ["audit"],
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
