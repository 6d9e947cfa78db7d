"""`$ref` resolution against the ordered schema base URIs, never over the network.

A relative reference such as `/fragment/common/1.0.0#/properties/dt` is tried
against each configured base URI in turn. A base URI is either a directory of
the repository or a remote prefix (`https://schema.example.org/.../jsonschema/`);
a remote prefix is usable only when `base_uri_map` maps it to a local checkout.
Absolute references are accepted only under such mapped prefixes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from eventschemas.errors import RefError
from eventschemas.tree import pointer as jp
from eventschemas.tree.loader import Document
from eventschemas.tree.model import Repository, Version, read_link

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def has_scheme(uri: str) -> bool:
    """Whether `uri` starts with a URI scheme (`https:`, `urn:`, ...)."""
    return _SCHEME.match(uri) is not None


_LOCAL_PREFIXES = ("", ".", "./")
_EXTENSIONS = (".yaml", ".json", ".yml")


class Target(Struct, frozen=True):
    """Where a reference landed: the document, the pointer in it, the value."""

    document: Document
    pointer: str
    value: Any


# Given a title and version that no file provides, return the materialized data
# of the title's current file when its `$id` names that version.
CurrentProvider = Callable[[str, Version], Document | None]


class _Base(Struct, frozen=True):
    uri: str
    directory: Path | None  # None: a remote prefix with no local mapping


class Resolver:
    """Resolves `$ref` strings found in documents of one repository."""

    def __init__(
        self, repo: Repository, current_provider: CurrentProvider | None = None
    ) -> None:
        self.repo = repo
        self.current_provider = current_provider
        self.bases = [self._base(uri) for uri in repo.config.schema_base_uris]
        self.prefixes = {
            prefix: self._local_dir(local)
            for prefix, local in repo.config.base_uri_map.items()
        }

    def _local_dir(self, local: str) -> Path:
        return (self.repo.config.root / local).resolve()

    def _base(self, uri: str) -> _Base:
        if uri.startswith("file://"):
            return _Base(uri, Path(uri[len("file://") :]).resolve())
        if _SCHEME.match(uri):
            mapped = self.repo.config.base_uri_map.get(uri)
            return _Base(uri, self._local_dir(mapped) if mapped else None)
        return _Base(uri, self._local_dir(uri))

    def resolve(self, ref: str, referrer: Document, at: str) -> Target:
        """Resolve `ref` written at pointer `at` of `referrer`."""
        uri, _, fragment = ref.partition("#")
        try:
            if uri in _LOCAL_PREFIXES:
                document = referrer
            elif _SCHEME.match(uri):
                document = self._absolute(uri)
            else:
                document = self._relative(uri)
            return Target(document, fragment, self._pointer(document, fragment))
        except RefError as exc:
            if exc.position is not None:
                raise
            # Positions cost a re-parse, so they are looked up only on failure.
            where = referrer.position(jp.join(at, "$ref"))
            raise RefError(exc.message, where) from None

    def _pointer(self, document: Document, fragment: str) -> Any:
        try:
            return jp.resolve(document.data, fragment)
        except (LookupError, ValueError) as exc:
            raise RefError(
                f"$ref fragment '#{fragment}' does not exist in {document.path} "
                f"({exc}); point it at an existing part of that schema"
            ) from None

    def _absolute(self, uri: str) -> Document:
        for prefix, directory in self.prefixes.items():
            if uri.startswith(prefix):
                found = self._lookup(directory, uri[len(prefix) :])
                if found is not None:
                    return found
        for base in self.bases:
            if base.directory is not None and uri.startswith(base.uri):
                found = self._lookup(base.directory, uri[len(base.uri) :])
                if found is not None:
                    return found
        raise RefError(
            f"$ref {uri!r} is an absolute URI outside every mapped base URI; "
            "nothing is fetched over the network: write it relative "
            "(/title/version) or map its prefix to a local checkout in "
            "base_uri_map"
        )

    def _relative(self, uri: str) -> Document:
        unmapped = []
        for base in self.bases:
            if base.directory is None:
                unmapped.append(base.uri)
                continue
            found = self._lookup(base.directory, uri)
            if found is not None:
                return found
        hint = ""
        if unmapped:
            hint = (
                f"; the remote base URIs {', '.join(unmapped)} were skipped because "
                "nothing is fetched: map them to local checkouts in base_uri_map"
            )
        raise RefError(
            f"$ref {uri!r} does not resolve to any schema under the base URIs "
            f"{', '.join(b.uri for b in self.bases)}{hint}; check the title and "
            "version, or materialize that version first"
        )

    def _lookup(self, directory: Path, uri: str) -> Document | None:
        relative = posixpath.normpath(uri.lstrip("/")) if uri.strip("/") else "."
        if relative == ".." or relative.startswith("../") or relative == ".":
            raise RefError(
                f"$ref {uri!r} escapes the schema tree; refer to schemas by "
                "/title/version inside the tree"
            )
        if directory == self.repo.base:
            found = self._in_repository(relative)
            if found is not None:
                return found
        return self._on_disk(directory, relative)

    def _in_repository(self, relative: str) -> Document | None:
        title, _, last = relative.rpartition("/")
        for ext in _EXTENSIONS:
            if last.endswith(ext):
                last = last[: -len(ext)]
                break
        version = Version.parse(last)
        if version is None or not title:
            return None
        if self.current_provider is not None:
            provided = self.current_provider(title, version)
            if provided is not None:
                return provided
        path = self.repo.version_file(title, version)
        return self.repo.document(path) if path is not None else None

    def _on_disk(self, directory: Path, relative: str) -> Document | None:
        path = directory / relative
        candidates = [path] + [path.with_name(path.name + e) for e in _EXTENSIONS]
        for candidate in candidates:
            if candidate.is_file():
                link = None if candidate.is_symlink() else read_link(candidate)
                if link is not None:
                    candidate = candidate.with_name(link.target)
                resolved = candidate.resolve()
                if not resolved.is_relative_to(directory):
                    raise RefError(
                        f"$ref target {relative!r} is a link that leads out of "
                        f"{directory}; links in the tree must stay inside it"
                    )
                return self.repo.document(resolved)
        return None
