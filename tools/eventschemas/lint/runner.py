"""Run the selected rules over the selected files; apply waivers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct, field

from eventschemas.config import RepoConfig
from eventschemas.diagnostics import Diagnostic
from eventschemas.lint.adopt import waiver_block
from eventschemas.lint.catalogue import Level, Rule, View, selected
from eventschemas.lint.context import RepoContext, SchemaContext
from eventschemas.lint.units import build_units, select
from eventschemas.lint.waivers import WaiverSet, ignored_in_schema
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository

_VIEWS = {
    "current": (View.SOURCE,),
    "build": (View.MATERIALIZED,),
    "version": (View.SOURCE, View.MATERIALIZED),
}


class LintResult(Struct):
    """Findings of one run; `waived` holds those a waiver silenced."""

    level: Level
    diagnostics: list[Diagnostic] = field(default_factory=list)
    waived: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    titles: int = 0
    # The title (or stream) each finding belongs to, for --generate-waivers.
    scopes: dict[Diagnostic, str] = field(default_factory=dict)

    def waiver_block(self, repo: Repository) -> str:
        """A config block that waives every finding (see `lint.adopt`)."""
        pairs = [(d, self.scopes.get(d, d.subject)) for d in self.diagnostics]
        return waiver_block(pairs, repo.config, self.level.value)


def lint_with_examples(
    repo: Repository,
    paths: Iterable[str | Path] = (),
    level: Level | None = None,
    materializer: Materializer | None = None,
) -> tuple[LintResult, int]:
    """Lint and validate the examples over the same builds, as one result.

    Returns the result and the number of examples validated. Findings come in
    file order; one both checks report (a schema that cannot be built) is
    listed once.
    """
    from eventschemas.examples import check_examples

    materializer = materializer or Materializer(repo)
    result = lint(repo, paths, level, materializer=materializer)
    examples = check_examples(repo, paths, materializer)
    result.diagnostics = sorted(
        dict.fromkeys([*result.diagnostics, *examples.diagnostics]),
        key=Diagnostic.sort_key,
    )
    result.waived = list(dict.fromkeys([*result.waived, *examples.waived]))
    result.scopes.update(examples.scopes)
    return result, examples.examples


def default_level(config: RepoConfig) -> Level:
    """The configured level; `minimal` for a repository configured only by a
    `.jsonschema-tools.yaml`, so adopting the linter changes nothing at first."""
    return Level.MINIMAL if config.legacy else Level(config.lint_level)


def lint(
    repo: Repository,
    paths: Iterable[str | Path] = (),
    level: Level | None = None,
    materializer: Materializer | None = None,
) -> LintResult:
    """Lint the repository (or the titles and files named by `paths`)."""
    chosen = level or default_level(repo.config)
    selection = select(repo, paths)
    units = build_units(repo, selection, materializer)
    rules = selected(chosen)
    collector = _Collector(repo, LintResult(chosen))
    for context in units.schemas:
        for entry in rules:
            if entry.view in _VIEWS[context.kind]:
                collector.add_schema(context, entry)
    everything = RepoContext(repo, units.schemas, units.failures, selection.streams)
    for entry in rules:
        if entry.view is View.REPOSITORY:
            collector.add_repository(everything, entry)
    result = collector.finish()
    result.files = len({id(c.document) for c in units.schemas})
    result.titles = len(selection.titles)
    return result


class _Collector:
    """Sorts findings into kept and waived, dropping duplicates."""

    def __init__(self, repo: Repository, result: LintResult) -> None:
        self.waivers = WaiverSet(repo.config.waivers)
        self.result = result
        self.seen: set[tuple[str, str, str, int, str]] = set()

    def add_schema(self, context: SchemaContext, entry: Rule) -> None:
        waived = self.waivers.covers(entry.id, context.subject, context.title)
        context.rule, context.locate = entry, not waived
        for found in entry.check(context):
            ignored = waived or ignored_in_schema(context.data, found.pointer, entry.id)
            self._keep(found, context.title, ignored)

    def add_repository(self, context: RepoContext, entry: Rule) -> None:
        context.rule = entry
        for found in entry.check(context):
            scope = str(found.extra.get("title", found.subject))
            self._keep(
                found, scope, self.waivers.covers(entry.id, found.subject, scope)
            )

    def _keep(self, found: Diagnostic, scope: str, waived: bool) -> None:
        key = (found.rule, found.path, found.pointer, found.line, found.message)
        if key in self.seen:
            return
        self.seen.add(key)
        (self.result.waived if waived else self.result.diagnostics).append(found)
        self.result.scopes[found] = scope

    def finish(self) -> LintResult:
        self.result.diagnostics.sort(key=Diagnostic.sort_key)
        self.result.waived.sort(key=Diagnostic.sort_key)
        return self.result
