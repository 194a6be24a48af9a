"""The people formats — a table for the terminal and a markdown table — from a frame and
its :class:`~seoulplan.presentation.views.View` (SPEC §6).

The view picks the columns and says how each reads (``39조 5,359억원``, ``10.6%``,
``-1.1%p``); every text is :func:`~seoulplan.core.escaping.escaped` first. A table fits the
terminal's width (``Options.width``): the widest text columns wrap first (:func:`_caps`),
titles and notes break at spaces, all measured by
:func:`~seoulplan.presentation.text_width.display_width`, as tabulate measures. Markdown
shows text as text (:func:`markdown_text`): never as markup, a link, an image or HTML, and a
pipe never splits a cell.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import N_
from seoulplan.presentation.machine_formats import records
from seoulplan.presentation.text_width import display_width, pieces, wrap
from seoulplan.presentation.views import KINDS, Column, Options, Row, View, cell, suspect_legend

#: The footer of an English table whose money is rounded (:attr:`Options.rounded`).
ROUNDING_NOTE = N_(
    "Money is rounded half up to three significant figures, whole units kept (KRW 39.5 trillion); "
    "csv, json and xlsx give every digit."
)


def people_text(frame: pd.DataFrame, view: View, options: Options, tablefmt: str, headers: bool = True) -> str:
    """``frame`` as the table a person reads: tabulate's ``simple`` table for the terminal, or
    its ``pipe`` table for markdown.

    In English, money is written as English financial writing does (``KRW 39.5 trillion``,
    :attr:`Options.rounded`) and a table where that changed a figure says so in its footer
    (:data:`ROUNDING_NOTE`); one record in full (``kpi show``) keeps every digit."""
    from tabulate import tabulate

    rows = records(frame)
    columns = list(view.shown(list(frame.columns)))
    if view.drop_empty and rows:
        columns = [c for c in columns if any(r.get(c.key) is not None for r in rows)]
    if view.vertical:
        return _vertical(rows, view, columns, options, tablefmt)
    exactly = options
    options = replace(options, rounded=True)
    rounded = False
    body = []
    previous: dict[str, str] = {}
    for row in rows:
        cells = []
        for c in columns:
            shown = cell(c, row.get(c.key), row, options)
            if options.english and not rounded:
                rounded = _rounded(shown, c, row, exactly)
            text = escaped(shown)
            cells.append("" if not c.repeat and previous.get(c.key) == text else text)
            previous[c.key] = text
        body.append(cells)
    if rounded:
        view = replace(view, notes=(*view.notes, options.gettext(ROUNDING_NOTE)))
    heads = [escaped(c.header(options)) for c in columns] if headers else []
    if tablefmt == "pipe":
        body = [[markdown_text(text) for text in cells] for cells in body]
        heads = [markdown_text(text) for text in heads]
    caps = _caps(body, heads, [c.numeric for c in columns], options.width, tablefmt) if options.width else None
    table = tabulate(
        _wrap_cells(body, caps),
        headers=heads or (),
        tablefmt=tablefmt,
        colalign=["right" if c.numeric else "left" for c in columns],
        disable_numparse=True,
    )
    notes = list(view.notes)
    legend = suspect_legend(rows, columns, options)
    if legend:
        notes.append(legend)
    parts = []
    title = escaped(view.title) if view.title else None
    if title:
        parts.append(_wrapped(title, options.width) if tablefmt != "pipe" else f"**{markdown_text(title)}**\n")
    parts.append(table)
    if notes:
        if tablefmt == "pipe":
            parts.append("\n".join("- " + markdown_text(escaped(n)) for n in notes))
        else:
            parts.append("\n".join(_wrapped(escaped(n), options.width) for n in notes))
    return "\n".join(parts) + "\n"


def _rounded(shown: str, column: Column, row: Row, exactly: Options) -> bool:
    """Whether rounding changed a cell: its text differs from the cell written exactly. Only
    money can be rounded — a column of money, or an amount in a KPI's unit (``KRW …``) — so
    no other cell is written twice."""
    money = isinstance(column.kind, str) and KINDS[column.kind].money is not None
    return (money or "KRW" in shown) and shown != cell(column, row.get(column.key), row, exactly)


#: What CommonMark and GitHub read as markup inside a line: emphasis and code (``*``, ``_``,
#: backticks), strikethrough (``~``: one is enough on GitHub), links and images (``[``,
#: ``]``), HTML and autolinks (``<``, ``>``), entities (``&``), math (``$``), the backslash
#: that escapes them all, and the pipe that ends a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~\[\]<>&$|])")
#: GitHub also links bare web addresses (``https://…``, ``www.…``): an escaped ``:`` or
#: ``.`` there is shown the same but is no longer one. (An e-mail address it links whatever
#: is escaped: nothing short of changing the text stops that, and a mailto link runs nothing.)
_BARE_LINK = re.compile(r"(?<=[A-Za-z0-9]):(?=//)|(?<![A-Za-z0-9])(?i:www)\.")


def markdown_text(text: str) -> str:
    r"""``text`` (already :func:`~seoulplan.core.escaping.escaped`) as markdown that shows it as
    it is: each character markdown would read as markup gets a backslash, which CommonMark
    allows before any ASCII punctuation and does not show.

    >>> print(markdown_text(r"a|b \| <b>[x](javascript:y) ![](http://e.x/i.png) 1~2"))
    a\|b \\\| \<b\>\[x\](javascript:y) !\[\](http\://e.x/i.png) 1\~2
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if "//" in text or "ww" in text.lower():
        text = _BARE_LINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)
    return text


def _caps(body: list[list[str]], heads: list[str], numeric: list[bool], width: int, tablefmt: str) -> list | None:
    """The widest each text column may be for the table to fit ``width`` cells, or None
    where it fits already.

    Numbers are never wrapped, nor a column of 12 cells or fewer (``일반회계`` broken in two
    reads worse than a long line). The other columns — names and ids alike — give way
    together, the widest first, down to one level (as water finds its level), so that an id
    never keeps its whole width while the name beside it is squeezed to 12 cells; the cells
    left over go to the widest column of prose (the name) first. First no column is made
    narrower than its longest segment (:func:`~seoulplan.presentation.text_width.pieces`: a
    word, or a part of an id between ``.`` and ``-``), so that nothing is split that would fit;
    when that cannot fit, down to 12 cells, a longer segment cut where the column ends
    (:func:`_wrap_cells`). A table that still does not fit is left wider than the terminal."""
    count = len(numeric)
    lines = [[line for r in body for line in r[i].split("\n")] for i in range(count)]
    cells = [max([0] + [display_width(line) for line in lines[i]]) for i in range(count)]
    # tabulate pads a column to its header plus 2 ("simple") and draws "| a | b |" for pipe
    least = [(display_width(heads[i]) + (2 if tablefmt != "pipe" else 0)) if heads else 0 for i in range(count)]
    gaps = 2 * (count - 1) if tablefmt != "pipe" else 3 * count + 1
    wrappable = [not numeric[i] and cells[i] > SHORTEST_WRAPPED for i in range(count)]
    fixed = gaps + sum(max(cells[i], least[i]) for i in range(count) if not wrappable[i])
    if fixed + sum(max(cells[i], least[i]) for i in range(count) if wrappable[i]) <= width:
        return None
    chosen = [i for i in range(count) if wrappable[i]]
    if not chosen:
        return None
    longest = {
        i: max((display_width(p) for line in lines[i] for word in line.split() for p in pieces(word, 0)), default=0)
        for i in chosen
    }
    prose = sorted((i for i in chosen if any(" " in line for line in lines[i])), key=lambda i: -cells[i])
    room = width - fixed
    floors: dict[int, int] = {}
    for whole_segments in (True, False):
        floors = {i: max(SHORTEST_WRAPPED, least[i], longest[i] if whole_segments else 0) for i in chosen}
        floors = {i: min(floor, max(cells[i], least[i])) for i, floor in floors.items()}
        caps = _levelled(floors, {i: cells[i] for i in chosen}, room)
        if caps is None:
            continue
        spare = room - sum(caps.values())
        for i in prose + chosen:  # the name's share first
            more = min(spare, cells[i] - caps[i])
            caps[i] += more
            spare -= more
        return [caps[i] if i in caps and caps[i] < cells[i] else None for i in range(count)]
    return [floors[i] if i in floors and floors[i] < cells[i] else None for i in range(count)]


def _levelled(floors: dict[int, int], cells: dict[int, int], room: int) -> dict[int, int] | None:
    """The widths of the columns ``cells`` (their widest lines) in ``room`` cells: each at most
    one level, the highest that fits, and none narrower than its floor; None where even the
    floors do not fit."""

    def used(level: int) -> int:
        return sum(max(floors[i], min(cells[i], level)) for i in cells)

    if used(0) > room:
        return None
    level = max(cells.values())
    while used(level) > room:
        level -= 1
    return {i: max(floors[i], min(cells[i], level)) for i in cells}


SHORTEST_WRAPPED = 12  # cells: no column is wrapped narrower


def _wrap_cells(body: list[list[str]], caps: list | None) -> list[list[str]]:
    """Each cell's lines broken to its column's cap (:func:`~seoulplan.presentation.text_width.wrap`:
    at spaces, an id at its ``.`` and ``-``, and a segment cut only where it is wider than the
    column). tabulate is given the lines as they are: its own wrapping breaks words anywhere."""
    if not caps or not any(caps):
        return body
    return [
        [
            text if cap is None or display_width(text) <= cap else _wrapped_cell(text, cap)
            for text, cap in zip(row, caps)
        ]
        for row in body
    ]


def _wrapped_cell(text: str, cap: int) -> str:
    return "\n".join(wrap(line, cap, cut=True) if display_width(line) > cap else line for line in text.split("\n"))


def _wrapped(text: str, width: int | None) -> str:
    """A title or note broken at spaces to ``width`` cells (no limit: as it is)."""
    if not width or display_width(text) <= width:
        return text
    return wrap(text, width)


def _vertical(rows: list[dict], view: View, columns: list, options: Options, tablefmt: str) -> str:
    from tabulate import tabulate

    blocks = []
    labels = [escaped(c.header(options)) for c in columns]  # the same for every record
    for row in rows:
        body = [
            [label, escaped(cell(c, row.get(c.key), row, options))]
            for c, label in zip(columns, labels)
            if row.get(c.key) is not None and row.get(c.key) is not False
        ]
        if tablefmt == "pipe":
            body = [[markdown_text(a), markdown_text(b)] for a, b in body]
        if options.width and body:
            label = max(display_width(a) for a, _ in body)
            body = _wrap_cells(body, [None, max(20, options.width - label - (2 if tablefmt != "pipe" else 7))])
        blocks.append(
            tabulate(
                body,
                headers=(("Field", "Value") if options.locale == "en_US" else ("항목", "값"))
                if tablefmt == "pipe"
                else (),
                tablefmt=tablefmt,
                disable_numparse=True,
            )
        )
    title = (
        ([escaped(view.title)] if tablefmt != "pipe" else [markdown_text(escaped(view.title))]) if view.title else []
    )
    legend = suspect_legend(rows, columns, options)
    if legend:
        blocks.append(_wrapped(legend, options.width) if tablefmt != "pipe" else "- " + markdown_text(legend))
    return "\n\n".join(title + blocks) + "\n"
