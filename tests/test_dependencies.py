"""Dependencies declared against dependencies used (issue 20).

Every library the package imports is declared (at run time, or in the ``report`` extra for
the report), or comes with one that is (numpy with pandas); every run-time dependency is
imported somewhere. babel is a development dependency: pybabel compiles the catalogue that
the standard library's gettext reads, so no command may import it.
"""

import ast
import functools
import re
import subprocess
import sys
from collections.abc import Iterable
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import seoulplan

PACKAGE = Path(seoulplan.__file__).parent


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_of(distribution: str, extras: Iterable[str] = ("",)) -> list[Requirement]:
    """What ``distribution`` requires with the ``extras`` asked of it ("": none)."""
    found = []
    for line in requires(distribution) or []:
        requirement = Requirement(line)
        if requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in extras):
            found.append(requirement)
    return found


def declared(extra: str = "") -> set[str]:
    """The distributions seoulplan requires at run time, or those ``extra`` adds."""
    everything = requirements_of("seoulplan", {extra})
    at_run_time = {canonical(r.name) for r in requirements_of("seoulplan")}
    names = {canonical(r.name) for r in everything}
    return names if not extra else names - at_run_time


def with_their_dependencies(distribution: str, extra: str = "") -> set[str]:
    """``distribution`` with everything it brings, extras included, as pip installs them."""
    found: set[str] = set()
    todo = [(canonical(r.name), set(r.extras)) for r in requirements_of(distribution, {extra})]
    while todo:
        name, extras = todo.pop()
        if name in found:
            continue
        found.add(name)
        todo += [(canonical(r.name), set(r.extras)) for r in requirements_of(name, {"", *extras})]
    return found


@functools.cache
def imported() -> set[str]:
    """The distributions of every third-party module the package's source imports."""
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    distributions = packages_distributions()
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "seoulplan"}
    return {canonical(d) for m in third_party for d in distributions.get(m, [m])}


def test_every_import_is_a_declared_dependency_or_comes_with_one():
    allowed = with_their_dependencies("seoulplan", "report")
    assert imported() - allowed == set()


def test_every_run_time_dependency_is_imported():
    assert declared() - imported() == set()


def test_babel_is_a_development_dependency_only():
    assert "babel" not in declared() and "babel" in declared("test")
    assert "platformdirs" in declared()


@pytest.mark.slow
def test_no_command_imports_babel(tmp_path):
    script = f"""
import sys
from click.testing import CliRunner
from seoulplan.cli import cli
commands = [["money", "395359억"], ["budget", "--compare", "2019"], ["--locale", "en_US", "kpi", "--format", "csv"],
            ["--locale", "en_US", "pillars"], ["audit"], ["export", {str(tmp_path / "plan.sqlite")!r}]]
for args in commands:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, (args, result.output)
print(sorted(m for m in sys.modules if m.split(".")[0] == "babel"))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
