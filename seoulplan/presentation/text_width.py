"""How wide text is on a terminal, and text broken into lines that fit a width.

One measure for every layout — tables, help, the workbook's column widths, the report's
short labels: a character takes the cells wcwidth says (the Unicode tables terminals
follow): two for East Asian wide and full-width characters (Hangul), none for combining
marks, zero-width characters and controls, one for the rest. tabulate measures its columns
with wcwidth too (its ``widechars`` extra), so a column capped here is the width tabulate
draws.

Cheap to import: wcwidth itself is loaded only for text that is not plain ASCII, so help in
English never loads it.
"""

from __future__ import annotations


def display_width(text: str) -> int:
    """The cells ``text`` takes on a terminal.

    >>> display_width("KPI 목표"), display_width("abc"), display_width("e\\u0301"), display_width("a\\x1bb")
    (8, 3, 1, 2)
    """
    if text.isascii() and text.isprintable():
        return len(text)
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
