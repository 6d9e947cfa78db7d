"""Instance validation with the `jsonschema` library, as the ground truth.

Every counterexample is checked here against both schemas, and enum values are
filtered here. The validator class follows the document's dialect; `format` is
checked where the dialect makes it an assertion (draft-04 to draft-07). The
`pattern` family is swapped for ECMA-262-aware versions (see `regex`), so that
patterns valid in JSON Schema but not in Python do not crash validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from eventschemas.compat import regex
from eventschemas.compat.schema import JSON, Dialect, Doc, Node

Loader = Callable[[str], Doc]

# Raised by validation when the schema, not the instance, is the problem:
# unbounded recursion, a pattern we cannot compile, a `$ref` we cannot follow.
EVALUATION_ERRORS = (
    RecursionError,
    ValueError,
    LookupError,
    TypeError,
    referencing.exceptions.Unresolvable,
    jsonschema.exceptions.SchemaError,
)

_FORMAT_CHECKER = jsonschema.FormatChecker()
KNOWN_FORMATS = frozenset(_FORMAT_CHECKER.checkers)


def _pattern(
    validator: Any, pattern: str, instance: JSON, schema: JSON
) -> Iterator[Any]:
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


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
        yield ValidationError(f"additional properties are not allowed: {extras!r}")


def _is_additional(name: str, schema: dict[str, JSON]) -> bool:
    if name in schema.get("properties", {}):
        return False
    return not any(regex.search(p, name) for p in schema.get("patternProperties", {}))


_ECMA_KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
_BASES: dict[Dialect, tuple[Any, Any]] = {
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
_extend: Any = jsonschema.validators.extend
_CLASSES: dict[Dialect, Any] = {
    dialect: _extend(base, _ECMA_KEYWORDS) for dialect, (base, _) in _BASES.items()
}


def specification(dialect: Dialect) -> Any:
    return _BASES[dialect][1]


class Validators:
    """Validators per document, sharing one registry that loads `$ref` targets."""

    def __init__(self, load: Loader) -> None:
        self._load = load
        registry: Any = referencing.Registry
        self._registry: Any = registry(retrieve=self._retrieve)

    def _retrieve(self, uri: str) -> Any:
        doc = self._load(uri)
        return referencing.Resource.from_contents(
            doc.root, default_specification=specification(doc.dialect)
        )

    def root_validator(self, doc: Doc) -> Validator:
        cached = doc.cache.get("validator")
        if cached is None:
            checker = _FORMAT_CHECKER if doc.dialect.asserts_format else None
            cached = _CLASSES[doc.dialect](
                doc.root, registry=self._registry, format_checker=checker
            )
            doc.cache["validator"] = cached
        validator: Validator = cached
        return validator

    def is_valid(self, node: Node, instance: JSON) -> bool | None:
        """Validate against a subschema; None when the schema cannot be evaluated."""
        failing: set[int] = node.doc.cache.setdefault("unevaluable", set())
        if id(node.schema) in failing:
            return None
        validator = self.root_validator(node.doc)
        try:
            if node.ptr == "" and node.schema is node.doc.root:
                return bool(validator.is_valid(instance))
            return bool(validator.evolve(schema=node.schema).is_valid(instance))
        except RecursionError:
            # Unguarded recursion fails for every instance; remember, since
            # reaching the interpreter's limit is slow.
            failing.add(id(node.schema))
            return None
        except EVALUATION_ERRORS:
            return None


def format_known(name: JSON) -> bool:
    return isinstance(name, str) and name in KNOWN_FORMATS
