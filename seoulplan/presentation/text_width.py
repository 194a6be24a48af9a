"""How wide text is on a terminal, and text broken into lines that fit a width.

One measure for every layout — tables, help, the workbook's column widths, the report's
short labels: a character takes the cells wcwidth says (the Unicode tables terminals
follow): two for East Asian wide and full-width characters (Hangul), none for combining
marks, zero-width characters and controls, one for the rest. tabulate measures its columns
with wcwidth too (its ``widechars`` extra), so a column capped here is the width tabulate
draws.

Cheap to import, and cheap to ask: text of printable ASCII, Hangul syllables and the few
marks the plan's words use (:data:`_COMMON`) — help in either language, most of a table — is
measured without loading wcwidth (a syllable takes two cells, the rest one, as wcwidth says:
tests/test_text_width.py checks they agree), since importing it costs as much again as
Click's own start-up. Anything else asks wcwidth.
"""

from __future__ import annotations

import os
import re
import sys

#: Characters measured without wcwidth: printable ASCII, Hangul syllables, and narrow marks.
_COMMON = re.compile("[\x20-\x7e\uac00-\ud7a3·…—–→×≤≥△]*")
_SYLLABLE = re.compile("[\uac00-\ud7a3]")


def terminal_columns() -> int:
    """The terminal's width in cells, as :func:`shutil.get_terminal_size` finds it (``COLUMNS``,
    else the terminal of standard output, else 80), without importing :mod:`shutil`, which
    imports bz2 and lzma: a twentieth of start-up for ``--help``."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def display_width(text: str) -> int:
    """The cells ``text`` takes on a terminal.

    >>> display_width("KPI 목표"), display_width("abc"), display_width("e\\u0301"), display_width("a\\x1bb")
    (8, 3, 1, 2)
    """
    if text.isascii() and text.isprintable():
        return len(text)
    if _COMMON.fullmatch(text):
        return len(text) + len(_SYLLABLE.findall(text))
    from wcwidth import wcswidth

    width = wcswidth(text)
    if width >= 0:
        return width
    from wcwidth import wcwidth  # a control character (wcswidth's -1): it takes no cell

    return sum(max(wcwidth(char), 0) for char in text)


def wrap(text: str, width: int, first: str = "", rest: str = "") -> str:
    """``text``'s words joined into lines at most ``width`` cells wide; ``first`` and ``rest``
    indent the first and the other lines. Words are never broken: a word wider than the line
    has a line of its own; a line breaks only at white space.

    >>> print(wrap("가나다 라마 바사아 자차", 12, "  ", "  "))
      가나다 라마
      바사아 자차
    """
    lines: list[str] = []
    line, used = first, display_width(first)
    has_word = False
    for word in text.split():
        size = display_width(word)
        if has_word and used + 1 + size > width:
            lines.append(line)
            line, used, has_word = rest, display_width(rest), False
        if has_word:
            line, used = f"{line} {word}", used + 1 + size
        else:
            line, used, has_word = line + word, used + size, True
    lines.append(line)
    return "\n".join(lines)
