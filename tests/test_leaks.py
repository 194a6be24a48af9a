"""Every command, in every format, in the reader's language — and machine formats in none.

Each command runs in ``en_US`` and in ``ko_KR`` in every format it has (a table, markdown,
CSV, TSV, JSON, JSONL, an xlsx workbook), as do ``report -o``, ``export DIR`` and
``export FILE.sqlite`` (read back); standard error too.

**English** (``en_US``) shows no Hangul but for these, and only these:

- People's formats (tables, markdown, the report's text, messages, a workbook's header row):
  the plan's own words, removed whole before looking — the dataset's ``source`` and ``quotes``
  excerpts (the evidence a figure was read from) and its ``note`` and ``suspect`` texts,
  written in English, which quote the plan's Korean.
- Machine formats (CSV, TSV, JSON, JSONL, a workbook's cells, the database's rows, the
  exported CSVs), cell by cell:
  - a Korean name whose English stands beside it, non-empty and without Hangul, in the same
    row: column ``X`` beside ``X_en`` (``name``, ``pillar_name``, ``strategy_name``,
    ``basis_name``, ``account_name``, ``group_name``, ``section_name``, ``check``, ``parts``);
  - ``source``, ``quotes``, ``note``, ``suspect``, and a deliverable's ``place`` and ``when``
    (the place and the date as the plan prints them): the dataset's own excerpt or note of the
    record, or text quoting the plan (the audit's notes) whose every Hangul word is one the
    dataset itself writes (:func:`plan_words`);
  - ``unit``: the plan's unit as written, the key of its ``units`` glossary (data, SPEC §3), or
    one the code writes as the plan does (the audit's ``배``);
  - ``status``, ``from_status``, ``to_status``: a status's machine value (``STATUSES``), the
    same in every locale (README, Languages: "a status is 순항 whatever the locale").
- The export's metadata (``datapackage.json``, Datasette's ``metadata.json``, the database's
  ``_about``, ``_tables`` and ``_columns``), which describes every table and column in both
  languages by design (SPEC §6a): a Korean value beside its English twin (``title`` and
  ``title_en``, ``title_ko`` and ``title_en``), a ``한국어 · English`` pair, a ``unit`` as the
  plan writes it, and otherwise only words the plan itself writes.

A Korean name with no English at all would be a leak: the dataset names every record in
English (tests/test_english.py), so no exception is needed for one.

**Korean** (``ko_KR``) shows no English word in people's formats but for these, and only these:

- ids (KPI ids, check ids, pillar slugs, the report's section anchors), machine column and
  table names, file names and
  paths, periods as a ledger writes them (``2020-Q2``, ``2020-H1``);
- command-line syntax: an option (``--as-of``) with the value after it, and the commands of
  seoulplan and Datasette;
- the Latin words of the plan's own Korean text (the dataset's names, units, excerpts: ``AI``,
  ``km``, ``IoT``), and the dataset's English texts shown as data (``name_en``, ``note``,
  ``suspect``), removed whole;
- a gloss: Latin words in parentheses right after a Korean word, naming the machine term it
  stands for (``하한(at_least)``, ``원래 지표(same_as)``, ``반올림(half up)``);
- :data:`LATIN_IN_KOREAN`: abbreviations, units and format names Korean writes in Latin letters.

Machine formats are the same bytes in both locales (checked), so their words are checked once.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

import seoulplan
from seoulplan.core.money import UNIT_WON
from seoulplan.core.vocabulary import COVID_NAMES, GROUP_NAMES, STATUSES
from seoulplan.presentation import catalogue, columns, views

pytestmark = pytest.mark.slow

LEDGER = str(Path(__file__).parent / "data" / "ledger-2020.csv")
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:['-][A-Za-z0-9_]+)*")
#: Text quoting the plan: its Hangul must be words the dataset writes.
QUOTING = ("source", "quotes", "note", "suspect", "place", "when")
STATUS_COLUMNS = ("status", "from_status", "to_status")
#: Latin in Korean prose: abbreviations Korean writes in Latin letters, and the names of formats.
LATIN_IN_KOREAN = frozenset({"KPI", "ID", "KB", "CSV", "TSV", "JSON", "JSONL", "SQLite", "Datasette", "HTML", "xlsx"})
#: The report's sections, which its summary names as the page's anchors do.
REPORT_SECTIONS = ("budget", "finance", "pillars", "timeline", "audit", "actuals")
FORMATS = ("table", "markdown", "csv", "tsv", "json", "jsonl", "xlsx")
MACHINE = ("csv", "tsv", "json", "jsonl")

COMMANDS = [
    ["budget", "--basis", "all", "--compare", "2019", "--per-capita"],
    ["budget", "--basis", "gross", "--unit", "조"],
    ["finance", "all"],
    ["general"],
    ["covid"],
    ["pillars"],
    ["pillars", "--actuals", LEDGER, "--as-of", "2020-Q2"],
    ["kpi"],
    *(["kpi", "--kind", kind] for kind in ("achievement", "headline", "parameter", "all")),
    ["kpi", "status", "--actuals", LEDGER],
    ["kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q2"],
    ["kpi", "stated"],
    ["kpi", "template"],
    ["kpi", "show", "future.youth-unemployment-rate", "balance.public-rental-housing"],
    ["kpi", "show", "--pillar", "welfare", "--grep", "돌봄"],
    *(["track", "--actuals", LEDGER, "--by", by] for by in ("month", "quarter", "half", "year")),
    ["track", "--actuals", LEDGER, "--by", "month", "--as-of", "2025-12-31"],
    ["track", "changes", "2020-Q1", "2020-Q2", "--actuals", LEDGER],
    ["audit"],
    ["schedule", "--by", "month"],
]
PLAIN = [["validate"], ["money", "39조 5,359억 - 35조 7,416억"], ["money", "395359억", "--to", "조"]]


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


def strings(node, keys=None, inside=False):
    """Every string of a document (only those under one of the ``keys``, when given), depth first."""
    if isinstance(node, str):
        if keys is None or inside:
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, keys, inside or (keys is not None and key in keys))
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, keys, inside)


@pytest.fixture(scope="module")
def excerpts(plan) -> list[str]:
    """The plan's words people's formats may show in English: every excerpt and note of the
    dataset, longest first (a shorter one may be part of a longer one)."""
    found = set(strings(plan.doc, QUOTING))
    found |= {" | ".join(k["quotes"]) for k in plan.doc["kpis"] if k.get("quotes")}  # as the KPI table joins them
    return sorted(found, key=len, reverse=True)


@pytest.fixture(scope="module")
def plan_words(plan) -> frozenset[str]:
    """The Hangul words the plan itself writes: in the dataset's Korean text (its names,
    units, excerpts — not its English notes) and its fixed vocabulary's Korean names."""
    notes = set(strings(plan.doc, ("note", "suspect")))
    texts = [s for s in strings(plan.doc) if s not in notes]
    texts += [ko for ko, _en in (*GROUP_NAMES.values(), *COVID_NAMES.values())] + list(STATUSES)
    return frozenset(w for text in texts for w in HANGUL_WORD.findall(text))


@pytest.fixture(scope="module")
def units(plan) -> frozenset[str]:
    used = {r["unit"] for section in ("general", "finance", "kpis") for r in plan.doc[section]}
    written = set(views.BUILT_IN_UNITS.units)  # the units the code itself writes: the audit's 배
    return frozenset(used | written | set(UNIT_WON) | set(plan.doc.get("units") or {}) | {"%", "명"})


@pytest.fixture(scope="module")
def korean_allowed(plan, run_module):
    """What Korean output may write in Latin letters (see the module's docstring): the words,
    and the whole strings removed before looking."""
    from seoulplan.cli import cli

    whole = set(strings(plan.doc, ("name_en", "title_en", "issuer_en", "note", "suspect", *QUOTING)))
    whole |= {" | ".join(k["quotes"]) for k in plan.doc["kpis"] if k.get("quotes")}
    whole |= set(plan.audit()["check_en"])
    notes = set(strings(plan.doc, ("note", "suspect")))
    korean_text = [s for s in strings(plan.doc) if HANGUL.search(s) and s not in notes]
    words = {w for text in korean_text for w in LATIN_WORD.findall(text)}
    words |= {p["slug"] for p in plan.doc["pillars"]} | set(cli.every_command()) | {"seoulplan", "datasette"}
    words |= {name for command in cli.every_command().values() for name in getattr(command, "commands", {})}
    words |= {t.name for t in catalogue.TABLES} | set(columns.REGISTRY) | set(REPORT_SECTIONS)
    for command in COMMANDS:
        header = run_module("--locale", "en_US", *command, "--format", "csv").stdout.splitlines()[0]
        words |= set(header.split(","))
    return sorted(whole, key=len, reverse=True), frozenset(words | LATIN_IN_KOREAN)


@pytest.fixture(scope="module")
def run_module():
    """The command line, in this process (as tests/conftest.py's ``run``, for module fixtures)."""
    from click.testing import CliRunner

    from seoulplan.cli import cli

    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


# -- what counts as a leak -------------------------------------------------------------------


def hangul_outside(text: str, excerpts: list[str]) -> list[str]:
    """The lines of people's ``text`` that hold Hangul once the plan's own words are taken out."""
    if not HANGUL.search(text):
        return []
    present = set(HANGUL_WORD.findall(text))
    for excerpt in excerpts:  # only those that can be there: every Hangul word of one is in the text
        if set(HANGUL_WORD.findall(excerpt)) <= present and excerpt in text:
            text = text.replace(excerpt, "")
    return [line.strip() for line in text.splitlines() if HANGUL.search(line)]


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def machine_leaks(rows, plan_words, units, excerpts) -> list[str]:
    """The cells of machine ``rows`` (dicts) that hold Hangul the rules above do not allow."""
    leaks = set()
    for row in rows:
        for column, value in row.items():
            text = _text(value)
            if value is None or not HANGUL.search(text):
                continue
            twin = row.get(f"{column}_en")
            if twin and not HANGUL.search(_text(twin)):
                continue  # a Korean name with its English beside it
            if column in QUOTING and (text in excerpts or set(HANGUL_WORD.findall(text)) <= plan_words):
                continue
            if (column == "unit" and text in units) or (column in STATUS_COLUMNS and text in STATUSES):
                continue
            leaks.add(f"{column}={text[:60]!r}")
    return sorted(leaks)


def metadata_leaks(node, plan_words, units, where="") -> list[str]:
    """The Korean of the export's metadata that has no English beside it (see the docstring)."""
    leaks: list[str] = []
    if isinstance(node, list):
        for n, value in enumerate(node):
            leaks += metadata_leaks(value, plan_words, units, f"{where}[{n}]")
        return leaks
    if not isinstance(node, dict):
        return leaks
    for key, value in node.items():
        if isinstance(value, (dict, list)):
            leaks += metadata_leaks(value, plan_words, units, f"{where}/{key}")
            continue
        if not isinstance(value, str) or not HANGUL.search(value):
            continue
        twin = node.get(f"{key}_en") or node.get(f"{key.removesuffix('_ko')}_en")
        korean, _dot, english = value.partition(" · ")
        if twin and not HANGUL.search(str(twin)):
            continue
        if key == "unit" and value in units:
            continue
        if LATIN_WORD.search(english) and set(HANGUL_WORD.findall(english)) <= plan_words:
            continue  # 한국어 · English, the English quoting the plan's words (억원) at most
        if set(HANGUL_WORD.findall(value)) <= plan_words:
            continue  # the plan's own words: its title, the names a description quotes
        leaks.append(f"{where}/{key}={value[:60]!r}")
    return leaks


def english_outside(text: str, allowed) -> list[str]:
    """The Latin words of Korean ``text`` that the rules above do not allow."""
    whole, words = allowed
    left = _unexplained(text, words)
    if left:  # the data written in English: only the strings holding a word left are looked for
        for string in whole:
            if not left.isdisjoint(LATIN_WORD.findall(string)) and string in text:
                text = text.replace(string, " ")
        left = _unexplained(text, words)
    return sorted(left)


def _unexplained(text: str, words: frozenset[str]) -> set[str]:
    text = re.sub(r"(?:/[\w.+-]+)+", " ", text)  # paths
    text = re.sub(r"(?<!\w)--?[a-z][a-z-]*(?:[ =][A-Za-z0-9_.-]+)?", " ", text)  # an option, and its value
    text = re.sub(r"(?<=[\uac00-\ud7a3])\([A-Za-z_][A-Za-z_ ,]*\)", " ", text)  # a gloss
    text = re.sub(r"[\w-]+(?:\.[\w-]+)+", " ", text)  # dotted ids and file names
    text = re.sub(r"\b\d{4}-(?:Q[1-4]|H[12])(?![A-Za-z0-9])", " ", text)  # periods as a ledger writes them
    return {w for w in LATIN_WORD.findall(text) if w not in words}


def markdown_plain(text: str) -> str:
    """Markdown's text with its escapes undone (``R\\&D`` is ``R&D``)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!&|<>~:])", r"\1", text)


class _Text(HTMLParser):
    """The text a browser shows of a page: not its style, not its markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")
        self.parts += [value for name, value in attrs if name in ("aria-label", "title", "alt") and value]

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(document: str) -> str:
    reader = _Text()
    reader.feed(document)
    return html.unescape("\n".join(reader.parts))


def rows_of(output: bytes | str, fmt: str) -> list[dict]:
    if fmt == "xlsx":
        sheet = list(openpyxl.load_workbook(io.BytesIO(output)).active.iter_rows(values_only=True))
        return [dict(zip(sheet[0], row)) for row in sheet[1:]]
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(output), delimiter="," if fmt == "csv" else "\t"))
    if fmt == "json":
        loaded = json.loads(output)
        return loaded if isinstance(loaded, list) else [loaded]
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# -- every command, every format --------------------------------------------------------------


def _produce(run, tmp_path, locale, command, fmt):
    if fmt == "xlsx":
        target = tmp_path / f"{locale}.xlsx"
        result = run("--locale", locale, *command, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        return result, target.read_bytes()
    result = run("--locale", locale, *command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return result, result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_in_every_format(run, tmp_path, excerpts, plan_words, units, korean_allowed, command, fmt):
    english, english_out = _produce(run, tmp_path, "en_US", command, fmt)
    korean, korean_out = _produce(run, tmp_path, "ko_KR", command, fmt)
    assert hangul_outside(english.stderr, excerpts) == []
    assert english_outside(korean.stderr, korean_allowed) == []
    if fmt in ("table", "markdown"):
        plain = markdown_plain if fmt == "markdown" else str
        assert hangul_outside(plain(english_out), excerpts) == []
        assert english_outside(plain(korean_out), korean_allowed) == []
        return
    if fmt == "xlsx":
        en_book, ko_book = (openpyxl.load_workbook(io.BytesIO(b)).active for b in (english_out, korean_out))
        en_rows, ko_rows = list(en_book.iter_rows(values_only=True)), list(ko_book.iter_rows(values_only=True))
        assert en_rows[1:] == ko_rows[1:]  # the cells are machine values: the locale names only the headers
        assert hangul_outside("\n".join(map(str, en_rows[0])), excerpts) == []
        assert english_outside("\n".join(map(str, ko_rows[0])), korean_allowed) == []
        # the workbook's columns are the CSV's, in the same order: named by the CSV's header
        names = run("--locale", "en_US", *command, "--format", "csv").stdout.splitlines()[0].split(",")
        machine = [dict(zip(names, row)) for row in en_rows[1:]]
    else:
        assert english_out == korean_out  # machine formats never depend on the locale
        machine = rows_of(english_out, fmt)
    assert machine, "no rows"
    assert machine_leaks(machine, plan_words, units, set(excerpts)) == []


@pytest.mark.parametrize("command", PLAIN, ids=" ".join)
def test_commands_without_formats(run, excerpts, korean_allowed, command):
    english, korean = run("--locale", "en_US", *command), run("--locale", "ko_KR", *command)
    assert english.exit_code == korean.exit_code == 0, english.stderr
    assert hangul_outside(english.stdout + english.stderr, excerpts) == []
    assert english_outside(korean.stdout + korean.stderr, korean_allowed) == []


@pytest.mark.parametrize("actuals", [[], ["--actuals", LEDGER, "--as-of", "2020-Q2"]], ids=["plan", "actuals"])
def test_the_report(run, tmp_path, excerpts, korean_allowed, actuals):
    pytest.importorskip("matplotlib")
    pages = {}
    for locale in ("en_US", "ko_KR"):
        target = tmp_path / f"{locale}.html"
        result = run("--locale", locale, "report", "-o", str(target), "--date", "2020-07-01", *actuals)
        assert result.exit_code == 0, result.stderr
        pages[locale] = (page_text(target.read_text(encoding="utf-8")), result.stderr)
    english, korean = pages["en_US"], pages["ko_KR"]
    assert hangul_outside(english[0] + english[1], excerpts) == []
    assert english_outside(korean[0] + korean[1], korean_allowed) == []


def test_export_as_csv_files_and_a_data_package(run, tmp_path, excerpts, plan_words, units, korean_allowed):
    outputs = {}
    for locale in ("en_US", "ko_KR"):
        folder = tmp_path / locale
        result = run("--locale", locale, "export", str(folder), "--actuals", LEDGER)
        assert result.exit_code == 0, result.stderr
        outputs[locale] = (folder, result.stdout + result.stderr)
    (english, english_said), (korean, korean_said) = outputs["en_US"], outputs["ko_KR"]
    assert hangul_outside(english_said, excerpts) == []
    assert english_outside(korean_said.replace(str(korean), " "), korean_allowed) == []
    files = sorted(p.name for p in english.iterdir())
    assert files == sorted(p.name for p in korean.iterdir()) and "datapackage.json" in files
    leaks = {}
    for name in files:
        text = (english / name).read_text(encoding="utf-8")
        assert text == (korean / name).read_text(encoding="utf-8"), name  # the same files in either locale
        if name.endswith(".csv"):
            leaks[name] = machine_leaks(rows_of(text, "csv"), plan_words, units, set(excerpts))
        else:
            leaks[name] = metadata_leaks(json.loads(text), plan_words, units)
    assert {name: found for name, found in leaks.items() if found} == {}


def test_export_as_a_database_read_back(run, tmp_path, excerpts, plan_words, units, korean_allowed):
    target = tmp_path / "plan.sqlite"
    result = run("--locale", "en_US", "export", str(target), "--actuals", LEDGER)
    assert result.exit_code == 0, result.stderr
    assert hangul_outside(result.stdout + result.stderr, excerpts) == []
    korean = run("--locale", "ko_KR", "export", str(tmp_path / "ko.sqlite"), "--actuals", LEDGER)
    assert english_outside(korean.stdout.replace(str(tmp_path), " "), korean_allowed) == []
    db = sqlite3.connect(target)
    db.row_factory = sqlite3.Row
    leaks = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        rows = [dict(row) for row in db.execute(f'SELECT * FROM "{table}"')]
        if table == "_about":
            leaks[table] = metadata_leaks({row["key"]: row["value"] for row in rows}, plan_words, units)
        elif table.startswith("_"):
            leaks[table] = metadata_leaks(rows, plan_words, units)
        else:
            leaks[table] = machine_leaks(rows, plan_words, units, set(excerpts))
    metadata = json.loads(target.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    leaks["metadata.json"] = metadata_leaks(metadata, plan_words, units)
    assert {name: found for name, found in leaks.items() if found} == {}
