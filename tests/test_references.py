"""References between records (``core/references.py``): the index the validator and the audit
use answers as a pass over the document does, and makes a large dataset's links cost a lookup
each (a pass per reference made the 100× dataset's validation take over a minute)."""

from __future__ import annotations

import copy
import time

import seoulplan
from seoulplan.core import references, relations
from seoulplan.core.problems import Locator


def _refs(doc: dict) -> list[str]:
    """Every reference a link of the dataset makes, and some that name nothing."""
    found = []
    for section in ("general", "finance", "counts", "kpis"):
        for record in doc.get(section) or []:
            for field in ("lists", "compares", "sums", "restates"):
                for link in record.get(field) or []:
                    found += [v for k, v in link.items() if isinstance(v, str) and k != "excerpt"]
                    found += [r for k in ("of", "minus") for r in link.get(k) or []]
    return found + ["general.nowhere", "budget.gross", "budget.gross.nowhere", "future.nowhere", "kpis.x"]


def test_the_index_answers_as_a_pass_over_the_document():
    doc = seoulplan.load().doc
    refs = _refs(doc)
    assert len(refs) > 50
    plain = [references.record(doc, ref) for ref in refs]
    with references.indexed(doc):
        indexed = [references.record(doc, ref) for ref in refs]
    assert all(a is b for a, b in zip(plain, indexed, strict=True))


def test_the_index_is_only_for_its_own_document():
    doc = seoulplan.load().doc
    other = copy.deepcopy(doc)
    other["kpis"][0]["id"] = "future.renamed"
    with references.indexed(doc):
        assert references.record(other, "future.renamed") is other["kpis"][0]


def _links_checked_in(count: int, doc: dict) -> float:
    """Seconds the validator's check of the links takes over ``count`` copies of the KPIs
    that link to another record."""
    linking = [k for k in doc["kpis"] if k.get("restates") or k.get("sums") or k.get("compares")]
    big = dict(doc, kpis=[dict(k, id=f"{k['id']}-{n}") for n in range(count) for k in linking] + doc["kpis"])
    start = time.perf_counter()
    relations._links(big, Locator(big, {}), [])
    return time.perf_counter() - start


def test_checking_links_grows_linearly():
    doc = seoulplan.load().doc
    small, large = _links_checked_in(20, doc), _links_checked_in(160, doc)
    # 8× the records: linear is 8×, a pass over every KPI per reference ~64×
    assert large < 24 * max(small, 1e-3), (small, large)
