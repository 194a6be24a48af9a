"""Raw cell values, as every machine format writes them: JSON-ready Python values.

Shared by the text formats (:mod:`~seoulplan.presentation.render`), the workbook and the
SQLite database, so that a number is the same number in each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def machine_values(values: pd.Series) -> list:
    """One column as JSON-ready Python values: <NA> → None, a whole float → int (``344``, not ``344.0``)."""
    if pd.api.types.is_float_dtype(values.dtype):
        data = values.to_numpy(dtype="float64", na_value=np.nan)
        out = data.astype(object)
        whole = np.isfinite(data) & (np.floor(data) == data) & (np.abs(data) < 2**53)
        out[whole] = data[whole].astype(np.int64).astype(object)
        out[~np.isfinite(data)] = None
        return out.tolist()
    if values.dtype == object:
        return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in values]
    return values.to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[call-overload]


def flat(value: object) -> object:
    """A cell as the flat formats (CSV, TSV, SQLite, xlsx, tables) write it: a list of
    objects as text — ``{year, value}`` as ``2021: 25``, ``{name, value}`` as
    ``창업단계(Seed) 200`` — joined by ``; ``; anything else as it is. JSON keeps the list."""
    if not isinstance(value, list):
        return value
    return "; ".join(_flat_item(item) for item in value)


def _flat_item(item: object) -> str:
    if isinstance(item, dict) and "year" in item:
        return f"{item['year']}: {item['value']}"
    if isinstance(item, dict) and "name" in item:
        return f"{item['name']} {item['value']}"
    return str(item)


def flat_values(values: pd.Series) -> list:
    """:func:`machine_values`, with list cells written flat."""
    cells = machine_values(values)
    if values.dtype == object:
        return [flat(v) for v in cells]
    return cells
