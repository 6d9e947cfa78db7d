"""Stable serialization of materialized schemas (YAML and JSON) and key order."""

from __future__ import annotations

import json
from typing import Any

import yaml

from eventschemas.tree.walk import transform

# Schema keywords written first, in this order; any others follow in the order
# the source gave them, and `examples` always comes last.
_LEADING = (
    "title",
    "description",
    "$id",
    "$schema",
    "type",
    "format",
    "enum",
    "const",
    "additionalProperties",
    "required",
    "properties",
)
_TRAILING = ("examples",)


def canonical_order(schema: Any) -> Any:
    """Return `schema` with the keywords of every schema object in a stable order."""
    return transform(schema, order_keywords)


def order_keywords(schema: dict[str, Any]) -> dict[str, Any]:
    """One schema object's keywords in the stable order (not its subschemas)."""
    ordered = {k: schema[k] for k in _LEADING if k in schema}
    ordered.update((k, v) for k, v in schema.items() if k not in ordered)
    for key in _TRAILING:
        if key in ordered:
            ordered[key] = ordered.pop(key)
    return ordered


# libyaml's emitter is several times faster than PyYAML's own, which matters
# when a CI run re-serializes thousands of schemas to compare them.
_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc]
    """Safe YAML dumper that writes multi-line text as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Literal blocks keep text as written; YAML cannot write trailing spaces
    # or control characters in them, so such strings stay quoted.
    printable = not any(c in value for c in "\t\r\x85\u2028\u2029")
    if "\n" in value and printable and " \n" not in value and not value.endswith(" "):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> bytes:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text.encode("utf-8")


def to_json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


SERIALIZERS = {"yaml": to_yaml, "json": to_json}
