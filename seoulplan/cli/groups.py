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

from seoulplan.cli.names import NAMES
from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import _
from seoulplan.errors import FindingsError, SeoulplanError, UsageError


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
