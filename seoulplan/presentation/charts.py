"""Charts for the report: matplotlib figures written as inline SVG, text kept as text.

Why matplotlib: it is the best-kept plotting library of Python, its SVG backend writes
text as ``<text>`` (``svg.fonttype: none``: selectable, searchable, translated by the
browser's fonts, a tenth of the size of glyph outlines), and it needs no browser or
JavaScript to draw — Vega-Lite would need a JavaScript engine at build time to give
static SVG. Only the object-oriented API is used (``Figure``, never ``pyplot``), and the
settings are applied with ``rc_context`` for the time of a drawing, so the report leaves
no global state behind in a notebook.

Every chart comes out the same bytes for the same input: ``svg.hashsalt`` fixes the ids
matplotlib derives from hashes, the metadata (with its date) is dropped, and ids are
prefixed with the chart's own name so that several charts live in one page. (The same
input includes the fonts: text is placed by the metrics of the font matplotlib finds, so
a machine without NanumGothic writes some coordinates differently.) The font is
left to the page: matplotlib measures its labels with a Korean font when one is installed
(NanumGothic, Noto Sans CJK…), and the ``font-family`` it would write is removed, so that
the page's CSS names the fonts for its text and its charts alike.

The functions take plain lists (values in the unit of the axis, and the texts to write
beside them, already formatted by the caller) and return the SVG markup of one chart.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import matplotlib
from matplotlib.figure import Figure

#: Korean fonts matplotlib may find on a machine, the first found measures the labels.
KOREAN_FONTS = (
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "AppleGothic",
)
WIDTH = 10.0  # inches; at 72 units an inch the SVG's 720 units show 1:1 in a 720 px column
FONT_SIZE = 12.0
ROW = 0.42  # inches per bar row

INK, MUTED, GRID = "#222222", "#666666", "#dddddd"


def _font_family() -> list[str]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in KOREAN_FONTS if name in installed][:1] + ["DejaVu Sans"]


def _settings() -> Any:  # matplotlib's stubs type rcParams keys as literals
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "seoulplan",
        "svg.image_inline": True,
        "font.family": _font_family(),
        "font.size": FONT_SIZE,
        "text.parse_math": False,  # a "$" in a KPI's name is a dollar sign, not TeX
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": INK,
        "legend.frameon": False,
        "figure.dpi": 72,
    }


LEGEND = 0.5  # inches at the top of a chart with a legend
LEGEND_LINE = 0.3  # inches for each further line of legend
TICKS = 0.72  # inches under a bar axes: its tick labels and its axis label
HEADING = 0.4  # inches above a panel with a heading
RIGHT = 0.25  # inches right of the plot


def _stack(heights: Sequence[float], labels: Sequence[str], *, legend: int, headings: bool = False) -> Any:
    """A figure of bar axes one above the other, each ``heights[i]`` inches of bars, laid out
    by hand: room at the left for the longest category label, a heading above each panel
    (``headings``), its ticks and axis label below, ``legend`` lines of legend at the top.
    (matplotlib's constrained layout measures every text to the same end, at twice the cost
    of drawing.)"""
    left = min(max((_text_width(t, FONT_SIZE) for t in labels), default=0) / 72 + 0.25, WIDTH * 0.5)
    top = LEGEND + LEGEND_LINE * (legend - 1) if legend else 0.15
    above = HEADING if headings else 0.05
    height = top + sum(above + h + TICKS for h in heights)
    fig = Figure(figsize=(WIDTH, height))
    axes = []
    y = height - top
    for h in heights:
        y -= above + h
        axes.append(fig.add_axes((left / WIDTH, y / height, (WIDTH - left - RIGHT) / WIDTH, h / height)))
        y -= TICKS
    return fig, axes, (WIDTH - left - RIGHT) * 72


def _legend(fig: Any, *, line: int = 0, **kwargs: Any) -> None:
    """A line of legend at the top of ``fig``: the first (``line`` 0) or one under it."""
    below = line * LEGEND_LINE / fig.get_figheight()
    fig.legend(loc="upper center", bbox_to_anchor=(0.5, 1.0 - below), borderaxespad=0.3, **kwargs)


def svg(figure: Figure, *, ident: str, title: str) -> str:
    """The figure as SVG markup for an HTML page: ``ident`` prefixes its ids (unique in the
    page), ``title`` is its ``<title>`` (read by screen readers, shown on hover)."""
    out = io.StringIO()
    with matplotlib.rc_context(_settings()), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph missing from font": the browser draws the text
        figure.savefig(out, format="svg", metadata={"Date": None})
    return _clean(out.getvalue(), ident, title)


_ROOT = re.compile(r'<svg [^>]*viewBox="([^"]+)"[^>]*>')


def _clean(text: str, ident: str, title: str) -> str:
    from html import escape

    text = text[text.index("<svg ") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'\s*<style type="text/css">.*?</style>', "", text, flags=re.S)
    text = re.sub(r"\s*<defs>\s*</defs>", "", text)
    text = re.sub(r"font-family: [^;\"]*;? ?", "", text)
    text = re.sub(r'id="([^"]+)"', rf'id="{ident}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{ident}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{ident}-\1"', text)
    match = _ROOT.match(text)
    assert match is not None, "matplotlib wrote an <svg> without a viewBox"
    root = (
        f'<svg class="chart" viewBox="{match.group(1)}" role="img" aria-labelledby="{ident}-title">'
        f'<title id="{ident}-title">{escape(title, quote=False)}</title>'
    )
    return root + text[match.end() :].strip() + "\n"


# -- bars -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One set of bars: its name in the legend, a value per category, its colour, and the
    text written at each bar (``""``: none)."""

    label: str
    values: Sequence[float | None]
    color: str
    texts: Sequence[str] = ()


def _values(values: Sequence[float | None]) -> list[float]:
    return [0.0 if v is None else float(v) for v in values]


def grouped_bars(categories: Sequence[str], series: Sequence[Series], *, axis: str, ident: str, title: str) -> str:
    """Horizontal bars, one group per category (top to bottom), one bar per series."""
    with matplotlib.rc_context(_settings()):
        n = len(series)
        fig, (ax,), plot = _stack([ROW * len(categories) * n + 0.2 * len(categories)], categories, legend=int(n > 1))
        height = 0.8 / n
        rows = list(range(len(categories)))
        top = max((abs(v) for s in series for v in _values(s.values)), default=1) or 1
        for i, s in enumerate(series):
            positions = [r - 0.4 + height * (i + 0.5) for r in rows]
            bars = ax.barh(positions, _values(s.values), height=height * 0.92, color=s.color, label=s.label)
            if s.texts:
                _mark_values(
                    ax, ax.bar_label(bars, labels=list(s.texts), padding=4, fontsize=FONT_SIZE * 0.9, color=INK)
                )
        low = min(0.0, *(v for s in series for v in _values(s.values)))
        widest = _room(
            [abs(v) for s in series for v in _values(s.values)],
            [t for s in series for t in (s.texts or [""] * len(s.values))],
            plot,
            least=top * 1.05,
        )
        ax.set_xlim(-widest if low < 0 else 0, widest)
        _category_axis(ax, categories, axis)
        if n > 1:
            _legend(fig, ncols=n, fontsize=FONT_SIZE * 0.9)
    return svg(fig, ident=ident, title=title)


def stacked_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    axis: str,
    ident: str,
    title: str,
    total: float | None = None,
    after: Sequence[str] = (),
) -> str:
    """Horizontal bars, one per category (top to bottom), its parts side by side in the
    order of ``series``; a part's text is written inside it when it fits. ``total``: the
    length of the axis (100 for shares), else the longest bar. ``after``: a text per
    category written after its bar (what the bars leave out, say), the axis made long
    enough for it."""
    with matplotlib.rc_context(_settings()):
        fig, (ax,), plot = _stack([ROW * 1.4 * len(categories)], categories, legend=1)
        rows = list(range(len(categories)))
        left = [0.0] * len(categories)
        totals = [sum(vs) for vs in zip(*(_values(s.values) for s in series))] or [0.0] * len(categories)
        longest = max(totals, default=1) or 1
        span = total or longest
        for s in series:
            values = _values(s.values)
            bars = ax.barh(rows, values, left=left, height=0.62, color=s.color, label=s.label)
            texts = list(s.texts) or [""] * len(values)
            fitting = [t if v / span >= 0.028 * max(len(t), 1) ** 0.8 else "" for t, v in zip(texts, values)]
            _mark_values(
                ax,
                ax.bar_label(bars, labels=fitting, label_type="center", fontsize=FONT_SIZE * 0.85, color=_on(s.color)),
            )
            left = [a + b for a, b in zip(left, values)]
        if after:
            span = _room(totals, after, plot, least=span, size=FONT_SIZE * 0.85, gap=10)
            for n, (row, end, text) in enumerate(zip(rows, totals, after)):
                if text:
                    note = ax.annotate(text, (end, row), xytext=(6, 0), textcoords="offset points", va="center",
                                       fontsize=FONT_SIZE * 0.85, color=MUTED)  # fmt: skip
                    note.set_gid(f"after-{n}")
        ax.set_xlim(0, span)
        _category_axis(ax, categories, axis)
        _legend(fig, ncols=min(len(series), 6), fontsize=FONT_SIZE * 0.9)
    return svg(fig, ident=ident, title=title)


@dataclass(frozen=True)
class Panel:
    """One part of a ranked chart: its heading and its bars, largest first."""

    heading: str
    labels: Sequence[str]
    values: Sequence[float]
    texts: Sequence[str]
    color: str


def ranked_bars(panels: Sequence[Panel], *, axis: str, ident: str, title: str, least_rows: int = 2) -> str:
    """Panels one above the other, each with its own scale: the largest rises above the
    largest falls, so that a fall of 80% is not a sliver beside a rise of 1,900%. A panel
    of falls draws their size to the right, its axis labelled with the minus sign. A panel
    takes the room of ``least_rows`` bars at least (2: one bar as thick as in a panel of two;
    1: a panel of one bar is one row high)."""
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_settings()):
        rows = [max(len(p.labels), least_rows) for p in panels]
        labels = [t for p in panels for t in p.labels]
        fig, axes, plot = _stack([ROW * r for r in rows], labels, legend=0, headings=True)
        for ax, panel, count in zip(axes, panels, rows):
            falling = any(float(v) < 0 for v in panel.values)
            sizes = [abs(float(v)) for v in panel.values]
            bars = ax.barh(list(range(len(sizes))), sizes, height=0.62, color=panel.color)
            _mark_values(
                ax, ax.bar_label(bars, labels=list(panel.texts), padding=4, fontsize=FONT_SIZE * 0.9, color=INK)
            )
            ax.set_xlim(0, _room(sizes, panel.texts, plot, least=max(sizes, default=1) or 1))
            ax.set_ylim(count - 0.5, -0.5)
            if falling:
                ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"-{x:g}" if x else "0"))
            _category_axis(ax, panel.labels, axis, invert=False)
            ax.set_title(panel.heading, loc="left", fontsize=FONT_SIZE, color=INK)
    return svg(fig, ident=ident, title=title)


@dataclass(frozen=True)
class Progress:
    """One KPI's bar: its label, how far it has come (% of the way, None: no bar), its colour,
    the text written after it, where its pace says it should be by now (``pace``, %; None:
    no tick) and where the line through its latest actual reaches at the deadline
    (``projected``, %; None: no marker)."""

    label: str
    value: float | None
    color: str
    text: str
    pace: float | None = None
    projected: float | None = None


#: How far the axis stretches for a projection: to this many times the furthest bar or tick
#: (and at least to PROJECTION_FLOOR %); a projection beyond is drawn at the edge, pointing on.
PROJECTION_REACH = 1.5
PROJECTION_FLOOR = 150.0
PACE_TICK = dict(marker="|", s=420, linewidths=2.5, color=INK, zorder=3)
PROJECTION = dict(s=64, facecolors="white", edgecolors=INK, linewidths=1.5, zorder=4, clip_on=False)
LABEL_SIZE = FONT_SIZE * 0.85
LABEL_GAP = 5.0  # points between a bar's end and its text
#: Half the width of each sign in points, and a little air: the pace tick, the projection's circle.
HALF_WIDTHS = {"|": 3.0, "o": 6.5}


def _label_width(text: str) -> float:
    """How wide a bar's text may be drawn, in points: the estimate, and a tenth more for a font
    wider than it (the browser's, not the one matplotlib measured)."""
    return _text_width(text, LABEL_SIZE) * 1.1 + 4 if text else 0.0


def _free_place(end: float, signs: Sequence[tuple[float, float]], width: float, scale: float
                ) -> tuple[float, float]:  # fmt: skip
    """Where a bar's text goes: just after the bar (``end``, in %) when no sign (a position
    in % and its half-width in points) stands in the way of its ``width`` points, else just
    after the first sign past which it is free. Returns the anchor (%) and the gap (points)."""
    candidates = [(end, LABEL_GAP)] + sorted((x, half + LABEL_GAP) for x, half in signs if x >= end)
    for at, gap in candidates:
        start = at * scale + gap
        if all(x * scale + half <= start or x * scale - half >= start + width for x, half in signs):
            return at, gap
    return candidates[-1]


def progress_bars(
    bars: Sequence[Progress],
    *,
    axis: str,
    pace_label: str,
    projected_label: str,
    legend: Sequence[tuple[str, str]],
    ident: str,
    title: str,
) -> str:
    """A bar per KPI (top to bottom) for its progress, coloured by its status; a black tick
    where the pace says it should be by its date, and a hollow circle where its projection
    reaches at the deadline.

    A bar's text goes just after the bar, or after the first tick or circle past which it is
    free (:func:`_free_place`), on a white ground (the 100% line and the grid pass behind it):
    nothing a row draws is written over, and the axis is long enough for every text to fit
    after its row's furthest mark. A projection off the axis (beyond ``PROJECTION_REACH``
    times the furthest bar or tick, or below the axis' start) is a triangle at its edge,
    pointing on; the table gives its value."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    labels = [b.label for b in bars]
    paces = [None if b.pace is None else float(b.pace) for b in bars]
    projections = [None if b.projected is None else float(b.projected) for b in bars]
    has_pace, has_projection = any(p is not None for p in paces), any(p is not None for p in projections)
    with matplotlib.rc_context(_settings()):
        fig, (ax,), plot = _stack([ROW * max(len(bars), 2)], labels, legend=2 if has_pace or has_projection else 1)
        rows = list(range(len(bars)))
        values = _values([b.value for b in bars])
        low = min(0.0, *values)
        left = low - 5 if low < 0 else 0.0
        high = max(100.0, *values, *(p for p in paces if p is not None))
        reach = max(high * PROJECTION_REACH, PROJECTION_FLOOR)
        marks = [None if p is None else min(max(p, left), reach) for p in projections]
        furthest = [max(v, 0.0, p or 0.0, m or 0.0) for v, p, m in zip(values, paces, marks)]
        widths = [_label_width(b.text) for b in bars]
        right = max(high, *(m for m in marks if m is not None)) * 1.05 if has_projection else high * 1.05
        for x, width in zip(furthest, widths):
            free = plot - width - LABEL_GAP - HALF_WIDTHS["o"]
            if width and free > plot * 0.2:
                right = max(right, left + (x - left) * plot / free)
        ax.set_xlim(left, right)
        scale = plot / (right - left)  # points per percent
        # a triangle at the axis' start is drawn inside it, clear of the names
        marks = [None if m is None else max(m, left + (HALF_WIDTHS["o"] + 2) / scale) for m in marks]

        drawn = ax.barh(rows, values, height=0.6, color=[b.color for b in bars])
        for n, patch in enumerate(drawn):
            patch.set_gid(f"bar-{n}")
        if has_pace:
            ticked = [(r, p) for r, p in zip(rows, paces) if p is not None]
            ax.scatter([p for _, p in ticked], [r for r, _ in ticked], **PACE_TICK).set_gid("pace")
        shapes = [
            None if p is None else ">" if p > reach else "<" if p < left else "o" for p in projections
        ]  # fmt: skip
        for shape, gid in (("o", "projected"), (">", "projected-beyond"), ("<", "projected-below")):
            chosen = [(r, m) for r, m, s in zip(rows, marks, shapes) if s == shape]
            if chosen:
                ax.scatter([m for _, m in chosen], [r for r, _ in chosen], marker=shape, **PROJECTION).set_gid(gid)
        for n, (row, value, pace, mark, width, bar) in enumerate(zip(rows, values, paces, marks, widths, bars)):
            if not bar.text:
                continue
            signs = [(x, HALF_WIDTHS[kind]) for x, kind in ((pace, "|"), (mark, "o")) if x is not None]
            at, gap = _free_place(max(value, 0.0), signs, width, scale)
            label = ax.annotate(
                bar.text, (at, row), xytext=(gap, 0), textcoords="offset points", va="center",
                fontsize=LABEL_SIZE, color=INK, bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"),
            )  # fmt: skip
            label.set_gid(f"value-{n}")
        ax.axvline(100, color=MUTED, linewidth=1, linestyle=":")
        _category_axis(ax, labels, axis)
        statuses = [Patch(color=c, label=name) for name, c in legend]
        _legend(fig, handles=statuses, ncols=max(len(statuses), 1), fontsize=FONT_SIZE * 0.85)
        keys = []
        if has_pace:
            keys.append(Line2D([], [], linestyle="none", label=pace_label, **_as_line(PACE_TICK)))
        if has_projection:
            keys.append(Line2D([], [], linestyle="none", marker="o", label=projected_label, **_as_line(PROJECTION)))
        if keys:
            _legend(fig, line=1, handles=keys, ncols=len(keys), fontsize=FONT_SIZE * 0.85)
    return svg(fig, ident=ident, title=title)


def _as_line(style: dict[str, Any]) -> dict[str, Any]:
    """A scatter's marker style as a legend's line draws it."""
    out = {"markersize": style["s"] ** 0.5 * (0.6 if style.get("marker") == "|" else 1.0)}
    if "marker" in style:
        out["marker"] = style["marker"]
    if "color" in style:
        out["color"] = style["color"]
    out["markeredgewidth"] = style["linewidths"]
    if "facecolors" in style:
        out["markerfacecolor"], out["markeredgecolor"] = style["facecolors"], style["edgecolors"]
    return out


def _mark_values(ax: Any, labels: Sequence[Any]) -> None:
    """Give each value written at a bar the id ``value-N`` (``<g id="chart3-value-7">`` in the
    page), so that the numbers a chart writes can be told from its axes' ticks; N counts
    within the figure, so the same chart always gets the same ids."""
    figure = ax.get_figure(root=True)
    counter = figure.__dict__.setdefault("_seoulplan_values", itertools.count())
    for label in labels:
        if label.get_text():
            label.set_gid(f"value-{next(counter)}")


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn, in points: a Hangul syllable is an em, the rest half."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.58 for c in text) * size


def _room(
    values: Sequence[float],
    texts: Sequence[str],
    plot: float,
    *,
    least: float,
    low: float = 0.0,
    size: float = FONT_SIZE * 0.9,
    gap: float = 12,
) -> float:
    """Where the value axis must end for each text to fit after its value (``gap`` points
    after it), in a plot ``plot`` points wide whose axis starts at ``low``; at least ``least``.
    A text too long to fit beside anything is left to run over."""
    end = least
    for value, text in zip(values, texts):
        free = plot - _text_width(text, size) - gap
        if value > low and free > plot * 0.2:
            end = max(end, low + (value - low) * plot / free)
    return end


def _category_axis(ax: Any, categories: Sequence[str], axis: str, *, invert: bool = True) -> None:
    ax.set_yticks(list(range(len(categories))), list(categories))
    if invert:
        ax.invert_yaxis()
    ax.set_xlabel(axis, color=MUTED)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _spaced(labels: list[str], positions: Any, gap: float) -> list[str]:
    """The labels of ticks at ``positions``, blank where one would run into the one before:
    the first and the last are kept, and any at least ``gap`` from the last kept."""
    shown = [""] * len(labels)
    kept = None
    for n, (label, x) in enumerate(zip(labels, positions)):
        last = n == len(labels) - 1
        if kept is None or x - kept >= gap or (last and x - kept >= gap / 2):
            shown[n], kept = label, x
    if labels and not shown[-1]:  # the latest observation is the one a reader looks for
        previous = max(i for i, t in enumerate(shown) if t)
        if previous:
            shown[previous] = ""
        shown[-1] = labels[-1]
    return shown


def _plan_ticks(
    planned: Sequence[tuple[float, str]], observed: Sequence[tuple[float, str]], gap: float
) -> list[tuple[float, str]]:
    """The x ticks of a trend: the plan's points (its baseline and targets) each labelled, and
    the observations' labels (already spaced) where they leave a plan's label ``gap`` room —
    the latest observation always, a plan's point at the same place then yielding to it.
    A tick only where there is a label: each costs its drawing."""
    latest = next(((x, t) for x, t in reversed(observed) if t), None)
    kept = [(x, t) for x, t in planned if t and (latest is None or abs(x - latest[0]) >= gap / 2)]
    kept += [(x, t) for x, t in observed if t and ((x, t) == latest or all(abs(x - p) >= gap / 2 for p, _ in kept))]
    return sorted(kept)


def _on(color: str) -> str:
    """Black or white text, whichever reads on ``color``."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


# -- trend lines ------------------------------------------------------------------------------

#: A trend of more points than this is drawn as a line without a dot on each point.
MOST_MARKED = 40


@dataclass(frozen=True)
class Trend:
    """One KPI's observations over time, with the plan's line from its baseline to its targets."""

    heading: str
    unit: str
    dates: Sequence[date]
    actuals: Sequence[float]
    ticks: Sequence[str]  # the observations' own dates as written (2020-Q2)
    plan_dates: Sequence[date] = field(default_factory=list)
    plan_values: Sequence[float] = field(default_factory=list)
    projected: tuple[date, float] | None = None  # where the line through the latest actual ends
    plan_ticks: Sequence[str] = ()  # the plan's points as labelled on the x axis (2019, 2022)


def trends(
    panels: Sequence[Trend],
    *,
    actual_label: str,
    plan_label: str,
    projected_label: str = "",
    ident: str,
    title: str,
) -> str:
    """Small multiples, three across: each KPI's actuals (a line with points) over the
    plan's straight line from its baseline to its targets (dashed), and from the latest
    actual a dotted line to its projection at the deadline (a hollow circle)."""
    from matplotlib.dates import date2num
    from matplotlib.ticker import FuncFormatter

    columns = min(3, len(panels))
    lines = -(-len(panels) // columns)
    cell, plot, below, left = WIDTH / columns, 1.7, 0.8, 0.95  # inches
    with matplotlib.rc_context(_settings()):
        height = LEGEND + lines * (HEADING + plot + below)
        fig = Figure(figsize=(WIDTH, height))
        axes = []
        for n in range(len(panels)):
            line, column = divmod(n, columns)
            bottom = height - LEGEND - (line + 1) * (HEADING + plot + below) + below
            rect = ((column * cell + left) / WIDTH, bottom / height, (cell - left - 0.2) / WIDTH, plot / height)
            axes.append(fig.add_axes(rect))
        for n, (ax, panel) in enumerate(zip(axes, panels)):
            if panel.plan_dates:
                ax.plot(
                    date2num(list(panel.plan_dates)),
                    list(panel.plan_values),
                    linestyle="--",
                    color=MUTED,
                    marker="D",
                    markersize=5,
                    linewidth=1.4,
                    label=plan_label,
                )
            ax.plot(
                date2num(list(panel.dates)),
                list(panel.actuals),
                color="#1f5fa8",
                marker="o" if len(panel.dates) <= MOST_MARKED else "",  # past that, dots only blur the line
                markersize=6,
                linewidth=2.2,
                label=actual_label,
            )
            if panel.projected is not None:
                ahead = ax.plot(
                    date2num([panel.dates[-1], panel.projected[0]]),
                    [panel.actuals[-1], panel.projected[1]],
                    linestyle=":",
                    color="#1f5fa8",
                    linewidth=2.0,
                    marker="o",
                    markevery=[1],
                    markersize=7,
                    markerfacecolor="white",
                    markeredgewidth=1.5,
                    label=projected_label,
                )
                ahead[0].set_gid(f"projected-{n}")
            positions = date2num(list(panel.dates))
            planned = date2num(list(panel.plan_dates)) if panel.plan_dates else positions[:0]
            span = max(positions.max(), *planned, positions[0]) - min(positions.min(), *planned, positions[0])
            ticks = _plan_ticks(
                list(zip(planned, panel.plan_ticks)),
                list(zip(positions, _spaced(list(panel.ticks), positions, span / 4.5))),
                span / 4.5,
            )
            ax.set_xticks([x for x, _ in ticks], [label for _, label in ticks], fontsize=FONT_SIZE * 0.75)
            ax.tick_params(axis="x", labelrotation=30)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format(v, ",.10g")))  # 2,200,000, not 1e6
            heading = f"{panel.heading} ({panel.unit})" if panel.unit else panel.heading
            ax.set_title(heading, loc="left", fontsize=FONT_SIZE * 0.9, color=INK)
            ax.tick_params(axis="y", labelsize=FONT_SIZE * 0.8)
            ax.grid(axis="y", color=GRID, linewidth=0.8)
            ax.margins(x=0.08, y=0.15)
        shown: dict[str, Any] = {}
        for ax in axes:  # each sign once, whichever panel draws it first
            for handle, label in zip(*ax.get_legend_handles_labels()):
                shown.setdefault(label, handle)
        _legend(fig, handles=list(shown.values()), labels=list(shown), ncols=len(shown), fontsize=FONT_SIZE * 0.9)
    return svg(fig, ident=ident, title=title)
