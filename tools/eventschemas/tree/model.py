"""Discovery of the schema tree: titles, versions, current files and links.

A title is a directory under the schema base path that holds a current file or
at least one versioned file. Discovery reads directory listings only; schema
documents are loaded on first use and cached on the `Repository`.
"""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field
from msgspec.structs import force_setattr

from eventschemas.config import CONTENT_TYPES, RepoConfig
from eventschemas.tree.cache import ParseCache
from eventschemas.tree.loader import Document, load_file

if TYPE_CHECKING:
    from eventschemas.streams import StreamConfig

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_EXTENSIONS = {"yaml": "yaml", "yml": "yaml", "json": "json"}
# A link stored as a plain file (git checkouts with core.symlinks=false) holds
# nothing but the name of a sibling file.
_LINK_TARGET = re.compile(r"^[\w.+-]+$")
_LINK_FILE_MAX = 256


_Key = tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]


class Version(Struct, frozen=True):
    """A semantic version, ordered by the semver 2.0 precedence rules.

    `text` (how the version was written) takes no part in comparisons.
    """

    major: int
    minor: int
    patch: int
    prerelease: tuple[int | str, ...] = ()
    text: str = ""
    _key: _Key = (0, 0, 0, 0, ())  # filled in from the numbers; what compares

    def __post_init__(self) -> None:
        pre = tuple((0, p) if isinstance(p, int) else (1, p) for p in self.prerelease)
        key = (self.major, self.minor, self.patch, 0 if pre else 1, pre)
        force_setattr(self, "_key", key)

    @classmethod
    def parse(cls, text: str) -> Version | None:
        return _parse_version(text)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key < other._key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key <= other._key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key > other._key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key >= other._key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"Version({str(self)!r})"

    def __str__(self) -> str:
        return self.text or f"{self.major}.{self.minor}.{self.patch}"


@lru_cache(maxsize=4096)
def _parse_version(text: str) -> Version | None:
    # File names repeat across titles (1.0.0.yaml, 1.1.0.json, ...): cache them.
    match = _SEMVER.match(text)
    if match is None:
        return None
    pre = tuple(int(p) if p.isdigit() else p for p in (match[4] or "").split(".") if p)
    return Version(int(match[1]), int(match[2]), int(match[3]), pre, text)


class Link(Struct, frozen=True, dict=True):
    """A link file (`1.0.0`, `latest`, `latest.yaml`) and the sibling it names.

    The link is read when its target is first asked for: discovering a large
    tree should not read thousands of links that nothing looks at.
    """

    path: Path

    @cached_property
    def _read(self) -> tuple[str, bool]:
        found = _read_link(self.path)
        return found if found is not None else ("", False)

    @property
    def target(self) -> str:
        return self._read[0]

    @property
    def symlink(self) -> bool:
        return self._read[1]


class SchemaVersion(Struct):
    """One published version of a title: its materialized files by content type."""

    version: Version
    files: dict[str, Path] = field(default_factory=dict)
    link: Link | None = None

    def primary_file(self, preferred: tuple[str, ...]) -> Path | None:
        for content_type in (*preferred, *CONTENT_TYPES):
            if content_type in self.files:
                return self.files[content_type]
        return None


class SchemaTitle(Struct):
    """A schema title (the directory path under the base) and what it holds."""

    title: str
    directory: Path
    current: Path | None = None
    versions: dict[Version, SchemaVersion] = field(default_factory=dict)
    latest_links: dict[str, Link] = field(default_factory=dict)
    other_files: list[Path] = field(default_factory=list)

    @property
    def is_fragment(self) -> bool:
        return self.title == "fragment" or self.title.startswith("fragment/")

    def sorted_versions(self) -> list[SchemaVersion]:
        return [self.versions[v] for v in sorted(self.versions)]

    @property
    def latest(self) -> SchemaVersion | None:
        return self.versions[max(self.versions)] if self.versions else None


class Repository:
    """A schema repository on disk: its config, its titles, its loaded documents."""

    def __init__(self, config: RepoConfig) -> None:
        self.config = config
        self.base = config.base_dir
        self.titles: dict[str, SchemaTitle] = discover_titles(self.base, config)
        self._documents: dict[Path, Document] = {}
        self.cache: ParseCache | None = None
        self._streams: StreamConfig | None = None

    @classmethod
    def open(
        cls,
        root: Path,
        config_file: Path | None = None,
        *,
        cache: ParseCache | None = None,
    ) -> Repository:
        """Open the repository at `root`; `cache` keeps parsed YAML between runs
        (see `tree.cache`; call its `save()` when done)."""
        from eventschemas.config import load_config

        repo = cls(load_config(root, config_file, cache))
        repo.cache = cache
        return repo

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the repository root."""
        try:
            return path.relative_to(self.config.root).as_posix()
        except ValueError:
            return str(path)

    def document(self, path: Path) -> Document:
        """Load (once) and return the document stored at `path`."""
        cached = self._documents.get(path)
        if cached is None:
            cached = load_file(path, self.display(path), self.cache)
            self._documents[path] = cached
        return cached

    def streams(self) -> StreamConfig:
        """The repository's stream configuration (`streams_file`), read once."""
        if self._streams is None:
            from eventschemas.streams import load_streams

            path = self.config.root / self.config.streams_file
            self._streams = load_streams(path, self.display(path), self.cache)
        return self._streams

    def forget(self, path: Path) -> None:
        self._documents.pop(path, None)

    def version_file(self, title: str, version: Version) -> Path | None:
        entry = self.titles.get(title)
        found = entry.versions.get(version) if entry else None
        return found.primary_file(self.config.content_types) if found else None


def discover_titles(base: Path, config: RepoConfig) -> dict[str, SchemaTitle]:
    """Walk the base directory once and group schema files by title.

    Only directory listings are read (os.scandir, whose entries already know
    whether they are symlinks); no schema and no link is opened.
    """
    titles: dict[str, SchemaTitle] = {}
    pending = [str(base)]
    prefix = len(str(base)) + 1
    while pending:
        directory = pending.pop()
        with os.scandir(directory) as listing:
            entries = [e for e in listing if not e.name.startswith(".")]
        files = []
        for item in entries:
            if item.is_dir(follow_symlinks=False):
                pending.append(item.path)
            else:
                files.append(item)
        title = directory[prefix:].replace(os.sep, "/")
        entry = _classify(title, Path(directory), files, config)
        if entry is not None:
            titles[entry.title] = entry
    return dict(sorted(titles.items()))


def _classify(
    title: str, directory: Path, files: list[os.DirEntry[str]], config: RepoConfig
) -> SchemaTitle | None:
    entry = SchemaTitle(title=title, directory=directory)
    for item in sorted(files, key=lambda f: f.name):
        name = item.name
        stem, _, ext = name.rpartition(".")
        if name == config.current_name:
            entry.current = directory / name
            continue
        if ext in _EXTENSIONS and not item.is_symlink():
            version = Version.parse(stem)
            if version is not None:
                slot = entry.versions.setdefault(version, SchemaVersion(version))
                slot.files[_EXTENSIONS[ext]] = directory / name
                continue
        if not _attach_link(entry, name, directory / name):
            entry.other_files.append(directory / name)
    if entry.current is None and not entry.versions:
        return None
    return entry


def _attach_link(entry: SchemaTitle, name: str, path: Path) -> bool:
    """File `path` as a version or latest link if its name says it is one."""
    stem, _, ext = name.rpartition(".")
    if name == "latest" or (stem == "latest" and ext in _EXTENSIONS):
        entry.latest_links[name] = Link(path)
        return True
    version = Version.parse(stem if ext in _EXTENSIONS else name)
    if version is None:
        return False
    slot = entry.versions.setdefault(version, SchemaVersion(version))
    slot.link = Link(path)
    return True


def read_link(path: Path) -> Link | None:
    """A symlink, or a small file that names a sibling, as a `Link`; else None."""
    found = _read_link(path)
    if found is None:
        return None
    link = Link(path)
    link.__dict__["_read"] = found  # what `Link._read` would read again
    return link


def _read_link(path: Path) -> tuple[str, bool] | None:
    if path.is_symlink():
        return str(path.readlink()), True
    try:
        if path.stat().st_size > _LINK_FILE_MAX:
            return None
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if _LINK_TARGET.match(text) and text != path.name:
        return text, False
    return None


def open_repository(
    path: Path | str = ".", config_file: Path | None = None
) -> Repository:
    """Open the schema repository whose root is at or above `path`."""
    from eventschemas.config import find_repository_root

    return Repository.open(find_repository_root(Path(path)), config_file)
