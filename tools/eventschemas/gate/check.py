"""`event-schemas check`: everything a repository (or a pull request) must satisfy.

The whole-repository check runs the structure checks, lint, examples and the
version rules over every title; the pull-request check (with a base ref) runs
the PR rules and then the same checks over the titles the change touches.
Every finding passes through the same waivers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from eventschemas.diagnostics import Diagnostic
from eventschemas.gate.structure import structure_findings
from eventschemas.gate.versions import Verdict, judge, published_versions
from eventschemas.lint.runner import lint_with_examples
from eventschemas.lint.waivers import WaiverSet
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository

if TYPE_CHECKING:  # the pull-request gate is imported only when it runs
    from eventschemas.gate.pr import PullRequestResult


class CheckResult(Struct):
    """The combined findings of one `check` run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    waived: list[Diagnostic] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    pull_request: PullRequestResult | None = None


def check_repository(repo: Repository) -> CheckResult:
    """Check every title of the repository."""
    result = CheckResult(titles=list(repo.titles))
    materializer = Materializer(repo)  # one build of each schema for every check
    found = structure_findings(repo, materializer=materializer)
    found += _lint_and_examples(repo, [], materializer)
    waivers = WaiverSet(repo.config.waivers)
    for title in repo.titles:
        for verdict in history_verdicts(repo, title, waivers):
            result.verdicts.append(verdict)
            found += verdict.diagnostics
    _apply_waivers(waivers, found, result)
    return result


def check_pull_request(repo: Repository, base_ref: str | None) -> CheckResult:
    """Check what changed between the merge base with `base_ref` and the work tree."""
    from eventschemas.gate.pr import PullRequestGate
    from eventschemas.gitchanges import open_base

    base = open_base(repo.config.root, base_ref)
    try:
        outcome = PullRequestGate(repo, base).run()
    finally:
        base.close()
    result = CheckResult(titles=outcome.checked_titles, pull_request=outcome)
    result.verdicts = outcome.verdicts
    found = list(outcome.diagnostics)
    paths = [repo.titles[t].directory for t in outcome.checked_titles]
    if outcome.streams_changed:
        # The stream rules look at every stream and the titles they name.
        paths.append(repo.config.root / repo.config.streams_file)
    if paths:
        found += _lint_and_examples(repo, paths, outcome.materializer)
    _apply_waivers(WaiverSet(repo.config.waivers), found, result)
    return result


def history_verdicts(repo: Repository, title: str, waivers: WaiverSet) -> list[Verdict]:
    """Judge every published version of `title` against the ones before it
    (findings `waivers` silence are not located: they are only counted)."""
    settings = repo.config.compatibility_for(title)
    published = published_versions(repo, title)

    def waived(rule: str, subject: str) -> bool:
        return waivers.covers(rule, subject, title)

    return [
        judge(
            title, published[:index], item, settings, new_version=False, waived=waived
        )
        for index, item in enumerate(published)
        if index
    ]


def _lint_and_examples(
    repo: Repository, paths: list[Path], materializer: Materializer | None
) -> list[Diagnostic]:
    # lint already applied its waivers; what it silenced stays silenced.
    return lint_with_examples(repo, paths, materializer=materializer)[0].diagnostics


def _apply_waivers(
    waivers: WaiverSet, found: list[Diagnostic], result: CheckResult
) -> None:
    for diagnostic in found:
        title = str(diagnostic.extra.get("title", ""))
        if waivers.covers(diagnostic.rule, diagnostic.subject or title, title):
            result.waived.append(diagnostic)
        else:
            result.diagnostics.append(diagnostic)
    result.diagnostics.sort(key=Diagnostic.sort_key)
