"""What a JSON Schema cannot say about a dataset: how its records relate to each other.

Unique keys and ids; ``of``, ``parts`` and ``average`` naming items that exist; the audit's
links (``lists``, ``compares``, ``sums``, ``restates``, a KPI's ``average``) naming figures that
exist, in years the records have; every
budget row holding an amount for each of ``budget.years`` (and ``plan.year`` among them);
the nationwide COVID row; known pillars and strategies for each KPI; a baseline before
its target, and no year twice in a KPI's series; a ``pace`` only where the baseline does not
already say it, a start that is a real date before the target's deadline, and only on an
increase target (a total counted from zero); the dated deliverables' own rules
(:mod:`seoulplan.core.deliverables`); each unit in its one spelling and with English
(:mod:`seoulplan.core.units`). Records the schema already refused
(wrong types) are skipped, so a broken document yields messages, never an exception.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from seoulplan.core import deliverables, references, units
from seoulplan.core.i18n import _
from seoulplan.core.problems import Locator, Problem


def _dicts(items: Any) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def check(doc: dict, locate: Locator) -> list[Problem]:
    problems: list[Problem] = []
    general = _items(doc, "general", locate, problems, {})
    _items(doc, "finance", locate, problems, {"general": general})
    _budget(doc, locate, problems)
    _covid(doc, locate, problems)
    pillars = _pillars(doc, locate, problems)
    _kpis(doc, pillars, locate, problems)
    _references(doc, locate, problems)
    _items(doc, "counts", locate, problems, {})
    _links(doc, locate, problems)
    problems += units.check(doc, locate)
    problems += deliverables.check(doc, pillars, locate)
    return problems


def _items(doc: dict, section: str, locate: Locator, problems: list, others: dict) -> set:
    """general and finance: unique keys, and references to keys that exist."""
    items = _dicts(doc.get(section))
    keys = locate.first_places(items, section, "key", problems)
    for i, item in items:
        if isinstance(item.get("of"), str) and item["of"] not in keys:
            problems.append(
                locate.problem([section, i, "of"], _("refers to unknown key {key!r}").format(key=item["of"]))
            )
        parts = item.get("parts")
        for part in parts if isinstance(parts, list) else []:
            if isinstance(part, str) and part not in keys:
                problems.append(
                    locate.problem([section, i, "parts"], _("refers to unknown key {key!r}").format(key=part))
                )
        average = item.get("average")
        for field in ("total", "count") if isinstance(average, dict) else ():
            ref = average.get(field) if isinstance(average, dict) else None
            if not isinstance(ref, str):
                continue
            other, _dot, ref_key = ref.rpartition(".")
            pool = keys if not other else others.get(other, set())
            if ref_key not in pool:
                problems.append(
                    locate.problem([section, i, "average", field], _("refers to unknown key {key!r}").format(key=ref))
                )
    return set(keys)


def _budget(doc: dict, locate: Locator, problems: list) -> None:
    budget = doc.get("budget")
    if not isinstance(budget, dict) or not isinstance(budget.get("years"), list):
        return
    years = {str(y) for y in budget["years"] if isinstance(y, int)}
    plan = doc.get("plan")
    year = plan.get("year") if isinstance(plan, dict) else None
    if isinstance(year, int) and years and str(year) not in years:
        problems.append(
            locate.problem(
                ["budget", "years"],
                _("the plan's year {year} (plan.year) is not among the budget's years").format(year=year),
            )
        )
    seen: set = set()
    for i, basis in _dicts(budget.get("bases")):
        key = basis.get("key")
        if key in seen:
            problems.append(locate.problem(["budget", "bases", i, "key"], _("duplicate basis {key!r}").format(key=key)))
        seen.add(key)
        accounts: set = set()
        for j, row in _dicts(basis.get("rows")):
            account = row.get("account")
            if account in accounts:
                problems.append(
                    locate.problem(
                        ["budget", "bases", i, "rows", j, "account"], _("duplicate account {key!r}").format(key=account)
                    )
                )
            accounts.add(account)
            amounts = row.get("amounts")
            if isinstance(amounts, dict):
                path = ["budget", "bases", i, "rows", j, "amounts"]
                for missing in sorted(years - set(amounts), reverse=True):
                    problems.append(locate.problem(path, _("missing the amount for {year}").format(year=missing)))
                for extra in sorted(set(amounts) - years):
                    problems.append(
                        locate.problem([*path, extra], _("year {year} is not in budget.years").format(year=extra))
                    )
        if isinstance(basis.get("rows"), list) and "total" not in accounts:
            problems.append(locate.problem(["budget", "bases", i, "rows"], _("missing the total row (account: total)")))


def _covid(doc: dict, locate: Locator, problems: list) -> None:
    covid = doc.get("covid")
    if not isinstance(covid, dict) or not isinstance(covid.get("regions"), list):
        return
    keys: set = set()
    for i, region in _dicts(covid["regions"]):
        if region.get("key") in keys:
            problems.append(
                locate.problem(
                    ["covid", "regions", i, "key"], _("duplicate region {key!r}").format(key=region.get("key"))
                )
            )
        keys.add(region.get("key"))
    if covid["regions"] and "national" not in keys:
        problems.append(locate.problem(["covid", "regions"], _("missing the nationwide row (key: national)")))


def _pillars(doc: dict, locate: Locator, problems: list) -> dict[str, set]:
    """{slug: its strategy numbers}, for the KPI checks."""
    out: dict[str, set] = {}
    for i, pillar in _dicts(doc.get("pillars")):
        slug = pillar.get("slug")
        if not isinstance(slug, str):
            continue
        if slug in out:
            problems.append(locate.problem(["pillars", i, "slug"], _("duplicate pillar {key!r}").format(key=slug)))
        numbers: set = set()
        for j, strategy in _dicts(pillar.get("strategies")):
            number = strategy.get("number")
            if number in numbers:
                problems.append(
                    locate.problem(
                        ["pillars", i, "strategies", j, "number"],
                        _("duplicate strategy number {number}").format(number=number),
                    )
                )
            numbers.add(number)
        out[slug] = numbers
    return out


def _kpis(doc: dict, pillars: dict[str, set], locate: Locator, problems: list) -> None:
    ids: dict[str, int] = {}
    for i, kpi in _dicts(doc.get("kpis")):
        kid, pillar, strategy = kpi.get("id"), kpi.get("pillar"), kpi.get("strategy")
        if (
            type(kid) is str
            and type(pillar) is str
            and type(strategy) is int
            and kid not in ids
            and pillar in pillars
            and strategy in pillars[pillar]
            and kid.startswith(pillar + ".")
            and "baseline" not in kpi
            and "milestones" not in kpi
            and "pace" not in kpi
            and "target" in kpi
        ):
            ids[kid] = i  # the common case, settled without building a message
            continue
        if isinstance(kid, str):
            if kid in ids:
                problems.append(
                    locate.problem(
                        ["kpis", i, "id"],
                        _("duplicate {field} {value!r} (first at {path})").format(
                            field="id", value=kid, path=f"$.kpis[{ids[kid]}]"
                        ),
                    )
                )
            else:
                ids[kid] = i
        if isinstance(pillar, str):
            if pillar not in pillars:
                known = ", ".join(pillars)
                problems.append(
                    locate.problem(
                        ["kpis", i, "pillar"],
                        _("unknown pillar {pillar!r}; expected one of {known}").format(pillar=pillar, known=known),
                    )
                )
            else:
                if isinstance(kid, str) and not kid.startswith(pillar + "."):
                    problems.append(
                        locate.problem(
                            ["kpis", i, "id"], _("id must start with its pillar ({prefix})").format(prefix=pillar + ".")
                        )
                    )
                if isinstance(strategy, int) and not isinstance(strategy, bool) and strategy not in pillars[pillar]:
                    have = ", ".join(str(n) for n in sorted(n for n in pillars[pillar] if isinstance(n, int)))
                    problems.append(
                        locate.problem(
                            ["kpis", i, "strategy"],
                            _("unknown strategy {strategy} of pillar {pillar}; it has {have}").format(
                                strategy=strategy, pillar=pillar, have=have
                            ),
                        )
                    )
        _series(kpi, i, locate, problems)
        _pace(kpi, i, locate, problems)


def _pace(kpi: dict, i: int, locate: Locator, problems: list) -> None:
    """A ``pace`` says how a target *without* a baseline is paced; a start (a total counted
    from zero) is a real date before the end of the target year, on an increase target."""
    pace = kpi.get("pace")
    if pace is None:
        return
    if "baseline" in kpi:
        problems.append(
            locate.problem(["kpis", i, "pace"], _("a target with a baseline is paced from it; remove pace"))
        )
        return
    start = pace.get("start") if isinstance(pace, dict) else None
    if not isinstance(start, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", start):
        return  # the schema says what is wrong with it
    try:
        date = datetime.date.fromisoformat(start)
    except ValueError:
        problems.append(
            locate.problem(["kpis", i, "pace", "start"], _("{text!r} is not a date of the calendar").format(text=start))
        )
        return
    if kpi.get("direction") != "increase":
        problems.append(
            locate.problem(
                ["kpis", i, "pace", "start"],
                _("a pace start counts a total from zero: only an increase target has one, not {direction}").format(
                    direction=kpi.get("direction")
                ),
            )
        )
    year = _year(kpi.get("target"))
    if year is not None and date >= datetime.date(year, 12, 31):
        problems.append(
            locate.problem(
                ["kpis", i, "pace", "start"],
                _("the pace starts {start}, not before the target's deadline {deadline}").format(
                    start=start, deadline=f"{year}-12-31"
                ),
            )
        )


def _references(doc: dict, locate: Locator, problems: list) -> None:
    """``same_as`` and ``part_of`` name another KPI of the dataset."""
    kpis = _dicts(doc.get("kpis"))
    ids = {kpi.get("id") for _, kpi in kpis if isinstance(kpi.get("id"), str)}
    for i, kpi in kpis:
        for relation in ("same_as", "part_of"):
            ref = kpi.get(relation)
            if not isinstance(ref, str):
                continue
            if ref == kpi.get("id"):
                problems.append(
                    locate.problem(
                        ["kpis", i, relation], _("{relation} names the record itself").format(relation=relation)
                    )
                )
            elif ref not in ids:
                problems.append(locate.problem(["kpis", i, relation], _("refers to unknown KPI {id!r}").format(id=ref)))


def _year(point: object) -> int | None:
    year = point.get("year") if isinstance(point, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _series(kpi: dict, i: int, locate: Locator, problems: list) -> None:
    base = _year(kpi.get("baseline"))
    target = _year(kpi.get("target")) if "target" in kpi else _year(kpi.get("actual"))  # an achievement's year
    if base is not None and target is not None and base >= target:
        if "target" in kpi:
            message = _("baseline year {base} is not before the target year {year}")
        else:
            message = _("baseline year {base} is not before the achievement year {year}")
        problems.append(locate.problem(["kpis", i, "baseline", "year"], message.format(base=base, year=target)))
    years = {y for y in (base, target) if y is not None}
    for j, milestone in _dicts(kpi.get("milestones")):
        year = _year(milestone)
        if year in years:
            problems.append(
                locate.problem(
                    ["kpis", i, "milestones", j, "year"], _("year {year} appears twice in the series").format(year=year)
                )
            )
        if year is not None:
            years.add(year)


def _linking_records(doc: dict) -> list[tuple[list, dict]]:
    """(YAML path, record) of every record that may carry the audit's links."""
    found: list[tuple[list, dict]] = []
    budget = doc.get("budget")
    for i, basis in _dicts(budget.get("bases") if isinstance(budget, dict) else None):
        found += [(["budget", "bases", i, "rows", j], row) for j, row in _dicts(basis.get("rows"))]
    for section in ("general", "finance", "counts", "kpis"):
        found += [([section, i], record) for i, record in _dicts(doc.get(section))]
    return found


def _links(doc: dict, locate: Locator, problems: list) -> None:
    """Each reference of a link names a figure, and each year asked is one the record has."""
    with references.indexed(doc):
        _each_link(doc, locate, problems)


def _each_link(doc: dict, locate: Locator, problems: list) -> None:
    for path, record in _linking_records(doc):
        own = set(references.points(record)) if "id" in record else None
        for field in ("lists", "compares", "sums", "restates"):
            for j, link in _dicts(record.get(field)):
                refs = [(k, link.get(k)) for k in ("record", "at_least", "at_most", "more_than", "less_than")]
                refs += [(k, ref) for k in ("of", "minus") for ref in (link.get(k) or [])]
                for key, ref in refs:
                    if isinstance(ref, str):
                        _reference(doc, ref, [*path, field, j, key], locate, problems)
                year = link.get("year")
                if own is not None and isinstance(year, int) and year not in own:
                    problems.append(
                        locate.problem(
                            [*path, field, j, "year"],
                            _("the record has no figure for {year} (it has {years})").format(
                                year=year, years=", ".join(str(y) for y in sorted(own))
                            ),
                        )
                    )
                if (link.get("change") or link.get("measure") == "cut_pct") and not (
                    isinstance(record.get("baseline"), dict) and isinstance(record.get("target"), dict)
                ):
                    problems.append(
                        locate.problem([*path, field, j], _("a change or a cut needs the record's baseline and target"))
                    )
        average = record.get("average")
        if "id" in record and isinstance(average, dict):
            for key in ("total", "count"):
                if isinstance(average.get(key), str):
                    _reference(doc, average[key], [*path, "average", key], locate, problems)


def _reference(doc: dict, ref: str, path: list, locate: Locator, problems: list) -> None:
    why = references.problem(doc, ref)
    if why == "unknown":
        problems.append(locate.problem(path, _("refers to unknown record {ref!r}").format(ref=ref)))
    elif why == "no figure":
        problems.append(locate.problem(path, _("{ref!r} has no figure for that year").format(ref=ref)))
