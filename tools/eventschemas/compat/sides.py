"""Where the two schemas of a comparison come from, in a schema repository.

A side is a file (a current file is materialized first, so its `$ref`s and
`allOf`s are resolved the way they will be published) or `TITLE@VERSION`, the
published version of a title.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from eventschemas.compat.api import compare, compare_transitive
from eventschemas.compat.model import CompatReport, Mode, Policy
from eventschemas.compat.policy import is_transitive
from eventschemas.errors import UsageError
from eventschemas.tree.deref import dereference
from eventschemas.tree.loader import Document, load_file
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository, Version
from eventschemas.tree.refs import Resolver


class Side(Struct, frozen=True):
    label: str
    schema: Any
    document: Document | None  # for positions, when the schema is a file as written


class Comparison(Struct, frozen=True):
    old: Side
    new: Side
    report: CompatReport


def load_side(repo: Repository | None, spec: str) -> Side:
    """A schema named by a file path or `TITLE@VERSION`."""
    path = Path(spec)
    if path.is_file():
        return _file_side(repo, path)
    if "@" in spec and repo is not None:
        return _published_side(repo, spec)
    raise UsageError(
        f"{spec} is neither a schema file nor TITLE@VERSION of a published version"
    )


def _file_side(repo: Repository | None, path: Path) -> Side:
    if repo is None:
        document = load_file(path)
        return Side(str(path), document.data, document)
    resolved = path.resolve()
    for title, entry in repo.titles.items():
        if entry.current is not None and entry.current.resolve() == resolved:
            schema = Materializer(repo, [title]).build(title)
            return Side(repo.display(resolved), schema, None)
    document = repo.document(resolved)
    schema = dereference(document, Resolver(repo))
    return Side(document.path, schema, document)


def _published_side(repo: Repository, spec: str) -> Side:
    title, _, text = spec.rpartition("@")
    version = Version.parse(text)
    entry = repo.titles.get(title.strip("/"))
    if entry is None or version is None or version not in entry.versions:
        known = ", ".join(str(v) for v in sorted(entry.versions)) if entry else "none"
        raise UsageError(
            f"{spec}: no published version {text} of title {title!r} "
            f"(published: {known})"
        )
    path = entry.versions[version].primary_file(repo.config.content_types)
    if path is None:
        raise UsageError(f"{spec} has no materialized file")
    document = repo.document(path)
    return Side(f"{entry.title}@{version}", document.data, document)


def title_comparisons(
    repo: Repository, title: str, mode: Mode | None, policy: Policy | None
) -> list[Comparison]:
    """Every consecutive pair of published versions of `title` within a major
    (each version against all earlier ones of its major for *_transitive)."""
    entry = repo.titles.get(title)
    if entry is None:
        raise UsageError(f"no title {title!r} in this repository")
    settings = repo.config.compatibility_for(title)
    mode = mode or settings.mode
    policy = policy or settings.policy
    versions = [v.version for v in entry.sorted_versions()]
    sides = [_published_side(repo, f"{title}@{v}") for v in versions]
    comparisons = []
    for index in range(1, len(sides)):
        earlier = [
            s
            for s, v in zip(sides[:index], versions[:index], strict=True)
            if v.major == versions[index].major
        ]
        if not earlier or mode == "none":
            continue
        if is_transitive(mode):
            report = compare_transitive(
                [s.schema for s in earlier],
                sides[index].schema,
                mode=mode,
                policy=policy,
            )
        else:
            report = compare(
                earlier[-1].schema, sides[index].schema, mode=mode, policy=policy
            )
        comparisons.append(Comparison(earlier[-1], sides[index], report))
    return comparisons
