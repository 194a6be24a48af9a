"""``seoulplan money``: the Korean money calculator.

A module of its own, and light: a run imports only the module of the command it runs
(:class:`seoulplan.cli.app.Root`), and this one needs neither the listing options nor the
dataset. Its unit option's type, :class:`MoneyUnit`, is the tables' ``--unit`` too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from seoulplan.core.escaping import shortened
from seoulplan.core.i18n import N_, _, ngettext
from seoulplan.errors import UsageError

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


class MoneyUnit(click.ParamType):
    """A money unit as ``--unit``/``--to`` take it, in either language's session: Korean
    (조, 십억, 억원, 천원…), English (trillion, billion, KRW million, thousand, bn…, any case)
    or ``auto``, read by the one unit rule the formatters use (``normalise_unit``)
    so the option and the library never disagree; the value is the unit as typed, which the
    formatters read again. Completion offers :data:`~seoulplan.presentation.choices.UNITS`."""

    name = "unit"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from seoulplan.presentation.formatting import normalise_unit

        try:
            normalise_unit(str(value))
        except UsageError as e:
            self.fail(str(e), param, ctx)
        return str(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from seoulplan.presentation.choices import UNITS

        return [CompletionItem(unit) for unit in UNITS if unit.lower().startswith(incomplete.lower())]


@click.command(
    context_settings={"ignore_unknown_options": True},  # "-3조" is an amount, not an option
    help=N_(
        "Accepts what people type: 39조 5,359억원, 395,359억, 11억 3천만원, 1.5만, 3천5백; "
        "+ - x / and brackets combine amounts (x or × multiplies, so nothing needs quoting; quote "
        "expressions with * or brackets, which the shell would expand). Arguments are joined with "
        "spaces. Bare numbers are won. A ratio of two amounts is written to 4 decimals (0.1062), or "
        "as a percentage with --percent (10.62%), enough to check a rate the plan states.\n"
        "\n"
        "Examples:\n"
        '  seoulplan money "39조 5,359억원" --to 원              # 39,535,900,000,000원\n'
        "  seoulplan money 395359억                             # 39조 5,359억원\n"
        "  seoulplan money 39조 5,359억 - 35조 7,416억           # 3조 7,943억원\n"
        "  seoulplan money 3조 7,943억 / 35조 7,416억 --percent  # 10.62%\n"
        "  seoulplan --locale en_US money 395359억               # KRW 39.5359 trillion"
    ),
)
@click.argument("expr", nargs=-1, required=True)
@click.option(
    "--to",
    "to",
    type=MoneyUnit(),
    default="auto",
    show_default=True,
    metavar="UNIT",  # the help lists them: all of them are too wide a line
    help=N_(
        "Write the result in this unit (조, 십억, 억, 백만, 만, 천 with or without 원, or trillion, billion, "
        "million, thousand in either language; auto: 조/억/만 in Korean, trillion/billion/million in English)."
    ),
)
@click.option(
    "--percent", is_flag=True, help=N_("Write a ratio of two amounts as a percentage (10.62%) instead of 0.1062.")
)
@click.pass_context
def money(ctx: click.Context, expr: tuple[str, ...], to: str, percent: bool) -> None:
    from seoulplan import read_money
    from seoulplan.presentation.formatting import format_number, format_won

    settings = ctx.obj
    try:
        value, kind = read_money(" ".join(expr))
    except UsageError:
        _refuse_expanded_star(expr)
        raise
    if percent and kind != "ratio":
        raise UsageError(_("--percent writes a ratio of two amounts (39조 / 35조); this is not one"))
    if kind == "amount":
        click.echo(format_won(value, to=to, style=settings.style, locale=settings.locale))
    elif kind == "ratio":
        shown = format_number(value * 100, 2, locale=settings.locale) + "%" if percent else None
        click.echo(shown or format_number(value, 4, locale=settings.locale))
    else:
        click.echo(format_number(value, locale=settings.locale))


def _refuse_expanded_star(expr: tuple[str, ...]) -> None:
    """``money 10억 * 3`` unquoted: the shell has put the names of the files here in place of
    ``*``. An expression that does not read and holds arguments naming files or directories
    that exist is that case: say so, and how to write it, rather than quote the file names
    back as an unreadable amount (a long directory listing, in an error about money)."""
    import os

    paths = [word for word in expr if os.path.lexists(word)]
    if not paths or len(paths) == len(expr):  # the shell's names come between amounts
        return
    names = ", ".join(repr(shortened(p, 30)) for p in paths[:3]) + (", …" if len(paths) > 3 else "")
    raise UsageError(
        ngettext(
            "{count} argument is the name of a file here ({names}): the shell replaces an unquoted * with the "
            'names of the files. Quote the expression (seoulplan money "10억 * 3") or multiply with x '
            "(seoulplan money 10억 x 3).",
            "{count} arguments are names of files here ({names}): the shell replaces an unquoted * with the "
            'names of the files. Quote the expression (seoulplan money "10억 * 3") or multiply with x '
            "(seoulplan money 10억 x 3).",
            len(paths),
        ).format(count=len(paths), names=names)
    )
