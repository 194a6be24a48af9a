"""The report's section on the budget through its year, when a budget ledger is given: the
budget by phase (본예산 → 1차 추경 → …) and each item's execution against its pace."""

from __future__ import annotations

from functools import partial
from typing import Any

from seoulplan.presentation import charts
from seoulplan.presentation.report.page import BLUE, GREY, Page, Section
from seoulplan.presentation.views import column


def section(page: Page, year: Any, name: str) -> Section:
    """``year`` is the library's :class:`~seoulplan.core.budget_year.BudgetYear`, asked at its date;
    ``name`` the ledger's file name as the page shows it."""
    plan = page.plan
    latest = plan.budget_track(year)
    phases = plan.budget_phases(year)
    part = Section("budget-year", page.gettext("The budget through its year"))
    part.blocks.append(
        _text(
            page.gettext(
                "From the budget ledger {name}, as of {date}: each item's budget after the supplementary budgets "
                "passed by then, and its execution against the pace expected by that date."
            ).format(name=name, date=year.at.isoformat())
        )
    )
    levels = (
        column("basis_name", repeat=False),
        column("account_name", repeat=False),
        column("phase"),
        column("as_of"),
        column("amount_eok"),
        column("change_eok"),
        column("supplementary_change_eok"),
    )
    part.blocks.append(page.table(page.gettext("Budget by phase"), page.grid(phases, levels)))
    reported = latest[latest["executed_eok"].notna()].reset_index(drop=True)
    if len(reported):
        names = [f"{b} {a}" for b, a in zip(_names(page, reported, "basis"), _names(page, reported, "account"))]
        rates = [None if v is None else float(v) for v in reported["execution_rate_pct"].astype(object)]
        expected = [float(v) for v in reported["expected_execution_pct"]]
        series = [
            charts.Series(page.gettext("Execution rate"), rates, BLUE, [page.pct(v) for v in rates]),
            charts.Series(page.gettext("Expected by then"), expected, GREY, [page.pct(v) for v in expected]),
        ]
        shown = (column("basis_name", repeat=False), column("account_name"), column("current_eok"),
                 column("executed_eok"), column("execution_rate_pct"), column("expected_execution_pct"),
                 column("status"))  # fmt: skip
        part.blocks.append(
            page.chart(
                page.gettext("Execution against its pace ({date})").format(date=year.at.isoformat()),
                partial(charts.grouped_bars, names, series, axis="%"),
                page.grid(page.localised(reported), shown),
            )
        )
    return part


def _names(page: Page, frame: Any, key: str) -> list[str]:
    """The basis or account names of ``frame``'s rows in the page's language."""
    english = frame[f"{key}_name_en"] if page.english else frame[f"{key}_name"]
    return [str(v) for v in english.fillna(frame[f"{key}_name"])]


def _text(words: str) -> Any:
    from seoulplan.presentation.report.page import Block

    return Block("text", words)
