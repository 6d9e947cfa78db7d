"""Schema compatibility by set inclusion, with a verified counterexample per break.

>>> from eventschemas.compat import compare
>>> report = compare({"type": "number"}, {"type": "integer"})
>>> report.compatible, report.changes[0].kind
(False, 'TYPE_NARROWED')

Names are imported on first use: `eventschemas.compat.model` (the report
types) can then be used without loading the engine, as the gate does when
every comparison it needs is already in the cache (see `eventschemas.memo`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventschemas.compat.api import compare, compare_transitive
    from eventschemas.compat.catalogue import CATALOGUE, Effect, KindInfo
    from eventschemas.compat.model import (
        MODES,
        POLICIES,
        Change,
        CompatReport,
        Direction,
        Mode,
        Policy,
    )
    from eventschemas.compat.policy import same_major
    from eventschemas.compat.refs import Resolver
    from eventschemas.compat.render import render_text

_EXPORTS = {
    "compare": "eventschemas.compat.api",
    "compare_transitive": "eventschemas.compat.api",
    "CATALOGUE": "eventschemas.compat.catalogue",
    "Effect": "eventschemas.compat.catalogue",
    "KindInfo": "eventschemas.compat.catalogue",
    "MODES": "eventschemas.compat.model",
    "POLICIES": "eventschemas.compat.model",
    "Change": "eventschemas.compat.model",
    "CompatReport": "eventschemas.compat.model",
    "Direction": "eventschemas.compat.model",
    "Mode": "eventschemas.compat.model",
    "Policy": "eventschemas.compat.model",
    "same_major": "eventschemas.compat.policy",
    "Resolver": "eventschemas.compat.refs",
    "render_text": "eventschemas.compat.render",
}

__all__ = [
    "CATALOGUE",
    "MODES",
    "POLICIES",
    "Change",
    "CompatReport",
    "Direction",
    "Effect",
    "KindInfo",
    "Mode",
    "Policy",
    "Resolver",
    "compare",
    "compare_transitive",
    "render_text",
    "same_major",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
