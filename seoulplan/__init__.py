"""seoulplan: the Seoul Metropolitan Government's 2020 work plan (2020 주요 업무계획) as data.

The library (SPEC §2a)::

    import seoulplan
    plan = seoulplan.load()                 # the packaged plan; load(path) / load(file) for another
    plan.budget("all", 2019)                # pandas DataFrames, one per table
    plan.kpis("welfare"); plan.audit(); plan.attainment({"future.job-cafes": 100})
    seoulplan.check("my-plan.yaml")         # every problem of a dataset file
    seoulplan.check_provenance("plan.txt")  # every excerpt verbatim in the plan's text?
    seoulplan.read_money("39조 5,359억원")   # (Decimal('39535900000000'), 'amount')

Two layers, arrows one way: :mod:`seoulplan.core` reads, validates and computes (no
Click, no tabulate); :mod:`seoulplan.presentation` turns its frames into what people and
scripts read, and :mod:`seoulplan.cli` is the command line on top, which reaches the core
only through the names of this module (and ``seoulplan.errors``). Importing this package
loads neither pandas nor Click: ``seoulplan --help`` stays fast, so every name here but
:func:`load` is imported when first asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from seoulplan.version import __version__

__all__ = [
    "BudgetYear",
    "Measurement",
    "Plan",
    "__version__",
    "check",
    "check_provenance",
    "load",
    "read_as_of",
    "read_money",
    "read_number",
    "read_whole",
]

if TYPE_CHECKING:
    from seoulplan.core.actuals import read_as_of
    from seoulplan.core.budget_year import BudgetYear
    from seoulplan.core.money import parse_expression as read_money
    from seoulplan.core.numeric import read_number, read_whole
    from seoulplan.core.plan import Plan, check
    from seoulplan.core.provenance import check_provenance
    from seoulplan.core.reading import Source
    from seoulplan.core.tracking import Measurement

#: The library's names besides :func:`load`: where each is defined, and its name there.
#: A ``Measurement`` is a ledger read once and measured at a date (``plan.measurement()``);
#: every method that takes ``actuals`` takes one too. A ``BudgetYear`` is a budget ledger
#: read once (``plan.budget_year()``), which ``budget_track`` and ``budget_phases`` measure.
#: ``read_*`` are the readers of what people type, one rule each for the library, the
#: dataset, the ledgers and the command line: an amount or a sum of Korean money (a value
#: and its kind: ``amount``, ``ratio`` or ``number``), a date or period (its label and last
#: day), a number (``１２`` is 12; ``1_0`` and other scripts' digits are refused), a whole
#: number. Each raises ValueError (``UsageError`` for money) saying what it expected.
_LAZY = {
    "Plan": ("seoulplan.core.plan", "Plan"),
    "Measurement": ("seoulplan.core.tracking", "Measurement"),
    "BudgetYear": ("seoulplan.core.budget_year", "BudgetYear"),
    "check": ("seoulplan.core.plan", "check"),
    "check_provenance": ("seoulplan.core.provenance", "check_provenance"),
    "read_money": ("seoulplan.core.money", "parse_expression"),
    "read_as_of": ("seoulplan.core.actuals", "read_as_of"),
    "read_number": ("seoulplan.core.numeric", "read_number"),
    "read_whole": ("seoulplan.core.numeric", "read_whole"),
}


def load(source: Source = None, *, encoding: str = "utf-8-sig") -> Plan:
    """Read, parse and validate a dataset (the packaged plan by default) into a :class:`Plan`.

    ``source``: a path, ``-`` for standard input, or an open file; ``encoding``: of that
    file (``cp949`` for files Korean Excel saved). Raises ``seoulplan.errors.DataError``
    listing every problem.
    """
    from seoulplan.core.plan import load as load_plan

    return load_plan(source, encoding=encoding)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'seoulplan' has no attribute {name!r}")
