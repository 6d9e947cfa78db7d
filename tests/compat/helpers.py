"""Test helpers: an independent `jsonschema` check of verdicts and counterexamples."""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from eventschemas.compat import Change, CompatReport, compare

_MODERN = ("prefixItems", "$defs", "dependentRequired", "dependentSchemas")


def validator(schema: Any) -> Any:
    """A plain `jsonschema` validator, independent of the engine's own."""
    default: Any = jsonschema.Draft7Validator
    if isinstance(schema, dict) and any(k in str(schema) for k in _MODERN):
        default = jsonschema.Draft202012Validator
    cls: Any = jsonschema.validators.validator_for(schema, default=default)
    modern = cls in (jsonschema.Draft201909Validator, jsonschema.Draft202012Validator)
    checker = None if modern else jsonschema.FormatChecker()
    return cls(schema, format_checker=checker)


def assert_separates(change: Change, old: Any, new: Any) -> None:
    """The counterexample is valid under the side it names, invalid under the other."""
    assert change.has_counterexample, change
    accept, reject = (
        (old, new) if change.counterexample_valid_under == "old" else (new, old)
    )
    instance = change.counterexample
    try:
        accepted = validator(accept).is_valid(instance)
        rejected = not validator(reject).is_valid(instance)
    except re.error:
        return  # an ECMA-262-only pattern (e.g. \\cC) plain `re` cannot compile
    assert accepted, (change, instance)
    assert rejected, (change, instance)


def verdicts(old: Any, new: Any, policy: str = "strict") -> tuple[bool, bool]:
    """(backward, forward) compatibility; every counterexample is re-checked."""
    result = []
    for mode in ("backward", "forward"):
        report = compare(old, new, mode=mode, policy=policy)  # type: ignore[arg-type]
        for change in report.breaking_changes:
            if change.has_counterexample:
                assert_separates(change, old, new)
        result.append(report.compatible)
    return result[0], result[1]


def kinds(report: CompatReport, *, breaking: bool | None = None) -> set[str]:
    return {
        c.kind for c in report.changes if breaking is None or c.breaking == breaking
    }
