"""The ``seoulplan`` command line (SPEC §2): options and wiring; the work is the library's."""

from seoulplan.cli.app import cli, main

__all__ = ["cli", "main"]
