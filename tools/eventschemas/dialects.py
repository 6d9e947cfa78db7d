"""JSON Schema dialects: which metaschema a `$schema` value names.

Kept apart from lint so that the validator (`eventschemas.validation`), which
the service and the compatibility engine load, does not import the linter.
"""

from __future__ import annotations

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# Dialect URIs by their spelling without scheme and trailing '#'.
_DIALECTS = {
    "json-schema.org/draft-04/schema": "http://json-schema.org/draft-04/schema#",
    "json-schema.org/draft-06/schema": "http://json-schema.org/draft-06/schema#",
    "json-schema.org/draft-07/schema": DRAFT_07,
    "json-schema.org/draft/2019-09/schema": (
        "https://json-schema.org/draft/2019-09/schema"
    ),
    "json-schema.org/draft/2020-12/schema": (
        "https://json-schema.org/draft/2020-12/schema"
    ),
}


def dialect(uri: object) -> str | None:
    """The canonical metaschema URI named by a `$schema` value, if it is one."""
    if not isinstance(uri, str):
        return None
    bare = uri.strip().removesuffix("#")
    for scheme in ("https://", "http://"):
        bare = bare.removeprefix(scheme)
    return _DIALECTS.get(bare)
