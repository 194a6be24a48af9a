"""The plan as a library: ``load()`` a dataset and ask it for tables (SPEC §2a).

>>> import seoulplan
>>> plan = seoulplan.load()
>>> plan.budget("gross", 2019)[["account", "amount_eok", "growth_pct"]].round(1)
   account  amount_eok  growth_pct
0    total      395359        10.6
1  general      268934        11.3
2  special      126425         9.2

Every method returns a pandas DataFrame with exactly the machine columns the matching
command documents, in the same order, with nullable dtypes (``Int64``, ``Float64``,
``string``, ``boolean``); the command line writes its csv, tsv and json from these very
frames. Bad arguments raise :class:`~seoulplan.errors.UsageError`, bad data
:class:`~seoulplan.errors.DataError`.

The table modules (``figures``, ``kpis``, ``audit``, ``attainment``) take the document and
return frames; they are imported by the methods that use them, because they import
pandas, and ``load()`` alone (shell completion, ``validate``) must not.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from seoulplan.core import cache, collector, document
from seoulplan.core.i18n import _
from seoulplan.core.parsing import parse_document
from seoulplan.core.reading import Source, read_text
from seoulplan.core.validation import SCHEMA, Problem, validate
from seoulplan.errors import DataError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from seoulplan.core.glossary import Glossary

MAX_SHOWN_PROBLEMS = 20


def load(source: Source = None, *, encoding: str = "utf-8-sig") -> Plan:
    """Read, parse and validate a dataset: the packaged plan by default, or a path (``-``
    for standard input) or an open file. Raises DataError listing every problem."""
    text, name = read_text(source, encoding)
    key = cache.key(text)
    doc = cache.read(key)
    if doc is None:
        parsed, lines = parse_document(text, name, _("a YAML mapping with schema: {schema}").format(schema=SCHEMA))
        del text  # hundreds of MB for a big dataset, no longer needed
        with collector.paused():
            problems = validate(parsed, lines)
        if problems:
            shown = "\n".join("  " + p.render(name) for p in problems[:MAX_SHOWN_PROBLEMS])
            more = len(problems) - MAX_SHOWN_PROBLEMS
            tail = "\n  " + _("… and {count} more (run: seoulplan validate {name})").format(count=more, name=name)
            heading = _("{name}: {count} problem(s) in the dataset:").format(name=name, count=len(problems))
            raise DataError(f"{heading}\n{shown}{tail if more > 0 else ''}", problems)
        assert isinstance(parsed, dict)
        doc = parsed
        cache.write(key, doc)
    return Plan(doc, name)


def check(source: Source = None, *, encoding: str = "utf-8-sig") -> tuple[str, list[Problem], dict | None]:
    """For ``seoulplan validate``: (name, every problem, the document when it is a mapping).

    Unreadable files and syntax errors still raise DataError: there is nothing to check.
    """
    text, name = read_text(source, encoding)
    doc, lines = parse_document(text, name, _("a YAML mapping with schema: {schema}").format(schema=SCHEMA))
    return name, validate(doc, lines), doc if isinstance(doc, dict) else None


class Plan:
    """A validated dataset: the plan's facts, and its tables as DataFrames."""

    def __init__(self, doc: dict, name: str):
        self.doc, self.name = doc, name

    def __repr__(self) -> str:
        return f"<Plan {self.doc['plan']['title']} ({self.name}): {len(self.doc.get('kpis') or [])} KPIs>"

    # -- facts ----------------------------------------------------------------------

    @property
    def year(self) -> int:
        return document.plan_year(self.doc)

    @property
    def budget_years(self) -> list[int]:
        return document.budget_years(self.doc)

    @property
    def population(self) -> int:
        return document.population(self.doc)

    @property
    def reference_dates(self) -> dict[str, str]:
        """What each part of the plan is dated at: ``{"population": "2019-12-31", …}``."""
        return document.reference_dates(self.doc)

    @functools.cached_property
    def glossary(self) -> Glossary:
        """The plan's English for what its tables name in Korean (names by key, units), for
        people who read English; machine columns stay as they are."""
        from seoulplan.core.glossary import Glossary

        return Glossary.of(self.doc)

    def pillar(self, query: str) -> dict:
        """A pillar by slug, number or name in Korean or English (spacing ignored; a unique part
        will do)."""
        from seoulplan.core import kpis

        return kpis.resolve_pillar(self.doc["pillars"], query)

    # -- tables ---------------------------------------------------------------------

    def budget(self, basis: str = "all", compare: int | None = None, *, per_capita: bool = False) -> pd.DataFrame:
        """Budget rows (basis × account) with shares of their total; ``compare``: a year to
        compare with (change, growth); ``per_capita``: amounts per resident in 원."""
        from seoulplan.core import figures

        return figures.budget(self.doc, basis, compare, per_capita=per_capita)

    def finance(self, section: str = "all") -> pd.DataFrame:
        """Finance items with computed shares, growth and averages beside the stated ones."""
        from seoulplan.core import figures

        return figures.finance(self.doc, section)

    def general(self) -> pd.DataFrame:
        """Population, area, districts, organisation and staff, with shares of their totals."""
        from seoulplan.core import figures

        return figures.general(self.doc)

    def covid(self) -> pd.DataFrame:
        """The COVID-19 status table, a row per measure, nationwide and Seoul side by side."""
        from seoulplan.core import figures

        return figures.covid(self.doc)

    def pillars(self) -> pd.DataFrame:
        """The pillars and their strategies, with how many KPIs each has."""
        from seoulplan.core import kpis

        return kpis.pillars(self.doc, self.kpi_table)

    def strategies(self) -> pd.DataFrame:
        """One row per strategy, with how many KPIs of each kind it has."""
        from seoulplan.core import kpis

        return kpis.strategies(self.doc, self.kpi_table)

    def kpis(
        self,
        pillar: str | None = None,
        *,
        kind: str = "target",
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
    ) -> pd.DataFrame:
        """One row per KPI of ``kind`` (``target``, ``achievement``, ``headline`` or ``all``): baseline,
        target and the planned change and growth."""
        from seoulplan.core import kpis

        rows = kpis.chosen(self.doc, pillar, strategy=strategy, kind=kind)
        return kpis.matching(self.kpi_table if rows is None else kpis.build(self.doc, rows), grep, grep_in)

    def kpi(self, kpi_id: str) -> pd.DataFrame:
        """One KPI's row; an unknown id is a UsageError naming the closest ids."""
        from seoulplan.core import kpis

        return kpis.one(self.kpi_table, kpi_id)

    def milestones(self) -> pd.DataFrame:
        """Every dated value of every KPI, long form: id, year, value, role."""
        from seoulplan.core import kpis

        return kpis.milestones(self.doc, self.kpi_table)

    def parts(self) -> pd.DataFrame:
        """The named components of the KPIs the plan breaks down, long form: id, part, name,
        name_en, value."""
        from seoulplan.core import kpis

        return kpis.parts(self.doc)

    def audit(self, *, only_failures: bool = False) -> pd.DataFrame:
        """Every check of what the plan states against what its figures give."""
        from seoulplan.core import audit

        return audit.run(self.doc, self.kpi_table, only_failures=only_failures)

    def attainment(
        self,
        actuals: Any,
        *,
        as_of: str | None = None,
        near: float = 90,
        pillar: str | None = None,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """The latest actual of each KPI of the ledger, measured (SPEC §5): its value for
        the year, attainment %, progress %, the pace expected by then, the status, and the
        observation before it. ``actuals``: a path or open file (CSV or YAML), a DataFrame
        with ``id``, ``actual`` and ``as_of``, or ``{id: value}``; ``as_of`` (a date or
        period) leaves out later observations; ``pillar``, ``strategy`` and ``grep`` choose
        KPIs as :meth:`kpis` does."""
        from seoulplan.core import tracking

        ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
        chosen = self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in)["id"]
        ledger = ledger[ledger["id"].isin(chosen)]
        measured = tracking.measure(ledger, self.kpi_table, self.series, near=near)
        return tracking.latest(measured, ledger, self.kpi_table)

    def track(
        self, actuals: Any, *, by: str = "quarter", as_of: str | None = None, near: float = 90,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:  # fmt: skip
        """Every observation of the ledger, measured, with its period (``by``: month,
        quarter, half or year); the latest of each KPI in a period."""
        from seoulplan.core import tracking

        if by not in tracking.PERIODS:
            raise UsageError(
                _("unknown period {period!r}; expected one of {choices}").format(
                    period=by, choices=", ".join(tracking.PERIODS)
                )
            )
        ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
        return tracking.track(tracking.measure(ledger, self.kpi_table, self.series, near=near), self.kpi_table, by=by)

    def biggest_changes(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` targets of each pillar with the largest planned rise and the largest
        planned fall of ``growth_pct`` (baseline → target), largest first."""
        from seoulplan.core import changes

        return changes.biggest(self.kpis(), n)

    def pillar_attainment(
        self, actuals: Any, *, as_of: str | None = None, near: float = 90, encoding: str = "utf-8-sig"
    ) -> pd.DataFrame:
        """Per pillar: its targets, how many have an actual, and how many are in each status
        (미보고: targets with no actual)."""
        from seoulplan.core import tracking

        ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
        measured = tracking.measure(ledger, self.kpi_table, self.series, near=near)
        return tracking.by_pillar(
            self.doc["pillars"], self.kpi_table, tracking.latest(measured, ledger, self.kpi_table)
        )

    def stated_attainment(
        self,
        pillar: str | None = None,
        *,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
    ) -> pd.DataFrame:
        """The targets the plan itself reports an actual for, with the attainment it states
        beside the one its figures give against the target it prints."""
        from seoulplan.core import tracking

        return tracking.stated(self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in))

    def observations(
        self, actuals: Any, *, as_of: str | None = None, near: float = 90, encoding: str = "utf-8-sig"
    ) -> pd.DataFrame:
        """Every observation of the ledger that has an actual, measured as :meth:`attainment`
        measures the latest: a row per KPI and date."""
        from seoulplan.core import tracking

        ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
        measured = tracking.measure(ledger, self.kpi_table, self.series, near=near)
        return tracking.observations(measured, self.kpi_table)

    def tables(
        self, actuals: Any = None, *, as_of: str | None = None, near: float = 90, encoding: str = "utf-8-sig"
    ) -> dict[str, pd.DataFrame]:
        """Every table of the plan at once, by name, as ``seoulplan export`` writes them:
        ``budget`` (every basis, compared with ``plan.compare_year`` where the budget has it,
        per capita), ``finance``, ``general``, ``covid``, ``pillars`` (a row per pillar),
        ``strategies``, ``kpis`` (every kind), ``milestones``, ``parts``, ``audit``; with
        ``actuals``, also ``observations`` (:meth:`observations`) and ``status`` (the
        latest of each KPI: :meth:`attainment`)."""
        from seoulplan.core import kpis, tracking

        if as_of is not None and actuals is None:
            raise UsageError(_("as_of needs actuals: without a ledger there is nothing to cut off"))
        out = {
            "budget": self.budget("all", document.compare_year(self.doc), per_capita=True),
            "finance": self.finance(),
            "general": self.general(),
            "covid": self.covid(),
            "pillars": kpis.pillar_rows(self.doc, self.kpi_table),
            "strategies": self.strategies(),
            "kpis": self.kpis(kind="all"),
            "milestones": self.milestones(),
            "parts": self.parts(),
            "audit": self.audit(),
        }
        if actuals is not None:
            ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
            measured = tracking.measure(ledger, self.kpi_table, self.series, near=near)
            out["observations"] = tracking.observations(measured, self.kpi_table)
            out["status"] = tracking.latest(measured, ledger, self.kpi_table)
        return out

    def template(
        self,
        pillar: str | None = None,
        *,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
    ) -> pd.DataFrame:
        """A ledger to fill in: a row per target chosen, ``actual`` and ``as_of`` blank."""
        from seoulplan.core import tracking

        return tracking.template(self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in))

    def ledger(self, actuals: Any, *, as_of: str | None = None, encoding: str = "utf-8-sig") -> pd.DataFrame:
        """``actuals`` read and checked: ``id, actual, as_of, as_of_date, line`` (later than
        ``as_of`` left out)."""
        from seoulplan.core import actuals as reading
        from seoulplan.core import tracking

        if as_of is not None:
            tracking.end_of(as_of)  # a bad as_of is refused before the ledger is read
        return tracking.cutoff(reading.read_ledger(actuals, self.kpi_table, encoding=encoding), as_of)

    @functools.cached_property
    def series(self) -> pd.DataFrame:
        """Every KPI's dated values with exact figures, as tracking joins them."""
        from seoulplan.core import tracking

        return tracking.points(self.milestones())

    @functools.cached_property
    def kpi_table(self) -> pd.DataFrame:
        """Every KPI with its computed measures, in the dataset's order (what the KPI queries select from)."""
        from seoulplan.core import kpis

        with collector.paused():
            return kpis.build(self.doc)
