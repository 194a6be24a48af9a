"""Help laid out by the width text takes on a terminal: Hangul is two columns wide.

Click wraps help by counting characters, so a Korean paragraph ran to nearly twice the
terminal's width. :class:`HelpFormatter` measures each word as a terminal shows it
(:func:`~seoulplan.presentation.text_width.display_width`: East Asian wide and full-width
characters take two columns) and otherwise lays help out as Click does: paragraphs joined
and refilled, a paragraph marked ``\\b`` kept as written, options and commands in two
columns. Words are never broken; a line breaks only at a space.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

from seoulplan.core.i18n import N_
from seoulplan.presentation.text_width import display_width, wrap


def wrap_text(text: str, width: int, first: str = "", rest: str = "") -> str:
    """Click's ``wrap_text(..., preserve_paragraphs=True)``, by display width: paragraphs are
    refilled, each keeping the indent of its first line; a paragraph that starts with a line
    holding only ``\\b`` is kept as written."""
    paragraphs: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    indent: int | None = None
    for line in [*text.expandtabs().splitlines(), ""]:
        if line:
            if indent is None:
                indent = len(line) - len(line.lstrip())
            lines.append(line.lstrip() if not lines or lines[0].strip() != "\b" else line)
        elif lines:
            raw = lines[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, lines[1:] if raw else lines))
            lines, indent = [], None
    out = []
    for extra, raw, body in paragraphs:
        pad = " " * extra
        if raw:
            out.append("\n".join((first if i == 0 else rest) + pad + line for i, line in enumerate(body)))
        else:
            out.append(wrap(" ".join(body), width, first + pad, rest + pad))
    return "\n\n".join(out)


class HelpFormatter(click.HelpFormatter):
    """Click's help layout, with text measured by display width (see the module docstring)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class Context(click.Context):
    """Click's context, laying out help with :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


#: The help option of every command.
HELP_OPTION = ("-h", "--help")


def use_for(command: click.Command) -> None:
    """Give ``command`` and its subcommands this module's help layout, and their help option.

    The help option is declared here rather than left to Click, whose own looks its text up
    in the catalogue on every run (reading the whole catalogue, a few milliseconds, for a
    text that only ``--help`` shows); this one's text is translated where all help is
    (:func:`seoulplan.cli.app.localise`), and only when help may be shown."""
    command.context_class = Context
    # Click (8.1.8 on) builds a command's help option once and keeps it in ``_help_option``
    # (its usage errors ask for it, to suggest --help): ours is put there instead.
    if command.add_help_option and getattr(command, "_help_option", None) is None:
        command._help_option = click.Option(
            HELP_OPTION,
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_show_help,
            help=N_("Show this message and exit."),
        )
    for sub in getattr(command, "commands", {}).values():
        use_for(sub)
