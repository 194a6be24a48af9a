"""suggestions.py: one "did you mean" for every unknown name — the same ids, as many of them,
whether the id was typed after ``kpi show`` or in a ledger."""

import re

import pytest


def suggested(message: str) -> list[str]:
    return re.search(r"did you mean ([^?]*)\?", message).group(1).split(", ")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("typed", ["future.youth", "welfare.care", "future.job-cafe"])
def test_kpi_show_and_a_ledger_suggest_the_same_ids(run, tmp_path, typed):
    shown = run("kpi", "show", typed)
    ledger = tmp_path / "a.csv"
    ledger.write_text(f"id,actual,as_of\n{typed},1,2020\n", encoding="utf-8")
    read = run("kpi", "--actuals", str(ledger))
    assert (shown.exit_code, read.exit_code) == (2, 3)
    assert suggested(shown.stderr) == suggested(read.stderr)
    assert 1 <= len(suggested(shown.stderr)) <= 3


def test_close_matches_first_then_names_that_hold_what_was_typed():
    from seoulplan.core import suggestions

    names = ["future.job-cafes", "future.youth-jobs-new", "welfare.elderly", "future.job-cafe-one-day-class"]
    assert suggestions.closest("future.job-cafe", names)[:2] == ["future.job-cafes", "future.job-cafe-one-day-class"]
    assert suggestions.closest("ELDERLY", names) == ["welfare.elderly"]
    assert suggestions.closest("nothing like it", names) == []
