"""Rule ids of the gate's own findings (lint and examples have theirs).

Each entry: id -> (default severity, one-line meaning). Ids are stable.
"""

from __future__ import annotations

from msgspec.structs import replace

from eventschemas.diagnostics import Diagnostic, Severity

GATE_RULES: dict[str, tuple[Severity, str]] = {
    "materialized-out-of-sync": (
        Severity.ERROR,
        "a materialized file or link differs from what current.yaml generates",
    ),
    "content-types-differ": (
        Severity.ERROR,
        "a version's files of the configured content types are missing or differ",
    ),
    "published-immutable": (
        Severity.ERROR,
        "a published version file or link was modified, deleted or renamed",
    ),
    "title-removed": (
        Severity.ERROR,
        "a schema title was removed or renamed, which breaks its consumers",
    ),
    "version-not-bumped": (
        Severity.ERROR,
        "current.yaml changes a published version instead of adding a new one",
    ),
    "version-not-greater": (
        Severity.ERROR,
        "a new version is not greater than every published version",
    ),
    "breaking-change": (
        Severity.ERROR,
        "a new version breaks compatibility with an earlier one of its major",
    ),
    "major-bump-not-allowed": (
        Severity.ERROR,
        "a major version bump where the configuration does not allow breaking changes",
    ),
    "patch-changes-validation": (
        Severity.ERROR,
        "a patch bump changes which events validate",
    ),
}


def about(diagnostic: Diagnostic, title: str, version: object = None) -> Diagnostic:
    """Name what a finding is about, for waivers: the `$id` (or the title)."""
    subject = f"/{title}/{version}" if version is not None else title
    return replace(
        diagnostic, subject=subject, extra={**diagnostic.extra, "title": title}
    )
