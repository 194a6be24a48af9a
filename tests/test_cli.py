"""The CLI through CliRunner: every command, its golden output, and every error path."""

import json
import os
import subprocess
import sys

import pytest

from seoulplan import __version__

# The plan's three budget tables, figure for figure (억원): 2020, 2019, change, stated %.
PLAN_BUDGET = {
    ("gross", "total"): (395359, 357416, 37943, "10.6%"),
    ("gross", "general"): (268934, 241683, 27251, "11.3%"),
    ("gross", "special"): (126425, 115733, 10692, "9.2%"),
    ("net", "total"): (352808, 318811, 33997, "10.7%"),
    ("net", "general"): (232186, 209186, 23000, "11.0%"),
    ("net", "special"): (120622, 109625, 10997, "10.0%"),
    ("execution", "total"): (255452, 231376, 24076, "10.4%"),
    ("execution", "general"): (143143, 128425, 14718, "11.5%"),
    ("execution", "special"): (112309, 102951, 9358, "9.1%"),
}
PLAN_BUDGET_TEXT = {
    "gross": [
        "39조 5,359억원",
        "35조 7,416억원",
        "3조 7,943억원",
        "10.6%",
        "26조 8,934억원",
        "24조 1,683억원",
        "2조 7,251억원",
        "11.3%",
        "12조 6,425억원",
        "11조 5,733억원",
        "1조 692억원",
        "9.2%",
    ],
    "net": [
        "35조 2,808억원",
        "31조 8,811억원",
        "3조 3,997억원",
        "10.7%",
        "23조 2,186억원",
        "20조 9,186억원",
        "2조 3,000억원",
        "11.0%",
        "12조 622억원",
        "10조 9,625억원",
        "1조 997억원",
        "10.0%",
    ],
    "execution": [
        "25조 5,452억원",
        "23조 1,376억원",
        "2조 4,076억원",
        "10.4%",
        "14조 3,143억원",
        "12조 8,425억원",
        "1조 4,718억원",
        "11.5%",
        "11조 2,309억원",
        "10조 2,951억원",
        "9,358억원",
        "9.1%",
    ],
}


@pytest.mark.parametrize("basis", ["gross", "net", "execution"])
def test_budget_table_reproduces_the_plan(run, golden, basis):
    result = run("budget", "--basis", basis, "--compare", "2019")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    row_cells = [line.split() for line in result.stdout.splitlines()[3:6]]
    flat = " ".join(" ".join(cells) for cells in row_cells)
    for text in PLAN_BUDGET_TEXT[basis]:
        assert text in flat
    golden(f"budget-{basis}-compare-2019.txt", result.stdout)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_budget_machine_formats_carry_raw_integers(run, fmt):
    result = run("budget", "--compare", "2019", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.stdout)
    else:
        import csv
        import io

        rows = [
            {k: (int(v) if k.endswith("_eok") else v) for k, v in r.items()}
            for r in csv.DictReader(io.StringIO(result.stdout))
        ]
    assert len(rows) == 9
    for row in rows:
        new, old, change, pct = PLAN_BUDGET[(row["basis"], row["account"])]
        assert (row["amount_eok"], row["compare_amount_eok"], row["change_eok"]) == (new, old, change)
        assert f"{float(row['growth_pct']):.4f}"[:-3] == pct[:-1] or round(float(row["growth_pct"]) + 1e-9, 1) == float(
            pct[:-1]
        )
    assert list(rows[0]) == [
        "basis",
        "basis_name",
        "basis_name_en",
        "account",
        "account_name",
        "account_name_en",
        "year",
        "amount_eok",
        "share_pct",
        "compare_year",
        "compare_amount_eok",
        "compare_share_pct",
        "change_eok",
        "growth_pct",
    ]


def test_budget_all_bases_golden(run, golden):
    result = run("budget", "--compare", "2019", "--per-capita")
    assert result.exit_code == 0
    golden("budget-all-compare-per-capita.txt", result.stdout)


def test_budget_without_compare_and_units(run):
    result = run("budget", "--basis", "gross", "--unit", "억")
    assert "395,359억원" in result.stdout and "증감" not in result.stdout


def test_gov_style_marks_negatives_for_people_and_leaves_machine_numbers_alone(run):
    table = run("--style", "gov", "finance", "funds").stdout
    assert "△1조 4,184억원" in table and "△36.7%" in table and "-1조" not in table
    machine = run("--style", "gov", "finance", "funds", "--format", "csv").stdout
    assert ",-14184," in machine and "△" not in machine


def test_budget_per_capita_json(run):
    rows = json.loads(run("budget", "--basis", "gross", "--per-capita", "--format", "json").stdout)
    assert round(rows[0]["per_capita_krw"]) == 3949246


@pytest.mark.parametrize("section", ["all", "mandatory", "funds", "districts", "bonds", "transfers"])
def test_finance_golden(run, golden, section):
    result = run("finance", section)
    assert result.exit_code == 0, result.stderr
    golden(f"finance-{section}.txt", result.stdout)


def test_finance_bonds_shares_beside_stated(run):
    rows = json.loads(run("finance", "bonds", "--format", "json").stdout)
    parts = [r for r in rows if r["stated_share_pct"] is not None]
    assert [(r["amount_eok"], r["stated_share_pct"], round(r["share_pct"], 1)) for r in parts] == [
        (35515, 63.7, 63.7),
        (10169, 18.3, 18.3),
        (5800, 10.4, 10.4),
        (4229, 7.6, 7.6),
    ]


def test_finance_funds_and_average(run):
    rows = {r["item"]: r for r in json.loads(run("finance", "--format", "json").stdout)}
    assert rows["funds"]["stated_change_eok"] == -14184 and rows["funds"]["stated_growth_pct"] == -36.7
    assert rows["funds"]["implied_compare_eok"] == 38670 and round(rows["funds"]["growth_pct"], 1) == -36.7
    assert rows["district_budget_average"]["computed_eok"] == 7001.08
    assert rows["fund_count"]["count"] == 16 and rows["fund_count"]["amount_eok"] is None


def test_general_golden_and_shares(run, golden):
    result = run("general")
    golden("general.txt", result.stdout)
    rows = {r["item"]: r for r in json.loads(run("general", "--format", "json").stdout)}
    assert rows["population"]["value"] == 10011000
    assert round(rows["south_population"]["share_pct"], 1) == rows["south_population"]["stated_share_pct"] == 51.9


def test_covid_golden(run, golden):
    result = run("covid")
    golden("covid.txt", result.stdout)
    rows = {r["measure"]: r for r in json.loads(run("covid", "--format", "json").stdout)}
    assert (rows["confirmed"]["national"], rows["confirmed"]["seoul"], rows["confirmed"]["overseas"]) == (
        156,
        18,
        76081,
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (["39조 5,359억원", "--to", "원"], "39,535,900,000,000원"),
        (["395359억"], "39조 5,359억원"),
        (["39조", "5,359억", "-", "35조", "7,416억"], "3조 7,943억원"),
        (["11억 3천만원"], "11억 3,000만원"),
        (["-3조 7,943억"], "-3조 7,943억원"),
        (["39조", "/", "35조"], "1.1143"),
        (["395359억", "--to", "조"], "39.5359조원"),
    ],
)
def test_money(run, args, expected):
    result = run("money", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_money_styles(run):
    assert run("--style", "gov", "money", "-3조").stdout == "△3조원\n"
    assert run("--locale", "en_US", "money", "395359억").stdout == "KRW 39.5359 trillion\n"


def test_version(run):
    assert run("--version").stdout == f"seoulplan {__version__}\n"


COMMANDS = [
    "budget",
    "budget status",
    "budget phases",
    "budget template",
    "finance",
    "general",
    "covid",
    "validate",
    "money",
    "kpi",
    "kpi list",
    "kpi status",
    "kpi stated",
    "kpi template",
    "kpi show",
    "track",
    "track changes",
    "track budget",
    "pillars",
    "audit",
    "export",
    "report",
    "schedule",
    "schedule status",
    "schedule template",
]


def test_the_command_list_is_complete():
    from seoulplan.cli import cli

    commands = cli.every_command()
    assert set(commands) == {c.split()[0] for c in COMMANDS}
    for name, command in commands.items():
        assert set(getattr(command, "commands", {})) == {c.split()[1] for c in COMMANDS if c.startswith(f"{name} ")}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("locale, heading", [("ko_KR", "예:"), ("en_US", "Examples:")])
def test_every_command_has_help_with_an_example(run, command, locale, heading):
    result = run("--locale", locale, *command.split(), "--help")
    assert result.exit_code == 0
    assert heading in result.stdout and f"seoulplan {command}" in result.stdout


def test_top_level_help_lists_every_command(run):
    result = run("--help")
    for command in COMMANDS:
        assert command.split()[0] in result.stdout


# -- error paths: one clear message on stderr, the documented status, nothing on stdout ---


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args, status, fragment",
    [
        (["budget", "--compare", "2018"], 2, "no budget figures to compare for 2018; the dataset has 2019"),
        (["budget", "--compare", "2020"], 2, "no budget figures to compare for 2020"),
        (["budget", "--basis", "foo"], 2, "Invalid value for '--basis'"),
        (["budget", "--compare", "abc"], 2, "'abc' is not a whole number"),
        (["finance", "pensions"], 2, "'pensions' is not one of 'mandatory'"),
        (["money", "39조 5,359억 35조"], 2, "units must descend"),
        (["money", "abc"], 2, "cannot read 'abc' as an amount"),
        (["money"], 2, "Missing argument 'EXPR...'"),
        (["--data", "/nonexistent/plan.yaml", "budget"], 3, "/nonexistent/plan.yaml: no such file"),
        (["budget", "--format", "xml"], 2, "Invalid value for '--format'"),
        (["nosuchcommand"], 2, "No such command"),
    ],
)
def test_error_paths(run, args, status, fragment):
    result = run(*args)
    assert result.exit_code == status
    assert fragment in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "content, fragment",
    [
        ("", "the file is empty"),
        ("schema: seoulplan/1\nplan: [\n", "bad.yaml:3:1: YAML syntax error"),
        ("schema: seoulplan/1\nschema: seoulplan/1\n", "bad.yaml:2:1: duplicate key 'schema'"),
        ("\x00\x01\x02garbage", "bad.yaml"),
    ],
)
def test_bad_data_files(run, tmp_path, content, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("--data", str(path), "budget")
    assert result.exit_code == 3
    assert fragment in result.stderr and result.stdout == ""


def test_data_from_stdin_and_env(run, plan_text, tmp_path):
    result = run(
        "--data", "-", "budget", "--basis", "gross", "--format", "csv", input=plan_text.replace("395359", "395360")
    )
    assert result.exit_code == 0 and ",395360," in result.stdout
    path = tmp_path / "p.yaml"
    path.write_text(plan_text, encoding="utf-8")
    assert run("general", env={"SEOULPLAN_DATA": str(path)}).exit_code == 0
    assert run("general", env={"SEOULPLAN_DATA": str(tmp_path / "none.yaml")}).exit_code == 3


def test_output_file_takes_format_from_extension(run, tmp_path):
    out = tmp_path / "budget.json"
    result = run("budget", "--compare", "2019", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["amount_eok"] == 395359
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.usefixtures("english")
def test_output_to_missing_directory_is_a_clear_error(run, tmp_path):
    result = run("budget", "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_encodings_for_excel(run):
    result = run("general", "--format", "csv", "--encoding", "cp949")
    assert result.stdout_bytes.decode("cp949").startswith("group,")
    result = run("general", "--format", "csv", "--encoding", "utf-8-sig")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfgroup,")


def test_no_headers(run):
    assert run("budget", "--basis", "gross", "--format", "csv", "--no-headers").stdout.startswith("gross,")


@pytest.mark.usefixtures("english")
def test_validate(run, tmp_path, plan_text):
    result = run("validate")
    assert result.exit_code == 0 and "valid" in result.stdout and len(result.stdout.splitlines()) == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        plan_text.replace("value: 10011000", 'value: "10011000"').replace("confirmed: 156\n", "confirmed: -1\n"),
        encoding="utf-8",
    )
    result = run("validate", str(bad))
    assert result.exit_code == 3
    assert "a number written as a string" in result.stderr and "expected a number ≥ 0" in result.stderr
    assert "3 problem(s)" in result.stderr  # the headline 156 and the table's 156


@pytest.mark.slow
def test_python_m_seoulplan_and_help_imports_no_pandas():
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "seoulplan", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "budget" in out.stdout
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert "pandas" not in imported and "yaml" not in imported and "tabulate" not in imported
    # start-up reads the choices of options from the vocabulary, not from the modules that check data
    assert not {"seoulplan.core.deliverables", "seoulplan.core.problems", "shutil"} & imported
    # the group's help lists the commands' summaries without loading the commands
    assert not {m for m in imported if m.startswith("seoulplan.cli.") and m.endswith(("commands", "_command"))}


@pytest.mark.slow
def test_money_imports_no_pandas():
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "seoulplan", "money", "395359억"], capture_output=True, text=True
    )
    assert out.stdout == "39조 5,359억원\n"
    assert "pandas" not in {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}


#: Runs seoulplan's console script, then reports on stderr which command modules it imported
#: and how many times a compiled catalogue was read.
_WATCHED_RUN = """
import gettext, sys
reads = []
parse = gettext.GNUTranslations._parse
gettext.GNUTranslations._parse = lambda self, fp: (reads.append(1), parse(self, fp))[1]
from seoulplan.cli.app import main
try:
    main(sys.argv[1:])
finally:
    modules = sorted(m for m in sys.modules if m.startswith("seoulplan.cli."))
    print("WATCHED", len(reads), *modules, file=sys.stderr)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, out, module",
    [
        (["money", "395359억"], "39조 5,359억원\n", "seoulplan.cli.money_command"),
        (["--version"], f"seoulplan {__import__('seoulplan').__version__}\n", None),
    ],
)
def test_a_run_imports_only_its_command_and_reads_the_catalogue_only_to_word_something(args, out, module):
    """Start-up (benchmark group (a)): the other commands' modules and the 136 KB catalogue
    cost more than Click's own import; a run that shows no translated word reads neither."""
    env = {**os.environ, "LANG": "ko_KR.UTF-8"}
    done = subprocess.run([sys.executable, "-c", _WATCHED_RUN, *args], capture_output=True, text=True, env=env)
    assert done.stdout == out
    reads, *modules = done.stderr.split("WATCHED ")[1].split()
    assert reads == "0"
    commands = {m for m in modules if m.endswith(("commands", "_command"))}
    assert commands == ({module} if module else set())
    # and a run that does word something still reads the catalogue, once
    done = subprocess.run(
        [sys.executable, "-c", _WATCHED_RUN, *args, "--bogus"], capture_output=True, text=True, env=env
    )
    assert done.stderr.split("WATCHED ")[1].split()[0] == "1" and "오류" in done.stderr


@pytest.mark.usefixtures("english")
def test_a_failed_replace_keeps_the_old_file_and_no_temporary(run, tmp_path, monkeypatch):
    import os

    out = tmp_path / "report.csv"
    out.write_text("precious\n", encoding="utf-8")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("budget", "-o", str(out))
    assert result.exit_code == 2 and "cannot write" in result.stderr and "No space left" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


@pytest.mark.usefixtures("english")
def test_kpi_show_refuses_the_options_of_the_list_it_does_not_print(run):
    result = run("kpi", "--format", "json", "--sort", "x", "show", "future.job-cafes")
    assert result.exit_code == 2
    assert "--format, --sort before 'show' would be ignored" in result.stderr
    assert run("kpi", "show", "future.job-cafes", "--format", "json").exit_code == 0


@pytest.mark.usefixtures("english")
def test_every_listing_command_sorts_by_any_machine_column(run):
    rows = json.loads(run("budget", "--compare", "2019", "--sort", "-growth_pct", "--format", "json").stdout)
    growth = [r["growth_pct"] for r in rows]
    assert growth == sorted(growth, reverse=True)
    result = run("finance", "--sort", "nope")
    assert result.exit_code == 2 and "cannot sort by 'nope'; expected one of section, section_name" in result.stderr


@pytest.mark.usefixtures("english")
@pytest.mark.slow
def test_an_unexpected_error_is_one_line_exit_70_and_no_output_file(tmp_path):
    out = tmp_path / "out.csv"
    script = (
        "import sys, seoulplan.core.figures as figures\n"
        "def broken(*args, **kwargs): raise ZeroDivisionError('a bug')\n"
        "figures.budget = broken\n"
        "from seoulplan.cli import main\n"
        f"main(['budget', '-o', {str(out)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 70
    assert proc.stderr.strip().splitlines() == [
        "seoulplan: internal error (ZeroDivisionError: a bug); this is a bug in seoulplan. "
        "Set SEOULPLAN_DEBUG=1 to see the traceback."
    ]
    assert not out.exists() and list(tmp_path.iterdir()) == []
    debug = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "SEOULPLAN_DEBUG": "1"}
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "ZeroDivisionError: a bug" in debug.stderr


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "figure, message",
    [
        ("1" + "0" * 400, "a number of 401 digits is too large: a figure of the plan is less than 10^15"),
        ("1" + "0" * 5000, "a number of 5001 digits is too large"),
        ("1.0e-7", "1.0e-7 has more than 6 decimal places"),
        ("0100", "0100 has a leading zero (YAML reads it as octal, or as text); write 100"),
        ("0395359", "0395359 has a leading zero (YAML reads it as octal, or as text); write 395359"),
        ("39:53", "39:53 is not written in plain decimal digits"),
    ],
)
def test_a_figure_the_number_rule_refuses_is_exit_3_with_its_path(run, plan_text, tmp_path, figure, message):
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text.replace("amounts: {2020: 395359,", f"amounts: {{2020: {figure},"), encoding="utf-8")
    result = run("--data", str(path), "budget")
    assert result.exit_code == 3, result.stderr
    assert f"$.budget.bases[0].rows[0].amounts.2020: {message}" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("unit", ["조", "억", "백만", "원"])
def test_per_capita_figures_stay_in_whole_won_whatever_the_unit(run, unit):
    """``--unit 조`` once wrote 1인당 as 0.000003949246조원: --unit is for the budget's amounts."""
    korean = run("budget", "--per-capita", "--unit", unit).stdout
    assert "3,949,246원" in korean and "0.0000" not in korean
    english = run("--locale", "en_US", "budget", "--per-capita", "--unit", unit).stdout
    assert "Per capita 2020 (KRW)" in english and "3,949,246" in english
