"""Making the library's DataFrames.

Every table the library returns is built by :func:`table` with pandas' nullable dtypes
(``Int64``, ``Float64``, ``string``, ``boolean``), so a missing value is ``<NA>`` in any
column and an integer stays an integer. Choosing columns and sorting rows for people
(``--columns``, ``--sort``) is the presentation's: :mod:`seoulplan.presentation.selection`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd


def column(values: Iterable[Any], dtype: str) -> Any:
    """One column as a pandas array of ``dtype``; ``None`` (or ``<NA>``, NaN) becomes ``<NA>``.

    Numbers are converted by numpy, in C, for the whole column: to doubles (a Decimal to the
    nearest one), and for ``Int64`` to integers where every one is whole and below 2^53 (a
    double holds it exactly). Anything else — text, a fraction in an integer column, an
    integer too large for a double — is left to pandas, which converts it or says what is
    wrong with it.
    """
    # tolist() gives Python scalars where list() would keep numpy's (np.str_ in a string column)
    items: list[Any] = values.tolist() if hasattr(values, "tolist") else list(values)
    if dtype == "object":
        array = pd.array([None] * len(items), dtype=object)
        array[:] = items  # assigned, so that lists stay lists
        return array
    if dtype in ("Float64", "Int64"):
        numbers = _numbers(items)
        if numbers is not None:
            data, missing = numbers
            if dtype == "Float64":
                return pd.arrays.FloatingArray(data, missing)
            known = data[~missing]
            if ((np.floor(known) == known) & (np.abs(known) < 2**53)).all():
                return pd.arrays.IntegerArray(np.where(missing, 0, data).astype(np.int64), missing)
    # A Decimal becomes the nearest double; the stubs do not list nullable dtypes by name.
    return pd.array(items, dtype=dtype)  # type: ignore[call-overload]


def _numbers(items: list[Any]) -> tuple[Any, Any] | None:
    """The items as doubles, and where one is missing; None when one is neither a number nor
    missing (or is a bool, which pandas refuses as a number)."""
    cells = np.empty(len(items), dtype=object)
    cells[:] = items  # one cell each, whatever it holds
    missing = pd.isna(cells)
    present = cells[~missing]
    if pd.api.types.infer_dtype(present, skipna=False) not in _NUMERIC_KINDS:
        return None
    data = np.full(len(cells), np.nan)
    data[~missing] = present.astype(np.float64)
    return data, missing | np.isnan(data)


#: What :func:`pandas.api.types.infer_dtype` calls a column of numbers only.
_NUMERIC_KINDS = ("integer", "floating", "mixed-integer-float", "decimal", "empty")


def table(columns: dict[str, tuple[Iterable[Any], str]]) -> pd.DataFrame:
    """A DataFrame from ``{name: (values, dtype)}``, in that order."""
    arrays = {name: column(values, dtype) for name, (values, dtype) in columns.items()}
    return pd.DataFrame(arrays, copy=False)  # the arrays are new: no need to copy them again
