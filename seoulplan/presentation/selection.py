"""Choosing what a listing shows: its columns, in an order, and its rows, sorted.

The command line's ``--columns`` and ``--sort`` (csvcut's ``-c``, sqlite-utils'
``--order``): a presentation of the library's frames, which the library itself never needs.
"""

from __future__ import annotations

import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError


def select(frame: pd.DataFrame, columns: list[str] | None = None, sort: str | None = None) -> pd.DataFrame:
    """Rows sorted by ``sort`` (``-name`` descending; missing values last either way), then
    the ``columns`` named, in that order. Each name is checked before anything is done, so
    that a command refuses it before writing a byte: an unknown name is a UsageError listing
    the columns, a name given twice one naming it (a frame with two columns of one name is
    no table), and sorting by a column of lists (``milestones``, ``parts``), which have no
    order, one listing the columns that can be sorted by."""
    if columns:
        _known(frame, columns, "show")
        repeated = next((name for i, name in enumerate(columns) if name in columns[:i]), None)
        if repeated is not None:
            raise UsageError(_("cannot show {name!r} twice; name each column once").format(name=repeated))
    if sort:
        key, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
        _known(frame, [key], "sort by")
        if frame[key].dtype == object:  # lists (the library keeps lists as lists)
            orderable = [name for name in frame.columns if frame[name].dtype != object]
            raise UsageError(
                _("cannot sort by {name!r}: it holds lists, which have no order; sort by one of {columns}").format(
                    name=key, columns=", ".join(orderable)
                )
            )
        frame = frame.sort_values(key, ascending=not descending, na_position="last", kind="stable")
        frame = frame.reset_index(drop=True)
    if columns:
        frame = frame[list(columns)]
    return frame


def _known(frame: pd.DataFrame, names: list[str], verb: str) -> None:
    unknown = [n for n in names if n not in frame.columns]
    if unknown:
        if verb == "sort by":
            message = _("cannot sort by {names}; expected one of {columns} (prefix - for descending)")
        else:
            message = _("cannot show {names}; expected one of {columns}")
        raise UsageError(message.format(names=", ".join(map(repr, unknown)), columns=", ".join(frame.columns)))
