#!/usr/bin/env python3
"""Make the report's pictures in docs/, as a person sees them:

- ``report-ko-1280.png``, ``report-en-1280.png``: the first screens of the Korean page (with
  the test ledger) and of the English page, in a window 1280 px wide;
- ``report-ko-390.png``, ``report-en-390.png``: the same on a phone, 390 px wide;
- ``report-print.pdf``: two printed A4 pages of the Korean plan without a ledger (the first
  two), with the running footer that ``PRINT_FOOTER`` gives.

    python docs/screenshot.py            # needs the report extra, Playwright and /usr/bin/chromium

It drives the system's Chromium through Playwright, as tests/test_report.py does (headless,
a fresh profile, no network), and never downloads a browser of its own. A screen is what
fits in a window of that width (not the whole page, which would weigh megabytes).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
LEDGER = ROOT / "tests" / "data" / "ledger-2020.csv"
#: (page, window width, window height): the height is one or two screens' worth of the page
SCREENS = [("ko", 1280, 1400), ("en", 1280, 1400), ("ko", 390, 1600), ("en", 390, 1600)]
#: The printed pages shown: the first (the highlights and the budget) and the second (the finance sizes).
PRINTED_PAGES = "1-2"


def report(path: Path, locale: str, *args: str) -> None:
    """The real plan's page in ``locale``, with ``args`` (a ledger), the same bytes every time."""
    subprocess.run(
        [sys.executable, "-m", "seoulplan", "--locale", locale, "report", "-o", str(path), *args],
        check=True, cwd=ROOT, env={"SOURCE_DATE_EPOCH": "", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def main() -> int:
    from playwright.sync_api import sync_playwright

    from seoulplan.presentation.report import PRINT_FOOTER

    made = []
    with tempfile.TemporaryDirectory(prefix="seoulplan-shot-") as scratch:
        pages = {"ko": Path(scratch) / "ko.html", "en": Path(scratch) / "en.html", "print": Path(scratch) / "p.html"}
        report(pages["ko"], "ko_KR", "--actuals", str(LEDGER))
        report(pages["en"], "en_US")
        report(pages["print"], "ko_KR")
        with sync_playwright() as driver:
            browser = driver.chromium.launch_persistent_context(
                str(Path(scratch) / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True,
            )  # fmt: skip
            try:
                for key, width, height in SCREENS:
                    page = browser.new_page()
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(pages[key].as_uri(), wait_until="load")
                    made.append(DOCS / f"report-{key}-{width}.png")
                    page.screenshot(path=str(made[-1]))
                    page.close()
                page = browser.new_page()
                page.goto(pages["print"].as_uri(), wait_until="load")
                made.append(DOCS / "report-print.pdf")
                page.pdf(path=str(made[-1]), format="A4", prefer_css_page_size=True, print_background=True,
                         display_header_footer=True, header_template="<span></span>", footer_template=PRINT_FOOTER,
                         page_ranges=PRINTED_PAGES)  # fmt: skip
            finally:
                browser.close()
    for path in made:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:,.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
