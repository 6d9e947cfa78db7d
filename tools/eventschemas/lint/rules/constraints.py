"""Constraints that cannot hold, are missing, or are not what they seem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import SchemaContext
from eventschemas.lint.ecma import compile_error
from eventschemas.lint.facts import NUMERIC, is_number, quoted
from eventschemas.tree import pointer as jp

# (lower bound, upper bound, whether the two may be equal)
_RANGES = (
    ("minLength", "maxLength", True),
    ("minItems", "maxItems", True),
    ("minProperties", "maxProperties", True),
    ("minContains", "maxContains", True),
    ("minimum", "maximum", True),
    ("exclusiveMinimum", "maximum", False),
    ("minimum", "exclusiveMaximum", False),
    ("exclusiveMinimum", "exclusiveMaximum", False),
)
_LOWS = frozenset(low for low, _, _ in _RANGES)
_HIGHS = frozenset(high for _, high, _ in _RANGES)


@rule(
    "constraint-unsatisfiable",
    Level.STANDARD,
    S.ERROR,
    "constraints can be met (minLength <= maxLength, no required false schema, ...)",
    View.SOURCE,
)
def constraint_unsatisfiable(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having_any(_LOWS):
        if not _HIGHS.isdisjoint(node):
            yield from _ranges(context, pointer, node)
    for pointer, node in context.having("required"):
        yield from _required_false(context, pointer, node)
    for pointer, node in context.having("enum"):
        if node["enum"] == []:
            yield context.report(
                jp.join(pointer, "enum"),
                "enum is empty, so no value is valid; list the allowed values",
            )


def _ranges(
    context: SchemaContext, pointer: str, node: dict[str, Any]
) -> Iterator[Diagnostic]:
    for low, high, equal_ok in _RANGES:
        a, b = node.get(low), node.get(high)
        if is_number(a) and is_number(b) and (a > b or (a == b and not equal_ok)):
            yield context.report(
                jp.join(pointer, low),
                f"{low} {a} and {high} {b} leave no valid value; fix one of them",
            )


def _required_false(
    context: SchemaContext, pointer: str, node: dict[str, Any]
) -> Iterator[Diagnostic]:
    properties, required = node.get("properties"), node.get("required")
    if not isinstance(properties, dict) or not isinstance(required, list):
        return
    for index, name in enumerate(required):
        if isinstance(name, str) and properties.get(name) is False:
            yield context.report(
                jp.join(pointer, "required", index),
                f"property {name!r} is required but its schema is false, so no "
                "event can be valid; drop one of the two",
            )


_COMBINATORS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")


@rule(
    "required-defined",
    Level.MINIMAL,
    S.ERROR,
    "every name in required is declared in properties",
    View.MATERIALIZED,
)
def required_defined(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("required"):
        required = node["required"]
        if not isinstance(required, list) or _only_constrains(pointer, node):
            continue
        properties = node.get("properties")
        declared = properties if isinstance(properties, dict) else {}
        for index, name in enumerate(required):
            if isinstance(name, str) and name not in declared:
                yield context.report(
                    jp.join(pointer, "required", index),
                    f"{name!r} is required but not declared in properties; declare "
                    "it (with a type and description) or remove it from required",
                )


def _only_constrains(pointer: str, node: dict[str, Any]) -> bool:
    """A branch like `oneOf: [{required: [a]}]` narrows its parent's properties."""
    last = pointer.rsplit("/", 2)
    inside = any(token in _COMBINATORS for token in last[-2:])
    return inside and "properties" not in node and node.get("type") != "object"


@rule(
    "numeric-bounds",
    Level.MINIMAL,
    S.ERROR,
    "materialized integers and numbers have minimum and maximum within the bounds",
    View.MATERIALIZED,
)
def numeric_bounds(context: SchemaContext) -> Iterator[Diagnostic]:
    bounds = context.repo.config.numeric_bounds
    if bounds is None:
        return
    for pointer, node in context.having("type"):
        if isinstance(node["type"], str) and node["type"] in NUMERIC:
            yield from _bound(
                context, pointer, node, ("minimum", "exclusiveMinimum"), bounds
            )
            yield from _bound(
                context, pointer, node, ("maximum", "exclusiveMaximum"), bounds
            )


def _bound(
    context: SchemaContext,
    pointer: str,
    node: dict[str, Any],
    keys: tuple[str, str],
    bounds: tuple[int, int],
) -> Iterator[Diagnostic]:
    low, high = bounds
    key = next((k for k in keys if is_number(node.get(k))), None)
    if key is None:
        yield context.report(
            pointer,
            f"{node['type']} without {keys[0]}; materialize adds one within "
            f"[{low}, {high}]: re-materialize this schema, or set {keys[0]}",
        )
        return
    value = node[key]
    if value < low or value > high:
        yield context.report(
            jp.join(pointer, key),
            f"{key} {value} is outside the enforced bounds [{low}, {high}] (beyond "
            "them JavaScript consumers lose precision); use a value inside them",
        )


@rule(
    "ref-siblings",
    Level.STRICT,
    S.WARNING,
    "no keywords beside $ref (draft-07 ignores them)",
    View.SOURCE,
)
def ref_siblings(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("$ref"):
        if len(node) > 1:
            others = [k for k in node if k != "$ref"]
            yield context.report(
                jp.join(pointer, others[0]),
                f"keywords beside $ref ({quoted(others)}) are ignored by draft-07 "
                "validators "
                "(only materialization merges them); wrap them with the $ref in "
                "allOf: [{$ref: ...}, {...}]",
            )


def _patterns(context: SchemaContext) -> Iterator[tuple[str, str]]:
    for pointer, node in context.having("pattern"):
        if isinstance(node["pattern"], str):
            yield jp.join(pointer, "pattern"), node["pattern"]
    for pointer, node in context.having("patternProperties"):
        found = node["patternProperties"]
        if isinstance(found, dict):
            for key in found:
                yield jp.join(pointer, "patternProperties", key), key


@rule(
    "pattern-ecma262",
    Level.STANDARD,
    S.ERROR,
    "pattern and patternProperties are valid ECMA-262 regular expressions",
    View.SOURCE,
)
def pattern_ecma262(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, pattern in _patterns(context):
        error = compile_error(pattern)
        if error is not None:
            yield context.report(
                pointer,
                f"{pattern!r} is not an ECMA-262 regular expression ({error}); "
                "JSON Schema patterns use JavaScript syntax: fix the expression",
            )


@rule(
    "pattern-unicode-mode",
    Level.STRICT,
    S.WARNING,
    "patterns also compile in ECMA-262 unicode mode (the u flag)",
    View.SOURCE,
)
def pattern_unicode_mode(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, pattern in _patterns(context):
        if compile_error(pattern) is None:
            error = compile_error(pattern, unicode=True)
            if error is not None:
                yield context.report(
                    pointer,
                    f"{pattern!r} is rejected in unicode mode ({error}), as "
                    "validators that compile with the u flag (Ajv 8) do; escape "
                    "only syntax characters",
                )
