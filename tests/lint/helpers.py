"""Run lint or examples on a fixture repository and summarise the findings."""

from __future__ import annotations

from pathlib import Path

from eventschemas.diagnostics import Diagnostic
from eventschemas.examples import check_examples
from eventschemas.lint import Level, lint
from eventschemas.tree.model import Repository

FIXTURES = Path(__file__).with_name("fixtures")
EXAMPLE_RULES = frozenset({"example-valid", "example-schema-id"})


def findings(root: Path, level: Level = Level.STRICT) -> list[Diagnostic]:
    """Every lint and example finding for the repository at `root`.

    Both commands report a schema that cannot be built; it is listed once.
    """
    repo = Repository.open(root)
    both = lint(repo, level=level).diagnostics + check_examples(repo).diagnostics
    return list(dict.fromkeys(both))


def located(diagnostics: list[Diagnostic], rule: str) -> list[str]:
    return [f"{d.path}:{d.line}:{d.column}" for d in diagnostics if d.rule == rule]
