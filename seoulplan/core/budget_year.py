"""The budget through its year: supplementary budgets, execution against its pace, settlement
(SPEC §5, "the budget's year"), from a checked budget ledger (:mod:`seoulplan.core.budget_ledger`).

At the date of a question D, for each item of the budget:

- ``original_eok``: the ledger's original budget, else the plan's;
- ``current_eok``: the last supplementary budget on or before D (the new total), else the
  original; ``supplementary_change_eok`` = current − original, ``_pct`` of the original;
- ``executed_eok``: the last execution (or settlement: the year's final spending) on or before
  D, its ``as_of``; ``execution_rate_pct`` (집행률) = executed ÷ current × 100 — the budget in
  force at D, which a later supplementary budget may have raised;
- ``expected_execution_pct``: the pace at D. By default the straight line through the year,
  from 0% at the end of the year before to 100% at its end (the KPI pace's convention: a year
  starts where the one before ends), so 2020-06-30 expects 182 ÷ 366 = 49.7%; with stated
  points (신속집행: 60% by 30 June) the line runs through each of them in turn;
- ``status``, the KPI tracker's words: before the year's end 순항 (the rate at least the
  pace) or 지연; from its end 달성 (100% executed), 근접 (at least ``near`` %) or 미달; 미보고
  with no execution standing at D. ``over_budget``: the execution exceeds the current budget
  (flagged, never refused).

Rates are exact (:func:`seoulplan.core.calc.rate`); amounts stay exact until a frame is made,
where the ``_eok`` columns are ``Float64``: an execution reported in 원 is no whole 억원.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core import calc, figures
from seoulplan.core.frames import column
from seoulplan.core.i18n import _
from seoulplan.core.pace import ACHIEVED, BEHIND, MISSED, NEAR, NOT_REPORTED, ON_PACE
from seoulplan.errors import UsageError

ITEM_COLUMNS = ("item", "basis", "basis_name", "basis_name_en", "account", "account_name", "account_name_en")
#: The machine columns of ``budget status`` (``Plan.budget_track``): an item per row.
TRACK_COLUMNS = (*ITEM_COLUMNS, "original_eok", "current_eok", "supplementaries", "supplementary_change_eok",
                 "supplementary_change_pct", "executed_eok", "as_of", "execution_rate_pct", "expected_execution_pct",
                 "status", "over_budget", "settled_eok", "evaluated_at")  # fmt: skip
#: The machine columns of ``budget --phases``: each level of each item's budget, in order.
PHASE_COLUMNS = (*ITEM_COLUMNS, "phase", "supplementary_number", "as_of", "amount_eok", "change_eok", "change_pct",
                 "supplementary_change_eok", "line")  # fmt: skip
#: The machine columns of ``track budget``: each item of the ledger in each period.
PERIOD_COLUMNS = ("item", "basis_name", "basis_name_en", "account_name", "account_name_en", "period", "period_end",
                  "current_eok", "executed_eok", "as_of", "execution_rate_pct", "expected_execution_pct",
                  "status")  # fmt: skip
#: The machine columns of ``export``'s ``budget_observations``: every row of the ledger, the
#: execution measured at its own date.
OBSERVATION_COLUMNS = ("item", "basis", "account", "phase", "supplementary_number", "as_of", "as_of_date",
                       "amount_eok", "current_eok", "execution_rate_pct", "expected_execution_pct", "status",
                       "line")  # fmt: skip
#: The machine columns of ``budget template``: a row per item and phase to fill in.
TEMPLATE_COLUMNS = ("item", "basis_name", "account_name", "phase", "amount", "as_of")
#: The ledger's phases that stand for money spent.
SPENT = ("executed", "settled")
NUMBERS = {
    **dict.fromkeys(("original_eok", "current_eok", "supplementary_change_eok", "supplementary_change_pct",
                     "executed_eok", "execution_rate_pct", "expected_execution_pct", "settled_eok", "amount_eok",
                     "change_eok", "change_pct"), "Float64"),
    **dict.fromkeys(("supplementaries", "supplementary_number", "line"), "Int64"),
    "over_budget": "boolean",
}  # fmt: skip


#: The finance sections whose amounts are budgets of the year, spent through it: transfers between
#: accounts, mandatory spending, funds and the districts' budgets. Municipal bonds outstanding
#: are a balance, not a budget to execute, and an average or a count is no amount of its own.
FINANCE_BUDGETS = ("transfers", "mandatory", "funds", "districts")


def items(doc: dict) -> pd.DataFrame:
    """The budget's items of the plan's year: :data:`ITEM_COLUMNS` and ``original_eok`` — the
    budget table's ``basis.account`` (``gross.general``), then the finance items that are
    budgets of the year (:data:`FINANCE_BUDGETS`) as ``finance.ITEM`` (``finance.funds``),
    their section as the basis."""
    from seoulplan.core import document

    rows = figures.budget_rows(doc)
    rows = rows[rows["year"] == document.plan_year(doc)].reset_index(drop=True)
    item = (rows["basis"] + "." + rows["account"]).astype("string")
    budget = rows.assign(item=item, original_eok=rows["amount_eok"])[[*ITEM_COLUMNS, "original_eok"]]
    finance = figures.finance(doc)
    finance = finance[finance["section"].isin(FINANCE_BUDGETS) & finance["amount_eok"].notna()]
    finance = finance[~finance["item"].str.contains("average")]
    spent = pd.DataFrame(
        {
            "item": ("finance." + finance["item"]).astype("string"),
            "basis": pd.array(["finance"] * len(finance), dtype="string"),
            "basis_name": finance["section_name"].astype("string"),
            "basis_name_en": finance["section_name_en"].astype("string"),
            "account": finance["item"].astype("string"),
            "account_name": finance["name"].astype("string"),
            "account_name_en": finance["name_en"].astype("string"),
            "original_eok": finance["amount_eok"].astype("Int64"),
        }
    )
    return pd.concat([budget, spent], ignore_index=True)


@dataclass(frozen=True)
class Pace:
    """Where execution is expected to be through the year: ``points`` ``(date, pct)`` after the
    year's start (0% at the end of the year before) and before its end (100%)."""

    year: int
    points: tuple[tuple[datetime.date, float], ...] = ()

    def expected(self, at: pd.Series) -> pd.Series:
        """The expected execution % at each date (datetime64), clipped to 0–100."""
        start, end = datetime.date(self.year - 1, 12, 31), datetime.date(self.year, 12, 31)
        knots = [(start, 0.0), *self.points, (end, 100.0)]
        days = np.array([(d - start).days for d, _pct in knots], dtype=float)
        pcts = np.array([p for _d, p in knots], dtype=float)
        elapsed = (pd.to_datetime(at) - pd.Timestamp(start)).dt.days.to_numpy(dtype=float)
        return pd.Series(np.interp(elapsed, days, pcts), index=at.index, dtype="Float64")


def pace_of(year: int, stated: str | Sequence[Any] | None) -> Pace:
    """The pace of ``year`` from what a user states: None (the straight line), ``"2020-06-30:60"``
    (several separated by commas) or pairs ``(date, pct)``; a UsageError for points that are not
    dates within the year with percentages rising from 0 to 100."""
    from seoulplan.core.periods import read_as_of

    if stated is None or stated == "" or (not isinstance(stated, str) and not len(stated)):
        return Pace(year)
    pairs = [p.rsplit(":", 1) for p in stated.split(",")] if isinstance(stated, str) else list(stated)
    points: list[tuple[datetime.date, float]] = []
    for pair in pairs:
        try:
            when, pct = pair
            day = when if isinstance(when, datetime.date) else read_as_of(str(when))[1]
            value = float(pct)
        except (TypeError, ValueError):
            raise UsageError(
                _("pace: {point!r} is not DATE:PCT (e.g. 2020-06-30:60: 60 per cent executed by 30 June)").format(
                    point=str(pair)[:40]
                )
            ) from None
        if not (datetime.date(year, 1, 1) <= day < datetime.date(year, 12, 31)) or not 0 <= value <= 100:
            raise UsageError(
                _(
                    "pace: {date}:{pct:g} must be a date within {year} (before 31 December) "
                    "and a percentage from 0 to 100"
                ).format(date=day.isoformat(), pct=value, year=year)
            )
        points.append((day, value))
    points.sort()
    if any(b[1] < a[1] or b[0] == a[0] for a, b in itertools.pairwise(points)):
        raise UsageError(_("pace: each point must be later than the one before and no lower"))
    return Pace(year, tuple(points))


@dataclass
class BudgetYear:
    """A checked budget ledger (:data:`~seoulplan.core.budget_ledger.LEDGER_COLUMNS`) with the
    budget's ``items`` (:func:`items`), asked at ``at``."""

    ledger: pd.DataFrame
    items: pd.DataFrame
    year: int
    at: datetime.date
    pace: Pace
    near: float = 90

    def levels(self) -> pd.DataFrame:
        """Every level of every item's budget, by date: the original (the ledger's, else the
        plan's at 1 January) and each supplementary budget."""
        ledger = self.ledger
        given = ledger[ledger["phase"] == "original"]["item"]
        plan = self.items[~self.items["item"].isin(given)]
        january = pd.Timestamp(datetime.date(self.year, 1, 1))
        planned = pd.DataFrame(
            {
                "item": plan["item"].astype(str).to_numpy(object),
                "phase": "original",
                "supplementary_number": pd.array([None] * len(plan), dtype="Int64"),
                "amount_eok": plan["original_eok"].astype(object).to_numpy(object),
                "as_of": pd.array([None] * len(plan), dtype="string"),
                "as_of_date": january,
                "line": pd.array([None] * len(plan), dtype="Int64"),
            }
        )
        passed = ledger[ledger["phase"].isin(["original", "supplementary"])]
        frame = pd.concat([planned, passed.astype({"item": object})], ignore_index=True)
        frame["as_of_date"] = frame["as_of_date"].astype("datetime64[ns]")
        order = pd.Series(range(len(self.items)), index=self.items["item"].astype(str).to_numpy(object))
        frame["_order"] = frame["item"].map(order)
        frame["_first"] = (frame["phase"] != "original").astype(int)
        return frame.sort_values(["_order", "_first", "as_of_date"], kind="stable").drop(columns=["_order", "_first"])

    def measured(self, at: pd.Series | None = None, items: pd.Series | None = None) -> pd.DataFrame:
        """Each of ``items`` (default: every item) at each date ``at`` (default: the question's):
        the levels, the execution standing then and its measures."""
        names = self.items["item"].astype(str) if items is None else items.astype(str)
        when = pd.Series(pd.Timestamp(self.at), index=names.index) if at is None else at
        q = pd.DataFrame({"item": names.to_numpy(object), "at": pd.to_datetime(when).to_numpy("datetime64[ns]")})
        q["_row"] = np.arange(len(q))
        # one dtype for the key on every side: pandas 3 infers "str" for text it is handed as objects
        q = q.astype({"item": object}).sort_values("at", kind="stable")
        levels = self.levels()
        levels = levels.assign(_count=levels.groupby("item").cumcount()).astype(
            {"item": object}
        )  # supplementaries so far
        current = pd.merge_asof(
            q, levels[["item", "as_of_date", "amount_eok", "_count"]].sort_values("as_of_date", kind="stable"),
            left_on="at", right_on="as_of_date", by="item", direction="backward",
        )  # fmt: skip
        originals = levels[levels["phase"] == "original"].drop_duplicates("item", keep="last")
        spent = self.ledger[self.ledger["phase"].isin(SPENT)]
        spent = spent.assign(_settled=(spent["phase"] == "settled").astype(int)).astype({"item": object})
        spent = spent.sort_values(["as_of_date", "_settled"], kind="stable")
        executed = pd.merge_asof(
            current.drop(columns=["as_of_date"]).astype({"item": object}).sort_values("at", kind="stable"),
            spent[["item", "as_of_date", "amount_eok", "as_of"]].rename(columns={"amount_eok": "executed"}),
            left_on="at", right_on="as_of_date", by="item", direction="backward",
        )  # fmt: skip
        settled_rows = spent[spent["phase"] == "settled"][["item", "as_of_date", "amount_eok"]]
        settled = pd.merge_asof(
            executed[["item", "at"]].astype({"item": object}).sort_values("at", kind="stable"),
            settled_rows.rename(columns={"amount_eok": "settled"}),
            left_on="at", right_on="as_of_date", by="item", direction="backward",
        )["settled"]  # fmt: skip
        executed = executed.assign(
            settled=settled.to_numpy(object),
            original=executed["item"].map(originals.set_index("item")["amount_eok"]).to_numpy(object),
        )
        out = executed.sort_values("_row", kind="stable").reset_index(drop=True)
        current_eok = calc.exact_column(out["amount_eok"])
        original_eok = calc.exact_column(out["original"])
        executed_eok = out["executed"].where(out["executed"].notna(), None).astype(object)
        change = current_eok - original_eok
        rate = calc.rate(calc.exact_column(executed_eok.where(executed_eok.notna(), None)), current_eok)
        rate = rate.where(executed_eok.notna().to_numpy(bool), pd.NA)
        expected = self.pace.expected(out["at"])
        final = (out["at"] >= pd.Timestamp(datetime.date(self.year, 12, 31))).to_numpy(bool)
        reported = executed_eok.notna().to_numpy(bool)
        reaching = (rate >= 100).fillna(False).to_numpy(bool)
        close = (rate >= self.near).fillna(False).to_numpy(bool)
        keeping_up = (rate >= expected).fillna(False).to_numpy(bool)
        status = np.select(
            [~reported, final & reaching, final & close, final, keeping_up],
            [NOT_REPORTED, ACHIEVED, NEAR, MISSED, ON_PACE],
            default=BEHIND,
        )
        over = column([_above(e, c) for e, c in zip(executed_eok, current_eok)], "boolean")
        return out.assign(
            original_eok=original_eok,
            current_eok=current_eok,
            supplementaries=out["_count"],
            supplementary_change_eok=change,
            supplementary_change_pct=calc.rate(change, original_eok),
            executed_eok=executed_eok,
            execution_rate_pct=rate,
            expected_execution_pct=expected.where(pd.Series(~final), 100.0),
            status=status,
            over_budget=over,
            settled_eok=out["settled"],
        )

    def latest(self) -> pd.DataFrame:
        """Every item at the question's date: :data:`TRACK_COLUMNS`."""
        measured = self.measured()
        out = self.items[list(ITEM_COLUMNS)].reset_index(drop=True)
        for name in TRACK_COLUMNS[len(ITEM_COLUMNS) :]:
            if name in measured.columns:
                out[name] = measured[name].to_numpy(object)
        out["evaluated_at"] = self.at.isoformat()
        return typed(out, TRACK_COLUMNS)

    def observations(self) -> pd.DataFrame:
        """Every row of the ledger, in the budget's order of items and then by date: an
        execution (or settlement) measured at its own date against the budget in force then
        and the pace; a level with the budget it sets (no status). :data:`OBSERVATION_COLUMNS`."""
        order = pd.Series(range(len(self.items)), index=self.items["item"].astype(str).to_numpy(object))
        rows = self.ledger.assign(_order=self.ledger["item"].astype(str).map(order))
        rows = rows.sort_values(["_order", "as_of_date", "phase"], kind="stable").reset_index(drop=True)
        measured = self.measured(rows["as_of_date"], rows["item"])
        spent = rows["phase"].isin(SPENT).to_numpy(bool)
        facts = self.items[["item", "basis", "account"]].astype({"item": object})
        # the finance items have no row of the budget table to join to: their item says what they are
        facts = facts.assign(
            basis=facts["basis"].where(facts["basis"] != "finance", None),
            account=facts["account"].where(facts["basis"] != "finance", None),
        )
        out = rows.astype({"item": object}).merge(facts, on="item", how="left", sort=False)
        out = out.assign(
            amount_eok=calc.exact_column(rows["amount_eok"]).to_numpy(object),
            as_of_date=rows["as_of_date"].dt.strftime("%Y-%m-%d"),
            current_eok=measured["current_eok"].to_numpy(object),
            execution_rate_pct=calc.rate(calc.exact_column(rows["amount_eok"]), measured["current_eok"])
            .where(pd.Series(spent), pd.NA)
            .to_numpy(object),
            expected_execution_pct=measured["expected_execution_pct"].where(pd.Series(spent), pd.NA).to_numpy(object),
            status=measured["status"].where(pd.Series(spent), None).to_numpy(object),
        )
        return typed(out, OBSERVATION_COLUMNS)

    def phases(self) -> pd.DataFrame:
        """Each level of each item's budget up to the question's date — 본예산, 1차 추경, … —
        with its change from the level before and from the original: :data:`PHASE_COLUMNS`."""
        levels = self.levels()
        levels = levels[levels["as_of_date"] <= pd.Timestamp(self.at)].reset_index(drop=True)
        amount = calc.exact_column(levels["amount_eok"])
        before = amount.groupby(levels["item"].to_numpy(object)).shift(1)
        first = amount.groupby(levels["item"].to_numpy(object)).transform("first")
        change = (amount - before).where(before.notna(), None)
        facts = self.items[list(ITEM_COLUMNS)].astype({"item": object})
        out = levels.merge(facts, on="item", how="left", sort=False)
        out = out.assign(
            as_of=levels["as_of"].fillna(datetime.date(self.year, 1, 1).isoformat()).to_numpy(object),
            amount_eok=amount.to_numpy(object),
            change_eok=change.to_numpy(object),
            change_pct=calc.rate(change.where(change.notna(), None), before).to_numpy(object),
            supplementary_change_eok=(amount - first).to_numpy(object),
        )
        return typed(out, PHASE_COLUMNS)

    def by_period(self, by: str = "quarter") -> pd.DataFrame:
        """Each item the ledger reports spending for, in every period of the plan's year up to
        the question's date (``by``: month, quarter, half, year): the last execution in the
        period, measured at the period's end (at the question's date in the last); 미보고
        where the period has none."""
        from seoulplan.core.tracking import period_labels, period_table

        spent = self.ledger[self.ledger["phase"].isin(SPENT)]
        names = self.items["item"][self.items["item"].isin(spent["item"])].astype(str).reset_index(drop=True)
        first = datetime.date(self.year, 1, 1)
        last = max(self.at, first)
        periods = period_table(first, last, by)
        if not len(names) or not len(periods):
            return typed(pd.DataFrame(columns=list(PERIOD_COLUMNS)), PERIOD_COLUMNS)
        grid = pd.DataFrame(
            {
                "item": np.repeat(names.to_numpy(object), len(periods)),
                "period": np.tile(periods["period"].to_numpy(object), len(names)),
                "period_end": np.tile(periods["end"].to_numpy(), len(names)),
            }
        )
        asked = grid["period_end"].clip(upper=pd.Timestamp(self.at))
        measured = self.measured(asked, grid["item"])
        held = pd.DataFrame(
            {"item": spent["item"].astype(str).to_numpy(object), "period": period_labels(spent["as_of_date"], by)}
        ).drop_duplicates()
        inside = (
            (grid[["item", "period"]].merge(held.assign(_held=True), on=["item", "period"], how="left")["_held"])
            .notna()
            .to_numpy(bool)
        )
        out = grid.assign(period_end=grid["period_end"].dt.strftime("%Y-%m-%d"))
        for name in ("current_eok", "executed_eok", "as_of", "execution_rate_pct", "expected_execution_pct", "status"):
            out[name] = measured[name].to_numpy(object)
        for name in ("executed_eok", "as_of", "execution_rate_pct"):
            out.loc[~inside, name] = None
        out.loc[~inside, "status"] = NOT_REPORTED
        facts = self.items[["item", "basis_name", "basis_name_en", "account_name", "account_name_en"]]
        out = out.merge(facts.astype({"item": object}), on="item", how="left", sort=False)
        return typed(out, PERIOD_COLUMNS)


def template(budget_items: pd.DataFrame) -> pd.DataFrame:
    """A budget ledger to fill in: for each item its original budget (the plan's, dated 1
    January) and a blank row for each later phase."""
    from seoulplan.core.budget_ledger import PHASES

    rows = budget_items.merge(pd.DataFrame({"phase": PHASES}), how="cross")
    amount = rows["original_eok"].astype("string").where(rows["phase"] == "original", None)
    return rows.assign(amount=amount, as_of=None)[list(TEMPLATE_COLUMNS)].astype("string")


def _above(executed: Any, budget: Any) -> bool | None:
    """Whether ``executed`` exceeds ``budget`` (None: no execution, or no budget)."""
    spent, current = calc.exact(executed), calc.exact(budget)
    return None if spent is None or current is None else spent > current


def typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``columns`` of ``frame``, in order, each in its nullable dtype."""
    out = frame.reindex(columns=list(columns)).reset_index(drop=True)
    for name in out.columns:
        dtype = NUMBERS.get(name, "string")
        values = out[name].to_numpy(object)
        values = np.where(pd.isna(values), None, values)
        out[name] = column(values, dtype)
    return out
