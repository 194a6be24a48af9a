"""The report's sections on the plan itself: the budget, finance, the pillars and their
KPIs, and the audit's findings (each a function of the :class:`~.page.Page`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial

import pandas as pd

from seoulplan.core.i18n import N_
from seoulplan.core.vocabulary import AUDIT_KIND_NAMES
from seoulplan.presentation import charts
from seoulplan.presentation import formatting as fmt
from seoulplan.presentation.machine_formats import records
from seoulplan.presentation.report.page import (
    BLUE,
    GREY,
    LIGHT_BLUE,
    ORANGE,
    Block,
    Page,
    Section,
    compare_year,
    pillar_label,
    plain,
    trillions,
)
from seoulplan.presentation.views import (
    STRATEGY_COUNTS,
    Column,
    Options,
    column,
    quantity,
    row_places,
    suspected,
)

ACCOUNT_COLORS = {"total": "#0b3d75", "general": BLUE, "special": ORANGE}


# -- budget ------------------------------------------------------------------------------------------


def budget(page: Page) -> Section:
    plan = page.plan
    year, compare = plan.year, compare_year(plan)
    frame = plan.budget("all", compare)
    bases = plan.doc["budget"]["bases"]
    if page.english:
        basis_en = {b["key"]: b["name_en"] for b in bases}
        account_en = {r["account"]: r["name_en"] for b in bases for r in b["rows"]}
        frame = frame.assign(
            basis_name=frame["basis"].map(basis_en).astype("string"),
            account_name=frame["account"].map(account_en).astype("string"),
        )
    section = Section("budget", page.gettext("Budget"))
    totals = frame[frame["account"] == "total"]
    first = totals.iloc[0]
    if compare is not None:
        section.blocks.append(
            Block(
                "text",
                page.gettext(
                    "{basis}: {amount}, {way} {change} ({growth}) on the {compare} original budget of {compare_amount}."
                ).format(
                    basis=first["basis_name"],
                    amount=page.won(first["amount_eok"]),
                    compare=compare,
                    compare_amount=page.won(first["compare_amount_eok"]),
                    change=page.won(abs(first["change_eok"])),
                    growth=page.pct(abs(plain(first["growth_pct"]) or 0)),
                    way=page.pgettext("budget went", "down")
                    if first["change_eok"] < 0
                    else page.pgettext("budget went", "up"),
                ),
            )
        )
    section.blocks.append(
        Block(
            "text",
            page.gettext(
                "Three bases: the gross budget (with transfers between accounts), the net budget "
                "(without them) and the net budget less mandatory expenditure (what the city "
                "executes itself)."
            ),
        )
    )

    basis = column("basis_name", repeat=False)
    account = column("account_name")
    amount = column("amount_eok", "year", year=year)
    share = column("share_pct", "year", year=year)
    series = [
        charts.Series(
            page.pgettext("year", "{year}").format(year=year),
            trillions(totals["amount_eok"]),
            BLUE,
            [page.won(v) for v in totals["amount_eok"]],
        )
    ]
    columns = [basis, amount]
    if compare is not None:
        series.append(
            charts.Series(
                page.gettext("{year} original").format(year=compare),
                trillions(totals["compare_amount_eok"]),
                LIGHT_BLUE,
                [page.won(v) for v in totals["compare_amount_eok"]],
            )
        )
        columns += [
            column("compare_amount_eok", "year", year=compare),
            column("change_eok"),
            column("growth_pct"),
        ]
    names = totals["basis_name"].tolist()
    unit = fmt.unit_label("조", "조", page.options.locale)
    title = page.gettext("Budget size: {year} and the {compare} original budget").format(year=year, compare=compare)
    section.blocks.append(
        page.chart(
            title,
            partial(charts.grouped_bars, names, series, axis=unit),
            page.grid(totals, columns),
        )
    )

    parts = frame[frame["account"] != "total"]
    names_of = dict(zip(parts["account"], parts["account_name"]))
    categories: list[str] = []
    shares_of: dict[str, list[float]] = {key: [] for key in names_of}
    for _, rows in parts.groupby("basis", sort=False):
        for label, share_key in ((year, "share_pct"), (compare, "compare_share_pct")):
            if label is None:
                continue
            categories.append(f"{rows['basis_name'].iloc[0]} · {page.pgettext('year', '{year}').format(year=label)}")
            for key, value in zip(rows["account"], rows[share_key]):
                shares_of[key].append(float(value))
    shares = [
        charts.Series(names_of[a], values, ACCOUNT_COLORS.get(a, GREY), [page.pct(v) for v in values])
        for a, values in shares_of.items()
    ]
    columns = [basis, account, amount, share]
    if compare is not None:
        columns += [
            column("compare_amount_eok", "year", year=compare),
            column("compare_share_pct", "year", year=compare),
        ]
    title = page.gettext("Shares: the general account and the special accounts")
    axis = page.gettext("Share (%)")
    section.blocks.append(
        page.chart(
            title,
            partial(charts.stacked_bars, categories, shares, axis=axis, total=100),
            page.grid(parts, columns),
        )
    )

    if compare is not None:
        accounts = list(dict.fromkeys(frame["account"]))
        growth = [
            charts.Series(
                frame.loc[frame["account"] == a, "account_name"].iloc[0],
                frame.loc[frame["account"] == a, "growth_pct"].astype(float).tolist(),
                ACCOUNT_COLORS.get(a, GREY),
                [page.pct(v) for v in frame.loc[frame["account"] == a, "growth_pct"]],
            )
            for a in accounts
        ]
        title = page.gettext("Growth on the {compare} original budget").format(compare=compare)
        axis = page.gettext("Growth (%)")
        columns = [
            basis,
            account,
            column("change_eok"),
            column("growth_pct"),
        ]
        section.blocks.append(
            page.chart(
                title,
                partial(charts.grouped_bars, names, growth, axis=axis),
                page.grid(frame, columns),
            )
        )
    return section


# -- finance -----------------------------------------------------------------------------------------


def finance(page: Page) -> Section:
    from seoulplan.core.vocabulary import GROUP_NAMES

    plan = page.plan
    frame = page.localised(plan.finance("all"))
    if page.english:
        frame = frame.assign(section_name=frame["section"].map({k: v[1] for k, v in GROUP_NAMES.items()}))
    dates = plan.reference_dates
    section = Section("finance", page.pgettext("report section", "Finance"))
    section.blocks.append(
        Block(
            "text",
            page.gettext("Public finance as of {date}; municipal bonds outstanding as of {bonds_date}.").format(
                date=dates.get("finance", ""), bonds_date=dates.get("bonds", "")
            ),
        )
    )
    # each section's largest amount is its total (자치구 예산, not its 1구 평균)
    heads = frame.loc[frame.dropna(subset=["amount_eok"]).groupby("section", sort=False)["amount_eok"].idxmax()]
    name = column("name", "item")
    amount = column("amount_eok")
    unit = fmt.unit_label("조", "조", page.options.locale)

    sized = heads[heads["amount_eok"].notna()].sort_values("amount_eok", ascending=False, kind="stable")
    sized = sized.sort_values("section", key=lambda s: s.map(_finance_order()), kind="stable")  # as the chart
    columns = [
        name,
        amount,
        column("stated_change_eok"),
        column("stated_growth_pct"),
        column("growth_pct", "computed"),
    ]
    section.blocks.append(
        page.chart(
            page.gettext("Sizes of the finances"),
            partial(charts.ranked_bars, _finance_kinds(page, sized), axis=unit, least_rows=1),
            page.grid(sized, _present(sized, columns)),
            [page.gettext("Each kind of figure on its own scale: spending, budgets, debt and funds do not add up.")],
        )
    )

    titles = {
        "mandatory": N_("Mandatory spending of {amount}, by part"),
        "bonds": N_("Municipal bonds of {amount}, by part"),
    }
    for key, color in (("mandatory", ORANGE), ("bonds", BLUE)):
        head = heads[heads["section"] == key]
        parts = frame[(frame["section"] == key) & ~frame.index.isin(head.index)]
        if head.empty or parts.empty:
            continue
        texts = [f"{page.won(a)} ({page.pct(s)})" for a, s in zip(parts["amount_eok"], parts["share_pct"])]
        bars = [charts.Series("", trillions(parts["amount_eok"]), color, texts)]
        names = parts["name"].tolist()
        columns = [
            name,
            amount,
            column("share_pct", "computed"),
            column("stated_share_pct"),
        ]
        section.blocks.append(
            page.chart(
                page.gettext(titles[key]).format(amount=page.won(head["amount_eok"].iloc[0])),
                partial(charts.grouped_bars, names, bars, axis=unit),
                page.grid(parts, _present(parts, columns)),
            )
        )

    others = frame[frame["section"].isin(["districts", "funds"])]
    columns = [
        column("section_name", repeat=False),
        name,
        amount,
        column("count"),
        column("stated_change_eok"),
        column("stated_growth_pct"),
        column("growth_pct", "computed"),
        column("computed_eok"),
        column("computed_from"),
    ]
    section.blocks.append(
        page.table(page.gettext("District budgets and funds"), page.grid(others, _present(others, columns)))
    )
    return section


#: The finances' sections by the kind of figure each is, one panel of the sizes chart each
#: (in this order): the city's own spending this year, the districts' budgets (another
#: government's), the debt outstanding (a stock) and the funds. A section not named here
#: gets a panel of its own, under its own name.
FINANCE_KINDS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (N_("Within the city's budget"), ("mandatory", "transfers"), ORANGE),
    (N_("The districts' own budgets"), ("districts",), BLUE),
    (N_("Debt outstanding"), ("bonds",), "#a3261e"),
    (N_("Funds"), ("funds",), "#6a9f58"),
)


def _finance_order() -> dict[str, int]:
    """Each finance section's place in :data:`FINANCE_KINDS` (the others after them)."""
    order = [section for _, sections, _ in FINANCE_KINDS for section in sections]
    return defaultdict(lambda: len(order), {section: n for n, section in enumerate(order)})


def _finance_kinds(page: Page, sized: pd.DataFrame) -> list[charts.Panel]:
    """The sizes chart's panels, one per kind of figure (:data:`FINANCE_KINDS`), each on its
    own scale: a district budget, a debt and a fund are different kinds of figure, and one
    axis would rank them as if they were one."""
    named = {section for _, sections, _ in FINANCE_KINDS for section in sections}
    kinds = [(page.gettext(heading), sections, color) for heading, sections, color in FINANCE_KINDS]
    for key in dict.fromkeys(sized["section"]):
        if key not in named:
            kinds.append((str(sized.loc[sized["section"] == key, "section_name"].iloc[0]), (str(key),), GREY))
    panels = []
    for heading, sections, color in kinds:
        rows = sized[sized["section"].isin(sections)]
        if not rows.empty:
            texts = [page.won(v) for v in rows["amount_eok"]]
            panels.append(charts.Panel(heading, rows["name"].tolist(), trillions(rows["amount_eok"]), texts, color))
    return panels


def _present(frame: pd.DataFrame, columns: Sequence[Column]) -> list[Column]:
    """The columns with a value in some row (the rest would be a column of dashes)."""
    return [c for c in columns if frame[c.key].notna().any()]


# -- pillars -----------------------------------------------------------------------------------------


def pillars(page: Page) -> Section:
    plan = page.plan
    strategies = page.localised(plan.pillars())
    counted = ["targets", "with_baseline", "achievements", "headlines", "parameters"]
    pillars = (
        strategies.groupby("pillar", sort=False)
        .agg(
            pillar_number=("pillar_number", "first"),
            pillar_name=("pillar_name", "first"),
            pillar_kpis=("pillar_kpis", "first"),
            **{c: (c, "sum") for c in counted},
        )
        .reset_index()
    )
    section = Section("pillars", page.gettext("Pillars and KPIs"))
    totals = {c: int(pillars[c].sum()) for c in [*counted, "pillar_kpis"]}
    section.blocks.append(
        Block(
            "text",
            page.gettext(
                "The plan's {count} KPIs: {targets} targets ({with_baseline} of them with a "
                "baseline), {achievements} achievements it reports, {headlines} headlines "
                "restating another record and {parameters} parameters, figures that are not goals"
                " (statutory thresholds, benefit caps, periods, sizes, effect estimates)."
            ).format(
                count=page.count(totals["pillar_kpis"]),
                **{k: page.count(v) for k, v in totals.items() if k != "pillar_kpis"},
            ),
        )
    )

    labels = [pillar_label(r) for r in pillars.to_dict("records")]
    based = pillars["with_baseline"].astype(int).tolist()
    unbased = (pillars["targets"] - pillars["with_baseline"]).astype(int).tolist()
    kinds = [
        charts.Series(page.gettext("Targets with a baseline"), based, BLUE, [str(v) for v in based]),
        charts.Series(page.gettext("Targets without a baseline"), unbased, LIGHT_BLUE, [str(v) for v in unbased]),
        charts.Series(
            page.gettext("Achievements"),
            pillars["achievements"].astype(int).tolist(),
            "#6a9f58",
            [str(v) for v in pillars["achievements"]],
        ),
        charts.Series(
            page.gettext("Headlines"),
            pillars["headlines"].astype(int).tolist(),
            ORANGE,
            [str(v) for v in pillars["headlines"]],
        ),
        charts.Series(
            page.gettext("Parameters"),
            pillars["parameters"].astype(int).tolist(),
            GREY,
            [str(v) for v in pillars["parameters"]],
        ),
    ]
    columns = [
        column("pillar_name", "label", kind=lambda v, row, o: pillar_label(row)),
        column("targets"),
        column("with_baseline"),
        column("achievements"),
        column("headlines"),
        column("parameters"),
        column("pillar_kpis", "total"),
    ]
    axis = page.pgettext("chart axis", "KPIs")
    section.blocks.append(
        page.chart(
            page.gettext("KPIs by pillar: targets, baselines, achievements, headlines, parameters"),
            partial(charts.stacked_bars, labels, kinds, axis=axis),
            page.grid(pillars, columns),
        )
    )

    changes = page.localised(plan.biggest_changes(5))
    changes["suspect"] = changes["id"].map(plan.kpi_table.set_index("id")["suspect"])  # marks the figures
    strategy_columns = [column(key) for key in STRATEGY_COUNTS]
    for pillar in pillars.to_dict("records"):
        slug = pillar["pillar"]
        section.blocks.append(Block("heading", pillar_label(pillar), ident=f"pillar-{slug}"))
        rows = strategies[strategies["pillar"] == slug]
        section.blocks.append(page.table(page.gettext("KPIs by strategy"), page.grid(rows, strategy_columns)))
        section.blocks.append(_changes(page, changes[changes["pillar"] == slug], pillar_label(pillar)))
    return section


def _changes(page: Page, rows: pd.DataFrame, pillar: str) -> Block:
    if rows.empty:
        return Block("text", page.gettext("No target here has a baseline to measure a change from."))
    options = page.options
    panels = []
    headings = {"increase": N_("Largest planned rises"), "decrease": N_("Largest planned falls")}
    for direction, color in (("increase", BLUE), ("decrease", ORANGE)):
        chosen = rows[rows["change_direction"] == direction]
        if chosen.empty:
            continue
        texts = []
        for row in records(chosen):  # whole figures as ints: 720,000m², not 720,000.0m²
            places = row_places(row)
            before = quantity(row["baseline"], row["unit"] or "", options, places=places, record=row["id"])
            after = quantity(row["target"], row["unit"] or "", options, places=places, record=row["id"])
            texts.append(suspected(f"{page.pct(row['growth_pct'])}  ({before} → {after})", row))
        panels.append(
            charts.Panel(
                page.gettext(headings[direction]),
                [page.short(n) for n in chosen["name"]],
                chosen["growth_pct"].astype(float).tolist(),
                texts,
                color,
            )
        )
    columns = [
        column(
            "change_direction",
            kind=lambda v, row, o: page.gettext("Rise") if v == "increase" else page.gettext("Fall"),
            repeat=False,
        ),
        column("name"),
        column("baseline"),
        column("target"),
        column("change"),
        column("growth_pct"),
    ]
    axis = page.gettext("Growth (%)")
    notes = [
        page.gettext(
            "Growth = (target − baseline) ÷ baseline × 100: the planned change, not "
            "attainment. KPIs in {unit} compare by relative change too."
        ).format(unit="%")  # a placeholder: gettext reads "% c" in a message as a printf conversion
    ]
    return page.chart(
        page.gettext("The biggest planned changes (baseline → target): {pillar}").format(pillar=pillar),
        partial(charts.ranked_bars, panels, axis=axis),
        page.grid(rows, columns),
        notes,
    )


# -- audit -------------------------------------------------------------------------------------------

#: What a check of each kind (the last part of its id) recomputes, for the English page.


def audit(page: Page) -> Section:
    from seoulplan.core import audit as checking
    from seoulplan.presentation import views

    plan = page.plan
    checks = plan.audit()
    summary = checking.summary(checks)
    findings = plan.audit(only_failures=True)
    section = Section("audit", page.gettext("Audit"))
    section.blocks.append(
        Block(
            "text",
            page.gettext(
                "{checks} sums, differences, shares, averages, counts, comparisons and restatements the plan "
                "states, recomputed: {findings}. Below, each check that does not agree, beside the plan's own words."
            ).format(checks=page.count(summary["checks"]), findings=_findings(page, summary)),
        )
    )
    kinds = [
        column("kind", "audit", kind=_check_kind),
        *(column(c) for c in ("checks", "agree", "disagree", "unverifiable")),
    ]
    section.blocks.append(page.table(page.gettext("Checks by kind"), page.grid(checking.by_kind(checks), kinds)))
    if findings.empty:
        section.blocks.append(Block("text", page.gettext("Every check agrees.")))
        return section
    # what is checked, the figures and the result, by kind (the check's id is for scripts: audit --format csv)
    columns = [c for c in views.audit(**summary, options=page.options).columns if c.key != "check_id"]
    columns.insert(0, column("kind", "audit", kind=_check_kind, repeat=False))
    columns.append(column("source", "plan"))
    order = {kind: i for i, kind in enumerate(checking.by_kind(checks)["kind"])}
    findings = findings.sort_values("kind", key=lambda k: k.map(order), kind="stable")
    section.blocks.append(
        page.table(page.gettext("Audit findings: disagreements and unverifiable checks"), page.grid(findings, columns))
    )
    return section


def _check_kind(value: object, row: object, options: Options) -> str:
    """A kind of check as people read it (``Counts against the items listed``)."""
    return options.gettext(AUDIT_KIND_NAMES[str(value)])


def _findings(page: Page, summary: dict[str, int]) -> str:
    """What the audit found, a count each: ``2 disagree, 1 cannot be verified, …`` (a plural each)."""
    disagreements, unverifiable, flags = summary["disagreements"], summary["unverifiable"], summary["flags"]
    return ", ".join(
        (
            page.ngettext("{count} disagrees", "{count} disagree", disagreements).format(
                count=page.count(disagreements)
            ),
            page.gettext("{count} cannot be verified").format(count=page.count(unverifiable)),
            page.ngettext(
                "{count} target is no better than its baseline",
                "{count} targets are no better than their baseline",
                flags,
            ).format(count=page.count(flags)),
        )
    )
