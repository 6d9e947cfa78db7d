"""Secure schemas, in the spirit of Ajv's `json-schema-secure` metaschema.

A validator exposed to untrusted events should not spend unbounded time on
one: regex and format checks need a length limit, uniqueness checks an item
limit, and arrays of objects a size.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import SchemaContext
from eventschemas.lint.facts import declared_types
from eventschemas.tree import pointer as jp


@rule(
    "secure-pattern-max-length",
    Level.MINIMAL,
    S.ERROR,
    "pattern comes with maxLength (patternProperties with propertyNames.maxLength)",
    View.SOURCE,
)
def secure_pattern_max_length(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("pattern"):
        if "maxLength" not in node:
            yield context.report(
                jp.join(pointer, "pattern"),
                "pattern without maxLength lets one long string make validation "
                "slow; add maxLength",
            )
    for pointer, node in context.having("patternProperties"):
        names = node.get("propertyNames")
        if not (isinstance(names, dict) and "maxLength" in names):
            yield context.report(
                jp.join(pointer, "patternProperties"),
                "patternProperties without propertyNames: {maxLength: ...} lets "
                "long property names make validation slow; add it",
            )


@rule(
    "secure-format-max-length",
    Level.MINIMAL,
    S.ERROR,
    "a string format comes with maxLength",
    View.SOURCE,
)
def secure_format_max_length(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("format"):
        types = declared_types(node)
        if "maxLength" not in node and (not types or "string" in types):
            yield context.report(
                jp.join(pointer, "format"),
                "format without maxLength lets one long string make validation "
                "slow; add maxLength",
            )


@rule(
    "secure-unique-items-max-items",
    Level.STANDARD,
    S.WARNING,
    "uniqueItems comes with maxItems",
    View.SOURCE,
)
def secure_unique_items(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("uniqueItems"):
        if node["uniqueItems"] is True and "maxItems" not in node:
            yield context.report(
                jp.join(pointer, "uniqueItems"),
                "uniqueItems without maxItems compares every pair of items of an "
                "unbounded array; add maxItems",
            )


@rule(
    "secure-array-max-items",
    Level.STRICT,
    S.WARNING,
    "an array of objects or arrays has maxItems",
    View.SOURCE,
)
def secure_array_max_items(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("items"):
        items = node["items"]
        if node.get("type") != "array" or "maxItems" in node:
            continue
        if isinstance(items, dict) and items.get("type") in ("object", "array"):
            yield context.report(
                pointer,
                f"an array of {items['type']}s without maxItems lets one event grow "
                "without bound; add maxItems",
            )
