"""The choices of the command line's options, defined once (SPEC §2).

Cheap to import: Click builds its help from these at start-up.
"""

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
#: Money units of tables and of ``money --to``: Korean (with or without 원) and English.
UNITS = (
    "auto",
    "조",
    "억",
    "백만",
    "만",
    "원",
    "조원",
    "억원",
    "백만원",
    "만원",
    "trillion",
    "100 million",
    "million",
    "won",
)
