"""The core: reading, validating and computing the plan — the public library (SPEC §2a).

``reading`` (input as text, within limits) → ``parsing`` (YAML or JSON, with positions;
``yamlsafe``, ``numeric``: the one number rule) → ``validation`` (``plan.schema.json``
and ``relations``) → ``cache`` → ``plan`` (``load()`` and the ``Plan``), whose tables come
from ``figures`` (budget, finance, general, COVID), ``kpis``, ``audit``, ``actuals`` and
``attainment``, with ``calc`` (exact arithmetic), ``money`` (Korean amounts read) and
``frames`` (nullable DataFrames). Nothing here imports Click, tabulate or the presentation.
"""
