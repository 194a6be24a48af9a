"""Groups of commands, and the library's errors as Click's.

Every error the library raises is a :class:`~seoulplan.errors.SeoulplanError` with its exit
status; a group turns one raised by its own callback or by the subcommand it ran into
Click's, worded in the command line's terms (:mod:`seoulplan.cli.names`) and with the usage
of the command that raised it (``seoulplan kpi status [OPTIONS]``), so that no mistake of a
user's ever shows a traceback.
"""

from __future__ import annotations

from typing import Any

import click
from click.core import ParameterSource

from seoulplan.cli.names import NAMES
from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import _
from seoulplan.errors import FindingsError, SeoulplanError, UsageError

#: Where a form of before names the command that replaces it (``kpi --template`` is ``kpi
#: template``): its output is that command's, sheet name included.
REPLACED_BY = "seoulplan.replaced_by"


class Finding(click.ClickException):
    """What a run was asked to fail on (``--fail-on``, ``audit --strict``): not an error of the
    user's or ours, so not worded as one."""

    exit_code = FindingsError.exit_code

    def show(self, file: object = None) -> None:
        click.echo(_("Failed: {message}").format(message=self.format_message()), err=True)


def click_error(error: SeoulplanError, ctx: click.Context) -> click.ClickException:
    """``error`` as Click reports it, in the command line's words (its options, not the
    library's parameters), with the usage of ``ctx``'s command for a usage error."""
    message = escaped(error.worded(NAMES), newlines=False)  # a file name or value may hold ESC sequences
    if isinstance(error, UsageError):
        return click.UsageError(message, ctx)
    if isinstance(error, FindingsError):
        return Finding(message)
    exc = click.ClickException(message)
    exc.exit_code = error.exit_code  # type: ignore[misc]  # Click declares it on the class
    return exc


class Group(click.Group):
    """A group whose library errors, its own or its subcommand's, reach the user as Click's."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SeoulplanError as e:
            name = ctx.invoked_subcommand
            command = self.get_command(ctx, name) if name else None
            raise click_error(e, click.Context(command, info_name=name, parent=ctx) if command else ctx) from None


def hide(command: click.Command, *names: str) -> None:
    """Leave the options ``names`` of ``command`` out of its help (they still work)."""
    for param in command.params:
        if param.name in names and isinstance(param, click.Option):
            param.hidden = True


def deprecated(ctx: click.Context, old: str, command: str, new: str) -> None:
    """One line on standard error: the form of before (``old``) still works for this release,
    and ``new`` replaces it. What it writes, and its exit status, are ``command``'s."""
    message = _("Deprecated: {old} will be removed in the next release; use {new}, with the same options after it")
    click.echo(message.format(old=old, new=new), err=True)
    ctx.meta[REPLACED_BY] = command


def refuse_options_before(ctx: click.Context) -> None:
    """A group's own options given before one of its subcommands would be ignored: refused,
    naming them (``kpi --format json show ID``)."""
    given = [
        p.opts[0]
        for p in ctx.command.params
        if p.name and ctx.get_parameter_source(p.name) not in (ParameterSource.DEFAULT, None)
    ]
    if given:
        raise UsageError(
            _(
                "{options} before '{command}' would be ignored: '{group} {command}' takes its own options "
                "after it, e.g. seoulplan {group} {command} … --format json"
            ).format(options=", ".join(given), command=ctx.invoked_subcommand, group=ctx.info_name)
        )
