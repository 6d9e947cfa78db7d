"""Generate a large synthetic schema repository for benchmarks.

Each title has `versions` published versions (1.0.0, 1.1.0, ...) that each add
a property, and a current file equal to the newest one. Every schema uses a
shared fragment through `allOf`, as real event schemas do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventschemas.config import MAX_SAFE_INTEGER
from eventschemas.tree.materialize import add_numeric_bounds
from eventschemas.tree.merge import merge_all_of
from eventschemas.tree.serialize import canonical_order, to_json, to_yaml

BOUNDS = (-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)

DRAFT_07 = "https://json-schema.org/draft-07/schema#"

FRAGMENT: dict[str, Any] = {
    "title": "fragment/common",
    "description": "Envelope fields every event carries.",
    "$id": "/fragment/common/1.0.0",
    "$schema": DRAFT_07,
    "type": "object",
    "properties": {
        "$schema": {"type": "string", "description": "Schema URI."},
        "meta": {
            "type": "object",
            "description": "Event metadata.",
            "properties": {
                "stream": {"type": "string", "description": "Stream name."},
                "dt": {
                    "type": "string",
                    "format": "date-time",
                    "maxLength": 128,
                    "description": "Receive time.",
                },
                "id": {"type": "string", "description": "Event id."},
            },
            "required": ["stream"],
        },
        "dt": {
            "type": "string",
            "format": "date-time",
            "maxLength": 128,
            "description": "Event time.",
        },
    },
    "required": ["$schema", "meta", "dt"],
}


def title_name(index: int) -> str:
    return f"ns{index % 25}/group{index % 7}/event_{index}"


def current_schema(
    title: str, version: int, base_properties: int = 20
) -> dict[str, Any]:
    """The current file of `title` at minor version `version` (0-based)."""
    properties: dict[str, Any] = {}
    for n in range(base_properties + version):
        if n % 3 == 0:
            properties[f"field_{n}"] = {
                "type": "integer",
                "minimum": 0,
                "description": f"Counter number {n}.",
            }
        elif n % 3 == 1:
            properties[f"field_{n}"] = {
                "type": "string",
                "maxLength": 255,
                "description": f"Label number {n}.",
            }
        else:
            properties[f"field_{n}"] = {
                "type": "array",
                "maxItems": 10,
                "items": {"type": "string", "maxLength": 64},
                "description": f"Tags number {n}.",
            }
    return {
        "title": title,
        "description": f"Synthetic event {title}.",
        "$id": f"/{title}/1.{version}.0",
        "$schema": DRAFT_07,
        "type": "object",
        "allOf": [{"$ref": "/fragment/common/1.0.0#"}],
        "properties": properties,
        "required": ["field_0"],
        "examples": [
            {
                "$schema": {"$ref": "#/$id"},
                "meta": {"stream": title.replace("/", ".")},
                "dt": "2026-01-01T00:00:00Z",
                "field_0": 1,
            }
        ],
    }


def generate(root: Path, titles: int, versions: int = 5) -> Path:
    """Write the repository under `root`, then materialize it with the real tool.

    Older versions are written directly (fragment inlined by hand) because
    publishing them one by one through the tool would make the set-up slow;
    the newest version of every title is materialized by `materialize`.
    """
    from eventschemas.tree.materialize import materialize
    from eventschemas.tree.model import Repository

    base = root / "jsonschema"
    (root / ".event-schemas.yaml").write_text("schema_base_path: jsonschema\n")
    _write(base / "fragment/common/current.yaml", to_yaml(FRAGMENT))
    for index in range(titles):
        title = title_name(index)
        directory = base / title
        for version in range(versions - 1):
            _publish(directory, current_schema(title, version), f"1.{version}.0")
        last = current_schema(title, versions - 1)
        _write(directory / "current.yaml", to_yaml(last))
    materialize(Repository.open(root))
    return root


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _publish(directory: Path, schema: dict[str, Any], version: str) -> None:
    inlined = {**schema, "allOf": [FRAGMENT]}
    inlined["examples"] = [{**e, "$schema": schema["$id"]} for e in schema["examples"]]
    data = canonical_order(add_numeric_bounds(merge_all_of(inlined), BOUNDS))
    _write(directory / f"{version}.yaml", to_yaml(data))
    _write(directory / f"{version}.json", to_json(data))
    (directory / version).symlink_to(f"{version}.yaml")
