"""What every machine table is: its titles in Korean and English, a description, its keys,
and the command that prints it.

Every writer that describes its output reads this: the SQLite database (its ``_tables`` and
``_columns`` and the Datasette metadata beside it), the Data Package's Table Schemas, and
the xlsx workbook. The columns themselves — titles, unit, description — are the column
registry's (:mod:`seoulplan.presentation.columns`); a table only says where a column means
more in it (``value`` is in the KPI's unit in ``milestones``, ``note`` is the audit's rule in
words). Types are *not* written here: a column's type is its frame's dtype (``Int64`` →
integer, ``Float64`` → number, ``string`` → text, ``boolean``), so a description cannot
disagree with the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from seoulplan.presentation.columns import KPI_UNIT, Entry, Words, describe, pgettext


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the export: its title, description, keys and the command that prints it.

    The title is a message of the catalogue, as a column's is (context ``NAME table``)."""

    name: str
    title: Words
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    command: str = ""  # the command whose machine output has the same rows and columns
    label: str | None = None  # the column that names a row (Datasette links to it by this)
    fields: Mapping[str, Entry] = field(default_factory=dict)  # where a column means more here

    def field(self, name: str) -> Entry:
        return self.fields.get(name) or describe(name)

    @property
    def ko(self) -> str:
        return self.title("ko_KR")

    @property
    def en(self) -> str:
        return self.title("en_US")


def _keys(*pairs: tuple[str | tuple[str, ...], str, str | tuple[str, ...]]) -> tuple[ForeignKey, ...]:
    def cols(c: str | tuple[str, ...]) -> tuple[str, ...]:
        return (c,) if isinstance(c, str) else c

    return tuple(ForeignKey(cols(a), table, cols(b)) for a, table, b in pairs)


_TO_KPI = _keys(("id", "kpis", "id"))
_KPI_VALUE = {
    "value": replace(describe("value"), description="in the KPI's unit", unit_from=KPI_UNIT),
    "name": replace(describe("name"), description="of the part, as the plan writes it"),
}

#: Every table ``export`` writes, in order (``observations`` and ``status`` with actuals only).
TABLES: tuple[Table, ...] = (
    Table(
        "budget", pgettext("budget table", "Budget"),
        "The plan's three budget tables, a row per basis and account, compared with the year the plan "
        "compares with, with shares of the total and amounts per resident.",
        ("basis", "account"), command="seoulplan budget --compare 2019 --per-capita", label="account_name",
    ),
    Table(
        "finance", pgettext("finance table", "Finance"),
        "Transfers, mandatory spending, funds, district budgets and municipal bonds, with shares and "
        "growth computed beside the figures the plan states.",
        ("item",), command="seoulplan finance", label="name",
    ),
    Table(
        "general", pgettext("general table", "General"),
        "Households, population, area, districts, organisation and staff, with each part's share of "
        "its total beside the share the plan states.",
        ("item",), _keys(("of", "general", "item")), command="seoulplan general", label="name",
        fields={"value": replace(describe("value"), description="in the row's unit")},
    ),
    Table(
        "covid", pgettext("covid table", "COVID-19 status"),
        "The status table of 2020-02-21 09:00, a row per measure, nationwide and Seoul side by side.",
        ("measure",), command="seoulplan covid", label="name",
    ),
    Table(
        "pillars", pgettext("pillars table", "Pillars"),
        "The five policy pillars and section IV (COVID-19 measures), with how many KPIs each has.",
        ("pillar",), label="pillar_name",
    ),
    Table(
        "strategies", pgettext("strategies table", "Strategies"),
        "The numbered strategies of each pillar, with how many targets, achievements, headlines and parameters "
        "each has.",
        ("pillar", "strategy"), _keys(("pillar", "pillars", "pillar")), label="strategy_name",
    ),
    Table(
        "kpis", pgettext("kpis table", "KPIs"),
        "Every numeric figure of the five pillars and section IV: baseline, target, the planned change and "
        "growth, what the plan states about it, and how records relate.",
        ("id",),
        _keys(
            ("pillar", "pillars", "pillar"), (("pillar", "strategy"), "strategies", ("pillar", "strategy")),
            ("same_as", "kpis", "id"), ("part_of", "kpis", "id"),
        ),
        command="seoulplan kpi --kind all", label="name",
    ),
    Table(
        "milestones", pgettext("milestones table", "KPI series"),
        "Every dated value of every KPI, long form: baseline, target, further milestones and the results "
        "the plan reports.",
        ("id", "role", "year"), _TO_KPI, fields=_KPI_VALUE,
    ),
    Table(
        "parts", pgettext("parts table", "KPI parts"),
        "The named components the plan breaks a KPI's total into, a row each.",
        ("id", "part"), _TO_KPI, fields=_KPI_VALUE,
    ),
    Table(
        "deliverables", pgettext("deliverables table", "Deliverables"),
        "The plan's dated deliverables: what it will open, complete, start, launch or hold, with the date at the "
        "precision the plan gives (start and end as ISO prefixes), the KPI that measures the same thing and "
        "the plan's excerpt.",
        ("id",),
        _keys(
            ("pillar", "pillars", "pillar"), (("pillar", "strategy"), "strategies", ("pillar", "strategy")),
            ("kpi_id", "kpis", "id"), ("same_as", "deliverables", "id"),
        ),
        command="seoulplan schedule", label="name",
        fields={
            "kind": replace(describe("kind"), description="what happens: open, complete, start_construction, "
                            "start_work, launch, hold, publish_plan, sign_agreement, select, submit, ongoing, or "
                            "done (a past fact the plan reports)"),
            "same_as": replace(describe("same_as"), description="the deliverable this record states again"),
        },
    ),
    Table(
        "audit", pgettext("audit table", "Audit"),
        "Every sum, difference, share, average, count, comparison and restatement the plan states, recomputed "
        "from its own figures, with the rule applied and the plan's excerpt.",
        ("check_id",), command="seoulplan audit",
        fields={
            "section": replace(describe("section"), description="budget, finance, general, covid, kpi, counts, "
                               "pillars or deliverables"),
            "kind": replace(describe("kind"), description="sum, average, count, comparison or restatement (a check), "
                            "or ambition (a target no better than its baseline)"),
            "unit": replace(describe("unit"), description="of stated, computed and tolerance"),
            "note": describe("note").titled("audit", "the rule applied, in words"),
        },
    ),
    Table(
        "observations", pgettext("observations table", "Observations"),
        "Every actual of the ledger, measured against the KPI's value for its year: attainment, "
        "progress, the pace expected by then, and the status.",
        ("id", "as_of"), _TO_KPI,
        fields={
            "actual": replace(describe("actual"), description="as reported, in the KPI's unit"),
            "target": replace(describe("target"), description="the KPI's value for the year of the actual"),
        },
    ),
    Table(
        "budget_observations", pgettext("budget_observations table", "Budget observations"),
        "Every row of the budget ledger: the original and supplementary budgets, and each execution "
        "measured at its own date against the budget in force then and the pace through the year.",
        ("item", "phase", "as_of_date"), _keys((("basis", "account"), "budget", ("basis", "account"))),
        fields={"amount_eok": replace(describe("amount_eok"), description="the level set, or the amount spent")},
    ),
    Table(
        "status", pgettext("status table", "Status"),
        "Every target at the date of the question: the actual standing then, measured, with the one before "
        "it; 미보고 for a target with none.",
        ("id",), _TO_KPI, command="seoulplan kpi status --actuals FILE", label="name",
        fields={
            "actual": replace(describe("actual"), description="the latest, in the KPI's unit"),
            "target": replace(describe("target"), description="the KPI's value for the year of the actual"),
        },
    ),
)  # fmt: skip
BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]


def type_of(dtype: object, fld: Entry) -> str:
    """The Table Schema type of a column: from its dtype, unless the field says more (date)."""
    if fld.type:
        return fld.type
    text = str(dtype)
    if text.startswith(("Int", "int")):
        return "integer"
    if text.startswith(("Float", "float")):
        return "number"
    if text in ("boolean", "bool"):
        return "boolean"
    return "string"


def source(plan: Mapping) -> str:
    """The plan the data comes from, in one line: ``서울특별시 2020 주요 업무계획 (2020-02)``."""
    published = plan.get("published")
    return f"{plan.get('issuer', '')} {plan['title']}".strip() + (f" ({published})" if published else "")


def source_en(plan: Mapping) -> str:
    title, issuer = plan.get("title_en") or plan["title"], plan.get("issuer_en") or plan.get("issuer", "")
    return f"{issuer}, {title}".strip(", ")
