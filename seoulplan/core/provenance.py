"""Is every excerpt of a dataset verbatim in the plan's text? (SPEC §3: each record's ``source``
is a short excerpt copied from the plan, so that anyone can trace it.)

The rules are the development tool's (``tools/provenance.py``), shipped so that a user's
clone can check a dataset it edits: every string under a ``source``, ``quote``, ``sources`` or
``quotes`` key, at any depth, must occur within one line of the source text once both are
normalised — Unicode NFC (a Hangul syllable typed as its jamo is the same syllable) and runs
of white space made one space — and be at least :data:`SHORTEST_EXCERPT` characters long (a
shorter one matches by accident and traces nothing). An excerpt found on several lines is
counted as ambiguous (lengthen it until it points at one place), not as missing.

Coverage is a guide to figures still missing, not a target: the plan's *figure lines* (a
number with a unit, :data:`FIGURE`) that no excerpt quotes.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from seoulplan.core.i18n import _
from seoulplan.core.problems import Locator, Problem
from seoulplan.core.reading import Source, read_text

if TYPE_CHECKING:
    from seoulplan.core.plan import Checked

#: The keys whose strings are excerpts of the plan.
EXCERPT_KEYS = ("source", "quote", "sources", "quotes")
SHORTEST_EXCERPT = 6  # characters, once normalised
_LONG_UNITS = "개소|개사|개교|개국|가구|세대|억원|만원|백만원|km²|km2|m²|항목|지점|마리|센터|필지|개월|등급|그루|시간"
_SHORT_UNITS = "명|개|대|호|원|%p|%|％|㎢|km|㎞|㎡|건|회|팀|주|톤|MW|배|면|곳|기|칸|실|점|편|종|층|일"
#: A figure of the plan: a number with a unit (``18개 자치구``, ``3천만 그루``, ``8.8%``).
FIGURE = re.compile(
    r"\d[\d,\.]*(?:(?:천|만|백|백만|억|조)?\s*(?:"
    + _LONG_UNITS
    + r")|(?:천|만|백|백만|억|조)?(?:"
    + _SHORT_UNITS
    + r"))"
)


class Provenance(NamedTuple):
    """What :func:`trace` found: how many excerpts it checked, those not found (each a
    :class:`~seoulplan.core.problems.Problem` with its path and line), how many stand on more
    than one line, and the source's figure lines no excerpt quotes (line number, text);
    :func:`check_provenance` adds what :func:`seoulplan.check` found in the dataset itself."""

    name: str
    source: str
    excerpts: int
    missing: list[Problem]
    ambiguous: int
    figure_lines: int
    uncovered: list[tuple[int, str]]
    dataset: Checked | None = None


def normalised(text: str) -> str:
    """``text`` as excerpts are compared: NFC, white space collapsed, trimmed.

    >>> normalised("  서울\\u1109\\u1165\\u11af  2020 ")  # 설 typed as its jamo
    '서울설 2020'
    """
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def excerpts(node: object, parts: tuple = ()) -> Iterator[tuple[list, str]]:
    """Every excerpt under ``node``: (its path as keys and indexes, the excerpt)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EXCERPT_KEYS:
                values = value if isinstance(value, list) else [value]
                for i, item in enumerate(values):
                    place = [*parts, key] if not isinstance(value, list) else [*parts, key, i]
                    if isinstance(item, str):
                        yield place, item
                    else:
                        yield from excerpts(item, tuple(place))
            else:
                yield from excerpts(value, (*parts, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from excerpts(item, (*parts, i))


def trace(
    doc: dict,
    source_text: str,
    *,
    lines: dict | None = None,
    name: str = "dataset",
    source: str = "source",
) -> Provenance:
    """Each excerpt of the dataset ``doc`` looked for in ``source_text`` (see the module
    docstring); ``lines`` (the parser's, :func:`~seoulplan.core.parsing.parse_document`) place
    a missing one at its line. ``name`` and ``source`` name the two files in messages."""
    raw = source_text.splitlines()
    plan = [normalised(line) for line in raw]
    joined = "\n".join(plan)
    starts = list(itertools.accumulate((len(line) + 1 for line in plan[:-1]), initial=0))
    locate = Locator(doc, lines or {})
    count, ambiguous, missing, quoted = 0, 0, [], set()
    found: dict[str, set[int]] = {}  # each excerpt looked for once: a machine-made dataset repeats them
    for parts, excerpt in excerpts(doc):
        count += 1
        wanted = normalised(excerpt)
        if len(wanted) < SHORTEST_EXCERPT:
            message = _("the excerpt {excerpt!r} is too short to trace: at least {least} characters").format(
                excerpt=_shown(excerpt), least=SHORTEST_EXCERPT
            )
            missing.append(locate.problem(parts, message))
            continue
        if wanted not in found:
            found[wanted] = _lines_holding(wanted, joined, starts)
        hits = found[wanted]
        if not hits:
            message = _("the excerpt {excerpt!r} is not in {source} verbatim").format(
                excerpt=_shown(excerpt), source=source
            )
            missing.append(locate.problem(parts, message))
            continue
        ambiguous += len(hits) > 1
        quoted.update(hits)
    figures = [number for number, line in enumerate(raw, 1) if FIGURE.search(line)]
    uncovered = [(number, raw[number - 1].strip()) for number in figures if number not in quoted]
    return Provenance(name, source, count, missing, ambiguous, len(figures), uncovered)


def check_provenance(source: Source, dataset: Source = None, *, encoding: str = "utf-8-sig") -> Provenance:
    """:func:`trace` for two files: the plan's text ``source`` and a ``dataset`` file (the
    packaged plan by default), both read as seoulplan reads a dataset (``encoding``); with
    what :func:`seoulplan.check` finds in the dataset (``.dataset``), from the same reading.
    Unreadable files and syntax errors raise DataError."""
    from seoulplan.core.plan import check_with_lines

    checked, lines = check_with_lines(dataset, encoding=encoding)
    source_text, source_name = read_text(source, encoding)
    found = trace(checked.doc or {}, source_text, lines=lines, name=checked.name, source=source_name)
    return found._replace(dataset=checked)


def _lines_holding(wanted: str, joined: str, starts: list[int]) -> set[int]:
    """The numbers (from 1) of the lines of ``joined`` (lines beginning at ``starts``) that hold
    ``wanted`` (which has no line break, so never spans two)."""
    found: set[int] = set()
    at = joined.find(wanted)
    while at >= 0:
        found.add(bisect.bisect_right(starts, at))
        at = joined.find(wanted, at + 1)
    return found


def _shown(excerpt: str, most: int = 80) -> str:
    """An excerpt as a message quotes it: at most ``most`` characters (a message never echoes
    a whole file)."""
    return excerpt if len(excerpt) <= most else excerpt[: most - 1] + "…"
