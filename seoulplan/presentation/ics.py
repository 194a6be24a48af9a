"""The plan's deliverables as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

Decisions:

- **One all-day VEVENT per deliverable**, its UID ``<id>@seoulplan`` (the ids are stable, so
  a calendar that subscribes to the file updates events instead of duplicating them). A
  restatement (``same_as``) is the same deliverable stated again: it has no event of its own
  when the record it restates is in the file.
- **Dates span what the plan gives.** ``DTSTART`` and ``DTEND`` are dates (``VALUE=DATE``),
  ``DTEND`` exclusive as RFC 5545 says for all-day events (clients — Google Calendar,
  Apple Calendar, Outlook, Thunderbird — show the event up to the day before): a day is that
  day, a month runs from its first day to the next month's first, a half, a quarter or a
  year over its months, a range over its span. An open start (``'20.2~``) is a one-day event
  on the day it starts and a deadline (``~'22.11``) a one-day event on its last day; the
  description says which, and states the precision and quotes the plan.
- **The same input gives the same bytes.** Events keep the frame's order and ``DTSTAMP`` is
  the moment the caller gives (``SOURCE_DATE_EPOCH``, else a date of the dataset), never the
  clock; the library writes properties in a fixed order and folds lines at 75 octets.
- **The reader's language** for the summary (the Korean name, or ``name_en``), the kind and
  the description; the plan's words (``when``, ``source``) are quoted as printed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pandas as pd

from seoulplan.core.deliverables import KIND_NAMES, PERIOD_MONTHS, bounds
from seoulplan.core.i18n import N_
from seoulplan.core.vocabulary import PRECISION_NAMES
from seoulplan.presentation.columns import translations
from seoulplan.version import __version__

DOMAIN = "seoulplan"
RANGE = N_("The plan gives a range {precision}: {span}; the event spans it.")
SINGLE = N_("The plan gives a date {precision}: {span}; the event spans it.")
OPEN_START = N_(
    "The plan gives an open start {precision}: from {span} on, with no end; the event marks the day it starts."
)
DEADLINE = N_("The plan gives a deadline {precision}: by {span}, with no start; the event marks its last day.")
AS_PRINTED = N_("As printed: {when}")
QUOTED = N_("The plan: “{source}”")
MEASURED_BY = N_("Measured by the KPI {kpi}")


@dataclass(frozen=True)
class Calendar:
    """What an .ics file says besides its events: its name and the moment it was made."""

    name: str
    stamp: datetime.datetime


def days(start: str | None, end: str | None) -> tuple[datetime.date, datetime.date]:
    """The first day of the event and the day after its last (``DTEND`` is exclusive), as the
    module docstring says."""
    if start is None and end is None:
        raise ValueError("a deliverable has a start, an end or both")
    if end is None:
        assert start is not None
        first = bounds(start)[0]
        return first, first + datetime.timedelta(days=1)
    last = bounds(end)[1]
    first = bounds(start)[0] if start is not None else last
    return first, last + datetime.timedelta(days=1)


def write(frame: pd.DataFrame, calendar: Calendar, locale: str) -> bytes:
    """The .ics file of the deliverables of ``frame`` (the columns of ``Plan.schedule``)."""
    import icalendar

    gettext = translations(locale).gettext
    english = locale == "en_US"
    book = icalendar.Calendar()
    book.add("prodid", f"-//{DOMAIN}//{DOMAIN} {__version__}//{'EN' if english else 'KO'}")
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("x-wr-calname", calendar.name)
    restated = frame["same_as"].notna() & frame["same_as"].isin(frame["id"])
    events = frame[~restated.astype(bool)]
    for row in events.astype(object).where(events.notna(), None).to_dict("records"):
        book.add_component(_event(row, calendar.stamp, gettext, english))
    return book.to_ical()


def _event(row: dict[str, Any], stamp: datetime.datetime, gettext: Any, english: bool) -> Any:
    import icalendar

    first, after = days(row["start"], row["end"])
    event = icalendar.Event()
    event.add("uid", f"{row['id']}@{DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", after)
    event.add("summary", (row.get("name_en") if english else None) or row["name"])
    event.add("description", _description(row, gettext))
    kind = KIND_NAMES.get(row["kind"])
    event.add("categories", [gettext(kind) if kind else row["kind"], row["pillar"]])
    if row.get("place"):
        event.add("location", row["place"])
    event.add("transp", "TRANSPARENT")  # a deadline is not a busy day
    return event


def _one_period(start: str, end: str, precision: str) -> bool:
    """Whether ``start``–``end`` is one period of the precision (a month, or a half or a
    quarter written as its first and last month), not a range of several."""
    if start == end:
        return True
    if precision not in PERIOD_MONTHS or start[:4] != end[:4]:
        return False
    starts, ends = PERIOD_MONTHS[precision]
    return int(start[5:7]) in starts and ends.index(int(end[5:7])) == starts.index(int(start[5:7]))


def _description(row: dict[str, Any], gettext: Any) -> str:
    """What the date is (its precision, and an open side), the plan's words for it and its excerpt."""
    start, end, precision = row["start"], row["end"], row["precision"]
    if start is None:
        sentence = gettext(DEADLINE).format(precision=gettext(PRECISION_NAMES[precision]), span=end)
    elif end is None:
        sentence = gettext(OPEN_START).format(precision=gettext(PRECISION_NAMES[precision]), span=start)
    elif not _one_period(start, end, precision):
        sentence = gettext(RANGE).format(precision=gettext(PRECISION_NAMES[precision]), span=f"{start} – {end}")
    else:
        sentence = gettext(SINGLE).format(precision=gettext(PRECISION_NAMES[precision]), span=start)
    lines = [sentence, gettext(AS_PRINTED).format(when=row["when"]), gettext(QUOTED).format(source=row["source"])]
    if row.get("kpi_id"):
        lines.append(gettext(MEASURED_BY).format(kpi=row["kpi_id"]))
    return "\n".join(lines)
