"""PyYAML's safe loader (the C one where present), made stricter for seoulplan's files.

It rejects duplicate keys (PyYAML keeps the last one silently), aliases, and tags that have
no place in a dataset (binary, set, omap, pairs; dates stay text), and it remembers the
line of every mapping, list and key so that validation can say where a problem is.
Imported only when a file is actually parsed.
"""

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):
    """Safe loader that rejects duplicate keys and aliases and remembers where things are."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines: dict = {}  # id(container) -> line; (id(mapping), key) -> line of the key

    def compose_node(self, parent, index):
        # Called by the pure-Python composer only; the C composer resolves aliases itself,
        # which is why aliases are also rejected after construction (see dataset._reject_shared).
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed in a seoulplan dataset", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_map(self, node):
        data: dict = {}
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                ) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    f"while reading the mapping that starts on line {node.start_mark.line + 1}",
                    node.start_mark,
                    f"duplicate key {key!r} (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
            self.lines[(id(data), key)] = key_node.start_mark.line + 1
        data.update(self.construct_mapping(node))

    def construct_yaml_seq(self, node):
        data: list = []
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        data.extend(self.construct_sequence(node))


Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_yaml_seq)
for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:set",
             "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
    # Dates stay text (the schema quotes them anyway); the rest has no place in a dataset.
    Loader.add_constructor(_tag, Loader.construct_yaml_str if _tag.endswith("timestamp") else None)
