"""``--format xlsx`` and ``-o FILE.xlsx`` on every listing command: a real workbook, read back
with openpyxl; and an ``-o`` extension seoulplan cannot write is a usage error."""

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import LISTINGS, seoulplan

from seoulplan.core import plan as dataset
from seoulplan.errors import UsageError
from seoulplan.presentation import catalogue, workbook
from seoulplan.presentation.raw import flat


def sheet_of(data: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.sheetnames) == 1
    return list(book.active.iter_rows(values_only=True))


@pytest.mark.slow
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_writes_a_workbook_of_its_machine_columns(run, tmp_path, args):
    target = tmp_path / "out.xlsx"
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    rows = json.loads(run(*args, "--format", "json").stdout)
    book = openpyxl.load_workbook(target)
    ws = book.active
    subcommand = len(args) > 1 and args[1] in ("show", "status", "stated", "template", "changes", "phases", "budget")
    assert ws.title == (" ".join(args[:2]) if subcommand else args[0])
    got = list(ws.iter_rows(values_only=True))
    assert list(got[0]) == [catalogue.describe(c).heading() for c in rows[0]]  # Korean headers, every column titled
    assert all(catalogue.describe(c).ko != c for c in rows[0]), "a machine column the catalogue does not describe"
    assert len(got) == len(rows) + 1 and ws.freeze_panes == "A2"
    for cells, row in zip(got[1:], rows):
        for cell, expected in zip(cells, row.values()):
            if isinstance(expected, float):
                assert cell == pytest.approx(expected, rel=1e-15)
            else:
                assert cell == flat(expected)  # JSON's lists (milestones, parts) are flat text in a cell


def test_numbers_are_numbers_with_their_number_format(run, tmp_path):
    target = tmp_path / "budget.xlsx"
    assert run("budget", "--compare", "2019", "--per-capita", "-o", str(target)).exit_code == 0
    ws = openpyxl.load_workbook(target).active
    header = [c.value for c in ws[1]]
    cells = dict(zip(header, ws[2]))
    assert header[6:9] == ["연도", "금액 (억원)", "구성비 (%)"]
    assert (cells["금액 (억원)"].value, cells["금액 (억원)"].number_format) == (395359, "#,##0")
    assert cells["구성비 (%)"].data_type == "n" and cells["구성비 (%)"].number_format == "0.0"
    assert cells["증감률 (%)"].value == pytest.approx(10.615920943662287) and cells["증감률 (%)"].number_format == "0.0"
    assert (cells["1인당 금액 (원)"].value, cells["1인당 금액 (원)"].number_format) == (3949246, "#,##0")
    assert (cells["연도"].value, cells["연도"].number_format) == (2020, "General")
    assert ws.column_dimensions["D"].width >= 8 and ws[1][0].font.b


def test_english_headers_with_the_locale_and_no_header_row_when_asked(run, tmp_path):
    target = tmp_path / "covid.xlsx"
    assert run("--locale", "en_US", "covid", "-o", str(target)).exit_code == 0
    assert [c.value for c in openpyxl.load_workbook(target).active[1]][:4] == [
        "Measure", "Name", "English name", "Nationwide (people)"
    ]  # fmt: skip
    assert run("covid", "--no-headers", "-o", str(target)).exit_code == 0
    ws = openpyxl.load_workbook(target).active
    assert ws[1][0].value == "confirmed" and ws.max_row == 7 and ws.freeze_panes is None


def test_sort_applies_to_the_workbook(run, tmp_path):
    target = tmp_path / "growth.xlsx"
    assert run("budget", "--compare", "2019", "--sort", "-growth_pct", "-o", str(target)).exit_code == 0
    growth = [row[13] for row in sheet_of(target.read_bytes())[1:]]
    assert growth == sorted(growth, reverse=True)


def test_a_workbook_goes_to_a_pipe_but_never_to_a_terminal(run):
    result = run("general", "--format", "xlsx")  # CliRunner's stdout is not a terminal
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK")
    assert sheet_of(result.stdout_bytes)[1][:4] == ("population", "인구", "Population", "households")


@pytest.mark.usefixtures("english")
@pytest.mark.slow
def test_a_workbook_on_a_terminal_is_refused():
    main, secondary = pty.openpty()
    proc = subprocess.run(
        [*seoulplan(), "budget", "--format", "xlsx"], stdout=secondary, stderr=subprocess.PIPE, timeout=60
    )
    os.close(secondary)
    os.close(main)
    assert proc.returncode == 2 and b"an xlsx workbook is binary: write it with -o FILE.xlsx" in proc.stderr


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "args, fragment",
    [
        (["budget", "-o", "out.docx"], "cannot tell the format of out.docx from '.docx': -o writes .csv"),
        (["kpi", "-o", "out.xls"], ".xlsx (or a name without an extension, as a table); or give --format"),
        (["budget", "--format", "xlsx", "--encoding", "cp949"], "--encoding cp949 is for text formats"),
    ],
)
def test_what_it_cannot_write_is_a_usage_error_and_writes_nothing(run, tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and fragment in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_explicit_format_writes_any_name(run, tmp_path):
    target = tmp_path / "budget.dat"
    assert run("budget", "--format", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("basis,")


def test_text_is_never_a_formula_and_what_xlsx_cannot_hold_is_refused(tmp_path):
    frame = pd.DataFrame({"name": pd.array(["=1+1", "@SUM(A1)", "plain"], dtype="string")})
    target = tmp_path / "x.xlsx"
    workbook.write([workbook.Sheet("t", frame)], str(target))
    cells = [c for (c,) in openpyxl.load_workbook(target).active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("@SUM(A1)", "s"), ("plain", "s")]
    bad = pd.DataFrame({"note": pd.array(["fine\nwith a newline", "bell\x07"], dtype="string")})
    with pytest.raises(UsageError, match=r"t\.note contains '\\x07', which an xlsx workbook cannot hold"):
        workbook.write([workbook.Sheet("t", bad)], str(tmp_path / "y.xlsx"))
    assert not (tmp_path / "y.xlsx").exists()


@pytest.mark.slow
def test_a_workbook_from_the_installed_command_outside_the_checkout(tmp_path):
    proc = subprocess.run([*seoulplan(), "kpi", "--pillar", "welfare", "-o", "welfare.xlsx"], cwd=tmp_path)
    assert proc.returncode == 0
    rows = list(openpyxl.load_workbook(tmp_path / "welfare.xlsx").active.iter_rows(values_only=True))
    targets = [
        k for k in dataset.load().doc["kpis"] if k["pillar"] == "welfare" and k.get("kind", "target") == "target"
    ]
    assert rows[0][:3] == ("ID", "분야 키", "분야") and len(rows) == 1 + len(targets)


@pytest.mark.slow
def test_no_spreadsheet_library_is_imported_even_for_a_workbook():
    """seoulplan writes its workbooks itself (workbook's docstring says why): no command,
    a workbook's included, pays for importing openpyxl."""

    def imported(*args):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, cwd=Path(__file__).parent
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}

    for args in (["--help"], ["--version"], ["money", "395359억"], ["budget", "--format", "csv"], ["export", "--help"]):
        assert "openpyxl" not in imported("-m", "seoulplan", *args), args
    assert "openpyxl" not in imported("-c", "import seoulplan; seoulplan.load().tables()")
    workbook_run = "from seoulplan.cli import main; main(['general', '-f', 'xlsx', '-o', '/dev/null'])"
    assert "openpyxl" not in imported("-c", workbook_run)
