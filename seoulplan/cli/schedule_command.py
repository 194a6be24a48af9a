"""``seoulplan schedule``: the plan's dated deliverables, as a list or a calendar.

The library chooses the rows (``Plan.schedule``) and groups them into periods
(:func:`seoulplan.core.schedule.calendar`); :mod:`seoulplan.presentation.schedule_views`
says how people read them. Heavy imports happen inside the command.
"""

from __future__ import annotations

import click

from seoulplan.cli.options import AsOf, Output, completer, listing
from seoulplan.core.deliverables import CALENDAR_PERIODS, KIND_NAMES
from seoulplan.core.i18n import N_


@click.command(
    help=N_(
        "The plan's dated deliverables: what it will open, start, complete, launch or hold, and when.\n"
        "\n"
        "One row per deliverable, in the plan's order, with its date at the precision the plan gives: "
        "start and end are ISO prefixes (2020, 2020-07, 2020-09-22); a deadline (~'22.11) has no start, "
        "an open start ('20.2~) no end. --from and --to keep those whose dates overlap the period. "
        "--by month (or quarter) reads as a calendar: each deliverable under the period it falls due in, "
        "the period its date ends (a range in its last month, a year-precision item in its December, a "
        "deadline in its month; an open start in the period it starts).\n"
        "\n"
        "Examples:\n"
        "  seoulplan schedule --by month --from 2020-01 --to 2020-12\n"
        "  seoulplan schedule --pillar safety --kind open --kind complete\n"
        "  seoulplan schedule --grep 착공 --format csv"
    )
)
@click.option(
    "--pillar",
    metavar="SLUG|NO|NAME",
    shell_complete=completer("pillars", "slug"),
    help=N_(
        "Only this pillar: future, safety, welfare, balance, democracy, covid; 1-5; or its name (Korean or English)."
    ),
)
@click.option(
    "--grep",
    metavar="TEXT",
    multiple=True,
    help=N_(
        "Only deliverables whose id, Korean or English name or place contains TEXT (repeat: all must match; "
        "a Latin word matches whole words)."
    ),
)
@click.option(
    "--kind",
    type=click.Choice(tuple(KIND_NAMES)),
    multiple=True,
    help=N_("Only deliverables of this kind (repeat for several): what happens, e.g. open, complete, hold."),
)
@click.option(
    "--from", "start", type=AsOf(), metavar="DATE", help=N_("Only deliverables whose dates reach DATE or later.")
)
@click.option("--to", "end", type=AsOf(), metavar="DATE", help=N_("Only deliverables whose dates begin by DATE."))
@click.option(
    "--by",
    type=click.Choice(CALENDAR_PERIODS),
    default=None,
    help=N_("A calendar: the deliverables grouped by the month or quarter they fall due (a due column first)."),
)
@listing
@click.pass_context
def schedule(
    ctx: click.Context,
    pillar: str | None,
    grep: tuple[str, ...],
    kind: tuple[str, ...],
    start: str | None,
    end: str | None,
    by: str | None,
    out: Output,
) -> None:
    from seoulplan.core import schedule as scheduling
    from seoulplan.presentation import schedule_views

    plan = ctx.obj.plan()
    frame = plan.schedule(pillar=pillar, kind=list(kind) or None, grep=grep, start=start, end=end)
    if by is not None:
        frame = scheduling.calendar(frame, by)
    chosen = plan.pillar(pillar) if pillar is not None else None
    out.emit(ctx, frame, schedule_views.listing(chosen, by, ctx.obj.options()))
