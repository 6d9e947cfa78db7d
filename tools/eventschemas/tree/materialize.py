"""Materialization: turn each `current.yaml` into its immutable versioned files.

For a title whose current file has `$id: /<title>/<version>` the outputs are
`<version>.<type>` for every configured content type, the extensionless
`<version>` link to the first type, and the `latest` links. The schema is
dereferenced, its `allOf`s merged, missing numeric bounds added and its keys
put in a stable order.

Work follows the reference graph: when a schema refers to the version of a
fragment that this run is materializing, that fragment is built first and the
fresh result is used, whatever stale file might be on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct, field

from eventschemas.errors import EventSchemasError, RefError, TreeError, UsageError
from eventschemas.tree import pointer as jp
from eventschemas.tree.cache import ParseCache
from eventschemas.tree.deref import dereference
from eventschemas.tree.loader import Document, parse_document
from eventschemas.tree.merge import merge_all_of
from eventschemas.tree.model import Repository, SchemaTitle, Version, read_link
from eventschemas.tree.refs import Resolver
from eventschemas.tree.serialize import SERIALIZERS, canonical_order, order_keywords
from eventschemas.tree.walk import transform

_NUMERIC = {"integer", "number"}


class Output(Struct, frozen=True, dict=True):
    """One file or link that materialization produces.

    A file's bytes are serialized only when asked for: checking a repository
    compared as data never needs them.
    """

    path: Path
    kind: Literal["file", "link"]
    target: str = ""
    data: Any = None
    content_type: str = ""

    # `data` (what a file is written from) takes no part in equality.

    def _identity(self) -> tuple[Any, ...]:
        return (self.path, self.kind, self.target, self.content_type)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Output:
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    @cached_property
    def content(self) -> bytes:
        if self.kind != "file":
            return b""
        return SERIALIZERS[self.content_type](self.data)


class Difference(Struct, frozen=True):
    """An output whose file on disk is missing or not what would be generated."""

    output: Output
    reason: str


def schema_version(document: Document) -> Version:
    """The version named by the last segment of a schema's `$id`."""
    schema_id = document.data.get("$id") if isinstance(document.data, dict) else None
    last = (
        schema_id.rstrip("/").rsplit("/", 1)[-1] if isinstance(schema_id, str) else ""
    )
    version = Version.parse(last)
    if version is None:
        raise TreeError(
            f"$id {schema_id!r} does not end in a semantic version; write it as "
            "/<title>/<major>.<minor>.<patch>",
            document.position("/$id"),
        )
    return version


def add_numeric_bounds(schema: Any, bounds: tuple[int, int]) -> Any:
    """Give every integer/number schema without a lower/upper bound the defaults."""
    return transform(schema, _bounder(bounds))


def _bounder(bounds: tuple[int, int]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    low, high = bounds

    def bound(node: dict[str, Any]) -> dict[str, Any]:
        # Only a single numeric type is bounded, as jsonschema-tools does: a
        # type list such as [integer, "null"] is left alone (and linted).
        if not isinstance(node.get("type"), str) or node["type"] not in _NUMERIC:
            return node
        if "minimum" not in node and "exclusiveMinimum" not in node:
            node = {**node, "minimum": low}
        if "maximum" not in node and "exclusiveMaximum" not in node:
            node = {**node, "maximum": high}
        return node

    return bound


class Materializer:
    """Builds materialized schemas for the current files of a repository."""

    def __init__(self, repo: Repository, titles: Iterable[str] | None = None) -> None:
        self.repo = repo
        self.run = set(titles) if titles is not None else self.current_titles()
        self.resolver = Resolver(repo, current_provider=self._provide)
        self.order: list[str] = []
        self._built: dict[str, Document] = {}
        self._building: list[str] = []

    def current_titles(self) -> set[str]:
        return {t for t, e in self.repo.titles.items() if e.current is not None}

    def entry(self, title: str) -> SchemaTitle:
        entry = self.repo.titles.get(title)
        if entry is None or entry.current is None:
            raise TreeError(f"title {title!r} has no {self.repo.config.current_name}")
        return entry

    def current(self, title: str) -> Document:
        path = self.entry(title).current
        assert path is not None
        return self.repo.document(path)

    def version(self, title: str) -> Version:
        return schema_version(self.current(title))

    def build(self, title: str) -> Any:
        """The materialized schema of `title`'s current file (built once)."""
        return self._document(title).data

    def _document(self, title: str) -> Document:
        built = self._built.get(title)
        if built is not None:
            return built
        if title in self._building:
            chain = " -> ".join([*self._building[self._building.index(title) :], title])
            raise RefError(f"current schemas refer to each other in a cycle: {chain}")
        self._building.append(title)
        try:
            source = self.current(title)
            data = self._materialize(source)
        finally:
            self._building.pop()
        built = Document(source.path, data, b"")
        self._built[title] = built
        self.order.append(title)
        return built

    def _materialize(self, source: Document) -> Any:
        if not isinstance(source.data, dict):
            raise TreeError("a schema file must hold a mapping", source.position())
        schema_version(source)
        data = merge_all_of(dereference(source, self.resolver))
        bounds = self.repo.config.numeric_bounds
        if bounds is None:
            return canonical_order(data)
        # Bounds and key order are applied in one pass over the schema.
        bound = _bounder(bounds)
        return transform(data, lambda node: order_keywords(bound(node)))

    def _provide(self, title: str, version: Version) -> Document | None:
        entry = self.repo.titles.get(title)
        if entry is None or entry.current is None:
            return None
        if title not in self.run and self.repo.version_file(title, version):
            return None
        if self.version(title) != version:
            return None
        return self._document(title)

    def outputs(self, title: str) -> list[Output]:
        """Every file and link that materializing `title` writes."""
        entry = self.entry(title)
        version = self.version(title)
        data = self.build(title)
        config = self.repo.config
        outputs = [
            Output(
                entry.directory / f"{version}.{t}", "file", data=data, content_type=t
            )
            for t in config.content_types
        ]
        first = f"{version}.{config.content_types[0]}"
        if config.symlink_extensionless:
            outputs.append(Output(entry.directory / str(version), "link", target=first))
        if config.symlink_latest:
            outputs.extend(self._latest_links(entry, version))
        return outputs

    def _latest_links(self, entry: SchemaTitle, version: Version) -> list[Output]:
        # latest only ever moves forward: it names the highest published version.
        newest = max([version, *entry.versions])
        types = self.repo.config.content_types
        links = [
            Output(entry.directory / f"latest.{t}", "link", target=f"{newest}.{t}")
            for t in types
        ]
        links.append(
            Output(entry.directory / "latest", "link", target=f"{newest}.{types[0]}")
        )
        return links


def published_links(repo: Repository, entry: SchemaTitle) -> list[Output]:
    """The extensionless links every published version of `entry` should have."""
    if not repo.config.symlink_extensionless:
        return []
    first = repo.config.content_types[0]
    return [
        Output(entry.directory / str(v.version), "link", target=f"{v.version}.{first}")
        for v in entry.sorted_versions()
        if first in v.files
    ]


def differences(
    outputs: Iterable[Output],
    mode: Literal["bytes", "data"],
    *,
    tolerate_generated_examples: bool = False,
    load: Callable[[Path], Document] | None = None,
    cache: ParseCache | None = None,
) -> list[Difference]:
    """Compare outputs with the files on disk; return the ones that differ.

    `load` reads a file as a document (a repository's cache, say); data-mode
    comparisons use it instead of parsing the file again. With a `cache`, a
    byte comparison whose answer an earlier run already knew is not
    serialized again (see `ParseCache.serialized`).
    """
    found = []
    for output in outputs:
        reason = (
            _link_difference(output)
            if output.kind == "link"
            else _file_difference(
                output, mode, tolerate_generated_examples, load, cache
            )
        )
        if reason:
            found.append(Difference(output, reason))
    return found


def _link_difference(output: Output) -> str:
    if not output.path.exists() and not output.path.is_symlink():
        return f"missing link (should point to {output.target})"
    link = read_link(output.path)
    if link is None:
        return f"is not a link to {output.target}"
    if link.target != output.target:
        return f"points to {link.target}, should point to {output.target}"
    return ""


def _file_difference(
    output: Output,
    mode: Literal["bytes", "data"],
    tolerate_examples: bool = False,
    load: Callable[[Path], Document] | None = None,
    cache: ParseCache | None = None,
) -> str:
    if output.path.is_symlink() or not output.path.is_file():
        return "missing"
    if mode == "data" and load is not None:
        try:
            existing = load(output.path)
        except EventSchemasError as exc:
            return f"unreadable ({exc})"
        return _data_difference(existing.data, output, tolerate_examples)
    existing_bytes = output.path.read_bytes()
    if mode == "bytes" and cache is not None:
        key = cache.serialized_key(output.content_type, output.data)
        digest = cache.key(existing_bytes)
        if key is not None and cache.serialized(key) == digest:
            return ""  # these exact bytes are what this exact data serializes to
        reason = content_difference(existing_bytes, output, mode, tolerate_examples)
        if key is not None and not reason:
            cache.remember_serialized(key, digest)
        return reason
    return content_difference(existing_bytes, output, mode, tolerate_examples)


def content_difference(
    existing: bytes,
    output: Output,
    mode: Literal["bytes", "data"],
    tolerate_examples: bool = False,
) -> str:
    """Why `existing` bytes are not what `output` would write ('' if they are)."""
    if mode == "bytes":
        if existing == output.content:
            return ""
        return "content differs from what current.yaml generates"
    try:
        data = parse_document(existing, str(output.path)).data
    except EventSchemasError as exc:
        return f"unreadable ({exc})"
    return _data_difference(data, output, tolerate_examples)


def _data_difference(data: Any, output: Output, tolerate_examples: bool) -> str:
    if data == output.data:
        return ""
    if tolerate_examples:
        data = _without_generated_examples(data, output.data)
    if data == output.data or _as_doubles(data) == _as_doubles(output.data):
        return ""
    first = _first_change(data, output.data)
    return f"content differs from what current.yaml generates (first at {first})"


def _first_change(old: Any, new: Any, at: str = "") -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key, _MISSING) != new.get(key, _MISSING):
                return _first_change(old.get(key), new.get(key), jp.join(at, key))
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return _first_change(a, b, jp.join(at, index))
    return at or "/"


_MISSING = object()
_DOUBLE_EXACT = 2**53


def _as_doubles(value: Any) -> Any:
    """Integers beyond 2**53 as the doubles a JavaScript tool would have written.

    jsonschema-tools runs on Node, where 18446744073709551615 is stored and
    written as 18446744073709552000; both name the same double.
    """
    if isinstance(value, dict):
        return {k: _as_doubles(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_doubles(v) for v in value]
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and abs(value) > _DOUBLE_EXACT
    ):
        return float(value)
    return value


def _without_generated_examples(published: Any, generated: Any) -> Any:
    """Drop `examples` that the published file has and our output does not.

    jsonschema-tools (with shouldGenerateExample) invents an example for any
    schema that has none; we do not, so in a repository that it materialized
    such examples are expected to be found only on disk. Equal parts are
    returned as they are (comparing is much faster than copying).
    """
    if published == generated:
        return published
    if isinstance(published, dict) and isinstance(generated, dict):
        return {
            key: _without_generated_examples(value, generated.get(key))
            for key, value in published.items()
            if not (key == "examples" and "examples" not in generated)
        }
    if isinstance(published, list) and isinstance(generated, list):
        return [
            _without_generated_examples(p, g)
            for p, g in zip(published, generated, strict=False)
        ] + published[len(generated) :]
    return published


def write(outputs: Iterable[Output]) -> list[Output]:
    """Write outputs whose disk state differs; return those written."""
    written = []
    for output in outputs:
        if output.kind == "link":
            if _link_difference(output):
                _write_link(output)
                written.append(output)
        elif _file_difference(output, "bytes"):
            _write_atomically(output.path, output.content)
            written.append(output)
    return written


def _published(repo: Repository, title: str) -> bool:
    entry = repo.titles[title]
    if entry.current is None:
        return True
    return schema_version(repo.document(entry.current)) in entry.versions


def _write_atomically(path: Path, content: bytes) -> None:
    """Replace `path` in one step, so an interrupted run never leaves half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        temporary.replace(path)  # also replaces a symlink, not its target
    finally:
        temporary.unlink(missing_ok=True)


def _write_link(output: Output) -> None:
    path = output.path
    plain = path.exists() and not path.is_symlink() and read_link(path) is not None
    if path.is_symlink() or path.exists():
        path.unlink()
    if plain or os.name == "nt":
        # Keep the repository's style: checkouts without symlink support store
        # links as small files naming their target.
        path.write_text(output.target, encoding="utf-8")
    else:
        path.symlink_to(output.target)


class MaterializeRun(Struct):
    """What one materialize run produced, wrote or found out of date."""

    titles: list[str]
    outputs: list[Output] = field(default_factory=list)
    written: list[Output] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)


def titles_for_paths(repo: Repository, paths: Iterable[str | Path]) -> list[str]:
    """Map current files, title directories or title names to titles."""
    titles = []
    for raw in paths:
        path = Path(raw)
        if path.exists():
            path = path.resolve()
            directory = path.parent if path.is_file() else path
            try:
                title = directory.relative_to(repo.base).as_posix()
            except ValueError:
                title = ""
        else:
            title = str(raw).strip("/")
        entry = repo.titles.get(title)
        if entry is None or entry.current is None:
            raise UsageError(
                f"{raw} is not a {repo.config.current_name} file, title directory "
                f"or title with a {repo.config.current_name} under {repo.base}"
            )
        titles.append(title)
    return sorted(set(titles))


def materialize(
    repo: Repository,
    titles: Iterable[str] | None = None,
    *,
    dry_run: bool = False,
    check: bool = False,
    materializer: Materializer | None = None,
) -> MaterializeRun:
    """Materialize `titles` (default: every title with a current file).

    With `check`, nothing is written; `differences` lists every file or link
    that is missing or not what would be generated, including the extensionless
    links of older published versions. With `dry_run`, `written` lists what
    would have been written. A `materializer` already used by other checks of
    the same run can be passed in, so that no schema is built twice.
    """
    materializer = materializer or Materializer(repo, titles)
    chosen = set(titles) if titles is not None else materializer.run
    selected = sorted(chosen)
    for title in selected:
        materializer.build(title)
    # Titles built only because a selected schema refers to their unpublished
    # current version are written too: the reference graph needs them.
    order = [t for t in materializer.order if t in chosen or not _published(repo, t)]
    run = MaterializeRun(titles=order)
    for title in order:
        run.outputs.extend(materializer.outputs(title))
    if check:
        extra = [o for t in selected for o in published_links(repo, repo.titles[t])]
        planned = {o.path for o in run.outputs}
        run.outputs.extend(o for o in extra if o.path not in planned)
        run.differences = differences(
            run.outputs,
            repo.config.check_format,
            tolerate_generated_examples=repo.config.generated_examples,
            load=repo.document,
            cache=repo.cache,
        )
    elif dry_run:
        run.written = [d.output for d in differences(run.outputs, "bytes")]
    else:
        run.written = write(run.outputs)
        for output in run.written:
            repo.forget(output.path)
    return run
