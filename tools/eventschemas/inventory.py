"""A plain-data summary of the tree (what `event-schemas list` prints)."""

from __future__ import annotations

from typing import Any

from eventschemas.errors import EventSchemasError
from eventschemas.tree.materialize import schema_version
from eventschemas.tree.model import Repository


def inventory(repo: Repository) -> list[dict[str, Any]]:
    """One row per title: versions (ascending), latest, current file and version."""
    rows = []
    for title, entry in repo.titles.items():
        current: dict[str, Any] | None = None
        if entry.current is not None:
            current = {"path": repo.display(entry.current), "version": None}
            try:
                current["version"] = str(schema_version(repo.document(entry.current)))
            except EventSchemasError as exc:
                current["error"] = str(exc)
        latest = entry.latest
        rows.append(
            {
                "title": title,
                "fragment": entry.is_fragment,
                "versions": [str(v.version) for v in entry.sorted_versions()],
                "latest": str(latest.version) if latest else None,
                "current": current,
            }
        )
    return rows
