"""Every error seoulplan reports to a user, each with its exit status (SPEC §7).

The core raises these; only the CLI turns them into a message on stderr and an exit code.
"""


class SeoulplanError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 1


class UsageError(SeoulplanError):
    """A bad argument or option value (exit 2, as Click does for usage errors)."""

    exit_code = 2


class MoneyParseError(UsageError):
    """An amount that cannot be read as Korean money."""


class DataError(SeoulplanError):
    """A dataset or input file that is missing, unreadable, malformed or invalid (exit 3)."""

    exit_code = 3

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.problems = list(problems or [])


class FindingsError(SeoulplanError):
    """Findings the user asked to fail on: audit --strict, --fail-under (exit 1)."""

    exit_code = 1


class OutputError(SeoulplanError):
    """Standard output cannot be written: a full disk, a closed descriptor (exit 74,
    EX_IOERR of sysexits.h). A reader that goes away (``| head``) is not an error."""

    exit_code = 74
