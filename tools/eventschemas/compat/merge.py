"""Merging two schemas into one that accepts exactly their intersection.

Used to flatten `allOf` and to push a schema's own keywords into each of its
`anyOf`/`oneOf` branches, so that the keyword families can compare plain
schemas. A merge that would change the meaning (two different patterns, an
`additionalProperties` that would start to see the other side's properties...)
is refused with None and the caller keeps the combinator as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventschemas.compat.schema import (
    ANNOTATIONS,
    JSON,
    NUMBER_ATOMS,
    atoms_to_type,
    json_equal,
)

_REFUSED = object()
_TUPLE_KEYWORDS = ("items", "prefixItems", "additionalItems", "unevaluatedItems")
_MAX_OF = (
    "minimum",
    "minLength",
    "minItems",
    "minProperties",
    "minContains",
)
_MIN_OF = ("maximum", "maxLength", "maxItems", "maxProperties", "maxContains")
_ALL_TYPES = ("null", "boolean", "object", "array", "string", "integer", "number")


def merge(a: dict[str, JSON], b: dict[str, JSON]) -> dict[str, JSON] | bool | None:
    """`a ∧ b` as one schema; False if provably empty; None if not mergeable."""
    if not _content_models_compatible(a, b) or not _tuples_compatible(a, b):
        return None
    merged = dict(a)
    for keyword, value in b.items():
        if keyword in ANNOTATIONS:
            continue
        if keyword not in merged:
            merged[keyword] = value
            continue
        combined = _combine(keyword, merged[keyword], value)
        if combined is _REFUSED:
            return None
        merged[keyword] = combined
    return _normalised(merged)


def _combine(keyword: str, x: JSON, y: JSON) -> Any:
    if json_equal(x, y):
        return x
    rule = _RULES.get(keyword)
    if rule is None:
        return _REFUSED
    return rule(x, y)


def _content_models_compatible(a: dict[str, JSON], b: dict[str, JSON]) -> bool:
    # additionalProperties only sees the properties declared beside it
    # (draft-07 §6.5.6); merging would hide the other side's names from it.
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if (keyword in a) != (keyword in b) and (
            _declares_names(b) if keyword in a else _declares_names(a)
        ):
            return False
    return True


def _declares_names(schema: dict[str, JSON]) -> bool:
    return "properties" in schema or "patternProperties" in schema


def _tuples_compatible(a: dict[str, JSON], b: dict[str, JSON]) -> bool:
    in_a = [k for k in _TUPLE_KEYWORDS if k in a]
    in_b = [k for k in _TUPLE_KEYWORDS if k in b]
    if not in_a or not in_b:
        return True
    return in_a == in_b and all(json_equal(a[k], b[k]) for k in in_a)


def _normalised(schema: dict[str, JSON]) -> dict[str, JSON] | bool:
    declared = schema.get("type")
    if isinstance(declared, list) and not declared:
        return False
    if isinstance(schema.get("enum"), list) and not schema["enum"]:
        return False
    return schema


def _types(x: JSON, y: JSON) -> Any:
    atoms = _atoms(x) & _atoms(y)
    spelled = atoms_to_type(atoms)
    return spelled[0] if len(spelled) == 1 else spelled


def _atoms(value: JSON) -> frozenset[str]:
    names = [value] if isinstance(value, str) else list(value)
    atoms: set[str] = set()
    for name in names:
        if name == "number":
            atoms |= NUMBER_ATOMS
        elif name in _ALL_TYPES:
            atoms.add("integer" if name == "integer" else name)
    return frozenset(atoms)


def _enum(x: JSON, y: JSON) -> Any:
    return [v for v in x if any(json_equal(v, w) for w in y)]


def _const(x: JSON, y: JSON) -> Any:
    return _REFUSED


def _max(x: JSON, y: JSON) -> Any:
    return max(x, y)


def _min(x: JSON, y: JSON) -> Any:
    return min(x, y)


def _exclusive(pick: Callable[[Any, Any], Any]) -> Callable[[JSON, JSON], Any]:
    def combine(x: JSON, y: JSON) -> Any:
        if isinstance(x, bool) or isinstance(y, bool):
            return _REFUSED  # draft-04 boolean form depends on its sibling
        return pick(x, y)

    return combine


def _required(x: JSON, y: JSON) -> Any:
    return list(dict.fromkeys([*x, *y]))


def _schemas_by_name(x: JSON, y: JSON) -> Any:
    merged = dict(x)
    for name, schema in y.items():
        if name in merged and not json_equal(merged[name], schema):
            merged[name] = {"allOf": [merged[name], schema]}
        else:
            merged[name] = schema
    return merged


def _lists_by_name(x: JSON, y: JSON) -> Any:
    merged = {k: list(v) for k, v in x.items()}
    for name, names in y.items():
        merged[name] = list(dict.fromkeys([*merged.get(name, []), *names]))
    return merged


def _all_of(x: JSON, y: JSON) -> Any:
    return [*x, *y]


def _unique(x: JSON, y: JSON) -> Any:
    return bool(x) or bool(y)


_RULES: dict[str, Callable[[JSON, JSON], Any]] = {
    "type": _types,
    "enum": _enum,
    "const": _const,
    **dict.fromkeys(_MAX_OF, _max),
    **dict.fromkeys(_MIN_OF, _min),
    "exclusiveMinimum": _exclusive(max),
    "exclusiveMaximum": _exclusive(min),
    "required": _required,
    "properties": _schemas_by_name,
    "patternProperties": _schemas_by_name,
    "dependentSchemas": _schemas_by_name,
    "dependentRequired": _lists_by_name,
    "allOf": _all_of,
    "uniqueItems": _unique,
}
