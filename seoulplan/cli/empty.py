"""What a listing that found nothing says on standard error: that nothing matched the filters
given, and which of them is likely to blame (issue 22: ``kpi --grep 코로나 --grep-in all
--kind all`` printed an empty table although a whole COVID pillar exists).

Standard output stays the empty table or CSV (a header and no rows) and the exit status 0: an
empty answer is an answer. The hints read the command's own parameters (``ctx.params``), so
one function serves every listing command: a filter a command lacks is never suggested.
"""

from __future__ import annotations

from typing import Any

import click
from click.core import ParameterSource

from seoulplan.core.i18n import _

#: The parameters that narrow a listing, as the command line names them, in the order a
#: message lists them.
FILTERS = {
    "pillar": "--pillar",
    "strategy": "--strategy",
    "grep": "--grep",
    "grep_in": "--grep-in",
    "kind": "--kind",
    "kinds": "--kind",
    "due": "--due",
    "due_from": "--due-from",
    "due_to": "--due-to",
    "start": "--from",
    "end": "--to",
    "only_failures": "--only-failures",
}
#: Filters whose value widens rather than narrows: never suggested to leave out.
WIDENING = {"grep_in": "all", "kind": "all"}


def explain(ctx: click.Context, *, by_kind: bool = True) -> None:
    """Say on standard error that the listing is empty, with the filters given and hints.
    ``by_kind``: the listing was chosen by the command's ``--kind`` (not so for a form of
    before, ``kpi --attainment``, which writes what its subcommand writes)."""
    given = _given(ctx)
    if given:
        typed = " ".join(_typed(name, value) for name, value in given.items())
        click.echo(_("Nothing matches {filters}.").format(filters=typed), err=True)
    else:
        click.echo(_("Nothing to list."), err=True)
    hints = _hints(ctx, given, by_kind=by_kind)
    if hints:
        click.echo(_("Perhaps:"), err=True)
        for hint in hints:
            click.echo("  " + hint, err=True)


def _given(ctx: click.Context) -> dict[str, Any]:
    """The filters typed on the command line (not left at their defaults), by parameter name."""
    return {
        name: ctx.params[name]
        for name in FILTERS
        if name in ctx.params and ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)
    }


def _typed(name: str, value: Any) -> str:
    option = FILTERS[name]
    if value is True:
        return option
    values = value if isinstance(value, tuple) else (value,)
    return " ".join(f"{option} {_quoted(v)}" for v in values)


def _quoted(value: Any) -> str:
    text = str(value)[:40]
    return repr(text) if not text or any(c.isspace() for c in text) else text


def _hints(ctx: click.Context, given: dict[str, Any], *, by_kind: bool) -> list[str]:
    params = ctx.params
    hints: list[str] = []
    terms = [t for t in params.get("grep") or () if t.strip()]
    if terms and "pillar" in params:
        hints += _pillars_named(ctx, terms, strategies="strategy" in params)
    if terms and params.get("grep_in") == "names":
        hints.append(_("--grep-in all: --grep looks only at ids, names and units unless told to look further"))
    kind = params.get("kind")
    if isinstance(kind, str) and kind != "all" and by_kind:
        hints.append(_("--kind all: only records of kind {kind} are listed now").format(kind=kind))
    if any(name in given for name in ("due", "due_from", "due_to")):
        years = _due_years(ctx)
        if years:
            hints.append(_("a year KPIs fall due in: {years}").format(years=", ".join(map(str, years))))
    if given.get("only_failures"):
        hints.append(_("without --only-failures: every check listed agrees"))
    left_out = [
        FILTERS[name]
        for name, value in given.items()
        if name not in ("grep_in", "only_failures", "due", "due_from", "due_to") and WIDENING.get(name) != value
    ]
    if left_out:
        hints.append(_("without {options}").format(options=", ".join(dict.fromkeys(left_out))))
    return hints


def _pillars_named(ctx: click.Context, terms: list[str], *, strategies: bool) -> list[str]:
    """``--pillar`` (and ``--strategy``) for a pillar or strategy whose name has a --grep term:
    --grep reads a KPI's own words, not its pillar's (코로나 is in the COVID pillar's name)."""
    pillars = ctx.obj.plan().doc.get("pillars") or []
    found: list[str] = []
    for term in terms:
        folded = term.casefold()
        for pillar in pillars:
            if folded in f"{pillar.get('name', '')} {pillar.get('name_en', '')} {pillar['slug']}".casefold():
                found.append(
                    _("--pillar {slug}: the pillar {name!r} has {term!r} in its name").format(
                        slug=pillar["slug"], name=_named(pillar, ctx), term=term
                    )
                )
            elif strategies:
                for strategy in pillar.get("strategies") or []:
                    if folded in f"{strategy.get('name', '')} {strategy.get('name_en', '')}".casefold():
                        hint = _("--pillar {slug} --strategy {number}: the strategy {name!r} has {term!r} in its name")
                        found.append(
                            hint.format(
                                slug=pillar["slug"], number=strategy["number"], name=_named(strategy, ctx), term=term
                            )
                        )
    return list(dict.fromkeys(found))[:5]


def _named(record: dict, ctx: click.Context) -> str:
    """A pillar's or strategy's name in the reader's language."""
    english = ctx.obj.locale == "en_US" and record.get("name_en")
    return str(english or record.get("name", ""))


def _due_years(ctx: click.Context) -> list[int]:
    """The years the plan's KPIs fall due in (their targets' years)."""
    years = ctx.obj.plan().kpi_table["target_year"].dropna().unique()
    return sorted(int(y) for y in years)
