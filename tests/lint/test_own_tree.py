"""This repository's own schema tree is clean at the strictest level."""

from __future__ import annotations

from eventschemas.examples import check_examples
from eventschemas.lint import Level, lint
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, CliRunner


def test_own_tree_is_lint_clean_at_strict() -> None:
    result = lint(Repository.open(PROJECT_ROOT), level=Level.STRICT)
    assert [f"{d.location} {d.rule}" for d in result.diagnostics] == []
    assert result.waived == []
    assert result.titles == 13


def test_own_examples_are_valid() -> None:
    result = check_examples(Repository.open(PROJECT_ROOT))
    assert [f"{d.location} {d.message}" for d in result.diagnostics] == []
    assert result.examples >= 13


def test_own_tree_through_the_cli(run_cli: CliRunner) -> None:
    lint_run = run_cli("--repo", str(PROJECT_ROOT), "lint", "--level", "strict")
    assert lint_run.exit_code == 0, lint_run.stdout
    examples_run = run_cli("--repo", str(PROJECT_ROOT), "examples")
    assert examples_run.exit_code == 0, examples_run.stdout
