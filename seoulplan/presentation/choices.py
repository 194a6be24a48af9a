"""The choices of the command line's options, defined once (SPEC §2).

Cheap to import: Click builds its help from these at start-up. The dataset's own words
(bases, sections, kinds, periods, statuses) are the core's vocabulary; the choices offer
them, with ``all`` where an option takes every one.
"""

from seoulplan.core.vocabulary import (
    AUDIT_FLAG,
    BUDGET_BASES,
    CALENDAR_PERIODS,
    DELIVERY_STATUS_KEYS,
    FINANCE_SECTIONS,
    KINDS,
    PERIODS,
    STATUS_KEYS,
)
from seoulplan.core.vocabulary import AUDIT_KINDS as CHECK_KINDS
from seoulplan.core.vocabulary import DELIVERABLE_KIND_NAMES as KIND_NAMES

#: ``budget --basis``
BASES = (*BUDGET_BASES, "all")
#: ``finance SECTION``
SECTIONS = (*FINANCE_SECTIONS, "all")
#: ``kpi --kind``
KPI_KINDS = (*KINDS, "all")
#: ``audit --kind``: the kinds of check, and the ambition flags
AUDIT_KINDS = (*CHECK_KINDS, AUDIT_FLAG)
#: ``track --by``: the periods a ledger is grouped into
TRACK_PERIODS = PERIODS
#: ``--fail-on``: each status by its Korean name (the frames' value) and its English key
STATUS_NAMES = STATUS_KEYS
#: ``schedule --kind``: what happens to a deliverable
DELIVERABLE_KINDS = tuple(KIND_NAMES)
#: ``schedule --by``: the periods of its calendar
SCHEDULE_PERIODS = CALENDAR_PERIODS
#: ``schedule --fail-on``: each delivery status by its Korean name and its English key
DELIVERY_STATUSES = DELIVERY_STATUS_KEYS

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown", "xlsx")
#: ``schedule`` writes an iCalendar file of the deliverables too (``--format ics``, ``-o plan.ics``).
CALENDAR_FORMATS = (*FORMATS, "ics")
#: Output file extensions and the format each implies (``-o report.csv``).
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "table",
    ".ics": "ics",
    ".xlsx": "xlsx",
}
ENCODINGS = ("utf-8", "utf-8-sig", "cp949")
LOCALES = ("ko_KR", "en_US")
STYLES = ("plain", "gov")
#: Money units of tables and of ``money --to``, as completion offers them: Korean (with or
#: without 원) and English; ``--unit`` also takes abbreviations (bn, mn, k) and ``KRW …``.
UNITS = (
    "auto",
    "조",
    "십억",
    "억",
    "백만",
    "만",
    "천",
    "원",
    "조원",
    "십억원",
    "억원",
    "백만원",
    "만원",
    "천원",
    "trillion",
    "billion",
    "100 million",
    "million",
    "thousand",
    "won",
)
