"""The report's tracking section (issue 18, "the report follows"): the status chart counts the
targets with actuals and states the unreported, progress bars never overprint their texts,
projections are drawn and tabled, stale actuals are marked and a target with no pace has no
tick — in Korean and in English.

Two ledgers: the test ledger at 2020-Q3, and a hostile one of the safety pillar — long names,
0%, 100% and 250%, a bar ending at its tick, negative progress, stale actuals, a projection off
the axis, a limit to keep and a level with no pace (진행 중: the KPI table says ``pace: none``,
as the dataset will once it carries the field).
"""

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import seoulplan
from seoulplan.cli import cli

pytest.importorskip("matplotlib")

from seoulplan.presentation.report import build
from seoulplan.presentation.views import Options

LEDGER = Path(__file__).parent / "data" / "ledger-2020.csv"
CHROMIUM = "/usr/bin/chromium"
HANGUL = re.compile(r"[\u3130-\u318f\uac00-\ud7a3]")
UNPACED = "safety.iot-fire-facility-monitoring"
#: Each test draws a whole page or its tracking section: outside the fast loop.
pytestmark = pytest.mark.slow
HOSTILE = [
    ("safety.citizen-monitoring-network", 11, "2020-Q3"),  # 0.2%, a long name
    ("safety.green-transport-road-works-roads", 5, "2020-Q3"),  # 100%
    ("safety.free-home-fire-equipment", 37500, "2020-Q3"),  # 250%
    ("safety.gosiwon-sprinkler-support", 140, "2020-Q3"),  # 74.9%: the bar ends at its tick
    ("safety.rfid-food-waste-bins", 300, "2020-Q1"),  # stale
    ("safety.smart-bus-shelters", 0, "2020-Q2"),  # 0%
    ("safety.pedestrian-overpass-mobility-facilities", 1, "2020-Q3"),  # a term total to 2023
    ("safety.potholes", 40000, "2020-Q3"),  # the wrong way: negative progress
    ("safety.aerial-ladder-68m-total", 1, "2020-Q3"),
    ("safety.cafs-fire-engines", 13, "2020-Q3"),  # just past its tick
    (UNPACED, 500, "2020-Q2"),
    (UNPACED, 600, "2020-Q3"),  # no pace: 진행 중, projected through the two
    ("safety.residual-chlorine-max", 0.2, "2020-Q3"),  # a limit to keep: no pace either
    ("safety.snowfall-sensor-deicers", 54, "2020-Q1"),  # met, stale, projected off the axis
]


#: The library's counts per pillar at 2020-Q3, which the status chart must show.
UNREPORTED = seoulplan.load().pillar_attainment(LEDGER, as_of="2020-Q3")


def cli_page(tmp_path, locale):
    path = tmp_path / f"ledger-{locale}.html"
    args = ["--locale", locale, "report", "-o", str(path), "--actuals", str(LEDGER), "--as-of", "2020-Q3"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def hostile_page(locale):
    plan = seoulplan.load()
    table = plan.kpi_table
    unpaced = table["id"] == UNPACED
    table.loc[unpaced, "pace"], table.loc[unpaced, "pace_start"] = "none", pd.NA
    ledger = pd.DataFrame(HOSTILE, columns=["id", "actual", "as_of"])
    return build(plan, options=Options(locale=locale), actuals=ledger, actuals_name="hostile.csv", as_of="2020-Q3").html


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tracking")
    made = {f"ledger-{lang}": cli_page(tmp, locale) for lang, locale in (("ko", "ko_KR"), ("en", "en_US"))}
    made.update({f"hostile-{lang}": hostile_page(locale) for lang, locale in (("ko", "ko_KR"), ("en", "en_US"))})
    return made


def figure(page: str, caption: str) -> str:
    """The chart figure whose caption starts with ``caption``."""
    found = re.findall(r'<figure class="chart-figure".*?</figure>', page, flags=re.S)
    chosen = [f for f in found if re.search(rf"<figcaption>{re.escape(caption)}", f)]
    assert len(chosen) == 1, (caption, len(chosen))
    return chosen[0]


def texts(svg: str, gid: str) -> list[str]:
    """The texts of the groups ``<g id="chartN-{gid}-K">``."""
    pattern = rf'<g id="chart\d+-{gid}-\d+">(?:(?!</g>\s*</g>).)*?<text[^>]*>([^<]*)</text>'
    return [html.unescape(t) for t in re.findall(pattern, svg, flags=re.S)]


def marks(svg: str, gid: str) -> int:
    """How many markers the group ``chartN-{gid}`` draws."""
    group = re.search(rf'<g id="chart\d+-{gid}"[^>]*>(.*?)</g>', svg, flags=re.S)
    return 0 if group is None else group.group(1).count("<use ")


def table_rows(fig: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", fig, flags=re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S)] for r in rows]


def headers(fig: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", fig)]


# -- the status per pillar ------------------------------------------------------------------------


def test_the_status_chart_counts_the_targets_with_actuals(pages):
    status = figure(pages["ledger-ko"], "분야별 상태")
    svg = status[: status.index("</svg>")]
    counts = texts(svg, "value")
    assert sorted(counts) == ["1", "3"]  # 순항 1 and 지연 3 in the first pillar: the 4 with actuals
    assert "#c8c8c8" not in svg  # no grey of 미보고 drawn
    after = texts(svg, "after")
    expected = [str(n) for n in UNREPORTED["not_reported"]]  # the library's counts, per pillar
    assert after == [f"미보고 {n}" for n in expected]
    rows = table_rows(status)
    unreported = headers(status).index("미보고")
    assert [r[unreported] for r in rows] == expected
    rest = int(UNREPORTED["targets"].sum()) - 4
    assert "실적이 보고된 목표 4개" in status and f"나머지 {rest}개" in status  # and the note says so


def test_every_status_but_not_reported_is_in_the_legend(pages):
    for key, words, unreported in (
        ("ledger-ko", ["달성", "근접", "미달", "순항", "지연", "진행 중"], "미보고"),
        ("ledger-en", ["met", "near", "missed", "on pace", "behind", "in progress"], "not reported"),
    ):
        status = figure(pages[key], "분야별 상태" if key.endswith("ko") else "Status by pillar")
        drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", status[: status.index("</svg>")])]
        assert all(w in drawn for w in words), (key, drawn)
        assert unreported not in drawn
    future = UNREPORTED.set_index("pillar").loc["future", "not_reported"]
    assert f"{future} not reported" in texts(figure(pages["ledger-en"], "Status by pillar"), "after")


def test_the_section_counts_the_ledgers_targets(pages):
    """The ledger names 5 targets up to 2020-Q3; one of them has no actual (listed), and the
    targets it does not name are counted, not listed."""
    page = pages["ledger-ko"]
    assert "관측 8건, KPI 5개" in page
    table = re.search(r"<caption>미보고</caption>.*?</table>", page, flags=re.S).group(0)
    assert table.count("<tr>") == 2 and "future.labour-rights-officers" in table  # a header and one row
    assert f"실적 파일에 없는 목표 {int(UNREPORTED['targets'].sum()) - 5}개" in page
    assert "8 observations of 5 KPIs" in pages["ledger-en"]


# -- progress, pace and projection ----------------------------------------------------------------


def test_each_projection_is_drawn_and_tabled(pages):
    progress = figure(pages["ledger-ko"], "진척률과 예상 진척률: 1.")
    assert marks(progress, "projected") == 4  # every target of the pillar is projected
    projected = headers(progress).index("목표일 예상치")
    assert [r[projected] for r in table_rows(progress)] == ["22개구", "4,840억원", "7.7%", "100개소"]
    english = figure(pages["ledger-en"], "Progress and pace: 1.")
    assert "KRW 484 billion" in [r[headers(english).index("Projected")] for r in table_rows(english)]
    trends = figure(pages["ledger-ko"], "실적 추이")
    assert len(re.findall(r'<g id="chart\d+-projected-\d+">', trends)) == 2  # a dotted line in each panel
    assert [r[headers(trends).index("목표일 예상치")] for r in table_rows(trends)] == ["7.7% ('20)", "100개소 ('20)"]


def test_a_projection_off_the_axis_points_on(pages):
    progress = figure(pages["hostile-ko"], "진척률과 예상 진척률: 2.")
    assert marks(progress, "projected-beyond") == 1  # 219 of 54 devices: 405%
    assert marks(progress, "projected-below") == 1  # potholes rising: below the axis' start
    projected = headers(progress).index("목표일 예상치")
    off_axis = marks(progress, "projected-beyond") + marks(progress, "projected-below")
    tabled = sum(bool(r[projected].strip("—")) for r in table_rows(progress))
    assert marks(progress, "projected") == tabled - off_axis


def test_a_target_without_a_pace_has_no_tick_and_says_so(pages):
    for key, caption, attained, note in (
        ("hostile-ko", "진척률과 예상 진척률: 2.", "달성률 83.7% · 진행 중", "예상 진척률 눈금이 없고"),
        ("hostile-en", "Progress and pace: 2.", "83.7% attained · in progress", "has no pace tick"),
    ):
        progress = figure(pages[key], caption)
        labels = texts(progress, "value")
        assert attained in labels, labels
        expected = headers(progress).index("예상 진척률" if key.endswith("ko") else "Expected progress")
        paced = [r for r in table_rows(progress) if r[expected] != "—"]
        assert marks(progress, "pace") == len(paced) < len(labels)  # the levels and the limit: none
        assert note in progress


def test_a_term_total_is_paced_from_zero(pages):
    """No baseline: the bar is the attainment, and the note says so; a level without a pace is
    not said to start from zero."""
    progress = figure(pages["ledger-ko"], "진척률과 예상 진척률: 1.")
    assert "50.0% · 지연" in texts(progress, "value")  # 혁신성장펀드 2,400 of 4,800억원
    assert "0에서 출발" in progress
    hostile = figure(pages["hostile-ko"], "진척률과 예상 진척률: 2.")
    assert not any(t.startswith("83.7% ·") for t in texts(hostile, "value"))


def test_stale_actuals_are_marked(pages):
    for key, caption, label, cell, days in (
        ("hostile-ko", "진척률과 예상 진척률: 2.", "9.1% · 지연 · 오래됨", "300대\n(2020-Q1, 오래됨)", "92일"),
        ("hostile-en", "Progress and pace: 2.", "9.1% · behind · stale", "(2020-Q1, stale)", "92 days"),
    ):
        progress = figure(pages[key], caption)
        assert label in texts(progress, "value")
        cells = [c for r in table_rows(progress) for c in r]
        assert any(cell in c for c in cells), cells
        assert sum("2020-Q1" in c for c in cells) == 2 and days in progress  # both Q1 actuals, and why
    fresh = figure(pages["ledger-ko"], "진척률과 예상 진척률: 1.")
    assert "오래됨" not in fresh  # a half-year at the end of Q3 is a quarter old: not stale


# -- the page stays what it was -------------------------------------------------------------------


def test_english_has_no_hangul(pages):
    for key in ("ledger-en", "hostile-en"):
        rest = re.sub(r'<q lang="ko">.*?</q>', "", pages[key], flags=re.S)
        found = sorted({m.group(0) for m in re.finditer(r"\S*[\u3130-\u318f\uac00-\ud7a3]\S*", rest)})
        assert not found, (key, found[:10])


def test_the_page_is_self_contained_and_the_same_bytes(pages):
    for key, page in pages.items():
        assert not re.search(r"<(script|link|img|iframe|object|embed|image)\b", page), key
        assert not re.search(r"\b(src|srcset|data)\s*=", page) and "http://" not in page
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), key
    assert hostile_page("ko_KR") == pages["hostile-ko"]


# -- in a real browser: nothing overprinted -------------------------------------------------------

MEASURE = """svg => {
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const all = s => Array.from(svg.querySelectorAll(s)).map(box);
  return {
    labels: Array.from(svg.querySelectorAll('[id*="-value-"] text')).map(t => [t.textContent, box(t)]),
    bars: all('[id*="-bar-"] path'),
    ticks: all('[id$="-pace"] use'),
    projections: all('[id*="-projected"] use'),
    names: Array.from(svg.querySelectorAll('[id*="-ytick_"] text')).map(t => [t.textContent, box(t)]),
    frame: box(svg),
  };
}"""


def overlap(a, b, air=0.5) -> bool:
    return a[0] < b[2] - air and b[0] < a[2] - air and a[1] < b[3] - air and b[1] < a[3] - air


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
def test_no_progress_text_is_overprinted_in_a_browser(pages, tmp_path):
    """Chromium draws every progress chart (both ledgers, both languages, on screen and at the
    width of an A4 page): no bar's text meets a tick, a circle, a bar, a name or another text,
    and none runs out of its chart."""
    playwright = pytest.importorskip("playwright.sync_api")
    flags = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    found = []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=flags, headless=True
        )
        try:
            page = browser.new_page()
            for key, text in pages.items():
                path = tmp_path / f"{key}.html"
                path.write_text(text, encoding="utf-8")
                for width in (1000, 703):
                    page.set_viewport_size({"width": width, "height": 1200})
                    page.goto(path.as_uri(), wait_until="load")
                    for chart in page.query_selector_all("figure.chart-figure"):
                        caption = chart.query_selector("figcaption").inner_text()
                        if caption.startswith(("진척률과 예상 진척률", "Progress and pace")):
                            found.append((key, width, caption, chart.query_selector("svg").evaluate(MEASURE)))
        finally:
            browser.close()
    assert len(found) == 8  # a pillar per ledger, two languages, two widths
    for key, width, caption, drawn in found:
        where = (key, width, caption)
        assert drawn["ticks"] and drawn["projections"] and len(drawn["labels"]) == len(drawn["bars"]), where
        signs = drawn["ticks"] + drawn["projections"] + drawn["bars"] + [b for _, b in drawn["names"]]
        for n, (text, box) in enumerate(drawn["labels"]):
            assert not any(overlap(box, s) for s in signs), (where, text)
            assert not any(overlap(box, other) for m, (_, other) in enumerate(drawn["labels"]) if m != n), where
            assert box[2] <= drawn["frame"][2] and box[0] >= drawn["frame"][0], (where, text, box, drawn["frame"])
        for name, box in drawn["names"]:
            marks_ = drawn["ticks"] + drawn["projections"] + drawn["bars"]
            assert not any(overlap(box, s) for s in marks_), (where, name)
            assert box[0] >= drawn["frame"][0] - 1, (where, name)
