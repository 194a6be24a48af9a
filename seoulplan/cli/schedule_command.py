"""``seoulplan schedule``: the plan's dated deliverables, as a list or a calendar;
``schedule status`` measures them against a delivery ledger, ``schedule template`` writes one.

The library chooses the rows (``Plan.schedule``) and groups them into periods
(:func:`seoulplan.core.schedule.calendar`); :mod:`seoulplan.presentation.schedule_views`
says how people read them. Heavy imports happen inside the command.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from seoulplan.cli.groups import Group, refuse_options_before
from seoulplan.cli.options import (
    AsOf,
    Output,
    actuals_encoding,
    calendar_listing,
    completer,
    listing,
    source_date,
    stacked,
    today,
)
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


F = TypeVar("F", bound=Callable[..., object])


def chosen_deliverables(command: F) -> F:
    """The options that choose deliverables, for the listing and each subcommand, as ``choose``."""

    @click.option(
        "--pillar",
        metavar="SLUG|NO|NAME",
        shell_complete=completer("pillars", "slug"),
        help=N_(
            "Only this pillar: future, safety, welfare, balance, democracy, covid; 1-5; or its name "
            "(Korean or English)."
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
    @functools.wraps(command)
    def chosen(
        *args: Any,
        pillar: str | None,
        grep: tuple[str, ...],
        kind: tuple[str, ...],
        start: str | None,
        end: str | None,
        **kwargs: Any,
    ) -> Any:
        choose = {"pillar": pillar, "kind": list(kind) or None, "grep": grep, "start": start, "end": end}
        return command(*args, choose=choose, **kwargs)

    return chosen  # type: ignore[return-value]


def by_period(command: F) -> F:
    return click.option(
        "--by",
        type=click.Choice(SCHEDULE_PERIODS),
        default=None,
        help=N_("A calendar: the deliverables grouped by the month or quarter they fall due (a due column first)."),
    )(command)


def delivery_ledger(command: F) -> F:
    """The delivery ledger and what is asked of it."""
    return stacked(
        command,
        click.option(
            "--actuals",
            metavar="LEDGER",
            required=True,
            help=N_(
                "A delivery ledger (CSV, xlsx or YAML: id, done[, as_of]; done a date, or 완료/지연/취소 with "
                "as_of; '-' reads standard input): adds each deliverable's status, done and days_late."
            ),
        ),
        click.option(
            "--as-of",
            type=AsOf(),
            metavar="DATE",
            help=N_(
                "The date of the question (2020-06-30, 2020-06, 2020-Q2, 2020-H1 or 2020: its end) [default: today]."
            ),
        ),
        actuals_encoding(),
        click.option(
            "--fail-on",
            type=DeliveryStatuses(),
            multiple=True,
            metavar="STATUS,...",
            help=N_(
                "With --actuals: exit 1 when any listed deliverable has one of these statuses (기한경과 or "
                "overdue, 진행 중 or in_progress, 예정 or planned, 취소 or cancelled); repeat or separate with "
                "commas."
            ),
        ),
    )


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "One row per deliverable, in the plan's order, with its date at the precision the plan gives: "
        "start and end are ISO prefixes (2020, 2020-07, 2020-09-22); a deadline (~'22.11) has no start, "
        "an open start ('20.2~) no end. --from and --to keep those whose dates overlap the period. "
        "--by month (or quarter) reads as a calendar: each deliverable under the period it falls due in, "
        "the period its date ends (a range in its last month, a year-precision item in its December, a "
        "deadline in its month; an open start in the period it starts). --format ics (or -o FILE.ics) "
        "writes an iCalendar file: an all-day event per deliverable, over the days its date covers (an open "
        "start or a deadline: its one known day), to import into a calendar or subscribe to. "
        "schedule status measures the deliverables against a delivery ledger, and schedule template writes "
        "the ledger to fill in; each takes its options after its name.\n"
        "\n"
        "Examples:\n"
        "  seoulplan schedule --by month --from 2020-01 --to 2020-12\n"
        "  seoulplan schedule --pillar safety --kind open --kind complete\n"
        "  seoulplan schedule --grep 착공 --format csv\n"
        "  seoulplan schedule --format ics -o plan.ics\n"
        "  seoulplan schedule template -o deliveries.xlsx\n"
        "  seoulplan schedule status --actuals deliveries.csv --as-of 2020-12 --fail-on 기한경과"
    ),
)
@chosen_deliverables
@by_period
@calendar_listing
@click.pass_context
def schedule(ctx: click.Context, choose: dict[str, Any], by: str | None, out: Output) -> None:
    if ctx.invoked_subcommand is not None:
        refuse_options_before(ctx)
        return
    _listed(ctx, ctx.obj.plan().schedule(**choose, by=by), choose, by, out)


@schedule.command(
    "status",
    help=N_(
        "Every deliverable chosen, measured against a delivery ledger (id, done[, as_of]).\n"
        "\n"
        "Each deliverable has its status at the date of the question (--as-of, else today): done, cancelled, "
        "overdue (not done after its last day), in progress or planned, the day it was done and the days late; "
        "--fail-on overdue gates a script. --by and every format work as for the list.\n"
        "\n"
        "Examples:\n"
        "  seoulplan schedule status --actuals deliveries.csv --as-of 2020-12\n"
        "  seoulplan schedule status --actuals deliveries.xlsx --fail-on 기한경과 --format csv"
    ),
)
@chosen_deliverables
@by_period
@delivery_ledger
@calendar_listing
@click.pass_context
def schedule_status(
    ctx: click.Context,
    choose: dict[str, Any],
    by: str | None,
    actuals: str,
    as_of: str | None,
    actuals_encoding: str,
    fail_on: tuple[tuple[str, ...], ...],
    out: Output,
) -> None:
    _status(ctx, choose, by, actuals, as_of, actuals_encoding, fail_on, out)


@schedule.command(
    "template",
    help=N_(
        "A delivery ledger to fill in: the deliverables chosen, with a blank done column.\n"
        "\n"
        "Examples:\n"
        "  seoulplan schedule template -o deliveries.xlsx\n"
        "  seoulplan schedule template --pillar safety -o deliveries.csv"
    ),
)
@chosen_deliverables
@listing
@click.pass_context
def schedule_template(ctx: click.Context, choose: dict[str, Any], out: Output) -> None:
    _template(ctx, choose, out)


def _listed(ctx: click.Context, frame: Any, choose: dict[str, Any], by: str | None, out: Output) -> None:
    from seoulplan.presentation import schedule_views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    options = ctx.obj.options()
    calendar = schedule_views.calendar_file(plan.doc, source_date(), options)
    out.emit(ctx, frame, schedule_views.listing(chosen, by, options, at=frame.attrs.get("as_of")), calendar=calendar)


def _status(
    ctx: click.Context,
    choose: dict[str, Any],
    by: str | None,
    actuals: str,
    as_of: str | None,
    encoding: str,
    fail_on: tuple[tuple[str, ...], ...],
    out: Output,
) -> None:
    if actuals == "-" and ctx.obj.data == "-":
        raise UsageError(_("--data - and --actuals - cannot both read standard input; give one as a file"))
    frame = ctx.obj.plan().schedule(**choose, by=by, deliveries=actuals, as_of=as_of, today=today(), encoding=encoding)
    _listed(ctx, frame, choose, by, out)
    statuses = tuple(dict.fromkeys(s for group in fail_on for s in group))
    failing = frame[frame["status"].isin(statuses)] if statuses else frame.iloc[:0]
    if len(failing):
        ids = ", ".join(failing["id"].head(10)) + (" …" if len(failing) > 10 else "")
        raise FindingsError(
            _("{count} deliverable(s) with status {statuses}: {ids}").format(
                count=len(failing), statuses=", ".join(statuses), ids=ids
            )
        )


def _template(ctx: click.Context, choose: dict[str, Any], out: Output) -> None:
    from seoulplan.presentation import schedule_views

    plan = ctx.obj.plan()
    chosen = plan.pillar(choose["pillar"]) if choose["pillar"] is not None else None
    out.emit(ctx, plan.delivery_template(**choose), schedule_views.template(chosen, ctx.obj.options()))
