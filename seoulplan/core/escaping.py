"""Text that is safe to show people: what a hostile dataset or file name cannot do to a terminal.

A name, an id or a file name may hold control characters — ESC sequences that clear the
screen or retitle the window, a newline that splits a markdown row — Unicode's line
separators, or its bidirectional overrides, which show a line reversed. :func:`escaped` writes each as a
visible escape (``\\x1b``, ``\\n``, ``\\u202e``). Every human format (tables, markdown,
``kpi show``) and every message passes through it; machine formats keep the data as it
is, escaped only as their own syntax requires.

>>> escaped("혁신\\x1b[2J성장\\u202e펀드\\n조성")
'혁신\\\\x1b[2J성장\\\\u202e펀드\\\\n조성'
>>> escaped("line one\\nline two", newlines=False)
'line one\\nline two'

A message quotes what it refuses, but never more than :data:`ECHO_LIMIT` characters of it
(:func:`shortened`): a 3 KB literal makes a one-line message, not a 3 KB one.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, the line and paragraph separators (some viewers break a line
#: there), and the bidirectional marks, embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_UNSAFE_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
#: The most characters of a person's text (a value, a date, an option) a message repeats.
ECHO_LIMIT = 40


def escaped(text: str, *, newlines: bool = True) -> str:
    """``text`` with every unsafe character written as an escape; ``newlines=False`` keeps
    line breaks (a message that lists problems a line each)."""
    pattern = _UNSAFE if newlines else _UNSAFE_BUT_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def shortened(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a message may repeat it: its first ``limit`` characters, and "…" when it
    is longer. The message's own ``{text!r}`` then quotes it.

    >>> shortened("1" * 50)
    '1111111111111111111111111111111111111111…'
    """
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= limit else text[:limit] + "…"
