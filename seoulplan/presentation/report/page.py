"""The report's page as the template reads it, and what every section needs to build it.

A :class:`Page` holds the plan and the options, looks the page's words up in the catalogue of
the options' locale (:meth:`Page.gettext`: English in the source, Korean in ``seoulplan.po``,
as every message), writes numbers the way the tables do, makes a chart block (the chart, its
title, its table) and turns a frame into a table people read with the views' columns and
cell formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from seoulplan.core.i18n import translations
from seoulplan.core.vocabulary import STATUS_KEYS
from seoulplan.presentation import formatting as fmt
from seoulplan.presentation.views import Column, Options, cell, status_name, suspect_legend

BLUE, LIGHT_BLUE, ORANGE, GREY = "#1f5fa8", "#9bbbe0", "#e8903a", "#b8b8b8"
#: Columns of long text, which may wrap; the others (figures, dates, statuses) do not.
WRAPPING = frozenset(
    {"id", "name", "strategy_name", "check_id", "check", "kind", "note", "computed_from", "pillar_name"}
)


@dataclass
class Table:
    headers: list[tuple[str, bool]]  # (text, numeric)
    rows: list[list[tuple[str, str]]]  # (text, css class: "num", "wrap", "excerpt" or "")
    #: many long figures (a value with its unit and date): they wrap at their spaces, and the
    #: names beside them between words, so that the table fits an A4 page
    figures: bool = False
    #: what :data:`~seoulplan.presentation.views.SUSPECT_MARK` means, when a cell has it
    legend: str | None = None


@dataclass
class Block:
    """A chart with its table (``svg`` set), a table alone, a heading or a paragraph."""

    kind: str  # chart | table | heading | text
    title: str = ""
    svg: Any = None
    table: Table | None = None
    notes: list[str] = field(default_factory=list)
    ident: str = ""


@dataclass
class Section:
    ident: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    html: str
    charts: int
    tables: int
    sections: list[str]  # the sections' ids (``budget``), for scripts and links
    #: the sections' titles in the page's language, as the contents name them, for people
    titles: list[str] = field(default_factory=list)


class Page:
    """What every section needs: the plan, the options, the words, and a count of charts."""

    def __init__(self, plan: Any, options: Options):
        self.plan, self.options = plan, options
        self.english = options.locale == "en_US"
        self.charts = 0
        self.tables = 0

    # words: English messages, in the page's language (placeholders filled by .format() after)
    def gettext(self, message: str) -> str:
        return self.options.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.options.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """A message whose English is also another's (``KPIs`` a heading, ``KPIs`` an axis),
        told apart by ``context``."""
        return translations(self.options.locale).pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return translations(self.options.locale).npgettext(context, singular, plural, n)

    # numbers (a cell of a frame may be numpy's or pandas' <NA>: made plain first)
    def won(self, eok: Any) -> str:
        eok = plain(eok)
        return (
            fmt.DASH
            if eok is None
            else fmt.format_amount(
                eok, "억원", style=self.options.style, locale=self.options.locale, digits=self.options.digits
            )
        )

    def pct(self, value: Any) -> str:
        return fmt.format_pct(plain(value), locale=self.options.locale, style=self.options.style)

    def count(self, value: Any) -> str:
        return fmt.format_number(plain(value), locale=self.options.locale)

    # blocks
    def chart(self, title: str, draw: Callable[..., str], table: Table, notes: Sequence[str] = ()) -> Block:
        """A chart block: ``draw(ident=, title=)`` (a function of :mod:`~seoulplan.presentation.charts` with its
        data bound) gives the SVG; ``table`` holds its numbers."""
        from markupsafe import Markup

        self.charts += 1
        self.tables += 1
        ident = f"chart{self.charts}"
        svg = Markup(draw(ident=ident, title=title))  # matplotlib's SVG: its text is escaped by matplotlib
        return Block("chart", title, svg, table, _with_legend(notes, table), ident)

    def table(self, title: str, table: Table, notes: Sequence[str] = ()) -> Block:
        self.tables += 1
        return Block("table", title, table=table, notes=_with_legend(notes, table))

    def grid(
        self,
        frame: pd.DataFrame,
        columns: Sequence[Column],
        *,
        excerpts: Sequence[str] = ("source",),
        figures: bool = False,
    ) -> Table:
        """``frame``'s rows as the table people read: the columns' headers and cell formats
        (``figures``: see :class:`Table`), with the legend of a suspect figure's mark when a
        cell has it."""
        from seoulplan.presentation.render import records

        rows = records(frame)
        legend = suspect_legend(rows, columns, self.options)
        headers = [(c.header(self.options), c.numeric) for c in columns]
        table = Table(headers=headers, rows=[], figures=figures, legend=legend)
        classes = [
            "excerpt" if c.key in excerpts else "num" if c.numeric else "wrap" if c.key in WRAPPING else ""
            for c in columns
        ]
        previous: dict[str, str] = {}
        for row in rows:
            cells = []
            for c, css in zip(columns, classes):
                value = row.get(c.key)
                text = "" if value is None and c.kind == "text" else cell(c, value, row, self.options)
                cells.append(("" if not c.repeat and previous.get(c.key) == text else text, css))
                previous[c.key] = text
            table.rows.append(cells)
        return table

    def localised(self, frame: pd.DataFrame) -> pd.DataFrame:
        """In English: names from their ``*_en`` columns and statuses in English. Units stay as
        the plan writes them: the cells (:func:`~seoulplan.presentation.views.quantity`) put them
        in English."""
        if not self.english:
            return frame
        out = frame.copy()
        if "name_en" in out.columns and "name" in out.columns:
            out["name"] = out["name_en"].fillna(out["name"])
        elif "name" in out.columns and "id" in out.columns:  # a KPI frame without name_en (track)
            names = self.plan.kpi_table.set_index("id")["name_en"]
            out["name"] = out["id"].map(names).astype("string").fillna(out["name"])
        pillars = self.plan.pillars()
        if "pillar_name" in out.columns and "pillar" in out.columns:
            names = pillars.drop_duplicates("pillar").set_index("pillar")["pillar_name_en"]
            out["pillar_name"] = out["pillar"].map(names).astype("string").fillna(out["pillar_name"])
        if "strategy_name" in out.columns and {"pillar", "strategy"} <= set(out.columns):
            names = pillars.set_index(["pillar", "strategy"])["strategy_name_en"]
            keys = pd.MultiIndex.from_arrays([out["pillar"].astype(object), out["strategy"].astype(object)])
            out["strategy_name"] = pd.array(names.reindex(keys).to_numpy(), dtype="string")
        if "status" in out.columns:
            names = {status: self.status(status) for status in STATUS_KEYS}
            out["status"] = out["status"].map(names, na_action="ignore").astype("string")
        return out

    def status(self, status: str) -> str:
        """A status (its machine value) as the page's language names it."""
        return status_name(status, self.options)

    def short(self, text: str, cells: int = 46) -> str:
        """``text`` cut to ``cells`` columns of a terminal's width (Hangul takes two), with "…"."""
        from seoulplan.presentation.text_width import display_width

        used = 0
        for n, ch in enumerate(text):
            used += display_width(ch)
            if used > cells:
                return text[: max(n - 1, 1)].rstrip() + "…"
        return text


def plain(value: Any) -> Any:
    """A Python number (or None) from a frame's cell."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def compare_year(plan: Any) -> int | None:
    return next((y for y in plan.budget_years if y != plan.year), None)


def pillar_label(row: Mapping[Any, Any]) -> str:
    """``1. 함께 성장하는 미래 서울``; a pillar without a number (코로나19) by its name alone."""
    number = row.get("pillar_number")
    return f"{number}. {row['pillar_name']}" if number is not None and number == number else str(row["pillar_name"])


def trillions(eok: pd.Series) -> list[float]:
    return [float(v) / 10000 for v in eok]


def _with_legend(notes: Sequence[str], table: Table) -> list[str]:
    """A table's notes, the legend of its suspect marks last."""
    return [*notes, table.legend] if table.legend else list(notes)
