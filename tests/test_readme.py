"""Every ``$ seoulplan …`` example of the README, run and compared with what the README shows.

In a README code block, a line starting with ``$ `` is a command (run by bash, with the
installed ``seoulplan`` first on PATH, in a directory of its own); the lines after it,
up to the next command or the end of the block, are its output. A line that is only
``…`` stands for any number of lines; ``…`` inside a line stands for any text. A
``$ cat FILE`` example writes FILE with the content shown, for the commands after it.
The Python examples (``>>>``) are doctests, run by pytest itself (``--doctest-glob``).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def examples() -> list[tuple[int, str, list[str], list[tuple[str, list[str]]]]]:
    """(line, command, expected output, files written before it) for every example."""
    found = []
    files: list[tuple[str, list[str]]] = []
    block: list[tuple[int, str]] | None = None
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            if block is not None:
                found += _commands(block, files)
            block = None if block is not None else []
        elif block is not None:
            block.append((number, line))
    return found


def _commands(block, files):
    found = []
    current = None
    for number, line in block:
        if line.startswith("$ "):
            current = [number, line[2:], []]
            found.append(current)
        elif current is not None:
            current[2].append(line)
    out = []
    for number, command, expected in found:
        if command.startswith("cat ") and " " not in command[4:].strip():
            files.append((command[4:].strip(), expected))
        else:
            out.append((number, command, expected, list(files)))
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Do the printed lines match the shown ones (``…`` as described above; trailing spaces ignored)?"""
    pattern = "".join(
        r"(?:.*\n)*" if line.strip() == "…" else ".*".join(map(re.escape, line.rstrip().split("…"))) + r"\n"
        for line in expected
    )
    return re.fullmatch(pattern, "".join(line.rstrip() + "\n" for line in actual)) is not None


EXAMPLES = examples()


def test_the_readme_has_examples_of_every_command():
    commands = {command.split()[1] for _, command, _, _ in EXAMPLES if command.startswith("seoulplan ")}
    commands |= {command.split()[3] for _, command, _, _ in EXAMPLES if command.startswith("seoulplan --")}
    documented = {"budget", "finance", "general", "covid", "kpi", "pillars", "audit", "validate", "money", "export"}
    documented |= {"schedule"}
    assert documented | {"report"} <= commands


@pytest.mark.slow
@pytest.mark.parametrize("number, command, expected, files", EXAMPLES, ids=[f"line {e[0]}" for e in EXAMPLES])
def test_readme_example(tmp_path, number, command, expected, files):
    for name, lines in files:
        (tmp_path / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    actual = proc.stdout.splitlines()
    assert matches(expected, actual), (
        f"README line {number}: $ {command}\n--- shown\n"
        + "\n".join(expected)
        + ("\n--- printed\n" + proc.stdout + proc.stderr)
    )
