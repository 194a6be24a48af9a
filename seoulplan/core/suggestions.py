"""Suggestions for a name that is not known ("did you mean …?"): the known names closest to it.

One rule for every suggestion (an unknown KPI id in ``kpi show`` or in a ledger): difflib's
close matches (a similarity ratio of at least 0.5), best first, then the names that contain
what was typed, up to :data:`SUGGESTIONS` in all — enough to spot a typo, few enough to read
on each of a ledger's 50 problem lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How many names a suggestion offers at most.
SUGGESTIONS = 3


def closest(word: str, names: Iterable[str]) -> list[str]:
    """The names of ``names`` closest to ``word``, best first (none: an empty list).

    >>> closest("future.job-cafe", ["future.job-cafes", "future.job-cafe-one-day-class", "safety.potholes"])
    ['future.job-cafes', 'future.job-cafe-one-day-class']
    >>> closest("youth", ["future.youth-jobs-new", "future.youth-jobs-other", "welfare.elderly"])
    ['future.youth-jobs-new', 'future.youth-jobs-other']
    """
    names = list(names)
    close = difflib.get_close_matches(word, names, n=SUGGESTIONS, cutoff=0.5)
    typed = word.lower()
    if typed:
        close += [name for name in names if typed in name.lower() and name not in close][: SUGGESTIONS - len(close)]
    return close
