"""Writing materialized schemas as YAML (`serialize.to_yaml`), with PyYAML.

Imported on first use: PyYAML costs about 20 ms to import, and a run that
writes and compares nothing never needs it.
"""

from __future__ import annotations

import io
import math
from typing import Any

import yaml

# libyaml's emitter is several times faster than PyYAML's own, which matters
# when a CI run re-serializes thousands of schemas to compare them.
_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_RESOLVED_LIMIT = 100_000


class _Dumper(_Base):  # type: ignore[misc]
    """Safe YAML dumper that writes multi-line text as literal blocks."""

    # The emitter asks the resolver, for every scalar, which tag a plain
    # spelling would be read as; the answer depends on the text alone and
    # schemas repeat the same few hundred strings, so it is remembered.
    _resolved: dict[tuple[Any, str, tuple[bool, bool]], str] = {}  # noqa: RUF012

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if not isinstance(value, str):
            return super().resolve(kind, value, implicit)
        key = (kind, value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < _RESOLVED_LIMIT:
                self._resolved[key] = tag
        return tag


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Literal blocks keep text as written; YAML cannot write trailing spaces
    # or control characters in them, so such strings stay quoted.
    if (
        "\n" in value
        and " \n" not in value
        and not value.endswith(" ")
        and not any(c in value for c in "\t\r\x85\u2028\u2029")
    ):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def write(data: Any) -> bytes:
    """`data` as YAML: block style, keys in the given order, text unescaped."""
    stream = io.StringIO()
    dumper = _Dumper(
        stream,
        default_flow_style=False,
        allow_unicode=True,
        width=88,
        sort_keys=False,
    )
    try:
        node = _Nodes().node(data)
    except _Unsupported:
        node = None
    dumper.open()
    if node is None:
        dumper.represent(data)  # PyYAML's own representer knows every type
    else:
        dumper.serialize(node)
    dumper.close()
    return stream.getvalue().encode("utf-8")


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Unsupported(Exception):
    """A value outside JSON's types: PyYAML's representer takes over."""


class _Nodes:
    """The YAML node graph PyYAML's safe representer (with `_represent_str`)
    builds for JSON data, built directly.

    PyYAML's representer dispatches every value through its type tables and
    alias bookkeeping, which for schema data takes longer than libyaml's
    emitter writing the result; without it (and with the resolver's answers
    remembered) `to_yaml` is 1.6 times as fast, and a large `check`
    re-serializes thousands of schemas. The nodes must be exactly PyYAML's (a
    test compares the bytes on both trees and on generated data): a container
    met twice is the same node, so the emitter writes an anchor and an alias as
    before.
    """

    def __init__(self) -> None:
        self.seen: dict[int, yaml.Node] = {}
        self.keep: list[Any] = []  # ids stay unique while the graph is built

    def node(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:
            return _represent_str(_STUB, data)
        if kind is dict or kind is list:
            found = self.seen.get(id(data))
            if found is not None:
                return found
            self.keep.append(data)
            if kind is dict:
                pairs: list[tuple[yaml.Node, yaml.Node]] = []
                mapping = yaml.MappingNode(_MAP, pairs, flow_style=False)
                self.seen[id(data)] = mapping
                node = self.node
                pairs.extend((node(k), node(v)) for k, v in data.items())
                return mapping
            items: list[yaml.Node] = []
            sequence = yaml.SequenceNode(_SEQ, items, flow_style=False)
            self.seen[id(data)] = sequence
            items.extend(map(self.node, data))
            return sequence
        if kind is bool:
            return yaml.ScalarNode(_BOOL, "true" if data else "false")
        if kind is int:
            return yaml.ScalarNode(_INT, str(data))
        if kind is float:
            return yaml.ScalarNode(_FLOAT, _float_text(data))
        if data is None:
            return yaml.ScalarNode(_NULL, "null")
        raise _Unsupported


def _float_text(value: float) -> str:
    # SafeRepresenter.represent_float, step by step.
    if value != value:
        return ".nan"
    if value == math.inf:
        return ".inf"
    if value == -math.inf:
        return "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


class _Stub:
    """Enough of a dumper for `_represent_str` outside a dump."""

    @staticmethod
    def represent_scalar(tag: str, value: str, style: str | None = None) -> Any:
        return yaml.ScalarNode(tag, value, style=style)


_STUB: Any = _Stub()
