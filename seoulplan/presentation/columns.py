"""Every machine column, described once: its headers in Korean and English, its cell kind,
its unit and what it holds.

One :class:`Entry` per column name (the frames' snake_case names, the same in every table
that has the column). Everything that shows or describes a column reads it here: the views
(:mod:`~seoulplan.presentation.views`: a table's header and how each cell reads), the
report's tables, the workbook's headers and number formats, the Data Package's Table
Schemas, the SQLite ``_columns`` table and the Datasette metadata
(:mod:`~seoulplan.presentation.catalogue` adds what is per table: keys and a description
where the column means more there), and the completion of ``--columns`` and ``--sort``.
Adding a column to a frame needs one entry here, and its Korean in the catalogue of
messages; a table that shows its whole frame shows it with no other change.

Decisions:

- **The words come from gettext.** A title is an English message with the column's name as
  its context (``pgettext("share_pct", "Share")``), translated to Korean in
  ``seoulplan/locale/ko_KR/LC_MESSAGES/seoulplan.po`` like every other message, so that one
  catalogue holds every word a person reads. The context keeps a column's words apart from
  the same English elsewhere ("Targets" is 목표 수 as a column's title, 목표 in a table's
  header). The words are looked up when shown, in the language asked for, not the active
  one: a Data Package carries both titles at once.
- **A title, and a header where a table says it shorter.** The title names the column
  standing alone (a spreadsheet's header, a Data Package field: ``목표 수``); ``NAME:
  table`` is how tables head it when that differs (``목표``); other variants, ``NAME:
  VARIANT``, are one table's own header for it (the budget heads ``amount_eok`` with its
  year, ``{year}년``), placeholders filled by the view.
- **The unit follows the kind.** Money kinds are in the unit their name says (``_eok`` 억원,
  ``_krw`` 원) and ``pct`` in %; a fixed unit of another column (``명``) is written in its
  entry; a KPI's figures are in the KPI's own unit, which another column names
  (``unit_from``).
- **Types are not written here**: a column's type is its frame's dtype (``Int64`` →
  integer, …), so a description cannot disagree with the data; ``type`` says only what a
  dtype cannot (``date``: text as YYYY-MM-DD).

This module is cheap to import (no pandas): ``--columns`` completion reads it.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass, field, replace
from typing import Any

from seoulplan.core import i18n
from seoulplan.presentation import formatting as fmt


@functools.cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalogue of ``locale``, read once."""
    return i18n.catalogue(locale)


@dataclass(frozen=True)
class Words:
    """A column's words: an English message and its context, looked up when shown."""

    context: str
    message: str

    def __call__(self, locale: str = "ko_KR", **values: Any) -> str:
        """The words in ``locale``, placeholders (``{year}``) filled from ``values``."""
        text = translations(locale).pgettext(self.context, self.message)
        return text.format(**values) if values else text

    @property
    def variant(self) -> str | None:
        """What the context names after the column: ``table`` in ``"pillar: table"``."""
        return self.context.partition(": ")[2] or None


def pgettext(context: str, message: str) -> Words:
    """Mark a column's words for the catalogue and keep them to be looked up when shown.

    Named as gettext's own function so that ``pybabel extract`` finds the message and its
    context with its default keywords (README "Messages and translations")."""
    return Words(context, message)


#: The unit a kind of column is in.
KIND_UNITS = {"eok": "억원", "krw": "원", "pct": "%"}
#: Where a KPI's figures find their unit: the KPI's own ``unit``.
KPI_UNIT, ROW_UNIT = "kpis.unit", "unit"


def unit_heading(unit: str, locale: str, *, to: str = "auto") -> str:
    """A unit as a heading writes it: as written in Korean (``억원``); in English money as
    ``KRW 100 million`` (in the unit ``to`` asks for), ``명`` as ``people``
    (:func:`~seoulplan.presentation.formatting.named_unit`)."""
    if locale != "en_US":
        return unit
    if unit in fmt.UNIT_WON:
        return fmt.unit_label(to, unit.removesuffix("원") or "원", locale)
    return fmt.named_unit(unit, locale)


@dataclass(frozen=True)
class Entry:
    """One machine column: its title and headers, how a cell of it reads, its unit, what it holds.

    The column's name is its title's context. ``kind`` names a cell formatter of
    :data:`seoulplan.presentation.views.KINDS`: text, year, int, number, eok (억원), krw (원),
    pct, pp (a change in %p), quantity / change / estimate (a value in the row's ``unit``),
    dated (a KPI figure with its year), name (Korean as written; English from the record or
    the glossary), unit, status, list, parts, stated / computed (the audit's figures), raw (a
    column the registry lacks). ``shown``: False for a key or an English twin that the name
    beside it shows, left out of the tables that show a whole frame.
    """

    title: Words
    kind: str = "text"
    description: str = ""
    variants: tuple[Words, ...] = ()
    unit: str | None = None  # a fixed unit; None: the one the kind implies, if any
    unit_from: str | None = None  # where a per-row unit is: "unit" (this row's) or "kpis.unit"
    type: str | None = None  # only where the dtype does not say it: "date" (text as YYYY-MM-DD)
    shown: bool = True
    name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.title.context.partition(": ")[0])

    def words(self, variant: str | None = None) -> Words:
        """The header a table gives the column: its ``variant``, else how tables head it, else its title."""
        own = {w.variant: w for w in self.variants}
        if variant is None:
            return own.get("table", self.title)
        if variant == "title":
            return self.title
        return own[variant]

    @property
    def ko(self) -> str:
        return self.title("ko_KR")

    @property
    def en(self) -> str:
        return self.title("en_US")

    @property
    def fixed_unit(self) -> str | None:
        return self.unit if self.unit is not None else KIND_UNITS.get(self.kind)

    def heading(self, locale: str = "ko_KR") -> str:
        """The title with its unit, as a spreadsheet's header shows it: ``금액 (억원)``,
        ``Amount (KRW 100 million)``."""
        unit = self.fixed_unit
        return self.title(locale) + (f" ({unit_heading(unit, locale)})" if unit else "")

    def explained(self) -> str:
        """Both titles, the unit and the description, in one line (for Datasette's column notes)."""
        unit = self.fixed_unit or (f"the unit in {self.unit_from}" if self.unit_from else None)
        text = f"{self.ko} · {self.en}" + (f" ({unit})" if unit else "")
        return text + (f": {self.description}" if self.description else "")

    def titled(self, variant: str, description: str | None = None) -> Entry:
        """The column as one table titles it (its ``variant``), with that table's description."""
        return replace(
            self, title=self.words(variant), description=self.description if description is None else description
        )


def _registry(*entries: Entry) -> dict[str, Entry]:
    return {e.name: e for e in entries}


#: Every machine column, by name, in the order of the tables that first have it.
REGISTRY: dict[str, Entry] = _registry(
    # -- budget ------------------------------------------------------------------------------
    Entry(
        pgettext("basis", "Basis"),
        description="gross (총계 예산), net (순계 규모) or execution (실집행 규모)",
        shown=False,
    ),
    Entry(pgettext("basis_name", "Basis name"), "name", variants=(pgettext("basis_name: table", "Basis"),)),
    Entry(pgettext("basis_name_en", "Basis name (English)"), shown=False),
    Entry(
        pgettext("account", "Account"),
        description="total (합계), general (일반회계) or special (특별회계)",
        shown=False,
    ),
    Entry(pgettext("account_name", "Account name"), "name", variants=(pgettext("account_name: table", "Account"),)),
    Entry(pgettext("account_name_en", "Account name (English)"), shown=False),
    Entry(pgettext("year", "Year"), "year", shown=False),
    Entry(pgettext("amount_eok", "Amount"), "eok", variants=(pgettext("amount_eok: year", "{year}"),)),
    Entry(
        pgettext("share_pct", "Share"),
        "pct",
        "of the total the row is a part of, computed",
        variants=(
            pgettext("share_pct: computed", "Share (computed)"),
            pgettext("share_pct: general", "Share (computed)"),
            pgettext("share_pct: year", "Share {year}"),
        ),
    ),
    Entry(
        pgettext("compare_year", "Compare year"),
        "year",
        "the year compared with (the 2019 original budget)",
        shown=False,
    ),
    Entry(
        pgettext("compare_amount_eok", "Compare amount"),
        "eok",
        variants=(pgettext("compare_amount_eok: year", "{year} original"),),
    ),
    Entry(
        pgettext("compare_share_pct", "Compare share"),
        "pct",
        variants=(pgettext("compare_share_pct: year", "Share {year}"),),
    ),
    Entry(pgettext("change_eok", "Change"), "eok", "amount − compare amount"),
    Entry(
        pgettext("growth_pct", "Growth"),
        "pct",
        "change ÷ the earlier figure × 100, at full precision",
        variants=(pgettext("growth_pct: computed", "Growth (computed)"),),
    ),
    Entry(
        pgettext("per_capita_krw", "Per capita"),
        "krw",
        "amount ÷ the plan's population, in whole 원",
        variants=(pgettext("per_capita_krw: year", "Per capita {year}"),),
    ),
    Entry(
        pgettext("compare_per_capita_krw", "Compare per capita"),
        "krw",
        variants=(pgettext("compare_per_capita_krw: year", "Per capita {year}"),),
    ),
    # -- finance and general -------------------------------------------------------------------
    Entry(pgettext("section", "Section"), shown=False),
    Entry(pgettext("section_name", "Section name"), "name", variants=(pgettext("section_name: table", "Section"),)),
    Entry(pgettext("section_name_en", "Section name (English)"), shown=False),
    Entry(pgettext("item", "Item"), shown=False),
    Entry(
        pgettext("name", "Name"),
        "name",
        "in Korean, as the plan writes it",
        variants=(
            pgettext("name: table", "Name"),
            pgettext("name: item", "Item"),
            pgettext("name: measure", "Measure"),
            pgettext("name: deliverable", "Deliverable"),
        ),
    ),
    Entry(pgettext("name_en", "English name"), variants=(pgettext("name_en: table", "English name"),), shown=False),
    Entry(pgettext("count", "Count"), "int", "for an item that is a count, not money"),
    Entry(
        pgettext("stated_share_pct", "Share (stated)"),
        "pct",
        "as the plan prints it",
        variants=(pgettext("stated_share_pct: general", "Share (stated)"),),
    ),
    Entry(pgettext("stated_change_eok", "Change (stated)"), "eok", "as the plan prints it"),
    Entry(pgettext("implied_compare_eok", "Compare amount (implied)"), "eok", "amount − stated change"),
    Entry(pgettext("stated_growth_pct", "Growth (stated)"), "pct", "as the plan prints it"),
    Entry(pgettext("computed_eok", "Computed"), "eok", "what the plan's figures give for a derived item"),
    Entry(pgettext("computed_from", "Computed from")),
    Entry(pgettext("group", "Group"), shown=False),
    Entry(pgettext("group_name", "Group name"), "name", variants=(pgettext("group_name: table", "Group"),)),
    Entry(pgettext("group_name_en", "Group name (English)"), shown=False),
    Entry(pgettext("value", "Value"), "quantity", unit_from=ROW_UNIT),
    Entry(pgettext("unit", "Unit"), "unit", "as the plan writes it"),
    Entry(pgettext("of", "Part of"), description="the item (of the same table) this one is a part of", shown=False),
    # -- covid ---------------------------------------------------------------------------------
    Entry(pgettext("measure", "Measure"), shown=False),
    Entry(pgettext("national", "Nationwide"), "int", unit="명"),
    Entry(pgettext("seoul", "Seoul"), "int", unit="명"),
    Entry(pgettext("seoul_share_pct", "Seoul share"), "pct", "Seoul ÷ nationwide × 100"),
    Entry(pgettext("national_part_pct", "Nationwide: part of total"), "pct", "of 확진환자 or 의사환자, nationwide"),
    Entry(pgettext("seoul_part_pct", "Seoul: part of total"), "pct", "of 확진환자 or 의사환자, in Seoul"),
    Entry(pgettext("overseas", "Overseas"), "int", unit="명"),
    # -- pillars and strategies ----------------------------------------------------------------
    Entry(
        pgettext("pillar", "Pillar"),
        description="future, safety, welfare, balance, democracy, or covid (section IV)",
        variants=(pgettext("pillar: table", "Pillar"), pgettext("pillar: label", "Pillar (slug, KPIs)")),
    ),
    Entry(
        pgettext("pillar_number", "Pillar number"),
        "int",
        "1–5; none for section IV",
        variants=(pgettext("pillar_number: table", "No."),),
    ),
    Entry(
        pgettext("pillar_name", "Pillar name"),
        "name",
        variants=(pgettext("pillar_name: table", "Pillar name"), pgettext("pillar_name: label", "Pillar")),
    ),
    Entry(pgettext("pillar_name_en", "Pillar name (English)"), shown=False),
    Entry(
        pgettext("pillar_kpis", "KPIs in the pillar"),
        "int",
        "records of every kind",
        variants=(pgettext("pillar_kpis: total", "All"),),
    ),
    Entry(pgettext("pillar_targets", "Targets in the pillar"), "int"),
    Entry(
        pgettext("strategy", "Strategy"),
        "int",
        "numbered within the pillar",
        variants=(pgettext("strategy: table", "Strategy"),),
    ),
    Entry(pgettext("strategy_name", "Strategy name"), "name"),
    Entry(pgettext("strategy_name_en", "Strategy name (English)"), shown=False),
    Entry(pgettext("kpis", "KPIs"), "int", "records of every kind"),
    Entry(
        pgettext("targets", "Targets"),
        "int",
        "figures the plan aims at",
        variants=(pgettext("targets: table", "Targets"),),
    ),
    Entry(
        pgettext("with_baseline", "Targets with a baseline"),
        "int",
        variants=(pgettext("with_baseline: table", "With baseline"),),
    ),
    Entry(
        pgettext("achievements", "Achievements"),
        "int",
        "results the plan reports, with no target of their own",
        variants=(pgettext("achievements: table", "Achievements"),),
    ),
    Entry(
        pgettext("headlines", "Headlines"),
        "int",
        "rounded restatements of another record",
        variants=(pgettext("headlines: table", "Headlines"),),
    ),
    Entry(
        pgettext("parameters", "Parameters"),
        "int",
        "figures that are not goals: thresholds, caps, periods, sizes",
        variants=(pgettext("parameters: table", "Parameters"),),
    ),
    # -- milestones and parts ------------------------------------------------------------------
    Entry(pgettext("role", "Role"), description="baseline, target, milestone, or actual (a result the plan reports)"),
    Entry(pgettext("part", "Part"), "int", "its place in the plan's list, from 1"),
    # -- the KPIs ------------------------------------------------------------------------------
    Entry(pgettext("id", "ID"), description="<pillar>.<slug>, unique and stable"),
    Entry(
        pgettext("direction", "Direction"),
        "direction",
        description="increase, decrease, maintain (a level or range to keep), at_most (a ceiling, met while the "
        "actual is at most the target) or at_least (a floor, met while it is at least the target)",
    ),
    Entry(
        pgettext("kind", "Kind"),
        "kind",
        description="target, achievement (a result the plan reports), headline (restates another) or parameter "
        "(a figure that is not a goal: a threshold, a cap, a period, a size; never measured)",
        variants=(pgettext("kind: audit", "Kind of check"),),
    ),
    Entry(pgettext("baseline_year", "Baseline year"), "year"),
    Entry(pgettext("baseline", "Baseline"), "dated", unit_from=KPI_UNIT),
    Entry(pgettext("target_year", "Target year"), "year"),
    Entry(pgettext("target", "Target"), "dated", unit_from=KPI_UNIT, variants=(pgettext("target: value", "Value"),)),
    Entry(pgettext("change", "Change"), "change", "target − baseline (in pp for a KPI in %)", unit_from=KPI_UNIT),
    Entry(
        pgettext("pace", "Pace"),
        "pace",
        description="how a target is paced before its deadline: baseline (from the baseline), start (a total "
        "counted from zero at pace_start), plan_year (an increase target from zero at the start of the plan's "
        "year), none (a limit, a level to keep, a level or rate without a baseline) or open (a target the plan "
        "gives from target_year on and by no year: no deadline, never missed); empty for a record that is not "
        "a target",
    ),
    Entry(
        pgettext("pace_start", "Pace start"),
        description="the date the pace starts from (the end of the baseline's year for baseline)",
        type="date",
    ),
    Entry(
        pgettext("milestones", "Other years"),
        "list",
        "the values of the other years the plan states, before or after the target: 2021: 25; 2022: 30",
    ),
    Entry(pgettext("last_year", "Last year"), "year"),
    Entry(pgettext("last", "Last value"), "quantity", "the last value of the series", unit_from=KPI_UNIT),
    Entry(
        pgettext("cagr_pct", "CAGR"),
        "pct",
        "compound annual growth from the baseline to the target, over the years between them",
    ),
    Entry(pgettext("stated_change", "Change (stated)"), "change", "as the plan prints it", unit_from=KPI_UNIT),
    Entry(pgettext("stated_change_pct", "Growth (stated)"), "pct", "as the plan prints it"),
    Entry(pgettext("stated_multiple", "Multiple (stated)"), "number", "as the plan prints it"),
    Entry(pgettext("parts", "Parts"), "parts", "the named components, as text (the parts table has them a row each)"),
    Entry(
        pgettext("parts_en", "Parts (English)"),
        description="the named components by their English names, as text",
        shown=False,
    ),
    Entry(pgettext("parts_total", "Parts total"), "quantity", unit_from=KPI_UNIT),
    Entry(
        pgettext("parts_partial", "Parts partial"), description="the plan's list ends in 등: the parts need not add up"
    ),
    Entry(pgettext("actual_year", "Actual year"), "year"),
    Entry(
        pgettext("actual", "Actual"),
        "dated",
        "a result the plan reports",
        unit_from=KPI_UNIT,
        variants=(pgettext("actual: as of", "Actual (as of)"),),
    ),
    Entry(pgettext("stated_attainment_pct", "Attainment (stated)"), "pct", "as the plan prints it"),
    Entry(
        pgettext("change_direction", "Direction"),
        description="increase or decrease: which way the target moves from its baseline (Plan.biggest_changes)",
    ),
    Entry(pgettext("rank", "Rank"), "int", "its place among the largest changes of its pillar and direction, from 1"),
    Entry(
        pgettext("unambitious", "Unambitious"),
        description="the target is no better than the baseline in the KPI's direction",
    ),
    Entry(pgettext("same_as", "Same as"), description="the detailed record a headline restates"),
    Entry(pgettext("part_of", "Part of"), description="the total this record is a component of"),
    Entry(pgettext("components", "Components"), description="the records that are parts of this one"),
    Entry(pgettext("restated_as", "Restated as"), description="the headlines that restate this one"),
    Entry(
        pgettext("suspect", "Suspect"),
        description="why a printed figure looks like a typo of the plan (kept as printed)",
    ),
    Entry(
        pgettext("source", "Source (verbatim)"),
        description="the plan's text the figures were read from, verbatim",
        variants=(pgettext("source: plan", "The plan's words"),),
    ),
    Entry(pgettext("quotes", "Other excerpts (verbatim)"), description="further verbatim excerpts"),
    Entry(pgettext("note", "Note"), variants=(pgettext("note: audit", "Note"),)),
    # -- audit ---------------------------------------------------------------------------------
    Entry(pgettext("check_id", "Check")),
    Entry(pgettext("record_id", "Record"), description="the budget row, item or KPI checked"),
    Entry(pgettext("check", "What is checked"), "name", "in Korean, with the plan's names"),
    Entry(
        pgettext("check_en", "What is checked (English)"),
        description="in English, with the records' English names",
        shown=False,
    ),
    Entry(pgettext("stated", "Stated"), "stated", "what the plan prints", unit_from=ROW_UNIT),
    Entry(pgettext("computed", "Computed"), "computed", "what the plan's own figures give", unit_from=ROW_UNIT),
    Entry(
        pgettext("rule", "Rule"),
        description="exact, rounded, at most, at least, more than, less than, headline, approximate, shares or "
        "unverifiable",
        variants=(pgettext("rule: result", "Result"),),
    ),
    Entry(pgettext("tolerance", "Tolerance"), "number", unit_from=ROW_UNIT),
    Entry(pgettext("ok", "Agrees"), description="true, false, or empty when the check cannot be verified"),
    Entry(pgettext("checks", "Checks"), "int", "how many checks of the kind"),
    Entry(pgettext("agree", "Agree"), "int", "how many of them agree"),
    Entry(pgettext("disagree", "Disagree"), "int", "how many disagree"),
    Entry(pgettext("unverifiable", "Unverifiable"), "int", "how many cannot be told from the plan's figures"),
    # -- the ledger and attainment -------------------------------------------------------------
    Entry(pgettext("as_of", "As of"), description="the date or period of the actual, as written (2020-Q2)"),
    Entry(pgettext("as_of_date", "As-of date"), description="the end of that period", type="date"),
    Entry(
        pgettext("attainment_pct", "Attainment"),
        "pct",
        "increase, at_least: actual ÷ target; decrease, at_most: target ÷ actual",
        variants=(pgettext("attainment_pct: printed", "Attainment (against the target printed)"),),
    ),
    Entry(pgettext("progress_pct", "Progress"), "pct", "the way from the point before to the target"),
    Entry(pgettext("expected_progress_pct", "Expected progress"), "pct", "where the straight line is by then"),
    Entry(pgettext("expected", "Expected"), "estimate", "the value on the straight line by then", unit_from=KPI_UNIT),
    Entry(
        pgettext("status", "Status"),
        "status",
        "달성, 근접, 미달, 순항, 지연, 진행 중 or 미보고 (README: How a target is paced)",
        variants=(pgettext("status: latest", "Latest status"),),
    ),
    Entry(
        pgettext("stale", "Stale"),
        description="the actual is older than --stale-after days at the date of the question",
    ),
    Entry(
        pgettext("projected", "Projected"),
        "estimate",
        "where the line from the pace's start through the latest actual reaches at the deadline",
        unit_from=KPI_UNIT,
        variants=(pgettext("projected: table", "Projected"),),
    ),
    Entry(
        pgettext("projected_attainment_pct", "Projected attainment"), "pct", "the projected value against the target"
    ),
    Entry(
        pgettext("evaluated_at", "Evaluated at"),
        description="the date of the question (--as-of, else today within the plan's years)",
        type="date",
    ),
    Entry(pgettext("period", "Period")),
    Entry(pgettext("period_end", "Period end"), description="the last day of the period", type="date"),
    Entry(pgettext("from_date", "From"), description="the earlier date of the comparison", type="date"),
    Entry(pgettext("from_status", "Status then"), "status", "at the earlier date"),
    Entry(pgettext("from_as_of", "As of then"), description="the actual standing at the earlier date"),
    Entry(
        pgettext("from_actual", "Actual then"),
        "quantity",
        unit_from=KPI_UNIT,
        variants=(pgettext("from_actual: date", "Actual {date}"),),
    ),
    Entry(pgettext("to_date", "To"), description="the later date of the comparison", type="date"),
    Entry(
        pgettext("to_status", "Status now"),
        "status",
        "at the later date",
        variants=(pgettext("to_status: change", "Change"),),
    ),
    Entry(pgettext("to_as_of", "As of now"), description="the actual standing at the later date"),
    Entry(
        pgettext("to_actual", "Actual now"),
        "quantity",
        unit_from=KPI_UNIT,
        variants=(pgettext("to_actual: date", "Actual {date}"),),
    ),
    Entry(pgettext("previous_as_of", "Previous as of")),
    Entry(pgettext("previous_actual", "Previous actual"), "quantity", unit_from=KPI_UNIT),
    Entry(pgettext("change_since_previous", "Change since previous"), "change", unit_from=KPI_UNIT),
    Entry(pgettext("line", "Line"), "int", "of the observation in the actuals file"),
    Entry(pgettext("with_actuals", "With actuals"), "int"),
    # -- the budget through its year ---------------------------------------------------------
    Entry(
        pgettext("original_eok", "Original budget"),
        "eok",
        "본예산: the ledger's original budget, else the plan's",
        variants=(pgettext("original_eok: table", "Original"),),
    ),
    Entry(
        pgettext("current_eok", "Current budget"),
        "eok",
        "after the last supplementary budget on or before the date, else the original",
        variants=(pgettext("current_eok: table", "Current"),),
    ),
    Entry(pgettext("supplementaries", "Supplementary budgets"), "int", "how many (추경) by the date"),
    Entry(
        pgettext("supplementary_change_eok", "Change by supplementary budgets"),
        "eok",
        "current − original",
        variants=(pgettext("supplementary_change_eok: table", "Change (supplementary)"),),
    ),
    Entry(
        pgettext("supplementary_change_pct", "Change by supplementary budgets (%)"),
        "pct",
        "current ÷ original × 100 − 100",
        variants=(pgettext("supplementary_change_pct: table", "Change %"),),
    ),
    Entry(pgettext("executed_eok", "Executed"), "eok", "spent to date (집행액; a settlement once there is one)"),
    Entry(pgettext("execution_rate_pct", "Execution rate"), "pct", "집행률: executed ÷ current budget × 100"),
    Entry(
        pgettext("expected_execution_pct", "Expected execution"),
        "pct",
        "where the pace is by the date: the straight line through the year, or through stated points",
    ),
    Entry(
        pgettext("over_budget", "Over budget"),
        description="the execution exceeds the current budget (flagged, not refused)",
    ),
    Entry(pgettext("settled_eok", "Settled"), "eok", "결산: the year's settled spending, once reported"),
    Entry(
        pgettext("phase", "Phase"),
        "phase",
        "original (본예산), supplementary (추경), executed (집행) or settled (결산)",
    ),
    Entry(
        pgettext("change_pct", "Change %"),
        "pct",
        "change ÷ the level before × 100",
    ),
    Entry(pgettext("supplementary_number", "No."), "int", "the supplementary budget's number (1차, 2차 …)"),
    Entry(
        pgettext("amount", "Amount"),
        description="a budget ledger's amount as written: 8,619억, 1조 2,345억원; a bare number is in 억원",
    ),
    Entry(pgettext("achieved", "Met"), "int"),
    Entry(pgettext("near", "Near"), "int"),
    Entry(pgettext("missed", "Missed"), "int"),
    Entry(pgettext("on_pace", "On pace"), "int"),
    Entry(pgettext("behind", "Behind"), "int"),
    Entry(pgettext("in_progress", "In progress"), "int"),
    Entry(pgettext("not_reported", "Not reported"), "int"),
    # -- schedule: the plan's dated deliverables (SPEC §2 schedule) ---------------------------
    Entry(
        pgettext("due", "Due"),
        description="the month (2020-07) or quarter (2020-Q3) the deliverable falls due in: the period of its "
        "end (a year-precision item: its December); an open start: the period it starts",
    ),
    Entry(
        pgettext("start", "Start"),
        description="the first year, month or day the date covers, as an ISO prefix (2020, 2020-07, 2020-09-22); "
        "empty for a deadline (~'22.11)",
    ),
    Entry(
        pgettext("end", "End"),
        description="the last year, month or day the date covers, as an ISO prefix; the start's own for a single "
        "date, empty for an open start ('20.2~)",
    ),
    Entry(
        pgettext("precision", "Precision"),
        description="how precise the plan's date is: year, half, quarter, month or day",
    ),
    Entry(
        pgettext("when", "As printed"),
        description="the date as the plan prints it: ('20.3~8월), (9.22.~26)",
        variants=(pgettext("when: span", "Date"),),
    ),
    Entry(pgettext("place", "Place"), description="the place or facility, where the plan names one"),
    Entry(pgettext("kpi_id", "KPI"), description="the KPI that measures the same thing"),
    Entry(
        pgettext("done", "Done"),
        description="the day the deliverable was done, from the delivery ledger (a status 완료 without a date: "
        "its as_of)",
        type="date",
    ),
    Entry(
        pgettext("days_late", "Days late"),
        "int",
        "done: the days from the deadline to the day it was done (0 on time); overdue: the days since the "
        "deadline at the date of the question",
    ),
)


def describe(name: str) -> Entry:
    """The column ``name`` as the registry describes it; a name it lacks keeps its name as
    its titles, its cells as they are (a period of ``track``'s table)."""
    return REGISTRY.get(name) or Entry(Words(name, name), "raw")


def known(name: str) -> bool:
    """Whether the registry describes the column ``name``."""
    return name in REGISTRY
