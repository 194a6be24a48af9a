"""The command line's names for what the library's messages name: one map.

The core speaks Python: an error names the parameter to change (``strategy=`` needs
``pillar=``) or the call to make (``plan.kpis()``), as :mod:`seoulplan.errors` describes.
The command line shows the same errors worded in its own terms — the option that sets the
parameter, the command that does what the call does — through this map, keyed by
:attr:`seoulplan.errors.Parameter.key` and :attr:`seoulplan.errors.Call.key`. A name
missing here is shown as Python writes it, which is still true, only less handy.
"""

from __future__ import annotations

NAMES: dict[str, str] = {
    # parameters: the option that sets each
    "pillar": "--pillar",
    "strategy": "--strategy",
    "grep": "--grep",
    "grep_in": "--grep-in",
    "kind": "--kind",
    "actuals": "--actuals",
    "ledger": "--actuals",  # a budget ledger (budget status --actuals)
    "as_of": "--as-of",
    "near": "--near",
    "stale_after": "--stale-after",
    "by": "--by",
    "due": "--due",
    "encoding": "--input-encoding",  # the dataset's (load)
    "actuals.encoding": "--actuals-encoding",
    # calls: the command that does the same
    "plan.kpis": "seoulplan kpi",
    "seoulplan.check": "seoulplan validate",
}
