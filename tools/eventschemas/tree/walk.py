"""Walking the subschemas of a JSON Schema (draft-07, with 2019-09/2020-12 names)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from eventschemas.tree import pointer as jp

# Keywords whose value is one schema.
SCHEMA_KEYWORDS = (
    "additionalProperties",
    "items",
    "additionalItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
)
# Keywords whose value is an array of schemas.
SCHEMA_ARRAY_KEYWORDS = ("allOf", "anyOf", "oneOf", "prefixItems")
# Keywords whose value maps names to schemas.
SCHEMA_MAP_KEYWORDS = (
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
)


def subschemas(schema: Any, at: str = "") -> Iterator[tuple[str, Any]]:
    """Yield `(pointer, subschema)` for `schema` and every schema nested in it."""
    todo = [(at, schema)]
    while todo:
        pointer, node = todo.pop()
        yield pointer, node
        if isinstance(node, dict):
            todo.extend(reversed(list(children(node, pointer))))


def children(schema: dict[str, Any], at: str) -> Iterator[tuple[str, Any]]:
    """Yield the direct subschemas of one schema object."""
    for key, value in schema.items():
        if key in SCHEMA_KEYWORDS:
            if key == "items" and isinstance(value, list):
                yield from ((jp.join(at, key, i), v) for i, v in enumerate(value))
            elif isinstance(value, dict | bool):
                yield jp.join(at, key), value
        elif key in SCHEMA_ARRAY_KEYWORDS and isinstance(value, list):
            yield from ((jp.join(at, key, i), v) for i, v in enumerate(value))
        elif key in SCHEMA_MAP_KEYWORDS and isinstance(value, dict):
            yield from ((jp.join(at, key, n), v) for n, v in value.items())
        elif key == "dependencies" and isinstance(value, dict):
            yield from (
                (jp.join(at, key, n), v)
                for n, v in value.items()
                if isinstance(v, dict | bool)
            )


def transform(schema: Any, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """Rebuild `schema` bottom-up, applying `fn` to every schema object."""
    if not isinstance(schema, dict):
        return schema
    rebuilt: dict[str, Any] = {}
    for key, value in schema.items():
        if key in SCHEMA_KEYWORDS:
            if isinstance(value, list) and key == "items":
                value = [transform(v, fn) for v in value]
            else:
                value = transform(value, fn)
        elif key in SCHEMA_ARRAY_KEYWORDS and isinstance(value, list):
            value = [transform(v, fn) for v in value]
        elif key in (*SCHEMA_MAP_KEYWORDS, "dependencies") and isinstance(value, dict):
            value = {n: transform(v, fn) for n, v in value.items()}
        rebuilt[key] = value
    return fn(rebuilt)
