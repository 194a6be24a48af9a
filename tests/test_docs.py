"""The docs name only what exists (issue 20: the README's layout and two docstrings named
modules long gone).

- every repository path the README writes in code (`seoulplan/core/plan.schema.json`,
  `tests/test_i18n.py`, `seoulplan/locale/`) exists;
- every name in a bullet of the README's "Layout" is a module, package or file of the
  package that bullet opens with;
- every ``:mod:`` reference in the package's docstrings (``:mod:`.tracking``` in
  ``seoulplan/core/__init__.py``, say) is a module that exists.
"""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "seoulplan"
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
#: A repository path in the README's code: a folder (ends with /) or a file with an extension.
PATH = re.compile(r"(?<![\w$~/.-])((?:seoulplan|tests|benchmarks|docs|data|\.ci)/[\w./-]*(?:/|\.\w+))")
NAME = re.compile(r"[a-z_][a-z0-9_]*(?:[./][a-z0-9_]+)*/?")
MOD = re.compile(r":mod:`~?([\w.]+)`")


def inline_code(text: str) -> list[str]:
    """The README's inline code spans, fenced blocks left out (they show commands' output
    and files that commands make)."""
    return re.findall(r"`([^`\n]+)`", FENCE.sub("", text))


def layout_bullets() -> list[tuple[str, list[str]]]:
    """Each bullet of "## Layout": the package it opens with, and its other code spans."""
    section = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    bullets = []
    for bullet in re.split(r"\n- ", section)[1:]:
        first, *names = inline_code(bullet)
        bullets.append((first, names))
    return bullets


def test_every_path_the_readme_names_exists():
    named = {path for span in inline_code(README) for path in PATH.findall(span)}
    assert len(named) >= 5, named  # the pattern still finds the README's paths
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


@pytest.mark.parametrize("package, names", layout_bullets(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_module_the_layout_names_exists(package, names):
    folder = ROOT / package
    assert package.startswith("seoulplan/") and folder.is_dir(), package

    def exists(name: str) -> bool:
        if "/" in name:
            return (folder / name).exists()
        if "." in name:
            return any(folder.rglob(name))
        return any(folder.rglob(f"{name}.py")) or any(p.is_dir() for p in folder.rglob(name))

    candidates = [n for n in names if NAME.fullmatch(n) and not PATH.fullmatch(n)]
    assert len(candidates) >= 5, names  # the bullet still names its modules in code
    assert [n for n in candidates if not exists(n)] == []


def module_docstrings():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        texts = [
            ast.get_docstring(node) or ""
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        yield path, "\n".join(texts)


def resolved(reference: str, path: Path) -> str:
    """``.x`` in ``seoulplan/core/plan.py`` (or ``core/__init__.py``) is ``seoulplan.core.x``."""
    if not reference.startswith("."):
        return reference
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts[:-1]
    dots = len(reference) - len(reference.lstrip("."))
    package = package[: len(package) - (dots - 1)] if dots > 1 else package
    return ".".join([*package, reference.lstrip(".")])


def module_exists(name: str) -> bool:
    if name == "seoulplan" or name.startswith("seoulplan."):
        base = ROOT.joinpath(*name.split("."))
        return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()
    return importlib.util.find_spec(name) is not None


def test_every_module_a_docstring_refers_to_exists():
    references = [
        (path.relative_to(ROOT).as_posix(), resolved(ref, path))
        for path, text in module_docstrings()
        for ref in MOD.findall(text)
    ]
    assert len(references) >= 20
    assert [(where, name) for where, name in references if not module_exists(name)] == []


def test_the_core_is_described_module_by_module():
    """``seoulplan/core/__init__.py`` is the core's map: it refers to every module there is."""
    init = PACKAGE / "core" / "__init__.py"
    named = {resolved(ref, init) for ref in MOD.findall(ast.get_docstring(ast.parse(init.read_text())) or "")}
    modules = {f"seoulplan.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"}
    assert modules - named == set()
