"""Version history: each published version's changes against the one before.

The changes come from the compatibility engine, judged by the title's own mode
and policy, so the site marks as breaking exactly what the pull-request gate
would refuse. Versions are compared across a major bump too; there the
breaking changes are expected and the page says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from eventschemas.compat import Change, compare
from eventschemas.config import CONTENT_TYPES, CompatibilitySettings
from eventschemas.docs.model import ChangeLine, RawFile, VersionEntry
from eventschemas.errors import EventSchemasError
from eventschemas.tree import pointer as jp
from eventschemas.tree.model import SchemaVersion

# Every version changes its `$id`; listing that would only add noise.
_HIDDEN = frozenset({"ID_CHANGED"})
# Engine summaries that read long on a page, said shortly when not breaking.
_SHORT = {
    "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL": "Optional field added.",
    "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL": "Optional field added.",
}
# Combinator branches (and their indexes) leave the field path as it is.
_SKIPPED = frozenset({"allOf", "anyOf", "oneOf", "then", "else", "if", "not"})
_CONTAINERS = {"items": "[]", "additionalProperties": "{}"}
DataOf = Callable[[SchemaVersion], Any]


def version_history(
    versions: list[SchemaVersion], data_of: DataOf, settings: CompatibilitySettings
) -> tuple[VersionEntry, ...]:
    """One entry per version, newest first; `versions` are in semver order."""
    entries: list[VersionEntry] = []
    previous: SchemaVersion | None = None
    for current in versions:
        entries.append(_entry(previous, current, data_of, settings))
        previous = current
    return tuple(reversed(entries))


def raw_files(version: SchemaVersion) -> tuple[RawFile, ...]:
    """The version's files, in the order of `CONTENT_TYPES` (YAML first)."""
    kinds = sorted(version.files, key=CONTENT_TYPES.index)
    return tuple(RawFile(kind, version.files[kind]) for kind in kinds)


def _entry(
    previous: SchemaVersion | None,
    current: SchemaVersion,
    data_of: DataOf,
    settings: CompatibilitySettings,
) -> VersionEntry:
    entry = VersionEntry(str(current.version), raw_files(current))
    if previous is None:
        return entry
    before, after = previous.version, current.version
    fields: dict[str, Any] = {
        "previous": str(before),
        "major_bump": after.major != before.major,
    }
    try:
        report = compare(
            data_of(previous),
            data_of(current),
            mode=settings.mode,
            policy=settings.policy,
        )
    except EventSchemasError as exc:
        return VersionEntry(entry.version, entry.raw, error=str(exc), **fields)
    changes = tuple(change_line(c) for c in report.changes if c.kind not in _HIDDEN)
    return VersionEntry(
        entry.version,
        entry.raw,
        changes=changes,
        compatible=report.compatible,
        **fields,
    )


def change_line(change: Change) -> ChangeLine:
    """A change as the page shows it: where, what, and whether it breaks."""
    text = change.message
    if not change.breaking:
        text = _SHORT.get(change.kind, text)
    example = None
    if change.has_counterexample:
        example = json.dumps(change.counterexample, indent=2, ensure_ascii=False)
    return ChangeLine(
        kind=change.kind,
        field=field_path(change.path),
        text=text,
        breaking=change.breaking,
        counterexample=example,
        valid_under=change.counterexample_valid_under,
    )


def field_path(pointer: str) -> str:
    """A schema pointer (`#/properties/a/items`) as a field path (`a[]`)."""
    raw = pointer.lstrip("#")
    tokens = jp.split(raw) if raw not in ("", "/") else []  # "#/" is the root
    if tokens and tokens[-1] == "additionalProperties":
        tokens.pop()  # the keyword itself: the change is about the object
    parts: list[str] = []
    walk = iter(tokens)
    for token in walk:
        if token in ("properties", "required"):
            parts.append("." + next(walk, ""))
        elif token == "patternProperties":
            parts.append("{" + next(walk, "") + "}")
        elif token in _CONTAINERS:
            parts.append(_CONTAINERS[token])
        elif token not in _SKIPPED and not token.isdigit():
            parts.append(f" ({token})")
    return "".join(parts).removeprefix(".")
