"""Version rules: compatibility between versions and what each bump may change.

Within one major version every new version must be compatible with the
previous one (or, for `*_transitive` modes, with every earlier one of that
major) under the title's mode and policy. A major bump may break, but only
where the configuration allows it; a patch bump may not change validation at
all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

from msgspec import Struct, field

from eventschemas.compat.model import Change, CompatReport
from eventschemas.config import CompatibilitySettings
from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.errors import EventSchemasError, SourcePosition
from eventschemas.gate.rules import about
from eventschemas.memo import remembered
from eventschemas.tree.loader import Document
from eventschemas.tree.model import Repository, Version

Bump = Literal["major", "minor", "patch", "prerelease"]


class Published(Struct, frozen=True):
    """One version of a title with its loaded (materialized) document."""

    version: Version
    document: Document

    @property
    def schema(self) -> Any:
        return self.document.data


class Verdict(Struct):
    """What one version change amounts to (for diagnostics and the summary)."""

    title: str
    old: Version | None
    new: Version
    bump: Bump | None
    report: CompatReport | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def published_versions(repo: Repository, title: str) -> list[Published]:
    """Every published version of `title`, oldest first, with its primary file.

    A version whose file cannot be read, or holds no mapping, is left out
    (lint's `schema-loadable` reports the file), so the versions around it
    are still compared with each other.
    """
    found = []
    for version in repo.titles[title].sorted_versions():
        path = version.primary_file(repo.config.content_types)
        if path is None:
            continue
        try:
            document = repo.document(path)
        except EventSchemasError:
            continue
        if isinstance(document.data, dict):
            found.append(Published(version.version, document))
    return found


def bump_of(old: Version, new: Version) -> Bump:
    if new.major != old.major:
        return "major"
    if new.minor != old.minor:
        return "minor"
    if new.patch != old.patch:
        return "patch"
    return "prerelease"


def judge(
    title: str,
    history: list[Published],
    new: Published,
    settings: CompatibilitySettings,
    *,
    new_version: bool = True,
    waived: Callable[[str, str], bool] | None = None,
) -> Verdict:
    """Apply the version rules to `new`, given the versions before it (ascending).

    With `new_version` (the pull-request gate) the bump rules apply too; for
    versions already published only compatibility within a major is checked,
    since their numbers can no longer change. `waived(rule, subject)` tells
    which findings a waiver will silence: those are only counted, so they are
    not given (costly) line and column numbers.
    """
    subject = f"/{title}/{new.version}"
    locate = waived is None or not waived("breaking-change", subject)
    verdict = _judge(title, history, new, settings, new_version, locate)
    verdict.diagnostics = [about(d, title, new.version) for d in verdict.diagnostics]
    return verdict


def _judge(
    title: str,
    history: list[Published],
    new: Published,
    settings: CompatibilitySettings,
    new_version: bool,
    locate: bool = True,
) -> Verdict:
    if not history:
        return Verdict(title, None, new.version, None)
    previous = history[-1]
    verdict = Verdict(
        title, previous.version, new.version, bump_of(previous.version, new.version)
    )
    if verdict.bump == "major":
        if new_version and not settings.allow_breaking_major:
            verdict.diagnostics.append(_major_not_allowed(title, previous, new))
        return verdict
    if settings.mode != "none":
        verdict.report = _compare(history, new, settings)
        verdict.diagnostics.extend(_breaking(title, new, verdict.report, locate))
    if verdict.bump == "patch" and new_version:
        verdict.diagnostics.extend(_patch_changes(title, previous, new))
    return verdict


def _compare(
    history: list[Published], new: Published, settings: CompatibilitySettings
) -> CompatReport:
    mode, policy = settings.mode, settings.policy
    transitive = mode.endswith("_transitive")
    earlier = (
        [p for p in history if p.version.major == new.version.major]
        if transitive
        else history[-1:]
    )

    def judge() -> CompatReport:
        from eventschemas.compat import compare, compare_transitive

        if transitive:
            schemas = [p.schema for p in earlier]
            return compare_transitive(schemas, new.schema, mode=mode, policy=policy)
        return compare(earlier[0].schema, new.schema, mode=mode, policy=policy)

    # Kept between runs (see `eventschemas.memo`), named by the content hashes
    # of the files compared, unless one was read without the cache (from git).
    keys = [p.document.key for p in (*earlier, new)]
    parts = [mode, policy, *keys] if all(keys) else None
    return remembered(
        new.document.cache,
        "compat",
        parts,
        judge,
        lambda found: CompatReport.from_data(found, mode, policy),
        CompatReport.as_data,
    )


def _breaking(
    title: str, new: Published, report: CompatReport, locate: bool = True
) -> Iterator[Diagnostic]:
    for change in report.breaking_changes:
        pointer = change.new_location or change.path.lstrip("#")
        where = (
            new.document.position(pointer)
            if locate
            else SourcePosition(new.document.path, 0, 0)
        )
        yield Diagnostic.at(
            "breaking-change",
            Severity.ERROR,
            f"{title} {new.version}: {change.message} [{change.kind}]; "
            f"{_counterexample_text(change)} Keep the change compatible, or "
            "publish it as a new major version if the configuration allows it.",
            where,
            change.path,
            kind=change.kind,
            counterexample=change.counterexample if change.has_counterexample else None,
            counterexample_note=change.counterexample_note,
        )


def _counterexample_text(change: Change) -> str:
    if change.has_counterexample:
        import json

        side = change.counterexample_valid_under
        text = json.dumps(change.counterexample, ensure_ascii=False)
        if len(text) > 200:
            text = text[:197] + "..."
        return f"Counterexample (valid under the {side} schema only): {text}."
    return f"No counterexample: {change.counterexample_note or 'none could be built'}."


def _major_not_allowed(title: str, previous: Published, new: Published) -> Diagnostic:
    return Diagnostic.at(
        "major-bump-not-allowed",
        Severity.ERROR,
        f"{title} goes from {previous.version} to {new.version}, a major bump, but "
        "the configuration does not allow breaking changes for this title; make "
        "the change compatible within the major version, or set "
        "allow_breaking_major for it under compatibility in .event-schemas.yaml.",
        new.document.position("/$id"),
        "/$id",
    )


def _patch_changes(
    title: str, previous: Published, new: Published
) -> Iterator[Diagnostic]:
    # "Changes validation" means the two accept different sets of events, which
    # is exactly FULL compatibility under the strict (set-inclusion) policy.
    from eventschemas.compat import compare

    if compare(previous.schema, new.schema, mode="full", policy="strict").compatible:
        return
    yield Diagnostic.at(
        "patch-changes-validation",
        Severity.ERROR,
        f"{title} {new.version} is a patch bump of {previous.version} but changes "
        "which events validate; use a minor bump for additive changes.",
        new.document.position("/$id"),
        "/$id",
    )
