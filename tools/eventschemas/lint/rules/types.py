"""Deterministic types: every value has exactly one, knowable type.

These are the checks of jsonschema-tools' `schema-deterministic-types`, which
lets events be stored in typed tables (Hive, Iceberg) without guessing.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import SchemaContext
from eventschemas.lint.facts import quoted
from eventschemas.lint.rules.naming import properties_of, property_pointer
from eventschemas.tree import pointer as jp

_MIN = Level.MINIMAL


@rule(
    "type-no-union",
    _MIN,
    S.ERROR,
    "type is a single name, never a list (no union types)",
    View.SOURCE,
)
def type_no_union(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("type"):
        value = node["type"]
        if isinstance(value, list):
            yield context.report(
                jp.join(pointer, "type"),
                f"type is a union ({quoted(value)}); declare one type, and leave "
                "an optional field out of the event instead of sending null",
            )


@rule(
    "property-type-declared",
    _MIN,
    S.ERROR,
    "every property declares its type",
    View.MATERIALIZED,
)
def property_type_declared(context: SchemaContext) -> Iterator[Diagnostic]:
    for parent, name, schema in properties_of(context):
        if not isinstance(schema, dict) or "type" not in schema:
            yield context.report(
                property_pointer(parent, name),
                f"property {name!r} declares no type; add type: (string, integer, "
                "number, boolean, object or array)",
            )


@rule(
    "array-items-typed",
    _MIN,
    S.ERROR,
    "an array declares items with a type",
    View.MATERIALIZED,
)
def array_items_typed(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("type"):
        if node["type"] != "array":
            continue
        items = node.get("items")
        if not isinstance(items, dict) or "type" not in items:
            where = jp.join(pointer, "items") if "items" in node else pointer
            yield context.report(
                where,
                "array items have no declared type; add items: {type: ...} so "
                "every element has one known type",
            )


@rule(
    "object-has-shape",
    _MIN,
    S.ERROR,
    "an object declares properties or additionalProperties",
    View.MATERIALIZED,
)
def object_has_shape(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("type"):
        if node["type"] != "object":
            continue
        shaped = any(k in node for k in ("properties", "oneOf", "allOf"))
        if not shaped and not node.get("additionalProperties"):
            yield context.report(
                pointer,
                "object declares neither properties nor additionalProperties; "
                "list its properties, or for a map add additionalProperties: "
                "{type: ...}",
            )


@rule(
    "oneof-same-type",
    _MIN,
    S.ERROR,
    "oneOf branches share one type (objects: the same required names)",
    View.MATERIALIZED,
)
def oneof_same_type(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("oneOf"):
        branches = node["oneOf"]
        if not isinstance(branches, list) or not branches:
            continue
        shapes = {_shape(b) for b in branches}
        if len(shapes) > 1:
            yield context.report(
                jp.join(pointer, "oneOf"),
                "oneOf branches differ in type or in required properties; give "
                "every branch the same type (and, for objects, the same required "
                "names) so the value's type does not depend on its content",
            )


def _shape(branch: object) -> tuple[str, frozenset[str]]:
    if not isinstance(branch, dict):
        return ("", frozenset())
    kind = branch.get("type")
    required = branch.get("required") if kind == "object" else None
    listed = required if isinstance(required, list) else ()
    names = frozenset(r for r in listed if isinstance(r, str))
    return (str(kind), names)


@rule(
    "enum-no-null",
    _MIN,
    S.ERROR,
    "enum does not list null",
    View.SOURCE,
)
def enum_no_null(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("enum"):
        values = node["enum"]
        if isinstance(values, list) and None in values:
            yield context.report(
                jp.join(pointer, "enum", values.index(None)),
                "enum lists null; remove it and leave the field out of events "
                "that have no value",
            )
