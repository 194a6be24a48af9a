"""The budget ledger: the budget through its year, a dated row per level or figure (SPEC §5).

A row has the budget's ``item`` (its key as the budget table names it, ``basis.account``:
``gross.total``, ``net.general``, ``execution.special`` …), the ``phase`` of the figure, the
``amount`` and ``as_of``:

- ``original`` (본예산, 당초예산): the budget passed for the year; without a row it is the
  plan's own figure; it stands from 1 January of the plan's year, whatever date it has;
- ``supplementary`` (추경, 추가경정예산): the new total after a supplementary budget; numbered
  1차, 2차 … by date within the item, or as written (``2차 추경``, ``supplementary 2``);
- ``executed`` (집행, 집행액, 지출액): the amount spent to date;
- ``settled`` (결산): the year's settled spending.

The file is read as the KPI ledger is (:mod:`seoulplan.core.ledger_files`, its form
:data:`~seoulplan.core.ledger_files.BUDGET_LEDGER`: CSV, xlsx or YAML, English or Korean
headers) and its values and dates as the KPI ledger's (:func:`seoulplan.core.actuals.read_values`,
:func:`~seoulplan.core.actuals.read_periods`): money as people write it (``8,619억``,
``1조 2,345억원``, ``862,000,000,000원``); a bare number is in 억원, as the budget table is.
A row with no amount reports nothing (a template's blank row) and needs no date.

Every problem is a DataError naming the file, the line and the column, at most ``MAX_SHOWN``
in full, a row for its first: an unknown item (with the closest items), an unknown phase, an
amount that cannot be read or is negative, a date that cannot be read, a dated phase without
a date, an amount over ``IMPLAUSIBLE_TIMES`` times the item's original budget (a number of 원
written without its unit), a second figure of the same item, phase and date, a second
supplementary budget of the same number, and numbers written out of the order of their dates.
An execution above the current budget is not
refused: it happens (an overrun carried in from the year before), and the measures flag it.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core.actuals import (
    MAX_SHOWN,
    first_of_each,
    for_row,
    objects,
    read_periods,
    read_values,
    refusal,
    where_row,
)
from seoulplan.core.escaping import shortened
from seoulplan.core.frames import column
from seoulplan.core.i18n import N_, _
from seoulplan.core.ledger_files import BUDGET_LEDGER, Refused, Rows, read_rows
from seoulplan.core.numeric import NumberError, ascii_digits, exact
from seoulplan.core.suggestions import closest

__all__ = ["LEDGER_COLUMNS", "PHASES", "checked", "read_budget_ledger", "read_phase"]

PHASES = ("original", "supplementary", "executed", "settled")
#: The budget ledger as read: a row per figure reported.
LEDGER_COLUMNS = ("item", "phase", "supplementary_number", "amount_eok", "as_of", "as_of_date", "line")
#: An amount more than this many times the item's original budget is refused: it is a number
#: of 원 written without its unit (862,000,000,000 for 8,620억), not a budget of 억원.
IMPLAUSIBLE_TIMES = 100

#: The words of each phase (compared without case or spaces).
PHASE_WORDS = {
    "original": ("original", "본예산", "당초예산", "당초"),
    "supplementary": ("supplementary", "추경", "추경예산", "추가경정예산"),
    "executed": ("executed", "execution", "집행", "집행액", "지출", "지출액"),
    "settled": ("settled", "settlement", "결산", "결산액"),
}
_WORDS = {word: phase for phase, words in PHASE_WORDS.items() for word in words}
#: A numbered supplementary budget: ``2차 추경``, ``제2회 추경``, ``supplementary 2``.
_NUMBERED = re.compile(r"(?:제?([0-9]{1,2})(?:차|회)(?:추경|추경예산|추가경정예산))|(?:supplementary#?([0-9]{1,2}))")

UNKNOWN, BAD_PHASE, BAD_AMOUNT, BAD_AS_OF, UNDATED, IMPLAUSIBLE, SECOND, SECOND_NUMBER, OUT_OF_ORDER = range(1, 10)
FIELD = {UNKNOWN: "item", BAD_PHASE: "phase", BAD_AMOUNT: "amount", BAD_AS_OF: "as_of", UNDATED: "as_of"}
FIELD |= {IMPLAUSIBLE: "amount", SECOND: "phase", SECOND_NUMBER: "phase", OUT_OF_ORDER: "phase"}
NEGATIVE_AMOUNT = N_("{text!r} is negative; a budget and its spending are amounts of at least 0")


def read_phase(text: Any) -> tuple[str, int | None]:
    """``(phase, number)`` of a phase as written (``number``: a supplementary budget's, where
    written); ValueError saying which words are accepted.

    >>> read_phase("본예산"), read_phase("2차 추경"), read_phase("Executed")
    (('original', None), ('supplementary', 2), ('executed', None))
    """
    written = "" if text is None else str(text)
    try:
        key = re.sub(r"\s", "", ascii_digits(written) if len(written) <= 40 else "").lower()
    except NumberError:  # digits of another script: no phase of ours
        key = ""
    if key in _WORDS:
        return _WORDS[key], None
    numbered = _NUMBERED.fullmatch(key)
    if numbered and int(numbered.group(1) or numbered.group(2)) > 0:
        return "supplementary", int(numbered.group(1) or numbered.group(2))
    raise ValueError(
        _(
            "{text!r} is not a phase; expected original (본예산), supplementary (추경, 2차 추경), "
            "executed (집행) or settled (결산)"
        ).format(text=shortened(written))
    )


def read_budget_ledger(source: Any, items: pd.DataFrame, year: int, *, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Read a budget ledger (a path, ``-``, an open file or a DataFrame ``item, phase, amount,
    as_of``) checked against the budget's ``items`` (``item``, ``original_eok``) of the plan's
    ``year``: :data:`LEDGER_COLUMNS`, rows without an amount left out."""
    return checked(read_rows(source, encoding=encoding, form=BUDGET_LEDGER), items, year)


def checked(rows: Rows, items: pd.DataFrame, year: int) -> pd.DataFrame:
    """The ledger of ``rows``, every row checked; a DataError listing every problem (at most
    MAX_SHOWN in full) when any row has one."""
    count = len(rows)
    names = objects(rows.ids, count)
    known = pd.Series(items["original_eok"].to_numpy(object), index=items["item"].astype(str).to_numpy(object))
    problem = np.zeros(count, dtype=np.int8)
    detail = np.full(count, None, dtype=object)

    def refuse(where: np.ndarray, code: int) -> None:
        problem[where & (problem == 0)] = code

    refuse(~pd.Series(names, dtype=object).isin(known.index).to_numpy(bool), UNKNOWN)
    phases = np.full(count, None, dtype=object)
    numbers = np.full(count, None, dtype=object)
    written = objects(rows.extra.get("phase", [None] * count), count)
    for i in np.flatnonzero(problem == 0):
        try:
            if isinstance(written[i], Refused):
                raise ValueError(str(written[i]))
            phases[i], numbers[i] = read_phase(written[i])
        except ValueError as e:
            problem[i], detail[i] = BAD_PHASE, str(e)

    amounts = read_values(
        objects(rows.actuals, count),
        np.full(count, "억원", dtype=object),
        names,
        rows.stripped,
        problem,
        detail,
        negative=NEGATIVE_AMOUNT,
        bad=BAD_AMOUNT,
    )
    raw_dates = objects(rows.as_of, count)
    undated = np.fromiter((d is None or (type(d) is str and not d.strip()) for d in raw_dates), bool, count)
    periods = read_periods(
        raw_dates, np.full(count, str(year), dtype=object), names, rows.stripped, problem, detail, bad=BAD_AS_OF
    )
    reported = ~np.equal(amounts, np.array(None, dtype=object))
    refuse(reported & undated & (phases != "original"), UNDATED)
    original = known.reindex(names).to_numpy(object)
    large = np.array([_implausible(a, o) for a, o in zip(amounts, original)], dtype=bool)
    refuse(large, IMPLAUSIBLE)

    january = datetime.date(year, 1, 1)
    # -1 (no date) takes the NaT appended last
    known_dates = pd.DatetimeIndex([*pd.to_datetime(periods.dates), pd.NaT])
    dates = known_dates.take(periods.day).to_numpy(dtype="datetime64[ns]")
    labels = periods.labels.copy()
    # the original budget stands from the year's first day, whatever date it was passed at
    original_rows = phases == "original"
    dates[original_rows] = np.datetime64(january, "ns")
    labels[original_rows & undated] = january.isoformat()
    day_codes = pd.factorize(pd.Series(dates))[0]
    keys = np.array([f"{n}\x00{p}" for n, p in zip(names, phases)], dtype=object)
    first = first_of_each(keys, day_codes, (problem == 0) & reported)
    refuse(first >= 0, SECOND)
    numbered = (
        (problem == 0) & reported & (phases == "supplementary") & ~np.equal(numbers, np.array(None, dtype=object))
    )
    numbered_keys = np.array([f"{n}\x00{k}" for n, k in zip(names, numbers)], dtype=object)
    again = first_of_each(numbered_keys, np.zeros(count, dtype=np.int64), numbered)
    refuse(again >= 0, SECOND_NUMBER)
    earlier = _out_of_order(np.flatnonzero(numbered & (problem == 0)), names, numbers, dates)
    refuse(earlier >= 0, OUT_OF_ORDER)
    again = np.where(earlier >= 0, earlier, again)

    bad = np.flatnonzero(problem)
    if len(bad):
        shown = [
            _message(rows, i, problem[i], detail[i], labels[i], phases[i], numbers[i], original[i], first, again, known)
            for i in bad[:MAX_SHOWN]
        ]
        raise refusal(_("{name}: {count:,} problem(s) in the budget ledger:"), rows.name, shown, len(bad))
    keep = reported
    frame = pd.DataFrame(
        {
            "item": column(names[keep], "string"),
            "phase": column(phases[keep], "string"),
            "supplementary_number": column(numbers[keep], "Int64"),
            "amount_eok": column(amounts[keep], "object"),
            "as_of": column(labels[keep], "string"),
            "as_of_date": pd.DatetimeIndex(dates[keep]),
            "line": column(objects(rows.lines, count)[keep], "Int64"),
        }
    )
    frame = _numbered(frame)
    frame.attrs["name"] = rows.name
    return frame


def _out_of_order(rows: np.ndarray, names: np.ndarray, numbers: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """For each numbered supplementary budget (``rows``) dated after one of its item with a
    higher number, that one's position; -1 elsewhere."""
    earlier = np.full(len(names), -1, dtype=np.int64)
    if not len(rows):
        return earlier
    order = pd.DataFrame(
        {"row": rows, "item": names[rows], "number": numbers[rows].astype(np.int64), "date": dates[rows]}
    ).sort_values(["item", "date", "number"], kind="stable")
    before = order.groupby("item", sort=False)[["number", "row"]].shift(1)
    wrong = (order["number"] < before["number"]).fillna(False).to_numpy(bool)
    earlier[order["row"].to_numpy()[wrong]] = before["row"].to_numpy()[wrong].astype(np.int64)
    return earlier


def _implausible(amount: Any, original: Any) -> bool:
    """Whether ``amount`` is more than IMPLAUSIBLE_TIMES the item's original budget."""
    if amount is None or original is None:
        return False
    base = exact(original)
    return bool(exact(amount) > IMPLAUSIBLE_TIMES * (base if base > 1 else 1))


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """Each supplementary budget's number: as written, else its place by date within its item."""
    supplementary = frame["phase"] == "supplementary"
    if not supplementary.any():
        return frame
    order = frame[supplementary].groupby("item")["as_of_date"].rank(method="first").astype("Int64")
    frame.loc[supplementary, "supplementary_number"] = frame.loc[supplementary, "supplementary_number"].fillna(order)
    return frame


def _message(
    rows: Rows,
    i: int,
    code: int,
    detail: Any,
    label: Any,
    phase: Any,
    number: Any,
    original: Any,
    first: np.ndarray,
    again: np.ndarray,
    known: pd.Series,
) -> str:
    """One problem as it is shown: ``file:line: column 3 (amount): why``."""
    item = rows.ids[i]
    if code == UNKNOWN:
        close = closest(str(item), known.index)
        message = _("unknown budget item {item!r}").format(item=shortened(item))
        if close:
            message += _("; did you mean {ids}?").format(ids=", ".join(close))
        else:
            message += _("; expected one of {items}").format(items=", ".join(known.index))
    elif code == UNDATED:
        message = for_row(_("a {phase} figure needs its date (as_of)").format(phase=phase), item)
    elif code == IMPLAUSIBLE:
        message = for_row(
            _(
                "{amount} 억원 is more than {times} times the original budget ({original} 억원): an amount in 원 "
                "needs its unit (write 862,000,000,000원, or 8,620억)"
            ).format(amount=shortened(rows.actuals[i]), times=IMPLAUSIBLE_TIMES, original=original),
            item,
        )
    elif code == SECOND:
        message = _("a second {phase} figure for {item} as of {date} (the first is at {place})").format(
            phase=phase, item=item, date=label, place=where_row(rows, int(first[i]), "")
        )
    elif code == OUT_OF_ORDER:
        message = _(
            "{item}'s supplementary budget no. {number} ({date}) is dated after the one at {place}, "
            "which has a higher number: the numbers follow the dates"
        ).format(number=number, item=item, date=label, place=where_row(rows, int(again[i]), ""))
    elif code == SECOND_NUMBER:
        message = _("a second supplementary budget no. {number} for {item} (the first is at {place})").format(
            number=number, item=item, place=where_row(rows, int(again[i]), "")
        )
    else:
        message = detail if code != BAD_PHASE else for_row(detail, item)
    return f"{where_row(rows, i, FIELD[code])}: {message}"
