"""The core: reading, validating and computing the plan — the public library (SPEC §2a).

:mod:`.reading` (input as text, within limits) → :mod:`.parsing` (YAML or JSON, with
positions; :mod:`.yamlsafe`, :mod:`.numeric`: the one number rule) → :mod:`.validation`
(``plan.schema.json``, :mod:`.relations`, :mod:`.units` — one spelling per unit —,
:mod:`.problems`) → :mod:`.cache` →
:mod:`.plan` (``load()`` and the ``Plan``; :mod:`.provenance` traces every excerpt to the
plan's text), whose tables come from :mod:`.figures`
(budget, finance, general, COVID), :mod:`.kpis`, :mod:`.changes`, :mod:`.audit` (its
rules in :mod:`.agreement`, the checks the records' links ask for in :mod:`.crosschecks`,
figures named across sections by :mod:`.references`) and
:mod:`.schedule` (the dated deliverables, checked by :mod:`.deliverables`), and, for the
years of tracking, from :mod:`.ledger_files` and :mod:`.sheets` (ledgers as rows),
:mod:`.periods` (dates as ledgers write them), :mod:`.quantities` (values as written),
:mod:`.actuals` (their checks), :mod:`.pace` (what a target expects by a date) and
:mod:`.tracking` (observations measured), and :mod:`.deliveries` (what a delivery ledger
says was delivered, and each deliverable's status); the budget through its year from
:mod:`.budget_ledger` (a budget ledger's rows checked) and :mod:`.budget_year` (supplementary
budgets, execution against its pace); with :mod:`.calc` (exact arithmetic),
:mod:`.money` (Korean amounts read), :mod:`.suggestions` ("did you mean"),
:mod:`.frames` (nullable DataFrames), :mod:`.document`, :mod:`.vocabulary`,
:mod:`.glossary`, :mod:`.escaping`, :mod:`.collector` and :mod:`.i18n`. Nothing here
imports Click, tabulate or the presentation (README "Layout" says what each holds).
"""
