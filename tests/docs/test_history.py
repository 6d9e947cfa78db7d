"""Version history: change lists from the compat engine, in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventschemas.config import CompatibilitySettings
from eventschemas.docs.history import field_path, version_history
from eventschemas.tree.model import SchemaVersion, Version


@pytest.mark.parametrize(
    ("pointer", "path"),
    [
        ("#/", ""),
        ("#/properties/meta/properties/request_id", "meta.request_id"),
        ("#/properties/tags/items", "tags[]"),
        ("#/properties/labels/additionalProperties/maxLength", "labels{} (maxLength)"),
        ("#/properties/labels/additionalProperties", "labels"),
        ("#/required/a", "a"),
        ("#/properties/b/required/c", "b.c"),
        ("#/properties/x/anyOf/1/properties/y", "x.y"),
        ("#/properties/m/patternProperties/^a", "m{^a}"),
        ("#/properties/a~1b", "a/b"),
    ],
)
def test_schema_pointers_become_field_paths(pointer: str, path: str) -> None:
    assert field_path(pointer) == path


def schema(version: str, properties: dict[str, Any], required: list[str]) -> Any:
    return {
        "$id": f"/thing/{version}",
        "type": "object",
        "properties": properties,
        "required": required,
    }


SCHEMAS = {
    "1.0.0": schema("1.0.0", {"a": {"type": "string"}}, ["a"]),
    "1.1.0": schema(
        "1.1.0",
        {"a": {"type": "string"}, "b": {"type": "string", "enum": ["x"]}},
        ["a"],
    ),
    "1.2.0": schema(
        "1.2.0",
        {"a": {"type": "integer"}, "b": {"type": "string", "enum": ["x", "y"]}},
        ["a"],
    ),
    "2.0.0": schema("2.0.0", {"b": {"type": "string"}}, []),
}


def history() -> list[Any]:
    versions = [
        SchemaVersion(version, {"yaml": Path(f"{version}.yaml")})
        for version in (Version.parse(v) for v in SCHEMAS)
        if version is not None
    ]
    settings = CompatibilitySettings("backward", "event-platform")
    return list(version_history(versions, lambda v: SCHEMAS[str(v.version)], settings))


def test_history_is_newest_first_and_starts_with_the_first_version() -> None:
    entries = history()

    assert [e.version for e in entries] == ["2.0.0", "1.2.0", "1.1.0", "1.0.0"]
    assert entries[-1].previous is None and entries[-1].changes == ()
    assert entries[0].raw[0].name == "2.0.0.yaml"


def test_additions_are_described_shortly_and_are_not_breaking() -> None:
    entry = history()[2]

    assert entry.previous == "1.0.0" and entry.compatible
    assert [(c.field, c.text, c.breaking) for c in entry.changes] == [
        ("b", "Optional field added.", False)
    ]


def test_breaking_changes_are_marked_with_a_counterexample() -> None:
    entry = history()[1]
    by_field = {c.field: c for c in entry.changes}

    assert not entry.compatible and entry.breaking_count == 1
    assert by_field["a"].breaking and by_field["a"].kind == "TYPE_CHANGED"
    assert by_field["a"].counterexample is not None
    assert by_field["a"].valid_under == "old"
    assert not by_field["b"].breaking
    assert "Allowed values were added" in by_field["b"].text


def test_a_major_bump_is_compared_and_flagged() -> None:
    entry = history()[0]

    assert entry.major_bump and entry.previous == "1.2.0"
    assert {c.field for c in entry.changes if c.breaking} >= {"a"}
    assert "ID_CHANGED" not in {c.kind for c in entry.changes}
