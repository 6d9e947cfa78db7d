"""Which titles refer to which: read from the `$ref`s of the current files.

Published versions have every reference inlined, so only the current files
still say which fragment (and which version of it) a schema is built from.
"""

from __future__ import annotations

from collections import defaultdict

from eventschemas.docs.model import Usage
from eventschemas.errors import EventSchemasError
from eventschemas.tree.deref import iter_refs
from eventschemas.tree.model import Repository, Version
from eventschemas.tree.refs import has_scheme

_EXTENSIONS = (".yaml", ".yml", ".json")
References = dict[str, dict[str, set[str]]]


def references(repo: Repository) -> References:
    """`found[title][other]` is the set of versions of `other` that `title` names."""
    found: References = {}
    for title, entry in repo.titles.items():
        if entry.current is None:
            continue
        try:
            data = repo.document(entry.current).data
        except EventSchemasError:
            continue  # the page reports the broken file; usage is best effort
        named: dict[str, set[str]] = defaultdict(set)
        for _, ref in iter_refs(data):
            target = ref_target(repo, ref)
            if target is not None and target[0] != title:
                named[target[0]].add(target[1])
        found[title] = dict(named)
    return found


def ref_target(repo: Repository, ref: str) -> tuple[str, str] | None:
    """The `(title, version)` a `$ref` names, or None for a local or unknown one."""
    uri = ref.partition("#")[0]
    if not uri or uri.startswith("."):
        return None
    if has_scheme(uri):
        relative = _strip_base(repo, uri)
        if relative is None:
            return None
        uri = relative
    for ext in _EXTENSIONS:
        uri = uri.removesuffix(ext)
    title, _, last = uri.strip("/").rpartition("/")
    if Version.parse(last) is None and last != "latest":
        return None
    return (title, last) if title in repo.titles else None


def _strip_base(repo: Repository, uri: str) -> str | None:
    prefixes = [*repo.config.base_uri_map, *repo.config.schema_base_uris]
    for prefix in prefixes:
        if has_scheme(prefix) and uri.startswith(prefix):
            return uri[len(prefix) :]
    return None


def used_by(found: References) -> dict[str, tuple[Usage, ...]]:
    """For each title named anywhere, the titles whose current file names it."""
    users: dict[str, list[Usage]] = defaultdict(list)
    for user in sorted(found):
        for other, versions in found[user].items():
            users[other].append(Usage(user, sorted_versions(versions)))
    return {title: tuple(found_by) for title, found_by in users.items()}


def uses(found: References, title: str) -> tuple[Usage, ...]:
    named = found.get(title, {})
    return tuple(Usage(other, sorted_versions(named[other])) for other in sorted(named))


def sorted_versions(versions: set[str]) -> tuple[str, ...]:
    """Semantic versions in semver order, then anything else (`latest`)."""

    def key(text: str) -> tuple[int, Version, str]:
        version = Version.parse(text)
        return (0, version, "") if version is not None else (1, _ZERO, text)

    return tuple(sorted(versions, key=key))


_ZERO = Version(0, 0, 0)
