"""Ledgers that the row-by-row checks let through or crashed on, found by checking the
column-wise checks (issue 20) against them, each through a real process:

- a CSV row shorter than its header, where the ``id`` column is not the first, was an
  internal error (exit 70: an index past the row's cells); it is a row without an id;
- two actuals for one KPI and date in a JSON ledger (which has no lines), or on one line
  of a YAML flow list, were both kept, the later silently winning; they are refused as a
  second actual, naming where the first is.
"""

from __future__ import annotations

import json

import pytest
from helpers import refused, run

# slow (real processes); and about what the messages say, read in English
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]


def test_a_short_row_without_its_id_column_is_a_problem_of_its_line(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("note,id,actual,as_of\nchecked,future.job-cafes,95,2020-Q2\nq\n", encoding="utf-8")
    refused(run("kpi", "--actuals", path), 3, "ledger.csv:3: column 2 (id): unknown KPI id ''")


def test_a_second_actual_in_a_json_ledger_names_the_first_by_its_path(tmp_path):
    path = tmp_path / "ledger.json"
    entries = [{"id": "future.job-cafes", "actual": n, "as_of": "2020-Q2"} for n in (10, 20)]
    path.write_text(json.dumps(entries), encoding="utf-8")
    refused(
        run("kpi", "--actuals", path),
        3,
        "ledger.json: $[1].id: a second actual for future.job-cafes as of 2020-Q2 (the first is at $[0])",
    )


def test_a_second_actual_on_the_same_line_of_a_yaml_flow_list_is_refused(tmp_path):
    path = tmp_path / "ledger.yaml"
    path.write_text(
        "[{id: future.job-cafes, actual: 10, as_of: 2020-Q2}, {id: future.job-cafes, actual: 20, as_of: 2020-Q2}]\n",
        encoding="utf-8",
    )
    refused(
        run("kpi", "--actuals", path),
        3,
        "ledger.yaml:1: a second actual for future.job-cafes as of 2020-Q2 (the first is on line 1)",
    )
