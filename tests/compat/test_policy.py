"""Policies: strict, lenient, and the event-platform rules within a major version."""

from __future__ import annotations

from typing import Any

import pytest

from eventschemas.compat import compare, same_major
from eventschemas.errors import ConfigError

BASE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": ["create", "delete"]},
        "count": {"type": "integer"},
        "name": {"type": "string"},
    },
    "required": ["kind"],
}


def _with(**props: Any) -> dict[str, Any]:
    return {**BASE, "properties": {**BASE["properties"], **props}}


def _without(name: str) -> dict[str, Any]:
    props = {k: v for k, v in BASE["properties"].items() if k != name}
    return {**BASE, "properties": props}


EVENT_PLATFORM = [
    ("optional property added", _with(extra={"type": "string"}), True),
    (
        "enum grows",
        _with(kind={"type": "string", "enum": ["create", "delete", "move"]}),
        True,
    ),
    ("constraint relaxed", {**_with(name={"type": "string", "maxLength": 10})}, True),
    ("property removed", _without("name"), False),
    ("type changed", _with(count={"type": "string"}), False),
    ("type widened", _with(count={"type": "number"}), False),
    ("requiredness added", {**BASE, "required": ["kind", "name"]}, False),
    ("requiredness removed", {**BASE, "required": []}, False),
    ("enum shrinks", _with(kind={"type": "string", "enum": ["create"]}), False),
    ("new constraint", _with(name={"type": "string", "maxLength": 3}), False),
    ("content model closed", {**BASE, "additionalProperties": False}, False),
]


@pytest.mark.parametrize(
    ("name", "new", "compatible"), EVENT_PLATFORM, ids=[r[0] for r in EVENT_PLATFORM]
)
def test_event_platform_rules(name: str, new: dict[str, Any], compatible: bool) -> None:
    old = (
        BASE
        if name != "constraint relaxed"
        else _with(name={"type": "string", "maxLength": 5})
    )
    report = compare(old, new, policy="event-platform")

    assert report.compatible is compatible, [(c.kind, c.path) for c in report.changes]


def test_policy_only_break_says_there_is_no_counterexample() -> None:
    report = compare(BASE, _without("name"), policy="event-platform")

    change = report.breaking_changes[0]
    assert change.kind == "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL"
    assert not change.has_counterexample
    assert "policy rejects the change itself" in (change.counterexample_note or "")
    assert "nothing may be removed" in change.message


def test_strict_rejects_what_lenient_forgives() -> None:
    new = _with(extra={"type": "number"})

    assert not compare(BASE, new, policy="strict").compatible
    assert compare(BASE, new, policy="lenient").compatible
    assert compare(
        BASE, {**BASE, "additionalProperties": False}, policy="lenient"
    ).compatible


def test_modes_pick_directions() -> None:
    widened = _with(count={"type": "number"})

    assert compare(BASE, widened, mode="backward").compatible
    assert not compare(BASE, widened, mode="forward").compatible
    assert not compare(BASE, widened, mode="full").compatible
    assert compare(BASE, {"type": "string"}, mode="none").compatible


def test_unknown_mode_or_policy_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="mode"):
        compare({}, {}, mode="sideways")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="policy"):
        compare({}, {}, policy="loose")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [("1.2.0", "1.3.0", True), ("1.2.0", "2.0.0", False), ("0.0.3", "0.1.0", True)],
)
def test_same_major(old: str, new: str, same: bool) -> None:
    assert same_major(old, new) is same


def test_same_major_rejects_non_versions() -> None:
    with pytest.raises(ConfigError):
        same_major("latest", "1.0.0")
