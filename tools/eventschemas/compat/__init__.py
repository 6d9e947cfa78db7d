"""Schema compatibility by set inclusion, with a verified counterexample per break.

>>> from eventschemas.compat import compare
>>> report = compare({"type": "number"}, {"type": "integer"})
>>> report.compatible, report.changes[0].kind
(False, 'TYPE_NARROWED')
"""

from __future__ import annotations

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
