"""Which files a run looks at, and the schema contexts built from them.

Every title contributes its current file twice, as written (`current`) and as
materialization would write it (`build`), and every published version other
than the current one (`version`). The published file of the current version is
not linted again: the `build` stands for it and reports at its positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from msgspec import Struct, field

from eventschemas.errors import EventSchemasError, TreeError, UsageError
from eventschemas.lint.context import SchemaContext
from eventschemas.tree.loader import Document
from eventschemas.tree.materialize import Materializer, schema_version
from eventschemas.tree.model import Repository, SchemaTitle, Version


class Selection(Struct, frozen=True):
    """The titles (and, optionally, only some of their files) a run covers."""

    titles: tuple[str, ...]
    files: frozenset[Path] | None = None
    streams: bool = True  # check the streams file too

    def wants(self, path: Path) -> bool:
        return self.files is None or path.resolve() in self.files


class Failure(Struct, frozen=True):
    """A file that could not be read, or a current file that cannot be built."""

    title: str
    subject: str
    error: EventSchemasError


class Units(Struct):
    schemas: list[SchemaContext] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def select(repo: Repository, paths: Iterable[str | Path] = ()) -> Selection:
    """Map PATHS (files, title directories, directories above them, titles, or
    the streams file) to what a run covers."""
    paths = list(paths)
    if not paths:
        return Selection(tuple(repo.titles))
    titles: set[str] = set()
    files: set[Path] = set()
    whole: set[str] = set()
    streams_file = (repo.config.root / repo.config.streams_file).resolve()
    streams = False
    for raw in paths:
        if Path(raw).resolve() == streams_file:
            streams = True
            continue
        found, file = _one(repo, raw)
        titles.update(found)
        if file is None:
            whole.update(found)
        else:
            files.add(file)
    for title in whole:
        files.update(_files_of(repo, repo.titles[title]))
    return Selection(tuple(sorted(titles)), frozenset(files), streams)


def _one(repo: Repository, raw: str | Path) -> tuple[list[str], Path | None]:
    path = Path(raw)
    if not path.exists():
        title = str(raw).strip("/")
        if title in repo.titles:
            return [title], None
        raise UsageError(
            f"{raw} is neither a file, a directory nor a title of {repo.base}; "
            "give a schema file, a title directory or a title"
        )
    path = path.resolve()
    if path.is_dir():
        return _under(repo, path, raw), None
    title = _relative(repo, path.parent, raw)
    if title not in repo.titles:
        raise UsageError(f"{raw} is not in a title directory under {repo.base}")
    return [title], path


def _under(repo: Repository, directory: Path, raw: str | Path) -> list[str]:
    prefix = _relative(repo, directory, raw)
    found = [
        t
        for t in repo.titles
        if prefix in ("", ".") or t == prefix or t.startswith(prefix + "/")
    ]
    if not found:
        raise UsageError(f"no schema titles under {raw}")
    return found


def _relative(repo: Repository, path: Path, raw: str | Path) -> str:
    try:
        return path.relative_to(repo.base).as_posix()
    except ValueError:
        raise UsageError(f"{raw} is outside the schema base path {repo.base}") from None


def _files_of(repo: Repository, entry: SchemaTitle) -> Iterator[Path]:
    if entry.current is not None:
        yield entry.current.resolve()
    for version in entry.versions.values():
        path = version.primary_file(repo.config.content_types)
        if path is not None:
            yield path.resolve()


def build_units(
    repo: Repository, selection: Selection, materializer: Materializer | None = None
) -> Units:
    """Load every selected file and build every selected current schema."""
    units = Units()
    materializer = materializer or Materializer(repo)
    for title in selection.titles:
        entry = repo.titles[title]
        current = _current(repo, entry, selection, materializer, units)
        for version in entry.sorted_versions():
            if version.version != current:
                _published(repo, entry, version.version, selection, units)
    return units


def _current(
    repo: Repository,
    entry: SchemaTitle,
    selection: Selection,
    materializer: Materializer,
    units: Units,
) -> Version | None:
    """Add the current file (as written and as built); return its version."""
    if entry.current is None or not selection.wants(entry.current):
        return None
    document = _load(repo, entry, entry.current, units)
    if document is None or _ignored(repo, document):
        return None
    units.schemas.append(
        SchemaContext(repo, entry.title, "current", document.data, document)
    )
    try:
        version = schema_version(document)
    except TreeError:
        return None  # `id-matches-title` says why; nothing can be built
    try:
        built = materializer.build(entry.title)
    except EventSchemasError as error:
        subject = _subject(document) or entry.title
        units.failures.append(Failure(entry.title, subject, error))
        return version
    published = repo.version_file(entry.title, version)
    where = None if published is None else _load(repo, entry, published, units)
    units.schemas.append(
        SchemaContext(repo, entry.title, "build", built, where or document)
    )
    return version


def _published(
    repo: Repository,
    entry: SchemaTitle,
    version: Version,
    selection: Selection,
    units: Units,
) -> None:
    path = entry.versions[version].primary_file(repo.config.content_types)
    if path is None or not selection.wants(path):
        return
    document = _load(repo, entry, path, units)
    if document is not None and not _ignored(repo, document):
        units.schemas.append(
            SchemaContext(
                repo, entry.title, "version", document.data, document, version
            )
        )


def _load(
    repo: Repository, entry: SchemaTitle, path: Path, units: Units
) -> Document | None:
    try:
        document = repo.document(path)
    except EventSchemasError as error:
        units.failures.append(Failure(entry.title, entry.title, error))
        return None
    if not isinstance(document.data, dict):
        problem = TreeError(
            "a schema file must hold a mapping (a JSON object)", document.position()
        )
        units.failures.append(Failure(entry.title, entry.title, problem))
        return None
    return document


def _subject(document: Document) -> str:
    value = document.data.get("$id") if isinstance(document.data, dict) else None
    return value if isinstance(value, str) else ""


def _ignored(repo: Repository, document: Document) -> bool:
    return repo.config.is_ignored(_subject(document))
