"""The report's charts: SVG for a page (ids of its own, no metadata, text as text, fonts
left to the page), the same bytes every time, and English for every unit the plan uses."""

import re
from datetime import date

import pytest

pytest.importorskip("matplotlib")

from seoulplan.presentation import charts


def bars(ident="c1", title="예산규모"):
    series = [
        charts.Series("2020년", [39.5359, 35.2808], "#1f5fa8", ["39조 5,359억원", "35조 2,808억원"]),
        charts.Series("2019년", [35.7416, 31.8811], "#9bbbe0", ["35조 7,416억원", "31조 8,811억원"]),
    ]
    return charts.grouped_bars(["총계 예산", "순계 규모"], series, axis="조원", ident=ident, title=title)


def test_svg_for_a_page():
    svg = bars()
    assert svg.startswith('<svg class="chart" viewBox="0 0 720 ') and svg.rstrip().endswith("</svg>")
    assert '<title id="c1-title">예산규모</title>' in svg and 'aria-labelledby="c1-title"' in svg
    assert "<metadata" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg and "http" not in svg
    assert "font-family" not in svg and "<style" not in svg  # the page's CSS names the fonts
    ids = re.findall(r'id="([^"]+)"', svg)
    assert ids and all(i.startswith("c1-") for i in ids) and len(ids) == len(set(ids))
    assert all(t.startswith("c1-") for t in re.findall(r"url\(#([^)]+)\)", svg))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "39조 5,359억원" in texts and "총계 예산" in texts and "조원" in texts  # text as text, not outlines


def test_the_same_chart_is_the_same_bytes():
    assert bars() == bars()
    assert bars(ident="c2").replace("c2-", "c1-") == bars()


def test_a_title_is_escaped():
    assert '<title id="c1-title">A &lt;b&gt; &amp; c</title>' in bars(title="A <b> & c")


def test_no_global_state_is_left_behind():
    import matplotlib

    before = dict(matplotlib.rcParams)
    bars()
    assert dict(matplotlib.rcParams) == before


def test_every_kind_of_chart_draws():
    stacked = charts.stacked_bars(
        ["가", "나"], [charts.Series("달성", [3, 0], "#2e7d32", ["3", ""]), charts.Series("미보고", [5, 9], "#c8c8c8")],
        axis="KPI 수 (개)", ident="s", title="상태",
    )  # fmt: skip
    ranked = charts.ranked_bars(
        [charts.Panel("늘리는 목표", ["가"], [400.0], ["400.0%"], "#1f5fa8"),
         charts.Panel("줄이는 목표", ["나", "다"], [-80.0, -12.5], ["-80.0%", "-12.5%"], "#e8903a")],
        axis="증감률 (%)", ident="r", title="변화",
    )  # fmt: skip
    progress = charts.progress_bars(
        [charts.Progress("가", 44.4, "#ef8f00", "44.4% · 지연", pace=49.7, projected=80.0),
         charts.Progress("나", None, "#1f5fa8", "— · 순항", pace=20.0)],
        axis="진척률 (%)", pace_label="예상", projected_label="목표일 예상치", legend=[("지연", "#ef8f00")],
        ident="p", title="진척",
    )  # fmt: skip
    trend = charts.trends(
        [charts.Trend("일자리카페", "개소", [date(2020, 3, 31), date(2020, 6, 30)], [94, 95], ["2020-Q1", "2020-Q2"],
                      [date(2019, 12, 31), date(2020, 12, 31)], [91, 100])],
        actual_label="실적", plan_label="계획", ident="t", title="추이",
    )  # fmt: skip
    for svg, words in ((stacked, ["가", "미보고", "3"]), (ranked, ["-80.0%", "줄이는 목표", "-50"]),
                       (progress, ["44.4% · 지연", "예상", "목표일 예상치"]),
                       (trend, ["2020-Q2", "일자리카페 (개소)"])):  # fmt: skip
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert all(w in texts for w in words), (words, texts)


def x_labels(svg: str) -> list[list[str]]:
    """Each panel's x tick labels, left to right."""
    return [
        re.findall(r'<g id="[^"]*xtick_\d+">.*?<text[^>]*>([^<]*)</text>', panel, flags=re.S)
        for panel in re.split(r'id="[^"]*axes_\d+"', svg)[1:]
    ]


def test_a_trend_labels_the_plans_baseline_and_target():
    """The plan's points (baseline 2019, target 2022) have x labels, as the observations do;
    the latest observation keeps its label where a plan's point falls on it (2020)."""
    quarters = [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30), date(2020, 12, 31)]
    far = charts.Trend("청년 일자리", "명", quarters, [1, 2, 3, 4], ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"],
                       [date(2019, 12, 31), date(2022, 12, 31)], [0, 10], plan_ticks=["2019", "2022"])  # fmt: skip
    near = charts.Trend("일자리카페", "개소", quarters[:2], [94, 95], ["2020-Q1", "2020-Q2"],
                        [date(2019, 12, 31), date(2020, 6, 30)], [91, 100], plan_ticks=["2019", "2020"])  # fmt: skip
    labels = x_labels(charts.trends([far, near], actual_label="실적", plan_label="계획", ident="t", title="추이"))
    assert labels[0][0] == "2019" and labels[0][-1] == "2022" and "2020-Q4" in labels[0]
    assert labels[1][0] == "2019" and labels[1][-1] == "2020-Q2" and "2020" not in labels[1]
