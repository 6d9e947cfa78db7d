"""Keyword families: one comparison function per family, all with one signature.

Each family takes `(ctx, old, new, at)` for two plain (normalised) schemas at
the same place and yields findings; it recurses into subschemas through
`ctx.diff`. `FAMILIES` is the order in which `compare_single` runs them.
"""

from __future__ import annotations

from eventschemas.compat.families import (
    arrays,
    combinators,
    enums,
    metadata,
    numbers,
    objects,
    strings,
    types,
)

FAMILIES = (
    metadata.compare,
    types.compare,
    numbers.compare,
    strings.compare,
    objects.compare,
    arrays.compare,
    combinators.compare_leftovers,
)

__all__ = ["FAMILIES", "enums"]
