"""The command line over the library (issue 20, points 4 and 5).

- The CLI reaches the core only through the public library: ``seoulplan`` (``load``,
  ``check``, ``Plan`` and what its methods return, the readers of what people type) and
  ``seoulplan.errors``; the presentation may import the core, the CLI may not, except the
  two modules of words every layer shares by house rule: ``seoulplan.core.i18n`` (the
  message catalogue) and ``seoulplan.core.escaping`` (how a message quotes what it was
  given). Nothing below ``cli/`` imports Click or points gettext's process-wide domain at
  the catalogue (which only Click reads).
- The library's errors name its parameters; the CLI words the same errors with its options,
  through one map (``seoulplan.cli.names``).
- Each command does one thing: the modes of before are subcommands; the old flags still work
  for a release, with the same standard output and exit status as the subcommand and a
  one-line notice on standard error (real processes).
"""

import ast
import io
import json
from pathlib import Path

import helpers
import pytest
from helpers import LEDGER

import seoulplan
from seoulplan.errors import DataError, UsageError

PACKAGE = Path(seoulplan.__file__).parent
#: The core modules the CLI may import itself: the words every layer speaks (house rule).
SHARED_WORDS = {"seoulplan.core.i18n", "seoulplan.core.escaping"}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module or module.name) of every import in a file, in function bodies and
    ``TYPE_CHECKING`` blocks too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import"
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


# -- the layers -------------------------------------------------------------------------------


def test_the_cli_reaches_the_core_only_through_the_public_library():
    reaching = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for line, name in imports(path):
            if name.startswith("seoulplan.core") and not any(
                name == shared or name.startswith(shared + ".") for shared in SHARED_WORDS
            ):
                reaching.append(f"cli/{path.name}:{line}: {name}")
            elif name.startswith("seoulplan.") and name.count(".") == 1 and name != "seoulplan.errors":
                public = name.split(".")[1]
                if public not in seoulplan.__all__ and public not in ("cli", "presentation", "errors"):
                    reaching.append(f"cli/{path.name}:{line}: {name} is not a public name of seoulplan")
    assert reaching == []
    for name in seoulplan.__all__:  # each is there, though imported only when first asked for
        assert getattr(seoulplan, name) is not None, name


def test_nothing_below_the_cli_knows_click():
    knowing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "cli":
            continue
        where = path.relative_to(PACKAGE)
        knowing += [f"{where}:{line}: {name}" for line, name in imports(path) if name.split(".")[0] == "click"]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("textdomain", "bindtextdomain")
            ):
                knowing.append(f"{where}:{node.lineno}: gettext.{node.func.attr} (Click's catalogue)")
    assert knowing == []


# -- errors in the library's words and in the command line's ---------------------------------


def cp949_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("cp949"))
    return str(path)


@pytest.mark.usefixtures("english")
def test_the_library_names_its_parameters_and_the_command_line_its_options(run):
    plan = seoulplan.load()
    with pytest.raises(UsageError) as raised:
        plan.kpis(strategy=1)
    assert str(raised.value) == "strategy= needs pillar= (strategy numbers are counted within a pillar)"
    result = run("kpi", "--strategy", "1")
    assert result.exit_code == 2
    assert "Error: --strategy needs --pillar (strategy numbers are counted within a pillar)" in result.stderr
    with pytest.raises(UsageError, match=r"^no KPI 'nope'; list them with: plan\.kpis\(\)$"):
        plan.kpi("nope")
    result = run("kpi", "show", "nope")
    assert result.exit_code == 2 and "Error: no KPI 'nope'; list them with: seoulplan kpi\n" in result.stderr
    with pytest.raises(UsageError, match=r"^unknown grep_in='body'; expected one of names, all$"):
        plan.kpis(grep="x", grep_in="body")


def test_the_library_names_the_encoding_parameter_of_the_file_it_reads(tmp_path):
    dataset = cp949_file(tmp_path, "plan.yaml", "schema: seoulplan/1\n# 서울\n")
    with pytest.raises(DataError, match=r"or pass encoding='cp949' \(files Korean Excel saved\)$"):
        seoulplan.load(dataset)
    ledger = cp949_file(tmp_path, "ledger.csv", "id,actual,as_of\nfuture.job-cafes,95개소,2020-Q2\n")
    with pytest.raises(DataError, match=r"or pass encoding='cp949' \(files Korean Excel saved\)$"):
        seoulplan.load().attainment(ledger)


def test_the_library_points_at_check_for_every_problem(plan_text):
    broken = plan_text.replace("direction: increase", "direction: up")  # hundreds of problems
    with pytest.raises(DataError) as raised:
        seoulplan.load(io.StringIO(broken))
    assert "(run: seoulplan.check('<stream>'))" in str(raised.value) and "seoulplan validate" not in str(raised.value)
    assert len(raised.value.problems) > 20


@pytest.mark.usefixtures("english")
def test_the_command_line_names_the_encoding_option_of_the_file_it_reads(run, tmp_path, plan_text):
    dataset = cp949_file(tmp_path, "plan.yaml", "schema: seoulplan/1\n# 서울\n")
    result = run("--data", dataset, "budget")
    assert result.exit_code == 3 and "or pass --input-encoding cp949 (files Korean Excel saved)" in result.stderr
    ledger = cp949_file(tmp_path, "ledger.csv", "id,actual,as_of\nfuture.job-cafes,95개소,2020-Q2\n")
    result = run("kpi", "status", "--actuals", ledger)
    assert result.exit_code == 3 and "or pass --actuals-encoding cp949 (files Korean Excel saved)" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text.replace("direction: increase", "direction: up"), encoding="utf-8")
    result = run("--data", str(broken), "budget")
    assert result.exit_code == 3 and f"(run: seoulplan validate {broken})" in result.stderr


def literal_references() -> set[str]:
    """The keys of every ``Parameter`` and ``Call`` the core names with literal words."""
    keys = set()
    for path in (PACKAGE / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("Parameter", "Call") and node.args and isinstance(node.args[0], ast.Constant):
                of = next((k.value for k in node.keywords if k.arg == "of"), None)
                of_text = of.value if isinstance(of, ast.Constant) else ""
                keys.add(f"{of_text}.{node.args[0].value}" if of_text else node.args[0].value)
    return keys


def test_every_parameter_the_core_names_has_its_option_in_the_one_map():
    from seoulplan.cli.names import NAMES

    named = literal_references()
    assert {"strategy", "pillar", "plan.kpis", "seoulplan.check"} <= named
    assert named - set(NAMES) == set()
    assert {"encoding", "actuals.encoding"} <= set(NAMES)  # the readers' own: "of" is the caller's


# -- a measurement read once, asked many questions --------------------------------------------


def test_a_measurement_made_once_answers_as_the_ledger_does():
    import pandas as pd

    plan = seoulplan.load()
    measured = plan.measurement(LEDGER, as_of="2020-Q2")
    pd.testing.assert_frame_equal(plan.attainment(measured), plan.attainment(LEDGER, as_of="2020-Q2"))
    pd.testing.assert_frame_equal(plan.pillar_attainment(measured), plan.pillar_attainment(LEDGER, as_of="2020-Q2"))
    pd.testing.assert_frame_equal(plan.track(measured), plan.track(LEDGER, as_of="2020-Q2"))
    pd.testing.assert_frame_equal(plan.track_table(measured), plan.track_table(LEDGER, as_of="2020-Q2"))
    with pytest.raises(UsageError, match=r"^actuals is a measurement already made, at its own date: as_of= "):
        plan.attainment(measured, as_of="2020-Q3")


# -- one command, one thing ---------------------------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args",
    [
        ["kpi", "status", "--actuals", LEDGER, "--kind", "all"],
        ["kpi", "status", "--actuals", LEDGER, "--template"],
        ["kpi", "list", "--actuals", LEDGER],
        ["kpi", "list", "--fail-under", "90"],
        ["kpi", "stated", "--fail-on", "behind"],
        ["kpi", "stated", "--actuals", LEDGER],
        ["kpi", "template", "--kind", "all"],
        ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER, "--as-of", "2020-Q2"],
        ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER, "--fail-on", "behind"],
    ],
)
def test_a_subcommand_has_only_the_options_it_uses(run, args):
    result = run(*args)
    assert result.exit_code == 2 and "No such option" in result.stderr and result.stdout == ""


@pytest.mark.usefixtures("english")
def test_a_subcommand_that_measures_needs_its_ledger(run):
    for args, message in (
        (["kpi", "status"], "kpi status needs --actuals FILE"),
        (["kpi", "status", "--fail-under", "90"], "kpi status needs --actuals FILE"),
        (["track", "changes", "2020-Q1", "2020-Q2"], "track changes needs --actuals FILE"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and message in result.stderr and result.stdout == ""
        assert f" {' '.join(args[:2])} [OPTIONS]" in result.stderr.splitlines()[0]  # its own usage


@pytest.mark.usefixtures("english")
def test_the_help_shows_the_subcommands_not_the_modes_of_before(run):
    text = run("kpi", "--help").stdout
    for word in ("list", "status", "stated", "template", "show"):
        assert f"\n  {word} " in text
    options = [line.split()[0] for line in text.splitlines() if line.startswith("  -")]
    assert "--pillar" in options and "--kind" in options
    for flag in ("--actuals", "--attainment", "--template", "--fail-under", "--as-of"):
        assert flag not in options
    track = run("track", "--help").stdout
    assert "\n  changes " in track and "  --changes" not in track


@pytest.mark.usefixtures("english")
def test_the_list_is_the_default(run):
    for args in (["--pillar", "welfare"], ["--kind", "all", "--grep", "청년"], []):
        assert run("kpi", *args, "-f", "csv").stdout == run("kpi", "list", *args, "-f", "csv").stdout


@pytest.mark.usefixtures("english")
def test_options_of_a_group_before_its_subcommand_are_refused(run):
    result = run("track", "--by", "month", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER)
    assert result.exit_code == 2
    assert "--by before 'changes' would be ignored: 'track changes' takes its own options after it" in result.stderr


#: The forms of before and the subcommands that replace them: (old, new, exit status).
REPLACED = [
    (
        ["kpi", "--actuals", LEDGER, "--as-of", "2020-Q2", "--pillar", "future"],
        ["kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2", "--pillar", "future"],
        0,
    ),
    (
        ["kpi", "--pillar", "future", "--actuals", LEDGER, "--as-of", "2020-Q2", "--fail-on", "지연", "-f", "csv"],
        [
            "kpi",
            "status",
            "--pillar",
            "future",
            "--actuals",
            LEDGER,
            "--as-of",
            "2020-Q2",
            "--fail-on",
            "지연",
            "-f",
            "csv",
        ],
        1,
    ),
    (["kpi", "--attainment"], ["kpi", "stated"], 0),
    (
        ["kpi", "--attainment", "--pillar", "covid", "--fail-under", "90"],
        ["kpi", "stated", "--pillar", "covid", "--fail-under", "90"],
        1,
    ),
    (["kpi", "--template", "--pillar", "covid", "-f", "csv"], ["kpi", "template", "--pillar", "covid", "-f", "csv"], 0),
    (
        ["kpi", "--template", "--pillar", "welfare", "-f", "xlsx"],
        ["kpi", "template", "--pillar", "welfare", "-f", "xlsx"],
        0,
    ),
    (
        ["track", "--actuals", LEDGER, "--changes", "2020-Q1", "2020-Q2"],
        ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER],
        0,
    ),
    (
        ["track", "--actuals", LEDGER, "--changes", "2020-Q1", "2020-Q2", "-f", "json"],
        ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER, "-f", "json"],
        0,
    ),
]
NOTICES = {
    "en_US": "Deprecated: {old} will be removed in the next release; use {new}, with the same options after it",
    "ko_KR": "폐지 예정: {old}은(는) 다음 릴리스에서 없어집니다. {new}을(를) 쓰고, 옵션은 그 뒤에 그대로 주세요",
}
#: The flag of each form of before (the first found names it), its name and its replacement.
NEW_FORMS = {
    "--changes": ("track --changes FROM TO", "seoulplan track changes FROM TO"),
    "--attainment": ("kpi --attainment", "seoulplan kpi stated"),
    "--template": ("kpi --template", "seoulplan kpi template"),
    "--actuals": ("kpi --actuals", "seoulplan kpi status --actuals FILE"),
}


def contents(output: bytes) -> object:
    """What a command wrote: its bytes, or for an xlsx workbook (a zip, whose members are
    dated when written) each member's bytes."""
    if not output.startswith(b"PK"):
        return output
    import zipfile

    with zipfile.ZipFile(io.BytesIO(output)) as book:
        return {name: book.read(name) for name in book.namelist()}


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en_US", "ko_KR"])
@pytest.mark.parametrize(
    "old, new, status", REPLACED, ids=[" ".join(o[:2]) + f" {i}" for i, (o, _, _) in enumerate(REPLACED)]
)
def test_a_form_of_before_writes_what_its_subcommand_writes_and_says_so(locale, old, new, status):
    env = {"SEOULPLAN_LOCALE": locale}
    old_code, old_out, old_err, *_ = helpers.run(*old, env=env)
    new_code, new_out, new_err, *_ = helpers.run(*new, env=env)
    assert (old_code, new_code) == (status, status), (old_err, new_err)
    assert contents(old_out) == contents(new_out) and old_out
    form, replacement = next(NEW_FORMS[flag] for flag in NEW_FORMS if flag in old)
    notice = NOTICES[locale].format(old=form, new=replacement)
    assert old_err.splitlines() == [notice, *new_err.splitlines()]
    assert "Deprecated" not in new_err and "폐지 예정" not in new_err


@pytest.mark.slow
def test_the_notice_never_reaches_standard_output():
    code, out, err, *_ = helpers.run("kpi", "--attainment", "--format", "json", env={"SEOULPLAN_LOCALE": "en_US"})
    assert code == 0 and json.loads(out) and err.startswith("Deprecated: kpi --attainment")
