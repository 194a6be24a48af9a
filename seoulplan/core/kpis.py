"""The KPIs: one table of every target with its planned change, and the queries on it.

:func:`build` turns the dataset's KPI records into one DataFrame, once per plan; the
queries filter it with boolean masks, count it with ``groupby`` and reshape it with
``melt``. The planned change is the change from baseline to target (SPEC §5), exact:
``change`` and ``growth_pct`` come from the figures as written (see
:func:`seoulplan.core.calc.rate`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core import calc
from seoulplan.core.escaping import shortened
from seoulplan.core.frames import column, table
from seoulplan.core.i18n import _
from seoulplan.core.numeric import NumberError, ascii_digits
from seoulplan.core.suggestions import closest
from seoulplan.core.vocabulary import DOWNWARD, KINDS, UPWARD
from seoulplan.errors import Call, Parameter, UsageError

#: The machine columns of ``kpi``, in order (README: "Machine columns").
COLUMNS = (
    "id", "pillar", "pillar_name", "pillar_name_en", "strategy", "strategy_name", "strategy_name_en", "name",
    "name_en", "unit", "direction", "kind",
    "baseline_year", "baseline", "target_year", "target", "change", "growth_pct", "pace", "pace_start",
    "milestones", "last_year", "last", "cagr_pct",
    "stated_change", "stated_change_pct", "stated_multiple", "parts", "parts_en", "parts_total", "parts_partial",
    "actual_year", "actual", "stated_attainment_pct", "unambitious",
    "same_as", "part_of", "components", "restated_as", "suspect", "source", "quotes", "note",
)  # fmt: skip
#: Where ``grep`` looks: ``names`` (the default) or ``all``, which adds the plan's excerpts
#: and the notes (whose English prose matched "AI" in 82 KPIs).
GREP_FIELDS = {
    "names": ("id", "name", "name_en", "unit"),
    "all": ("id", "name", "name_en", "unit", "source", "quotes", "note"),
}
_NOTHING: dict = {}


def build(doc: dict, rows: list[int] | None = None, *, columns: Sequence[str] = COLUMNS) -> pd.DataFrame:
    """Every KPI (or the KPIs at ``rows`` of the dataset's list) and its computed measures,
    in the dataset's order.

    Each field is read from the records into a column of its own, converted, and let go
    before the next is read: on 555,000 KPIs, reading every field at once (pandas'
    ``from_records``) held a 148 MB block of them beside the table being made. The nested
    figures (``target``, and the ``baseline``, ``stated`` and ``actual`` that most KPIs
    lack) are read only where they are present.

    ``pd.json_normalize`` was measured for the reading (issue 20), building the same frame:
    it is slower at every size — 92 ms against 62 ms on the real plan, 3.4 s against 1.9 s
    with 2.4 times the memory on 55,500 KPIs — since it makes a flat dict of every record and
    a column of every field at once, where most fields are sparse.

    ``columns``: only those are built (with what they are computed from), in
    :data:`COLUMNS`' order. Measuring a ledger reads a fourth of them (:data:`FACTS`); on
    45,300 targets the rest — growth, CAGR, milestones, parts, the relations — cost more
    than reading the ledger.
    """
    unknown = [name for name in columns if name not in COLUMNS]
    if unknown:
        raise ValueError(f"no KPI column {unknown[0]!r}")
    need = {"id", *columns, *(source for name in columns for source in _COMPUTED_FROM.get(name, ()))}
    everything = doc.get("kpis") or []
    kpis = everything if rows is None else [everything[i] for i in rows]

    def raw(name: str) -> pd.Series:
        values = np.fromiter(map(dict.get, kpis, repeat(name)), dtype=object, count=len(kpis))
        return pd.Series(values, dtype=object, copy=False)

    def wanted(*names: str) -> bool:
        return not need.isdisjoint(names)

    out: dict[str, Any] = {"id": raw("id").astype("string")}
    if wanted("pillar", "pillar_name", "pillar_name_en", "strategy", "strategy_name", "strategy_name_en"):
        _pillar_columns(doc, raw("pillar"), raw("strategy"), out)
    for name in ("name", "name_en", "unit", "direction"):
        if name in need:
            out[name] = raw(name).astype("string")
    if "kind" in need:
        out["kind"] = raw("kind").astype("string").fillna("target")
    if wanted("baseline_year", "target_year", *_FIGURES):
        _figure_columns(raw("baseline"), raw("target"), out, figures=wanted(*_FIGURES))
    if wanted("pace", "pace_start"):
        out["pace"], out["pace_start"] = _pace(raw("pace"), out, _plan_year(doc))
    if wanted("milestones", "last_year", "last"):
        _milestone_columns(kpis, raw("milestones"), out)
    if wanted("stated_change", "stated_change_pct", "stated_multiple"):
        records = raw("stated")
        out["stated_change"] = _nested(records, "change", "Float64")
        out["stated_change_pct"] = _nested(records, "change_pct", "Float64")
        out["stated_multiple"] = _nested(records, "multiple", "Float64")
    if wanted("parts", "parts_en", "parts_total", "parts_partial"):
        _part_columns(raw("parts"), raw("parts_partial"), out)
    if wanted("actual_year", "actual", "stated_attainment_pct"):
        records = raw("actual")
        out["actual_year"] = _nested(records, "year", "Int64")
        out["actual"] = _nested(records, "value", "Float64")
        out["stated_attainment_pct"] = _nested(records, "stated_attainment_pct", "Float64")
    if "unambitious" in need:
        out["unambitious"] = _empty(len(kpis), "boolean")  # filled below, from the figures just read
    for name in ("same_as", "part_of"):
        if name in need:
            out[name] = raw(name).astype("string")
    if "components" in need:
        out["components"] = _referring(everything, out["id"], "part_of")
    if "restated_as" in need:
        out["restated_as"] = _referring(everything, out["id"], "same_as")
    for name in ("suspect", "source"):
        if name in need:
            out[name] = raw(name).astype("string")
    if "quotes" in need:
        out["quotes"] = _sparse(raw("quotes"), lambda quotes: " | ".join(quotes) or None, "string")
    if "note" in need:
        out["note"] = raw("note").astype("string")
    frame = pd.DataFrame({name: out.pop(name) for name in COLUMNS if name in out}, copy=False)
    if "unambitious" in need:
        frame["unambitious"] = unambitious(frame)
    if len(frame.columns) > len(columns):  # made from columns not asked for
        frame = frame[[name for name in COLUMNS if name in columns]]
    return frame


#: What measuring a ledger reads of each KPI (``Plan.measurement``): checking the ledger's
#: rows, the legs of each target's pace, the names of a track's rows.
FACTS = ("id", "name", "name_en", "unit", "direction", "kind", "baseline_year", "target_year", "pace", "pace_start",
         "same_as", "suspect")  # fmt: skip
#: The columns each column is computed from, beside its own field.
_COMPUTED_FROM = {
    "pace": ("kind", "direction", "baseline_year", "target_year"),
    "pace_start": ("kind", "direction", "baseline_year", "target_year"),
    "unambitious": ("kind", "direction", "baseline", "target"),
}
#: The columns made from the values of the baseline and the target.
_FIGURES = ("baseline", "target", "change", "growth_pct", "cagr_pct")


def _pillar_columns(doc: dict, pillar: pd.Series, strategy: pd.Series, out: dict[str, Any]) -> None:
    """The pillar's and the strategy's columns: slug, number, and names in both languages."""
    strategies = pd.DataFrame(
        [(p["slug"], s["number"], s["name"], s.get("name_en")) for p in doc["pillars"] for s in p["strategies"]],
        columns=["pillar", "strategy", "strategy_name", "strategy_name_en"],
    )
    out["pillar"] = pillar.astype("string")
    out["pillar_name"] = pillar.map({p["slug"]: p["name"] for p in doc["pillars"]}).astype("string")
    out["pillar_name_en"] = pillar.map({p["slug"]: p.get("name_en") for p in doc["pillars"]}).astype("string")
    out["strategy"] = strategy.astype("Int64")
    chosen = pd.DataFrame({"pillar": pillar, "strategy": strategy}).merge(strategies, how="left")
    out["strategy_name"] = chosen["strategy_name"].astype("string").array
    out["strategy_name_en"] = chosen["strategy_name_en"].astype("string").array


def _figure_columns(baselines: pd.Series, targets: pd.Series, out: dict[str, Any], *, figures: bool) -> None:
    """The years of the baseline and the target and, with ``figures``, their values and the
    planned change, growth and CAGR, exact."""
    out["baseline_year"] = _nested(baselines, "year", "Int64")
    out["target_year"] = _nested(targets, "year", "Int64")
    if not figures:
        return
    baseline = pd.Series(_nested(baselines, "value", "object"))
    target = pd.Series(_nested(targets, "value", "object"))
    based = (baseline.notna() & target.notna()).to_numpy(dtype=bool)
    delta = pd.Series(_empty(len(baseline), "object"))  # exact, where a baseline is
    delta[based] = calc.exact_column(target[based]) - calc.exact_column(baseline[based])
    out["baseline"] = column(baseline, "Float64")
    out["target"] = column(target, "Float64")
    out["change"] = column(delta, "Float64")
    out["growth_pct"] = calc.rate(delta, baseline)
    out["cagr_pct"] = _cagr(baseline, target, out["baseline_year"], out["target_year"])


def _milestone_columns(kpis: list[dict], records: pd.Series, out: dict[str, Any]) -> None:
    """The further years of each KPI's series (``milestones``), and its ``last_year`` and
    ``last`` value."""
    series = np.full(len(kpis), None, dtype=object)  # (year, value) pairs, where there are milestones
    for i in np.flatnonzero(records.notna().to_numpy(dtype=bool)):
        series[i] = _series(kpis[i]) if kpis[i]["milestones"] else None
    out["milestones"] = _sparse(records, _milestones, "object")
    out["last_year"] = _sparse(pd.Series(series), lambda s: s[-1][0], "Int64")
    out["last"] = _sparse(pd.Series(series), lambda s: s[-1][1], "Float64")


def _part_columns(records: pd.Series, partial: pd.Series, out: dict[str, Any]) -> None:
    """The named components of a total in the plan's words and in English, their sum, and
    whether the plan names only some of them."""
    out["parts"] = _sparse(records, lambda ps: [{"name": p["name"], "value": p["value"]} for p in ps] or None, "object")
    # the same parts by their English names (the plan's own where it wrote one in Latin letters)
    out["parts_en"] = _sparse(
        records, lambda ps: [{"name": p.get("name_en") or p["name"], "value": p["value"]} for p in ps] or None, "object"
    )
    out["parts_total"] = _sparse(records, lambda ps: calc.total(p["value"] for p in ps) if ps else None, "Float64")
    out["parts_partial"] = _sparse(partial, lambda flag: flag or None, "boolean")


def _plan_year(doc: dict) -> int | None:
    plan = doc.get("plan")
    year = plan.get("year") if isinstance(plan, dict) else None
    return year if isinstance(year, int) else None


def _pace(given: pd.Series, out: dict[str, Any], plan_year: int | None) -> tuple[Any, Any]:
    """How each target is paced before its deadline, and from what date (SPEC §5; the
    ``pace`` and ``pace_start`` columns): a limit (``at_most``, ``at_least``) or a level to
    keep (``maintain``) has no pace (``none``), nor has a record whose ``pace`` says
    ``none`` (a level or rate without a baseline); a ``pace: {start: …}`` is a total counted
    from zero at that date (``start``); else a target with a baseline is paced from it, at
    the end of its year (``baseline``); else an increase target from zero at the start of
    the plan's year, when that is before its deadline (``plan_year``); else ``none``. A
    record whose ``pace`` says ``open`` (the plan gives it from a year on, '20~, and by no
    year) is ``open``: it has no deadline. Records that are not targets are never paced: both
    columns are empty."""
    kind, direction = out["kind"], out["direction"]
    target = (kind == "target").fillna(False).to_numpy(bool)
    open_ended = (given == "open").to_numpy(bool)
    moving = (direction.isin(("increase", "decrease")) & (given != "none").to_numpy(bool)).to_numpy(bool) & ~open_ended
    start = pd.Series(_sparse(given, lambda p: p.get("start") if isinstance(p, dict) else None, "string"))
    has_start = start.notna().to_numpy(bool)
    base_year = pd.Series(out["baseline_year"])
    has_base = base_year.notna().to_numpy(bool)
    from_plan_year = (direction == "increase").fillna(False).to_numpy(bool)
    if plan_year is None:
        from_plan_year[:] = False
    else:
        from_plan_year &= (pd.Series(out["target_year"]) >= plan_year).fillna(False).to_numpy(bool)
    rules = np.full(len(given), "none", dtype=object)
    starts = np.full(len(given), None, dtype=object)
    paced_from_plan = moving & from_plan_year & ~has_base & ~has_start
    rules[paced_from_plan], starts[paced_from_plan] = "plan_year", f"{plan_year}-01-01"
    based = moving & has_base & ~has_start
    rules[based] = "baseline"
    starts[based] = (base_year[based].astype("string") + "-12-31").to_numpy(dtype=object)
    started = moving & has_start
    rules[started], starts[started] = "start", start[started].to_numpy(dtype=object)
    rules[open_ended] = "open"
    rules[~target] = None
    starts[~target] = None
    return pd.array(rules, dtype="string"), pd.array(starts, dtype="string")


def _referring(everything: list[dict], ids: pd.Series, relation: str) -> Any:
    """For each KPI of ``ids``, the ids of the records (of the whole dataset, whichever
    rows are built) whose ``relation`` (part_of, same_as) names it."""
    by_target: dict[str, list[str]] = {}
    for record in everything:
        named = record.get(relation)
        if named is not None:
            by_target.setdefault(named, []).append(record["id"])
    joined = {named: "; ".join(referring) for named, referring in by_target.items()}
    return ids.map(joined).astype("string").array


def _sparse(values: pd.Series, read: Callable[[Any], Any], dtype: str) -> Any:
    """``read`` of each value that is present (most KPIs lack the field); <NA> elsewhere."""
    where = np.flatnonzero(values.notna().to_numpy(dtype=bool))
    return _placed(len(values), where, list(map(read, values.to_numpy(dtype=object)[where])), dtype)


def _nested(values: pd.Series, key: str, dtype: str) -> Any:
    """One field of a nested record (``baseline.year``), where the record is present."""
    where = np.flatnonzero(values.notna().to_numpy(dtype=bool))
    return _placed(len(values), where, list(map(dict.get, values.to_numpy(dtype=object)[where], repeat(key))), dtype)


def _placed(length: int, where: Any, got: list, dtype: str) -> Any:
    """A column of ``length`` holding ``got`` at the positions ``where``, <NA> elsewhere, made
    in one step from a NaN-filled float array (numbers) or an object array (text), which
    numpy and pandas convert in C."""
    if dtype in ("string", "object"):
        full = np.full(length, None, dtype=object)
        full[where] = np.fromiter(got, dtype=object, count=len(got))  # an object each: a value may be a list
        return pd.array(full, dtype="string") if dtype == "string" else full
    numbers = np.full(length, np.nan)
    numbers[where] = np.array(got, dtype=np.float64)  # None is NaN; a Decimal the nearest double
    array = pd.array(numbers, dtype="Float64")  # NaN is <NA>
    return array if dtype == "Float64" else array.astype(dtype)  # type: ignore[call-overload]


def _empty(length: int, dtype: str) -> Any:
    return _sparse(pd.Series(np.full(length, None, dtype=object)), lambda v: v, dtype)


def _cagr(baseline: pd.Series, target: pd.Series, baseline_year: Any, target_year: Any) -> Any:
    """Compound annual growth from the baseline to the target, over the years between them
    (not over milestones before the baseline or after the target)."""
    years = pd.Series(target_year, dtype="Int64") - pd.Series(baseline_year, dtype="Int64")
    where = np.flatnonzero((baseline.notna() & target.notna() & (years > 0).fillna(False)).to_numpy(dtype=bool))
    values = np.full(len(baseline), np.nan)
    first, last = baseline.to_numpy(dtype=object), target.to_numpy(dtype=object)
    for i in map(int, where):
        rate = calc.cagr_pct(first[i], last[i], int(years.iat[i]))
        values[i] = np.nan if rate is None else float(rate)
    return pd.array(values, dtype="Float64")


def _milestones(milestones: list[dict]) -> list[dict] | None:
    """The further years of a KPI's series, in year order: ``[{"year": 2021, "value": 25}]``."""
    return [{"year": m["year"], "value": m["value"]} for m in sorted(milestones, key=_year)] or None


def _series(kpi: dict) -> list[tuple[int, object]]:
    """The KPI's dated values, baseline to last milestone, in year order."""
    points = [kpi.get("baseline"), kpi.get("target"), *(kpi.get("milestones") or [])]
    return sorted((p["year"], p["value"]) for p in points if p)


def _year(point: dict) -> int:
    return point["year"]


def unambitious(frame: pd.DataFrame) -> pd.Series:
    """SPEC §5 ambition: a target no better than its baseline in the KPI's direction (a
    floor is an increase, a ceiling a decrease; a parameter is no target).

    Comparing the floats is exact here: equal decimals give equal doubles, and the nearest
    doubles of two different decimals keep their order.
    """
    has_base = frame["baseline"].notna() & (frame["kind"] != "parameter")
    worse_up = frame["direction"].isin(UPWARD) & (frame["target"] <= frame["baseline"])
    worse_down = frame["direction"].isin(DOWNWARD) & (frame["target"] >= frame["baseline"])
    return (has_base & (worse_up | worse_down)).fillna(False).astype("boolean")


def resolve_pillar(pillars: list[dict], query: str) -> dict:
    """A pillar by slug, number, or name in Korean or English (spacing and case ignored; a
    unique part will do). A number's digits follow the one rule: ``１`` is 1, ``১`` none."""
    q = _squash(query)
    try:
        number = ascii_digits(q)
    except NumberError:
        number = None
    for p in pillars:
        if q == p["slug"] or (p.get("number") is not None and number == str(p["number"])):
            return p
        if q in (_squash(p["name"]), _squash(p.get("name_en", ""))):
            return p
    partial = [p for p in pillars if q and (q in _squash(p["name"]) or q in _squash(p.get("name_en", "")))]
    if len(partial) == 1:
        return partial[0]
    choices = ", ".join(p["slug"] + (f" ({p['number']})" if p.get("number") is not None else "") for p in pillars)
    raise UsageError(
        _("unknown pillar {query!r}; expected a slug, a number or a name: {choices}").format(
            query=shortened(query), choices=choices
        )
    )


def _squash(text: str) -> str:
    return "".join(str(text).split()).lower()


def chosen(
    doc: dict, pillar: str | None = None, *, strategy: int | None = None, kind: str = "target"
) -> list[int] | None:
    """The positions in the dataset's KPI list of those of a ``kind`` (``target``,
    ``achievement``, ``headline``, ``parameter`` or ``all``) and of a pillar (and strategy);
    None for all.

    Chosen from the records, before the table is built, so that a listing builds only its
    rows: a filtered copy of the whole table would hold both in memory."""
    if kind not in (*KINDS, "all"):
        raise UsageError(
            _("unknown kind {kind!r}; expected one of {choices}").format(kind=kind, choices=", ".join((*KINDS, "all")))
        )
    slug = None
    if pillar is not None:
        p = resolve_pillar(doc["pillars"], pillar)
        slug = p["slug"]
        if strategy is not None:
            numbers = {s["number"] for s in p["strategies"]}
            if strategy not in numbers:
                have = ", ".join(map(str, sorted(numbers)))
                raise UsageError(
                    _("pillar {pillar} has no strategy {strategy}; it has {have}").format(
                        pillar=slug, strategy=strategy, have=have
                    )
                )
    elif strategy is not None:
        raise UsageError(
            _("{strategy} needs {pillar} (strategy numbers are counted within a pillar)"),
            strategy=Parameter("strategy"),
            pillar=Parameter("pillar"),
        )
    if slug is None and kind == "all":
        return None
    return [
        i
        for i, k in enumerate(doc.get("kpis") or [])
        if (slug is None or k["pillar"] == slug)
        and (strategy is None or k["strategy"] == strategy)
        and (kind == "all" or k.get("kind", "target") == kind)
    ]


def matching(frame: pd.DataFrame, grep: str | Sequence[str] | None, grep_in: str = "names") -> pd.DataFrame:
    """The rows that contain every term of ``grep`` (one term, or several: all must match)
    in the fields of ``grep_in`` (:data:`GREP_FIELDS`), in any case. A term of Latin letters
    and digits matches whole words — ``AI`` finds ``AI 인재양성`` and ``talent-ai``, not
    ``training`` — any other term anywhere (``청년`` inside ``청년일자리``).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a.talent-ai", "a.training"], "name": ["AI 인재", "청년일자리"],
    ...                       "name_en": ["AI talent", "Training"], "unit": ["명", "개"]})
    >>> matching(frame, "ai")["id"].tolist(), matching(frame, ["청년", "train"])["id"].tolist()
    (['a.talent-ai'], [])
    """
    if grep_in not in GREP_FIELDS:
        raise UsageError(
            _("unknown {grep_in}; expected one of {choices}"),
            grep_in=Parameter("grep_in", value=shortened(grep_in)),
            choices=", ".join(GREP_FIELDS),
        )
    terms = [grep] if isinstance(grep, str) else list(grep or ())
    keep = pd.Series(True, index=frame.index)
    for term in (t.strip() for t in terms):
        if not term:
            continue
        pattern = (
            r"(?<![0-9a-z])" + re.escape(term.casefold()) + r"(?![0-9a-z])"
            if re.fullmatch(r"[0-9A-Za-z]+", term)
            else re.escape(term.casefold())
        )
        found = pd.Series(False, index=frame.index)
        for field in GREP_FIELDS[grep_in]:
            found |= frame[field].str.casefold().str.contains(pattern, regex=True).fillna(False).astype(bool)
        keep &= found
    return frame[keep].reset_index(drop=True)


#: What ``due=`` takes: a year, or the first and last years of a range (either may be open).
Due = int | tuple[int | None, int | None]


def falling_due(frame: pd.DataFrame, due: Due, doc: dict) -> pd.DataFrame:
    """The rows of KPIs that fall due in the year ``due`` or the range ``(first, last)``
    (either end None: open): their target is set for one of those years, or a milestone from
    the plan's year on is (``'22년까지 3만 5천 가구`` on the way to a later target). A milestone
    before the plan's year is the series' history, not a target.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a", "b", "c"], "target_year": pd.array([2020, 2022, None], "Int64"),
    ...                       "milestones": [[{"year": 2021, "value": 5}], None, [{"year": 2018, "value": 1}]]})
    >>> doc = {"plan": {"year": 2020}}
    >>> [falling_due(frame, d, doc)["id"].tolist() for d in (2021, (2021, None), (None, 2020), 2018)]
    [['a'], ['a', 'b'], ['a'], []]
    """
    first, last = (due, due) if isinstance(due, int) else due
    for year in (first, last):
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise UsageError(
                _("{due} takes a year or a (first, last) pair of years, not {value!r}"),
                due=Parameter("due"),
                value=shortened(str(year)),
            )
    if first is not None and last is not None and first > last:
        raise UsageError(
            _("{due} runs backwards: {first} comes after {last}"), due=Parameter("due"), first=first, last=last
        )
    low, high = first if first is not None else -(10**9), last if last is not None else 10**9
    keep = frame["target_year"].between(low, high).fillna(False).astype(bool)
    since = _plan_year(doc) or -(10**9)
    on_the_way = frame["milestones"].map(
        lambda points: any(low <= p["year"] <= high and p["year"] >= since for p in points or ())
    )
    return frame[keep | on_the_way.astype(bool)].reset_index(drop=True)


def one(kpi_table: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """One KPI's row; an unknown id is a UsageError suggesting the closest ids."""
    frame = kpi_table
    found = frame[frame["id"] == kpi_id]
    if found.empty:
        close = closest(kpi_id, frame["id"].tolist())
        if close:
            raise UsageError(_("no KPI {id!r}; did you mean {ids}?").format(id=kpi_id, ids=", ".join(close)))
        raise UsageError(_("no KPI {id!r}; list them with: {call}"), id=kpi_id, call=Call("plan.kpis"))
    return found.reset_index(drop=True)


def milestones(doc: dict) -> pd.DataFrame:
    """Every dated value of every KPI, long form: ``id, year, value, role`` (``baseline``,
    ``target``, ``milestone``, or ``actual`` for a result the plan reports), by KPI in the
    dataset's order and then by year."""
    rows = [
        (n, k["id"], point["year"], point["value"], role)
        for n, k in enumerate(doc.get("kpis") or [])
        for role, points in (
            ("baseline", [k.get("baseline")]),
            ("target", [k.get("target")]),
            ("milestone", k.get("milestones") or []),
            ("actual", [k.get("actual")]),
        )
        for point in points
        if point
    ]
    frame = table(
        {
            "id": ([r[1] for r in rows], "string"),
            "year": ([r[2] for r in rows], "Int64"),
            "value": ([r[3] for r in rows], "Float64"),
            "role": ([r[4] for r in rows], "string"),
        }
    )
    kpi = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    by_year = np.lexsort((frame["year"].to_numpy(dtype=np.int64, na_value=0), kpi))  # stable: a KPI's order kept
    return frame.take(by_year).reset_index(drop=True)


def pillars(doc: dict, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """Pillars and their strategies, with how many KPIs each has: a row per strategy, with
    its pillar's columns beside it (the command's ``pillars``)."""
    frame = pillar_rows(doc, kpi_table).merge(strategies(doc, kpi_table), on="pillar", how="inner")
    return frame[PILLAR_COLUMNS]


def pillar_rows(doc: dict, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """One row per pillar: its slug, number, names, and how many KPIs and targets it has."""
    records = doc["pillars"]
    frame = table(
        {
            "pillar": ([p["slug"] for p in records], "string"),
            "pillar_number": ([p.get("number") for p in records], "Int64"),
            "pillar_name": ([p["name"] for p in records], "string"),
            "pillar_name_en": ([p.get("name_en") for p in records], "string"),
        }
    )
    counts = kpi_table.assign(targets=kpi_table["kind"] == "target").groupby("pillar")
    per_pillar = counts.agg(pillar_kpis=("id", "size"), pillar_targets=("targets", "sum"))
    frame = frame.merge(per_pillar.reset_index(), on="pillar", how="left")
    frame[["pillar_kpis", "pillar_targets"]] = frame[["pillar_kpis", "pillar_targets"]].fillna(0).astype("Int64")
    return frame[PILLAR_ROW_COLUMNS]


def strategies(doc: dict, kpi_table: pd.DataFrame) -> pd.DataFrame:
    """One row per strategy (a pillar's numbered strategy), with how many KPIs of each kind
    it has (a ``groupby`` count)."""
    pairs = [(p, s) for p in doc["pillars"] for s in p["strategies"]]
    frame = table(
        {
            "pillar": ([p["slug"] for p, _ in pairs], "string"),
            "strategy": ([s["number"] for _, s in pairs], "Int64"),
            "strategy_name": ([s["name"] for _, s in pairs], "string"),
            "strategy_name_en": ([s.get("name_en") for _, s in pairs], "string"),
        }
    )
    counted = kpi_table.assign(
        targets=kpi_table["kind"] == "target",
        with_baseline=(kpi_table["kind"] == "target") & kpi_table["baseline"].notna(),
        achievements=kpi_table["kind"] == "achievement",
        headlines=kpi_table["kind"] == "headline",
        parameters=kpi_table["kind"] == "parameter",
    )
    counts = ["targets", "with_baseline", "achievements", "headlines", "parameters"]
    per_strategy = counted.groupby(["pillar", "strategy"])[counts].sum()
    per_strategy["kpis"] = counted.groupby(["pillar", "strategy"]).size()
    frame = frame.merge(per_strategy.reset_index(), on=["pillar", "strategy"], how="left")
    numbers = ["kpis", *counts]
    frame[numbers] = frame[numbers].fillna(0).astype("Int64")
    return frame[STRATEGY_COLUMNS]


def parts(doc: dict) -> pd.DataFrame:
    """The named components the plan breaks a KPI's total into, long form: ``id, part``
    (its place in the list, from 1), ``name, name_en, value`` (in the KPI's unit)."""
    rows = [
        (k["id"], n, part["name"], part.get("name_en"), part["value"])
        for k in doc.get("kpis") or []
        for n, part in enumerate(k.get("parts") or [], 1)
    ]
    names = ("id", "part", "name", "name_en", "value")
    dtypes = ("string", "Int64", "string", "string", "Float64")
    return table({n: ([row[i] for row in rows], t) for i, (n, t) in enumerate(zip(names, dtypes))})


#: The machine columns of ``pillars``, in order.
PILLAR_COLUMNS = [
    "pillar", "pillar_number", "pillar_name", "pillar_name_en", "pillar_kpis", "pillar_targets",
    "strategy", "strategy_name", "strategy_name_en", "kpis", "targets", "with_baseline", "achievements", "headlines",
    "parameters",
]  # fmt: skip
PILLAR_ROW_COLUMNS = PILLAR_COLUMNS[:6]
STRATEGY_COLUMNS = ["pillar", *PILLAR_COLUMNS[6:]]
