"""Stable serialization of materialized schemas (YAML and JSON) and key order."""

from __future__ import annotations

import json
from typing import Any

import orjson

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

# Bump whenever `to_yaml` or `to_json` writes different bytes for the same
# data: caches of what data serializes to are then left alone (`tree.cache`).
WRITER_VERSION = 1


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


def to_yaml(data: Any) -> bytes:
    """`data` as YAML: block style, keys in the given order, text unescaped.

    The writer lives in `tree.yaml_writer`, imported on first use with PyYAML:
    a run that serializes nothing (a check whose answers are all cached) never
    loads either.
    """
    from eventschemas.tree.yaml_writer import write

    return write(data)


def to_json(data: Any) -> bytes:
    """`data` as JSON indented by two spaces, text unescaped, newline at the end.

    The standard library's encoder writes this layout only in pure Python
    (indenting turns its C encoder off). orjson writes the same bytes about
    thirty times faster, except for floats (it spells `1e-07` as `1e-7`) and
    integers beyond 64 bits, which it refuses; data holding either goes the
    slow way.
    """
    if not _has_float(data):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
        except TypeError:  # an integer orjson cannot write
            pass
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def exact_json(data: Any) -> bytes | None:
    """What `to_json` writes for `data`, when reading those bytes back gives
    `data` exactly; None when it may not (a float, a date, a subclass of a
    JSON type, an integer beyond 64 bits: orjson would write something JSON
    reads back as another value, or the slow path decides)."""
    if _has_float(data):
        return None
    try:
        return orjson.dumps(data, option=_EXACT) + b"\n"
    except TypeError:
        return None


# Everything orjson would otherwise write as some JSON value is refused.
_EXACT = (
    orjson.OPT_INDENT_2
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


def _has_float(data: Any) -> bool:
    todo = [data]
    while todo:
        value = todo.pop()
        kind = type(value)
        if kind is dict:
            todo.extend(value.values())
        elif kind is list:
            todo.extend(value)
        elif kind is float:
            return True
    return False


SERIALIZERS = {"yaml": to_yaml, "json": to_json}
