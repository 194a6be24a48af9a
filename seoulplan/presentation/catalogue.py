"""What every machine table and column is, written once: titles in Korean and English, a
description, the unit, and each table's keys.

Every writer that describes its output reads this: the SQLite database (its ``_tables`` and
``_columns`` and the Datasette metadata beside it), the Data Package's Table Schemas, and
the xlsx workbook's headers and number formats. Types are *not* written here: a column's
type is its frame's dtype (``Int64`` → integer, ``Float64`` → number, ``string`` → text,
``boolean``), so a description cannot disagree with the data. A unit follows the column's
name where the name says one (``_eok`` 억원, ``_krw`` 원, ``_pct`` %); a KPI's figures are in
the KPI's own unit, which another column names (``unit_from``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from seoulplan.presentation.formatting import named_unit
from seoulplan.presentation.views import KPI_COLUMNS

#: Units a column's name implies.
SUFFIX_UNITS = {"_eok": "억원", "_krw": "원", "_pct": "%"}


@dataclass(frozen=True)
class Field:
    """One machine column: what it is called in Korean and English, and what it holds."""

    name: str
    ko: str
    en: str
    description: str = ""
    unit: str | None = None  # a fixed unit; None: the one the name implies, if any
    unit_from: str | None = None  # where a per-row unit is: "unit" (this row's) or "kpis.unit"
    type: str | None = None  # only where the dtype does not say it: "date" (text as YYYY-MM-DD)

    @property
    def fixed_unit(self) -> str | None:
        if self.unit is not None:
            return self.unit
        return next((unit for suffix, unit in SUFFIX_UNITS.items() if self.name.endswith(suffix)), None)

    def title(self, locale: str = "ko_KR") -> str:
        return self.en if locale == "en_US" else self.ko

    def heading(self, locale: str = "ko_KR") -> str:
        """The title with its unit, as a spreadsheet's header shows it: ``금액 (억원)``,
        ``Amount (KRW 100 million)``."""
        unit = self.fixed_unit
        return self.title(locale) + (f" ({named_unit(unit, locale)})" if unit else "")

    def explained(self) -> str:
        """Both titles, the unit and the description, in one line (for Datasette's column notes)."""
        unit = self.fixed_unit or (f"the unit in {self.unit_from}" if self.unit_from else None)
        text = f"{self.ko} · {self.en}" + (f" ({unit})" if unit else "")
        return text + (f": {self.description}" if self.description else "")


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the export: its titles, description, keys and the command that prints it."""

    name: str
    ko: str
    en: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    command: str = ""  # the command whose machine output has the same rows and columns
    label: str | None = None  # the column that names a row (Datasette links to it by this)
    fields: Mapping[str, Field] = field(default_factory=dict)  # where a column means more here

    def field(self, name: str) -> Field:
        return self.fields.get(name) or describe(name)


def _fields(*rows: tuple) -> dict[str, Field]:
    return {row[0]: Field(*row) for row in rows}


_KPI_TITLES = {c.key: (c.ko, c.en or c.key) for c in KPI_COLUMNS}


def _kpi(name: str, description: str = "", **more: str) -> Field:
    """A column the KPI table shows: titled as the KPI view heads it."""
    ko, en = _KPI_TITLES[name]
    return Field(name, ko, en, description, **more)


KPI_UNIT, ROW_UNIT = "kpis.unit", "unit"

FIELDS: dict[str, Field] = {
    **_fields(
        # budget
        ("basis", "예산 기준 키", "Basis", "gross (총계 예산), net (순계 규모) or execution (실집행 규모)"),
        ("basis_name", "예산 기준", "Basis name"),
        ("basis_name_en", "예산 기준 영문", "Basis name (English)"),
        ("account", "회계 키", "Account", "total (합계), general (일반회계) or special (특별회계)"),
        ("account_name", "회계", "Account name"),
        ("account_name_en", "회계 영문", "Account name (English)"),
        ("year", "연도", "Year"),
        ("amount_eok", "금액", "Amount"),
        ("share_pct", "구성비", "Share", "of the total the row is a part of, computed"),
        ("compare_year", "비교연도", "Compare year", "the year compared with (the 2019 original budget)"),
        ("compare_amount_eok", "비교연도 금액", "Compare amount"),
        ("compare_share_pct", "비교연도 구성비", "Compare share"),
        ("change_eok", "증감", "Change", "amount − compare amount"),
        ("growth_pct", "증감률", "Growth", "change ÷ the earlier figure × 100, at full precision"),
        ("per_capita_krw", "1인당 금액", "Per capita", "amount ÷ the plan's population, in whole 원"),
        ("compare_per_capita_krw", "비교연도 1인당 금액", "Compare per capita"),
        # finance and general
        ("section", "부문 키", "Section"),
        ("section_name", "부문", "Section name"),
        ("section_name_en", "부문 영문", "Section name (English)"),
        ("item", "항목 키", "Item"),
        ("name", "이름", "Name", "in Korean, as the plan writes it"),
        ("name_en", "영문 이름", "English name"),
        ("count", "개수", "Count", "for an item that is a count, not money"),
        ("stated_share_pct", "구성비(계획)", "Share (stated)", "as the plan prints it"),
        ("stated_change_eok", "증감(계획)", "Change (stated)", "as the plan prints it"),
        ("implied_compare_eok", "비교연도 금액(역산)", "Compare amount (implied)", "amount − stated change"),
        ("stated_growth_pct", "증감률(계획)", "Growth (stated)", "as the plan prints it"),
        ("computed_eok", "계산값", "Computed", "what the plan's figures give for a derived item"),
        ("computed_from", "계산식", "Computed from"),
        ("group", "분류 키", "Group"),
        ("group_name", "분류", "Group name"),
        ("group_name_en", "분류 영문", "Group name (English)"),
        ("value", "값", "Value", "", None, ROW_UNIT),
        ("unit", "단위", "Unit", "as the plan writes it"),
        ("of", "상위 항목", "Part of", "the item (of the same table) this one is a part of"),
        # covid
        ("measure", "구분 키", "Measure"),
        ("national", "전국", "Nationwide", "", "명"),
        ("seoul", "서울시", "Seoul", "", "명"),
        ("seoul_share_pct", "서울 비중", "Seoul share", "Seoul ÷ nationwide × 100"),
        ("national_part_pct", "전국 내 비율", "Nationwide: part of total", "of 확진환자 or 의사환자, nationwide"),
        ("seoul_part_pct", "서울 내 비율", "Seoul: part of total", "of 확진환자 or 의사환자, in Seoul"),
        ("overseas", "국외", "Overseas", "", "명"),
        # pillars and strategies
        ("pillar", "분야 키", "Pillar", "future, safety, welfare, balance, democracy, or covid (section IV)"),
        ("pillar_number", "분야 번호", "Pillar number", "1–5; none for section IV"),
        ("pillar_name", "분야", "Pillar name"),
        ("pillar_name_en", "분야 영문", "Pillar name (English)"),
        ("pillar_kpis", "분야 KPI 수", "KPIs in the pillar", "records of every kind"),
        ("pillar_targets", "분야 목표 수", "Targets in the pillar"),
        ("strategy", "전략 번호", "Strategy", "numbered within the pillar"),
        ("strategy_name", "전략", "Strategy name"),
        ("strategy_name_en", "전략 영문", "Strategy name (English)"),
        ("kpis", "KPI 수", "KPIs", "records of every kind"),
        ("targets", "목표 수", "Targets", "figures the plan aims at"),
        ("with_baseline", "기준 있는 목표 수", "Targets with a baseline"),
        ("achievements", "보고 실적 수", "Achievements", "results the plan reports, with no target of their own"),
        ("headlines", "헤드라인 수", "Headlines", "rounded restatements of another record"),
        ("parameters", "참고 수치 수", "Parameters", "figures that are not goals: thresholds, caps, periods, sizes"),
        # milestones and parts
        ("role", "구분", "Role", "baseline, target, milestone, or actual (a result the plan reports)"),
        ("part", "순번", "Part", "its place in the plan's list, from 1"),
        ("parts_en", "세부 영문", "Parts (English)", "the named components by their English names, as text"),
        # audit
        ("check_id", "점검 ID", "Check"),
        ("record_id", "대상 ID", "Record", "the budget row, item or KPI checked"),
        ("check", "점검 내용", "What is checked", "in Korean, with the plan's names"),
        ("check_en", "점검 내용 (영문)", "What is checked (English)", "in English, with the records' English names"),
        ("stated", "계획서", "Stated", "what the plan prints", None, ROW_UNIT),
        ("computed", "계산", "Computed", "what the plan's own figures give", None, ROW_UNIT),
        ("rule", "규칙", "Rule", "exact, rounded, at most, headline or unverifiable"),
        ("tolerance", "허용 오차", "Tolerance", "", None, ROW_UNIT),
        ("ok", "일치", "Agrees", "true, false, or empty when the check cannot be verified"),
        # the ledger and attainment
        ("as_of", "기준일", "As of", "the date or period of the actual, as written (2020-Q2)"),
        ("as_of_date", "기준일(날짜)", "As-of date", "the end of that period", None, None, "date"),
        (
            "attainment_pct",
            "달성률",
            "Attainment",
            "increase, at_least: actual ÷ target; decrease, at_most: target ÷ actual",
        ),
        ("progress_pct", "진척률", "Progress", "the way from the point before to the target"),
        ("expected_progress_pct", "예상 진척률", "Expected progress", "where the straight line is by then"),
        ("expected", "예상치", "Expected", "the value on the straight line by then", None, KPI_UNIT),
        ("status", "상태", "Status", "달성, 근접, 미달, 순항, 지연, 진행 중 or 미보고 (README: How a target is paced)"),
        ("stale", "오래됨", "Stale", "the actual is older than --stale-after days at the date of the question"),
        (
            "projected",
            "목표일 예상치",
            "Projected",
            "where the line from the pace's start through the latest actual reaches at the deadline",
            None,
            KPI_UNIT,
        ),
        ("projected_attainment_pct", "예상 달성률", "Projected attainment", "the projected value against the target"),
        (
            "evaluated_at",
            "질문 기준일",
            "Evaluated at",
            "the date of the question (--as-of, else today within the plan's years)",
            None,
            None,
            "date",
        ),
        ("period_end", "기간 끝", "Period end", "the last day of the period", None, None, "date"),
        ("from_date", "비교 시작일", "From", "the earlier date of the comparison", None, None, "date"),
        ("from_status", "이전 상태", "Status then", "at the earlier date"),
        ("from_as_of", "이전 기준일", "As of then", "the actual standing at the earlier date"),
        ("from_actual", "이전 실적", "Actual then", "", None, KPI_UNIT),
        ("to_date", "비교 종료일", "To", "the later date of the comparison", None, None, "date"),
        ("to_status", "이후 상태", "Status now", "at the later date"),
        ("to_as_of", "이후 기준일", "As of now", "the actual standing at the later date"),
        ("to_actual", "이후 실적", "Actual now", "", None, KPI_UNIT),
        ("previous_as_of", "이전 기준일", "Previous as of"),
        ("previous_actual", "이전 실적", "Previous actual", "", None, KPI_UNIT),
        ("change_since_previous", "이전 대비 증감", "Change since previous", "", None, KPI_UNIT),
        ("period", "기간", "Period"),
        ("line", "행 번호", "Line", "of the observation in the actuals file"),
        ("with_actuals", "실적 있음", "With actuals"),
        ("achieved", "달성", "Achieved"),
        ("near", "근접", "Near"),
        ("missed", "미달", "Missed"),
        ("on_pace", "순항", "On pace"),
        ("behind", "지연", "Behind"),
        ("in_progress", "진행 중", "In progress"),
        ("not_reported", "미보고", "Not reported"),
    ),
    # the KPIs: titled as the KPI view heads them
    **{
        f.name: f
        for f in (
            _kpi("id", "<pillar>.<slug>, unique and stable"),
            _kpi(
                "direction",
                "increase, decrease, maintain (a level or range to keep), at_most (a ceiling, met while the "
                "actual is at most the target) or at_least (a floor, met while it is at least the target)",
            ),
            _kpi(
                "kind",
                "target, achievement (a result the plan reports), headline (restates another) or parameter "
                "(a figure that is not a goal: a threshold, a cap, a period, a size; never measured)",
            ),
            _kpi("baseline_year"),
            _kpi("baseline", unit_from=KPI_UNIT),
            _kpi("target_year"),
            _kpi("target", unit_from=KPI_UNIT),
            _kpi(
                "pace",
                "how a target is paced before its deadline: baseline (from the baseline), start (a total "
                "counted from zero at pace_start), plan_year (an increase target from zero at the start of the "
                "plan's year) or none (a limit, a level to keep, a level or rate without a baseline); empty for "
                "a record that is not a target",
            ),
            _kpi(
                "pace_start", "the date the pace starts from (the end of the baseline's year for baseline)", type="date"
            ),
            _kpi("change", "target − baseline (in %p for a KPI in %)", unit_from=KPI_UNIT),
            _kpi(
                "milestones",
                "the values of the other years the plan states, before or after the target: 2021: 25; 2022: 30",
            ),
            _kpi("last_year"),
            _kpi("last", "the last value of the series", unit_from=KPI_UNIT),
            _kpi("cagr_pct", "compound annual growth from the baseline to the target, over the years between them"),
            _kpi("stated_change", "as the plan prints it", unit_from=KPI_UNIT),
            _kpi("stated_change_pct", "as the plan prints it"),
            _kpi("stated_multiple", "as the plan prints it"),
            _kpi("parts", "the named components, as text (the parts table has them a row each)"),
            _kpi("parts_total", unit_from=KPI_UNIT),
            _kpi("parts_partial", "the plan's list ends in 등: the parts need not add up"),
            _kpi("actual_year"),
            _kpi("actual", "a result the plan reports", unit_from=KPI_UNIT),
            _kpi("stated_attainment_pct", "as the plan prints it"),
            _kpi("unambitious", "the target is no better than the baseline in the KPI's direction"),
            _kpi("same_as", "the detailed record a headline restates"),
            _kpi("part_of", "the total this record is a component of"),
            _kpi("components", "the records that are parts of this one"),
            _kpi("restated_as", "the headlines that restate this one"),
            _kpi("suspect", "why a printed figure looks like a typo of the plan (kept as printed)"),
            _kpi("source", "the plan's text the figures were read from, verbatim"),
            _kpi("quotes", "further verbatim excerpts"),
            _kpi("note"),
        )
    },
}


def describe(name: str) -> Field:
    """The column ``name`` as the catalogue describes it; a name it lacks keeps its name as titles."""
    return FIELDS.get(name) or Field(name, name, name)


def _keys(*pairs: tuple[str | tuple[str, ...], str, str | tuple[str, ...]]) -> tuple[ForeignKey, ...]:
    def cols(c: str | tuple[str, ...]) -> tuple[str, ...]:
        return (c,) if isinstance(c, str) else c

    return tuple(ForeignKey(cols(a), table, cols(b)) for a, table, b in pairs)


_TO_KPI = _keys(("id", "kpis", "id"))
_KPI_VALUE = {
    "value": replace(FIELDS["value"], description="in the KPI's unit", unit_from=KPI_UNIT),
    "name": replace(FIELDS["name"], description="of the part, as the plan writes it"),
}

#: Every table ``export`` writes, in order (``observations`` and ``status`` with actuals only).
TABLES: tuple[Table, ...] = (
    Table(
        "budget", "예산규모", "Budget",
        "The plan's three budget tables, a row per basis and account, compared with the year the plan "
        "compares with, with shares of the total and amounts per resident.",
        ("basis", "account"), command="seoulplan budget --compare 2019 --per-capita", label="account_name",
    ),
    Table(
        "finance", "재정 현황", "Finance",
        "Transfers, mandatory spending, funds, district budgets and municipal bonds, with shares and "
        "growth computed beside the figures the plan states.",
        ("item",), command="seoulplan finance", label="name",
    ),
    Table(
        "general", "일반 현황", "General",
        "Households, population, area, districts, organisation and staff, with each part's share of "
        "its total beside the share the plan states.",
        ("item",), _keys(("of", "general", "item")), command="seoulplan general", label="name",
        fields={"value": replace(FIELDS["value"], description="in the row's unit")},
    ),
    Table(
        "covid", "코로나19 발생 현황", "COVID-19 status",
        "The status table of 2020-02-21 09:00, a row per measure, nationwide and Seoul side by side.",
        ("measure",), command="seoulplan covid", label="name",
    ),
    Table(
        "pillars", "정책 분야", "Pillars",
        "The five policy pillars and section IV (COVID-19 measures), with how many KPIs each has.",
        ("pillar",), label="pillar_name",
    ),
    Table(
        "strategies", "전략", "Strategies",
        "The numbered strategies of each pillar, with how many targets, achievements, headlines and parameters "
        "each has.",
        ("pillar", "strategy"), _keys(("pillar", "pillars", "pillar")), label="strategy_name",
    ),
    Table(
        "kpis", "KPI", "KPIs",
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
        "milestones", "KPI 연도별 값", "KPI series",
        "Every dated value of every KPI, long form: baseline, target, further milestones and the results "
        "the plan reports.",
        ("id", "role", "year"), _TO_KPI, fields=_KPI_VALUE,
    ),
    Table(
        "parts", "KPI 세부 구성", "KPI parts",
        "The named components the plan breaks a KPI's total into, a row each.",
        ("id", "part"), _TO_KPI, fields=_KPI_VALUE,
    ),
    Table(
        "audit", "감사", "Audit",
        "Every total, difference, share and percentage the plan states, recomputed from its own figures, "
        "with the rule applied and the plan's excerpt.",
        ("check_id",), command="seoulplan audit",
        fields={
            "section": replace(FIELDS["section"], description="budget, finance, general, covid or kpi"),
            "kind": Field("kind", "종류", "Kind", "arithmetic (a check) or ambition (a target no better than its "
                          "baseline)"),
            "unit": replace(FIELDS["unit"], description="of stated, computed and tolerance"),
            "note": Field("note", "설명", "Note", "the rule applied, in words"),
        },
    ),
    Table(
        "observations", "실적", "Observations",
        "Every actual of the ledger, measured against the KPI's value for its year: attainment, "
        "progress, the pace expected by then, and the status.",
        ("id", "as_of"), _TO_KPI,
        fields={
            "actual": Field("actual", "실적", "Actual", "as reported, in the KPI's unit", unit_from=KPI_UNIT),
            "target": Field("target", "목표", "Target", "the KPI's value for the year of the actual",
                            unit_from=KPI_UNIT),
        },
    ),
    Table(
        "status", "KPI별 상태", "Status",
        "Every target at the date of the question: the actual standing then, measured, with the one before "
        "it; 미보고 for a target with none.",
        ("id",), _TO_KPI, command="seoulplan kpi --actuals FILE", label="name",
        fields={
            "actual": Field("actual", "실적", "Actual", "the latest, in the KPI's unit", unit_from=KPI_UNIT),
            "target": Field("target", "목표", "Target", "the KPI's value for the year of the actual",
                            unit_from=KPI_UNIT),
        },
    ),
)  # fmt: skip
BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]


def type_of(dtype: object, fld: Field) -> str:
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
