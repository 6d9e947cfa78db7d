"""Collect the site's data from a repository: one `TitlePage` per title.

Each published file is parsed once (the repository caches documents) and each
title's history is computed once, whatever the number of pages that show it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from eventschemas.docs.fields import field_rows
from eventschemas.docs.history import version_history
from eventschemas.docs.model import Site, TitlePage
from eventschemas.docs.usage import references, used_by, uses
from eventschemas.errors import EventSchemasError, TreeError
from eventschemas.streams import Stream, StreamConfig
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository, SchemaTitle, SchemaVersion

_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z0-9\"'(`]|$)", re.DOTALL)
_SUMMARY_MAX = 200


def collect(repo: Repository, *, base_url: str = "") -> Site:
    """The data of the whole site for `repo`."""
    found = references(repo)
    users = used_by(found)
    collector = _Collector(repo, repo.streams())
    site = Site(name=repo.config.root.name, base_url=base_url)
    for title, entry in repo.titles.items():
        page = collector.page(entry)
        page.uses = uses(found, title)
        page.used_by = users.get(title, ())
        site.pages[title] = page
    return site


class _Collector:
    def __init__(self, repo: Repository, streams: StreamConfig) -> None:
        self.repo = repo
        self.streams = streams
        self._materializer: Materializer | None = None
        types = repo.config.content_types
        # JSON parses several times faster than YAML and holds the same data.
        self.parse_order = ("json", *types) if "json" in types else types

    def data(self, version: SchemaVersion) -> Any:
        path = version.primary_file(self.parse_order)
        if path is None:  # only a link names this version
            raise TreeError(
                f"version {version.version} has a link but no schema file; "
                "materialize it again or remove the dangling link"
            )
        return self.repo.document(path).data

    def page(self, entry: SchemaTitle) -> TitlePage:
        settings = self.repo.config.compatibility_for(entry.title)
        page = TitlePage(
            entry.title,
            is_fragment=entry.is_fragment,
            mode=settings.mode,
            policy=settings.policy,
            streams=self.stream_infos(entry.title),
        )
        try:
            schema = self.latest_schema(entry)
            page.versions = version_history(
                entry.sorted_versions(), self.data, settings
            )
        except EventSchemasError as exc:
            page.problem = str(exc)
            return page
        self.describe(page, entry, schema)
        return page

    def latest_schema(self, entry: SchemaTitle) -> Any:
        latest = entry.latest
        if latest is not None:
            return self.data(latest)
        if self._materializer is None:
            self._materializer = Materializer(self.repo)
        return self._materializer.build(entry.title)

    def describe(self, page: TitlePage, entry: SchemaTitle, schema: Any) -> None:
        if not isinstance(schema, dict):
            return
        description = schema.get("description")
        page.description = description if isinstance(description, str) else ""
        page.summary = first_sentence(page.description)
        page.schema_id = str(schema.get("$id", ""))
        page.latest = str(entry.latest.version) if entry.latest else None
        page.fields = tuple(field_rows(schema, self.repo.config.numeric_bounds))
        page.examples = tuple(
            json.dumps(example, indent=2, ensure_ascii=False)
            for example in _list(schema.get("examples"))
        )

    def stream_infos(self, title: str) -> tuple[Stream, ...]:
        return tuple(self.streams.for_title(title))


def first_sentence(text: str) -> str:
    """The first sentence of `text` with whitespace collapsed, for summaries."""
    flat = " ".join(text.split())
    match = _SENTENCE.match(flat)
    sentence = match[1] if match else flat
    if len(sentence) <= _SUMMARY_MAX:
        return sentence
    cut = sentence[:_SUMMARY_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
