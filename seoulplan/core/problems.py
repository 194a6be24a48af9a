"""A problem of a dataset, and where it is: its YAML path (``$.kpis[3](future.x).target``) and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from seoulplan.core.escaping import escaped
from seoulplan.core.i18n import _

#: The sections whose records a path names by id: ``$.kpis[3](future.x)``.
_NAMED = ("$.kpis[", "$.deliverables[")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset: where (YAML path, line) and what."""

    path: str
    message: str
    line: int | None = None

    def render(self, name: str) -> str:
        where = f"{name}:{self.line}" if self.line else name
        return escaped(f"{where}: {self.path}: {self.message}")


class Locator:
    """Turns a path into the document — a list of keys and indexes — into a Problem's place."""

    def __init__(self, doc: dict, lines: dict):
        self.doc, self.lines = doc, lines

    def path(self, parts: list) -> str:
        text = "$"
        node: Any = self.doc
        for part in self._keys(parts):
            if isinstance(part, int):
                text += f"[{part}]"
                node = node[part] if isinstance(node, list) and part < len(node) else None
                if isinstance(node, dict) and isinstance(node.get("id"), str) and text.startswith(_NAMED):
                    text += f"({node['id']})"
            else:
                text += f".{part}"
                node = node.get(part) if isinstance(node, dict) else None
        return text

    def line(self, parts: list) -> int | None:
        """The line of the last key on the path, or of the nearest container that has one."""
        node: Any = self.doc
        best = self.lines.get(id(node))
        for part in self._keys(parts):
            if isinstance(node, dict) and part in node:
                best = self.lines.get((id(node), part), best)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                break
            if isinstance(node, (dict, list)):
                best = self.lines.get(id(node), best)
        return best

    def _keys(self, parts: list) -> list:
        """The path with each mapping key as text: a validator reports the key ``"2020"`` as 2020."""
        keys: list = []
        node: Any = self.doc
        for part in parts:
            if isinstance(node, dict):
                part = str(part) if isinstance(part, int) and part not in node else part
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = None
            keys.append(part)
        return keys

    def problem(self, parts: list, message: str) -> Problem:
        return Problem(self.path(parts), message, self.line(parts))

    def first_places(
        self, records: list[tuple[int, dict]], section: str, field: str, problems: list[Problem]
    ) -> dict[str, int]:
        """Where each text ``field`` of ``records`` (``(index, record)`` of ``section``) first
        stands; a value standing twice is a problem at its second place, naming the first."""
        first: dict[str, int] = {}
        for i, record in records:
            value = record.get(field)
            if not isinstance(value, str):
                continue
            if value in first:
                path = f"$.{section}[{first[value]}]"
                message = _("duplicate {field} {value!r} (first at {path})").format(field=field, value=value, path=path)
                problems.append(self.problem([section, i, field], message))
            else:
                first[value] = i
        return first
