"""`seoulplan report`: one self-contained HTML page, its charts and their tables, the same
bytes for the same input, English with --locale en_US, and a real browser that opens it."""

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import run, seoulplan

import seoulplan as seoulplan_library
from seoulplan.cli import cli

LEDGER = Path(__file__).parent / "data" / "ledger-2020.csv"
CHROMIUM = "/usr/bin/chromium"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: Each test draws a whole page (matplotlib, Jinja2), some in a browser: outside the fast loop.
pytestmark = pytest.mark.slow


def report(tmp_path, *args, locale=None, env=None, name="report.html"):
    """Run the command in-process; returns (result, the page's text)."""
    path = tmp_path / name
    head = ["--locale", locale] if locale else []
    result = CliRunner().invoke(cli, [*head, "report", "-o", str(path), *args], env=env, catch_exceptions=False)
    return result, path.read_text(encoding="utf-8") if path.exists() else None


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The real plan's page, in Korean with the ledger, and in English without and with it."""
    tmp = tmp_path_factory.mktemp("report")
    made = {}
    for key, locale, args in (
        ("ko", None, ["--actuals", str(LEDGER)]),
        ("en", "en_US", []),
        ("en-actuals", "en_US", ["--actuals", str(LEDGER)]),
    ):
        result, page = report(tmp, *args, locale=locale, name=f"{key}.html")
        assert result.exit_code == 0, result.output
        made[key] = page
    return made


class Elements(HTMLParser):
    """The page's elements as (tag, attributes, the text inside it), nested ones included."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict, list[str]]] = []
        self.found: list[tuple[str, dict, str]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in ("meta", "br", "wbr", "img", "link", "input"):
            self.found.append((tag, attributes, ""))
            return
        self.open.append((tag, attributes, []))

    def handle_startendtag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        self.found.append((tag, attributes, ""))

    def handle_endtag(self, tag):
        while self.open:
            name, attributes, text = self.open.pop()
            joined = "".join(text)
            self.found.append((name, attributes, joined))
            if self.open:
                self.open[-1][2].append(joined)
            if name == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def figures(page: str) -> list[str]:
    return re.findall(r'<figure class="chart-figure".*?</figure>', page, flags=re.S)


# -- what the page holds -------------------------------------------------------------------------


def test_every_section_is_there(pages):
    for section in ("budget", "finance", "pillars", "audit", "actuals"):
        assert f'<section id="{section}"' in pages["ko"], section
    assert '<section id="actuals"' not in pages["en"]
    assert pages["ko"].startswith('<!DOCTYPE html>\n<html lang="ko">')
    assert '<html lang="en">' in pages["en"]


def test_the_plans_figures_are_written_its_way(pages):
    page = pages["ko"]
    assert "39조 5,359억원" in page and "35조 7,416억원" in page and "10.6%" in page
    assert "5조 5,713억원" in page and "63.7%" in page  # 지방채 and its first part's share
    assert "9조 7,356억원" in page and "53.8%" in page  # 법정의무경비, 자치구's share
    assert "17조 5,027억원" in page  # 자치구 예산
    # English rounds money as English financial writing does, and its footer says so (issue 22)
    english = pages["en"]
    assert '<dd class="value">KRW 39.5 trillion</dd>' in english and "KRW 39.5359" not in english
    assert "Gross budget: KRW 39.5 trillion, up KRW 3.79 trillion (10.6%) on the 2019 original budget" in english
    footer = english[english.index("<footer>") :]
    assert "Money is rounded half up to three significant figures, whole units kept" in footer
    assert "Money is rounded" not in pages["ko"] and "반올림" not in pages["ko"][pages["ko"].index("<footer>") :]


def test_every_chart_is_inline_svg_with_a_title_and_its_table(pages):
    for key, page in pages.items():
        found = figures(page)
        assert len(found) >= 12, key
        assert page.count("<svg") == len(found), "an svg outside a chart figure"
        for figure in found:
            assert figure.count("<svg") == 1
            title = re.search(r'<svg class="chart" viewBox="[\d. ]+" role="img" aria-labelledby="([^"]+)">'
                              r'<title id="\1">([^<]+)</title>', figure)  # fmt: skip
            assert title, figure[:300]
            caption = re.search(r"<figcaption>([^<]+)</figcaption>", figure)
            assert caption and html.unescape(caption.group(1)) == html.unescape(title.group(2))
            table = re.search(r"<table>.*?<tbody>(.*?)</tbody>", figure, flags=re.S)
            assert table and "<td" in table.group(1), f"no numbers under {title.group(2)}"


def test_each_chart_has_its_unit(pages):
    for figure in figures(pages["ko"]):
        texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", figure))
        assert any(unit in texts for unit in ("조원", "%", "(개)")), texts[:200]


def test_a_charts_numbers_are_in_its_table(pages):
    """What a reader who cannot see the chart reads: every amount the budget chart writes, and
    every count of the status chart (the unreported written after its bars too), is in the
    table under it."""
    found = figures(pages["ko"])
    budget = found[0]
    labels = values(budget)
    assert "39조 5,359억원" in labels and len(labels) == 6
    table = budget[budget.index("<table>") :]
    assert all(f">{label}</td>" in table for label in labels)
    status = next(f for f in found if "분야별 상태" in f)
    counts = values(status)
    after = [html.unescape(t) for t in re.findall(r'<g id="chart\d+-after-\d+">\s*<text[^>]*>([^<]*)</text>', status)]
    by_pillar = seoulplan_library.load().pillar_attainment(LEDGER).set_index("pillar")
    assert counts and f"미보고 {by_pillar.loc['future', 'not_reported']}" in after
    numbers = counts + [t.removeprefix("미보고 ") for t in after]
    assert all(f">{n}</td>" in status[status.index("<table>") :] for n in numbers)
    shares = next(f for f in found if "구성비" in f)
    assert values(shares)[:2] == ["68.0%", "67.6%"] and all(f">{v}</td>" in shares for v in values(shares))


def test_the_sizes_of_the_finances_are_each_on_their_own_scale(pages):
    """District budgets, debt and funds are different kinds of figure: a panel each, each
    with its own axis (they were bars on one axis), and a note that says so."""
    for key, names in (("ko", ("자치구 예산", "지방채", "기금규모")), ("en", ("District budgets (all 25)",
                       "Municipal bonds outstanding", "Funds"))):  # fmt: skip
        sizes = next(f for f in figures(pages[key]) if re.search(r"<figcaption>(재정 규모|Sizes of the finances)<", f))
        panels = re.split(r'id="chart\d+-axes_\d+"', sizes[: sizes.index("</svg>")])[1:]
        labels = [set(re.findall(r'<g id="chart\d+-ytick_\d+">.*?<text[^>]*>([^<]*)</text>', p, flags=re.S))
                  for p in panels]  # fmt: skip
        where = [next(n for n, found in enumerate(labels) if name in found) for name in names]
        assert len(panels) >= 4 and len(set(where)) == 3, (key, labels)
        assert "own scale" in sizes or "눈금이 따로" in sizes


def test_the_trends_label_the_plans_points(pages):
    """Each trend panel with the plan's line labels its baseline's year on the x axis (it
    labelled only the observations' quarters)."""
    trend = next(f for f in figures(pages["ko"]) if "<figcaption>실적 추이" in f)
    panels = re.split(r'id="chart\d+-axes_\d+"', trend[: trend.index("</svg>")])[1:]
    labels = [re.findall(r'<g id="chart\d+-xtick_\d+">.*?<text[^>]*>([^<]*)</text>', p, flags=re.S) for p in panels]
    assert labels and all(re.fullmatch(r"\d{4}", found[0]) for found in labels), labels


def values(figure: str) -> list[str]:
    """The numbers a chart writes at its bars (not its axes' ticks)."""
    return [html.unescape(t) for t in re.findall(r'<g id="chart\d+-value-\d+">\s*<text[^>]*>([^<]*)</text>', figure)]


def test_the_page_asks_for_nothing_outside_itself(pages):
    for key, page in pages.items():
        assert "http://" not in page and "https://" not in page and "//" not in page.replace("://", ""), key
        assert not re.search(r"<(script|link|img|iframe|object|embed|image|video|audio|source)\b", page), key
        assert not re.search(r"\b(src|srcset|data)\s*=", page), key
        assert re.findall(r"\bhref=\"([^\"]*)\"", page) == [h for h in re.findall(r"\bhref=\"(#[^\"]*)\"", page)]
        assert re.findall(r"url\(([^)]*)\)", page) == re.findall(r"url\((#[^)]*)\)", page)
        assert "@import" not in page and "@font-face" not in page


def test_ids_are_unique_and_every_reference_is_inside(pages):
    for key, page in pages.items():
        ids = parse(page).ids
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
        for target in re.findall(r'(?:href="#|url\(#)([^")]+)', page):
            assert target in ids, (key, target)


def test_english_has_no_hangul_outside_the_plans_own_words(pages):
    for key in ("en", "en-actuals"):
        page = pages[key]
        excerpts = re.findall(r'<q lang="ko">(.*?)</q>', page, flags=re.S)
        assert excerpts and any(HANGUL.search(e) for e in excerpts)  # the audit quotes the plan
        rest = re.sub(r'<q lang="ko">.*?</q>', "", page, flags=re.S)
        found = sorted({m.group(0) for m in re.finditer(r"\S*[\u3130-\u318f\uac00-\ud7a3]\S*", rest)})
        assert not found, found[:10]


def test_english_uses_the_datasets_english_names(pages):
    page = pages["en-actuals"]
    assert "A future Seoul that grows together" in page
    assert "Revitalising the economy through new growth engines" in page
    assert "Youth unemployment rate" in page and "Job cafés" in page
    assert "On pace" in page and "Not reported" in page


def test_print_to_a4_keeps_charts_whole(pages):
    css = pages["ko"]
    assert "@page { size: A4;" in css
    assert re.search(r"\.plot \{[^}]*break-inside: avoid", css)
    # a briefing: sections run on, and each chart stays on one page with its table
    print_rules = css[css.index("@media print {") :]
    assert re.search(r"\bfigure \{[^}]*break-inside: avoid", print_rules)
    assert not re.search(r"\bsection \{[^}]*break-before: page", print_rules)


# -- the same bytes for the same input -----------------------------------------------------------


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(tmp_path):
    """Two processes (each with its own hash seed), the same page to the byte."""
    outputs = []
    for n, seed in enumerate(("1", "2")):
        path = tmp_path / f"r{n}.html"
        code, _, err, _, _ = run("report", "-o", path, "--actuals", LEDGER, env={"PYTHONHASHSEED": seed})
        assert code == 0, err
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_no_date_unless_given(tmp_path):
    env = {"SOURCE_DATE_EPOCH": None}
    _, plain = report(tmp_path, env=env)
    _, again = report(tmp_path, env=env, name="again.html")
    assert plain == again
    footer = re.search(r"<footer>(.*?)</footer>", plain, flags=re.S).group(1)
    assert not re.search(r"\d{4}-\d\d-\d\d", footer)
    _, dated = report(tmp_path, env={"SOURCE_DATE_EPOCH": "1593561600"}, name="dated.html")  # 2020-07-01 00:00 UTC
    assert "2020-07-01" in re.search(r"<footer>(.*?)</footer>", dated, flags=re.S).group(1)
    assert dated.replace(", 2020-07-01", "") == plain
    _, chosen = report(tmp_path, "--date", "2020-12-31", env={"SOURCE_DATE_EPOCH": "1593561600"}, name="d.html")
    assert "2020-12-31" in chosen and "2020-07-01" not in chosen


@pytest.mark.parametrize(
    "args, env, message",
    [
        (["--date", "2020-13-01"], {}, "not a date"),
        ([], {"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH"),
        (["--as-of", "2020-Q2"], {}, "--as-of needs --actuals"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, env, message, english):
    result, page = report(tmp_path, *args, env=env)
    assert result.exit_code == 2 and message in result.output and page is None


def test_a_bad_ledger_exits_3_and_writes_nothing(tmp_path):
    ledger = tmp_path / "bad.csv"
    ledger.write_text("id,actual,as_of\nfuture.no-such-kpi,3,2020-Q1\n", encoding="utf-8")
    result, page = report(tmp_path, "--actuals", str(ledger))
    assert result.exit_code == 3 and "future.no-such-kpi" in result.output and page is None


# -- the command as a process --------------------------------------------------------------------


@pytest.mark.slow
def test_writing_a_file_says_what_it_wrote(tmp_path):
    target = tmp_path / "plan.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    code, stdout, err, _, _ = run("report", "-o", target)
    assert code == 0 and stdout == b""
    sections = r"\(예산, 재정, 정책 분야와 KPI, 일정표, 감사\)"  # the titles the contents list, not the ids
    assert re.fullmatch(r".*plan\.html: [\d,]+ KB, 차트 1[2-9]개, 표 2\d개 " + sections, err)
    code, _, err, _, _ = run("--locale", "en_US", "report", "-o", target)
    assert code == 0 and err.endswith("(Budget, Finance, Pillars and KPIs, Timeline, Audit)"), err
    assert (target.stat().st_mode & 0o777) == 0o640 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.slow
def test_standard_output_unless_it_is_a_terminal(tmp_path, english):
    code, stdout, err, _, _ = run("report")
    assert code == 0 and stdout.startswith(b"<!DOCTYPE html>") and err == ""
    import pty

    primary, replica = pty.openpty()
    proc = subprocess.run([*seoulplan(), "report"], stdout=replica, stderr=subprocess.PIPE, text=True)
    os.close(replica)
    os.close(primary)
    assert proc.returncode == 2 and "give -o FILE" in proc.stderr


@pytest.mark.slow
def test_without_the_extra_it_names_the_extra(tmp_path):
    """matplotlib hidden (as if not installed): exit 2, and the line to install it."""
    script = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from seoulplan.cli import main\n"
        f"main(['report', '-o', {str(tmp_path / 'r.html')!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'seoulplan[report]'" in proc.stderr and "matplotlib" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "r.html").exists()


@pytest.mark.slow
def test_start_up_never_imports_the_reports_libraries():
    for code in (
        "import seoulplan, seoulplan.cli",
        "from seoulplan.cli import main; main(['--help'])",
        "from seoulplan.cli import main; main(['--version'])",
        "from seoulplan.cli import main; main(['report', '--help'])",
    ):
        probe = f"import sys\ntry:\n    {code}\nexcept SystemExit:\n    pass\nprint(sorted(sys.modules))"
        proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        loaded = proc.stdout
        assert proc.returncode == 0, proc.stderr
        for heavy in ("'matplotlib'", "'jinja2'", "'pandas'"):
            assert heavy not in loaded, (code, heavy)


# -- in a real browser ---------------------------------------------------------------------------


def chromium_args(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
@pytest.mark.parametrize("locale, args", [(None, ["--actuals", str(LEDGER)]), ("en_US", [])])
def test_in_a_real_browser(tmp_path, locale, args):
    """Chromium opens the file offline: the file is the only request, nothing fails, nothing
    is logged as an error, every chart is drawn at a size, and the text reads as it should."""
    playwright = pytest.importorskip("playwright.sync_api")
    result, _ = report(tmp_path, *args, locale=locale)
    assert result.exit_code == 0
    page_url = (tmp_path / "report.html").as_uri()
    requests, failed, errors = [], [], []
    with playwright.sync_playwright() as driver:
        # a fresh profile of its own; Playwright adds --headless and --user-data-dir itself
        browser = driver.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            args=chromium_args(tmp_path / "profile")[1:-1],
            headless=True,
            viewport={"width": 1000, "height": 1400},
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url == page_url else route.abort())
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_url, wait_until="load")
            page.screenshot(path=str(tmp_path / "shot.png"), full_page=True)
            sizes = page.eval_on_selector_all(
                "svg.chart", "all => all.map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height] })"
            )
            drawn_text = page.eval_on_selector_all(
                "svg.chart text", "all => all.filter(t => t.getBBox().width > 0).length"
            )
            visible = page.inner_text("body")
        finally:
            browser.close()
    assert requests == [page_url] and not failed and not errors, (requests, failed, errors)
    assert len(sizes) >= 12 and all(w > 300 and h > 80 for w, h in sizes), sizes
    assert drawn_text > 100
    assert ("39조 5,359억원" if locale is None else "KRW 39.5 trillion") in visible
    assert (tmp_path / "shot.png").stat().st_size > 50_000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_alone_prints_the_dom_it_drew(tmp_path):
    """Without Playwright: chromium --dump-dom of the file has every chart and the total."""
    result, _ = report(tmp_path)
    assert result.exit_code == 0
    proc = subprocess.run(
        ["chromium", *chromium_args(tmp_path / "profile"), "--dump-dom", (tmp_path / "report.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "39조 5,359억원" in proc.stdout and proc.stdout.count("<svg") >= 12


#: What a browser finds on the page: each table wider than the box it sits in or than the
#: page, and each word (the letters between spaces, hyphens, slashes, and before an opening
#: bracket, where Korean may break: 창업단계 / (Seed)) of a table's cell that is drawn on more
#: than one line — a word broken inside.
LAYOUT_JS = """() => {
  const page = document.body.getBoundingClientRect();
  const padding = parseFloat(getComputedStyle(document.body).paddingRight);
  const wide = [...document.querySelectorAll("table")]
    .map(t => [t.caption ? t.caption.innerText : "", t.getBoundingClientRect(), t.parentElement.clientWidth])
    .filter(([, box, room]) => box.width > room + 0.5 || box.right > page.right - padding + 0.5)
    .map(([caption, box, room]) => `${caption}: ${Math.round(box.width)} px in ${room} px`);
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015\\/·(]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = boxes.map(r => r.top);
        if (boxes.length && Math.max(...tops) - Math.min(...tops) > Math.min(...boxes.map(r => r.height)) / 2)
          broken.push(word[0]);
      }
    }
  }
  return {wide, broken};
}"""
#: A4's width less the page's 12 mm margins, in CSS pixels (96 an inch)
A4_PRINTED_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def launch(driver, profile: Path, *, width: int = 1280):
    """The system's Chromium, headless, a fresh profile, ``width`` pixels wide."""
    return driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=chromium_args(profile)[1:-1],
        headless=True,
        viewport={"width": width, "height": 900},
    )


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
def test_tables_fit_the_page_and_break_no_word(pages, tmp_path):
    """At 1280 px and on A4, in both languages: every table fits its box and the page (the
    English district table ran to 1348 px), and no word is broken inside ("Nu/mbe/r of/fun/ds",
    which ``overflow-wrap: anywhere`` allowed: the rule is gone)."""
    playwright = pytest.importorskip("playwright.sync_api")
    assert "overflow-wrap: anywhere" not in pages["ko"] and "break-all" not in pages["ko"]
    found = {}
    with playwright.sync_playwright() as driver:
        browser = launch(driver, tmp_path / "profile")
        try:
            for key, text in pages.items():
                (tmp_path / f"{key}.html").write_text(text, encoding="utf-8")
                page = browser.new_page()
                page.goto((tmp_path / f"{key}.html").as_uri(), wait_until="load")
                found[key, "screen"] = page.evaluate(LAYOUT_JS)
                page.emulate_media(media="print")
                page.set_viewport_size({"width": A4_PRINTED_WIDTH, "height": 1000})
                found[key, "print"] = page.evaluate(LAYOUT_JS)
                page.close()
        finally:
            browser.close()
    assert {where: layout for where, layout in found.items() if layout["wide"] or layout["broken"]} == {}


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
@pytest.mark.parametrize("locale, title", [(None, "서울특별시 2020 주요 업무계획"), ("en_US", "2020 Major Work Plan")])
def test_printed_on_at_most_eight_a4_pages_with_numbers(tmp_path, locale, title):
    """The plan without a ledger prints on at most 8 A4 pages (it took 14), each with the
    plan's name and its number in the running footer (:data:`~seoulplan.presentation.report.PRINT_FOOTER`)."""
    playwright = pytest.importorskip("playwright.sync_api")
    pypdf = pytest.importorskip("pypdf")
    from seoulplan.presentation.report import PRINT_FOOTER

    result, _ = report(tmp_path, locale=locale)
    assert result.exit_code == 0
    with playwright.sync_playwright() as driver:
        browser = launch(driver, tmp_path / "profile")
        try:
            page = browser.new_page()
            page.goto((tmp_path / "report.html").as_uri(), wait_until="load")
            page.pdf(path=str(tmp_path / "report.pdf"), format="A4", prefer_css_page_size=True,
                     print_background=True, display_header_footer=True, header_template="<span></span>",
                     footer_template=PRINT_FOOTER)  # fmt: skip
        finally:
            browser.close()
    printed = pypdf.PdfReader(tmp_path / "report.pdf").pages
    assert len(printed) <= 8
    assert all(round(float(p.mediabox.width) / 72 * 25.4) == 210 for p in printed)  # A4
    for number, sheet in enumerate(printed, start=1):
        text = re.sub(r"[\s\x00-\x1f]+", "", sheet.extract_text())  # Chromium writes some spaces as \x01
        assert text.endswith(f"{number}/{len(printed)}") and title.replace(" ", "") in text, text[-120:]


def test_the_readme_shows_the_report_as_a_reader_sees_it():
    """docs/ holds the Korean and English first screens at 1280 and 390 px and two printed A4
    pages, each linked from the README and small (docs/screenshot.py makes them)."""
    import struct

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        for width in (1280, 390):
            name = f"docs/report-{lang}-{width}.png"
            data = (root / name).read_bytes()
            assert f"]({name})" in readme and len(data) < 400_000, name
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] == width, name
    pdf = root / "docs" / "report-print.pdf"
    assert "](docs/report-print.pdf)" in readme and pdf.stat().st_size < 400_000
    pypdf = pytest.importorskip("pypdf")
    printed = pypdf.PdfReader(pdf).pages
    assert len(printed) == 2 and all(round(float(p.mediabox.width) / 72 * 25.4) == 210 for p in printed)
    assert re.search(r"1/[1-8]$", re.sub(r"[\s\x00-\x1f]+", "", printed[0].extract_text()))  # the footer
