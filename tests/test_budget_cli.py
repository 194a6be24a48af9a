"""seoulplan budget --actuals, --phases and --template (issue 23): the budget ledger read by the
command line, in every format and both languages; the library's frames are the command's."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
LEDGER = str(DATA / "budget-2020.csv")


@pytest.fixture(scope="module")
def plan():
    import seoulplan

    return seoulplan.load()


def by_item(frame):
    return {row["item"]: row for row in frame.to_dict("records")}


def test_the_template_round_trips_in_csv_and_xlsx(run, plan, tmp_path):
    for name in ("budget-ledger.csv", "budget-ledger.xlsx"):
        path = tmp_path / name
        result = run("budget", "--template", "-o", str(path))
        assert result.exit_code == 0, result.stderr
        rows = by_item(plan.budget_track(str(path), as_of="2020-06-30"))
        assert len(rows) == 9 and {r["status"] for r in rows.values()} == {"미보고"}
        assert rows["gross.general"]["original_eok"] == 268934
    filled = tmp_path / "filled.csv"
    text = (tmp_path / "budget-ledger.csv").read_text(encoding="utf-8-sig").splitlines()
    for i, line in enumerate(text):
        if line.startswith("gross.general,") and ",executed," in line:
            text[i] = line.replace(",executed,,", ",executed,134467,2020-06-30")
    filled.write_text("\n".join(text) + "\n", encoding="utf-8")
    rows = by_item(plan.budget_track(str(filled), as_of="2020-06-30"))
    assert rows["gross.general"]["execution_rate_pct"] == 50.0 and rows["gross.general"]["status"] == "순항"


def test_the_library_frame_is_the_commands(run, plan):
    result = run("budget", "--actuals", LEDGER, "--as-of", "2020-05-31", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    frame = plan.budget_track(LEDGER, as_of="2020-05-31")
    assert list(rows[0]) == list(frame.columns)
    assert [r["status"] for r in rows] == frame["status"].tolist()
