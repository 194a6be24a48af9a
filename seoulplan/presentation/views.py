"""What people see of each table: headers, titles, notes and cell kinds, in Korean and English.

A view never computes a figure: it names the columns of a frame the core made, says how
each cell reads (``39조 5,359억원``, ``10.6%``, ``18개 자치구 ('19)``) and what the table is
called. Machine formats need no view: they write the frame's own columns.

:class:`Options` says which language (``--locale``). Every word a view writes that is not
data — titles, notes, status names, the names of directions, kinds and paces, unit labels —
is an English message looked up in the gettext catalogue of that language
(:meth:`Options.gettext`; the Korean is in ``seoulplan.po``), with plural forms where a count
is shown (:meth:`Options.ngettext`). In English, names come from the records' ``name_en`` or
the plan's :class:`~seoulplan.core.glossary.Glossary` (by key: budget accounts, groups,
pillars, strategies, units), and a column of money states its unit in its header
(``Amount (KRW 100 million)``) with bare numbers below. The plan's own words — the
``source`` and ``quotes`` excerpts — are shown verbatim, in Korean, in both languages: they are
the evidence a figure was read from. Notes are the dataset's, written in English, and quote
the plan's Korean where they cite it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from seoulplan.core.glossary import Glossary
from seoulplan.core.i18n import N_, _, translations
from seoulplan.core.money import UNIT_WON
from seoulplan.core.vocabulary import (
    DIRECTION_NAMES,
    KIND_NAMES,
    PACE_NAMES,
    PERIOD_NAMES,
    PERIODS,
    STATUS_KEYS,
    STATUS_NAMES,
)
from seoulplan.errors import UsageError
from seoulplan.presentation import formatting as fmt
from seoulplan.presentation.raw import flat

Row = Mapping[str, Any]

#: Units the code itself writes (the audit's multiples), in English.
BUILT_IN_UNITS = Glossary(units={"배": "{}×"})
#: Each money column kind and the unit its figures are in when ``--unit`` is ``auto``.
MONEY_KINDS = {"eok": "억", "krw": "원"}
#: The cell kinds that hold words (aligned left, blank when empty), not figures.
WORD_KINDS = ("text", "year", "unit", "status", "direction", "kind", "pace")


@dataclass(frozen=True)
class Options:
    """How people-facing values are written."""

    locale: str = "ko_KR"
    style: str = "plain"  # plain | gov (△ for negatives)
    unit: str = "auto"  # money display unit: auto | 조 | 억 | 백만 | 만 | 원 (or their English names)
    glossary: Glossary = field(default_factory=Glossary)  # the plan's English words
    width: int | None = None  # wrap tables to this many terminal cells; None: never wrap

    @property
    def english(self) -> bool:
        return self.locale == "en_US"

    def gettext(self, message: str) -> str:
        """``message`` (English) in the reader's language, from the catalogue of :attr:`locale`
        (not the active one: a view is made for its reader)."""
        return translations(self.locale).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for the count ``n`` (``1 KPI``, ``7 KPIs``; Korean has one)."""
        return translations(self.locale).ngettext(singular, plural, n)

    def say(self, korean: str, english: str) -> str:
        """A column header in the reader's language. Only headers still come in pairs (the
        column registry takes them over); every other word is :meth:`gettext`'s."""
        return english if self.english else korean


@dataclass(frozen=True)
class Column:
    """One column people see: the frame's column ``key``, its headers, how a cell reads.

    ``kind``: text, year, int, number, eok (억원), krw (원), pct, pp, quantity / change (a
    value in the row's ``unit``; a change of a % quantity is in %p), estimate (a quantity
    rounded half up to the row's decimals: a projection), unit (the row's unit,
    in English from the glossary), status, direction, kind, pace (a vocabulary's value, named in
    the reader's language), or a callable ``(value, row, options) -> str``.
    """

    key: str
    ko: str
    en: str | None = None
    kind: str | Callable[[Any, Row, Options], str] = "text"
    repeat: bool = True  # False: blank a cell equal to the one above it
    right: bool | None = None  # align right (numbers) or left; None: by the kind

    def header(self, options: Options) -> str:
        if not options.english:
            return self.ko
        text = self.en or self.key
        money = MONEY_KINDS.get(self.kind) if isinstance(self.kind, str) else None
        return f"{text} ({fmt.unit_label(options.unit, money, options.locale)})" if money else text

    @property
    def numeric(self) -> bool:
        if self.right is not None:
            return self.right
        return self.kind not in WORD_KINDS and not callable(self.kind)


@dataclass(frozen=True)
class View:
    """A table as people read it: which columns, titled and footnoted (in the reader's language)."""

    columns: tuple[Column, ...]
    title: str | None = None
    notes: tuple[str, ...] = ()
    drop_empty: bool = True  # leave out columns that are empty in every row
    vertical: bool = False  # each row as label/value lines (one record in full)


def restricted(view: View, keys: Sequence[str]) -> View:
    """``view`` showing only the columns ``keys``, in that order (``--columns``): the view's
    own column where it has one, else the raw value under the machine column's name."""
    known = {c.key: c for c in view.columns}
    columns = tuple(known.get(key) or _shared_column(key) for key in keys)
    return replace(view, columns=columns, drop_empty=False)


def _shared_column(key: str) -> Column:
    """A column the view does not show, as the KPI tables write it (names, units and statuses
    in the reader's language), else its raw value under the machine name."""
    shared = {c.key: c for c in (*KPI_COLUMNS, Column("status", "상태", "Status", "status"))}
    return shared.get(key) or Column(key, key, key, "year" if key.endswith("year") else "raw", right=False)


# -- cells ------------------------------------------------------------------------------

FIGURE_KEYS = ("baseline", "target", "actual", "last", "value")


def row_places(row: Row) -> int:
    """The decimals a row's figures share: those of its most precise one (8.8 → 8.0, not 8)."""
    return max((fmt.places_of(row[k]) for k in FIGURE_KEYS if row.get(k) is not None), default=0)


def unit_name(unit: str, options: Options, count: Any = None) -> str:
    """A unit as the reader's language writes it: as written in Korean; in English from the
    glossary (``sites``), money as ``KRW …``."""
    if not options.english or unit in ("%", "％", "%p"):
        return unit
    if unit in UNIT_WON:
        return fmt.unit_label("auto", unit.removesuffix("원") or "원", options.locale)
    english = options.glossary.unit(unit, count)
    if english is None:
        english = BUILT_IN_UNITS.unit(unit, count)
    return unit if english is None else english.replace("{}", "").strip()


def quantity(value: Any, unit: str, options: Options, *, change: bool = False, places: int | None = None) -> str:
    """A value in a KPI's or item's unit: money grouped, % and %p, else the number and unit."""
    if unit in fmt.UNIT_WON:
        return fmt.format_amount(value, unit, to=options.unit, style=options.style, locale=options.locale)
    if unit in ("%", "％"):
        if change:
            return fmt.format_pp(value, locale=options.locale, style=options.style)
        return fmt.format_number(value, places, locale=options.locale) + "%"
    if unit == "%p":
        return fmt.format_pp(value, locale=options.locale, style=options.style)
    number = fmt.to_decimal(value)
    text = fmt.format_number(abs(number) if change else value, places, locale=options.locale)
    sign = ("△" if options.style == "gov" else "-") if change and number < 0 else ""
    if options.english:
        english = options.glossary.quantity(sign + text, unit, count=value)
        if english is None:
            english = BUILT_IN_UNITS.quantity(sign + text, unit, count=value)
        if english is not None:
            return english
    return f"{sign}{text}{unit}"


def cell(column: Column, value: Any, row: Row, options: Options) -> str:
    """The text of one cell."""
    if value is None:
        return "" if column.kind in WORD_KINDS else fmt.DASH
    kind = column.kind
    if callable(kind):
        return kind(value, row, options)
    if kind in ("text", "year"):
        return str(value)
    if kind == "list":
        return str(flat(value))
    if kind == "raw":  # a column --columns asked for that the view does not describe
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return fmt.format_number(value, locale=options.locale)
        return str(flat(value))
    if kind in ("int", "number"):
        return fmt.format_number(value, locale=options.locale)
    if kind in MONEY_KINDS:
        unit = "억원" if kind == "eok" else "원"
        if options.english:
            return fmt.format_in(value, unit, to=options.unit, default=MONEY_KINDS[kind], style=options.style)
        return fmt.format_amount(value, unit, to=options.unit, style=options.style, locale=options.locale)
    if kind == "pct":
        return fmt.format_pct(value, locale=options.locale, style=options.style)
    if kind == "pp":
        return fmt.format_pp(value, locale=options.locale, style=options.style)
    if kind == "estimate":  # a value on a line (expected, projected): to the row's own decimals, never more
        decimals = row_places(row)
        return quantity(fmt.round_half_up(value, decimals), row.get("unit") or "", options, places=decimals)
    if kind in ("quantity", "change"):
        places = None if kind == "change" and row.get("unit") in ("%", "％") else row_places(row)
        return quantity(value, row.get("unit") or "", options, change=kind == "change", places=places)
    if kind == "unit":
        return unit_name(str(value), options)
    if kind == "status":
        return status_name(value, options)
    if kind in VOCABULARIES:
        return word(VOCABULARIES[kind], value, options)
    raise ValueError(f"unknown column kind {kind!r}")


def status_name(status: Any, options: Options) -> str:
    """A tracking status (its machine value, 순항) as the reader's language names it: in
    Korean the machine value itself, in English ``on pace``."""
    key = STATUS_KEYS.get(status)
    return options.gettext(STATUS_NAMES[key]) if key else str(status)


def word(names: Mapping[str, str], value: Any, options: Options) -> str:
    """A vocabulary's machine value (``at_most``) as the reader's language names it (상한); a
    value the vocabulary lacks as it is."""
    message = names.get(value)
    return options.gettext(message) if message else str(value)


#: The cell kinds that name a vocabulary's value: the name is the catalogue's.
VOCABULARIES: Mapping[str, Mapping[str, str]] = {
    "direction": DIRECTION_NAMES,
    "kind": KIND_NAMES,
    "pace": PACE_NAMES,
}


def _dated(year_key: str) -> Callable[[Any, Row, Options], str]:
    """A KPI figure with its year: ``18개 자치구 ('19)``."""

    def show(value: Any, row: Row, options: Options) -> str:
        year = row.get(year_key)
        text = quantity(value, row.get("unit") or "", options, places=row_places(row))
        return text + (f" ('{year % 100:02d})" if year is not None else "")

    return show


def english(lookup: Callable[[Row, Glossary], str | None]) -> Callable[[Any, Row, Options], str]:
    """A name: as written (Korean) for Korean readers; for English ones what ``lookup`` finds
    in the row or the glossary (the Korean where there is no English)."""

    def show(value: Any, row: Row, options: Options) -> str:
        if options.english:
            found = lookup(row, options.glossary)
            if found:
                return found
        return str(value)

    return show


NAME = english(lambda row, g: row.get("name_en") or g.kpis.get(row.get("id") or ""))
PILLAR_NAME = english(lambda row, g: row.get("pillar_name_en") or g.pillars.get(row.get("pillar") or ""))
STRATEGY_NAME = english(
    lambda row, g: row.get("strategy_name_en") or g.strategies.get((row.get("pillar") or "", row.get("strategy") or 0))
)


def _parts(value: Any, row: Row, options: Options) -> str:
    """The named components of a KPI: ``name value; …`` (the English names in English)."""
    if options.english and row.get("id") in options.glossary.parts:
        pairs = options.glossary.parts[row["id"]]
        return "; ".join(f"{name} {fmt.format_number(v, locale=options.locale)}" for name, v in pairs)
    return str(flat(value))


def _in_pillar(title: str, pillar: Mapping | None, options: Options) -> str:
    """A title, with the pillar it is narrowed to."""
    if not pillar:
        return title
    return f"{title} — {(pillar.get('name_en') if options.english else None) or pillar['name']}"


# -- budget, finance, general, covid ---------------------------------------------------------


def budget(year: int, compare: int | None, per_capita: bool, population: int, options: Options) -> View:
    """The budget's view. The title names the unit of the amounts when ``--unit`` fixes one
    (``auto`` writes each amount in 조 and 억, and no single unit describes them) and the headers
    do not: English headers state the unit of each column of money."""
    columns = [
        Column("basis_name", "예산 기준", "Basis", english(lambda r, g: g.bases.get(r["basis"])), repeat=False),
        Column("account_name", "구분", "Account", english(lambda r, g: g.accounts.get(r["account"]))),
        Column("amount_eok", f"{year}년", str(year), "eok"),
        Column("share_pct", "구성비", "Share", "pct"),
    ]
    notes = []
    if compare is not None:
        columns += [
            Column("compare_amount_eok", f"{compare}년(본예산)", f"{compare} original", "eok"),
            Column("compare_share_pct", f"구성비({compare})", f"Share {compare}", "pct"),
            Column("change_eok", "증감", "Change", "eok"),
            Column("growth_pct", "증감률", "Growth", "pct"),
        ]
        notes.append(
            options.gettext(
                "Share = account ÷ total × 100; growth = change ÷ the earlier year × 100 (rounded half up to "
                "one decimal)."
            )
        )
    if per_capita:
        columns.append(Column("per_capita_krw", f"1인당({year})", f"Per capita {year}", "krw"))
        if compare is not None:
            columns.append(Column("compare_per_capita_krw", f"1인당({compare})", f"Per capita {compare}", "krw"))
        notes.append(
            options.gettext(
                "Per capita = amount ÷ the population of {population:,} (the plan's, as of 2019-12-31)."
            ).format(population=population)
        )
    if options.english or fmt.normalise_unit(options.unit) == "auto":
        title = options.gettext("Budget ({year})").format(year=year)
    else:
        title = options.gettext("Budget ({year}; amounts in {unit})").format(
            year=year, unit=fmt.unit_label(options.unit, "억", options.locale)
        )
    return View(tuple(columns), title, tuple(notes))


def general(reference_dates: Mapping[str, str], options: Options) -> View:
    columns = (
        Column("group_name", "분류", "Group", english(lambda r, g: g.groups.get(r["group"])), repeat=False),
        Column("name", "항목", "Item", NAME),
        Column("value", "값", "Value", "quantity"),
        Column("share_pct", "비중(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "비중(계획)", "Share (stated)", "pct"),
    )
    population, organisation = reference_dates.get("population", ""), reference_dates.get("organisation", "")
    title = options.gettext(
        "General facts (population and area as of {population}; organisation and staff as of {organisation})"
    ).format(population=population, organisation=organisation)
    note = options.gettext(
        "Share (computed) = item ÷ the item it is part of × 100; share (stated) = the share the plan prints."
    )
    return View(columns, title, (note,))


def finance(options: Options) -> View:
    columns = (
        Column("section_name", "부문", "Section", english(lambda r, g: g.groups.get(r["section"])), repeat=False),
        Column("name", "항목", "Item", NAME),
        Column("amount_eok", "금액", "Amount", "eok"),
        Column("count", "개수", "Count", "int"),
        Column("share_pct", "구성비(계산)", "Share (computed)", "pct"),
        Column("stated_share_pct", "구성비(계획)", "Share (stated)", "pct"),
        Column("stated_change_eok", "증감(계획)", "Change (stated)", "eok"),
        Column("implied_compare_eok", "비교연도 금액(역산)", "Compare amount (implied)", "eok"),
        Column("stated_growth_pct", "증감률(계획)", "Growth (stated)", "pct"),
        Column("growth_pct", "증감률(계산)", "Growth (computed)", "pct"),
        Column("computed_eok", "계산값", "Computed", "eok"),
        Column("computed_from", "계산식", "Computed from"),
    )
    note = options.gettext(
        "(stated) = as the plan prints it; (computed) = recomputed from the plan's figures; the compare year "
        "is the 2019 original budget."
    )
    return View(columns, options.gettext("Finance"), (note,))


def covid(as_of: str, options: Options) -> View:
    columns = (
        Column("name", "구분", "Measure", NAME),
        Column("national", "전국", "Nationwide", "int"),
        Column("seoul", "서울시", "Seoul", "int"),
        Column("seoul_share_pct", "서울 비중", "Seoul share", "pct"),
        Column("national_part_pct", "전국 내 비율", "Nationwide: part of total", "pct"),
        Column("seoul_part_pct", "서울 내 비율", "Seoul: part of total", "pct"),
        Column("overseas", "국외", "Overseas", "int"),
    )
    notes = (
        options.gettext(
            "Seoul share = Seoul ÷ nationwide × 100; part of total = in isolation, recovered, died ÷ confirmed, "
            "and being tested, released ÷ suspected."
        ),
        options.gettext("Unit: people. The plan prints Seoul's deaths as '-': recorded as 0."),
    )
    when = as_of.replace("T", " ")
    title = options.gettext("COVID-19 in Korea, as of {when} (people)").format(when=when)
    return View(columns, title, notes)


# -- KPIs ------------------------------------------------------------------------------------

KPI_COLUMNS = (
    Column("id", "ID", "ID"),
    Column("pillar", "분야", "Pillar"),
    Column("pillar_name", "분야명", "Pillar name", PILLAR_NAME),
    Column("strategy", "전략", "Strategy", "int"),
    Column("strategy_name", "전략명", "Strategy name", STRATEGY_NAME),
    Column("name", "지표", "Name", NAME),
    Column("name_en", "영문", "English name"),
    Column("unit", "단위", "Unit", "unit"),
    Column("direction", "방향", "Direction", "direction"),
    Column("kind", "종류", "Kind", "kind"),
    Column("baseline_year", "기준연도", "Baseline year", "year"),
    Column("baseline", "기준", "Baseline", _dated("baseline_year")),
    Column("target_year", "목표연도", "Target year", "year"),
    Column("target", "목표", "Target", _dated("target_year")),
    Column("change", "증감", "Change", "change"),
    Column("growth_pct", "증감률", "Growth", "pct"),
    Column("pace", "진척 기준", "Pace", "pace"),
    Column("pace_start", "진척 시작일", "Pace start"),
    Column("milestones", "다른 연도 값", "Other years", "list"),
    Column("last_year", "최종연도", "Last year", "year"),
    Column("last", "최종값", "Last value", "quantity"),
    Column("cagr_pct", "연평균 증감률", "CAGR", "pct"),
    Column("stated_change", "증감(계획)", "Change (stated)", "change"),
    Column("stated_change_pct", "증감률(계획)", "Growth (stated)", "pct"),
    Column("stated_multiple", "배수(계획)", "Multiple (stated)", "number"),
    Column("parts", "세부", "Parts", _parts),
    Column("parts_total", "세부 합계", "Parts total", "quantity"),
    Column("parts_partial", "세부 일부만(등)", "Parts partial"),
    Column("actual_year", "실적연도", "Actual year", "year"),
    Column("actual", "실적", "Actual", _dated("actual_year")),
    Column("stated_attainment_pct", "달성률(계획)", "Attainment (stated)", "pct"),
    Column("unambitious", "목표≤기준", "Unambitious"),
    Column("same_as", "같은 수치(원 지표)", "Same as"),
    Column("part_of", "상위 지표", "Part of"),
    Column("components", "구성 지표", "Components"),
    Column("restated_as", "요약 수치", "Restated as"),
    Column("suspect", "의심(오기)", "Suspect"),
    Column("source", "출처", "Source (verbatim)"),
    Column("quotes", "다른 출처", "Other excerpts (verbatim)"),
    Column("note", "비고", "Note"),
)
_KPI = {c.key: c for c in KPI_COLUMNS}


#: The title of each kind's KPI list, and the note under it.
KPI_TITLES = {
    "target": N_("KPIs: planned change (baseline → target; not attainment against actuals)"),
    "achievement": N_("KPIs: results the plan reports (not targets)"),
    "headline": N_("KPIs: rounded restatements of another KPI (headlines)"),
    "parameter": N_("KPIs: parameters, figures that are not goals (thresholds, caps, periods, sizes, estimates)"),
    "all": N_("KPIs: targets, results, headlines and parameters"),
}
KPI_NOTES = {
    "target": N_(
        "Change = target − baseline (in pp for a KPI in %); growth = change ÷ baseline × 100; — where "
        "there is no baseline."
    ),
    "achievement": N_("Results the plan reports as achieved: with no target of their own, attainment is not measured."),
    "headline": N_("Rounded figures: report actuals for the detailed KPI (same_as)."),
    "parameter": N_(
        "Figures that are not goals: never measured. Direction at_most = a cap (at most, within, under), "
        "at_least = a minimum, maintain = a fixed value."
    ),
}


def kpis(pillar: Mapping | None, kind: str, options: Options) -> View:
    """The KPI list of a kind: targets with their planned change, achievements, headlines, or all."""
    shown = {
        "target": ("id", "name", "baseline", "target", "change", "growth_pct"),
        "achievement": ("id", "name", "baseline", "actual"),
        "headline": ("id", "name", "target", "same_as"),
        "parameter": ("id", "name", "direction", "target"),
        "all": ("id", "name", "kind", "baseline", "target", "actual"),
    }[kind]
    title = _in_pillar(options.gettext(KPI_TITLES[kind]), pillar, options)
    notes = (options.gettext(KPI_NOTES[kind]),) if kind in KPI_NOTES else ()
    named = {**_KPI, "target": Column("target", "값", "Value", _dated("target_year"))} if kind == "parameter" else _KPI
    return View(tuple(named[key] for key in shown), title, notes, drop_empty=False)


def _status(value: Any, row: Row, options: Options) -> str:
    """A tracking status, marked when the actual it stands on is stale (``stale``)."""
    text = status_name(value, options)
    return text + (" · " + options.gettext("stale") if row.get("stale") else "")


def _question(at: Any, options: Options) -> str:
    return options.gettext("as of {date}").format(date=at)


def _status_note(near: float, options: Options) -> str:
    """What each status means, for the notes under a tracking table."""
    return options.gettext(
        "Status: met = the target is reached (a limit: within it); once the deadline has passed near ≥ {near:g}%, "
        "missed below; before it on pace = at least the expected progress, behind = below (a limit: outside it), "
        "in progress = no line to follow (a level or rate without a baseline); not reported = no actual by the "
        "date; · stale = the actual is older than --stale-after."
    ).format(near=near)


def measured(pillar: Mapping | None, near: float, at: Any, options: Options) -> View:
    """Every target chosen at the date of the question, measured against its value for the year."""
    columns = (
        _KPI["id"],
        _KPI["name"],
        Column("target", "목표", "Target", _dated("target_year")),
        Column("as_of", "기준일", "As of"),
        Column("actual", "실적", "Actual", "quantity"),
        Column("attainment_pct", "달성률", "Attainment", "pct"),
        Column("progress_pct", "진척률", "Progress", "pct"),
        Column("expected_progress_pct", "예상 진척률", "Expected progress", "pct"),
        Column("status", "상태", "Status", _status, right=False),
        Column("projected", "추정치", "Projected", "estimate"),
    )
    title = options.gettext("KPIs: attainment against actuals ({question})").format(question=_question(at, options))
    notes = (
        options.gettext(
            "Target = the target (or milestone) of the year in question. Attainment: actual ÷ target for an "
            "increase or a floor (at_least), target ÷ actual for a decrease or a ceiling (at_most) (× 100); "
            "progress = how far from the baseline (or the target before; a term total from zero at the term's "
            "start) to the target; expected progress = where the straight line is on that date; projected = where "
            "the line from its start through the latest actual reaches at the deadline."
        ),
        _status_note(near, options),
    )
    return View(columns, _in_pillar(title, pillar, options), notes, drop_empty=False)


def stated(pillar: Mapping | None, options: Options) -> View:
    """The actuals the plan itself reports for its targets, with the attainment it states."""
    columns = (
        _KPI["id"],
        _KPI["name"],
        _KPI["target"],
        _KPI["actual"],
        Column("stated_attainment_pct", "달성률(계획서)", "Attainment (stated)", "pct"),
        Column("attainment_pct", "달성률(최종 목표 대비)", "Attainment (against the target printed)", "pct"),
    )
    title = options.gettext("KPIs: the results and attainment the plan reports")
    note = options.gettext(
        "The plan's attainment may be against an interim target it does not print: where it differs from "
        "the attainment against the target printed, that is why."
    )
    return View(columns, _in_pillar(title, pillar, options), (note,), drop_empty=False)


def template(pillar: Mapping | None, options: Options) -> View:
    columns = (
        _KPI["id"],
        _KPI["name"],
        _KPI["unit"],
        Column("baseline", "기준", "Baseline", _dated("baseline_year")),
        Column("target", "목표", "Target", _dated("target_year")),
        Column("actual", "실적", "Actual"),
        Column("as_of", "기준일", "As of"),
    )
    title = options.gettext("A ledger to fill in (fill in actual and as_of, then read it with --actuals)")
    return View(columns, _in_pillar(title, pillar, options), drop_empty=False)


#: ``track``'s table is for people: it shows at most this many periods, the latest (a century
#: of months is 1,212 columns no terminal shows), and at most this many period cells in all
#: (KPIs × periods: fewer periods for many KPIs). Beyond that a note says what was left out
#: and how to narrow it; a ledger of more KPIs than cells is refused. Machine formats give
#: every row. The bound is on what is shown, not on the observations behind it.
MOST_PERIODS = 12
MOST_PERIOD_CELLS = 20_000
#: The columns of :func:`seoulplan.core.tracking.wide` that are not periods.
WIDE_KEYS = ("id", "name", "unit", "status", "stale")


def shown_periods(kpis: int, periods: int) -> int:
    """How many of ``periods`` (the latest) a table of ``kpis`` rows shows: at most
    :data:`MOST_PERIODS`, and at most :data:`MOST_PERIOD_CELLS` cells in all (one at least)."""
    return min(periods, MOST_PERIODS, max(1, MOST_PERIOD_CELLS // max(kpis, 1)))


def refuse_unreadable(kpis: int) -> None:
    """A usage error when a table of ``kpis`` rows would hold more than
    :data:`MOST_PERIOD_CELLS` cells even with one period: ``--format csv`` gives every row."""
    if kpis > MOST_PERIOD_CELLS:
        raise UsageError(
            _(
                "a table of {kpis:,} KPIs is more than a person can read (at most {most:,}); "
                "--format csv or json gives every row"
            ).format(kpis=kpis, most=MOST_PERIOD_CELLS)
        )


def period_columns(wide: Any) -> tuple[Column, ...]:
    """A column per period of :func:`seoulplan.core.tracking.wide`, each cell the KPI's actual
    to the decimals of the row's most precise one (8.8 → 8.0), worked out once per row."""
    periods = [c for c in wide.columns if c not in WIDE_KEYS]
    places: dict[Any, int] = {}

    def show(value: Any, row: Row, options: Options) -> str:
        key = row.get("id")
        if key not in places:
            places[key] = max((fmt.places_of(row[p]) for p in periods if row.get(p) is not None), default=0)
        return quantity(value, row.get("unit") or "", options, places=places[key])

    return tuple(Column(p, p, p, show, right=True) for p in periods)


def track(wide: Any, by: str, at: Any, options: Options, *, periods: int | None = None) -> View:
    """A target per row, a period per column: every period from the first to the last, or the
    latest of the ``periods`` it spans (see :data:`MOST_PERIODS`), with a note of the rest."""
    columns = (
        _KPI["id"],
        _KPI["name"],
        *period_columns(wide),
        Column("status", "상태", "Status", _status, right=False),
    )
    title = options.gettext("Actuals {by} (the last in each period; status {question})").format(
        by=options.gettext(PERIOD_NAMES[by]), question=_question(at, options)
    )
    notes = [
        options.gettext(
            "Each cell = the last actual in that period, — = none reported then; status = the status at the "
            "date of the question (as kpi --actuals shows it)."
        )
    ]
    shown = [c for c in wide.columns if c not in WIDE_KEYS]
    if periods is not None and shown and periods > len(shown):
        notes.append(left_out(by, len(shown), periods, shown[0], options))
    return View(columns, title, tuple(notes), drop_empty=False)


def left_out(by: str, shown: int, periods: int, first: str, options: Options) -> str:
    """The note under a table that shows only the latest ``shown`` of ``periods`` periods:
    what is left out, and the ways to see it (a longer period, an earlier end, every row)."""
    longer = ", ".join(PERIODS[PERIODS.index(by) + 1 :])
    if longer:
        ways = options.gettext(
            "choose a longer --by ({longer}), end earlier with --as-of, or use --format csv for every period."
        ).format(longer=longer)
    else:
        ways = options.gettext("end earlier with --as-of, or use --format csv for every period.")
    return _latest_of(by, periods, options).format(shown=shown, periods=periods, first=first, ways=ways)


def _latest_of(by: str, periods: int, options: Options) -> str:
    """The sentence saying how many of ``periods`` periods of a kind are shown (a plural for each)."""
    if by == "month":
        return options.ngettext(
            "Showing the latest {shown} of {periods:,} month (from {first}); earlier ones are left out: {ways}",
            "Showing the latest {shown} of {periods:,} months (from {first}); earlier ones are left out: {ways}",
            periods,
        )
    if by == "quarter":
        return options.ngettext(
            "Showing the latest {shown} of {periods:,} quarter (from {first}); earlier ones are left out: {ways}",
            "Showing the latest {shown} of {periods:,} quarters (from {first}); earlier ones are left out: {ways}",
            periods,
        )
    if by == "half":
        return options.ngettext(
            "Showing the latest {shown} of {periods:,} half-year (from {first}); earlier ones are left out: {ways}",
            "Showing the latest {shown} of {periods:,} half-years (from {first}); earlier ones are left out: {ways}",
            periods,
        )
    return options.ngettext(
        "Showing the latest {shown} of {periods:,} year (from {first}); earlier ones are left out: {ways}",
        "Showing the latest {shown} of {periods:,} years (from {first}); earlier ones are left out: {ways}",
        periods,
    )


def changes(first: str, last: str, options: Options) -> View:
    """The targets whose status changed between two dates, and the figures behind the change."""

    def reason(value: Any, row: Row, options: Options) -> str:
        arrow = f"{cell(_STATUS, row.get('from_status'), row, options)} → {cell(_STATUS, value, row, options)}"
        figures = []
        if row.get("progress_pct") is not None and row.get("expected_progress_pct") is not None:
            progress = fmt.format_pct(row["progress_pct"], locale=options.locale)
            expected = fmt.format_pct(row["expected_progress_pct"], locale=options.locale)
            figures.append(
                options.gettext("{progress} against {expected} expected").format(progress=progress, expected=expected)
            )
        elif row.get("attainment_pct") is not None:
            attained = fmt.format_pct(row["attainment_pct"], locale=options.locale)
            figures.append(options.gettext("{pct} attained").format(pct=attained))
        if row.get("stale"):
            figures.append(options.gettext("the actual is stale"))
        return f"{arrow}: {', '.join(figures)}" if figures else arrow

    shown = (
        _KPI["id"],
        _KPI["name"],
        Column("from_actual", options.say(f"{first} 실적", f"Actual {first}"), None, "quantity"),
        Column("to_actual", options.say(f"{last} 실적", f"Actual {last}"), None, "quantity"),
        Column("target", "목표", "Target", _dated("target_year")),
        Column("to_status", "변화", "Change", reason),
    )
    columns = tuple(replace(c, en=c.en or c.ko) for c in shown)
    title = options.gettext("Targets whose status changed ({first} → {last})").format(first=first, last=last)
    return View(columns, title, drop_empty=False)


_STATUS = Column("status", "상태", "Status", "status")


def kpi_detail(row: Row | None, options: Options) -> View:
    """KPIs in full, every field shown as a label and a value (in English, the English name
    once: as the name); titled by the KPI when there is one (``row``)."""
    columns = tuple(c for c in KPI_COLUMNS if not (options.english and c.key == "name_en"))
    if row is None:
        return View(columns, options.gettext("KPIs in full"), vertical=True)
    name = (row.get("name_en") if options.english else None) or row["name"]
    return View(columns, f"{row['id']} — {name}", vertical=True)


def pillars(total_kpis: int, options: Options) -> View:
    def label(value: Any, row: Row, options: Options) -> str:
        number = "" if row.get("pillar_number") is None else row["pillar_number"]
        name = PILLAR_NAME(row["pillar_name"], row, options)
        return f"{number} {name} ({row['pillar']}, {row['pillar_kpis']})".strip()

    columns = (
        Column("pillar", "분야 (키, KPI 수)", "Pillar (slug, KPIs)", label, repeat=False),
        Column("strategy", "전략", "Strategy", "int"),
        Column("strategy_name", "전략명", "Strategy name", STRATEGY_NAME),
        Column("targets", "목표", "Targets", "int"),
        Column("with_baseline", "기준 있음", "With baseline", "int"),
        Column("achievements", "보고 실적", "Achievements", "int"),
        Column("headlines", "헤드라인", "Headlines", "int"),
        Column("parameters", "참고 수치", "Parameters", "int"),
    )
    note = options.gettext(
        "Targets = figures the plan aims at; achievements = results already reported (not targets); "
        "headlines = rounded restatements of another KPI; parameters = figures that are not goals "
        "(statutory thresholds, benefit caps, periods, sizes, effect estimates)."
    )
    title = options.ngettext(
        "Policy pillars and strategies ({count} KPI)", "Policy pillars and strategies ({count} KPIs)", total_kpis
    ).format(count=total_kpis)
    return View(columns, title, (note,))


def pillar_attainment(near: float, at: Any, options: Options) -> View:
    columns = (
        Column("pillar", "분야키", "Pillar"),
        Column("pillar_number", "번호", "No.", "int"),
        Column("pillar_name", "분야", "Pillar name", PILLAR_NAME),
        Column("targets", "목표", "Targets", "int"),
        Column("with_actuals", "실적 있음", "With actuals", "int"),
        Column("achieved", "달성", "Met", "int"),
        Column("near", "근접", "Near", "int"),
        Column("missed", "미달", "Missed", "int"),
        Column("on_pace", "순항", "On pace", "int"),
        Column("behind", "지연", "Behind", "int"),
        Column("in_progress", "진행 중", "In progress", "int"),
        Column("not_reported", "미보고", "Not reported", "int"),
    )
    title = options.gettext("Attainment by pillar ({question})").format(question=_question(at, options))
    return View(columns, title, (_status_note(near, options),), drop_empty=False)


# -- audit -------------------------------------------------------------------------------------


def _stated_places(row: Row) -> int:
    """The decimals the plan wrote a figure with, which its tolerance records: ±0.05 → 1."""
    exponent = Decimal(repr(float(row["tolerance"]))).normalize().as_tuple().exponent
    return max(0, -int(exponent) - 1) if isinstance(exponent, int) else 0


def _audit_figure(computed: bool) -> Callable[[Any, Row, Options], str]:
    def show(value: Any, row: Row, options: Options) -> str:
        places = None
        if row["rule"] == "rounded":
            places = _stated_places(row) + (2 if computed else 0)  # enough to see why it rounds as it does
        elif row["rule"] == "unverifiable" and computed and value is not None:
            places = fmt.places_of(row["stated"]) + 2
        unit = row.get("unit") or ""
        if unit == "%":
            return fmt.format_number(value, places, locale=options.locale) + unit
        if unit == "%p":
            number = fmt.format_number(value, places, locale=options.locale)
            return number + (" pp" if options.english else "%p")
        return quantity(value, unit, options, places=places)

    return show


def _audit_result(value: Any, row: Row, options: Options) -> str:
    """Read from the row's ``ok`` (true, false, or unknown for an unverifiable check)."""
    ok = row.get("ok")
    if row["kind"] == "ambition":
        return options.gettext("unambitious")
    if ok is None:
        return options.gettext("unverifiable")
    if ok:
        return options.gettext("ok")
    return options.gettext("DISAGREES")


def audit(checks: int, disagreements: int, unverifiable: int, flags: int, *, options: Options) -> View:
    columns = (
        Column("check_id", "점검 ID", "Check"),
        Column("check", "점검 내용", "What is checked", english(lambda r, g: r.get("check_en"))),
        Column("stated", "계획서", "Stated", _audit_figure(computed=False)),
        Column("computed", "계산", "Computed", _audit_figure(computed=True)),
        Column("rule", "결과", "Result", _audit_result),
    )
    counts = (
        options.ngettext("{count} check", "{count} checks", checks).format(count=checks),
        options.ngettext("{count} disagrees", "{count} disagree", disagreements).format(count=disagreements),
        options.gettext("{count} unverifiable").format(count=unverifiable),
        options.gettext("{count} unambitious").format(count=flags),
    )
    title = options.gettext(
        "Audit: every change, rate, total and attainment the plan states, recomputed — {counts}"
    ).format(counts=", ".join(counts))
    note = options.gettext(
        "Differences and sums must be exact to the plan's digits; rates are compared rounded half up to the "
        "digits the plan prints."
    )
    return View(columns, title, (note,))
