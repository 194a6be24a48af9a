"""Making and choosing from the library's DataFrames.

Every table the library returns is built by :func:`table` with pandas' nullable dtypes
(``Int64``, ``Float64``, ``string``, ``boolean``), so a missing value is ``<NA>`` in any
column and an integer stays an integer; :func:`select` picks and orders columns and
sorts rows, for the command line's ``--columns`` and ``--sort``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from seoulplan.core.i18n import _
from seoulplan.errors import UsageError


def column(values: Iterable[Any], dtype: str) -> Any:
    """One column as a pandas array of ``dtype``; ``None`` becomes ``<NA>``."""
    # tolist() gives Python scalars where list() would keep numpy's (np.str_ in a string column)
    items: list[Any] = values.tolist() if hasattr(values, "tolist") else list(values)
    if dtype == "object":
        array = pd.array([None] * len(items), dtype=object)
        array[:] = items  # assigned, so that lists stay lists
        return array
    if dtype == "Float64":
        try:  # numpy converts each number in C (a Decimal to the nearest double), None to NaN
            data = np.array(items, dtype="float64")
        except (TypeError, ValueError):  # <NA>, or something that is not a number: pandas says what
            data = None
        if data is not None and data.ndim == 1:
            return pd.arrays.FloatingArray(data, np.isnan(data))
    # A Decimal becomes the nearest double; the stubs do not list nullable dtypes by name.
    return pd.array(items, dtype=dtype)  # type: ignore[call-overload]


def table(columns: dict[str, tuple[Iterable[Any], str]]) -> pd.DataFrame:
    """A DataFrame from ``{name: (values, dtype)}``, in that order."""
    arrays = {name: column(values, dtype) for name, (values, dtype) in columns.items()}
    return pd.DataFrame(arrays, copy=False)  # the arrays are new: no need to copy them again


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
