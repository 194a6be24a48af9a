"""Output that tools and people can trust (issue 13, items 3–6): TSV that `cut` can split,
JSON arrays, tables that fit the terminal, choosing columns and KPIs, and the calculator's
ratios."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from helpers import LEDGER, LISTINGS, on_a_terminal, seoulplan
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from seoulplan.presentation import machine_formats, render

# -- TSV ----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_tsv_row_has_the_same_number_of_fields(run, args):
    result = run(*args, "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    counts = {line.count("\t") for line in lines[:-1]}
    assert len(counts) == 1, counts


def _unescape(cell: str) -> str:
    out, chars = [], iter(cell)
    for c in chars:
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)] if c == "\\" else c)
    return "".join(out)


@given(st.lists(st.text(alphabet=st.sampled_from("a가\t\n\r\\ ,\"'"), max_size=12), min_size=1, max_size=6))
def test_tsv_cells_hold_no_tab_or_line_break_and_read_back(cells):
    line = machine_formats._tsv_rows([cells])
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    assert [_unescape(c) for c in line[:-1].split("\t")] == cells


def test_audit_excerpts_with_tabs_keep_their_columns(run):
    """The plan's excerpts hold tabs: the audit had 13, 16, 17 and 20 fields a row."""
    rows = run("audit", "--format", "tsv").stdout.splitlines()
    assert {row.count("\t") for row in rows} == {13}
    assert any("\\t" in row for row in rows)


# -- JSON, markdown, titles ---------------------------------------------------------------------


def test_json_carries_milestones_and_parts_as_arrays(run):
    rows = {r["id"]: r for r in json.loads(run("kpi", "--pillar", "future", "--format", "json").stdout)}
    assert rows["future.labour-support-centres"]["milestones"] == [{"year": 2021, "value": 25}]
    assert rows["future.fund-startups-invested"]["parts"] == [
        {"name": "창업단계(Seed)", "value": 200},
        {"name": "초기창업(Series A)", "value": 250},
        {"name": "성장단계(Series B)", "value": 60},
    ]
    every = json.loads(run("kpi", "--format", "json").stdout)
    due_2022 = [r["id"] for r in every if any(m["year"] == 2022 for m in r["milestones"] or [])]
    assert due_2022 == [  # "every target with a 2022 milestone", without parsing text
        "safety.aerial-ladder-68m-additions",
        "welfare.seoul-emergency-welfare-households",
        "welfare.fifty-plus-campuses",
    ]
    line = json.loads(run("kpi", "--pillar", "future", "--format", "jsonl").stdout.splitlines()[0])
    assert line["milestones"] is None or isinstance(line["milestones"], list)
    csv = run("kpi", "--grep", "노동자 종합지원센터", "--format", "csv").stdout
    assert ",2021: 25," in csv  # CSV keeps the flat text


def test_markdown_without_headers_is_refused(run, english):
    result = run("budget", "--format", "markdown", "--no-headers")
    assert result.exit_code == 2 and "a markdown table needs its header row" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "unit, title",
    [
        ("auto", "예산규모 (2020년 기준)"),
        ("조", "예산규모 (단위: 조원, 2020년 기준)"),
        ("원", "예산규모 (단위: 원, 2020년 기준)"),
    ],
)
def test_the_unit_in_the_title_follows_unit(run, unit, title):
    assert run("budget", "--unit", unit).stdout.splitlines()[0] == title


# -- tables that fit the terminal ---------------------------------------------------------------


def widest(text: str) -> int:
    return max(wcswidth(line) for line in text.splitlines())


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, columns",
    [
        (["kpi"], 80),
        (["audit"], 80),
        (["kpi", "show", "balance.public-rental-housing"], 80),
        (["kpi"], 120),
        (["audit"], 120),
        (["kpi", "status", "--actuals", LEDGER], 120),
        (["track", "--actuals", LEDGER], 120),
    ],
    ids=str,
)
def test_tables_wrap_to_the_terminal(args, columns):
    """Long text gives way; numbers and short columns never do, so a table of many figures
    (budget --compare: 106 cells) stays wider than a narrow terminal rather than unreadable."""
    assert widest(on_a_terminal(args, columns)) <= columns


@pytest.mark.slow
def test_wide_and_pipes_keep_long_lines(run):
    assert widest(on_a_terminal(["kpi", "--wide"], 80)) > 150
    piped = subprocess.run(seoulplan() + ["kpi"], capture_output=True, env={**os.environ, "COLUMNS": "80"})
    assert widest(piped.stdout.decode()) > 150  # a file or a pipe gets the table unwrapped


@pytest.mark.slow
def test_kpi_show_wraps_its_note():
    text = on_a_terminal(["kpi", "show", "balance.public-rental-housing"], 80)
    note = text[text.index("비고") :]
    assert len(note.splitlines()) > 5 and "The plan prints 공공임대주택" in note


def test_rendering_to_a_width_is_exact(plan):
    from seoulplan.presentation import views

    for width in (80, 100, 140):
        text = render.render(
            plan.kpis(), "table", views.kpis(None, "target", views.Options()), views.Options(width=width)
        )
        assert widest(text) <= width
    text = render.render(plan.kpis(), "table", views.kpis(None, "target", views.Options()), views.Options(width=None))
    assert widest(text) > 150


@pytest.fixture(scope="module")
def plan():
    import seoulplan

    return seoulplan.load()


# -- choosing what to see -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_columns_on_every_listing(run, args, english):
    everything = run(*args, "--format", "json").stdout
    first = json.loads(everything)[0] if everything.lstrip().startswith("[") else json.loads(everything)
    names = list(first)[::-1][:3]  # three columns, in an order of our own
    result = run(*args, "--columns", ",".join(names), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(names)
    # track's table is a pivot: its own columns (not the budget's, which is its long form)
    shown = ["id", "status"] if args[0] == "track" and "budget" not in args else names
    table = run(*args, "--columns", ",".join(shown))
    assert table.exit_code == 0, table.stderr
    wrong = run(*args, "--columns", f"{names[0]},nope")
    assert wrong.exit_code == 2 and "cannot show 'nope'; expected one of" in wrong.stderr


def test_columns_in_a_table_keep_their_look(run):
    text = run("kpi", "--grep", "일자리카페", "--columns", "id,target,name").stdout
    assert "100개소 ('20)" in text and text.splitlines()[1].split() == ["ID", "목표", "지표"]
    # a column the view lacks, as the KPI tables write it
    shared = run("kpi", "--grep", "일자리카페", "--columns", "id,target_year,unit").stdout
    assert shared.splitlines()[1].split() == ["ID", "목표연도", "단위"] and "2020" in shared and "개소" in shared
    english = run("--locale", "en_US", "kpi", "--grep", "일자리카페", "--columns", "id,unit").stdout
    assert english.splitlines()[1].split() == ["ID", "Unit"] and "sites" in english
    # a column no view shows: headed as the column registry titles it
    other = run("audit", "--columns", "check_id,tolerance").stdout
    assert other.splitlines()[1].split() == ["점검", "ID", "허용", "오차"]


@pytest.mark.parametrize(
    "greps, expected",
    [
        (["AI"], ["future.innovation-talent-ai", "future.ai-talent-training", "future.ai-company-space"]),
        (["청년", "일자리"], None),
        (["청년", "nothing-like-this"], []),
    ],
)
def test_grep_terms_must_all_match_in_either_language(run, greps, expected):
    args = [arg for term in greps for arg in ("--grep", term)]
    ids = [r["id"] for r in json.loads(run("kpi", *args, "--format", "json").stdout)]
    if expected is not None:
        assert ids == expected
    else:
        assert ids and all("youth" in i for i in ids)


def test_grep_in_all_adds_the_excerpts_and_notes(run):
    plain = json.loads(run("kpi", "--grep", "interim", "--format", "json").stdout)
    everywhere = json.loads(run("kpi", "--grep", "interim", "--grep-in", "all", "--format", "json").stdout)
    assert plain == [] and {"balance.public-rental-housing"} <= {r["id"] for r in everywhere}


def test_grep_finds_english_names(run):
    ids = [r["id"] for r in json.loads(run("kpi", "--grep", "unemployment", "--format", "json").stdout)]
    assert ids == ["future.youth-unemployment-rate"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "words, typed, offered",
    [
        ("seoulplan kpi --columns", "i", "id"),
        ("seoulplan budget --sort", "amount", "amount_eok"),
        ("seoulplan kpi --columns", "id,tar", "id,target"),
    ],
)
def test_completion_offers_column_names(words, typed, offered):
    env = {
        **os.environ,
        "_SEOULPLAN_COMPLETE": "bash_complete",
        "COMP_WORDS": f"{words} {typed}",
        "COMP_CWORD": str(len(words.split())),
    }
    out = subprocess.run(seoulplan(), capture_output=True, text=True, env=env).stdout
    assert f"plain,{offered}" in out.splitlines()


# -- the calculator ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, shown",
    [
        (["3조 7,943억 / 35조 7,416억"], "0.1062"),
        (["3조 7,943억 / 35조 7,416억", "--percent"], "10.62%"),
        (["1억", "x", "3"], "3억원"),
        (["2", "×", "3억"], "6억원"),
        (["10억 / 3"], "333,333,333.33원"),
        (["5000"], "5,000"),
    ],
)
def test_money_ratios_and_products(run, args, shown):
    result = run("money", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == shown


def test_percent_needs_a_ratio(run, english):
    result = run("money", "1억", "--percent")
    assert result.exit_code == 2 and "--percent writes a ratio of two amounts" in result.stderr
