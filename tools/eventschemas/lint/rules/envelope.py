"""The event envelope every non-fragment schema carries (usually via a fragment).

An event names its schema (`$schema`), its stream (`meta.stream`) and the time
of what it describes (`dt`); routing, validation and storage rely on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import SchemaContext

_STD = Level.STANDARD
_HOW = " (the common fragment, /fragment/common, provides it)"


def _missing(schema: Any, name: str, at: str = "") -> str | None:
    """Where to fix `schema` so that it declares and requires `name` (None: ok)."""
    if not isinstance(schema, dict):
        return at
    properties, required = schema.get("properties"), schema.get("required")
    if not isinstance(properties, dict) or name not in properties:
        return f"{at}/properties" if isinstance(properties, dict) else at
    if not isinstance(required, list) or name not in required:
        return f"{at}/required" if isinstance(required, list) else at
    return None


@rule(
    "envelope-schema",
    _STD,
    S.ERROR,
    "an event schema requires the $schema property",
    View.MATERIALIZED,
)
def envelope_schema(context: SchemaContext) -> Iterator[Diagnostic]:
    where = None if context.is_fragment else _missing(context.data, "$schema")
    if where is not None:
        yield context.report(
            where,
            "the schema does not require $schema, so events need not say which "
            f"schema they follow: declare the property and require it{_HOW}",
        )


@rule(
    "envelope-meta-stream",
    _STD,
    S.ERROR,
    "an event schema requires meta and meta.stream",
    View.MATERIALIZED,
)
def envelope_meta_stream(context: SchemaContext) -> Iterator[Diagnostic]:
    if context.is_fragment:
        return
    where = _missing(context.data, "meta")
    if where is None:  # so properties is a mapping holding meta
        meta = context.data["properties"]["meta"]
        where = _missing(meta, "stream", "/properties/meta")
    if where is not None:
        yield context.report(
            where,
            "the schema does not require meta.stream, so events need not say "
            f"which stream they belong to: require meta, and stream in it{_HOW}",
        )


@rule(
    "envelope-dt",
    _STD,
    S.ERROR,
    "an event schema requires the event time dt",
    View.MATERIALIZED,
)
def envelope_dt(context: SchemaContext) -> Iterator[Diagnostic]:
    where = None if context.is_fragment else _missing(context.data, "dt")
    if where is not None:
        yield context.report(
            where,
            "the schema does not require the event time dt: declare dt (a "
            f"date-time string) and require it{_HOW}",
        )


@rule(
    "examples-present",
    Level.STRICT,
    S.WARNING,
    "an event schema has at least one example",
    View.MATERIALIZED,
)
def examples_present(context: SchemaContext) -> Iterator[Diagnostic]:
    examples = context.data.get("examples")
    if not context.is_fragment and not (isinstance(examples, list) and examples):
        yield context.report(
            "",
            "the schema has no examples; add one complete, valid event under "
            "examples: so that producers and tests have a reference",
        )
