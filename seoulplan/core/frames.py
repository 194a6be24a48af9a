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
