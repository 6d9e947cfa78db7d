"""Dialects (`$schema`) and validation of a schema against its metaschema.

Validation uses jsonschema-rs: checking every file of a repository against the
draft-07 metaschema with the pure-Python validator costs about 1.5 ms a file,
which alone would exceed the lint budget; jsonschema-rs answers in
microseconds. Each metaschema is compiled once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TypeGuard

from eventschemas.dialects import DRAFT_07, dialect

if TYPE_CHECKING:
    from eventschemas.tree.cache import ParseCache

__all__ = ["ALLOWED_DIALECTS", "DRAFT_07", "dialect", "metaschema_errors"]

ALLOWED_DIALECTS = frozenset({DRAFT_07})


def metaschema_errors(
    schema: dict[str, Any], cache: ParseCache | None = None, name: bytes = b""
) -> list[tuple[list[str | int], str]]:
    """`(instance path, message)` for each way `schema` breaks its metaschema.

    A schema without a known `$schema` is checked against draft-07, the dialect
    of event schemas (`schema-dialect` reports the `$schema` itself). With a
    `cache`, the answer is kept between runs under `name` (the content hash of
    the file `schema` was parsed from) or else under the schema's digest; see
    `eventschemas.memo`.
    """
    key = None
    if cache is not None:
        from eventschemas.memo import data_digest, result_key

        named = name or data_digest(schema)
        key = result_key("metaschema", named) if named is not None else None
        if key is not None:
            found = cache.get(key)
            if _is_errors(found):
                return [(list(path), message) for path, message in found]
    errors = _errors(schema)
    if key is not None and cache is not None:
        stored = tuple((tuple(path), message) for path, message in errors)
        cache.put(key, stored, replace=True)
    return errors


def _errors(schema: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    import jsonschema_rs

    named = dialect(schema.get("$schema"))
    if named is not None and jsonschema_rs.meta.is_valid(schema):
        return []
    validator = _validator(named or DRAFT_07)
    if validator.is_valid(schema):
        return []
    return [
        (list(error.instance_path), error.message)
        for error in validator.iter_errors(schema)
    ]


def _is_errors(found: Any) -> TypeGuard[tuple[tuple[tuple[str | int, ...], str], ...]]:
    """Whether a cached value has the shape `metaschema_errors` stores."""
    return type(found) is tuple and all(
        type(e) is tuple
        and len(e) == 2
        and type(e[0]) is tuple
        and all(type(p) in (str, int) for p in e[0])
        and type(e[1]) is str
        for e in found
    )


@cache
def _validator(uri: str) -> Any:
    import jsonschema_rs
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    return jsonschema_rs.validator_for(REGISTRY.contents(uri))
