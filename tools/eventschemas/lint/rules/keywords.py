"""Keywords that do nothing: misspelt, beside the wrong type, or mistyped values."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import CATALOGUE, LEGACY_NAMES, Level, View, rule
from eventschemas.lint.context import SchemaContext
from eventschemas.lint.facts import canonical, declared_types, fits, quoted
from eventschemas.lint.rules.vocabulary import (
    APPLIES_TO,
    NUMERIC_FORMATS,
    STRING_FORMATS,
    keywords_for,
)
from eventschemas.lint.waivers import IGNORE_KEY
from eventschemas.tree import pointer as jp

_STD = Level.STANDARD
_NUMERIC = frozenset({"integer", "number"})
_FORMATS = STRING_FORMATS | NUMERIC_FORMATS
_TYPED_KEYWORDS = frozenset(APPLIES_TO)


@rule(
    "unknown-keyword",
    _STD,
    S.ERROR,
    "every keyword belongs to the dialect (custom annotations start with x-)",
    View.SOURCE,
)
def unknown_keyword(context: SchemaContext) -> Iterator[Diagnostic]:
    known = keywords_for(context.data.get("$schema"))
    unknown = [k for k in context.keywords if k not in known and k[:2] != "x-"]
    for key in unknown:
        hint = _hint(key, known)
        for pointer, _ in context.having(key):
            yield context.report(
                jp.join(pointer, key),
                f"unknown keyword {key!r} is ignored by validators{hint}; fix the "
                "spelling, or prefix a custom annotation with x-",
            )


def _hint(key: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


@rule(
    "keyword-type-mismatch",
    _STD,
    S.ERROR,
    "keywords fit the declared type (no maxLength on an integer)",
    View.SOURCE,
)
def keyword_type_mismatch(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("type"):
        types = set(declared_types(node))
        for key in _TYPED_KEYWORDS.intersection(node):
            fitting = APPLIES_TO[key]
            if not fitting & _widened(types):
                yield context.report(
                    jp.join(pointer, key),
                    f"{key} has no effect on a value of type {quoted(sorted(types))}"
                    f" (it applies to {quoted(sorted(fitting))}); remove it or fix "
                    "the type",
                )


def _widened(types: set[str]) -> set[str]:
    return types | {"number"} if "integer" in types else types


@rule(
    "format-type-mismatch",
    _STD,
    S.ERROR,
    "format fits the declared type (string formats on strings)",
    View.SOURCE,
)
def format_type_mismatch(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("format"):
        name, types = node["format"], set(declared_types(node))
        if not isinstance(name, str) or not types:
            continue
        wanted = _NUMERIC if name in NUMERIC_FORMATS else {"string"}
        if name in _FORMATS and not wanted & types:
            yield context.report(
                jp.join(pointer, "format"),
                f"format {name!r} describes {quoted(sorted(wanted))} values but the "
                f"type is {quoted(sorted(types))}; fix the type or drop the format",
            )


@rule(
    "format-unknown",
    _STD,
    S.WARNING,
    "format names a known format (unknown ones are not checked)",
    View.SOURCE,
)
def format_unknown(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("format"):
        name = node["format"]
        if isinstance(name, str) and name not in _FORMATS:
            close = difflib.get_close_matches(name, sorted(_FORMATS), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield context.report(
                jp.join(pointer, "format"),
                f"format {name!r} is not a known format{hint}, so no validator "
                "checks it; use a standard format or a pattern",
            )


@rule(
    "enum-duplicate",
    _STD,
    S.ERROR,
    "enum lists each value once",
    View.SOURCE,
)
def enum_duplicate(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having("enum"):
        values = node["enum"]
        if not isinstance(values, list):
            continue
        seen: set[str] = set()
        for index, value in enumerate(values):
            key = canonical(value)
            if key in seen:
                yield context.report(
                    jp.join(pointer, "enum", index),
                    f"enum lists {value!r} more than once; remove the duplicate",
                )
            seen.add(key)


_LISTING = frozenset({"enum", "const"})


@rule(
    "enum-type-mismatch",
    _STD,
    S.ERROR,
    "enum and const values are of the declared type",
    View.SOURCE,
)
def enum_type_mismatch(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having_any(_LISTING):
        types = declared_types(node)
        if types:
            for at, value in _listed(node, pointer):
                if value is not None and not fits(value, types):
                    yield context.report(
                        at,
                        f"{value!r} is not of the declared type "
                        f"{quoted(types)}, so no event can carry it; fix the value "
                        "or the type",
                    )


def _listed(node: dict[str, Any], pointer: str) -> Iterator[tuple[str, Any]]:
    values = node.get("enum")
    if isinstance(values, list):
        yield from ((jp.join(pointer, "enum", i), v) for i, v in enumerate(values))
    if "const" in node:
        yield jp.join(pointer, "const"), node["const"]


@rule(
    "lint-ignore-known",
    _STD,
    S.WARNING,
    "x-lint-ignore names rule ids (or jsonschema-tools test cases) that exist",
    View.SOURCE,
)
def lint_ignore_known(context: SchemaContext) -> Iterator[Diagnostic]:
    for pointer, node in context.having(IGNORE_KEY):
        value = node[IGNORE_KEY]
        names = [value] if isinstance(value, str) else value
        for index, name in enumerate(names if isinstance(names, list) else [names]):
            if not isinstance(name, str) or (
                name not in CATALOGUE and name not in LEGACY_NAMES
            ):
                at = jp.join(pointer, IGNORE_KEY)
                yield context.report(
                    jp.join(at, index) if isinstance(value, list) else at,
                    f"x-lint-ignore names {name!r}, which is no rule, so nothing is "
                    "ignored; use an id from `event-schemas lint --list-rules`",
                )
