"""The report's timeline: the plan's dated deliverables month by month, by pillar.

A table, not a chart: thirteen rows and seven columns read (and print) better as figures
than as bars. A row per month of the plan's year, with what falls due before and after it
summed (:func:`seoulplan.core.schedule.timeline`); with a delivery ledger, an ``overdue``
column (marked, as the tracking tables mark what is behind) and, below, the list of the
deliverables overdue at the date of the question with their days late.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from seoulplan.presentation.report.page import Block, Page, Section, Table
from seoulplan.presentation.schedule_views import span
from seoulplan.presentation.views import Column, column

OVERDUE = "기한 경과"
#: The overdue deliverables the page lists, the latest first; the rest are counted in a note.
MOST_LISTED = 30


def timeline(page: Page, deliveries: Any = None, *, as_of: str | None = None, today: Any = None,
             encoding: str = "utf-8-sig") -> Section:  # fmt: skip
    """The section; ``deliveries``: a delivery ledger, measured at ``as_of`` (else ``today``)."""
    from seoulplan.core import schedule as scheduling

    plan = page.plan
    if deliveries is not None:
        frame = plan.schedule(deliveries=deliveries, as_of=as_of, today=today, encoding=encoding)
    else:
        frame = plan.schedule()
    pillars = plan.pillars().drop_duplicates("pillar")
    counts = scheduling.timeline(frame, plan.year, list(pillars["pillar"]))
    section = Section("timeline", page.gettext("Timeline"))
    section.blocks.append(
        Block(
            "text",
            page.gettext(
                "The plan's {count} dated deliverables by the month they fall due (the month their date ends: a "
                "year-precision item in its December), by pillar; those due before or after {year} are summed."
            ).format(count=page.count(len(frame)), year=plan.year),
        )
    )
    section.blocks.append(page.table(page.gettext("Deliverables due each month, by pillar"), _months(page, counts)))
    if "status" in frame.columns:
        late = frame[frame["status"] == OVERDUE].sort_values("days_late", ascending=False, kind="stable")
        at = frame.attrs["as_of"]
        title = page.gettext("Overdue deliverables at {date}: not reported done by the last day of their date")
        columns = [
            column("id"),
            column("name", "deliverable"),
            Column("when", column("when", "span").words, span, marked=True),
            column("days_late"),
        ]
        if len(late):
            notes = []
            if len(late) > MOST_LISTED:
                notes.append(
                    page.gettext(
                        "… and {count} more: seoulplan schedule status --actuals LEDGER lists them all."
                    ).format(count=page.count(len(late) - MOST_LISTED))
                )
            listed = page.grid(page.localised(late.head(MOST_LISTED)), columns)
            section.blocks.append(page.table(title.format(date=at), listed, notes))
        else:
            section.blocks.append(Block("text", page.gettext("No deliverable is overdue at {date}.").format(date=at)))
    return section


def _months(page: Page, counts: pd.DataFrame) -> Table:
    """The counts as the page's table: a month per row, the pillars' names as headers."""
    names = page.plan.pillars().drop_duplicates("pillar").set_index("pillar")
    name_column = "pillar_name_en" if page.english else "pillar_name"
    words = {
        "before": page.gettext("before {year}").format(year=page.plan.year),
        "after": page.gettext("after {year}").format(year=page.plan.year),
    }
    pillars = [c for c in counts.columns if c not in ("period", "total", "overdue")]
    headers = [(page.gettext("Month"), False)]
    headers += [(str(names.loc[p, name_column]) if p in names.index else p, True) for p in pillars]
    headers.append((page.gettext("Total"), True))
    if "overdue" in counts.columns:
        headers.append((page.gettext("Overdue"), True))
    rows = []
    for record in counts.to_dict("records"):
        cells = [(words.get(record["period"], record["period"]), "")]
        cells += [(page.count(record[p]) if record[p] else "", "num") for p in pillars]
        cells.append((page.count(record["total"]), "num"))
        if "overdue" in counts.columns:
            overdue = record["overdue"]
            cells.append((page.count(overdue) if overdue else "", "num behind" if overdue else "num"))
        rows.append(cells)
    return Table(headers=headers, rows=rows)
