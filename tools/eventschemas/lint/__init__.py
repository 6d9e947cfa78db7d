"""Lint: a catalogue of rules over the schema tree, with waivers.

    >>> from eventschemas.lint import lint
    >>> result = lint(repo)                  # at the configured lint_level
    >>> result.diagnostics, result.waived

Rule modules live in `eventschemas.lint.rules`; `catalogue.load()` lists them.
"""

from __future__ import annotations

from eventschemas.lint.catalogue import CATALOGUE, Level, Rule, View, load
from eventschemas.lint.runner import LintResult, default_level, lint

__all__ = [
    "CATALOGUE",
    "Level",
    "LintResult",
    "Rule",
    "View",
    "default_level",
    "lint",
    "load",
]
