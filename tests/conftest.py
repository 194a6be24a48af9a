"""Shared fixtures. Golden files: `pytest --update-golden` rewrites them (review the diff)."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# No wall clock in a property: Hypothesis' default deadline (200 ms an example) fails a test
# on a busy machine, not on a slow parser; readers are held to linear time by
# tests/test_attacks_numbers.py's relative measures instead.
settings.register_profile("seoulplan", deadline=None)
settings.load_profile("seoulplan")

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Every test, and every process a test starts, caches datasets in a directory of the
    session's own: never in the real user cache."""
    import os

    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "SEOULPLAN_DATA")}
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("SEOULPLAN_DATA", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


#: The variables that choose the language (seoulplan.core.i18n.resolve), and gettext's own.
LOCALE_VARIABLES = ("SEOULPLAN_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
#: A process or runner speaking English: for tests about what a message says.
ENGLISH = {"SEOULPLAN_LOCALE": "en_US"}


@pytest.fixture(autouse=True, scope="session")
def default_locale():
    """Every test, and every process a test starts, in the default locale (ko_KR) unless it
    asks for another: a developer's LANG never changes what a test sees."""
    import os

    saved = {k: os.environ.pop(k, None) for k in LOCALE_VARIABLES}
    yield
    for key, value in saved.items():
        if value is not None:
            os.environ[key] = value


@pytest.fixture
def english(monkeypatch):
    """This test is about what a message says, read in English (the catalogue's Korean has
    tests of its own: tests/test_i18n.py)."""
    monkeypatch.setenv("SEOULPLAN_LOCALE", "en_US")


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
    from seoulplan.core.reading import packaged_path

    return packaged_path().read_text(encoding="utf-8")
