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


def wrap(text: str, width: int, first: str = "", rest: str = "", *, cut: bool = False) -> str:
    """``text``'s words joined into lines at most ``width`` cells wide; ``first`` and ``rest``
    indent the first and the other lines. A line breaks at white space; a word goes whole to
    the next line when it fits there, so a word is never split where it fits a line. One wider
    than the line (an id: ``future.labour-support-centres``) breaks after the ``.`` and ``-``
    of its segments or before a ``(`` (:func:`pieces`), as many segments a line as fit; a
    segment still wider than the line has a line of its own, or with ``cut`` (a table's column,
    which must not grow) is cut where the line ends.

    >>> print(wrap("가나다 라마 바사아 자차", 13, "  ", "  "))
      가나다 라마
      바사아 자차
    >>> print(wrap("kpi.balance.public-rental-housing.attainment", 16))
    kpi.balance.
    public-rental-
    housing.
    attainment
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
        elif used + size <= width:
            line, used, has_word = line + word, used + size, True
        else:  # wider than a whole line: a segment at a time
            for piece in pieces(word, width - display_width(rest), cut=cut):
                piece_size = display_width(piece)
                if has_word and used + piece_size > width:
                    lines.append(line)
                    line, used = rest, display_width(rest)
                line, used, has_word = line + piece, used + piece_size, True
    lines.append(line)
    return "\n".join(lines)


#: Where a word wider than a line may break: after a ``.`` or a ``-`` (an id's segments), and
#: before a ``(`` (``직장운동부(장애인팀)``).
_SEGMENT = re.compile(r"(?<=[.\-])(?=[^.\-])|(?<=.)(?=\()")


def pieces(word: str, width: int, *, cut: bool = False) -> list[str]:
    """``word`` in the pieces a line may end between: its segments, each with the ``.`` or
    ``-`` after it (a bracket begins one); with ``cut``, a segment wider than ``width`` cells in
    pieces that fit.

    >>> pieces("future.labour-support-centres", 10)
    ['future.', 'labour-', 'support-', 'centres']
    >>> pieces("직장운동부(장애인팀)", 8, cut=True)
    ['직장운동', '부', '(장애인', '팀)']
    """
    segments = [segment for segment in _SEGMENT.split(word) if segment]
    if not cut:
        return segments
    out: list[str] = []
    for segment in segments:
        while display_width(segment) > width > 0:
            end, used = 0, 0
            while used + display_width(segment[end]) <= width:
                used += display_width(segment[end])
                end += 1
            end = max(end, 1)  # a character wider than the line: alone on it
            out.append(segment[:end])
            segment = segment[end:]
        out.append(segment)
    return out
