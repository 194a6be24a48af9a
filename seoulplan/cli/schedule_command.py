"""``seoulplan schedule``: the plan's dated deliverables, as a list or a calendar.

The library chooses the rows (``Plan.schedule``) and groups them into periods
(:func:`seoulplan.core.schedule.calendar`); :mod:`seoulplan.presentation.schedule_views`
says how people read them. Heavy imports happen inside the command.
"""

from __future__ import annotations

from typing import Any

import click

from seoulplan.cli.options import AsOf, Output, actuals_encoding, calendar_listing, completer, source_date, today
from seoulplan.core.i18n import N_, _
from seoulplan.errors import FindingsError, UsageError
from seoulplan.presentation.choices import DELIVERABLE_KINDS, DELIVERY_STATUSES, SCHEDULE_PERIODS


class DeliveryStatuses(click.ParamType):
    """Delivery statuses by their Korean name (기한 경과, with or without its space) or English
    key (overdue, in_progress, "in progress"), comma-separated; the value is the Korean names,
    as the frames hold them."""

    name = "statuses"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        known: dict[str, str] = {}
        for korean, key in DELIVERY_STATUSES.items():
            known.update({korean: korean, korean.replace(" ", ""): korean, key: korean, key.replace("_", " "): korean})
        chosen = []
        for word in (w.strip() for w in str(value).split(",")):
            status = known.get(word) or known.get(word.lower().replace("-", "_"))
            if status is None:
                names = ", ".join(f"{k} ({v})" for k, v in DELIVERY_STATUSES.items())
                self.fail(
                    _("unknown status {word!r}; expected one of {names}").format(word=word[:40], names=names),
                    param,
                    ctx,
                )
            chosen.append(status)
        return tuple(chosen)


@click.command(
    help=N_(
        "One row per deliverable, in the plan's order, with its date at the precision the plan gives: "
        "start and end are ISO prefixes (2020, 2020-07, 2020-09-22); a deadline (~'22.11) has no start, "
        "an open start ('20.2~) no end. --from and --to keep those whose dates overlap the period. "
        "--by month (or quarter) reads as a calendar: each deliverable under the period it falls due in, "
        "the period its date ends (a range in its last month, a year-precision item in its December, a "
        "deadline in its month; an open start in the period it starts). --format ics (or -o FILE.ics) "
        "writes an iCalendar file: an all-day event per deliverable, over the days its date covers (an open "
        "start or a deadline: its one known day), to import into a calendar or subscribe to. "
        "With --actuals LEDGER, a delivery ledger (id, done[, as_of]), each "
        "deliverable has its status at the date of the question (--as-of, else today): done, cancelled, overdue "
        "(not done after its last day), in progress or planned, the day it was done and the days late; --fail-on "
        "overdue gates a script. --template writes the ledger to fill in.\n"
        "\n"
        "Examples:\n"
        "  seoulplan schedule --by month --from 2020-01 --to 2020-12\n"
        "  seoulplan schedule --pillar safety --kind open --kind complete\n"
        "  seoulplan schedule --grep 착공 --format csv\n"
        "  seoulplan schedule --format ics -o plan.ics\n"
        "  seoulplan schedule --template -o deliveries.xlsx\n"
        "  seoulplan schedule --actuals deliveries.csv --as-of 2020-12 --fail-on 기한경과"
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
    type=click.Choice(DELIVERABLE_KINDS),
    multiple=True,
    help=N_("Only deliverables of this kind (repeat for several): what happens, e.g. open, complete, hold."),
)
@click.option(
    "--from", "start", type=AsOf(), metavar="DATE", help=N_("Only deliverables whose dates reach DATE or later.")
)
@click.option("--to", "end", type=AsOf(), metavar="DATE", help=N_("Only deliverables whose dates begin by DATE."))
@click.option(
    "--by",
    type=click.Choice(SCHEDULE_PERIODS),
    default=None,
    help=N_("A calendar: the deliverables grouped by the month or quarter they fall due (a due column first)."),
)
@click.option(
    "--actuals",
    metavar="LEDGER",
    help=N_(
        "A delivery ledger (CSV, xlsx or YAML: id, done[, as_of]; done a date, or 완료/지연/취소 with as_of; "
        "'-' reads standard input): adds each deliverable's status, done and days_late."
    ),
)
@click.option(
    "--as-of",
    type=AsOf(),
    metavar="DATE",
    help=N_("The date of the question (2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020: its end) [default: today]."),
)
@actuals_encoding()
@click.option(
    "--fail-on",
    type=DeliveryStatuses(),
    multiple=True,
    metavar="STATUS,...",
    help=N_(
        "With --actuals: exit 1 when any listed deliverable has one of these statuses (기한경과 or overdue, "
        "진행 중 or in_progress, 예정 or planned, 취소 or cancelled); repeat or separate with commas."
    ),
)
@click.option(
    "--template",
    is_flag=True,
    help=N_(
        "A delivery ledger to fill in (-o deliveries.csv or deliveries.xlsx): the deliverables chosen, blank done."
    ),
)
@calendar_listing
@click.pass_context
def schedule(
    ctx: click.Context,
    pillar: str | None,
    grep: tuple[str, ...],
    kind: tuple[str, ...],
    start: str | None,
    end: str | None,
    by: str | None,
    actuals: str | None,
    as_of: str | None,
    actuals_encoding: str,
    fail_on: tuple[tuple[str, ...], ...],
    template: bool,
    out: Output,
) -> None:
    from seoulplan.presentation import schedule_views

    statuses = tuple(dict.fromkeys(s for group in fail_on for s in group))
    if actuals is None and (as_of or statuses):
        raise UsageError(_("{option} needs --actuals LEDGER").format(option="--as-of" if as_of else "--fail-on"))
    if template and (actuals or by):
        raise UsageError(_("--template writes a ledger to fill in: it takes neither --actuals nor --by"))
    if actuals == "-" and ctx.obj.data == "-":
        raise UsageError(_("--data - and --actuals - cannot both read standard input; give one as a file"))
    plan = ctx.obj.plan()
    choose = {"pillar": pillar, "kind": list(kind) or None, "grep": grep, "start": start, "end": end}
    chosen = plan.pillar(pillar) if pillar is not None else None
    options = ctx.obj.options()
    if template:
        out.emit(ctx, plan.delivery_template(**choose), schedule_views.template(chosen, options))
        return
    if actuals is not None:
        frame = plan.schedule(
            **choose, by=by, deliveries=actuals, as_of=as_of, today=today(), encoding=actuals_encoding
        )
    else:
        frame = plan.schedule(**choose, by=by)
    calendar = schedule_views.calendar_file(plan.doc, source_date(), options)
    out.emit(ctx, frame, schedule_views.listing(chosen, by, options, at=frame.attrs.get("as_of")), calendar=calendar)
    failing = frame[frame["status"].isin(statuses)] if statuses else frame.iloc[:0]
    if len(failing):
        ids = ", ".join(failing["id"].head(10)) + (" …" if len(failing) > 10 else "")
        raise FindingsError(
            _("{count} deliverable(s) with status {statuses}: {ids}").format(
                count=len(failing), statuses=", ".join(statuses), ids=ids
            )
        )
