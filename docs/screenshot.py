#!/usr/bin/env python3
"""Make docs/report.png: the first screen of the real plan's report with the test ledger.

    python docs/screenshot.py            # needs the report extra, Playwright and /usr/bin/chromium

It drives the system's Chromium through Playwright, as tests/test_report.py does (headless,
a fresh profile, no network), and never downloads a browser of its own.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="seoulplan-shot-") as scratch:
        page_path = Path(scratch) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "seoulplan", "report", "-o", str(page_path),
             "--actuals", str(ROOT / "tests" / "data" / "ledger-2020.csv")],
            check=True, cwd=ROOT, env={"SOURCE_DATE_EPOCH": "", "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        with sync_playwright() as driver:
            browser = driver.chromium.launch_persistent_context(
                str(Path(scratch) / "profile"), executable_path=CHROMIUM, args=FLAGS, headless=True,
                viewport={"width": 1000, "height": 1500},
            )  # fmt: skip
            try:
                page = browser.new_page()
                page.goto(page_path.as_uri(), wait_until="load")
                page.screenshot(path=str(ROOT / "docs" / "report.png"))
            finally:
                browser.close()
    print(ROOT / "docs" / "report.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
