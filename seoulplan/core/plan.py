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

The table modules (:mod:`.figures`, :mod:`.kpis`, :mod:`.changes`, :mod:`.audit`,
:mod:`.actuals`, :mod:`.tracking`) take the document and return frames; they are imported
by the methods that use them, because they import pandas, and ``load()`` alone (shell
completion, ``validate``) must not.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from seoulplan.core import cache, collector, document
from seoulplan.core.i18n import _
from seoulplan.core.parsing import parse_document
from seoulplan.core.reading import Source, read_text
from seoulplan.core.validation import SCHEMA, Problem, validate
from seoulplan.errors import Call, DataError, Parameter, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from seoulplan.core.budget_year import BudgetYear
    from seoulplan.core.glossary import Glossary
    from seoulplan.core.kpis import Due
    from seoulplan.core.tracking import Measurement

    #: A ledger of actuals as the library takes it: a path, ``-`` or an open file (CSV, xlsx,
    #: YAML), several of them (merged), a DataFrame (``id, actual, as_of``) or ``{id: value}``.
    Ledger = Source | Sequence[Source] | pd.DataFrame | Mapping[str, object]
    #: What the methods that measure take: a ledger, or a :meth:`Plan.measurement` already made.
    Actuals = Ledger | Measurement

MAX_SHOWN_PROBLEMS = 20
STALE_AFTER_DAYS = 92  # seoulplan.core.pace.STALE_AFTER_DAYS: a quarter (that module imports pandas)
NEAR = 90  # the attainment % from which a missed target is near (근접)


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
            heading = _("{name}: {count} problem(s) in the dataset:").format(name=name, count=len(problems))
            if more <= 0:
                raise DataError(f"{heading}\n{shown}", problems)
            # the rest are in .problems; the hint names the call that lists them all
            tail = _("… and {count} more (run: {call})")
            fields = {"heading": heading, "shown": shown, "count": more, "call": Call("seoulplan.check", name)}
            raise DataError("{heading}\n{shown}\n  " + tail, problems, **fields)
        assert isinstance(parsed, dict)
        doc = parsed
        cache.write(key, doc)
    return Plan(doc, name)


class Checked(NamedTuple):
    """What :func:`check` found in a dataset file."""

    name: str
    #: every problem, each with its path and line
    problems: list[Problem]
    #: the document, when it is a mapping
    doc: dict | None

    def summary(self) -> dict[str, Any]:
        """What a valid file holds: its ``schema``, and how many ``kpis`` and ``pillars``."""
        doc = self.doc or {}
        return {
            "schema": doc.get("schema"),
            "kpis": len(doc.get("kpis") or []),
            "pillars": len(doc.get("pillars") or []),
        }


def check(source: Source = None, *, encoding: str = "utf-8-sig") -> Checked:
    """Every problem of a dataset file (the packaged plan by default), where :func:`load`
    stops at the first twenty: ``(name, problems, doc)``.

    Unreadable files and syntax errors still raise DataError: there is nothing to check.
    """
    return check_with_lines(source, encoding=encoding)[0]


def check_with_lines(source: Source = None, *, encoding: str = "utf-8-sig") -> tuple[Checked, dict]:
    """:func:`check`, and the line of each mapping, list and key of the document (the
    parser's), for a further check that places what it finds (``validate --provenance``)."""
    text, name = read_text(source, encoding)
    doc, lines = parse_document(text, name, _("a YAML mapping with schema: {schema}").format(schema=SCHEMA))
    return Checked(name, validate(doc, lines), doc if isinstance(doc, dict) else None), lines


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
        due: Due | None = None,
    ) -> pd.DataFrame:
        """One row per KPI of ``kind`` (``target``, ``achievement``, ``headline`` or ``all``): baseline,
        target and the planned change and growth. ``due``: only those falling due in a year
        (``2022``) or a range of years (``(2021, 2022)``; ``(2023, None)`` from 2023 on) — their
        target, or a milestone from the plan's year on, is set for one of those years."""
        from seoulplan.core import kpis

        frame = self._chosen(pillar, kind=kind, strategy=strategy, grep=grep, grep_in=grep_in, columns=kpis.COLUMNS)
        return frame if due is None else kpis.falling_due(frame, due, self.doc)

    def _chosen(
        self,
        pillar: str | None,
        *,
        kind: str,
        strategy: int | None,
        grep: str | Sequence[str] | None,
        grep_in: str,
        columns: Sequence[str],
    ) -> pd.DataFrame:
        """:meth:`kpis` with only ``columns`` (and those ``grep`` reads): a question that reads
        a few of a KPI's columns does not build the others."""
        from seoulplan.core import kpis

        rows = kpis.chosen(self.doc, pillar, strategy=strategy, kind=kind)
        read = [
            name for name in kpis.COLUMNS if name in columns or (grep and name in kpis.GREP_FIELDS.get(grep_in, ()))
        ]
        # a table built already (or the whole one, to be kept): choosing from it costs nothing more
        if "kpi_table" in self.__dict__ or (rows is None and len(read) == len(kpis.COLUMNS)):
            table = self.kpi_table
        elif "_kpi_facts" in self.__dict__ and set(read) <= set(kpis.FACTS):
            table = self._kpi_facts
        else:
            table, rows = kpis.build(self.doc, rows, columns=read), None
        if rows is not None:
            table = table.iloc[rows].reset_index(drop=True)
        found = kpis.matching(table if list(table.columns) == read else table[read], grep, grep_in)
        return found if len(read) == len(columns) else found[list(columns)]

    def kpi(self, *kpi_ids: str) -> pd.DataFrame:
        """The rows of the KPIs ``kpi_ids``, in that order; an unknown id is a UsageError naming
        the closest ids."""
        from seoulplan.core import kpis

        rows = [kpis.one(self.kpi_table, kpi_id) for kpi_id in kpi_ids]
        if len(rows) == 1:
            return rows[0]
        import pandas

        return pandas.concat(rows, ignore_index=True)

    def milestones(self) -> pd.DataFrame:
        """Every dated value of every KPI, long form: id, year, value, role."""
        from seoulplan.core import kpis

        return kpis.milestones(self.doc)

    def parts(self) -> pd.DataFrame:
        """The named components of the KPIs the plan breaks down, long form: id, part, name,
        name_en, value."""
        from seoulplan.core import kpis

        return kpis.parts(self.doc)

    def schedule(
        self,
        *,
        pillar: str | None = None,
        kind: str | Sequence[str] | None = None,
        grep: str | Sequence[str] | None = None,
        start: str | None = None,
        end: str | None = None,
        by: str | None = None,
        deliveries: Any = None,
        as_of: str | None = None,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """The plan's dated deliverables, one row per record in the plan's order: of a
        ``pillar``, of a ``kind`` (or several), matching ``grep`` and overlapping the period
        from ``start`` to ``end`` (dates or periods; either may be open) — see
        :mod:`seoulplan.core.schedule`. ``by``: ``month`` or ``quarter``, a calendar: a ``due``
        column first, the period each falls due in, and the rows in its order.

        With ``deliveries`` (a delivery ledger: a path, ``-``, an open file, a DataFrame or a
        dict ``{id: done}``) or ``as_of``, each row has its ``status``, ``done`` and
        ``days_late`` at the date of the question — ``as_of`` (a date or period: its end),
        else ``today`` (default: the clock's) — see :mod:`seoulplan.core.deliveries`; the
        date is ``frame.attrs["as_of"]``."""
        from seoulplan.core import schedule

        everything = schedule.build(self.doc)
        frame = schedule.chosen(
            everything, self.doc["pillars"], pillar=pillar, kind=kind, grep=grep, start=start, end=end
        )
        if deliveries is not None or as_of is not None:
            frame = self._delivered(frame, everything["id"], deliveries, as_of, today, encoding)
        if by is None:
            return frame
        grouped = schedule.calendar(frame, by)
        grouped.attrs.update(frame.attrs)
        return grouped

    def delivery_template(
        self,
        *,
        pillar: str | None = None,
        kind: str | Sequence[str] | None = None,
        grep: str | Sequence[str] | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> pd.DataFrame:
        """A delivery ledger to fill in for the deliverables :meth:`schedule` chooses: ``id,
        name, start, end`` and blank ``done, as_of, note`` (it reads back as it is)."""
        from seoulplan.core import deliveries

        return deliveries.template(self.schedule(pillar=pillar, kind=kind, grep=grep, start=start, end=end))

    def _delivered(
        self,
        frame: pd.DataFrame,
        ids: pd.Series,
        deliveries: Any,
        as_of: str | None,
        today: datetime.date | None,
        encoding: str,
    ) -> pd.DataFrame:
        """``frame`` with each deliverable's status at the date of the question."""
        from seoulplan.core import deliveries as delivering
        from seoulplan.core.periods import read_as_of

        ledger = None
        if deliveries is not None:
            ledger = delivering.read_ledger(deliveries, ids, encoding=encoding)
        if as_of is not None:
            try:
                at = read_as_of(str(as_of))[1]
            except ValueError as e:
                raise UsageError(f"as_of: {e}") from None
        else:
            at = today or datetime.date.today()
        measured = delivering.status(frame, ledger, at)
        measured.attrs["as_of"] = at
        return measured

    def audit(self, *, only_failures: bool = False, kind: str | Sequence[str] = ()) -> pd.DataFrame:
        """Every check of what the plan states against what its figures give; ``kind`` keeps
        the checks of one kind or several (``sum``, ``average``, ``count``, ``comparison``,
        ``restatement``, and the ``ambition`` flags); an unknown kind is a UsageError."""
        from seoulplan.core import audit

        kinds = (kind,) if isinstance(kind, str) else tuple(kind)
        return audit.run(self.doc, self.kpi_table, only_failures=only_failures, kinds=kinds)

    def audit_summary(self, checks: pd.DataFrame | None = None) -> dict[str, int]:
        """How many ``checks`` there are (default: :meth:`audit`'s), how many disagree, how
        many cannot be told, and how many ambition flags."""
        from seoulplan.core import audit

        return audit.summary(self.audit() if checks is None else checks)

    def disagreements(self, checks: pd.DataFrame | None = None) -> pd.DataFrame:
        """The checks that disagree, of any kind (default: among :meth:`audit`'s); ambition
        flags and checks that cannot be told are not among them."""
        from seoulplan.core import audit

        return audit.disagreements(self.audit() if checks is None else checks)

    def attainment(
        self,
        actuals: Actuals,
        *,
        as_of: str | None = None,
        near: float = NEAR,
        pillar: str | None = None,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """Every target chosen (``pillar``, ``strategy`` and ``grep`` choose as :meth:`kpis`
        does) at the date of the question — ``as_of`` (a date or period: its end), else
        ``today`` clamped to the plan's horizon: the observation standing then, its value for
        the year, attainment %, progress %, the pace expected by then, the status (SPEC §5;
        미보고 where none), whether the report is stale (older than ``stale_after`` days),
        the projection at the deadline, and the observation before. ``actuals``: a path or
        open file (CSV, xlsx or YAML), a list of them (merged), a DataFrame with ``id``,
        ``actual`` and ``as_of``, ``{id: value}``, or a :meth:`measurement` already made."""
        measured = self._measured(
            actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
        )
        return measured.latest(self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in))

    def track(
        self,
        actuals: Actuals,
        *,
        by: str = "quarter",
        as_of: str | None = None,
        start: str | None = None,
        end: str | None = None,
        pillar: str | None = None,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """Every target of the ledger in every period (``by``: month, quarter, half or year)
        from ``start`` (default: the first observation's) to ``end`` (default: ``as_of``, else
        the last observation's), none left out: the last actual in the period measured at its
        end, 미보고 where there is none."""
        measured = self._measured(
            actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
        )
        # the track reads which KPIs are targets, of those chosen: the rest of their columns is not built
        chosen = self._chosen(pillar, kind="target", strategy=strategy, grep=grep, grep_in=grep_in,
                              columns=("id", "kind"))  # fmt: skip
        return measured.track(
            by=_period(by), start=_date(start, "start"), end=_date(end or as_of, "end"), chosen=chosen
        )

    def track_table(
        self,
        actuals: Actuals,
        *,
        by: str = "quarter",
        as_of: str | None = None,
        start: str | None = None,
        end: str | None = None,
        pillar: str | None = None,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
        latest: pd.DataFrame | None = None,
    ) -> pd.DataFrame:
        """:meth:`track` turned for people: a target per row, a period per column (its last
        actual there), and its status at the question's date last (from ``latest`` when the
        caller has measured it already: :meth:`attainment` of the same measurement)."""
        from seoulplan.core import tracking

        measured = self._measured(
            actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
        )
        chosen = self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in)
        tracked = measured.track(
            by=_period(by), start=_date(start, "start"), end=_date(end or as_of, "end"), chosen=chosen
        )
        if latest is None:  # only the targets tracked are rows: their status is all the table needs
            latest = measured.latest(chosen[chosen["id"].isin(tracked["id"])])
        return tracking.wide(tracked, latest)

    def status_changes(
        self,
        actuals: Actuals,
        start: str,
        end: str,
        *,
        pillar: str | None = None,
        strategy: int | None = None,
        grep: str | Sequence[str] | None = None,
        grep_in: str = "names",
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """The targets of the ledger whose status at ``end`` (a date or period: its end) differs
        from the one at ``start``, with the figures each stood on then."""
        first, last = _date(start, "start"), _date(end, "end")
        assert first is not None and last is not None
        if last < first:
            raise UsageError(
                _("{end} is before {start}: the changes run from the earlier date to the later").format(
                    start=start, end=end
                )
            )
        measured = self._measured(actuals, as_of=end, near=near, stale_after=stale_after, encoding=encoding)
        return measured.changes(first, last, self.kpis(pillar, strategy=strategy, grep=grep, grep_in=grep_in))

    def biggest_changes(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` targets of each pillar with the largest planned rise and the largest
        planned fall of ``growth_pct`` (baseline → target), largest first."""
        from seoulplan.core import changes

        return changes.biggest(self.kpis(), n)

    def pillar_attainment(
        self,
        actuals: Actuals,
        *,
        as_of: str | None = None,
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """Per pillar: its targets, how many have an observation, and how many are in each
        status at the question's date (미보고: targets with none)."""
        from seoulplan.core import tracking

        measured = self._measured(
            actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
        )
        return tracking.by_pillar(self.doc["pillars"], self.kpi_table, measured.latest(self.kpi_table))

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
        self, actuals: Actuals, *, as_of: str | None = None, near: float = NEAR, encoding: str = "utf-8-sig"
    ) -> pd.DataFrame:
        """Every observation of the ledger that has an actual, measured at its own date: a row
        per KPI and date."""
        return self._measured(actuals, as_of=as_of, near=near, encoding=encoding).observations()

    def tables(
        self,
        actuals: Actuals | None = None,
        *,
        as_of: str | None = None,
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
        budget_ledger: Source | pd.DataFrame | BudgetYear | None = None,
    ) -> dict[str, pd.DataFrame]:
        """Every table of the plan at once, by name, as ``seoulplan export`` writes them:
        ``budget`` (every basis, compared with ``plan.compare_year`` where the budget has it,
        per capita), ``finance``, ``general``, ``covid``, ``pillars`` (a row per pillar),
        ``strategies``, ``kpis`` (every kind), ``milestones``, ``parts``, ``deliverables``
        (:meth:`schedule`), ``audit``; with
        ``actuals``, also ``observations`` (:meth:`observations`) and ``status`` (the
        latest of each KPI: :meth:`attainment`); with a ``budget_ledger`` (read as
        :meth:`budget_year` reads it, at ``as_of``), ``budget_observations``, each of its rows
        measured at its own date."""
        from seoulplan.core import kpis

        if as_of is not None and actuals is None and budget_ledger is None:
            raise UsageError(
                _("{as_of} needs {actuals}: without a ledger there is nothing to cut off"),
                as_of=Parameter("as_of"),
                actuals=Parameter("actuals"),
            )
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
            "deliverables": self.schedule(),
            "audit": self.audit(),
        }
        if actuals is not None:
            measured = self._measured(
                actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
            )
            out["observations"] = measured.observations()
            out["status"] = measured.latest(self.kpi_table)
        if budget_ledger is not None:
            year = self.budget_year(budget_ledger, as_of=as_of, near=near, today=today, encoding=encoding)
            out["budget_observations"] = year.observations()
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

    def ledger(self, actuals: Ledger, *, as_of: str | None = None, encoding: str = "utf-8-sig") -> pd.DataFrame:
        """``actuals`` read and checked: ``id, actual, as_of, as_of_date, line`` (later than
        ``as_of`` left out)."""
        from seoulplan.core import tracking
        from seoulplan.core.actuals import merged, read_ledger

        cut = _date(as_of, "as_of")  # a bad as_of is refused before the ledger is read
        if isinstance(actuals, (list, tuple)):
            if not actuals:
                raise UsageError(_("{actuals:name}: no ledger given"), actuals=Parameter("actuals"))
            ledger = merged([read_ledger(a, self._kpi_facts, encoding=encoding) for a in actuals])
        else:
            ledger = read_ledger(actuals, self._kpi_facts, encoding=encoding)
        return tracking.cutoff(ledger, cut)

    def measurement(
        self,
        actuals: Ledger,
        *,
        as_of: str | None = None,
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> Measurement:
        """The ledger read once and measured at the date of the question (``as_of``, else
        ``today`` clamped to the plan's horizon): every tracking frame is made from this, and
        every method that takes ``actuals`` takes it too — read a ledger once, ask it many
        questions."""
        from seoulplan.core import tracking

        at = tracking.question_date(
            _date(as_of, "as_of"),
            today=today or datetime.date.today(),
            first=datetime.date(self.year, 1, 1),
            last=self.horizon,
        )
        # only --as-of leaves actuals out: asked today, a later actual still shows in a grid
        ledger = self.ledger(actuals, as_of=as_of, encoding=encoding)
        until = at if as_of is not None else None
        return tracking.Measurement(ledger, self._kpi_facts, self.goals, at, near, stale_after, until)

    def _measured(
        self,
        actuals: Actuals,
        *,
        as_of: str | None = None,
        near: float = NEAR,
        stale_after: int = STALE_AFTER_DAYS,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> Measurement:
        """The one path from ``actuals`` to a measurement, for every method that takes them:
        read and measured (:meth:`measurement`), or a measurement already made, used as it is —
        then a question of its own (``as_of``, ``near`` …) would be silently ignored, so it is
        refused."""
        from seoulplan.core.tracking import Measurement

        if not isinstance(actuals, Measurement):
            return self.measurement(
                actuals, as_of=as_of, near=near, stale_after=stale_after, today=today, encoding=encoding
            )
        asked = {
            "as_of": as_of is not None,
            "near": near != NEAR,
            "stale_after": stale_after != STALE_AFTER_DAYS,
            "today": today is not None,
            "encoding": encoding != "utf-8-sig",
        }
        given = [name for name, differs in asked.items() if differs]
        if given:
            raise UsageError(
                _("{actuals:name} is a measurement already made, at its own date: {given} cannot change it"),
                actuals=Parameter("actuals"),
                given=", ".join(f"{name}=" for name in given),
            )
        return actuals

    # -- the budget through its year -----------------------------------------------------

    def budget_year(
        self,
        ledger: Source | pd.DataFrame | BudgetYear,
        *,
        as_of: str | None = None,
        pace: str | Sequence[Any] | None = None,
        near: float = NEAR,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> BudgetYear:
        """A budget ledger (a path, ``-``, an open file or a DataFrame ``item, phase, amount,
        as_of``) read once and asked at the date of the question — ``as_of`` (its end), else
        ``today`` within the plan's year — with the execution ``pace`` (None: the straight line
        through the year; ``"2020-06-30:60"``: 60% by 30 June); later rows are left out.
        Every budget-year frame is made from this (:mod:`seoulplan.core.budget_year`)."""
        from seoulplan.core import budget_year
        from seoulplan.core.budget_ledger import read_budget_ledger

        if isinstance(ledger, budget_year.BudgetYear):
            if as_of is not None or pace is not None or near != NEAR or today is not None:
                raise UsageError(
                    _("{ledger:name} is a budget year already asked, at its own date: it cannot be asked again"),
                    ledger=Parameter("ledger"),
                )
            return ledger
        cut = _date(as_of, "as_of")
        stated = budget_year.pace_of(self.year, pace)
        items = budget_year.items(self.doc)
        rows = read_budget_ledger(ledger, items, self.year, encoding=encoding)
        if cut is not None:
            rows = rows[rows["as_of_date"] <= pd_timestamp(cut)].reset_index(drop=True)
        first, last = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        at = cut or min(max(today or datetime.date.today(), first), max(last, *_dates(rows)))
        return budget_year.BudgetYear(rows, items, self.year, at, stated, near)

    def budget_track(
        self,
        ledger: Source | pd.DataFrame | BudgetYear,
        *,
        as_of: str | None = None,
        pace: str | Sequence[Any] | None = None,
        near: float = NEAR,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """Every budget item at the date of the question (:meth:`budget_year` reads the
        ledger): original, current (after the last supplementary budget by then), the change,
        executed, 집행률, the pace expected by then and the status (미보고 without an
        execution), whether spending is over the budget, and the settled amount."""
        year = self.budget_year(ledger, as_of=as_of, pace=pace, near=near, today=today, encoding=encoding)
        return year.latest()

    def budget_phases(
        self, ledger: Source | pd.DataFrame | BudgetYear, *, as_of: str | None = None, encoding: str = "utf-8-sig"
    ) -> pd.DataFrame:
        """The history of each item's budget up to ``as_of``: 본예산 → 1차 추경 → …, each with
        its change from the level before and from the original."""
        return self.budget_year(ledger, as_of=as_of, encoding=encoding).phases()

    def budget_by_period(
        self,
        ledger: Source | pd.DataFrame | BudgetYear,
        *,
        by: str = "quarter",
        as_of: str | None = None,
        pace: str | Sequence[Any] | None = None,
        near: float = NEAR,
        today: datetime.date | None = None,
        encoding: str = "utf-8-sig",
    ) -> pd.DataFrame:
        """Each item the ledger reports spending for, in each period of the year (``by``):
        its execution and 집행률 against the pace at the period's end."""
        year = self.budget_year(ledger, as_of=as_of, pace=pace, near=near, today=today, encoding=encoding)
        return year.by_period(_period(by))

    def budget_template(self) -> pd.DataFrame:
        """A budget ledger to fill in: each item's original budget, and a blank row for each
        later phase (supplementary, executed, settled)."""
        from seoulplan.core import budget_year

        return budget_year.template(budget_year.items(self.doc))

    @property
    def horizon(self) -> datetime.date:
        """The plan's last deadline: the end of its last target's (or milestone's) year."""
        return self.goals["deadline"].max().date() if len(self.goals) else datetime.date(self.year, 12, 31)

    @functools.cached_property
    def goals(self) -> pd.DataFrame:
        """Every goal of every target with where its pace starts (:func:`seoulplan.core.pace.legs`)."""
        from seoulplan.core import pace

        return pace.legs(self.series, self._kpi_facts)

    @functools.cached_property
    def series(self) -> pd.DataFrame:
        """Every KPI's dated values with exact figures, as tracking joins them."""
        from seoulplan.core import tracking

        return tracking.points(self.milestones())

    @functools.cached_property
    def _kpi_facts(self) -> pd.DataFrame:
        """What measuring a ledger reads of every KPI (:data:`seoulplan.core.kpis.FACTS`):
        :attr:`kpi_table`'s columns when it is built, else those alone."""
        from seoulplan.core import kpis

        if "kpi_table" in self.__dict__:
            return self.kpi_table[list(kpis.FACTS)]
        with collector.paused():
            return kpis.build(self.doc, columns=kpis.FACTS)

    @functools.cached_property
    def kpi_table(self) -> pd.DataFrame:
        """Every KPI with its computed measures, in the dataset's order (what the KPI queries select from)."""
        from seoulplan.core import kpis

        with collector.paused():
            return kpis.build(self.doc)


def pd_timestamp(day: datetime.date) -> Any:
    import pandas

    return pandas.Timestamp(day)


def _dates(rows: pd.DataFrame) -> list[datetime.date]:
    """The last date of a budget ledger's rows, in a list (none: an empty one)."""
    return [rows["as_of_date"].max().date()] if len(rows) else []


def _period(by: str) -> str:
    from seoulplan.core.vocabulary import PERIODS

    if by not in PERIODS:
        raise UsageError(
            _("unknown period {period!r}; expected one of {choices}").format(period=by, choices=", ".join(PERIODS))
        )
    return by


def _date(text: str | None, parameter: str) -> datetime.date | None:
    """The end of the date or period ``text`` names; a UsageError naming ``parameter`` when it
    names none."""
    if text is None:
        return None
    from seoulplan.core.actuals import read_as_of

    try:
        return read_as_of(str(text))[1]
    except ValueError as e:
        raise UsageError("{parameter:name}: {problem}", parameter=Parameter(parameter), problem=str(e)) from None
