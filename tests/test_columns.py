"""presentation.columns: one registry describes every machine column, and everything reads it.

A column is described once — headers in both languages, cell kind, unit, description — and
the table views, the report, the workbook, the Data Package, the SQLite self-description and
the Datasette metadata all read that entry: a new column is one entry (and its Korean in
the catalogue of messages), and no module types a header of its own.
"""

from __future__ import annotations

import ast
import gettext
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from helpers import LEDGER, LISTINGS

import seoulplan
from seoulplan.core import i18n
from seoulplan.core.plan import Plan
from seoulplan.core.vocabulary import STATUS_KEYS
from seoulplan.presentation import columns, views

PRESENTATION = Path(seoulplan.__file__).parent / "presentation"
HANGUL = re.compile("[\uac00-\ud7a3]")

# -- a new column is one entry ------------------------------------------------------------------

NEW = "seoul_case_share_pct"
NEW_EN, NEW_KO = "Seoul's share of cases", "서울 확진 비중"


@pytest.fixture
def new_column(monkeypatch):
    """The covid table grows a column, and the registry one entry for it; its Korean is in the
    catalogue of messages (here added in memory, as `pybabel update` and a translator would)."""
    covid = Plan.covid
    monkeypatch.setattr(Plan, "covid", lambda self: covid(self).assign(**{NEW: covid(self)["seoul_share_pct"]}))
    entry = columns.Entry(columns.pgettext(NEW, NEW_EN), "pct", "a column added by a test")
    monkeypatch.setitem(columns.REGISTRY, NEW, entry)

    added = Catalog(locale="ko_KR")
    added.add(NEW_EN, NEW_KO, context=NEW)
    compiled = io.BytesIO()
    write_mo(compiled, added)
    compiled.seek(0)
    korean = gettext.GNUTranslations(compiled)
    korean.add_fallback(i18n.catalogue("ko_KR"))
    monkeypatch.setattr(columns, "translations", lambda locale: korean if locale == "ko_KR" else i18n.catalogue(locale))


def test_a_new_column_needs_one_registry_entry(new_column, run, tmp_path):
    korean = run("covid").stdout.splitlines()
    assert korean[1].endswith(NEW_KO) and korean[3].endswith(" 11.5%"), "the table shows it, in Korean, as a percentage"
    english = run("--locale", "en_US", "covid").stdout.splitlines()
    assert NEW_EN in english[1]
    assert run("covid", "--format", "csv").stdout.splitlines()[0].endswith(f",{NEW}")

    assert run("covid", "-o", str(tmp_path / "covid.xlsx")).exit_code == 0
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "covid.xlsx").active[1]]
    assert header[-1] == f"{NEW_KO} (%)"

    assert run("export", str(tmp_path / "plan.sqlite")).exit_code == 0
    metadata = json.loads((tmp_path / "plan.metadata.json").read_text(encoding="utf-8"))
    note = metadata["databases"]["plan"]["tables"]["covid"]["columns"][NEW]
    assert note == f"{NEW_KO} · {NEW_EN} (%): a column added by a test"

    assert run("export", str(tmp_path / "package")).exit_code == 0
    package = json.loads((tmp_path / "package" / "datapackage.json").read_text(encoding="utf-8"))
    covid = next(r for r in package["resources"] if r["name"] == "covid")
    field = covid["schema"]["fields"][-1]
    assert (field["name"], field["title"], field["title_en"], field["unit"], field["type"]) == (
        NEW,
        NEW_KO,
        NEW_EN,
        "%",
        "number",
    )


# -- every column has an entry ------------------------------------------------------------------

#: The commands' frames beyond the listings every output test runs: the other modes.
MORE = [
    ["budget"],
    ["kpi", "--kind", "parameter"],
    ["track", "--actuals", LEDGER, "--changes", "2020-Q1", "2020-Q3"],
]


@pytest.mark.parametrize("args", LISTINGS + MORE, ids=" ".join)
def test_every_column_a_command_writes_has_a_registry_entry(run, args):
    written = run(*args, "--format", "csv").stdout.splitlines()[0].split(",")
    assert [name for name in written if not columns.known(name)] == []


def test_every_column_the_exports_and_the_report_read_has_a_registry_entry():
    plan = seoulplan.load()
    frames = {**plan.tables(LEDGER, as_of="2020-12-31"), "biggest_changes": plan.biggest_changes(5)}
    unknown = {name: [c for c in frame.columns if not columns.known(c)] for name, frame in frames.items()}
    assert {name: found for name, found in unknown.items() if found} == {}


def test_no_module_types_a_header_of_its_own():
    """A column people see is made from its registry entry (``views.column``); ``Column`` with
    words of its own is for headers that are data (a period of ``track``)."""
    typed = []
    for path in sorted(PRESENTATION.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Column" and len(node.args) > 1:
                words = node.args[1]
                said = isinstance(words, ast.Call) and getattr(words.func, "attr", None) == "say"
                if isinstance(words, (ast.Constant, ast.JoinedStr)) or said:
                    typed.append(f"{path.name}:{node.lineno}")
    assert typed == []


def test_no_korean_header_is_typed_in_two_modules():
    """Each Korean header is in the catalogue of messages once, not typed in the modules that
    show it (증감률(계획) was typed in views, the catalogue and the report)."""
    headers = {words("ko_KR") for entry in columns.REGISTRY.values() for words in (entry.title, *entry.variants)}
    headers = {h for h in headers if HANGUL.search(h)} - set(STATUS_KEYS)  # the statuses are data: machine values
    where = defaultdict(set)
    for path in sorted(PRESENTATION.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in headers:
                where[node.value].add(str(path.relative_to(PRESENTATION)))
    assert {header: sorted(modules) for header, modules in where.items() if len(modules) > 1} == {}


# -- the registry itself ------------------------------------------------------------------------


def test_each_entry_names_a_kind_the_views_format():
    assert {name: e.kind for name, e in columns.REGISTRY.items() if e.kind not in views.KINDS} == {}


def test_each_entry_s_words_are_its_own():
    """A variant's context starts with its column's name: a translator sees whose words they are."""
    for name, entry in columns.REGISTRY.items():
        assert entry.title.context == name
        assert all(w.context.startswith(f"{name}: ") and w.variant for w in entry.variants), name


@pytest.mark.parametrize("suffix, kind, unit", [("_eok", "eok", "억원"), ("_krw", "krw", "원"), ("_pct", "pct", "%")])
def test_a_name_that_says_a_unit_has_the_kind_of_that_unit(suffix, kind, unit):
    named = {name: e for name, e in columns.REGISTRY.items() if name.endswith(suffix)}
    assert named and {name: (e.kind, e.fixed_unit) for name, e in named.items()} == {n: (kind, unit) for n in named}


def test_headers_are_in_both_languages_and_variants_fill_their_placeholders():
    amount = columns.describe("amount_eok")
    assert (amount.ko, amount.en, amount.heading(), amount.heading("en_US")) == (
        "금액",
        "Amount",
        "금액 (억원)",
        "Amount (KRW 100 million)",
    )
    assert amount.words("year")("ko_KR", year=2020) == "2020년"
    targets = columns.describe("targets")
    assert (targets.ko, targets.words()("ko_KR"), targets.words()("en_US")) == ("목표 수", "목표", "Targets")
    period = columns.describe("2020-Q1")  # a column no entry describes: its name, its values as they are
    assert (period.ko, period.en, period.kind) == ("2020-Q1", "2020-Q1", "raw")


def test_a_cell_reads_by_its_kind():
    row = {"unit": "개소", "target": 100, "target_year": 2020}
    korean, english = views.Options(), views.Options(locale="en_US")
    assert views.cell(views.column("target"), 100, row, korean) == "100개소 ('20)"
    assert views.cell(views.column("amount_eok"), 395359, {}, korean) == "39조 5,359억원"
    assert views.cell(views.column("amount_eok"), 395359, {}, english) == "395,359"
    assert views.column("amount_eok").header(english) == "Amount (KRW 100 million)"
    assert views.cell(views.column("growth_pct"), None, {}, korean) == "—"
    assert views.cell(views.column("note"), None, {}, korean) == ""
    assert views.cell(views.column("status"), "지연", {}, english) == "behind"


def test_a_whole_frame_view_leaves_out_keys_and_twins():
    frame = pd.DataFrame(columns=["measure", "name", "name_en", "national", "unheard_of"])
    shown = views.covid("2020-02-21", views.Options()).shown(list(frame.columns))
    assert [c.key for c in shown] == ["name", "national", "unheard_of"], "the key and the English twin are left out"
    assert shown[-1].header(views.Options()) == "unheard_of", "a column no entry describes: under its name"
