"""PyYAML's safe loader (the C one where present), made strict for seoulplan's files.

- Keys are the text written (``2020:`` is the key ``"2020"``, ``no:`` is ``"no"``), as in
  JSON, so a document means the same whichever of the two it was written in; a key that
  is a list or a mapping is refused, and so is a duplicate key (PyYAML keeps the last
  one silently).
- Numbers go through :mod:`seoulplan.core.numeric`: ``0100`` or ``1:30`` (which YAML 1.1
  reads as 64 and 90), ``.nan`` and figures too large or too precise stand in the
  document as refusals, which validation reports with their paths.
- Aliases are refused (no "billion laughs"), and so are tags that have no place in a
  dataset (binary, set, omap, pairs); dates stay text.
- The line of every mapping, list and key is remembered, so that validation can say
  where a problem is.

Imported only when a file is actually parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, NoReturn

import yaml

from seoulplan.core.i18n import _
from seoulplan.core.numeric import number_or_refusal

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader: text keys, checked numbers, no duplicates or aliases, and positions."""

    def __init__(self, stream: str | bytes | IO[str] | IO[bytes]) -> None:
        super().__init__(stream)
        self.lines: dict = {}  # id(container) -> line; (id(mapping), key) -> line of the key

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        # Called by the pure-Python composer only; the C composer resolves aliases itself,
        # which is why aliases are also rejected after construction (parsing.reject_aliases).
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, _("aliases are not allowed in a seoulplan dataset"), event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[dict]:
        data: dict = {}
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, _("a mapping key must be plain text, not a list or a mapping"), key_node.start_mark
                )
            key = key_node.value
            if key in data:
                raise yaml.constructor.ConstructorError(
                    _("while reading the mapping that starts on line {line}").format(line=node.start_mark.line + 1),
                    node.start_mark,
                    _("duplicate key {key!r} (first on line {line})").format(key=key, line=self.lines[(id(data), key)]),
                    key_node.start_mark,
                )
            self.lines[(id(data), key)] = key_node.start_mark.line + 1
            data[key] = self.construct_object(value_node, deep=False)

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Iterator[list]:
        data: list = []
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        data.extend(self.construct_sequence(node))

    def construct_number(self, node: yaml.ScalarNode) -> int | float | dict:
        return number_or_refusal(node.value)

    def refuse_tag(self, node: yaml.Node) -> NoReturn:
        raise yaml.constructor.ConstructorError(
            None, None, _("the tag {tag} has no place in a seoulplan dataset").format(tag=node.tag), node.start_mark
        )


Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_yaml_seq)
Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_number)
Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_number)
Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)  # dates stay text
for _tag in ("binary", "set", "omap", "pairs"):
    Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", Loader.refuse_tag)
