"""The report: one self-contained HTML page of the plan, with charts and their numbers.

:func:`build` asks the library for its frames (budget, finance, pillars, KPIs, audit and,
with a ledger, tracking), draws each chart with :mod:`seoulplan.presentation.charts`, writes
each chart's numbers as a table under it with the views' cell formats (``39조 5,359억원``,
``10.6%``), and fills the Jinja2 template ``report/templates/report.html`` (autoescaped; the SVG is
the only markup passed through). Nothing in the page asks for anything outside it: the CSS
is inline, the charts are inline SVG, the fonts are the reader's own Korean fonts.

The page is the same bytes for the same input: it shows a date only when given one
(``--date`` or ``SOURCE_DATE_EPOCH``), names files by their base name, and the charts are
deterministic (see :mod:`~seoulplan.presentation.charts`).

``en_US`` gives the same page in English: the dataset's ``name_en``, ``pillar_name_en`` and
``strategy_name_en``, the dataset's ``units`` glossary, the tables' statuses, and money in KRW.
Only the plan's own words, quoted beside the audit's findings, stay in Korean.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from seoulplan.presentation.people_formats import ROUNDING_NOTE
from seoulplan.presentation.report import budget_year, sections, timeline, tracking
from seoulplan.presentation.report.page import Page, Report, compare_year, plain
from seoulplan.presentation.views import Options

__all__ = ["PRINT_FOOTER", "Report", "build"]

#: The running footer of a printed page, for Chromium's ``page.pdf(display_header_footer=True,
#: footer_template=PRINT_FOOTER)`` (Playwright): the plan's name (the page's ``<title>``) and
#: "page / pages". Chromium prints no ``@page`` margin boxes, so the page itself cannot carry
#: them; the browser fills the ``title``, ``pageNumber`` and ``totalPages`` spans.
PRINT_FOOTER = (
    '<div style="width: 100%; margin: 0 12mm; font-size: 7pt; color: #666; display: flex; '
    "justify-content: space-between; font-family: NanumGothic, 'Noto Sans CJK KR', sans-serif;\">"
    '<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span>'
    "</div>"
)


def build(
    plan: Any,
    *,
    options: Options | None = None,
    actuals: Any = None,
    actuals_name: str | None = None,
    as_of: str | None = None,
    near: float = 90,
    stale_after: int = 92,
    actuals_encoding: str = "utf-8-sig",
    date: str | None = None,
    today: Any = None,
    budget_ledger: Any = None,
    budget_name: str | None = None,
    deliveries: Any = None,
) -> Report:
    """The report of ``plan`` (with ``actuals``, a ledger, its tracking; with ``budget_ledger``,
    the budget through its year; with ``deliveries``, a delivery ledger, the overdue
    deliverables at ``as_of``, else ``today``); ``date``: the only date the page shows
    (``YYYY-MM-DD``), none when None."""
    from seoulplan.version import __version__

    # the plan's glossary, whatever options the caller made: the English cells need it; money
    # in English rounded as English financial writing rounds it (the footer says so), as in
    # every people's table (seoulplan.presentation.people_formats)
    page = Page(plan, replace(options or Options(), glossary=plan.glossary, rounded=True))
    measured = None
    if actuals is not None:
        measured = tracking.Measured(
            plan, actuals, as_of=as_of, near=near, stale_after=stale_after, encoding=actuals_encoding, today=today
        )
    schedule = timeline.timeline(page, deliveries, as_of=as_of, today=today, encoding=actuals_encoding)
    parts = [sections.budget(page), sections.finance(page), sections.pillars(page), schedule, sections.audit(page)]
    if measured is not None:
        parts.append(tracking.actuals(page, measured, actuals_name or "-", as_of))
    if budget_ledger is not None:
        year = plan.budget_year(budget_ledger, as_of=as_of, near=near, today=today, encoding=actuals_encoding)
        parts.append(budget_year.section(page, year, budget_name or "-"))
    meta = plan.doc["plan"]
    english = page.english
    until = page.gettext(", as of {as_of}").format(as_of=as_of) if as_of else ""
    # the plan's own names, in the reader's language (data: the dataset's *_en fields)
    issuer = meta.get("issuer_en", "") if english else meta.get("issuer", "")
    title = meta.get("title_en", "") if english else meta.get("title", "")
    actuals = ""
    if measured is not None:
        actuals = page.gettext(", and actuals ({name}{as_of})").format(name=actuals_name or "-", as_of=until)
    context = {
        "lang": "en" if english else "ko",
        "title": page.gettext("{issuer}: {title} — report").format(issuer=issuer, title=title),
        "subtitle": page.gettext("Budget and finance, KPIs by pillar, the audit{actuals}").format(actuals=actuals),
        "highlights": _highlights(page, measured),
        "sections": parts,
        "contents": page.gettext("Contents"),
        "made": page.gettext("Made with seoulplan {version}{date}. Every figure from: {source}.").format(
            version=__version__,
            date=page.gettext(" on {date}").format(date=date) if date else "",
            source=page.gettext("{issuer}, “{title}” ({file})").format(
                issuer=issuer, title=title, file=os.path.basename(plan.name)
            ),
        ),
        "made_note": " ".join(
            [page.gettext("The tables give the plan's figures as printed; computed values are recomputed from them.")]
            + ([page.gettext(ROUNDING_NOTE)] if page.options.digits else [])
        ),
        "table_of": page.gettext("Table: {title}").format(title="{title}"),
    }
    html = _template().render(**context)
    return Report(html, page.charts, page.tables, [s.ident for s in parts], [s.title for s in parts])


def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("seoulplan.presentation.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html")


def _highlights(page: Page, measured: tracking.Measured | None) -> list[tuple[str, str, str]]:
    from seoulplan.core import audit

    plan = page.plan
    out = []
    budget = plan.budget("gross", compare_year(plan))
    total = budget[budget["account"] == "total"].iloc[0]
    note = ""
    if "growth_pct" in budget.columns:
        growth = plain(total["growth_pct"])
        note = page.gettext("{way} {growth} on the {compare} original budget").format(
            compare=total["compare_year"],
            growth=page.pct(abs(growth or 0)),
            way=page.gettext("down") if (growth or 0) < 0 else page.gettext("up"),
        )
    out.append((page.gettext("Gross budget ({year})").format(year=plan.year), page.won(total["amount_eok"]), note))
    kinds = plan.kpis(kind="all")["kind"].value_counts()
    out.append(
        (
            page.gettext("KPIs"),
            page.pgettext("how many KPIs", "{count}").format(count=page.count(int(kinds.sum()))),
            _kinds_note(
                page, {kind: int(kinds.get(kind, 0)) for kind in ("target", "achievement", "headline", "parameter")}
            ),
        )
    )
    summary = audit.summary(plan.audit())
    out.append(
        (
            page.gettext("Audit checks"),
            page.pgettext("how many checks", "{checks}").format(checks=page.count(summary["checks"])),
            " · ".join(
                (
                    page.npgettext(
                        "highlight", "{count} disagrees", "{count} disagree", summary["disagreements"]
                    ).format(count=summary["disagreements"]),
                    page.pgettext("highlight", "{count} unverifiable").format(count=summary["unverifiable"]),
                )
            ),
        )
    )
    if measured is not None:
        by_pillar = measured.by_pillar
        targets, reported = int(by_pillar["targets"].sum()), int(by_pillar["with_actuals"].sum())
        out.append(
            (
                page.gettext("Targets with actuals"),
                page.count(reported),
                page.ngettext(
                    "of {targets} target · {achieved} achieved", "of {targets} targets · {achieved} achieved", targets
                ).format(targets=page.count(targets), achieved=page.count(int(by_pillar["achieved"].sum()))),
            )
        )
    return out


def _kinds_note(page: Page, counts: dict[str, int]) -> str:
    """How many KPIs of each kind: ``7 targets · 1 achievement · …`` (a plural for each)."""
    parts = (
        page.npgettext("highlight", "{count} target", "{count} targets", counts["target"]),
        page.npgettext("highlight", "{count} achievement", "{count} achievements", counts["achievement"]),
        page.npgettext("highlight", "{count} headline", "{count} headlines", counts["headline"]),
        page.npgettext("highlight", "{count} parameter", "{count} parameters", counts["parameter"]),
    )
    return " · ".join(text.format(count=page.count(n)) for text, n in zip(parts, counts.values()))
