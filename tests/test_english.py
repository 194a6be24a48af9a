"""``--locale en_US``: everything a person reads in English, every command.

The plan's own words are the one exception, by design: the ``source`` and ``quotes`` excerpts
are shown verbatim (they are the evidence a figure was read from), and the dataset's notes
and ``suspect`` reasons — written in English — quote the plan's Korean where they cite it.
Everything else an English reader sees must hold no Hangul: titles, headers, names, units,
statuses, notes of the views, audit descriptions and results, messages of the summary.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import seoulplan
from seoulplan.core.money import UNIT_WON
from seoulplan.presentation import render, views

LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: The fields whose text is the plan's (verbatim excerpts), or quotes it (English notes).
VERBATIM = ("source", "quotes", "note", "suspect")


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


@pytest.fixture(scope="module")
def excerpts(plan) -> list[str]:
    """Every verbatim excerpt and note of the dataset, longest first (a shorter one may be
    part of a longer one)."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in VERBATIM and isinstance(value, str):
                    found.add(value)
                elif key in VERBATIM and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(plan.doc)
    found |= {" | ".join(k["quotes"]) for k in plan.doc["kpis"] if k.get("quotes")}  # as the KPI table joins them
    return sorted(found, key=len, reverse=True)


def hangul_outside(text: str, excerpts: list[str]) -> list[str]:
    """The lines of ``text`` that hold Hangul once the plan's own words are taken out."""
    for excerpt in excerpts:
        if excerpt in text:
            text = text.replace(excerpt, "")
    return [line for line in text.splitlines() if HANGUL.search(line)]


COMMANDS = [
    ["budget"],
    ["budget", "--compare", "2019", "--per-capita"],
    ["budget", "--basis", "net", "--unit", "trillion"],
    ["budget", "--unit", "100 million", "--format", "markdown"],
    *(["finance", section] for section in ("mandatory", "funds", "districts", "bonds", "transfers", "all")),
    ["general"],
    ["covid"],
    ["pillars"],
    ["pillars", "--actuals", LEDGER, "--as-of", "2020-Q2"],
    ["schedule"],
    ["schedule", "--by", "quarter", "--kind", "open", "--format", "markdown"],
    ["kpi"],
    *(["kpi", "--kind", kind] for kind in ("achievement", "headline", "all")),
    ["kpi", "--pillar", "welfare"],
    ["kpi", "--pillar", "3", "--strategy", "2", "--format", "markdown"],
    ["kpi", "--grep", "youth"],
    ["kpi", "--columns", "id,name,unit,target,pillar_name", "--sort", "-target", "--pillar", "safety"],
    ["budget", "--columns", "basis_name,account_name,amount_eok", "--sort", "-amount_eok"],
    ["kpi", "status", "--actuals", LEDGER],
    ["kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2", "--pillar", "future"],
    ["kpi", "stated"],
    ["kpi", "template", "--pillar", "future"],
    ["kpi", "show", "future.youth-unemployment-rate"],
    ["kpi", "show", "balance.public-rental-housing", "--format", "markdown"],
    *(["track", "--actuals", LEDGER, "--by", by] for by in ("month", "quarter", "half", "year")),
    ["audit"],
    ["audit", "--only-failures"],
    ["money", "395359억"],
    ["money", "39조 5,359억 - 35조 7,416억", "--to", "100 million"],
    ["money", "3조 7,943억 / 35조 7,416억", "--percent"],
    ["money", "1억 x 3"],
    ["validate"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_speaks_english(run, excerpts, args):
    result = run("--locale", "en_US", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert hangul_outside(result.stdout, excerpts) == []


def test_the_export_summary_speaks_english(run, excerpts, tmp_path):
    result = run("--locale", "en_US", "export", str(tmp_path / "plan.sqlite"))
    assert result.exit_code == 0, result.stderr
    assert hangul_outside(result.stdout, excerpts) == []
    tables = seoulplan.load().tables()
    rows = sum(len(frame) for frame in tables.values())
    assert f"SQLite database, {len(tables)} tables, {rows:,} rows" in result.stdout and "  kpis" in result.stdout


@pytest.mark.slow
def test_every_kpi_in_full_speaks_english(plan, excerpts):
    """``kpi show`` of each record, through the view the command uses."""
    options = views.Options(locale="en_US", glossary=plan.glossary)
    frame = plan.kpi_table
    for row in render.records(frame):
        text = render.render(frame[frame["id"] == row["id"]], "table", views.kpi_detail(row, options), options)
        assert hangul_outside(text, excerpts) == [], row["id"]


def test_the_glossary_has_english_for_every_unit_the_plan_uses(plan):
    used = {r["unit"] for section in ("general", "finance", "kpis") for r in plan.doc[section]}
    missing = sorted(u for u in used if u not in UNIT_WON and u not in ("%", "％") and plan.glossary.unit(u) is None)
    assert missing == []
    assert (
        plan.glossary.quantity("100", "개소", 100) == "100 sites" and plan.glossary.quantity("1", "개소", 1) == "1 site"
    )
    assert plan.glossary.quantity("3", "위", 3) == "No. 3" and plan.glossary.quantity("25", "개", 25) == "25"


def test_every_name_has_english(plan):
    g = plan.glossary
    assert set(g.pillars) == {p["slug"] for p in plan.doc["pillars"]}
    assert len(g.strategies) == sum(len(p["strategies"]) for p in plan.doc["pillars"])
    assert set(g.kpis) == {k["id"] for k in plan.doc["kpis"]}
    assert set(g.bases) == {"gross", "net", "execution"} and set(g.accounts) == {"total", "general", "special"}
    for section in ("general", "finance"):
        assert all(item.get("name_en") for item in plan.doc[section])


def test_money_in_english_tables_one_unit_per_column(run):
    result = run("--locale", "en_US", "budget", "--basis", "gross", "--compare", "2019")
    lines = result.stdout.splitlines()
    assert lines[0] == "Budget (2020)"
    assert "2020 (KRW 100 million)" in lines[1] and "Change (KRW 100 million)" in lines[1]
    assert "395,359" in lines[3] and "37,943" in lines[3] and "10.6%" in lines[3] and "KRW" not in lines[3]
    trillion = run("--locale", "en_US", "budget", "--basis", "gross", "--unit", "trillion").stdout.splitlines()
    assert "2020 (KRW trillion)" in trillion[1] and trillion[3].split()[-2] == "39.5"  # rounded for people
    korean = run("budget", "--basis", "gross", "--unit", "trillion").stdout.splitlines()
    assert korean[0] == "예산규모 (단위: 조원, 2020년 기준)" and "39.5359조원" in korean[3]


def test_money_on_its_own_in_english_is_exact(run):
    assert run("--locale", "en_US", "money", "395359억").stdout == "KRW 39.5359 trillion\n"
    assert run("--locale", "en_US", "money", "4,800억").stdout == "KRW 480 billion\n"
    assert run("--locale", "en_US", "money", "84,180원").stdout == "KRW 84,180\n"
    assert run("--locale", "en_US", "money", "395359억", "--to", "million").stdout == "KRW 39,535,900 million\n"
    assert run("money", "395359억", "--to", "trillion").stdout == "39.5359조원\n"


def test_statuses_units_and_names_in_english(run):
    out = run("--locale", "en_US", "kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2").stdout
    assert "on pace" in out and "behind" in out and "not reported" in out
    assert "Job cafés" in out or "job caf" in out.lower()
    assert "95 sites" in out and "KRW 240 billion" in out
    assert "20 districts" in out
    machine = run("--locale", "en_US", "kpi", "status", "--actuals", LEDGER, "--format", "csv").stdout
    assert ",순항," in machine or ",달성," in machine  # machine values never depend on the locale


def test_machine_formats_never_depend_on_the_locale(run):
    for args in (["budget", "--format", "csv"], ["audit", "--format", "json"], ["kpi", "--format", "tsv"]):
        assert run("--locale", "en_US", *args).stdout == run(*args).stdout
