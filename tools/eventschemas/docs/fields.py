"""Flatten a materialized schema into a table of fields with nested paths.

Paths join property names with dots; `[]` stands for the items of an array and
`{}` for the values of a map (`additionalProperties` with a schema). The
alternatives of `anyOf`/`oneOf` contribute their properties under the same path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventschemas.docs.model import FieldRow
from eventschemas.jsonvalues import json_type

# Deeper nesting than this is shown no further: a materialized schema is a
# tree, so the limit only guards against pathological inputs.
_MAX_DEPTH = 24
_ALTERNATIVES = ("oneOf", "anyOf")
Bounds = tuple[int, int] | None


def field_rows(schema: Any, bounds: Bounds = None) -> list[FieldRow]:
    """The rows of the field table for one schema, in document order.

    Args:
        schema: a materialized schema (no `$ref`, `allOf` merged).
        bounds: the repository's enforced numeric bounds; bounds equal to
            them were added by materializing and are not shown.
    """
    rows: dict[str, FieldRow] = {}
    for row in _object_rows(schema, "", 0, bounds):
        rows.setdefault(row.path, row)
    return list(rows.values())


def _object_rows(
    schema: Any, prefix: str, depth: int, bounds: Bounds
) -> Iterator[FieldRow]:
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return
    required = schema.get("required")
    required = set(required) if isinstance(required, list) else set()
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            path = f"{prefix}.{name}" if prefix else str(name)
            yield _row(path, depth, sub, name in required, bounds)
            yield from _nested(sub, path, depth + 1, bounds)
    for keyword in _ALTERNATIVES:
        for branch in _schemas(schema.get(keyword)):
            yield from _object_rows(branch, prefix, depth, bounds)


def _nested(schema: Any, path: str, depth: int, bounds: Bounds) -> Iterator[FieldRow]:
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return
    yield from _object_rows(schema, path, depth, bounds)
    for suffix, keyword in (("[]", "items"), ("{}", "additionalProperties")):
        sub = schema.get(keyword)
        if isinstance(sub, dict) and sub:
            yield _row(path + suffix, depth, sub, False, bounds)
            yield from _nested(sub, path + suffix, depth + 1, bounds)


def _schemas(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _row(
    path: str, depth: int, schema: Any, required: bool, bounds: Bounds
) -> FieldRow:
    if not isinstance(schema, dict):
        text = "anything" if schema is True else "nothing (false)"
        return FieldRow(path, depth, text, required, (), "")
    description = schema.get("description")
    return FieldRow(
        path=path,
        depth=depth,
        type=type_text(schema),
        required=required,
        constraints=tuple(constraints(schema, bounds)),
        description=description if isinstance(description, str) else "",
    )


def type_text(schema: dict[str, Any]) -> str:
    """The JSON type(s) a schema allows, in words (`string or null`)."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return declared
    if isinstance(declared, list) and declared:
        return " or ".join(str(t) for t in declared)
    for keyword in _ALTERNATIVES:
        branches = _schemas(schema.get(keyword))
        if branches:
            return " or ".join(dict.fromkeys(type_text(b) for b in branches))
    if "const" in schema:
        return json_type(schema["const"])
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return " or ".join(dict.fromkeys(json_type(v) for v in schema["enum"]))
    return "any"


def constraints(schema: dict[str, Any], bounds: Bounds = None) -> Iterator[str]:
    """Short phrases for the constraints a schema puts on its value."""
    if "const" in schema:
        yield f"always {show(schema['const'])}"
    if isinstance(schema.get("enum"), list):
        yield "one of " + ", ".join(show(v) for v in schema["enum"])
    for keyword, label in _LABELLED:
        if keyword in schema:
            yield f"{label} {_plain(schema[keyword])}"
    yield from _bound_phrases(schema, bounds)
    if schema.get("uniqueItems") is True:
        yield "items unique"
    if schema.get("additionalProperties") is False and "properties" in schema:
        yield "no other keys"
    if "default" in schema:
        yield f"default {show(schema['default'])}"


_LABELLED = (
    ("format", "format"),
    ("pattern", "pattern"),
    ("multipleOf", "multiple of"),
    ("contentMediaType", "media type"),
    ("contentEncoding", "encoding"),
)
_BOUNDS = (
    ("minimum", "≥"),
    ("exclusiveMinimum", ">"),
    ("maximum", "≤"),
    ("exclusiveMaximum", "<"),
)
_SIZES = (
    ("length", "minLength", "maxLength"),
    ("items", "minItems", "maxItems"),
    ("keys", "minProperties", "maxProperties"),
)


def _bound_phrases(schema: dict[str, Any], bounds: Bounds) -> Iterator[str]:
    automatic = set(bounds) if bounds else set()
    for keyword, sign in _BOUNDS:
        value = schema.get(keyword)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if keyword in ("minimum", "maximum") and value in automatic:
                continue
            yield f"{sign} {_plain(value)}"
    for label, low, high in _SIZES:
        if low in schema and high in schema:
            yield f"{label} {_plain(schema[low])} to {_plain(schema[high])}"
        elif low in schema:
            yield f"{label} ≥ {_plain(schema[low])}"
        elif high in schema:
            yield f"{label} ≤ {_plain(schema[high])}"


def show(value: Any) -> str:
    """A value as JSON text (strings quoted), for constraint phrases."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else show(value)
