"""Merging `allOf` into one flat schema.

Event schemas pull shared fields in with `allOf: [{$ref: fragment}]`. After
dereferencing, `merge_all_of` folds every `allOf` into its parent so that the
materialized schema has one `properties` and one `required`, which is what
consumers (and code generators) want to read.

Each keyword is combined by the rule in `_RULES`; the rules keep the meaning
of `allOf` (an instance must satisfy every branch). Keywords no rule can fold
safely (two different `pattern`s, `not`, `anyOf`, ...) stay behind in a
residual `allOf`, so merging never changes what validates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from eventschemas.tree.walk import transform

_Unmergeable = object()
Rule = Callable[[Any, Any], Any]


def merge_all_of(schema: Any, *, root_examples_only: bool = True) -> Any:
    """Return `schema` with every `allOf` folded into its parent, recursively.

    With `root_examples_only`, examples that arrive through the root's `allOf`
    (a fragment's own examples) are dropped: they describe the fragment, not
    the event.
    """
    if root_examples_only and isinstance(schema, dict):
        branches = schema.get("allOf")
        if isinstance(branches, list):
            branches = [_without_examples(b) for b in branches]
            schema = {**schema, "allOf": branches}
    return transform(schema, _fold)


def _without_examples(branch: Any) -> Any:
    if isinstance(branch, dict):
        return {k: v for k, v in branch.items() if k != "examples"}
    return branch


def _fold(schema: dict[str, Any]) -> dict[str, Any]:
    branches = schema.get("allOf")
    if not isinstance(branches, list) or not all(isinstance(b, dict) for b in branches):
        return schema
    result = {k: v for k, v in schema.items() if k != "allOf"}
    residual: list[Any] = []
    for branch in branches:
        result = combine(result, branch, residual)
    if residual:
        result["allOf"] = residual
    return result


def combine(
    left: dict[str, Any], right: dict[str, Any], residual: list[Any]
) -> dict[str, Any]:
    """Fold `right` into `left` (both already merged); leftovers go to `residual`."""
    result = dict(left)
    leftover: dict[str, Any] = {}
    for key, value in right.items():
        if key == "allOf" and isinstance(value, list):
            residual.extend(value)
            continue
        if key not in result:
            result[key] = value
            continue
        rule = _RULES.get(key, _equal_or_leftover)
        combined = rule(result[key], value)
        if combined is _Unmergeable:
            leftover[key] = value
        else:
            result[key] = combined
    if "properties" in right and "properties" in left:
        result["properties"] = dict(sorted(result["properties"].items()))
    if leftover:
        residual.append(leftover)
    return result


def _first(left: Any, right: Any) -> Any:
    return left


def _equal_or_leftover(left: Any, right: Any) -> Any:
    return left if left == right else _Unmergeable


def _union_sorted(left: Any, right: Any) -> Any:
    names = (
        [*left, *right] if isinstance(left, list) and isinstance(right, list) else []
    )
    if not names or not all(isinstance(n, str) for n in names):
        return _Unmergeable
    return sorted(set(left) | set(right))


def _intersect(left: Any, right: Any) -> Any:
    if not isinstance(left, list) or not isinstance(right, list):
        return _Unmergeable
    return [item for item in left if item in right]


def _types(left: Any, right: Any) -> Any:
    lefts = left if isinstance(left, list) else [left]
    rights = right if isinstance(right, list) else [right]
    # integer is a subset of number, so their intersection is integer.
    both = [t for t in lefts if t in rights or (t == "integer" and "number" in rights)]
    if "integer" in rights and "number" in lefts and "integer" not in both:
        both.append("integer")
    if not both:
        return _Unmergeable
    return both[0] if len(both) == 1 else both


def _schemas(left: Any, right: Any) -> Any:
    if left is False or right is False:
        return False
    if left is True:
        return right
    if right is True:
        return left
    if isinstance(left, dict) and isinstance(right, dict):
        residual: list[Any] = []
        merged = combine(left, right, residual)
        if residual:
            merged["allOf"] = [*merged.get("allOf", []), *residual]
        return merged
    return _Unmergeable


def _schema_maps(left: Any, right: Any) -> Any:
    if not isinstance(left, dict) or not isinstance(right, dict):
        return _Unmergeable
    result = dict(left)
    for name, schema in right.items():
        result[name] = _schemas(result[name], schema) if name in result else schema
    return result


def _maximum(left: Any, right: Any) -> Any:
    return max(left, right)


def _minimum(left: Any, right: Any) -> Any:
    return min(left, right)


def _any(left: Any, right: Any) -> Any:
    return bool(left or right)


def _multiple_of(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int):
        return left * right // math.gcd(left, right)
    return left if left == right else _Unmergeable


_RULES: dict[str, Rule] = {
    "title": _first,
    "description": _first,
    "$id": _first,
    "$schema": _first,
    "$comment": _first,
    "examples": _first,
    "default": _first,
    "readOnly": _any,
    "writeOnly": _any,
    "type": _types,
    "required": _union_sorted,
    "enum": _intersect,
    "properties": _schema_maps,
    "patternProperties": _schema_maps,
    "definitions": _schema_maps,
    "$defs": _schema_maps,
    "additionalProperties": _schemas,
    "items": _schemas,
    "additionalItems": _schemas,
    "propertyNames": _schemas,
    "contains": _schemas,
    "minimum": _maximum,
    "exclusiveMinimum": _maximum,
    "minLength": _maximum,
    "minItems": _maximum,
    "minProperties": _maximum,
    "maximum": _minimum,
    "exclusiveMaximum": _minimum,
    "maxLength": _minimum,
    "maxItems": _minimum,
    "maxProperties": _minimum,
    "uniqueItems": _any,
    "multipleOf": _multiple_of,
}
