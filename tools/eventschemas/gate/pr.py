"""The pull-request gate: what changed since the merge base, and whether the
change follows the rules of a schema repository.

* Published version files and their links are immutable.
* A title is never removed (or renamed) unless the configuration allows it.
* A changed current.yaml comes with its newly materialized version, in sync.
* A new version is greater than every published one, and its bump matches what
  the change does (see `versions`).
* Only the titles that changed are checked, plus every schema whose current
  file refers (transitively) to a changed fragment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct, field

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.gate.rules import about
from eventschemas.gate.structure import structure_findings
from eventschemas.gate.versions import Published, Verdict, judge, published_versions
from eventschemas.gitchanges import BaseSnapshot, FileChange, changes_since
from eventschemas.tree.materialize import (
    Materializer,
    Output,
    content_difference,
    schema_version,
)
from eventschemas.tree.model import Repository, Version

_VERSION_EXTENSIONS = {"yaml", "yml", "json"}


class TreePath(Struct, frozen=True):
    """A changed path, seen as part of the schema tree."""

    title: str
    name: str

    @property
    def version(self) -> Version | None:
        stem, _, ext = self.name.rpartition(".")
        if ext in _VERSION_EXTENSIONS:
            return Version.parse(stem)
        return Version.parse(self.name)  # an extensionless version link


class PullRequestResult(Struct):
    base: BaseSnapshot
    changes: list[FileChange]
    checked_titles: list[str] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Built the checked titles once; later checks of the same run reuse it.
    materializer: Materializer | None = None
    streams_changed: bool = False  # the stream rules then look at every stream


class PullRequestGate:
    def __init__(self, repo: Repository, base: BaseSnapshot) -> None:
        self.repo = repo
        self.base = base
        self.prefix = repo.base.relative_to(base.top).as_posix()
        # What the merge base published: titles with a current file, and the
        # versions of each title (read once; a tree may hold tens of thousands).
        self.base_titles: set[str] = set()
        self.base_versions: dict[str, set[Version]] = defaultdict(set)
        for path in base.files_under(self.prefix):
            located = self._tree_path(path)
            if located is None:
                continue
            if located.name == repo.config.current_name:
                self.base_titles.add(located.title)
            elif (version := located.version) is not None:
                self.base_versions[located.title].add(version)

    def run(self) -> PullRequestResult:
        result = PullRequestResult(self.base, changes_since(self.base))
        touched: set[str] = set()
        for change in result.changes:
            result.diagnostics.extend(self._published_rules(change))
            for path in (change.path, change.old_path):
                located = self._tree_path(path) if path else None
                if located is not None and located.title in self.repo.titles:
                    touched.add(located.title)
        edited = set(touched)  # titles whose own files changed
        config = self.repo.config
        result.streams_changed = self._touched(
            result.changes, config.root / config.streams_file
        )
        if self._touched(result.changes, config.source):
            # Bounds, content types or policies may have changed: check it all.
            touched = set(self.repo.titles)
        result.diagnostics.extend(self._removed_titles())
        checked = sorted(touched | self._dependents(touched))
        result.checked_titles = checked
        result.materializer = Materializer(self.repo, checked)
        not_bumped = list(self._not_bumped(result.materializer, checked, edited))
        result.diagnostics.extend(not_bumped)
        # Re-materializing those would rewrite a published file: the advice to
        # bump the version above is the only one to give for them.
        skip = {d.extra["title"] for d in not_bumped}
        result.diagnostics.extend(
            structure_findings(
                self.repo,
                checked,
                skip_materialize=skip,
                materializer=result.materializer,
            )
        )
        for title in checked:
            verdicts = self._new_versions(title)
            result.verdicts.extend(verdicts)
            for verdict in verdicts:
                result.diagnostics.extend(verdict.diagnostics)
        return result

    def _touched(self, changes: list[FileChange], target: Path | None) -> bool:
        """Whether the change touched the file `target` (links followed)."""
        if target is None:
            return False
        resolved = target.resolve()
        return any((self.base.top / c.path).resolve() == resolved for c in changes)

    def _tree_path(self, path: str | None) -> TreePath | None:
        start = len(self.prefix) + 1
        if not path or not path.startswith(self.prefix + "/"):
            return None
        title, _, name = path[start:].rpartition("/")
        return TreePath(title, name) if title and name else None

    # --- published files ---------------------------------------------------

    def _published_rules(self, change: FileChange) -> Iterator[Diagnostic]:
        if change.kind == "added":
            return
        old = self._tree_path(change.old_path or change.path)
        if old is None or old.version is None:
            return
        shown = change.old_path or change.path
        found = Diagnostic(
            "published-immutable",
            Severity.ERROR,
            f"published file {shown} was {change.kind}; published versions never "
            "change: restore it, and put the change in a new version of current.yaml",
            path=shown,
        )
        yield about(found, old.title, old.version)

    def _removed_titles(self) -> Iterator[Diagnostic]:
        if self.repo.config.allow_title_removal:
            return
        current = self.repo.config.current_name
        for title in sorted(self.base_titles - set(self.repo.titles)):
            found = Diagnostic(
                "title-removed",
                Severity.ERROR,
                f"title {title} exists on {self.base.ref} but not here (removed or "
                "renamed); consumers still use it: keep it, and add any new title "
                "beside it (or set allow_title_removal in .event-schemas.yaml)",
                path=f"{self.prefix}/{title}/{current}",
            )
            yield about(found, title)

    # --- current files -----------------------------------------------------

    def _not_bumped(
        self, materializer: Materializer, titles: list[str], touched: set[str]
    ) -> Iterator[Diagnostic]:
        """current.yaml edits that would rewrite an already published version."""
        config = self.repo.config
        primary, mode = config.content_types[0], config.check_format
        for title in titles:
            entry = self.repo.titles[title]
            if entry.current is None:
                continue
            version = schema_version(self.repo.document(entry.current))
            name = f"{self.prefix}/{title}/{version}.{primary}"
            published = self.base.read(name)
            if published is None:
                continue
            data = materializer.build(title)
            output = Output(Path(name), "file", data=data, content_type=primary)
            if not content_difference(
                published, output, mode, config.generated_examples
            ):
                continue
            cause = (
                f"current.yaml of {title} changed"
                if title in touched
                else f"{title} would now materialize differently (a schema it refers "
                "to, or the repository config, changed),"
            )
            found = Diagnostic.at(
                "version-not-bumped",
                Severity.ERROR,
                f"{cause} but its $id still names {version}, which is published on "
                f"{self.base.ref}; bump the version in $id and run "
                "`event-schemas materialize --modified`",
                self.repo.document(entry.current).position("/$id"),
                "/$id",
            )
            yield about(found, title, version)

    def _dependents(self, titles: set[str]) -> set[str]:
        """Titles whose current file refers, transitively, to one of `titles`.

        Current files are searched as text for `/<title>/`, which is how a
        `$ref` names a schema: parsing every file of a large tree would cost
        seconds, and a spurious match (the title quoted in a description) only
        means one more title checked.
        """
        texts = {
            title: entry.current.read_bytes()
            for title, entry in self.repo.titles.items()
            if entry.current is not None and title not in titles
        }
        found: set[str] = set()
        frontier = set(titles)
        while frontier:
            needles = [f"/{t}/".encode() for t in frontier]
            frontier = {
                title
                for title, text in texts.items()
                if title not in found
                and b"$ref" in text
                and any(n in text for n in needles)
            }
            found |= frontier
        return found

    # --- versions ----------------------------------------------------------

    def _new_versions(self, title: str) -> list[Verdict]:
        at_base = self.base_versions.get(title, set())
        newest = max(at_base, default=None)
        published = published_versions(self.repo, title)
        verdicts = []
        settings = self.repo.config.compatibility_for(title)
        for index, item in enumerate(published):
            if item.version in at_base:
                continue
            verdict = judge(title, published[:index], item, settings)
            if newest is not None and item.version < newest:
                verdict.diagnostics.insert(0, _not_greater(title, item, newest))
            verdicts.append(verdict)
        return verdicts


def _not_greater(title: str, item: Published, newest: Version) -> Diagnostic:
    return Diagnostic.at(
        "version-not-greater",
        Severity.ERROR,
        f"{title} {item.version} is new but not greater than {newest}, which is "
        f"already published; give the new version a number above {newest}",
        item.document.position("/$id"),
        "/$id",
    )
