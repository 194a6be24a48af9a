"""``seoulplan money``: the Korean money calculator.

A module of its own, and light: a run imports only the module of the command it runs
(:class:`seoulplan.cli.app.Root`), and this one needs neither the listing options nor the
dataset.
"""

from __future__ import annotations

import click

from seoulplan.core.i18n import N_, _
from seoulplan.errors import UsageError
from seoulplan.presentation.choices import UNITS, UNITS_METAVAR


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
    type=click.Choice(UNITS),
    default="auto",
    show_default=True,
    metavar=UNITS_METAVAR,
    help=N_(
        "Write the result in this unit (조, 억, 백만, 만 with or without 원; auto: 조/억/만 in Korean, "
        "trillion/billion/million in English)."
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
    value, kind = read_money(" ".join(expr))
    if percent and kind != "ratio":
        raise UsageError(_("--percent writes a ratio of two amounts (39조 / 35조); this is not one"))
    if kind == "amount":
        click.echo(format_won(value, to=to, style=settings.style, locale=settings.locale))
    elif kind == "ratio":
        shown = format_number(value * 100, 2, locale=settings.locale) + "%" if percent else None
        click.echo(shown or format_number(value, 4, locale=settings.locale))
    else:
        click.echo(format_number(value, locale=settings.locale))
