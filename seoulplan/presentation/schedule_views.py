"""What people see of ``schedule``: the plan's dated deliverables as a list or a calendar.

A view in the sense of :mod:`seoulplan.presentation.views` (columns from the column registry,
cells by kind); the words that are not a column's — titles, notes, the names of kinds and
precisions — are English messages of the catalogue, looked up in the reader's language
(:attr:`Options.locale`, not the active one: a view is made for its reader).

A deliverable's date is shown as one cell, ``Date``, written from ``start`` and ``end``:
``2020-07`` (one month), ``2020-03 – 2020-08`` (a range), ``~ 2022-11`` (a deadline),
``2020-02 ~`` (an open start), in the column of the plan's own words for it (``when``,
which every record has), headed ``Date``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seoulplan.core.deliverables import KIND_NAMES, STATUS_KEYS, STATUS_NAMES
from seoulplan.core.i18n import N_
from seoulplan.presentation.columns import translations
from seoulplan.presentation.views import Column, Options, Row, View, column

TITLE = N_("The plan's dated deliverables: what it will open, start, complete, launch or hold, and when")
CALENDAR_TITLES = {
    "month": N_("The plan's calendar: deliverables by the month they fall due"),
    "quarter": N_("The plan's calendar: deliverables by the quarter they fall due"),
}
DATE_NOTE = N_(
    "Date as the plan gives it: 2020-07 a month, 2020-09-22 a day, 2020 a year, 2020-03 – 2020-08 a range "
    "(a half: its months), ~ 2022-11 a deadline, 2020-02 ~ an open start; a date the plan writes without a "
    "year is in 2020."
)
CALENDAR_NOTE = N_(
    "A deliverable falls due in the period its date ends: a range in its last month, a year-precision item "
    "in its December, a deadline in its month; an open start stands in the period it starts."
)


CALENDAR_NAME = N_("{plan}: dated deliverables")
AS_OF = N_("{title} (as of {date})")
STATUS_NOTE = N_(
    "Status: done = reported done (or a past fact the plan reports); overdue = not reported done and the "
    "question comes after the last day of its date; in progress = within its dates; planned = before them; "
    "cancelled = reported cancelled. Days late: from the deadline to the day it was done, or to the date of the "
    "question."
)
TEMPLATE_TITLE = N_(
    "A delivery ledger to fill in (done: a date, or 완료/지연/취소 with as_of), then read it with --actuals"
)


def calendar_file(doc: Mapping, stamp: Any, options: Options) -> Any:
    """What the .ics file of the schedule says besides its events: its name (the plan's title
    in the reader's language) and the moment it was made, ``stamp`` (``SOURCE_DATE_EPOCH``'s),
    else the first moment of the month the plan was published: a date of the dataset."""
    from seoulplan.core.schedule import published
    from seoulplan.presentation.ics import Calendar

    plan = doc["plan"]
    title = (plan.get("title_en") if options.english else None) or plan["title"]
    return Calendar(translated(CALENDAR_NAME, options).format(plan=title), stamp or published(doc))


def translated(message: str, options: Options) -> str:
    """A message of the catalogue in the reader's language."""
    return translations(options.locale).gettext(message)


def span(value: Any, row: Row, options: Options) -> str:
    """A deliverable's date from its ``start`` and ``end``, as the module docstring says;
    a column of it is ``marked`` (the plan may misprint a date: ``suspect``)."""
    start, end = row.get("start"), row.get("end")
    if start is None:
        return f"~ {end}"
    if end is None:
        return f"{start} ~"
    return str(start) if start == end else f"{start} – {end}"


def kind_name(value: Any, row: Row, options: Options) -> str:
    """What happens, in the reader's language (``개관``, ``opening``)."""
    message = KIND_NAMES.get(str(value))
    return translated(message, options) if message else str(value)


def status_name(value: Any, row: Row, options: Options) -> str:
    """A delivery status in the reader's language (the Korean is the machine value)."""
    key = STATUS_KEYS.get(str(value))
    return translated(STATUS_NAMES[key], options) if key else str(value)


def _titled(title: str, pillar: Mapping | None, options: Options) -> str:
    if not pillar:
        return title
    return f"{title} — {(pillar.get('name_en') if options.english else None) or pillar['name']}"


def listing(pillar: Mapping | None, by: str | None, options: Options, *, at: Any = None) -> View:
    """The deliverables chosen, one a row; with ``by``, grouped under the period they fall
    due (its cell shown once, at the first row of the period); measured at the date ``at``
    (a delivery ledger read), with their status, the day they were done and days late."""
    columns: tuple[Column, ...] = (
        column("id"),
        column("name", "deliverable"),
        column("kind", kind=kind_name),
        column("when", "span", kind=span, marked=True),
    )
    notes = [translated(DATE_NOTE, options)]
    if by is not None:
        columns = (column("due", repeat=False), *columns)
        notes.append(translated(CALENDAR_NOTE, options))
    title = translated(CALENDAR_TITLES[by] if by is not None else TITLE, options)
    if at is not None:
        columns = (*columns, column("status", kind=status_name), column("done"), column("days_late"))
        notes.append(translated(STATUS_NOTE, options))
        title = translated(AS_OF, options).format(title=title, date=at)
    return View(columns, _titled(title, pillar, options), tuple(notes), drop_empty=False)


def template(pillar: Mapping | None, options: Options) -> View:
    """The delivery ledger to fill in, as people see it before they save it to a file."""
    columns = tuple(column(key) for key in ("id", "name", "start", "end", "done", "as_of", "note"))
    return View(columns, _titled(translated(TEMPLATE_TITLE, options), pillar, options), drop_empty=False)
