"""numeric.py's two rules for a figure once it is read: the exact Decimal it stands for, and the
decimal places it is written with — one helper each, which the audit and the tables share."""

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import seoulplan
from seoulplan.core import audit, numeric
from seoulplan.presentation.formatting import format_number


@pytest.mark.parametrize(
    "value, expected",
    [(3.7, "3.7"), (11.0, "11.0"), (7, "7"), (Decimal("8.80"), "8.80"), (np.float64(3.7), "3.7"), (-1.1, "-1.1")],
)
def test_a_figure_is_the_decimal_it_was_written_as(value, expected):
    assert str(numeric.exact(value)) == expected


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False))
def test_a_float_read_from_its_text_gives_that_text_back(written):
    assert numeric.exact(float(str(written))) == Decimal(repr(float(str(written))))
    assert float(numeric.exact(float(str(written)))) == float(str(written))


@pytest.mark.parametrize(
    "value, places",
    [(11.0, 1), (Decimal("11.0"), 1), (8.8, 1), (0.05, 2), (18, 0), (Decimal("1E+3"), 0), (395359, 0), (2.25, 2)],
)
def test_the_places_a_figure_is_written_with(value, places):
    assert numeric.decimal_places(value) == places


def test_one_rule_for_the_audit_and_the_tables():
    """The plan writes 2조 3,000(11.0%): the audit holds it to ±0.05 and people read it as
    written. (Before one rule, the audit read one place and the tables none: "11".) A
    Float64 column holds the plan's integers as floats; people read them as the machine
    formats write them, ints, so 18 stays 18 beside 8.8's row."""
    from seoulplan.presentation import render, views

    checks = seoulplan.load().audit()
    general = checks[checks["check_id"] == "budget.net.general.change_pct"].iloc[0]
    assert general["stated"] == 11.0 and general["tolerance"] == pytest.approx(0.05)
    assert audit.agrees(audit.ROUNDED, 11.0, Decimal("10.96")) and not audit.agrees(audit.ROUNDED, 11.0, 10.94)
    assert format_number(11.0) == "11.0"

    frame = pd.DataFrame(
        {
            "name": pd.array(["a", "b"], dtype="string"),
            "unit": pd.array(["개", "개"], dtype="string"),
            "baseline": pd.array([18.0, 8.8], dtype="Float64"),
            "target": pd.array([23.0, 9.0], dtype="Float64"),
        }
    )
    view = views.View((views.column("name"), views.column("baseline")), title="")
    cells = render.render(frame, "table", view).split()
    assert "18개" in cells and "8.8개" in cells
