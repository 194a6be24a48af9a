"""presentation.render: one dispatch for every format; machine formats raw, people formats Korean."""

import json

import pandas as pd
import pytest

from seoulplan.core import calc
from seoulplan.errors import UsageError
from seoulplan.presentation import render
from seoulplan.presentation.views import Options, View, column

VIEW = View((column("name", "measure"), column("amount_eok"), column("growth_pct")), title="제목")


@pytest.fixture
def frame():
    amounts = pd.Series([395359, -9358], dtype="Int64")
    return pd.DataFrame(
        {
            "name": pd.array(["합계", "=HYPERLINK()"], dtype="string"),
            "amount_eok": amounts,
            "growth_pct": calc.rate(pd.Series([37943, 1], dtype="Int64"), pd.Series([357416, 0], dtype="Int64")),
        }
    )


def test_table_is_korean_and_aligned(frame):
    text = render.render(frame, "table", VIEW)
    assert "39조 5,359억원" in text and "10.6%" in text and "—" in text
    lines = text.splitlines()
    # Hangul is two columns wide: the header rule and the rows line up in a terminal
    from wcwidth import wcswidth

    assert len({wcswidth(line) for line in lines[1:5]}) == 1


def test_gov_style_writes_negatives_with_a_triangle(frame):
    text = render.render(frame, "table", VIEW, Options(style="gov"))
    assert "△9,358억원" in text and "-9,358" not in text
    english = render.render(frame, "table", VIEW, Options(style="gov", locale="en_US"))
    assert "Amount" in english and "-KRW" not in english and "△" in english


def test_csv_is_raw_with_snake_case_headers_and_no_formulas(frame):
    text = render.render(frame, "csv")
    assert text.splitlines() == ["name,amount_eok,growth_pct", "합계,395359,10.615920943662287", "'=HYPERLINK(),-9358,"]


def test_tsv_and_no_headers(frame):
    assert render.render(frame, "tsv", headers=False).splitlines()[0] == "합계\t395359\t10.615920943662287"


def test_json_keeps_hangul_and_nulls_and_writes_whole_floats_as_integers(frame):
    text = render.render(frame, "json")
    assert "합계" in text
    assert json.loads(text)[1] == {"name": "=HYPERLINK()", "amount_eok": -9358, "growth_pct": None}
    assert [json.loads(line) for line in render.render(frame, "jsonl").splitlines()] == json.loads(text)
    whole = pd.DataFrame({"change": pd.array([344.0, -1.1, None], dtype="Float64")})
    assert render.render(whole, "csv").splitlines() == [
        "change",
        "344",
        "-1.1",
        '""',
    ]  # the csv module quotes a lone empty field


def test_markdown(frame):
    text = render.render(frame, "markdown", VIEW)
    assert "| 구분" in text and "39조 5,359억원" in text


def test_unknown_format_fails_loudly(frame):
    with pytest.raises(UsageError, match="unknown format"):
        render.render(frame, "xml")


@pytest.mark.parametrize(
    "fmt, output, expected",
    [
        ("csv", "x.json", "csv"),
        (None, "x.json", "json"),
        (None, "x.CSV", "csv"),
        (None, "x.md", "markdown"),
        (None, "x.tsv", "tsv"),
        (None, "x.jsonl", "jsonl"),
        (None, "x.XLSX", "xlsx"),
        (None, "report", "table"),
        (None, "/dev/stdout", "table"),
        (None, "-", "table"),
        ("csv", "x.dat", "csv"),
        (None, None, "table"),
    ],
)
def test_format_from_extension(fmt, output, expected):
    assert render.format_for(fmt, output) == expected


@pytest.mark.parametrize("output", ["x.dat", "x.docx", "x.xls", "budget.2020"])
def test_an_extension_it_cannot_write_is_a_usage_error_naming_those_it_can(output):
    with pytest.raises(UsageError, match=r"cannot tell the format of .* -o writes \.csv, .*\.xlsx .*or give --format"):
        render.format_for(None, output)


def test_encodings():
    assert render.encode("합계", "cp949").decode("cp949") == "합계"
    assert b"".join(render.encoded(["합계"], "utf-8-sig")) == "\ufeff합계".encode()
    assert b"".join(render.encoded([], "utf-8-sig")) == b"\xef\xbb\xbf"
    with pytest.raises(UsageError, match="cp949 cannot represent"):
        render.encode("😀", "cp949")
