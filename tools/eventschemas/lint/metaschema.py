"""Dialects (`$schema`) and validation of a schema against its metaschema.

Validation uses jsonschema-rs: checking every file of a repository against the
draft-07 metaschema with the pure-Python validator costs about 1.5 ms a file,
which alone would exceed the lint budget; jsonschema-rs answers in
microseconds. Each metaschema is compiled once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from eventschemas.dialects import DRAFT_07, dialect
from eventschemas.memo import name_of, plain_path, remembered

if TYPE_CHECKING:
    from eventschemas.tree.loader import Document

__all__ = ["ALLOWED_DIALECTS", "DRAFT_07", "dialect", "metaschema_errors"]

ALLOWED_DIALECTS = frozenset({DRAFT_07})


# Each error: the instance path of the failing value, and why.
MetaschemaErrors = tuple[tuple[tuple[str | int, ...], str], ...]


def metaschema_errors(
    schema: dict[str, Any], document: Document | None = None
) -> MetaschemaErrors:
    """`(instance path, message)` for each way `schema` breaks its metaschema.

    A schema without a known `$schema` is checked against draft-07, the dialect
    of event schemas (`schema-dialect` reports the `$schema` itself). Given the
    `document` the schema comes from, the answer is kept in its cache between
    runs (see `eventschemas.memo`).
    """
    if document is None or document.cache is None:
        return _errors(schema)
    name = name_of(schema, document)
    parts = [name] if name is not None else None
    return remembered(
        document.cache, "metaschema", parts, lambda: _errors(schema), _read
    )


def _errors(schema: dict[str, Any]) -> MetaschemaErrors:
    import jsonschema_rs

    named = dialect(schema.get("$schema"))
    if named is not None and jsonschema_rs.meta.is_valid(schema):
        return ()
    validator = _validator(named or DRAFT_07)
    if validator.is_valid(schema):
        return ()
    return tuple(
        (tuple(error.instance_path), error.message)
        for error in validator.iter_errors(schema)
    )


def _read(found: Any) -> MetaschemaErrors | None:
    """A stored answer, if it has the shape `_errors` gives."""
    fits = type(found) is tuple and all(
        type(e) is tuple and len(e) == 2 and plain_path(e[0]) and type(e[1]) is str
        for e in found
    )
    return found if fits else None


@cache
def _validator(uri: str) -> Any:
    import jsonschema_rs
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    return jsonschema_rs.validator_for(REGISTRY.contents(uri))
