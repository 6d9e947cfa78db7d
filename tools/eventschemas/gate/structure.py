"""Structural checks of the tree: materialized files and links in sync with the
current files, and every configured content type present and equal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.errors import EventSchemasError
from eventschemas.gate.rules import about
from eventschemas.tree.materialize import Materializer, materialize
from eventschemas.tree.model import Repository, SchemaTitle, SchemaVersion
from eventschemas.tree.serialize import exact_json


def structure_findings(
    repo: Repository,
    titles: Iterable[str] | None = None,
    *,
    skip_materialize: set[str] | frozenset[str] = frozenset(),
    materializer: Materializer | None = None,
) -> list[Diagnostic]:
    """Out-of-sync materialized files and content-type mismatches of `titles`."""
    selected = sorted(titles) if titles is not None else list(repo.titles)
    with_current = [
        t
        for t in selected
        if repo.titles[t].current is not None and t not in skip_materialize
    ]
    findings = list(_materialized(repo, with_current, materializer))
    for title in selected:
        for version in repo.titles[title].sorted_versions():
            findings.extend(_content_types(repo, repo.titles[title], version))
    return findings


def _materialized(
    repo: Repository, titles: list[str], materializer: Materializer | None
) -> Iterator[Diagnostic]:
    if not titles:
        return
    try:
        run = materialize(repo, titles, check=True, materializer=materializer)
    except EventSchemasError as exc:
        yield Diagnostic.at(
            "materialized-out-of-sync",
            Severity.ERROR,
            f"cannot materialize: {exc.message}",
            exc.position,
        )
        return
    for difference in run.differences:
        path = difference.output.path
        entry = repo.titles.get(path.parent.relative_to(repo.base).as_posix())
        fix = "event-schemas materialize --all"
        if entry is not None and entry.current is not None:
            fix = f"event-schemas materialize {repo.display(entry.current)}"
        found = Diagnostic(
            "materialized-out-of-sync",
            Severity.ERROR,
            f"{difference.reason}; run `{fix}` and commit the result",
            path=repo.display(path),
        )
        yield about(found, entry.title) if entry is not None else found


def _content_types(
    repo: Repository, entry: SchemaTitle, version: SchemaVersion
) -> Iterator[Diagnostic]:
    types = repo.config.content_types
    present = [t for t in types if t in version.files]
    if not present:
        return
    for missing in (t for t in types if t not in version.files):
        expected = entry.directory / f"{version.version}.{missing}"
        found = Diagnostic(
            "content-types-differ",
            Severity.ERROR,
            f"{entry.title} {version.version} has no .{missing} file although "
            f"content_types lists {missing}; run `event-schemas materialize` for "
            f"a current version, or write it from the .{present[0]} file for an "
            "older one",
            path=repo.display(expected),
        )
        yield about(found, entry.title, version.version)
    try:
        first = repo.document(version.files[present[0]])
    except EventSchemasError:
        return  # lint's schema-loadable reports the file itself
    for other in present[1:]:
        if other == "json" and _written_from(first.data, version.files[other]):
            continue
        try:
            document = repo.document(version.files[other])
        except EventSchemasError as error:
            unreadable = Diagnostic.at(
                "schema-loadable", Severity.ERROR, error.message, error.position
            )
            yield about(unreadable, entry.title, version.version)
            continue
        if document.data != first.data:
            found = Diagnostic(
                "content-types-differ",
                Severity.ERROR,
                f"{document.path} does not hold the same schema as {first.path}; "
                "published content types must be identical",
                path=document.path,
            )
            yield about(found, entry.title, version.version)


def _written_from(data: object, path: Path) -> bool:
    """Whether the JSON file at `path` holds exactly what we write for `data`,
    and so the same schema: then it need not be parsed (writing JSON is about
    five times as fast as reading it back, and most published JSON files were
    written by `materialize`). Data JSON cannot hold exactly is never matched.
    """
    expected = exact_json(data)
    if expected is None:
        return False
    try:
        return path.read_bytes() == expected
    except OSError:
        return False
