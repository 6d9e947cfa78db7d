"""How an instance is judged against a schema: one engine for examples and events.

`event-schemas examples` and the EventBus service compile schemas here, so an
example passes exactly when the service would accept it as an event. The
engine is jsonschema-rs: it compiles a schema in well under a millisecond,
imports in a fraction of the time the pure-Python `jsonschema` needs, and
reads `pattern` as ECMA-262 (`\\p{Lu}`, `(?<name>...)`), as event producers
written in JavaScript do.

Formats are asserted. Draft-07, the dialect of event schemas, does not name
`uuid`; jsonschema-rs then ignores it, so it is added here (schemas use it for
`meta.id`, and a malformed id breaks deduplication downstream).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import jsonschema_rs

from eventschemas.dialects import dialect

_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def _is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


_FORMATS = {"uuid": _is_uuid}

CompileError = (ValueError, jsonschema_rs.ValidationError)
"""What `instance_validator` raises for a schema that cannot be compiled."""


def instance_validator(schema: dict[str, Any], *, lean: bool = False) -> Any:
    """A validator for `schema` with formats asserted; `is_valid`, `iter_errors`.

    A schema without a known `$schema` is read as draft-07. Raises one of
    `CompileError` when the schema cannot be compiled (an invalid pattern, say).
    `lean` is for validators that will validate a great many instances (the
    service): our own format checkers, which cost about a microsecond on every
    validation, are then attached only if the schema may use one, which takes
    a look through the whole schema to find out.
    """
    formats = _formats_for(schema) if lean else _FORMATS
    if "examples" in schema:  # annotations, perhaps not even JSON (a YAML date)
        schema = {k: v for k, v in schema.items() if k != "examples"}
    if dialect(schema.get("$schema")) is None:
        return jsonschema_rs.Draft7Validator(
            schema, validate_formats=True, offline=True, formats=formats
        )
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, offline=True, formats=formats
    )


def _formats_for(schema: object) -> dict[str, Any] | None:
    # repr() is a quick superset test: a format name must appear in it as a
    # quoted string.
    text = repr(schema)
    return _FORMATS if any(f"'{name}'" in text for name in _FORMATS) else None


_NATIVE_CLASSES = {
    "draft-04": jsonschema_rs.Draft4Validator,
    "draft-06": jsonschema_rs.Draft6Validator,
    "draft-07": jsonschema_rs.Draft7Validator,
    "2019-09": jsonschema_rs.Draft201909Validator,
    "2020-12": jsonschema_rs.Draft202012Validator,
}


def native_validator(schema: dict[str, Any] | bool, dialect: Enum) -> Any:
    """A validator for a (sub)schema read as `dialect`, compiled the same way.

    Formats are asserted where the dialect makes them assertions (draft-04 to
    draft-07). Used by the compatibility engine for documents without `$ref`.
    """
    asserts = dialect.value in ("draft-04", "draft-06", "draft-07")
    return _NATIVE_CLASSES[dialect.value](
        schema, validate_formats=asserts, offline=True, formats=_FORMATS
    )


# How one example fares (see `example_outcomes`): None when it is valid; a
# message when it holds a value JSON has no type for; else its errors, each
# (instance path, schema path, message), ordered by instance path.
ExampleError = tuple[tuple[str | int, ...], tuple[str | int, ...], str]
ExampleOutcome = str | tuple[ExampleError, ...] | None


def example_outcomes(
    schema: dict[str, Any],
) -> tuple[str | None, tuple[ExampleOutcome, ...]]:
    """Judge every entry of `schema["examples"]` against `schema`.

    Returns (why the schema does not compile, or None; one outcome per
    example, empty when it does not compile). The result is plain data
    (`marshal` can keep it): it depends on the schema alone, so a run can
    reuse what an earlier one found (see `eventschemas.memo`).
    """
    try:
        validator = instance_validator(schema)
    except CompileError as exc:
        return compile_message(exc), ()
    examples = schema.get("examples")
    outcomes: list[ExampleOutcome] = []
    for example in examples if isinstance(examples, list) else ():
        try:
            if validator.is_valid(example):
                outcomes.append(None)
                continue
            errors = sorted(
                validator.iter_errors(example),
                key=lambda e: tuple(str(p) for p in e.instance_path),
            )
        except ValueError as exc:  # a YAML value JSON has no type for
            outcomes.append(str(exc))
            continue
        outcomes.append(
            tuple(
                (tuple(e.instance_path), tuple(e.schema_path), e.message)
                for e in errors
            )
        )
    return None, tuple(outcomes)


def compile_message(error: BaseException) -> str:
    """The first line of a compile error: the part worth showing."""
    text = str(error).strip()
    return text.split("\n", 1)[0] if text else error.__class__.__name__
