"""Both languages, whole: the locale's resolution, the Korean catalogue and Click's own words.

The catalogue (``seoulplan/locale/ko_KR/LC_MESSAGES/seoulplan.po``) must hold a Korean
translation of every message the source marks (``_()``, ``N_()``) and of every message Click
looks up, keep each message's placeholders, and compile to the ``.mo`` file that is committed
and shipped. English tables have tests of their own (tests/test_english.py).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from helpers import dataset_records

import seoulplan
from seoulplan.core import i18n
from seoulplan.errors import DataError

PACKAGE = Path(seoulplan.__file__).parent
PO = PACKAGE / "locale" / "ko_KR" / "LC_MESSAGES" / "seoulplan.po"
MO = PO.with_suffix(".mo")
FIX = (
    "pybabel extract -F babel.cfg --no-location --sort-output -o seoulplan/locale/seoulplan.pot seoulplan <click>; "
    "pybabel update ...; pybabel compile -d seoulplan/locale -D seoulplan (README: Messages and translations)"
)


def catalogue():
    with PO.open("rb") as f:
        return read_po(f)


def extracted(directory: Path) -> set[tuple[str | None, str]]:
    """The messages marked in the Python files under ``directory``, each as (context, id): a
    plural by its singular; a column's words (``pgettext``) have the column as their context."""
    found = set()
    for _filename, _line, message, _comments, context in extract_from_dir(str(directory), [("**.py", "python")]):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def ids(entries) -> dict[tuple[str | None, str], object]:
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in entries if m.id}


@pytest.fixture(scope="module")
def entries():
    return ids(catalogue())


@pytest.mark.parametrize("source", ["seoulplan", "click"])
def test_every_message_has_a_korean_translation(entries, source):
    directory = PACKAGE if source == "seoulplan" else Path(click.__file__).parent
    wanted = extracted(directory)
    missing = sorted(wanted - set(entries))
    assert not missing, f"messages not in the catalogue (run: {FIX}):\n" + "\n".join(map(repr, missing))
    empty = sorted(
        m for m in wanted if not all(entries[m].string if isinstance(entries[m].string, tuple) else [entries[m].string])
    )
    assert not empty, "messages without a Korean translation:\n" + "\n".join(map(repr, empty))
    fuzzy = sorted(m for m in wanted if entries[m].fuzzy)
    assert not fuzzy, "fuzzy (unchecked) translations:\n" + "\n".join(map(repr, fuzzy))


def test_the_catalogue_holds_no_message_the_source_has_dropped(entries):
    used = extracted(PACKAGE) | extracted(Path(click.__file__).parent)
    assert sorted(set(entries) - used) == []


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def test_every_translation_keeps_the_placeholders_of_its_message(entries):
    wrong = []
    for message in entries.values():
        singular, plural = message.id if isinstance(message.id, tuple) else (message.id, None)
        wanted = set(PLACEHOLDER.findall(singular)) | set(PLACEHOLDER.findall(plural or ""))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            got = set(PLACEHOLDER.findall(string))
            # a plural message may use either form's placeholders (Korean has one form)
            if not got <= wanted or (plural is None and got != wanted):
                wrong.append((singular, string))
    assert wrong == []


def test_the_committed_mo_is_the_compiled_po():
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(), use_fuzzy=False)
    assert compiled.getvalue() == MO.read_bytes(), "recompile: pybabel compile -d seoulplan/locale -D seoulplan"


def test_the_catalogue_has_no_control_characters():
    text = PO.read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)


# -- which language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, environ, expected",
    [
        (None, {}, "ko_KR"),
        (None, {"LANG": "en_US.UTF-8"}, "en_US"),
        (None, {"LANG": "en_GB.UTF-8"}, "en_US"),
        (None, {"LANG": "ko_KR.UTF-8"}, "ko_KR"),
        (None, {"LANG": "C.UTF-8"}, "ko_KR"),
        (None, {"LANG": "fr_FR.UTF-8"}, "ko_KR"),
        (None, {"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "ko_KR"),  # LC_ALL wins, and C is the default
        (None, {"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en_US"),  # empty is unset
        (None, {"LC_MESSAGES": "en_US", "LANG": "ko_KR"}, "en_US"),
        (None, {"SEOULPLAN_LOCALE": "ko_KR", "LC_ALL": "en_US.UTF-8"}, "ko_KR"),
        (None, {"SEOULPLAN_LOCALE": "en", "LANG": "ko_KR"}, "en_US"),
        ("en_US", {"SEOULPLAN_LOCALE": "ko_KR"}, "en_US"),
        ("ko_KR", {"LANG": "en_US"}, "ko_KR"),
    ],
)
def test_the_locale_is_the_option_else_the_environment_else_korean(option, environ, expected):
    assert i18n.resolve(option, environ) == expected


def test_the_command_line_speaks_korean_by_default(run):
    result = run("budget", "--unit", "bogus")
    assert result.exit_code == 2
    assert result.stderr.startswith("사용법: cli budget [OPTIONS] [COMMAND] [ARGS]...\n도움말: 'cli budget --help'\n")
    assert "오류: '--unit'의 값이 잘못되었습니다: 없는 단위 'bogus'" in result.stderr
    assert "사용법:" in run("--help").stdout and "이 도움말을 보여 주고 끝냅니다." in run("--help").stdout


@pytest.mark.parametrize(
    "env, args, word",
    [
        ({"LANG": "en_US.UTF-8"}, [], "Usage:"),
        ({"LANG": "ko_KR.UTF-8"}, [], "사용법:"),
        ({"LANG": "en_US.UTF-8", "SEOULPLAN_LOCALE": "ko_KR"}, [], "사용법:"),
        ({"SEOULPLAN_LOCALE": "ko_KR"}, ["--locale", "en_US"], "Usage:"),
        ({"SEOULPLAN_LOCALE": "en_US"}, ["--locale=ko_KR"], "사용법:"),
        ({"LC_ALL": "C"}, ["--data", "x.yaml", "--locale", "en_US"], "Usage:"),
    ],
)
def test_the_environment_and_the_option_choose_the_language_of_help(run, env, args, word):
    result = run(*args, "kpi", "--help", env=env)
    assert result.exit_code == 0 and result.stdout.startswith(word)


def test_a_korean_run_leaves_no_trace_in_the_process(run):
    """The runner calls the command line many times in one process: each run restores
    gettext's domain, LANGUAGE and the library's own language."""
    before = (os.environ.get("LANGUAGE"), i18n.active())
    run("--help")
    assert (os.environ.get("LANGUAGE"), i18n.active()) == before
    with pytest.raises(DataError, match="no such file"):
        seoulplan.load("/nonexistent/plan.yaml")


@pytest.mark.parametrize("command", [[], ["kpi"], ["kpi", "show"]])
def test_runs_in_one_process_each_speak_their_own_language(run, command):
    """Click words the --help option once per command object: a run in English before a run
    in Korean must not leave it English (a notebook or a test runner makes many runs)."""
    for locale, words in (("en_US", "Show this message and exit."), ("ko_KR", "이 도움말을 보여 주고 끝냅니다.")) * 2:
        result = run("--locale", locale, *command, "--help")
        assert result.exit_code == 0 and words in result.stdout, (locale, result.stdout[-300:])


def test_the_library_speaks_english_unless_asked(monkeypatch):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    with pytest.raises(DataError, match=r"/nonexistent\.yaml: no such file"):
        seoulplan.load("/nonexistent.yaml")
    previous = i18n.activate("ko_KR")
    try:
        with pytest.raises(DataError, match=r"/nonexistent\.yaml: 파일이 없습니다"):
            seoulplan.load("/nonexistent.yaml")
    finally:
        i18n.activate(previous)


@pytest.mark.parametrize(
    "args, korean, english",
    [
        (["kpi", "--pillar", "space"], "오류: 없는 분야 'space'.", "Error: unknown pillar 'space'"),
        (["--data", "/nonexistent/plan.yaml", "kpi"], "/nonexistent/plan.yaml: 파일이 없습니다", "no such file"),
        (["budget", "--compare", "2018"], "2018년과 비교할 예산 수치가 없습니다", "no budget figures to compare"),
        (["money", "1억 * 2억"], "금액끼리는 곱할 수 없습니다", "cannot multiply two amounts"),
        (["kpi", "show", "future.job-cafe"], "KPI 'future.job-cafe'은(는) 없습니다", "no KPI 'future.job-cafe'"),
        (["track"], "track에는 --actuals FILE이 필요합니다", "track needs --actuals FILE"),
        (["finance", "nope"], "'nope'은(는) 'mandatory', 'funds',", "'nope' is not one of 'mandatory', 'funds',"),
    ],
)
def test_messages_of_the_core_and_the_cli_in_both_languages(run, args, korean, english):
    assert korean in run(*args).stderr
    assert english in run("--locale", "en_US", *args).stderr


def test_a_ledger_problem_in_korean(run, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,actual\nfuture.job-cafes,95명\n", encoding="utf-8")
    result = run("kpi", "status", "--actuals", str(path))
    assert result.exit_code == 3
    assert "a.csv: 실적 파일의 문제 1건:" in result.stderr
    assert (
        "a.csv:2: 2열 (actual): '95명'의 단위는 '명'입니다. 이 KPI의 단위는 '개소'입니다 (future.job-cafes)"
        in result.stderr
    )


def test_validate_in_korean(run):
    result = run("validate")
    counts = f"KPI {dataset_records('kpis')}개, 분야 {dataset_records('pillars')}개"
    assert result.exit_code == 0 and result.stdout.endswith(f": 올바름 (seoulplan/1; {counts})\n")


# -- help and hints ---------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
def test_a_choice_argument_lists_its_values_in_help(run, locale):
    assert "[mandatory|funds|districts|bonds|transfers|all]" in run("--locale", locale, "finance", "--help").stdout


@pytest.mark.parametrize(
    "args, korean, english",
    [
        (
            ["budget", "--locale", "en_US"],
            "--locale은(는) 전역 옵션입니다. 명령 앞에 쓰세요. 예: seoulplan --locale … budget …",
            "--locale is a global option: put it before the command, as in seoulplan --locale … budget …",
        ),
        (
            ["kpi", "show", "future.job-cafes", "--data", "x.yaml"],
            "--data은(는) 전역 옵션입니다",
            "--data is a global option: put it before the command, as in seoulplan --data … kpi show …",
        ),
        (["audit", "--version"], "--version은(는) 전역 옵션입니다", "as in seoulplan --version"),
    ],
)
def test_a_global_option_after_the_command_gets_a_hint(run, args, korean, english):
    result = run(*args)
    assert result.exit_code == 2 and korean in result.stderr
    result = run(*args, env={"SEOULPLAN_LOCALE": "en_US"})
    assert result.exit_code == 2 and english in result.stderr


HELP = ["", "budget", "finance", "general", "covid", "kpi", "kpi show", "track", "pillars", "audit", "validate"]
HELP += ["money", "export", "kpi list", "kpi status", "kpi stated", "kpi template", "track changes"]


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
@pytest.mark.parametrize("command", HELP)
def test_help_fits_the_terminal_in_either_language(run, locale, command):
    """Hangul is two columns wide on a terminal: help is wrapped by what it shows, not by
    its number of characters (one long word, such as a choice list, may stand alone)."""
    from seoulplan.presentation.text_width import display_width

    result = run("--locale", locale, *command.split(), "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    too_wide = [line for line in result.stdout.splitlines() if display_width(line) > 80 and " " in line.strip()]
    assert too_wide == []


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
def test_help_in_either_language_imports_neither_pandas_nor_babel(locale):
    probe = (
        "import sys\n"
        "from seoulplan.cli import main\n"
        "try:\n"
        f"    main(['--locale', {locale!r}, 'kpi', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'babel', 'tabulate', 'yaml')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# -- one mechanism: words from the catalogue, plural forms -------------------------------------


def test_the_catalogue_has_one_plural_form_for_korean():
    """Korean counts without a plural (``KPI 1개``, ``KPI 7개``): the catalogue says so, and
    every message with a plural has that one form."""
    po = catalogue()
    assert po.num_plurals == 1 and po.plural_expr == "0"
    plurals = [m for m in po if m.id and isinstance(m.id, tuple)]
    assert plurals and all(isinstance(m.string, tuple) and len(m.string) == 1 for m in plurals)


@pytest.mark.parametrize(
    "count, english, korean",
    [(1, "1 KPI", "KPI 1개"), (2, "2 KPIs", "KPI 2개"), (1, "1 check", "점검 1건"), (7, "7 checks", "점검 7건")],
)
def test_a_count_takes_the_form_of_its_language(count, english, korean):
    noun = "KPI" if "KPI" in english else "check"
    singular, plural = f"{{count}} {noun}", f"{{count}} {noun}s"
    assert i18n.translations("en_US").ngettext(singular, plural, count).format(count=count) == english
    assert i18n.translations("ko_KR").ngettext(singular, plural, count).format(count=count) == korean


@pytest.mark.parametrize("count", [1, 2])
def test_a_view_counts_in_either_language(count):
    """A title and a note that show a count, in English with its plural and in Korean without."""
    from seoulplan.presentation import views

    english, korean = views.Options(locale="en_US"), views.Options(locale="ko_KR")
    kpis = "1 KPI" if count == 1 else "2 KPIs"
    assert views.pillars(count, english).title == f"Policy pillars and strategies ({kpis})"
    assert views.pillars(count, korean).title == f"정책 분야와 전략 (KPI {count}개)"
    checks = "1 check, 1 disagrees" if count == 1 else "2 checks, 2 disagree"
    assert f"— {checks}, 0 unverifiable" in views.audit(count, count, 0, 0, options=english).title
    assert f"— 점검 {count}건, 불일치 {count}건, 확인 불가 0건" in views.audit(count, count, 0, 0, options=korean).title
    months = "month" if count == 1 else "months"
    assert f"Showing the latest 1 of {count} {months} (from 2020-01)" in views.left_out(
        "month", 1, count, "2020-01", english
    )
    assert f"최근 1개월만 보입니다 (2020-01부터; 전체 {count}개월)" in views.left_out(
        "month", 1, count, "2020-01", korean
    )


@pytest.mark.parametrize(
    "missing, english, korean",
    [
        (["jinja2"], "report needs jinja2, which comes with the extra", "report에는 jinja2이(가) 필요합니다"),
        (
            ["matplotlib", "jinja2"],
            "report needs matplotlib and jinja2, which come with the extra",
            "report에는 matplotlib 및 jinja2이(가) 필요합니다",
        ),
    ],
)
def test_the_missing_extra_in_one_language(run, monkeypatch, tmp_path, missing, english, korean):
    """The report's extra, missing one module or two: joined in the reader's language (the
    Korean message said 'matplotlib and jinja2'), with the verb agreeing in English."""
    import sys

    for module in missing:
        monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    target = str(tmp_path / "r.html")
    assert korean in run("report", "-o", target).stderr
    assert english in run("--locale", "en_US", "report", "-o", target).stderr


def test_statuses_read_as_their_machine_value_in_korean_and_in_english_words():
    """A status's machine value (순항, what CSV carries in every locale) is the Korean
    catalogue's name of it: a Korean table shows what a Korean script reads."""
    from seoulplan.core.vocabulary import STATUS_KEYS, STATUS_NAMES

    korean, english = i18n.translations("ko_KR"), i18n.translations("en_US")
    assert {status: korean.gettext(STATUS_NAMES[key]) for status, key in STATUS_KEYS.items()} == {
        status: status for status in STATUS_KEYS
    }
    assert [english.gettext(STATUS_NAMES[key]) for key in STATUS_KEYS.values()] == [
        "met", "near", "missed", "on pace", "behind", "in progress", "not reported"
    ]  # fmt: skip


def test_every_word_of_a_vocabulary_has_a_name_in_both_languages():
    from seoulplan.core import vocabulary as v

    for values, names in (
        (v.DIRECTIONS, v.DIRECTION_NAMES),
        (v.KINDS, v.KIND_NAMES),
        (v.PACES, v.PACE_NAMES),
        (v.PERIODS, v.PERIOD_NAMES),
        (tuple(v.STATUS_KEYS.values()), v.STATUS_NAMES),
    ):
        assert tuple(names) == values
        korean = [i18n.translations("ko_KR").gettext(name) for name in names.values()]
        assert all(re.search("[가-힣]", word) for word in korean) and len(set(korean)) == len(korean), korean


def test_messages_are_written_in_english():
    """English in the source, Korean in the catalogue: a message holds Hangul only as an
    example of what people type or a word of the plan (39조, 미보고), in an English sentence."""
    messages = (message for _context, message in extracted(PACKAGE))
    korean = sorted(m for m in messages if len(re.findall("[가-힣]", m)) >= len(re.findall("[A-Za-z]", m)))
    assert korean == []


def test_a_korean_table_names_directions_kinds_and_paces_in_korean(run):
    """``kpi show`` said 방향 decrease, 종류 target, 진척 기준 baseline in Korean."""
    lines = run("kpi", "show", "future.youth-unemployment-rate").stdout.splitlines()
    fields = {line.split("  ")[0]: line.split("  ")[-1].strip() for line in lines if "  " in line}
    assert (fields["방향"], fields["종류"], fields["진척 기준"]) == ("감소", "목표", "기준")
    english = run("--locale", "en_US", "kpi", "show", "future.youth-unemployment-rate").stdout
    assert "Direction          decrease" in english and "Kind               target" in english


def test_a_view_is_in_its_readers_language_whatever_the_active_one():
    """The library speaks English; a report or a table made for a Korean reader is Korean."""
    from seoulplan.presentation import formatting, views

    assert i18n.active() == "en_US"
    assert views.pillars(555, views.Options(locale="ko_KR")).title == "정책 분야와 전략 (KPI 555개)"
    assert formatting.unit_label("auto", "억", "ko_KR") == "억원"
    assert formatting.unit_label("auto", "억", "en_US") == "KRW 100 million"
