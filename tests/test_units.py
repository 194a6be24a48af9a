"""Units as readers see them (issue 22): every unit the dataset uses, in both languages.

Each test is parametrized from the packaged dataset — every (unit, record) pair it holds —
so a record added with a unit that has no English, a plural missing or a second spelling
fails here without anyone updating a list. The refusals run the installed ``seoulplan
validate`` as a real process on a copy of the dataset with one unit field rewritten.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from helpers import bounded, refused
from helpers import run as run_seoulplan

import seoulplan
from seoulplan.core.reading import packaged_path
from seoulplan.core.units import CANONICAL_UNITS, UNIT_SECTIONS, WRITTEN_BY_CODE, canonical_unit
from seoulplan.presentation.views import Options, quantity, unit_name

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@functools.cache
def _doc() -> dict:
    return yaml.load(packaged_path().read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _uses() -> list[tuple[str, str, dict]]:
    """(unit, record id or key, record) for every record of the dataset with a unit."""
    return [
        (record["unit"], record.get("id") or record["key"], record)
        for section in UNIT_SECTIONS
        for record in _doc().get(section) or []
        if "unit" in record
    ]


USES = _uses()
#: Each unit once per meaning: the glossary's, and each record's own English.
MEANINGS = sorted(
    {(unit, record.get("unit_en"), rid if record.get("unit_en") else "") for unit, rid, record in USES},
    key=lambda meaning: (meaning[0], meaning[2]),
)
WORDED = [m for m in MEANINGS if m[0] not in WRITTEN_BY_CODE]


@functools.cache
def _options(locale: str) -> Options:
    return Options(locale=locale, glossary=seoulplan.load().glossary)


def _english(unit: str, own: str | None) -> str:
    return own if own is not None else _doc()["units"][unit]


def test_the_dataset_uses_many_units():
    assert len({unit for unit, _rid, _record in USES}) > 50 and len(WORDED) > len(MEANINGS) / 2


@pytest.mark.parametrize(("unit", "own", "record"), MEANINGS)
def test_every_unit_has_a_label_in_both_languages(unit, own, record):
    """Korean shows the unit as written; English never shows Hangul, and a unit the code does
    not write itself (money, %) has English words of the dataset's own."""
    korean, english = _options("ko_KR"), _options("en_US")
    assert unit_name(unit, korean) == unit
    for count in (1, 2):
        label = unit_name(unit, english, count, record=record or None)
        assert not HANGUL.search(label), (unit, label)
    if unit not in WRITTEN_BY_CODE:
        assert unit in _doc()["units"] or own is not None


@pytest.mark.parametrize(("unit", "own", "record"), WORDED)
def test_singular_and_plural_english(unit, own, record):
    """1 is singular (``1 time a month``, ``-1 site``), every other figure plural (``0 sites``,
    ``1.5 times a month``); a word always comes as a pair, never one form for both."""
    english = _options("en_US")
    form = _english(unit, own)
    at = functools.partial(quantity, unit=unit, options=english, record=record or None)
    if "{}" in form:
        assert at(3) == form.replace("{}", "3")
        return
    if not form:
        assert at(1) == "1" and at(400) == "400"
        return
    singular, bar, plural = form.partition("|")
    if not bar:  # a symbol: km, MW, mg/L
        assert not re.search(r"[a-z]{3}|\s", form), form
        assert at(1) == f"1 {form}" and at(2) == f"2 {form}"
        return
    assert singular != plural and not HANGUL.search(form)
    assert at(1) == f"1 {singular}"
    assert at(400) == f"400 {plural}"
    assert at(1.5) == f"1.5 {plural}" and at(0) == f"0 {plural}"
    assert quantity(-1, unit, english, change=True, record=record or None) == f"-1 {singular}"


@pytest.mark.parametrize(("unit", "own", "record"), WORDED)
def test_korean_has_no_plural(unit, own, record):
    korean = _options("ko_KR")
    assert quantity(1, unit, korean, record=record or None) == f"1{unit}"
    assert quantity(400, unit, korean, record=record or None) == f"400{unit}"


@pytest.mark.parametrize(("unit", "rid", "record"), USES, ids=[f"{u}-{r}" for u, r, _ in USES])
def test_every_unit_is_spelled_one_way(unit, rid, record):
    about = f"{record.get('name_en')} {_english(unit, record.get('unit_en')) if unit not in WRITTEN_BY_CODE else ''}"
    assert canonical_unit(unit, about) == unit


def test_a_unit_reads_as_its_record_means_it():
    """주 is weeks for the semester's postponement, trees are 그루; 세대 are the homes built in
    Hongneung, but households in the population."""
    english = _options("en_US")
    assert quantity(4, "주", english, record="covid.university-semester-postponement-max-weeks") == "4 weeks"
    assert quantity(400000000, "그루", english, record="safety.trees-planted-2020") == "400,000,000 trees"
    assert quantity(1, "그루", english, record="safety.trees-planted-2020") == "1 tree"
    assert quantity(1, "회/월", english, record="future.seoul-sports-day") == "1 time a month"
    assert quantity(2, "회/월", english, record="future.seoul-sports-day") == "2 times a month"
    assert quantity(276, "세대", english, record="balance.hongneung-bio-soho-housing") == "276 homes"
    assert quantity(4327000, "세대", english, record="households") == "4,327,000 households"
    assert quantity(3, "대", english, record="scaleup-strategies") == "3 strategies"


@pytest.mark.usefixtures("english")
def test_kpi_show_and_the_table_say_weeks(run):
    shown = run("kpi", "show", "covid.university-semester-postponement-max-weeks").stdout
    assert re.search(r"Unit\s+weeks", shown) and "4 weeks ('20)" in shown and "tree" not in shown
    table = run("kpi", "--pillar", "covid", "--kind", "all", "--wide", "--grep", "개강").stdout
    assert "4 weeks" in table
    monthly = run("kpi", "show", "future.seoul-sports-day").stdout
    assert "1 time a month ('20)" in monthly


def _rewritten(tmp_path: Path, line: int, unit: str) -> tuple[Path, int]:
    """A copy of the dataset with the unit field on ``line`` (1-based) rewritten to ``unit``."""
    lines = packaged_path().read_text(encoding="utf-8").split("\n")
    indent, _field, _old = lines[line - 1].partition("unit: ")
    lines[line - 1] = f'{indent}unit: "{unit}"'
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, line


def _unit_line(unit: str) -> int:
    """The line of the first record unit field of the dataset that holds ``unit``."""
    for number, text in enumerate(packaged_path().read_text(encoding="utf-8").split("\n"), start=1):
        if re.fullmatch(rf'\s+unit: "?{re.escape(unit)}"?', text):
            return number
    raise AssertionError(f"no record in {unit}")


@pytest.mark.slow
@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("variant", "canonical"), sorted(CANONICAL_UNITS.items()))
def test_the_validator_refuses_each_other_spelling(variant, canonical, tmp_path):
    path, line = _rewritten(tmp_path, _unit_line(canonical), variant)
    refused(run_seoulplan("validate", path), 3, f"{path}:{line}: ")
    err = bounded(run_seoulplan("validate", path), 3)
    assert f"unit {variant!r} is written {canonical!r}" in err


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_the_validator_refuses_a_glossary_key_in_another_spelling_and_a_phrase_without_plural(tmp_path):
    text = packaged_path().read_text(encoding="utf-8")
    text = text.replace('\n  "m²": m²\n', '\n  "㎡": m²\n  "m²": m²\n', 1)
    text = text.replace('  "회/월": "time a month|times a month"', '  "회/월": times a month', 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    err = bounded(run_seoulplan("validate", path), 3)
    assert "$.units.㎡: unit '㎡' is written 'm²'" in err
    assert "$.units.회/월: expected a unit's English: 'singular|plural'" in err


@pytest.mark.slow
@pytest.mark.usefixtures("english")
def test_a_unit_without_english_is_refused(tmp_path):
    text = packaged_path().read_text(encoding="utf-8").replace('\n  마리: "animal|animals"\n', "\n", 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    err = bounded(run_seoulplan("validate", path), 3)
    assert "(welfare.zoonosis-monitoring-tests).unit: unit '마리' has no English" in err
