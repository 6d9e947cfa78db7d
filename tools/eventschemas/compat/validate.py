"""Instance validation: every counterexample is checked here against both
schemas, and enum values are filtered here.

Two engines answer, chosen per comparison:

* When neither schema holds a `$ref` (materialized event schemas always, and
  most pairs), jsonschema-rs answers, compiled the way the EventBus service
  compiles schemas (see `eventschemas.validation`). A counterexample is then
  an event the service would accept under one version and reject under the
  other. It also keeps `jsonschema` out of the process: that library costs
  about 80 ms of CPU to import, more than a whole gate run over a small
  repository spends comparing.
* With `$ref`s around, the `jsonschema` library answers, imported on first
  use: its registry loads referenced documents through our resolver, and its
  `evolve` validates a subschema inside its document's base URI. Its `pattern`
  family is swapped for ECMA-262-aware versions (see `regex`), so that patterns
  valid in JSON Schema but not in Python do not crash validation.

Either way the validator follows the document's dialect, and `format` is
checked where the dialect makes it an assertion (draft-04 to draft-07) and the
engine knows the format (`format_known`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from types import SimpleNamespace
from typing import Any

from eventschemas.compat import regex
from eventschemas.compat.schema import JSON, Dialect, Doc, Node
from eventschemas.validation import CompileError, native_validator

Loader = Callable[[str], Doc]

# The formats the `jsonschema` engine checks: those its checkers cover with
# this project's declared dependencies (a test keeps the two equal), known
# here without importing it. The checker is built with exactly these, so an
# optional library that happens to be installed (webcolors adds `color`)
# changes nothing.
KNOWN_FORMATS = frozenset(
    {
        "date",
        "date-time",
        "email",
        "hostname",
        "idn-email",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "json-pointer",
        "regex",
        "relative-json-pointer",
        "time",
        "uri",
        "uri-reference",
        "uri-template",
        "uuid",
    }
)

# The formats jsonschema-rs asserts per dialect, plus the `uuid` that
# `eventschemas.validation` adds (a test probes the engine for this table).
_NATIVE_DRAFT4 = frozenset(
    {
        "date",
        "date-time",
        "email",
        "hostname",
        "idn-email",
        "ipv4",
        "ipv6",
        "regex",
        "time",
        "uri",
        "uuid",
    }
)
_NATIVE_DRAFT6 = _NATIVE_DRAFT4 | {"json-pointer", "uri-reference", "uri-template"}
_NATIVE_DRAFT7 = _NATIVE_DRAFT6 | {
    "idn-hostname",
    "iri",
    "iri-reference",
    "relative-json-pointer",
}
NATIVE_FORMATS: dict[Dialect, frozenset[str]] = {
    Dialect.DRAFT4: _NATIVE_DRAFT4,
    Dialect.DRAFT6: _NATIVE_DRAFT6,
    Dialect.DRAFT7: _NATIVE_DRAFT7,
    Dialect.DRAFT2019: _NATIVE_DRAFT7 | {"duration"},
    Dialect.DRAFT2020: _NATIVE_DRAFT7 | {"duration"},
}


def _pattern(
    validator: Any, pattern: str, instance: JSON, schema: JSON
) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield _engine().ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, JSON], instance: JSON, schema: JSON
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for name, value in instance.items():
            if regex.search(pattern, name):
                yield from validator.descend(
                    value, subschema, path=name, schema_path=pattern
                )


def _additional_properties(
    validator: Any, additional: JSON, instance: JSON, schema: JSON
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    extras = [name for name in instance if _is_additional(name, schema)]
    if validator.is_type(additional, "object"):
        for name in extras:
            yield from validator.descend(instance[name], additional, path=name)
    elif additional is False and extras:
        yield _engine().ValidationError(
            f"additional properties are not allowed: {extras!r}"
        )


def _is_additional(name: str, schema: dict[str, JSON]) -> bool:
    if name in schema.get("properties", {}):
        return False
    return not any(regex.search(p, name) for p in schema.get("patternProperties", {}))


@cache
def _engine() -> Any:
    """`jsonschema`, imported on first use, with our validator classes."""
    import jsonschema
    import referencing
    import referencing.exceptions
    import referencing.jsonschema

    keywords = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
    }
    bases: dict[Dialect, tuple[Any, Any]] = {
        Dialect.DRAFT4: (jsonschema.Draft4Validator, referencing.jsonschema.DRAFT4),
        Dialect.DRAFT6: (jsonschema.Draft6Validator, referencing.jsonschema.DRAFT6),
        Dialect.DRAFT7: (jsonschema.Draft7Validator, referencing.jsonschema.DRAFT7),
        Dialect.DRAFT2019: (
            jsonschema.Draft201909Validator,
            referencing.jsonschema.DRAFT201909,
        ),
        Dialect.DRAFT2020: (
            jsonschema.Draft202012Validator,
            referencing.jsonschema.DRAFT202012,
        ),
    }
    extend: Any = jsonschema.validators.extend
    return SimpleNamespace(
        ValidationError=jsonschema.exceptions.ValidationError,
        Registry=referencing.Registry,
        Resource=referencing.Resource,
        format_checker=jsonschema.FormatChecker(formats=KNOWN_FORMATS),
        classes={
            dialect: extend(base, keywords) for dialect, (base, _) in bases.items()
        },
        specifications={dialect: spec for dialect, (_, spec) in bases.items()},
        # Raised by validation when the schema, not the instance, is the
        # problem: unbounded recursion, a pattern we cannot compile, a `$ref`
        # we cannot follow.
        evaluation_errors=(
            RecursionError,
            ValueError,
            LookupError,
            TypeError,
            referencing.exceptions.Unresolvable,
            jsonschema.exceptions.SchemaError,
        ),
    )


def specification(dialect: Dialect) -> Any:
    return _engine().specifications[dialect]


class Validators:
    """Validators per document, sharing one registry that loads `$ref` targets.

    `native` selects jsonschema-rs; the comparison sets it when it knows that
    no `$ref` is around.
    """

    def __init__(self, load: Loader) -> None:
        self._load = load
        self._registry: Any = None  # built with the first validator
        self.native = False

    def _retrieve(self, uri: str) -> Any:
        doc = self._load(uri)
        return _engine().Resource.from_contents(
            doc.root, default_specification=specification(doc.dialect)
        )

    def root_validator(self, doc: Doc) -> Any:
        cached = doc.cache.get("validator")
        if cached is None:
            engine = _engine()
            if self._registry is None:
                self._registry = engine.Registry(retrieve=self._retrieve)
            checker = engine.format_checker if doc.dialect.asserts_format else None
            cached = engine.classes[doc.dialect](
                doc.root, registry=self._registry, format_checker=checker
            )
            doc.cache["validator"] = cached
        return cached

    def is_valid(self, node: Node, instance: JSON) -> bool | None:
        """Validate against a subschema; None when the schema cannot be evaluated."""
        if self.native:
            return _native_is_valid(node, instance)
        # By id, with the schema kept so that a reused id cannot match.
        failing: dict[int, JSON] = node.doc.cache.setdefault("unevaluable", {})
        if failing.get(id(node.schema)) is node.schema:
            return None
        validator = self.root_validator(node.doc)
        try:
            if node.ptr == "" and node.schema is node.doc.root:
                return bool(validator.is_valid(instance))
            return bool(validator.evolve(schema=node.schema).is_valid(instance))
        except RecursionError:
            # Unguarded recursion fails for every instance; remember, since
            # reaching the interpreter's limit is slow.
            failing[id(node.schema)] = node.schema
            return None
        except _engine().evaluation_errors:
            return None


def _native_is_valid(node: Node, instance: JSON) -> bool | None:
    cache: dict[int, tuple[JSON, Any]] = node.doc.cache.setdefault("native", {})
    entry = cache.get(id(node.schema))
    if entry is None or entry[0] is not node.schema:
        try:
            compiled = native_validator(node.schema, node.doc.dialect)
        except CompileError:
            compiled = None  # a pattern jsonschema-rs cannot compile, say
        entry = cache[id(node.schema)] = (node.schema, compiled)
    if entry[1] is None:
        return None
    try:
        return bool(entry[1].is_valid(instance))
    except (ValueError, TypeError):  # an instance that is not JSON
        return None


def format_known(name: JSON, dialect: Dialect, native: bool) -> bool:
    """Whether the engine answering for `dialect` checks format `name`."""
    if not isinstance(name, str):
        return False
    return name in (NATIVE_FORMATS[dialect] if native else KNOWN_FORMATS)
