"""Tables on a terminal (issue 22): long text wraps at words and ids at their segments.

A people's table is cut back into its cells (the column spans of tabulate's dashed rule; a
row begins where its last column, a figure or a result every row has, is written) and each
cell's lines are read back against the value the table shows unwrapped: a word, or a segment
of an id between ``.`` and ``-``, is only ever split where it is wider than its column.
"""

import re

import pytest
from wcwidth import wcswidth

from seoulplan.presentation.text_width import display_width

#: The tables the issue names: a KPI list whose ids are long beside long names, and the audit.
TABLES = {
    "kpi-future-7": ["kpi", "--pillar", "future", "--strategy", "7"],
    "audit-failures": ["audit", "--only-failures"],
}


@pytest.fixture
def terminal(run, monkeypatch):
    """``terminal(columns, *args)``: what the command prints to a terminal that wide."""
    from seoulplan.presentation import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)

    def show(columns, *args):
        result = run(*args, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return show


def cells(table: str) -> tuple[list[int], list[list[list[str]]]]:
    """The column widths of a ``simple`` table and its rows, each cell as its lines."""
    lines = table.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---") and set(line) <= {"-", " "})
    spans, start = [], 0
    for dashes in lines[rule].split("  "):
        spans.append((start, start + len(dashes)))
        start += len(dashes) + 2
    rows: list[list[list[str]]] = []
    for line in lines[rule + 1 :]:
        if not line.strip() or any(columns_of(line, b, b + 2) for _, b in spans[:-1]):
            break  # the notes under the table: text where the table has its gaps
        texts = [columns_of(line, a, b) for a, b in spans]
        if texts[-1]:
            rows.append([[t] if t else [] for t in texts])
        else:
            for cell, text in zip(rows[-1], texts):
                if text:
                    cell.append(text)
    return [b - a for a, b in spans], rows


def columns_of(line: str, start: int, end: int) -> str:
    """The text of ``line`` between terminal columns ``start`` and ``end`` (a wide character
    that straddles either is in)."""
    out, at = [], 0
    for char in line:
        size = display_width(char)
        if at < end and at + size > start:
            out.append(char)
        at += size
    return "".join(out).strip()


def split_where_it_fits(value: str, lines: list[str], width: int) -> list[str]:
    """The words of ``value`` its ``lines`` split although the word fits ``width`` cells, or
    that they split elsewhere than between segments although the segment fits."""
    tokens = [token for line in lines for token in line.split()]
    wrong = []
    for word in value.split():
        taken = tokens.pop(0)
        parts = [taken]
        while taken != word and tokens:
            parts.append(tokens.pop(0))
            taken += parts[-1]
        assert taken == word, (value, lines)
        if len(parts) > 1:
            if display_width(word) <= width:
                wrong.append(word)
            segments = [s for s in re.split(r"(?<=[.\-])(?=[^.\-])|(?<=.)(?=\()", word) if s]
            ends = {sum(len(s) for s in segments[: i + 1]) for i in range(len(segments))}
            cut_at = [sum(len(p) for p in parts[: i + 1]) for i in range(len(parts) - 1)]
            fitting = all(display_width(s) <= width for s in segments)
            if fitting and not set(cut_at) <= ends:
                wrong.append(word)
    return wrong


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("table", TABLES)
def test_no_word_or_id_segment_is_split_where_it_fits(terminal, run, table, columns, locale):
    args = ["--locale", locale, *TABLES[table]]
    shown = terminal(columns, *args)
    assert max(wcswidth(line) for line in shown.splitlines()) <= columns
    unwrapped = cells(run(*args, "--wide").stdout)[1]
    widths, rows = cells(shown)
    assert len(rows) == len(unwrapped)
    for row, whole in zip(rows, unwrapped):
        for lines, value, width in zip(row, ["".join(v) for v in whole], widths):
            assert not split_where_it_fits(value, lines, width), (value, lines, width)


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
def test_the_id_gives_way_beside_the_name(terminal, locale):
    """At 100 columns the ID column kept its 30 cells and the name was squeezed to 12-14:
    both give way now, and the name keeps at least the id's width."""
    widths, rows = cells(terminal(100, "--locale", locale, *TABLES["kpi-future-7"]))
    assert widths[1] >= widths[0] and widths[0] < len("future.labour-support-centres")
    ids = ["".join(row[0]) for row in rows]
    assert ids == ["future.labour-support-centres", "future.labour-rights-officers", "future.cleaner-rest-facilities"]


@pytest.mark.parametrize("locale", ["ko_KR", "en_US"])
@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("table", TABLES)
def test_terminal_tables_golden(terminal, golden, table, columns, locale):
    golden(f"{table}-{columns}-{locale}.txt", terminal(columns, "--locale", locale, *TABLES[table]))


def test_machine_formats_keep_whole_ids_on_a_terminal(terminal):
    csv = terminal(80, *TABLES["kpi-future-7"], "--format", "csv")
    assert "\nfuture.labour-support-centres," in csv


def test_an_id_wraps_after_its_dots_and_dashes():
    from seoulplan.presentation.text_width import wrap

    assert wrap("kpi.balance.public-rental-housing.attainment", 16).splitlines() == [
        "kpi.balance.",
        "public-rental-",
        "housing.",
        "attainment",
    ]
    # a word that fits the next line goes there whole; only a wider one is split
    assert wrap("청소노동자 휴게시설 개선", 12).splitlines() == ["청소노동자", "휴게시설", "개선"]
    assert wrap("a verylongsegment-x", 8).splitlines() == ["a", "verylongsegment-", "x"]
    assert wrap("a verylongsegment-x", 8, cut=True).splitlines() == ["a", "verylong", "segment-", "x"]
