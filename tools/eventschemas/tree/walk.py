"""Walking the subschemas of a JSON Schema (draft-07, with 2019-09/2020-12 names)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


# The same, as sets for membership tests on hot paths.
ONE_SCHEMA = frozenset(SCHEMA_KEYWORDS)
SCHEMA_ARRAYS = frozenset(SCHEMA_ARRAY_KEYWORDS)
SCHEMA_MAPS = frozenset((*SCHEMA_MAP_KEYWORDS, "dependencies"))


def transform(schema: Any, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """Rebuild `schema` bottom-up, applying `fn` to every schema object."""
    if not isinstance(schema, dict):
        return schema
    rebuilt: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ONE_SCHEMA:
            if isinstance(value, list) and key == "items":
                value = [transform(v, fn) for v in value]
            else:
                value = transform(value, fn)
        elif key in SCHEMA_ARRAYS and isinstance(value, list):
            value = [transform(v, fn) for v in value]
        elif key in SCHEMA_MAPS and isinstance(value, dict):
            value = {n: transform(v, fn) for n, v in value.items()}
        rebuilt[key] = value
    return fn(rebuilt)
