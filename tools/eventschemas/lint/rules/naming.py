"""Property naming and documentation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import SchemaContext
from eventschemas.tree import pointer as jp

# The property-name rule of Wikimedia's jsonschema-tools, kept as it is written.
SNAKE_CASE = re.compile(r"^[$a-z]+[a-z0-9_]*$")


def properties_of(context: SchemaContext) -> Iterator[tuple[str, str, Any]]:
    """Every declared property as `(pointer of its parent, name, schema)`."""
    for pointer, node in context.having("properties"):
        properties = node["properties"]
        if type(properties) is dict:
            for name, schema in properties.items():
                yield pointer, name, schema


def property_pointer(parent: str, name: str) -> str:
    return jp.join(parent, "properties", name)


@rule(
    "property-snake-case",
    Level.MINIMAL,
    S.ERROR,
    "property names are snake_case (^[$a-z]+[a-z0-9_]*$)",
    View.SOURCE,
)
def property_snake_case(context: SchemaContext) -> Iterator[Diagnostic]:
    for parent, name, _ in properties_of(context):
        if not SNAKE_CASE.match(name):
            yield context.report(
                property_pointer(parent, name),
                f"property name {name!r} is not snake_case; rename it to "
                f"{snake_case(name)!r} (lower-case letters, digits and _)",
            )


def snake_case(name: str) -> str:
    """A snake_case spelling of `name`, offered as a suggestion."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    cleaned = re.sub(r"[^a-z0-9_$]+", "_", spaced.lower()).strip("_")
    if not cleaned or not cleaned[0].isalpha():
        cleaned = "field_" + cleaned
    return cleaned


@rule(
    "property-description",
    Level.STANDARD,
    S.WARNING,
    "every property has a description",
    View.SOURCE,
)
def property_description(context: SchemaContext) -> Iterator[Diagnostic]:
    for parent, name, schema in properties_of(context):
        if not isinstance(schema, dict) or "$ref" in schema:
            continue  # a $ref brings its description along
        text = schema.get("description")
        if not isinstance(text, str) or not text.strip():
            yield context.report(
                property_pointer(parent, name),
                f"property {name!r} has no description; add one saying what the "
                "value means to consumers of the event",
            )
