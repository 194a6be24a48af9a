"""Issue 22, "Numbers and options": English money units, money rounded for people but not for
scripts, one way to write percentage points per language, ``kpi --due``, empty results that
say why, completion of each command's own columns, and ``money 10억 * 3`` typed unquoted."""

import json
import re
import sqlite3
from decimal import Decimal

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from seoulplan.core.money import UNIT_NAMES_EN, normalise_unit, parse_money
from seoulplan.presentation.choices import UNITS
from seoulplan.presentation.formatting import format_won

ENGLISH = {"SEOULPLAN_LOCALE": "en_US"}


# -- 1. English money units, in both languages ---------------------------------------------------


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
@pytest.mark.parametrize(
    ("unit", "english", "korean"),
    [
        ("billion", "KRW billion", "십억원"),
        ("Billion", "KRW billion", "십억원"),
        ("bn", "KRW billion", "십억원"),
        ("KRW billion", "KRW billion", "십억원"),
        ("십억원", "KRW billion", "십억원"),
        ("thousand", "KRW thousand", "천원"),
        ("k", "KRW thousand", "천원"),
        ("천", "KRW thousand", "천원"),
        ("million", "KRW million", "백만원"),
        ("mn", "KRW million", "백만원"),
        ("hundred million", "KRW 100 million", "억원"),
        ("trillion won", "KRW trillion", "조원"),
    ],
)
def test_budget_takes_english_and_korean_units_in_either_language(run, locale, unit, english, korean):
    result = run("--locale", locale, "budget", "--basis", "gross", "--unit", unit)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    if locale == "en_US":
        assert f"2020 ({english})" in lines[1]
    else:
        assert f"단위: {korean}," in lines[0]


@pytest.mark.parametrize(
    ("to", "english", "korean"),
    [
        ("billion", "KRW 480 billion", "480십억원"),
        ("bn", "KRW 480 billion", "480십억원"),
        ("thousand", "KRW 480,000,000 thousand", "480,000,000천원"),
        ("million", "KRW 480,000 million", "480,000백만원"),
        ("십억", "KRW 480 billion", "480십억원"),
    ],
)
def test_money_to_takes_english_units_in_either_language(run, to, english, korean):
    assert run("--locale", "en_US", "money", "4,800억", "--to", to).stdout == english + "\n"
    assert run("money", "4,800억", "--to", to).stdout == korean + "\n"


def test_an_unknown_unit_lists_the_english_ones_too(run):
    result = run("--locale", "en_US", "money", "1억", "--to", "zillion")
    assert result.exit_code == 2
    assert "unknown unit 'zillion'" in result.stderr and "billion" in result.stderr and "thousand" in result.stderr


def test_every_unit_completion_offers_is_one_the_option_takes():
    for unit in (*UNITS, *UNIT_NAMES_EN):
        normalise_unit(unit)


@given(
    eok=st.integers(min_value=0, max_value=10**8),
    unit=st.sampled_from([u for u in UNITS if u != "auto"] + sorted(UNIT_NAMES_EN)),
)
def test_an_amount_written_in_any_unit_reads_back_exactly(eok, unit):
    """Korean writes 480십억원 or 100,000천원: the calculator reads its own output back."""
    amount = Decimal(eok) * 10**8
    assert parse_money(format_won(amount, to=unit)) == amount


# -- 2. English people's tables round money; machine formats keep every digit -----------------------

ROUNDING = "Money is rounded half up to three significant figures"


def test_english_tables_round_money_and_say_so(run):
    table = run("--locale", "en_US", "budget", "--basis", "gross", "--unit", "trillion").stdout
    assert "39.5359" not in table and " 39.5 " in table and " 26.9 " in table and ROUNDING in table
    kpis = run("--locale", "en_US", "kpi", "--kind", "all").stdout
    assert "KRW 21.9 trillion" in kpis and "21.9043" not in kpis
    assert "KRW 2.2 million" in kpis and "2.199307" not in kpis
    assert "KRW 480 billion" in kpis and ROUNDING in kpis
    markdown = run("--locale", "en_US", "budget", "--unit", "trillion", "--format", "markdown").stdout
    assert "39.5 " in markdown and ROUNDING in markdown


def test_a_table_that_rounded_nothing_says_nothing(run):
    table = run("--locale", "en_US", "budget", "--basis", "gross").stdout  # 억: whole numbers already
    assert "395,359" in table and ROUNDING not in table


def test_korean_tables_and_english_records_in_full_stay_exact(run):
    assert "39.5359조원" in run("budget", "--basis", "gross", "--unit", "조").stdout
    assert "21조 9,043억원" in run("kpi", "--kind", "all").stdout
    shown = run("--locale", "en_US", "kpi", "show", "democracy.seoul-living-wage-monthly").stdout
    assert "KRW 2.199307 million" in shown
    assert run("--locale", "en_US", "money", "395359억").stdout == "KRW 39.5359 trillion\n"


def test_machine_formats_keep_every_digit(run, tmp_path):
    csv = run("--locale", "en_US", "budget", "--unit", "trillion", "--format", "csv").stdout
    assert ",395359," in csv and "39.5" not in csv
    rows = json.loads(run("--locale", "en_US", "kpi", "--kind", "all", "--format", "json").stdout)
    wage = next(r for r in rows if r["id"] == "democracy.seoul-living-wage-monthly")
    assert Decimal(str(wage["target"])) * {"원": 1, "만원": 10**4}[wage["unit"]] == 2199307
    workbook = tmp_path / "budget.xlsx"
    assert run("--locale", "en_US", "budget", "--unit", "trillion", "-o", str(workbook)).exit_code == 0
    values = [cell.value for row in load_workbook(workbook).active.iter_rows() for cell in row]
    assert 395359 in values and 39.5 not in values
    database = tmp_path / "plan.sqlite"
    assert run("--locale", "en_US", "export", str(database)).exit_code == 0
    with sqlite3.connect(database) as connection:
        amounts = {row[0] for row in connection.execute("select amount_eok from budget")}
    assert 395359 in amounts


# -- 3. percentage points: %p in Korean, pp in English, everywhere ---------------------------------


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


#: ``%p`` where English writes percentage points: after a number or on its own, but not in the
#: plan's Korean quoted in a note (``1%p 감소``).
ENGLISH_PP_SLIP = re.compile(r"%p(?!\s*[가-힣])")


def test_help_writes_percentage_points_one_way_per_language(run):
    from seoulplan.cli import cli

    for path in _commands(cli):
        english = run(*path, "--help", env=ENGLISH).stdout
        korean = run(*path, "--help").stdout
        assert not ENGLISH_PP_SLIP.search(english), (path, english)
        assert not re.search(r"\bpp\b|percentage point", korean), (path, korean)


@pytest.mark.parametrize(
    "command",
    [
        ["kpi", "--pillar", "future", "--columns", "id,unit,change"],
        ["kpi", "show", "future.youth-unemployment-rate"],
        ["audit"],
    ],
)
def test_outputs_write_percentage_points_one_way_per_language(run, command):
    """The youth unemployment rate falls 1.1 percentage points; the dataset's notes are English
    in both languages, so Korean is checked on the figure the code writes."""
    english = run("--locale", "en_US", *command).stdout
    korean = run(*command).stdout
    assert not ENGLISH_PP_SLIP.search(english)
    assert "-1.1 pp" in english and "-1.1%p" in korean
    assert "-1.1 pp" not in korean and "-1.1%p" not in english


# -- 4. kpi --due: the targets falling due in a year or a range ------------------------------------


def test_kpi_due_lists_the_targets_of_that_year(run):
    rows = json.loads(run("kpi", "--due", "2022", "--format", "json").stdout)
    assert rows and all(r["target_year"] == 2022 or _milestone_in(r, 2022, 2022) for r in rows)
    everything = json.loads(run("kpi", "--format", "json").stdout)
    expected = {r["id"] for r in everything if r["target_year"] == 2022 or _milestone_in(r, 2022, 2022)}
    assert {r["id"] for r in rows} == expected
    assert any(r["target_year"] == 2020 for r in rows)  # welfare.seoul-emergency-welfare-households: '22 on the way


def _milestone_in(row: dict, first: int, last: int) -> bool:
    return any(first <= m["year"] <= last and m["year"] >= 2020 for m in row.get("milestones") or [])


@pytest.mark.parametrize("command", [["kpi"], ["kpi", "list"]])
def test_kpi_due_from_to_is_a_range_either_end_open(run, command):
    def ids(*args):
        return {r["id"] for r in json.loads(run(*command, *args, "--format", "json").stdout)}

    both = ids("--due-from", "2021", "--due-to", "2022")
    assert both == ids("--due", "2021") | ids("--due", "2022") and len(both) > len(ids("--due", "2022"))
    later = ids("--due-from", "2023")
    assert later == ids("--due", "2023") | ids("--due", "2024") | ids("--due", "2025") and later
    assert ids("--due-to", "2020") == ids("--due", "2020")


def test_kpi_due_in_the_library():
    import seoulplan
    from seoulplan.errors import UsageError

    plan = seoulplan.load()
    assert plan.kpis(due=2024)["id"].tolist() == ["safety.public-recycling-sorting-capacity"]
    assert set(plan.kpis(due=(2021, 2022))["id"]) == set(plan.kpis(due=2021)["id"]) | set(plan.kpis(due=2022)["id"])
    assert "future.labour-support-centres" in set(plan.kpis(due=2021)["id"])  # its '21 milestone
    with pytest.raises(UsageError, match="due= runs backwards"):
        plan.kpis(due=(2022, 2021))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--due", "2022", "--due-from", "2021"], "--due is one year, --due-from and --due-to a range"),
        (["--due-from", "2023", "--due-to", "2021"], "--due-from 2023 comes after --due-to 2021"),
        (["--due", "2022", "--attainment"], "--due chooses what the plain list shows"),
        (["--due", "twenty"], "--due"),
    ],
)
def test_kpi_due_refuses_what_it_cannot_mean(run, args, message):
    result = run("kpi", *args, env=ENGLISH)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


# -- 5. an empty result says so on stderr, and suggests the filter to blame ----------------------------


def test_an_empty_kpi_listing_points_at_the_covid_pillar(run):
    result = run("kpi", "--grep", "코로나", "--grep-in", "all", "--kind", "all", "--format", "csv", env=ENGLISH)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("id,pillar,") and len(result.stdout.splitlines()) == 1
    assert "Nothing matches --grep 코로나 --grep-in all --kind all." in result.stderr
    assert "--pillar covid: the pillar 'COVID-19 response (section IV)' has '코로나' in its name" in result.stderr
    assert "--grep-in all:" not in result.stderr and "--kind all:" not in result.stderr  # given already
    korean = run("kpi", "--grep", "코로나", "--grep-in", "all", "--kind", "all")
    assert korean.exit_code == 0 and "맞는 것이 없습니다" in korean.stderr and "--pillar covid" in korean.stderr


@pytest.mark.parametrize(
    ("args", "hints"),
    [
        (["kpi", "--grep", "관광"], []),  # found: nothing to say
        (
            ["kpi", "--pillar", "welfare", "--grep", "관광"],
            ["--pillar future --strategy 4", "--grep-in all", "--kind all", "without --pillar"],
        ),
        (["kpi", "--due", "1999"], ["a year KPIs fall due in: 2020, 2021, 2022, 2023, 2024, 2025"]),
        (["kpi", "stated", "--pillar", "covid"], ["without --pillar"]),
        (["kpi", "template", "--grep", "zzzz"], ["--grep-in all", "without --grep"]),
        (["kpi", "status", "--actuals", "tests/data/ledger-2020.csv", "--grep", "zzzz"], ["without --grep"]),
        (["track", "--actuals", "tests/data/ledger-2020.csv", "--grep", "zzzz"], ["without --grep"]),
        (["schedule", "--grep", "zzzz", "--from", "2020-01", "--to", "2020-02"], ["without --grep, --from, --to"]),
        (["audit", "--only-failures", "--kind", "average"], ["without --only-failures", "without --kind"]),
    ],
)
def test_every_listing_says_when_it_found_nothing(run, args, hints):
    result = run(*args, "--format", "csv", env=ENGLISH)
    assert result.exit_code == 0, result.stderr
    if not hints:
        assert len(result.stdout.splitlines()) > 1 and "Nothing matches" not in result.stderr
        return
    assert len(result.stdout.splitlines()) == 1  # the header, and no rows
    assert "Nothing matches" in result.stderr
    for hint in hints:
        assert hint in result.stderr


# -- 6. completion offers each command's own columns, also after "-" ----------------------------------


def complete(words: str, typed: str) -> list[str]:
    """What bash completion offers for ``typed`` after ``words``, asked of the installed
    seoulplan as a shell would ask it (Click's completion environment)."""
    import os
    import subprocess

    from helpers import seoulplan

    env = {
        **os.environ,
        "_SEOULPLAN_COMPLETE": "bash_complete",
        "COMP_WORDS": f"seoulplan {words} {typed}",
        "COMP_CWORD": str(len(words.split()) + 1),
    }
    out = subprocess.run(seoulplan(), capture_output=True, text=True, env=env, timeout=60).stdout
    return [line.partition(",")[2] for line in out.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "typed", "offered", "not_offered"),
    [
        ("budget --columns", "ch", ["change_eok"], ["check", "check_en"]),
        ("budget --sort", "gr", ["growth_pct"], ["group", "group_name"]),
        ("budget --sort", "-", ["-amount_eok", "-growth_pct"], ["--sort", "--format", "-check"]),
        ("budget --sort", "-gr", ["-growth_pct"], ["-group"]),
        ("kpi status --sort", "-att", ["-attainment_pct"], ["--as-of"]),
        ("audit --columns", "ch", ["check_id", "check", "check_en"], ["change_eok"]),
        ("kpi --columns", "id,ta", ["id,target", "id,target_year"], ["id,targets"]),
        ("schedule status --sort", "-d", ["-due", "-done", "-days_late"], ["-direction"]),
        ("budget --unit", "bi", ["billion"], []),
        ("budget", "--so", ["--sort"], []),  # an option's name is still completed as one
    ],
)
def test_completion_offers_the_commands_own_columns(words, typed, offered, not_offered):
    got = complete(words, typed)
    assert set(offered) <= set(got), got
    assert not set(not_offered) & set(got), got


def _listing_commands(group: click.Group, path: tuple[str, ...] = ()) -> list[str]:
    found = []
    commands = group.every_command() if hasattr(group, "every_command") else group.commands
    for name, command in commands.items():
        if any(isinstance(p, click.Option) and "--columns" in p.opts for p in command.params):
            found.append(" ".join((*path, name)))
        if isinstance(command, click.Group):
            found += _listing_commands(command, (*path, name))
    return found


LEDGER_DIR = "tests/data"
MODES = [
    ("budget", ["budget", "--compare", "2019", "--per-capita"]),
    ("budget status", ["budget", "status", "--actuals", f"{LEDGER_DIR}/budget-2020.csv"]),
    ("budget phases", ["budget", "phases", "--actuals", f"{LEDGER_DIR}/budget-2020.csv"]),
    ("budget template", ["budget", "template"]),
    ("finance", ["finance"]),
    ("general", ["general"]),
    ("covid", ["covid"]),
    ("pillars", ["pillars"]),
    ("pillars", ["pillars", "--actuals", f"{LEDGER_DIR}/ledger-2020.csv"]),
    ("kpi", ["kpi", "--kind", "all"]),
    ("kpi list", ["kpi", "list"]),
    ("kpi status", ["kpi", "status", "--actuals", f"{LEDGER_DIR}/ledger-2020.csv"]),
    ("kpi stated", ["kpi", "stated"]),
    ("kpi template", ["kpi", "template"]),
    ("kpi show", ["kpi", "show", "future.job-cafes"]),
    ("track", ["track", "--actuals", f"{LEDGER_DIR}/ledger-2020.csv"]),
    ("track budget", ["track", "budget", "--actuals", f"{LEDGER_DIR}/budget-2020.csv", "--by", "month"]),
    ("track changes", ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", f"{LEDGER_DIR}/ledger-2020.csv"]),
    ("audit", ["audit"]),
    ("schedule", ["schedule", "--by", "month"]),
    ("schedule template", ["schedule", "template"]),
]


def test_every_listing_command_has_its_columns_listed():
    from seoulplan.cli import cli
    from seoulplan.presentation.command_columns import COMMAND_COLUMNS

    assert sorted(_listing_commands(cli)) == sorted(COMMAND_COLUMNS)
    # schedule status needs a ledger of the dataset's ids: test_completion_knows_the_columns_of_a_delivery_ledger
    assert {command for command, _ in MODES} | {"schedule status"} == set(COMMAND_COLUMNS)


@pytest.mark.parametrize(("command", "args"), MODES, ids=[" ".join(a) for _, a in MODES])
def test_completion_knows_every_column_a_command_writes(run, command, args):
    from seoulplan.presentation.command_columns import COMMAND_COLUMNS

    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    written = result.stdout.splitlines()[0].split(",")
    assert set(written) <= set(COMMAND_COLUMNS[command]), set(written) - set(COMMAND_COLUMNS[command])


def test_completion_knows_the_columns_of_a_delivery_ledger(run, tmp_path):
    ledger = tmp_path / "deliveries.csv"
    first = run("schedule", "--columns", "id", "--no-headers", "--format", "csv").stdout.splitlines()[0]
    ledger.write_text(f"id,done\n{first},2020-05-01\n", encoding="utf-8")
    from seoulplan.presentation.command_columns import COMMAND_COLUMNS

    written = run("schedule", "status", "--actuals", str(ledger), "--as-of", "2020-06", "--format", "csv").stdout
    assert set(written.splitlines()[0].split(",")) <= set(COMMAND_COLUMNS["schedule status"])


# -- 7. money 10억 * 3 typed unquoted: the shell's file names are recognised ------------------------


def shell(command: str, cwd, locale: str = "en_US"):
    """``command`` run by bash in ``cwd``, as a person types it (the shell expands ``*``)."""
    import os
    import shlex
    import subprocess

    from helpers import seoulplan

    program = " ".join(shlex.quote(part) for part in seoulplan())
    env = {**os.environ, "SEOULPLAN_LOCALE": locale}
    return subprocess.run(
        ["bash", "-c", command.replace("seoulplan", program, 1)], cwd=cwd, capture_output=True, text=True, env=env
    )


@pytest.mark.slow
def test_an_unquoted_star_is_recognised_as_the_shells_file_names(tmp_path):
    for name in ("report.csv", "notes.txt", "plan.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "a directory").mkdir()
    result = shell("seoulplan money 10억 * 3", tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "4 arguments are names of files here" in result.stderr
    assert "Quote the expression" in result.stderr and "10억 x 3" in result.stderr
    assert "cannot read" not in result.stderr and "Traceback" not in result.stderr
    korean = shell("seoulplan money 10억 * 3", tmp_path, locale="ko_KR")
    assert korean.returncode == 2 and "파일 이름입니다" in korean.stderr and "10억 x 3" in korean.stderr
    # what the message suggests works, and an empty directory leaves * as it is
    assert shell('seoulplan money "10억 * 3"', tmp_path).stdout == "KRW 3 billion\n"
    assert shell("seoulplan money 10억 x 3", tmp_path).stdout == "KRW 3 billion\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert shell("seoulplan money 10억 * 3", empty).stdout == "KRW 3 billion\n"


@pytest.mark.slow
def test_a_directory_of_many_files_gives_a_short_message(tmp_path):
    for n in range(2000):
        (tmp_path / f"file-{n:04d}-{'x' * 60}.csv").write_text("", encoding="utf-8")
    result = shell("seoulplan money 10억 * 3", tmp_path)
    assert result.returncode == 2
    assert "2000 arguments are names of files here" in result.stderr and ", …)" in result.stderr
    assert len(result.stderr) < 600 and "file-1999" not in result.stderr


def test_an_unreadable_amount_without_files_is_still_an_amount_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("money", "10억", "banana", "3", env=ENGLISH)
    assert result.exit_code == 2 and "cannot read '10억 banana 3' as an amount" in result.stderr
