"""The plan's dated deliverables: their dates, and what a JSON Schema cannot say about them.

A deliverable is dated by ``start`` and ``end``, each an ISO prefix at the precision the plan
gives (``2020``, ``2020-07``, ``2020-09-22``): a half or a quarter is written as its first and
last month, a single date has ``start == end``, an open start (``'20.2~``) no end and a
deadline (``~'22.11``) no start. :func:`bounds` reads a prefix as the first and last day it
covers; :func:`check` (called by :mod:`seoulplan.core.relations`) finds what is wrong with the
section: ids unique and prefixed by their pillar, known pillars, strategies, KPIs and
restated records, real dates as precise as ``precision`` says, ranges that end after they
start, the printed date among the excerpts, and no past fact dated after the plan was
published. Cheap to import: no pandas (validation runs before any table is built).
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import _
from seoulplan.core.problems import Locator, Problem
from seoulplan.core.vocabulary import (
    DELIVERABLE_KIND_NAMES,
    DELIVERY_STATUS_KEYS,
    DELIVERY_STATUS_NAMES,
)

SECTION = "deliverables"
SKIPPED = "deliverables_skipped"

# The words of the schedule live in the vocabulary, which start-up reads (the choices of
# ``schedule --kind`` and ``--fail-on``) without this module's checks.
KIND_NAMES = DELIVERABLE_KIND_NAMES
STATUS_KEYS, STATUS_NAMES = DELIVERY_STATUS_KEYS, DELIVERY_STATUS_NAMES

#: How each precision writes a date: the length of its ISO prefix, and (for a half or a
#: quarter, written as months) the months it may start and end in.
FORMS = {"year": "YYYY", "half": "YYYY-MM", "quarter": "YYYY-MM", "month": "YYYY-MM", "day": "YYYY-MM-DD"}
PERIOD_MONTHS = {
    "half": ((1, 7), (6, 12)),
    "quarter": ((1, 4, 7, 10), (3, 6, 9, 12)),
}
_PREFIX = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def bounds(prefix: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day an ISO prefix covers; ValueError when it names no real date.

    >>> bounds("2020"), bounds("2020-02")[1], bounds("2020-09-22")[0]
    ((datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)), datetime.date(2020, 2, 29), datetime.date(2020, 9, 22))
    """
    match = _PREFIX.fullmatch(prefix)
    if not match:
        raise ValueError(prefix)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if day is not None and month is not None:
        date = datetime.date(year, month, day)
        return date, date
    if month is not None:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return datetime.date(year, month, 1), datetime.date(year, month, last)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def form(prefix: str) -> str:
    """How a prefix is written: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    return {4: "YYYY", 7: "YYYY-MM", 10: "YYYY-MM-DD"}.get(len(prefix), "")


def _dicts(items: Any) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _squashed(text: str) -> str:
    return " ".join(text.split())


def check(doc: dict, pillars: dict[str, set], locate: Locator) -> list[Problem]:
    """Every problem of the deliverables and the skipped lines beyond their shape; records
    the schema refused (wrong types) are skipped, so a broken document yields messages."""
    problems: list[Problem] = []
    records = _dicts(doc.get(SECTION))
    kpis = {k["id"] for _, k in _dicts(doc.get("kpis")) if isinstance(k.get("id"), str)}
    ids = locate.first_places(records, SECTION, "id", problems)
    published = _published(doc)
    for i, record in records:
        problems += _belongs(record, i, pillars, locate)
        problems += _references(record, i, ids, kpis, locate)
        problems += _dates(record, i, published, locate)
    for i, line in _dicts(doc.get(SKIPPED)):
        ref = line.get("kpi_id")
        if isinstance(ref, str) and ref not in kpis:
            problems.append(locate.problem([SKIPPED, i, "kpi_id"], _("refers to unknown KPI {id!r}").format(id=ref)))
    return problems


def _belongs(record: dict, i: int, pillars: dict[str, set], locate: Locator) -> list[Problem]:
    """A known pillar, its prefix on the id, and a strategy of that pillar."""
    rid, pillar, strategy = record.get("id"), record.get("pillar"), record.get("strategy")
    if not isinstance(pillar, str):
        return []
    if pillar not in pillars:
        known = ", ".join(pillars)
        return [
            locate.problem(
                [SECTION, i, "pillar"],
                _("unknown pillar {pillar!r}; expected one of {known}").format(pillar=pillar, known=known),
            )
        ]
    problems = []
    if isinstance(rid, str) and not rid.startswith(pillar + "."):
        problems.append(
            locate.problem(
                [SECTION, i, "id"], _("id must start with its pillar ({prefix})").format(prefix=pillar + ".")
            )
        )
    if type(strategy) is int and strategy not in pillars[pillar]:
        have = ", ".join(str(n) for n in sorted(n for n in pillars[pillar] if isinstance(n, int)))
        problems.append(
            locate.problem(
                [SECTION, i, "strategy"],
                _("unknown strategy {strategy} of pillar {pillar}; it has {have}").format(
                    strategy=strategy, pillar=pillar, have=have
                ),
            )
        )
    return problems


def _references(record: dict, i: int, ids: dict, kpis: set, locate: Locator) -> list[Problem]:
    """``kpi_id`` names a KPI, ``same_as`` another deliverable."""
    problems = []
    kpi = record.get("kpi_id")
    if isinstance(kpi, str) and kpi not in kpis:
        problems.append(locate.problem([SECTION, i, "kpi_id"], _("refers to unknown KPI {id!r}").format(id=kpi)))
    same = record.get("same_as")
    if isinstance(same, str):
        if same == record.get("id"):
            problems.append(
                locate.problem(
                    [SECTION, i, "same_as"], _("{relation} names the record itself").format(relation="same_as")
                )
            )
        elif same not in ids:
            problems.append(
                locate.problem([SECTION, i, "same_as"], _("refers to unknown deliverable {id!r}").format(id=same))
            )
    return problems


def _dates(record: dict, i: int, published: datetime.date | None, locate: Locator) -> list[Problem]:
    """Real dates, as precise as ``precision`` says, a range that ends after it starts, the
    printed date among the excerpts, and a past fact dated before the plan."""
    problems: list[Problem] = []
    precision = record.get("precision") if isinstance(record.get("precision"), str) else None
    read: dict[str, tuple[datetime.date, datetime.date]] = {}
    for field in ("start", "end"):
        value = record.get(field)
        if not isinstance(value, str) or not _PREFIX.fullmatch(value):
            continue  # null, or what the schema already refused
        where = [SECTION, i, field]
        try:
            read[field] = bounds(value)
        except ValueError:
            problems.append(locate.problem(where, _("{text!r} is not a date of the calendar").format(text=value)))
            continue
        if precision in FORMS and form(value) != FORMS[precision]:
            problems.append(
                locate.problem(
                    where,
                    _("a date of precision {precision} is written {form}, got {text!r}").format(
                        precision=precision, form=FORMS[precision], text=value
                    ),
                )
            )
        elif precision in PERIOD_MONTHS:
            months = PERIOD_MONTHS[precision][field == "end"]
            if read[field][0].month not in months:
                if field == "start":
                    message = _("a date of precision {precision} starts in month {months}, got {text!r}")
                else:
                    message = _("a date of precision {precision} ends in month {months}, got {text!r}")
                listed = ", ".join(f"{m:02d}" for m in months)
                problems.append(locate.problem(where, message.format(precision=precision, months=listed, text=value)))
    if record.get("start", "") is None and record.get("end", "") is None:
        problems.append(
            locate.problem([SECTION, i], _("start and end are both empty; a deliverable has a start, an end or both"))
        )
    if "start" in read and "end" in read and read["end"][0] < read["start"][0]:
        problems.append(
            locate.problem(
                [SECTION, i, "end"],
                _("the range ends {end}, before it starts {start}").format(end=record["end"], start=record["start"]),
            )
        )
    problems += _printed(record, i, locate)
    first = read.get("start", read.get("end"))
    if record.get("kind") == "done" and published is not None and first is not None and first[0] > published:
        problems.append(
            locate.problem(
                [SECTION, i, "kind"],
                _("a past fact (kind: done) dated {date}, after the plan was published ({published})").format(
                    date=record.get("start") or record.get("end"), published=published.isoformat()
                ),
            )
        )
    return problems


def _printed(record: dict, i: int, locate: Locator) -> list[Problem]:
    """``when`` is the date as printed: it stands in the source or in one of the quotes."""
    when, source = record.get("when"), record.get("source")
    if not isinstance(when, str) or not isinstance(source, str):
        return []
    quotes = record.get("quotes")
    excerpts = [source, *(q for q in quotes if isinstance(q, str))] if isinstance(quotes, list) else [source]
    if any(_squashed(when) in _squashed(e) for e in excerpts):
        return []
    return [
        locate.problem(
            [SECTION, i, "when"],
            _("{when!r} is not in the source or the quotes; quote the plan's words for the date").format(
                when=shortened(when)
            ),
        )
    ]


def _published(doc: dict) -> datetime.date | None:
    """The last day of ``plan.published`` (``2020-02``), when it is a date."""
    plan = doc.get("plan")
    published = plan.get("published") if isinstance(plan, dict) else None
    if not isinstance(published, str) or not _PREFIX.fullmatch(published):
        return None
    try:
        return bounds(published)[1]
    except ValueError:
        return None
