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
TICKS = 0.72  # inches under a bar axes: its tick labels and its axis label
HEADING = 0.4  # inches above a panel with a heading
RIGHT = 0.25  # inches right of the plot


def _stack(heights: Sequence[float], labels: Sequence[str], *, legend: bool, headings: bool = False) -> Any:
    """A figure of bar axes one above the other, each ``heights[i]`` inches of bars, laid out
    by hand: room at the left for the longest category label, a heading above each panel
    (``headings``), its ticks and axis label below, a legend at the top. (matplotlib's
    constrained layout measures every text to the same end, at twice the cost of drawing.)"""
    left = min(max((_text_width(t, FONT_SIZE) for t in labels), default=0) / 72 + 0.25, WIDTH * 0.5)
    top = LEGEND if legend else 0.15
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


def _legend(fig: Any, **kwargs: Any) -> None:
    fig.legend(loc="upper center", bbox_to_anchor=(0.5, 1.0), borderaxespad=0.3, **kwargs)


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
        fig, (ax,), plot = _stack([ROW * len(categories) * n + 0.2 * len(categories)], categories, legend=n > 1)
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
) -> str:
    """Horizontal bars, one per category (top to bottom), its parts side by side in the
    order of ``series``; a part's text is written inside it when it fits. ``total``: the
    length of the axis (100 for shares), else the longest bar."""
    with matplotlib.rc_context(_settings()):
        fig, (ax,), _ = _stack([ROW * 1.4 * len(categories)], categories, legend=True)
        rows = list(range(len(categories)))
        left = [0.0] * len(categories)
        longest = max((sum(vs) for vs in zip(*(_values(s.values) for s in series))), default=1) or 1
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


def ranked_bars(panels: Sequence[Panel], *, axis: str, ident: str, title: str) -> str:
    """Panels one above the other, each with its own scale: the largest rises above the
    largest falls, so that a fall of 80% is not a sliver beside a rise of 1,900%. A panel
    of falls draws their size to the right, its axis labelled with the minus sign."""
    from matplotlib.ticker import FuncFormatter

    with matplotlib.rc_context(_settings()):
        rows = [max(len(p.labels), 2) for p in panels]  # one bar as thick as in a panel of two
        labels = [t for p in panels for t in p.labels]
        fig, axes, plot = _stack([ROW * r for r in rows], labels, legend=False, headings=True)
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


def progress_bars(
    labels: Sequence[str],
    progress: Sequence[float | None],
    expected: Sequence[float | None],
    colors: Sequence[str],
    texts: Sequence[str],
    *,
    axis: str,
    pace_label: str,
    legend: Sequence[tuple[str, str]],
    ident: str,
    title: str,
) -> str:
    """A bar per KPI (top to bottom) for its progress, coloured by its status, and a black
    tick where the pace says it should be by its date."""
    with matplotlib.rc_context(_settings()):
        fig, (ax,), plot = _stack([ROW * max(len(labels), 2)], labels, legend=True)
        rows = list(range(len(labels)))
        values = _values(progress)
        bars = ax.barh(rows, values, height=0.6, color=list(colors))
        _mark_values(ax, ax.bar_label(bars, labels=list(texts), padding=4, fontsize=FONT_SIZE * 0.85, color=INK))
        paced = [(r, float(e)) for r, e in zip(rows, expected) if e is not None]
        if paced:
            ax.scatter(
                [e for _, e in paced],
                [r for r, _ in paced],
                marker="|",
                s=420,
                linewidths=2.5,
                color=INK,
                zorder=3,
                label=pace_label,
            )
        low = min(0.0, *values)
        high = max(100.0, *values, *(e for _, e in paced))
        ax.set_xlim(low - 5 if low < 0 else 0, _room(values, texts, plot, least=high * 1.05))
        ax.axvline(100, color=MUTED, linewidth=1, linestyle=":")
        _category_axis(ax, labels, axis)
        from matplotlib.patches import Patch

        handles = [Patch(color=c, label=name) for name, c in legend]
        if paced:
            handles.append(ax.collections[0])
        _legend(fig, handles=handles, ncols=min(len(handles), 7), fontsize=FONT_SIZE * 0.85)
    return svg(fig, ident=ident, title=title)


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


def _room(values: Sequence[float], texts: Sequence[str], plot: float, *, least: float) -> float:
    """How long the value axis must be for each bar's text to fit after it, in a plot
    ``plot`` points wide where a bar of ``v`` takes ``v / length`` of it."""
    length = least
    for value, text in zip(values, texts):
        free = plot - _text_width(text, FONT_SIZE * 0.9) - 12
        if value > 0 and free > plot * 0.2:
            length = max(length, value * plot / free)
    return length


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


def trends(panels: Sequence[Trend], *, actual_label: str, plan_label: str, ident: str, title: str) -> str:
    """Small multiples, three across: each KPI's actuals (a line with points) over the
    plan's straight line from its baseline to its targets (dashed)."""
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
        for ax, panel in zip(axes, panels):
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
            positions = date2num(list(panel.dates))
            span = max(positions.max(), *date2num(list(panel.plan_dates) or [panel.dates[0]])) - min(
                positions.min(), *date2num(list(panel.plan_dates) or [panel.dates[0]])
            )
            labels = _spaced(list(panel.ticks), positions, span / 4.5)
            labelled = [n for n, label in enumerate(labels) if label]  # a tick per label: each costs its drawing
            ax.set_xticks(positions[labelled], [labels[n] for n in labelled], fontsize=FONT_SIZE * 0.75)
            ax.tick_params(axis="x", labelrotation=30)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format(v, ",.10g")))  # 2,200,000, not 1e6
            heading = f"{panel.heading} ({panel.unit})" if panel.unit else panel.heading
            ax.set_title(heading, loc="left", fontsize=FONT_SIZE * 0.9, color=INK)
            ax.tick_params(axis="y", labelsize=FONT_SIZE * 0.8)
            ax.grid(axis="y", color=GRID, linewidth=0.8)
            ax.margins(x=0.08, y=0.15)
        handles, labels = axes[0].get_legend_handles_labels()
        _legend(fig, handles=handles, labels=labels, ncols=2, fontsize=FONT_SIZE * 0.9)
    return svg(fig, ident=ident, title=title)
