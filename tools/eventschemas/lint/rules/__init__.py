"""Every lint rule, registered in the catalogue on import (one module per concern).

The `examples` command's rules are declared here too, so that one catalogue
lists every rule id a waiver or `x-lint-ignore` can name.
"""

from __future__ import annotations

from eventschemas.diagnostics import Severity
from eventschemas.lint.catalogue import declare
from eventschemas.lint.rules import (  # noqa: F401  (imported to register rules)
    constraints,
    envelope,
    keywords,
    naming,
    security,
    streams,
    structure,
    types,
)

EXAMPLE_VALID = "example-valid"
EXAMPLE_SCHEMA_ID = "example-schema-id"

declare(
    EXAMPLE_VALID,
    Severity.ERROR,
    "every example is valid against its schema version, formats asserted",
    "examples",
)
declare(
    EXAMPLE_SCHEMA_ID,
    Severity.ERROR,
    "every example's $schema equals the schema's $id ({$ref: '#/$id'} in current)",
    "examples",
)
