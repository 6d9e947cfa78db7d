"""Dialects (`$schema`) and validation of a schema against its metaschema.

Validation uses jsonschema-rs: checking every file of a repository against the
draft-07 metaschema with the pure-Python validator costs about 1.5 ms a file,
which alone would exceed the lint budget; jsonschema-rs answers in
microseconds. Each metaschema is compiled once per process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from eventschemas.dialects import DRAFT_07, dialect

__all__ = ["ALLOWED_DIALECTS", "DRAFT_07", "dialect", "metaschema_errors"]

ALLOWED_DIALECTS = frozenset({DRAFT_07})


def metaschema_errors(schema: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """`(instance path, message)` for each way `schema` breaks its metaschema.

    A schema without a known `$schema` is checked against draft-07, the dialect
    of event schemas (`schema-dialect` reports the `$schema` itself).
    """
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


@cache
def _validator(uri: str) -> Any:
    import jsonschema_rs
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    return jsonschema_rs.validator_for(REGISTRY.contents(uri))
