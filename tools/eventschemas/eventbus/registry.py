"""The compiled state the service validates against: one immutable snapshot.

At start (and on every reload) every materialized version of every title is
loaded and compiled once with jsonschema-rs. Requests then only look things up
in dictionaries: a schema URI is never parsed, resolved or read at request time,
so nothing outside the tree can ever be reached through one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from msgspec import Struct, field

from eventschemas.errors import EventSchemasError, SourcePosition, TreeError
from eventschemas.streams import Stream, StreamConfig
from eventschemas.tree.model import Repository, SchemaTitle, SchemaVersion
from eventschemas.tree.refs import has_scheme
from eventschemas.validation import CompileError, compile_message, instance_validator

logger = logging.getLogger(__name__)

_STREAM_CACHE_LIMIT = 10_000


class CompiledSchema(Struct, frozen=True):
    """One published version, ready for the hot path."""

    uri: str  # the canonical form: /<title>/<version>
    title: str
    version: str
    schema: dict[str, Any]
    validator: Any  # a jsonschema_rs validator


class Registry(Struct):
    """Schemas by every URI form a client may send, plus the stream table."""

    schemas: dict[str, CompiledSchema]
    by_title: dict[str, list[CompiledSchema]]
    streams: StreamConfig
    prefixes: tuple[str, ...]
    allow_latest: bool
    _stream_cache: dict[str, Stream | None] = field(default_factory=dict)

    def lookup(self, uri: str) -> CompiledSchema | None:
        """The schema a `$schema` value names, or None (never raises, never reads)."""
        found = self.schemas.get(uri)
        if found is not None:
            return found
        for prefix in self.prefixes:
            if uri.startswith(prefix):
                return self.schemas.get("/" + uri[len(prefix) :].lstrip("/"))
        return None

    def why_unknown(self, uri: str) -> str:
        """A sentence explaining why `uri` names no schema here."""
        if "://" in uri or has_scheme(uri):
            return (
                f"schema URI {uri!r} is absolute and not under a base URI this "
                "service maps to its tree; send the relative $id (/<title>/<version>)"
            )
        if ".." in uri.split("/"):
            return f"schema URI {uri!r} tries to leave the schema tree"
        if uri.rstrip("/").endswith("/latest") and not self.allow_latest:
            return (
                f"schema URI {uri!r} uses 'latest', which this service does not accept"
            )
        return (
            f"schema URI {uri!r} names no published schema version in this repository"
        )

    def stream(self, name: str) -> Stream | None:
        cache = self._stream_cache
        if name in cache:
            return cache[name]
        found = self.streams.match(name)
        if len(cache) < _STREAM_CACHE_LIMIT:
            cache[name] = found
        return found

    def latest(self, title: str) -> CompiledSchema | None:
        versions = self.by_title.get(title)
        return versions[-1] if versions else None


def build_registry(
    repo: Repository,
    *,
    allow_latest: bool = False,
    on_skip: Callable[[EventSchemasError], None] | None = None,
) -> Registry:
    """Load and compile every published version of every title."""
    schemas: dict[str, CompiledSchema] = {}
    by_title: dict[str, list[CompiledSchema]] = {}
    for title, entry in repo.titles.items():
        for version in entry.sorted_versions():
            compiled = _compile(repo, entry, version)
            by_title.setdefault(title, []).append(compiled)
            for form in _forms(compiled, repo.config.content_types):
                schemas[form] = compiled
        if allow_latest and title in by_title:
            newest = by_title[title][-1]
            for suffix in ("latest", "latest.yaml", "latest.json"):
                schemas[f"/{title}/{suffix}"] = newest
    return Registry(
        schemas=schemas,
        by_title=by_title,
        streams=repo.streams(),
        prefixes=_prefixes(repo),
        allow_latest=allow_latest,
    )


def _compile(
    repo: Repository, entry: SchemaTitle, version: SchemaVersion
) -> CompiledSchema:
    path = version.primary_file(repo.config.content_types)
    if path is None:
        raise TreeError(f"{entry.title} {version.version} has no materialized file")
    document = repo.document(path)
    if not isinstance(document.data, dict):
        raise TreeError("a schema file must hold a mapping", document.position())
    try:
        validator = instance_validator(document.data, lean=True)
    except CompileError as exc:
        raise TreeError(
            f"cannot compile this schema: {compile_message(exc)}; fix it and reload",
            SourcePosition(document.path, 1, 1),
        ) from None
    uri = f"/{entry.title}/{version.version}"
    return CompiledSchema(
        uri, entry.title, str(version.version), document.data, validator
    )


def _forms(compiled: CompiledSchema, content_types: tuple[str, ...]) -> list[str]:
    base = compiled.uri
    return [base, base + "#", *(f"{base}.{t}" for t in content_types)]


def _prefixes(repo: Repository) -> tuple[str, ...]:
    """Absolute URI prefixes that name this repository's own tree."""
    config = repo.config
    prefixes = [
        prefix
        for prefix, local in config.base_uri_map.items()
        if (config.root / local).resolve() == repo.base
    ]
    return tuple(sorted(prefixes, key=len, reverse=True))
