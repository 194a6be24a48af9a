"""Ledgers and gates as a hostile tester broke them (issue 21), each through a real process.

- ``--as-of`` that is not a date is a usage error naming the option and the forms
  expected, on every command that takes it (it was an internal error, exit 70), and the
  library's ``as_of`` a UsageError naming the parameter;
- a gate over a ledger that reports nothing (a header only, ``[]``, ``{}``, rows of commas,
  blank actuals, or nothing for the KPIs chosen) fails instead of passing; a negative
  ``--fail-under`` is refused;
- format detection: blank lines before a CSV header, a YAML flow list, and a header that
  mixes tabs and commas.

The cache's attacks of the same issue (another user's swap, misshapen entries) are in
test_cache.py.
"""

from __future__ import annotations

import io
import os

import pytest
from helpers import LEDGER, bounded, refused, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seoulplan
from seoulplan.errors import UsageError

# slow; and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

KOREAN = {"SEOULPLAN_LOCALE": "ko_KR"}
ROW = "future.job-cafes,95,2020-Q2\n"
ROW_SHOWN = b"future.job-cafes,"


def write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


# -- --as-of that is not a date -------------------------------------------------------------

BAD_AS_OF = {
    "2020-Q5": "'2020-Q5' is not a date; expected 2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020",
    "2020-02-30": "'2020-02-30' is not a date; expected 2020-06-30",
    "garbage": "'garbage' is not a date; expected 2020-06-30",
    "1999": "'1999': the year 1999 is outside 2000–2100",
}
AS_OF_COMMANDS = {
    "kpi": lambda tmp_path: ["kpi"],
    "track": lambda tmp_path: ["track"],
    "pillars": lambda tmp_path: ["pillars"],
    "report": lambda tmp_path: ["report", "-o", tmp_path / "report.html"],
    "export": lambda tmp_path: ["export", tmp_path / "plan.sqlite"],
}


#: Every bad date on kpi, and one on every command: they share the option (cli/options.py).
AS_OF_CASES = [("kpi", as_of) for as_of in BAD_AS_OF] + [(command, "2020-Q5") for command in list(AS_OF_COMMANDS)[1:]]


@pytest.mark.parametrize("command, as_of", AS_OF_CASES)
def test_an_as_of_that_is_not_a_date_is_a_usage_error_naming_the_option(tmp_path, command, as_of):
    result = run(*AS_OF_COMMANDS[command](tmp_path), "--actuals", LEDGER, "--as-of", as_of)
    refused(result, 2, f"Invalid value for '--as-of': {BAD_AS_OF[as_of]}")
    assert os.listdir(tmp_path) == []


def test_an_as_of_that_is_not_a_date_is_a_usage_error_in_korean_too():
    refused(
        run("kpi", "status", "--actuals", LEDGER, "--as-of", "2020-Q5", env=KOREAN),
        2,
        "'--as-of'의 값이 잘못되었습니다",
    )


def test_an_as_of_that_is_a_date_still_reads():
    code, out, err, *_ = run("kpi", "status", "--actuals", LEDGER, "--as-of", "2020년 2분기", "--format", "csv")
    assert code == 0, err
    assert b"future.job-cafes" in out


@pytest.mark.parametrize("method", ["attainment", "track", "pillar_attainment", "observations", "tables", "ledger"])
def test_the_librarys_as_of_that_is_not_a_date_is_a_usage_error_naming_the_parameter(method):
    plan = seoulplan.load()
    with pytest.raises(UsageError, match=r"^as_of: 'garbage' is not a date; expected 2020-06-30"):
        getattr(plan, method)(LEDGER, as_of="garbage")


# -- a gate over nothing measured -----------------------------------------------------------

EMPTY_LEDGERS = {
    "header only": ("ledger.csv", "id,actual,as_of\n"),
    "empty YAML list": ("ledger.yaml", "[]\n"),
    "empty YAML mapping": ("ledger.yaml", "{}\n"),
    "rows of commas": ("ledger.csv", "id,actual,as_of\n,,\n,,\n"),
    "blank actuals": ("ledger.csv", "id,actual,as_of\nfuture.job-cafes,,2020-Q2\nfuture.job-cafes,,2020-Q3\n"),
    "blank YAML actuals": ("ledger.yaml", "future.job-cafes:\n"),
}
#: Both gates, as the finding had them, and the most lenient threshold there is.
GATES = {"both": ["--fail-on-missing", "--fail-under", "90"], "fail-under 0": ["--fail-under", "0"]}


@pytest.mark.parametrize("gate", GATES.values(), ids=GATES.keys())
@pytest.mark.parametrize("ledger", EMPTY_LEDGERS.values(), ids=EMPTY_LEDGERS.keys())
def test_a_gate_over_a_ledger_that_reports_nothing_fails(tmp_path, ledger, gate):
    path = write(tmp_path, *ledger)
    err = bounded(run("kpi", "status", "--actuals", path, *gate, "--format", "csv"), 1)
    assert f"{path}: the ledger reports no actual for the KPIs listed;" in err
    assert "cannot pass on nothing measured" in err


def test_fail_on_missing_alone_over_a_ledger_that_reports_nothing_fails(tmp_path):
    path = write(tmp_path, *EMPTY_LEDGERS["header only"])
    err = bounded(run("kpi", "status", "--actuals", path, "--fail-on-missing"), 1)
    assert "the ledger reports no actual for the KPIs listed; --fail-on-missing cannot pass" in err


@pytest.mark.parametrize("ledger", [EMPTY_LEDGERS["header only"], EMPTY_LEDGERS["blank actuals"]])
def test_a_ledger_that_reports_nothing_without_a_gate_is_listed(tmp_path, ledger):
    bounded(run("kpi", "status", "--actuals", write(tmp_path, *ledger), "--format", "csv"), 0)


def test_a_gate_over_kpis_the_ledger_does_not_cover_fails():
    err = bounded(run("kpi", "status", "--actuals", LEDGER, "--pillar", "welfare", "--fail-under", "90"), 1)
    assert "the ledger reports no actual for the KPIs listed; --fail-under cannot pass" in err


def test_a_gate_over_targets_the_plan_reports_nothing_for_fails():
    err = bounded(run("kpi", "stated", "--pillar", "covid", "--fail-under", "90"), 1)
    assert "the plan reports no actual for the KPIs listed; --fail-under cannot pass" in err


def test_a_gate_over_nothing_fails_in_korean_too(tmp_path):
    path = write(tmp_path, "ledger.csv", "id,actual,as_of\n")
    err = bounded(run("kpi", "status", "--actuals", path, "--fail-under", "90", env=KOREAN), 1)
    assert "실적 장부에 목록의 KPI 실적이 하나도 없습니다" in err


def test_a_gate_over_a_ledger_with_one_actual_still_passes_or_fails_on_it(tmp_path):
    path = write(tmp_path, "ledger.csv", "id,actual,as_of\n" + ROW + "future.labour-rights-officers,,2020-Q2\n")
    bounded(run("kpi", "status", "--actuals", path, "--fail-under", "50"), 0)
    bounded(run("kpi", "status", "--actuals", path, "--fail-under", "150"), 1)


@pytest.mark.parametrize("value", ["-1", "-0.5", "-1e9"])
def test_a_negative_fail_under_is_a_usage_error(value):
    result = run("kpi", "status", "--actuals", LEDGER, "--fail-under", value)
    refused(result, 2, "Invalid value for '--fail-under'")
    assert "is not in the range x>=0" in result[2]


# -- what a ledger file is ------------------------------------------------------------------

BLANK_STARTS = {"newline": "\n", "two newlines": "\n\n", "spaces": "   \n", "CRLF": "\r\n", "tab line": "\t\n"}


@pytest.mark.parametrize("start", BLANK_STARTS.values(), ids=BLANK_STARTS.keys())
@pytest.mark.parametrize("name", ["ledger.csv", "ledger.txt"])
def test_a_csv_ledger_with_blank_lines_before_its_header_reads_as_csv(tmp_path, start, name):
    path = write(tmp_path, name, start + "id,actual,as_of\n" + ROW)
    assert ROW_SHOWN in listed("kpi", "status", "--actuals", path, "--format", "csv")


def test_a_problem_after_blank_lines_is_reported_at_its_own_line(tmp_path):
    path = write(tmp_path, "ledger.csv", "\n\nid,actual,as_of\nfuture.job-cafes,95명,2020-Q2\n")
    refused(run("kpi", "status", "--actuals", path), 3, f"{path}:4: column 2 (actual): '95명'")


def test_a_file_of_blank_lines_and_separators_has_no_header(tmp_path):
    path = write(tmp_path, "ledger.csv", "\n,,\n , ,\n\n")
    refused(run("kpi", "status", "--actuals", path), 3, f"{path}: no header: every line is blank or only separators")


FLOW_LISTS = {
    "one line": "[{id: future.job-cafes, actual: 95, as_of: 2020-Q2}]\n",
    "spaced": "[ { id: future.job-cafes, actual: 95개소, as_of: 2020-Q2 } ]\n",
    "over lines": "[\n  {id: future.job-cafes, actual: 95, as_of: 2020-Q2},\n  {id: future.job-cafes, actual: 98}\n]\n",
}


@pytest.mark.parametrize("name", ["ledger.yaml", "ledger.txt"])
@pytest.mark.parametrize("text", FLOW_LISTS.values(), ids=FLOW_LISTS.keys())
def test_a_yaml_flow_list_reads_as_yaml(tmp_path, name, text):
    assert ROW_SHOWN in listed("kpi", "status", "--actuals", write(tmp_path, name, text), "--format", "csv")


def test_a_json_ledger_still_reads_as_json(tmp_path):
    text = '[{"id": "future.job-cafes", "actual": 95, "as_of": "2020-Q2"}]'
    assert ROW_SHOWN in listed("kpi", "status", "--actuals", write(tmp_path, "ledger.json", text), "--format", "csv")


def test_broken_json_is_still_a_json_syntax_error(tmp_path):
    path = write(tmp_path, "ledger.json", '[{"id": "future.job-cafes", "actual": 95,]')
    refused(run("kpi", "status", "--actuals", path), 3, f"{path}:1:42: JSON syntax error")


MIXED_HEADERS = {
    "tab then commas": "id\tactual,as_of\nfuture.job-cafes\t95,2020-Q2\n",
    "commas then a tab": "id,actual\tas_of\nfuture.job-cafes,95\t2020-Q2\n",
    "semicolon and commas": "id;actual,as_of\nfuture.job-cafes;95,2020-Q2\n",
}


@pytest.mark.parametrize("text", MIXED_HEADERS.values(), ids=MIXED_HEADERS.keys())
def test_a_header_that_mixes_separators_says_so(tmp_path, text):
    path = write(tmp_path, "ledger.csv", text)
    result = run("kpi", "status", "--actuals", path)
    refused(result, 3, f"{path}:1: the header mixes separators (")
    assert "expected 'id,actual,as_of', got" not in result[2]


def test_a_header_that_mixes_separators_says_so_in_korean_too(tmp_path):
    path = write(tmp_path, "ledger.csv", MIXED_HEADERS["tab then commas"])
    refused(run("kpi", "status", "--actuals", path, env=KOREAN), 3, "머리글에 구분자가 섞여 있습니다 (쉼표, 탭)")


def test_an_unknown_header_shows_it_as_written_and_cut(tmp_path):
    path = write(tmp_path, "ledger.csv", "foo\tbar\t" + "x" * 3000 + "\n")
    result = run("kpi", "status", "--actuals", path)
    refused(result, 3, "got 'foo\\tbar\\txxx")
    assert len(result[2]) < 600


def listed(*args) -> bytes:
    """What a run that ends with 0, within the bounds, writes to standard output."""
    result = run(*args)
    bounded(result, 0)
    return result[1]


# -- the property: blank lines before a CSV ledger change nothing but its line numbers ------

ids = st.sampled_from(["future.job-cafes", "future.youth-unemployment-rate", "future.labour-support-centres"])
quarters = st.sampled_from(["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"])
blank_line = st.sampled_from(["\n", "  \n", "\t\n", "\r\n", " \t \n"])


@pytest.fixture(scope="module")
def plan():
    return seoulplan.load()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(ids, st.integers(0, 300), quarters), min_size=1, max_size=6, unique_by=lambda r: r[::2]),
    blanks=st.lists(blank_line, min_size=1, max_size=4),
    separator=st.sampled_from([",", "\t", ";"]),
)
def test_blank_lines_before_a_csv_ledger_change_only_its_line_numbers(plan, rows, blanks, separator):
    body = separator.join(("id", "actual", "as_of")) + "\n"
    body += "".join(separator.join((kid, str(value), as_of)) + "\n" for kid, value, as_of in rows)
    plain = plan.ledger(io.StringIO(body))
    padded = plan.ledger(io.StringIO("".join(blanks) + body))
    assert padded.drop(columns="line").equals(plain.drop(columns="line"))
    assert (padded["line"] - plain["line"] == len(blanks)).all()
