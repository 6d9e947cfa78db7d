"""Stream configuration (`streams.yaml`): which schema title each stream uses.

    streams:
      mediawiki.page-create:
        schema_title: mediawiki/page/create
        description: ...
        topics: [eqiad.mediawiki.page-create]
      /^mediawiki\\.job\\..+$/:          # a regex entry, written between slashes
        schema_title: mediawiki/job

Exact names win over regex entries; a name matched by several regex entries
is ambiguous (the linter reports it, `match` takes the first).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from eventschemas.errors import ConfigError, SourcePosition
from eventschemas.tree import pointer as jp
from eventschemas.tree.loader import Document, load_file

if TYPE_CHECKING:
    from eventschemas.tree.cache import ParseCache

_ALLOWED = {"schema_title", "description", "topics"}


class Stream(Struct, frozen=True):
    """One entry of `streams.yaml`."""

    name: str
    schema_title: str
    description: str = ""
    topics: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    position: SourcePosition | None = None

    @property
    def is_regex(self) -> bool:
        return self.pattern is not None

    def matches(self, stream: str) -> bool:
        if self.pattern is None:
            return stream == self.name
        return self.pattern.search(stream) is not None


class StreamConfig(Struct, frozen=True):
    streams: tuple[Stream, ...]
    source: str = ""

    def match(self, stream: str) -> Stream | None:
        """The entry for `stream`: its exact name first, else the first regex."""
        regex_match = None
        for entry in self.streams:
            if entry.pattern is None and entry.name == stream:
                return entry
            if regex_match is None and entry.matches(stream):
                regex_match = entry
        return regex_match

    def matching(self, stream: str) -> list[Stream]:
        return [entry for entry in self.streams if entry.matches(stream)]

    def for_title(self, title: str) -> list[Stream]:
        return [entry for entry in self.streams if entry.schema_title == title]


def load_streams(
    path: Path, display: str | None = None, cache: ParseCache | None = None
) -> StreamConfig:
    """Read and check a `streams.yaml` (through the parse `cache` when given);
    a missing file means no streams."""
    if not path.exists():
        return StreamConfig((), display or str(path))
    document = load_file(path, display, cache)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict) or not isinstance(data.get("streams", {}), dict):
        raise ConfigError(
            "streams file must be a mapping with a `streams:` mapping of stream "
            "name to {schema_title, description, topics}",
            document.position(),
        )
    entries = data.get("streams") or {}
    streams = tuple(_stream(document, name, entry) for name, entry in entries.items())
    return StreamConfig(streams, document.path)


def _stream(document: Document, name: str, entry: Any) -> Stream:
    at = jp.join("/streams", name)
    where = document.position(at)
    if not isinstance(entry, dict) or not isinstance(entry.get("schema_title"), str):
        raise ConfigError(f"stream {name!r} needs a `schema_title` string", where)
    unknown = sorted(set(entry) - _ALLOWED)
    if unknown:
        raise ConfigError(
            f"stream {name!r} has unknown keys {unknown}; allowed: {sorted(_ALLOWED)}",
            where,
        )
    topics = entry.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ConfigError(f"stream {name!r}: topics must be a list of strings", where)
    return Stream(
        name=name,
        schema_title=entry["schema_title"].strip("/"),
        description=str(entry.get("description") or ""),
        topics=tuple(topics),
        pattern=_pattern(name, where),
        position=where,
    )


def _pattern(name: str, where: SourcePosition) -> re.Pattern[str] | None:
    if len(name) < 2 or not (name.startswith("/") and name.endswith("/")):
        return None
    try:
        return re.compile(name[1:-1])
    except re.error as exc:
        raise ConfigError(
            f"stream {name!r} is written as a /regex/ but does not compile ({exc}); "
            "fix the expression or drop the slashes for a plain name",
            where,
        ) from None
