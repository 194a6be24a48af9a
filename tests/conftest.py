"""Shared fixtures. Golden files: `pytest --update-golden` rewrites them (review the diff)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def run(runner):
    """Invoke the CLI: run("budget", "--compare", "2019") -> click Result (stdout/stderr apart)."""
    from seoulplan.cli import cli

    def invoke(*args, input=None, env=None):
        return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def golden(request):
    """golden(name, text): compare with tests/golden/name, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name, text):
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture
def plan_text():
    from seoulplan.dataset import packaged_path

    return packaged_path().read_text(encoding="utf-8")
