"""render.py: one dispatch for every format; machine formats raw, people formats Korean."""

import json
from decimal import Decimal

import pandas as pd
import pytest

from seoulplan import render
from seoulplan.errors import UsageError
from seoulplan.render import Column, Options, Report

COLUMNS = [
    Column("name", "구분", "Name"),
    Column("amount_eok", "금액", "Amount", "eok"),
    Column("growth_pct", "증감률", "Growth", "pct"),
]


@pytest.fixture
def report():
    rows = [["합계", 395359, Decimal(37943) * 100 / Decimal(357416)], ["=HYPERLINK()", -9358, None]]
    return Report(pd.DataFrame(rows, columns=[c.key for c in COLUMNS], dtype=object), COLUMNS, title="제목")


def test_table_is_korean_and_aligned(report):
    text = render.render(report, "table")
    assert "39조 5,359억원" in text and "10.6%" in text and "—" in text
    lines = text.splitlines()
    # Hangul is two columns wide: the header rule and the rows line up in a terminal
    from wcwidth import wcswidth

    assert len({wcswidth(line) for line in lines[1:5]}) == 1


def test_gov_style_and_english(report):
    text = render.render(report, "table", Options(style="gov", locale="en_US"))
    assert "Amount" in text and "-KRW" not in text and "△" in text


def test_csv_is_raw_with_snake_case_headers_and_no_formulas(report):
    text = render.render(report, "csv")
    assert text.splitlines() == ["name,amount_eok,growth_pct", "합계,395359,10.6159", "'=HYPERLINK(),-9358,"]


def test_tsv_and_no_headers(report):
    assert render.render(report, "tsv", headers=False).splitlines()[0] == "합계\t395359\t10.6159"


def test_json_keeps_hangul_and_nulls(report):
    text = render.render(report, "json")
    assert "합계" in text
    assert json.loads(text)[1] == {"name": "=HYPERLINK()", "amount_eok": -9358, "growth_pct": None}
    assert [json.loads(line) for line in render.render(report, "jsonl").splitlines()] == json.loads(text)


def test_markdown(report):
    text = render.render(report, "markdown")
    assert "| 구분" in text and "39조 5,359억원" in text


def test_unknown_format_fails_loudly(report):
    with pytest.raises(UsageError, match="unknown format"):
        render.render(report, "xml")


@pytest.mark.parametrize(
    "fmt, output, expected",
    [("csv", "x.json", "csv"), (None, "x.json", "json"), (None, "x.CSV", "csv"), (None, "x.md", "markdown"),
     (None, "x.tsv", "tsv"), (None, "x.jsonl", "jsonl"), (None, "x.dat", "table"), (None, None, "table")],
)
def test_format_from_extension(fmt, output, expected):
    assert render.format_for(fmt, output) == expected


def test_encodings():
    assert render.encode("합계", "cp949").decode("cp949") == "합계"
    assert render.encode("합계", "utf-8-sig").startswith(b"\xef\xbb\xbf")
    with pytest.raises(UsageError, match="cp949 cannot represent"):
        render.encode("😀", "cp949")
