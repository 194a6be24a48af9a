"""Budget ledgers as a hostile tester writes them (issue 23), each through a real process: every
one is read or refused with exit 3 and a message naming the file and the line, never an
internal error (exit 70), within the time and memory bounds; and properties of the phase reader.
"""

from __future__ import annotations

import json

import pytest
from helpers import bounded, refused, run
from hypothesis import given
from hypothesis import strategies as st

from seoulplan.core.budget_ledger import read_phase

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

HEADER = "item,phase,amount,as_of\n"


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content, fragment",
    [
        (HEADER + "gross.genral,추경,272934,2020-03-17\n", ":2: column 1 (item): unknown budget item 'gross.genral'"),
        (HEADER + "gross.general,감액,272934,2020-03-17\n", ":2: column 2 (phase): '감액' is not a phase"),
        (HEADER + "gross.general,집행,-1억,2020-03\n", ":2: column 3 (amount): '-1억' is negative"),
        (HEADER + "gross.general,집행,1e400,2020-03\n", ":2: column 3 (amount):"),
        (HEADER + "gross.general,집행,5,2020-02-30\n", ":2: column 4 (as_of): '2020-02-30' is not a date"),
        (HEADER + "gross.general,집행,5,\n", ":2: column 4 (as_of): a executed figure needs its date"),
        (HEADER + "gross.general,집행,862000000000,2020-03\n", "needs its unit"),
        ("id,actual,as_of\nfuture.job-cafes,95,2020-Q2\n", ":1: the header has no 'item' column"),
        ("- {item: gross.general, phase: 집행}\n", "expected a mapping with the keys item,phase,amount,as_of"),
        ("gross.general: 5\n", "expected a list of mappings with the keys item,phase,amount,as_of"),
        (HEADER + "gross.general,집행,5,2020-03\ngross.general,executed,6,2020-03-31\n", "a second executed figure"),
    ],
)
def test_a_bad_ledger_is_refused_with_its_place(tmp_path, content, fragment):
    path = write(tmp_path, "budget.yaml" if content.startswith(("-", "gross.general:")) else "budget.csv", content)
    refused(run("budget", "status", "--actuals", path), 3, fragment)


def test_a_long_item_is_shown_shortened(tmp_path):
    path = write(tmp_path, "budget.csv", HEADER + "x" * 3000 + ",집행,5,2020-03\n")
    err = bounded(run("budget", "status", "--actuals", path), 3)
    assert "unknown budget item" in err and len(err) < 1000


@pytest.mark.parametrize("content", [b"PK\x03\x04garbage", b"\xff\xfe\x00\x00", b"\x00" * 64, b"[[[[[[[[[[[["])
def test_garbage_is_bad_data_not_a_crash(tmp_path, content):
    bounded(run("budget", "status", "--actuals", write(tmp_path, "budget.csv", content)), 3)


def test_a_json_ledger_is_placed_by_its_path(tmp_path):
    rows = [{"item": "gross.general", "phase": "executed", "amount": "5", "as_of": "2020-03"}, {"item": "nope",
            "phase": "executed", "amount": "5", "as_of": "2020-03"}]  # fmt: skip
    refused(
        run("budget", "status", "--actuals", write(tmp_path, "b.json", json.dumps(rows))), 3, ": $[1].item: unknown"
    )


def test_a_year_of_daily_execution_is_read_within_bounds(tmp_path):
    import datetime

    day = datetime.date(2020, 1, 1)
    lines = [HEADER]
    for n in range(366):
        date = (day + datetime.timedelta(days=n)).isoformat()
        for item in ("gross.general", "gross.special", "net.general", "execution.total"):
            lines.append(f"{item},executed,{n * 100},{date}\n")
    result = run("budget", "status", "--actuals", write(tmp_path, "daily.csv", "".join(lines)), "--as-of", "2020-12-31")
    bounded(result, 0)
    assert "36,500" in result[1].decode()  # execution.total's last: 365 × 100 억원


@given(st.integers(1, 99))
def test_a_numbered_supplementary_reads_as_its_number(number):
    assert read_phase(f"{number}차 추경") == ("supplementary", number)
    assert read_phase(f"제{number}회 추가경정예산") == ("supplementary", number)
    assert read_phase(f"Supplementary {number}") == ("supplementary", number)


@given(st.text(max_size=60))
def test_any_phase_text_is_read_or_refused_with_a_value_error(text):
    try:
        phase, number = read_phase(text)
    except ValueError as e:
        assert "is not a phase" in str(e)
    else:
        assert phase in ("original", "supplementary", "executed", "settled")
        assert number is None or number > 0
