"""One side's object content model and the schema governing each property name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct, field

from eventschemas.compat import regex
from eventschemas.compat.families.members import openness
from eventschemas.compat.schema import JSON, Node

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_APPLICATORS = ("allOf", "anyOf", "oneOf", "not", "if", "$ref", "dependentSchemas")


class Model(Struct, dict=True):
    """One side's object content model."""

    node: Node
    props: dict[str, JSON] = field(default_factory=dict)
    patterns: dict[str, Node] = field(default_factory=dict)
    fallback: Node | None = None
    fallback_keyword: str = "additionalProperties"
    names: Node | None = None
    required: list[str] = field(default_factory=list)
    opaque_fallback: bool = False

    def prop(self, name: str) -> Node:
        return self.node.child("properties", name)

    @property
    def closed(self) -> bool:
        return not self.patterns and openness(self.fallback) == "closed"


def model(node: Node) -> Model:
    m = Model(node)
    if isinstance(node.get("properties"), dict):
        m.props = node.schema["properties"]
    if isinstance(node.get("patternProperties"), dict):
        m.patterns = {
            p: node.child("patternProperties", p)
            for p in node.schema["patternProperties"]
        }
    m.names = node.maybe("propertyNames")
    required = node.get("required")
    if isinstance(required, list):
        m.required = [r for r in required if isinstance(r, str)]
    if node.has("additionalProperties"):
        m.fallback = node.child("additionalProperties")
    elif node.has("unevaluatedProperties"):
        m.fallback_keyword = "unevaluatedProperties"
        m.fallback = node.child("unevaluatedProperties")
        m.opaque_fallback = any(node.has(k) for k in _APPLICATORS)
    return m


def governing(ctx: Ctx, m: Model, name: str) -> Node | None:
    """The schema a value under `name` must match; None means anything."""
    if m.names is not None and ctx.valid(m.names, name) is False:
        return Node(False, m.node.doc, m.node.pointer_of("propertyNames"))
    parts = [m.prop(name)] if name in m.props else []
    parts += [schema for p, schema in m.patterns.items() if matches(p, name)]
    if not parts:
        return m.fallback
    if len(parts) == 1:
        return parts[0]
    conjunction = {"allOf": [p.schema for p in parts]}
    return Node(conjunction, parts[0].doc, parts[0].ptr)


matches = regex.safe_search
