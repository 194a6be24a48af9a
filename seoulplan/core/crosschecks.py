"""The audit's checks that the dataset's links ask for: counts, comparisons, averages, sums and
restatements, within a record or across records and sections.

What each record states, and how the dataset says it (README "The dataset"):

- ``lists``: the items the plan names after a counted phrase ("8대 서비스 : 일시재가, …"); the
  number named must equal the items listed (``exact``), or be at least as many when the list
  ends in 등 or names only some (``partial``: ``at most``). A list counts the record's figure
  (its end, or ``year``), or with ``change: true`` the increase from its baseline. A pillar's
  ``contents`` (its strategies as the contents page prints them) count against the body's.
- ``compares``: a comparison the plan asserts ("WHO 수준(166항목) 이상 … 171항목"): the record's
  figure (or with ``measure: cut_pct`` its fall from baseline to target, in %) against a
  number, with the excerpt that states it, or against another record.
- ``average``: ``{total, count}`` references; the record's figure is their quotient, rounded
  to its decimals, or with ``approximate: true`` to its precision (10명 내외).
- ``sums``: the record's figure (or its figure in ``year``) is the sum of ``of`` less
  ``minus``; with ``partial: true`` at least that sum.
- ``restates``: the same figure stated again — another record's (``record``), or a number
  with the excerpt that restates it (``value``, ``source``).

Besides those links: an item that is part of another (``of``) without a stated share is at
most its whole, and stated shares of a breakdown add up to 100 within their rounding.

References name figures across sections (:mod:`seoulplan.core.references`). The dataset has
been validated, so every reference resolves.
"""

from __future__ import annotations

from typing import Any

from seoulplan.core import calc, references
from seoulplan.core.agreement import (
    APPROXIMATE,
    AT_LEAST,
    AT_MOST,
    AVERAGE,
    COMPARISON,
    COUNT,
    EXACT,
    LESS_THAN,
    MORE_THAN,
    RESTATEMENT,
    ROUNDED,
    SHARES,
    SUM,
    Check,
    Checks,
    english,
)

#: The comparisons ``compares`` may assert, and the rule that checks each.
OPERATORS = {
    "at_least": (AT_LEAST, "≥"),
    "at_most": (AT_MOST, "≤"),
    "more_than": (MORE_THAN, ">"),
    "less_than": (LESS_THAN, "<"),
}


def run(doc: dict, checks: Checks) -> None:
    """Every check the links ask for, record by record in the dataset's order."""
    with references.indexed(doc):
        _links(doc, checks)
    _within_whole(doc, checks)
    _shares(doc, checks)
    _contents(doc, checks)


def _links(doc: dict, checks: Checks) -> None:
    for section, rid, record in _records(doc):
        for i, listed in enumerate(record.get("lists") or []):
            _count(doc, checks, section, rid, record, listed, _suffix(record, "lists", i))
        for i, compared in enumerate(record.get("compares") or []):
            _compare(doc, checks, section, rid, record, compared, _suffix(record, "compares", i))
        if section == "kpi" and record.get("average"):
            _average(doc, checks, rid, record)
        for i, summed in enumerate(record.get("sums") or []):
            _sum(doc, checks, section, rid, record, summed, _suffix(record, "sums", i))
        for i, restated in enumerate(record.get("restates") or []):
            _restate(doc, checks, section, rid, record, restated, _suffix(record, "restates", i))


def _records(doc: dict) -> list[tuple[str, str, dict]]:
    """(section, record id, record) of every record that may carry links, in the dataset's order."""
    found: list[tuple[str, str, dict]] = []
    for basis in doc["budget"]["bases"]:
        found += [("budget", f"budget.{basis['key']}.{r['account']}", r) for r in basis["rows"]]
    for section in ("general", "finance", "counts"):
        found += [(section, f"{section}.{r['key']}", r) for r in doc.get(section) or []]
    found += [("kpi", k["id"], k) for k in doc.get("kpis") or []]
    return found


def _suffix(record: dict, field: str, i: int) -> str:
    return "" if len(record[field]) == 1 else f".{i + 1}"


def _name(doc: dict, ref: str) -> tuple[str, str]:
    """A referenced figure's name in Korean and English, with its year when one is asked."""
    found = references.record(doc, ref)
    assert found is not None  # validated
    name, year = references.split(ref)
    if name.startswith("budget."):
        basis = next(b for b in doc["budget"]["bases"] if b["key"] == name.split(".")[1])
        ko, en = f"{basis['name']} {found['name']}", f"{english(basis)}, {english(found)}"
    else:
        ko, en = found["name"], english(found)
    if year is not None:
        return f"{ko} ({year})", f"{en} ({year})"
    return ko, en


def _own(doc: dict, section: str, rid: str, record: dict, year: int | None) -> tuple[Any, str]:
    """The record's own figure (in ``year`` when given) and its unit."""
    ref = rid if year is None else f"{rid}@{year}"
    unit = record.get("unit") or ("억원" if section == "budget" else "")
    return references.value_of(doc, record, ref), unit


def _count(doc: dict, checks: Checks, section: str, rid: str, record: dict, listed: dict, suffix: str) -> None:
    items = listed["items"]
    if listed.get("change"):
        base, end = record["baseline"], record["target"]
        stated = calc.change(end["value"], base["value"])
        what, what_en = f"증가분 ({base['year']}→{end['year']})", f"increase ({base['year']}→{end['year']})"
    else:
        stated, _unit = _own(doc, section, rid, record, listed.get("year"))
        what = what_en = str(listed["year"]) if listed.get("year") else ""
    partial = bool(listed.get("partial"))
    joined = ", ".join(items)
    checks.add(
        Check(
            check_id=f"{_prefix(section)}{rid}.count{suffix}",
            section=section,
            record_id=_record_id(section, rid),
            kind=COUNT,
            check=f"{record['name']} {what}".rstrip()
            + f" {'≥' if partial else '='} 나열한 항목 수 ({joined}{' 등' if partial else ''})",
            check_en=f"{english(record)} {what_en}".rstrip()
            + f" {'≥' if partial else '='} the items the plan lists{' (etc.)' if partial else ''}",
            stated=stated,
            computed=len(items),
            rule=AT_MOST if partial else EXACT,
            source=listed.get("source") or record["source"],
            unit=record.get("unit", ""),
            note=_why(
                record,
                "at most: a list ending in 등, or naming only some, has no more items than the count"
                if partial
                else None,
            ),
        )
    )


def _record_id(section: str, rid: str) -> str:
    """As the audit's other rows name records: a general, finance or counts item by its key."""
    return rid.partition(".")[2] if section in references.ITEM_SECTIONS else rid


def _prefix(section: str) -> str:
    """Check ids start with the section, as the older checks' do (``kpi.<id>``, ``general.<key>``)."""
    return "kpi." if section == "kpi" else ""


def _why(record: dict, note: str | None) -> str | None:
    """A record the plan gets wrong says why in its ``suspect``: the audit's note repeats it."""
    return record.get("suspect") or note


def _compare(doc: dict, checks: Checks, section: str, rid: str, record: dict, compared: dict, suffix: str) -> None:
    operator = next(op for op in OPERATORS if op in compared)
    rule, sign = OPERATORS[operator]
    bound = compared[operator]
    if isinstance(bound, str):
        bound_ko, bound_en = _name(doc, bound)
        bound_value = references.figure(doc, bound)
    else:
        bound_ko = bound_en = f"{bound:,}"
        bound_value = bound
    if compared.get("measure") == "cut_pct":
        base, end = record["baseline"], record["target"]
        figure = _cut_pct(base["value"], end["value"])
        what = f"{record['name']}: 감축률 ({base['year']}→{end['year']})"
        what_en = f"{english(record)}: cut ({base['year']}→{end['year']})"
        unit = "%"
    else:
        figure, unit = _own(doc, section, rid, record, compared.get("year"))
        year = f" ({compared['year']})" if compared.get("year") else ""
        what, what_en = f"{record['name']}{year}", f"{english(record)}{year}"
    checks.add(
        Check(
            check_id=f"{_prefix(section)}{rid}.compares{suffix}",
            section=section,
            record_id=_record_id(section, rid),
            kind=COMPARISON,
            check=f"{what} {sign} {bound_ko}",
            check_en=f"{what_en} {sign} {bound_en}",
            stated=bound_value,
            computed=figure,
            rule=rule,
            source=compared.get("source") or record["source"],
            unit=unit,
            note=_why(record, None),
        )
    )


def _cut_pct(base: Any, end: Any) -> Any:
    """How much a figure fell from ``base`` to ``end``, in % of ``base`` (3,100 → 1,500: 51.6…)."""
    growth = calc.growth_pct(end, base)
    return None if growth is None else -growth


def _average(doc: dict, checks: Checks, rid: str, record: dict) -> None:
    average = record["average"]
    total, count = average["total"], average["count"]
    (total_ko, total_en), (count_ko, count_en) = _name(doc, total), _name(doc, count)
    total_value, count_value = references.figure(doc, total), references.figure(doc, count)
    approximate = bool(average.get("approximate"))
    sign = "≈" if approximate else "="
    quotient = f"({total_value:,} ÷ {count_value:,})"
    checks.add(
        Check(
            check_id=f"kpi.{rid}.average",
            section="kpi",
            record_id=rid,
            kind=AVERAGE,
            check=f"{record['name']} {sign} {total_ko} ÷ {count_ko} {quotient}",
            check_en=f"{english(record)} {sign} {total_en} ÷ {count_en} {quotient}",
            stated=references.value_of(doc, record, rid),
            computed=calc.average(total_value, count_value),
            rule=APPROXIMATE if approximate else ROUNDED,
            source=record["source"],
            unit=record["unit"],
        )
    )


def _sum(doc: dict, checks: Checks, section: str, rid: str, record: dict, summed: dict, suffix: str) -> None:
    year = summed.get("year")
    stated, unit = _own(doc, section, rid, record, year)
    if section == "budget" and year is None:
        year = doc["plan"]["year"]
    plus, minus = summed.get("of") or [], summed.get("minus") or []
    values = [references.figure(doc, ref) for ref in plus] + [-references.figure(doc, ref) for ref in minus]
    names = _names(doc, plus), _names(doc, minus)
    partial = bool(summed.get("partial"))
    sign = "≥" if partial else "="

    def spelled(language: int) -> str:
        text = " + ".join(n[language] for n in names[0])
        return text + "".join(f" − {n[language]}" for n in names[1])

    own_ko, own_en = record["name"], english(record)
    if section == "budget":
        basis = next(b for b in doc["budget"]["bases"] if any(r is record for r in b["rows"]))
        own_ko, own_en = f"{basis['name']} {record['name']}", f"{english(basis)}, {english(record)}"
    at = f" ({year})" if year is not None else ""
    checks.add(
        Check(
            check_id=f"{_prefix(section)}{rid}.sums{suffix}",
            section=section,
            record_id=_record_id(section, rid),
            kind=SUM,
            check=f"{own_ko}{at} {sign} {spelled(0)}",
            check_en=f"{own_en}{at} {sign} {spelled(1)}",
            stated=stated,
            computed=calc.total(values),
            rule=AT_MOST if partial else EXACT,
            source=record["source"],
            unit=unit,
            inputs=values,
            note=_why(record, "at most: the records summed need not be all the total's parts" if partial else None),
        )
    )


def _names(doc: dict, refs: list[str]) -> list[tuple[str, str]]:
    """The names of figures summed; years of one record's series once: ``name (2018 + 2020)``."""
    records = {references.split(ref)[0] for ref in refs}
    years = [references.split(ref)[1] for ref in refs]
    if len(refs) > 1 and len(records) == 1 and None not in years:
        ko, en = _name(doc, records.pop())
        spelled = " + ".join(str(y) for y in years)
        return [(f"{ko} ({spelled})", f"{en} ({spelled})")]
    return [_name(doc, ref) for ref in refs]


def _restate(doc: dict, checks: Checks, section: str, rid: str, record: dict, restated: dict, suffix: str) -> None:
    stated, unit = _own(doc, section, rid, record, restated.get("year"))
    at = f" ({restated['year']})" if restated.get("year") else ""
    if "record" in restated:
        other_ko, other_en = _name(doc, restated["record"])
        other = references.figure(doc, restated["record"])
    else:
        other_ko, other_en = "다른 곳에서 다시 밝힌 수치", "the figure as restated elsewhere"
        other = restated["value"]
    checks.add(
        Check(
            check_id=f"{_prefix(section)}{rid}.restates{suffix}",
            section=section,
            record_id=_record_id(section, rid),
            kind=RESTATEMENT,
            check=f"{record['name']}{at} = {other_ko}",
            check_en=f"{english(record)}{at} = {other_en}",
            stated=stated,
            computed=other,
            rule=EXACT,
            source=restated.get("source") or record["source"],
            unit=unit,
            note=_why(record, None),
        )
    )


def _within_whole(doc: dict, checks: Checks) -> None:
    """An item that is part of another (``of``) is at most its whole, unless a stated share or
    the whole's sum of its ``parts`` checks it already."""
    for section in ("general", "finance"):
        items = {i["key"]: i for i in doc.get(section) or []}
        for item in items.values():
            stated = item.get("stated") or {}
            if not item.get("of") or "share_pct" in stated or "stated_share_pct" in item:
                continue
            whole = items[item["of"]]
            if item["key"] in (whole.get("parts") or []):
                continue  # the whole's sum of its parts says more
            checks.add(
                Check(
                    check_id=f"{section}.{item['key']}.within-whole",
                    section=section,
                    record_id=item["key"],
                    kind=COMPARISON,
                    check=f"{item['name']} ≤ {whole['name']}",
                    check_en=f"{english(item)} ≤ {english(whole)}",
                    stated=whole["value"],
                    computed=item["value"],
                    rule=AT_MOST,
                    source=item["source"],
                    unit=item["unit"],
                )
            )


def _shares(doc: dict, checks: Checks) -> None:
    """A breakdown (``parts``) whose parts each state a share: the shares add up to 100."""
    for section in ("general", "finance"):
        items = {i["key"]: i for i in doc.get(section) or []}
        for item in items.values():
            parts = [items[key] for key in item.get("parts") or []]
            shares = [(p.get("stated") or {}).get("share_pct", p.get("stated_share_pct")) for p in parts]
            if not parts or any(share is None for share in shares):
                continue
            checks.add(
                Check(
                    check_id=f"{section}.{item['key']}.shares",
                    section=section,
                    record_id=item["key"],
                    kind=SUM,
                    check=f"{item['name']}: 구성비 합계 = 100% (" + " + ".join(f"{s}" for s in shares) + ")",
                    check_en=f"{english(item)}: shares add up to 100% (" + " + ".join(f"{s}" for s in shares) + ")",
                    stated=100,
                    computed=calc.total(shares),
                    rule=SHARES,
                    source=parts[0]["source"],
                    unit="%",
                    inputs=shares,
                )
            )


def _contents(doc: dict, checks: Checks) -> None:
    """A pillar's strategies as its contents page lists them, against the strategies of its body."""
    for pillar in doc["pillars"]:
        contents = pillar.get("contents")
        if not contents:
            continue
        checks.add(
            Check(
                check_id=f"pillars.{pillar['slug']}.contents",
                section="pillars",
                record_id=pillar["slug"],
                kind=COUNT,
                check=f"{pillar['name']}: 목차의 전략 수 = 본문의 전략 수",
                check_en=f"{english(pillar)}: strategies in the contents = strategies in the body",
                stated=len(contents["items"]),
                computed=len(pillar["strategies"]),
                rule=EXACT,
                source=contents["source"],
                unit="개",
                note=contents.get("suspect"),
            )
        )
