"""What people see of each table: headers, titles, notes and cell kinds, in Korean and English.

A view never computes a figure: it names the columns of a frame the core made, says how
each cell reads (``39조 5,359억원``, ``10.6%``, ``18개 자치구 ('19)``) and what the table is
called. Machine formats need no view: they write the frame's own columns.

A column's header and kind are its entry in the column registry
(:mod:`~seoulplan.presentation.columns`); a view picks the columns it shows (or shows its
whole frame) and a variant of a header where the table says it its own way. A cell reads by
its kind, through one table from kind to formatter (:data:`KINDS`). :class:`Options` says
which language (``--locale``). Every other word a view writes that is not data — titles,
notes, status names, the names of directions, kinds and paces, unit labels — is an English
message looked up in the gettext catalogue of that language (:meth:`Options.gettext`; the
Korean is in ``seoulplan.po``), with plural forms where a count is shown
(:meth:`Options.ngettext`). In English, names come from the records' ``name_en`` or the
plan's :class:`~seoulplan.core.glossary.Glossary` (by key: budget accounts, groups,
pillars, strategies, units), and a column of money states its unit in its header
(``Amount (KRW 100 million)``) with bare numbers below. The plan's own words — the
``source`` and ``quotes`` excerpts — are shown verbatim, in Korean, in both languages: they are
the evidence a figure was read from. Notes are the dataset's, written in English, and quote
the plan's Korean where they cite it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from seoulplan.core.glossary import Glossary
from seoulplan.core.i18n import N_, _, translations
from seoulplan.core.money import UNIT_WON
from seoulplan.core.numeric import decimal_places, exact
from seoulplan.core.vocabulary import (
    DIRECTION_NAMES,
    KIND_NAMES,
    NUMBERED_SUPPLEMENTARY,
    PACE_NAMES,
    PERIOD_NAMES,
    PERIODS,
    PHASE_NAMES,
    STATUS_KEYS,
    STATUS_NAMES,
)
from seoulplan.errors import UsageError
from seoulplan.presentation import formatting as fmt
from seoulplan.presentation.columns import Words, describe, unit_heading
from seoulplan.presentation.raw import flat

Row = Mapping[str, Any]

#: Units the code itself writes (the audit's multiples), in English.
BUILT_IN_UNITS = Glossary(units={"배": "{}×"})


@dataclass(frozen=True)
class Options:
    """How people-facing values are written."""

    locale: str = "ko_KR"
    style: str = "plain"  # plain | gov (△ for negatives)
    unit: str = "auto"  # money display unit: auto | 조 | 억 | 백만 | 만 | 원 (or their English names)
    glossary: Glossary = field(default_factory=Glossary)  # the plan's English words
    width: int | None = None  # wrap tables to this many terminal cells; None: never wrap
    #: English money to :data:`~seoulplan.presentation.formatting.PEOPLE_DIGITS` significant
    #: figures (``KRW 39.5 trillion``): a people's table sets it and says so in its footer
    rounded: bool = False

    @property
    def digits(self) -> int | None:
        """The significant figures money is written to; None: every digit."""
        return fmt.PEOPLE_DIGITS if self.rounded and self.english else None

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


@dataclass(frozen=True)
class Column:
    """One column people see: the frame's column ``key``, its header, how a cell reads.

    Made by :func:`column` from the column's entry in the registry
    (:mod:`~seoulplan.presentation.columns`): its header words (a table's variant of them,
    placeholders filled from ``values``) and its kind, a key of :data:`KINDS` — or a
    callable ``(value, row, options) -> str`` for a cell only one table writes (a label
    made of several columns). ``words`` is a plain string only for a header that is data
    (a period of ``track``'s table).
    """

    key: str
    words: Words | str
    kind: str | Callable[[Any, Row, Options], str] = "text"
    repeat: bool = True  # False: blank a cell equal to the one above it
    right: bool | None = None  # align right (numbers) or left; None: by the kind
    values: tuple[tuple[str, Any], ...] = ()  # the header's placeholders
    marked: bool = False  # its cells carry the mark in a suspect record's row, whatever its kind (:func:`cell`)

    def header(self, options: Options) -> str:
        """The header in the reader's language; in English a column of money names its unit."""
        words = self.words
        text = words if isinstance(words, str) else words(options.locale, **dict(self.values))
        kind = KINDS[self.kind] if isinstance(self.kind, str) else None
        if kind is not None and kind.money and options.english:
            to = options.unit if kind.follows_unit else "auto"
            return f"{text} ({unit_heading(kind.money, options.locale, to=to)})"
        return text

    @property
    def marks_suspect(self) -> bool:
        """Its cells carry :data:`SUSPECT_MARK` in a row the plan seems to misprint."""
        return self.marked or (isinstance(self.kind, str) and KINDS[self.kind].marks_suspect)

    @property
    def numeric(self) -> bool:
        if self.right is not None:
            return self.right
        return isinstance(self.kind, str) and KINDS[self.kind].figure


def column(
    key: str,
    variant: str | None = None,
    *,
    kind: str | Callable[[Any, Row, Options], str] | None = None,
    repeat: bool = True,
    right: bool | None = None,
    marked: bool = False,
    **values: Any,
) -> Column:
    """The column ``key`` as the registry describes it: headed as tables head it, or as its
    ``variant`` (``"title"``, or a table's own: ``"year"`` with ``year=2020``), its cells
    of its kind unless this table writes them its own way (``kind``; ``marked``: that way
    marks a suspect record's cells)."""
    entry = describe(key)
    return Column(key, entry.words(variant), kind or entry.kind, repeat, right, tuple(values.items()), marked)


@dataclass(frozen=True)
class View:
    """A table as people read it: which columns, titled and footnoted (in the reader's language).

    ``whole``: the table shows its whole frame — each column of it, in the frame's order,
    but those the registry keeps from people (keys and English twins: the names beside them
    show them) and those ``hidden`` names; ``columns`` are then this table's own takes on some
    of them (a header with its year, a repeated cell left blank). So a column added to the
    frame is shown with no change here. Otherwise the table shows ``columns``, in that order.
    """

    columns: tuple[Column, ...]
    title: str | None = None
    notes: tuple[str, ...] = ()
    drop_empty: bool = True  # leave out columns that are empty in every row
    vertical: bool = False  # each row as label/value lines (one record in full)
    whole: bool = False
    hidden: tuple[str, ...] = ()

    def shown(self, names: Sequence[str]) -> tuple[Column, ...]:
        """The columns shown of a frame whose columns are ``names``."""
        if not self.whole:
            return self.columns
        own = {c.key: c for c in self.columns}
        return tuple(
            own.get(name) or column(name)
            for name in names
            if name in own or (describe(name).shown and name not in self.hidden)
        )


def restricted(view: View, keys: Sequence[str]) -> View:
    """``view`` showing only the columns ``keys``, in that order (``--columns``): the view's
    own column where it has one, else the column as the registry describes it (a column it
    lacks: the raw value under its name)."""
    own = {c.key: c for c in view.columns}
    columns = tuple(own.get(key) or column(key) for key in keys)
    return replace(view, columns=columns, drop_empty=False, whole=False)


# -- cells ------------------------------------------------------------------------------

#: The mark after a figure of a record the plan seems to misprint (its ``suspect``: kept as
#: printed), in every table people read; :data:`SUSPECT_LEGEND` under the table says what it
#: means. Plain ASCII: one cell wide on every terminal, and a question mark reads as doubt in
#: either language.
SUSPECT_MARK = "[?]"
SUSPECT_LEGEND = N_(
    "[?] = the plan seems to misprint this figure or date, or one beside it: kept as printed; the suspect "
    "column says why (--columns id,suspect; a KPI's in full: kpi show ID)."
)


def suspected(text: str, row: Row) -> str:
    """``text`` with :data:`SUSPECT_MARK` after it when ``row``'s record is ``suspect``."""
    return f"{text} {SUSPECT_MARK}" if row.get("suspect") else text


def suspect_legend(rows: Sequence[Row], columns: Sequence[Column], options: Options) -> str | None:
    """The legend of :data:`SUSPECT_MARK` for a table of ``rows`` shown in ``columns``: when
    one of them marks a cell."""
    if any(c.marks_suspect for c in columns) and any(row.get("suspect") for row in rows):
        return options.gettext(SUSPECT_LEGEND)
    return None


FIGURE_KEYS = ("baseline", "target", "actual", "last", "value")


def row_places(row: Row) -> int:
    """The decimals a row's figures share: those of its most precise one (8.8 → 8.0, not 8)."""
    return max((decimal_places(row[k]) for k in FIGURE_KEYS if row.get(k) is not None), default=0)


def record_of(row: Row) -> Any:
    """The record a row's figures belong to, by which a unit finds its English: a KPI's id,
    an audited record's id, a general or finance item's key."""
    return row.get("id") or row.get("record_id") or row.get("item")


def unit_name(unit: str, options: Options, count: Any = None, *, record: Any = None) -> str:
    """A unit as the reader's language writes it: as written in Korean; in English from the
    glossary (``sites``; the record's own English where it has one), money as ``KRW …``."""
    if not options.english or unit in ("%", "％", "%p"):
        return unit
    if unit in UNIT_WON:
        return fmt.unit_label("auto", unit.removesuffix("원") or "원", options.locale)
    english = options.glossary.unit(unit, count, record)
    if english is None:
        english = BUILT_IN_UNITS.unit(unit, count)
    return unit if english is None else english.replace("{}", "").strip()


def quantity(
    value: Any, unit: str, options: Options, *, change: bool = False, places: int | None = None, record: Any = None
) -> str:
    """A value in a KPI's or item's unit: money grouped, % and %p, else the number and unit
    (in English, singular for 1 and plural otherwise, as ``record`` says its unit)."""
    if unit in fmt.UNIT_WON:
        return fmt.format_amount(
            value, unit, to=options.unit, style=options.style, locale=options.locale, digits=options.digits
        )
    if unit in ("%", "％"):
        if change:
            return fmt.format_pp(value, locale=options.locale, style=options.style)
        return fmt.format_number(value, places, locale=options.locale) + "%"
    if unit == "%p":
        return fmt.format_pp(value, locale=options.locale, style=options.style)
    number = exact(value)
    text = fmt.format_number(abs(number) if change else value, places, locale=options.locale)
    sign = ("△" if options.style == "gov" else "-") if change and number < 0 else ""
    if options.english:
        english = options.glossary.quantity(sign + text, unit, count=value, record=record)
        if english is None:
            english = BUILT_IN_UNITS.quantity(sign + text, unit, count=value)
        if english is not None:
            return english
    return f"{sign}{text}{unit}"


def cell(column: Column, value: Any, row: Row, options: Options) -> str:
    """The text of one cell: by the column's kind (:data:`KINDS`), or its own callable; with
    :data:`SUSPECT_MARK` after it in a suspect record's row when the column marks one."""
    kind = column.kind
    if callable(kind):
        if value is None:
            return fmt.DASH
        text = kind(value, row, options)
    else:
        how = KINDS[kind]
        if value is None:
            return how.empty
        text = how.text(value, row, options, column.key)
    return suspected(text, row) if column.marks_suspect else text


Formatter = Callable[[Any, Row, Options, str], str]


@dataclass(frozen=True)
class Kind:
    """How a cell of a kind reads: its text (from the value, its row, the options and the
    column's key), whether it is a figure (aligned right), what an empty one shows, and the
    money unit a column of it is in (an English header names it)."""

    text: Formatter
    figure: bool = True
    empty: str = fmt.DASH
    money: str | None = None
    #: a money column in the unit ``--unit`` asks for; a per-capita figure stays in whole 원
    follows_unit: bool = True
    #: a figure of the plan's, marked in a suspect record's row (:func:`suspected`)
    marks_suspect: bool = False


def _as_written(value: Any, row: Row, options: Options, key: str) -> str:
    return str(value)


def _listed(value: Any, row: Row, options: Options, key: str) -> str:
    return str(flat(value))


def _raw(value: Any, row: Row, options: Options, key: str) -> str:
    """A column the registry does not describe: numbers grouped, anything else as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.format_number(value, locale=options.locale)
    return str(flat(value))


def _number(value: Any, row: Row, options: Options, key: str) -> str:
    return fmt.format_number(value, locale=options.locale)


def _money(unit: str, follows_unit: bool = True) -> Formatter:
    """Money in ``unit`` (억원, 원): ``39조 5,359억원``; in English a bare number in the
    column's unit, which its header names. ``follows_unit``: in the unit ``--unit`` asks
    for; else always as ``unit`` is written (a per-capita figure in whole 원: ``--unit 조``
    made it 0.000003949246조원)."""
    default = unit.removesuffix("원") or "원"

    def show(value: Any, row: Row, options: Options, key: str) -> str:
        to = options.unit if follows_unit else "auto"
        if options.english:
            return fmt.format_in(value, unit, to=to, default=default, style=options.style, digits=options.digits)
        return fmt.format_amount(value, unit, to=to, style=options.style, locale=options.locale)

    return show


def _pct(value: Any, row: Row, options: Options, key: str) -> str:
    return fmt.format_pct(value, locale=options.locale, style=options.style)


def _pp(value: Any, row: Row, options: Options, key: str) -> str:
    return fmt.format_pp(value, locale=options.locale, style=options.style)


def _estimate(value: Any, row: Row, options: Options, key: str) -> str:
    """A value on a line (expected, projected): to the row's own decimals, never more."""
    decimals = row_places(row)
    return quantity(
        fmt.round_half_up(value, decimals), row.get("unit") or "", options, places=decimals, record=record_of(row)
    )


def _quantity(value: Any, row: Row, options: Options, key: str) -> str:
    return quantity(value, row.get("unit") or "", options, places=row_places(row), record=record_of(row))


def _change(value: Any, row: Row, options: Options, key: str) -> str:
    """A change in the row's unit, signed; of a % quantity in %p."""
    places = None if row.get("unit") in ("%", "％") else row_places(row)
    return quantity(value, row.get("unit") or "", options, change=True, places=places, record=record_of(row))


def _dated(value: Any, row: Row, options: Options, key: str) -> str:
    """A KPI figure with the year beside it in the row (``target_year``): ``18개 자치구 ('19)``;
    a target with no deadline (pace ``open``) from its year on, as the plan writes it: ``180MW ('20~)``."""
    year = row.get(f"{key}_year")
    text = quantity(value, row.get("unit") or "", options, places=row_places(row), record=record_of(row))
    onward = "~" if key == "target" and row.get("pace") == "open" else ""
    return text + (f" ('{year % 100:02d}{onward})" if year is not None else "")


def _unit(value: Any, row: Row, options: Options, key: str) -> str:
    return unit_name(str(value), options, record=record_of(row))


def _status_word(value: Any, row: Row, options: Options, key: str) -> str:
    return status_name(value, options)


def status_name(status: Any, options: Options) -> str:
    """A tracking status (its machine value, 순항) as the reader's language names it: in
    Korean the machine value itself, in English ``on pace``."""
    key = STATUS_KEYS.get(status)
    return options.gettext(STATUS_NAMES[key]) if key else str(status)


def _vocabulary(names: Mapping[str, str]) -> Callable[[Any, Row, Options, str], str]:
    """A vocabulary's machine value (``at_most``) as the reader's language names it (상한); a
    value the vocabulary lacks as it is."""

    def show(value: Any, row: Row, options: Options, key: str) -> str:
        message = names.get(value)
        return options.gettext(message) if message else str(value)

    return show


def _phase(value: Any, row: Row, options: Options, key: str) -> str:
    """A budget ledger's phase as people name it: 본예산, 2차 추경 (supplementary budget no. 2)."""
    number = row.get("supplementary_number")
    if value == "supplementary" and number is not None:
        return options.gettext(NUMBERED_SUPPLEMENTARY).format(number=number)
    message = PHASE_NAMES.get(value)
    return options.gettext(message) if message else str(value)


#: Where a name finds its English: the record's English twin, else the glossary's word.
ENGLISH_NAMES: dict[str, Callable[[Row, Glossary], str | None]] = {
    "name": lambda row, g: row.get("name_en") or g.kpis.get(row.get("id") or ""),
    "basis_name": lambda row, g: row.get("basis_name_en") or g.bases.get(row.get("basis") or ""),
    "account_name": lambda row, g: row.get("account_name_en") or g.accounts.get(row.get("account") or ""),
    "group_name": lambda row, g: row.get("group_name_en") or g.groups.get(row.get("group") or ""),
    "section_name": lambda row, g: row.get("section_name_en") or g.groups.get(row.get("section") or ""),
    "pillar_name": lambda row, g: row.get("pillar_name_en") or g.pillars.get(row.get("pillar") or ""),
    "strategy_name": lambda row, g: (
        row.get("strategy_name_en") or g.strategies.get((row.get("pillar") or "", row.get("strategy") or 0))
    ),
    "check": lambda row, g: row.get("check_en"),
}


def _name(value: Any, row: Row, options: Options, key: str) -> str:
    """A name: as written (Korean) for Korean readers; for English ones the English the row or
    the glossary has (:data:`ENGLISH_NAMES`), else the Korean."""
    if options.english and key in ENGLISH_NAMES:
        found = ENGLISH_NAMES[key](row, options.glossary)
        if found:
            return found
    return str(value)


def _parts(value: Any, row: Row, options: Options, key: str) -> str:
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
        column("basis_name", repeat=False),
        column("amount_eok", "year", year=year),
        column("compare_amount_eok", "year", year=compare),
        column("compare_share_pct", "year", year=compare),
        column("per_capita_krw", "year", year=year),
        column("compare_per_capita_krw", "year", year=compare),
    ]
    notes = []
    if compare is not None:
        notes.append(
            options.gettext(
                "Share = account ÷ total × 100; growth = change ÷ the earlier year × 100 (rounded half up to "
                "one decimal)."
            )
        )
    if per_capita:
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
    return View(tuple(columns), title, tuple(notes), whole=True)


def _budget_title(title: str, options: Options) -> str:
    """A budget-year title, with the unit of its amounts when ``--unit`` fixes one."""
    if options.english or fmt.normalise_unit(options.unit) == "auto":
        return title
    return (
        title
        + " "
        + options.gettext("(amounts in {unit})").format(unit=fmt.unit_label(options.unit, "억", options.locale))
    )


def _pace_note(pace: Any, options: Options) -> str:
    """How the expected execution is paced: the straight line, or through the stated points."""
    if not pace.points:
        return options.gettext(
            "Expected execution = the straight line from none at the start of the year to all of it at its end."
        )
    points = ", ".join(f"{day.isoformat()} {fmt.format_pct(pct, locale=options.locale)}" for day, pct in pace.points)
    return options.gettext(
        "Expected execution = the line from none at the start of the year through {points} to all of it at its end."
    ).format(points=points)


def budget_track(at: Any, pace: Any, near: float, options: Options) -> View:
    """Every budget item at the date of the question: its levels, execution and pace."""
    columns = (
        column("basis_name", repeat=False),
        column("account_name"),
        column("original_eok"),
        column("current_eok"),
        column("supplementary_change_eok"),
        column("executed_eok"),
        column("as_of"),
        column("execution_rate_pct"),
        column("expected_execution_pct"),
        column("status", kind=_budget_status, right=False),
    )
    title = options.gettext("Budget through the year: execution against its pace ({question})").format(
        question=_question(at, options)
    )
    notes = (
        options.gettext(
            "Current = after the last supplementary budget by the date, else the original; execution rate = "
            "executed ÷ current × 100."
        ),
        _pace_note(pace, options),
        options.gettext(
            "Status: before the year's end on pace = the execution rate at least the expected, behind = below; from "
            "its end met = all of it executed, near ≥ {near:g}%, missed below; not reported = no execution by the "
            "date; · over budget = executed more than the current budget."
        ).format(near=near),
    )
    return View(columns, _budget_title(title, options), notes, drop_empty=False)


def _budget_status(value: Any, row: Row, options: Options) -> str:
    """A budget item's status, marked when its execution exceeds the current budget."""
    text = status_name(value, options)
    return text + (" · " + options.gettext("over budget") if row.get("over_budget") else "")


def budget_phases(at: Any, options: Options) -> View:
    """Each item's budget through its phases: 본예산 → 1차 추경 → …, with each change."""
    columns = (
        column("basis_name", repeat=False),
        column("account_name", repeat=False),
        column("phase"),
        column("as_of"),
        column("amount_eok"),
        column("change_eok"),
        column("change_pct"),
        column("supplementary_change_eok"),
    )
    title = options.gettext("Budget by phase: the original and each supplementary budget ({question})").format(
        question=_question(at, options)
    )
    note = options.gettext(
        "Change = the amount − the level before it; change by supplementary budgets = the amount − the original."
    )
    return View(columns, _budget_title(title, options), (note,), drop_empty=False)


def budget_periods(by: str, at: Any, options: Options) -> View:
    """Each budget item's execution period by period, against the pace at the period's end."""
    columns = (
        column("basis_name", repeat=False),
        column("account_name", repeat=False),
        column("period"),
        column("current_eok"),
        column("executed_eok"),
        column("execution_rate_pct"),
        column("expected_execution_pct"),
        column("status", kind=_budget_status, right=False),
    )
    title = options.gettext("Budget execution {by} ({question})").format(
        by=options.gettext(PERIOD_NAMES[by]), question=_question(at, options)
    )
    note = options.gettext(
        "Each row = the last execution reported in that period, measured at the period's end; not reported = "
        "none in that period."
    )
    return View(columns, _budget_title(title, options), (note,), drop_empty=False)


def budget_template(options: Options) -> View:
    columns = tuple(column(key) for key in ("item", "basis_name", "account_name", "phase", "amount", "as_of"))
    title = options.gettext(
        "A budget ledger to fill in (amount and as_of of each phase, then read it with budget status --actuals)"
    )
    return View(columns, title, drop_empty=False)


def general(reference_dates: Mapping[str, str], options: Options) -> View:
    columns = (
        column("group_name", repeat=False),
        column("name", "item"),
        column("share_pct", "general"),
        column("stated_share_pct", "general"),
    )
    population, organisation = reference_dates.get("population", ""), reference_dates.get("organisation", "")
    title = options.gettext(
        "General facts (population and area as of {population}; organisation and staff as of {organisation})"
    ).format(population=population, organisation=organisation)
    note = options.gettext(
        "Share (computed) = item ÷ the item it is part of × 100; share (stated) = the share the plan prints."
    )
    return View(columns, title, (note,), whole=True, hidden=("unit",))


def finance(options: Options) -> View:
    columns = (
        column("section_name", repeat=False),
        column("name", "item"),
        column("share_pct", "computed"),
        column("growth_pct", "computed"),
    )
    note = options.gettext(
        "(stated) = as the plan prints it; (computed) = recomputed from the plan's figures; the compare year "
        "is the 2019 original budget."
    )
    return View(columns, options.gettext("Finance"), (note,), whole=True)


def covid(as_of: str, options: Options) -> View:
    columns = (column("name", "measure"),)
    notes = (
        options.gettext(
            "Seoul share = Seoul ÷ nationwide × 100; part of total = in isolation, recovered, died ÷ confirmed, "
            "and being tested, released ÷ suspected."
        ),
        options.gettext("Unit: people. The plan prints Seoul's deaths as '-': recorded as 0."),
    )
    when = as_of.replace("T", " ")
    title = options.gettext("COVID-19 in Korea, as of {when} (people)").format(when=when)
    return View(columns, title, notes, whole=True)


# -- KPIs ------------------------------------------------------------------------------------


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
    columns = tuple(column(key, "value" if kind == "parameter" and key == "target" else None) for key in shown)
    return View(columns, title, notes, drop_empty=False)


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
        column("id"),
        column("name"),
        column("target"),
        column("as_of"),
        column("actual", kind="quantity"),  # the latest, its date beside it: a figure, aligned as one
        column("attainment_pct"),
        column("progress_pct"),
        column("expected_progress_pct"),
        column("status", kind=_status, right=False),
        column("projected"),
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
        column("id"),
        column("name"),
        column("target"),
        column("actual"),
        column("stated_attainment_pct"),
        column("attainment_pct", "printed"),
    )
    title = options.gettext("KPIs: the results and attainment the plan reports")
    note = options.gettext(
        "The plan's attainment may be against an interim target it does not print: where it differs from "
        "the attainment against the target printed, that is why."
    )
    return View(columns, _in_pillar(title, pillar, options), (note,), drop_empty=False)


def template(pillar: Mapping | None, options: Options) -> View:
    columns = (
        column("id"),
        column("name"),
        column("unit"),
        column("baseline"),
        column("target"),
        column("actual", kind="text"),
        column("as_of"),
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
WIDE_KEYS = ("id", "name", "unit", "status", "stale", "suspect")


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
            places[key] = max((decimal_places(row[p]) for p in periods if row.get(p) is not None), default=0)
        return quantity(value, row.get("unit") or "", options, places=places[key], record=key)

    return tuple(Column(p, p, show, right=True) for p in periods)


def track(wide: Any, by: str, at: Any, options: Options, *, periods: int | None = None) -> View:
    """A target per row, a period per column: every period from the first to the last, or the
    latest of the ``periods`` it spans (see :data:`MOST_PERIODS`), with a note of the rest."""
    columns = (
        column("id"),
        column("name"),
        *period_columns(wide),
        column("status", kind=_status, right=False, marked=True),  # judged against the target it does not show
    )
    title = options.gettext("Actuals {by} (the last in each period; status {question})").format(
        by=options.gettext(PERIOD_NAMES[by]), question=_question(at, options)
    )
    notes = [
        options.gettext(
            "Each cell = the last actual in that period, — = none reported then; status = the status at the "
            "date of the question (as kpi status shows it)."
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

    columns = (
        column("id"),
        column("name"),
        column("from_actual", "date", date=first),
        column("to_actual", "date", date=last),
        column("target"),
        column("to_status", "change", kind=reason),
    )
    title = options.gettext("Targets whose status changed ({first} → {last})").format(first=first, last=last)
    return View(columns, title, drop_empty=False)


_STATUS = column("status")


def kpi_detail(row: Row | None, options: Options) -> View:
    """KPIs in full, every field shown as a label and a value (in English, the English name
    once: as the name); titled by the KPI when there is one (``row``)."""
    columns = () if options.english else (column("name_en"),)
    if row is None:
        return View(columns, options.gettext("KPIs in full"), vertical=True, whole=True)
    name = (row.get("name_en") if options.english else None) or row["name"]
    return View(columns, f"{row['id']} — {name}", vertical=True, whole=True)


#: A strategy and how many records of each kind it has: the pillars table's and the report's.
STRATEGY_COUNTS = ("strategy", "strategy_name", "targets", "with_baseline", "achievements", "headlines", "parameters")


def pillars(total_kpis: int, options: Options) -> View:
    def label(value: Any, row: Row, options: Options) -> str:
        number = "" if row.get("pillar_number") is None else row["pillar_number"]
        name = _name(row["pillar_name"], row, options, "pillar_name")
        return f"{number} {name} ({row['pillar']}, {row['pillar_kpis']})".strip()

    columns = (column("pillar", "label", kind=label, repeat=False), *map(column, STRATEGY_COUNTS))
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
    columns = (column("pillar", "title"), column("pillar_name", "title"))
    title = options.gettext("Attainment by pillar ({question})").format(question=_question(at, options))
    return View(columns, title, (_status_note(near, options),), drop_empty=False, whole=True)


# -- audit -------------------------------------------------------------------------------------


def _stated_places(row: Row) -> int:
    """The decimals the plan wrote a figure with, which its tolerance records: ±0.05 → 1."""
    return max(0, decimal_places(float(row["tolerance"])) - 1)


def _audit_figure(computed: bool) -> Callable[[Any, Row, Options], str]:
    def show(value: Any, row: Row, options: Options) -> str:
        places = None
        if row["rule"] == "rounded":
            places = _stated_places(row) + (2 if computed else 0)  # enough to see why it rounds as it does
        elif row["rule"] == "unverifiable" and computed and value is not None:
            places = decimal_places(row["stated"]) + 2
        unit = row.get("unit") or ""
        if unit == "%":
            return fmt.format_number(value, places, locale=options.locale) + unit
        if unit == "%p":
            number = fmt.format_number(value, places, locale=options.locale)
            return number + (" pp" if options.english else "%p")
        return quantity(value, unit, options, places=places, record=record_of(row))

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
        column("check_id"),
        column("check"),
        column("stated"),
        column("computed"),
        column("rule", "result", kind=_audit_result),
    )
    counts = (
        options.ngettext("{count} check", "{count} checks", checks).format(count=checks),
        options.ngettext("{count} disagrees", "{count} disagree", disagreements).format(count=disagreements),
        options.gettext("{count} unverifiable").format(count=unverifiable),
        options.gettext("{count} unambitious").format(count=flags),
    )
    title = options.gettext(
        "Audit: every sum, difference, rate, average, count, comparison and restatement the plan states, "
        "recomputed — {counts}"
    ).format(counts=", ".join(counts))
    note = options.gettext(
        "Differences and sums must be exact to the plan's digits; rates are compared rounded half up to the "
        "digits the plan prints."
    )
    return View(columns, title, (note,))


# -- the cell kinds ------------------------------------------------------------------------------

#: How a cell of each kind reads (:func:`cell`): the registry names a kind for every column.
KINDS: dict[str, Kind] = {
    "text": Kind(_as_written, figure=False, empty=""),
    "year": Kind(_as_written, figure=False, empty=""),
    "list": Kind(_listed),
    "raw": Kind(_raw, figure=False),
    "int": Kind(_number),
    "number": Kind(_number),
    "eok": Kind(_money("억원"), money="억원"),
    "krw": Kind(_money("원", follows_unit=False), money="원", follows_unit=False),
    "pct": Kind(_pct),
    "pp": Kind(_pp),
    "quantity": Kind(_quantity),
    "change": Kind(_change),
    "estimate": Kind(_estimate),
    "dated": Kind(_dated, figure=False, marks_suspect=True),
    "name": Kind(_name, figure=False),
    "unit": Kind(_unit, figure=False, empty=""),
    "status": Kind(_status_word, figure=False, empty=""),
    "direction": Kind(_vocabulary(DIRECTION_NAMES), figure=False, empty=""),
    "kind": Kind(_vocabulary(KIND_NAMES), figure=False, empty=""),
    "pace": Kind(_vocabulary(PACE_NAMES), figure=False, empty=""),
    "phase": Kind(_phase, figure=False, empty=""),
    "parts": Kind(_parts, figure=False),
    "stated": Kind(lambda value, row, options, key: _audit_figure(computed=False)(value, row, options), figure=False),
    "computed": Kind(lambda value, row, options, key: _audit_figure(computed=True)(value, row, options), figure=False),
}
