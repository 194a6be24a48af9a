"""Shell completion where Click's own guesses wrong: the value of an option that starts with
``-`` (``--sort -gr<TAB>``, a descending sort) is that option's value, not an option name.

Click completes any word starting with ``-`` as an option name before it asks whether the
word before it is an option still waiting for its value; its parser does not: ``--sort
-growth_pct`` sorts. :func:`register` puts a subclass of each shell's completion first, which
asks the option waiting for a value to complete the word (as the parser would read it) and
leaves every other word to Click. Imported only when a shell asks for completions.
"""

from __future__ import annotations

from typing import Any

import click
from click import shell_completion
from click.shell_completion import BashComplete, CompletionItem, FishComplete, ZshComplete


class _ValueAfterOption:
    """A completion class's ``get_completions``, with the word after an option that takes a
    value completed by that option even when it starts with ``-``."""

    cli: click.Command
    ctx_args: Any
    prog_name: str

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        if args and incomplete.startswith("-") and "--" not in args:
            ctx = shell_completion._resolve_context(self.cli, self.ctx_args, self.prog_name, list(args))
            for param in ctx.command.get_params(ctx):
                if (
                    isinstance(param, click.Option)
                    and not param.is_flag
                    and not param.count
                    and param.nargs == 1
                    and args[-1] in param.opts
                ):
                    return param.shell_complete(ctx, incomplete)
        return super().get_completions(args, incomplete)  # type: ignore[misc]


class Bash(_ValueAfterOption, BashComplete):
    pass


class Zsh(_ValueAfterOption, ZshComplete):
    pass


class Fish(_ValueAfterOption, FishComplete):
    pass


def register() -> None:
    """Use these classes for bash, zsh and fish (Click's names for them)."""
    for cls in (Bash, Zsh, Fish):
        shell_completion.add_completion_class(cls, cls.name)
