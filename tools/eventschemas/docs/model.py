"""What a documentation site shows, as plain data the templates read.

The collector fills these from the repository; the renderers never touch the
repository themselves, so a page can be tested from its data alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from msgspec import Struct, field

from eventschemas.streams import Stream

_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def namespace_anchor(name: str) -> str:
    """A fragment id for a namespace heading, safe in any URL without encoding."""
    return "ns-" + _NOT_ID.sub("-", name)


class FieldRow(Struct, frozen=True):
    """One field of a schema, flattened to a dotted path (`performer.user_groups[]`)."""

    path: str
    depth: int
    type: str
    required: bool
    constraints: tuple[str, ...]
    description: str


class ChangeLine(Struct, frozen=True):
    """One change between two versions, in words, at a field path."""

    kind: str
    field: str
    text: str
    breaking: bool
    counterexample: str | None = None
    valid_under: str | None = None


class RawFile(Struct, frozen=True):
    """A published file of one version, copied into the site beside the page."""

    content_type: str
    source: Path

    @property
    def name(self) -> str:
        return self.source.name


class VersionEntry(Struct, frozen=True):
    """One published version and its changes against the one before it."""

    version: str
    raw: tuple[RawFile, ...]
    previous: str | None = None
    changes: tuple[ChangeLine, ...] = ()
    compatible: bool = True
    major_bump: bool = False
    error: str | None = None

    @property
    def anchor(self) -> str:
        return "v" + self.version

    @property
    def breaking_count(self) -> int:
        return sum(1 for c in self.changes if c.breaking)


class Usage(Struct, frozen=True):
    """A title that refers to another one, and which versions it names."""

    title: str
    versions: tuple[str, ...]


class TitlePage(Struct):
    """Everything shown on the page of one schema title."""

    title: str
    description: str = ""
    summary: str = ""
    schema_id: str = ""
    latest: str | None = None
    is_fragment: bool = False
    mode: str = ""
    policy: str = ""
    streams: tuple[Stream, ...] = ()  # the entries of streams.yaml naming it
    used_by: tuple[Usage, ...] = ()
    uses: tuple[Usage, ...] = ()
    fields: tuple[FieldRow, ...] = ()
    examples: tuple[str, ...] = ()
    versions: tuple[VersionEntry, ...] = ()  # newest first
    problem: str | None = None

    @property
    def namespace(self) -> str:
        return self.title.split("/", 1)[0]

    @property
    def namespace_anchor(self) -> str:
        return namespace_anchor(self.namespace)

    @property
    def depth(self) -> int:
        return self.title.count("/") + 1

    @property
    def url_path(self) -> str:
        """The page's directory as a URL path, each segment percent-encoded."""
        return "/".join(quote(part) for part in self.title.split("/")) + "/"


class Namespace(Struct, frozen=True):
    name: str
    pages: tuple[TitlePage, ...]

    @property
    def anchor(self) -> str:
        return namespace_anchor(self.name)


class Site(Struct):
    """The whole site: its pages by title and the index groups."""

    name: str
    pages: dict[str, TitlePage] = field(default_factory=dict)
    base_url: str = ""

    @property
    def namespaces(self) -> list[Namespace]:
        groups: dict[str, list[TitlePage]] = {}
        for page in sorted(self.pages.values(), key=lambda p: p.title):
            groups.setdefault(page.namespace, []).append(page)
        return [Namespace(name, tuple(pages)) for name, pages in groups.items()]
