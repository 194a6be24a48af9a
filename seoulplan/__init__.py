"""seoulplan: the Seoul Metropolitan Government's 2020 work plan (2020 주요 업무계획) as data.

The library (SPEC §2a)::

    import seoulplan
    plan = seoulplan.load()                 # the packaged plan; load(path) / load(file) for another
    plan.budget("all", 2019)                # pandas DataFrames, one per table
    plan.kpis("welfare"); plan.audit(); plan.attainment({"future.job-cafes": 100})

Two layers, arrows one way: :mod:`seoulplan.core` reads, validates and computes (no
Click, no tabulate); :mod:`seoulplan.presentation` turns its frames into what people and
scripts read, and :mod:`seoulplan.cli` is the command line on top. Importing this package
loads neither pandas nor Click: ``seoulplan --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seoulplan.version import __version__

__all__ = ["Plan", "__version__", "load"]

if TYPE_CHECKING:
    from seoulplan.core.plan import Plan


def load(source: Any = None, *, encoding: str = "utf-8-sig") -> Plan:
    """Read, parse and validate a dataset (the packaged plan by default) into a :class:`Plan`.

    ``source``: a path, ``-`` for standard input, or an open file; ``encoding``: of that
    file (``cp949`` for files Korean Excel saved). Raises ``seoulplan.errors.DataError``
    listing every problem.
    """
    from seoulplan.core.plan import load as load_plan

    return load_plan(source, encoding=encoding)


def __getattr__(name: str) -> Any:
    if name == "Plan":
        from seoulplan.core.plan import Plan

        return Plan
    raise AttributeError(f"module 'seoulplan' has no attribute {name!r}")
