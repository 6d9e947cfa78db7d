"""Waivers from the config, from .jsonschema-tools.yaml, and x-lint-ignore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventschemas.lint import Level
from tests.conftest import write
from tests.lint.helpers import FIXTURES, findings, located

SNAKE = "property-snake-case"
CURRENT = "jsonschema/thing/event/current.yaml"


@pytest.fixture
def snake_repo(tmp_path: Path) -> Path:
    """The property-snake-case failing fixture, copied so that it can change."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / SNAKE / "fail", root)
    return root


def _snake(root: Path) -> list[str]:
    return located(findings(root), SNAKE)


def test_config_waiver_by_id_regex(snake_repo: Path) -> None:
    write(
        snake_repo / ".event-schemas.yaml",
        f"waivers:\n  - rule: {SNAKE}\n    schemas: ^/thing/\n    reason: legacy\n",
    )
    assert _snake(snake_repo) == []


def test_config_waiver_by_title_regex(snake_repo: Path) -> None:
    write(
        snake_repo / ".event-schemas.yaml",
        f"waivers:\n  - rule: {SNAKE}\n    schemas: ^thing/event$\n",
    )
    assert _snake(snake_repo) == []


def test_config_waiver_for_another_rule_or_schema_does_not_apply(
    snake_repo: Path,
) -> None:
    write(
        snake_repo / ".event-schemas.yaml",
        "waivers:\n"
        "  - rule: property-description\n    schemas: ^/thing/\n"
        f"  - rule: {SNAKE}\n    schemas: ^/other/\n",
    )
    assert _snake(snake_repo) != []


def test_legacy_skip_schema_test_cases_are_mapped(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "type-no-union" / "fail", root)
    write(
        root / ".jsonschema-tools.yaml",
        "schemaBasePath: jsonschema\nskipSchemaTestCases:\n"
        "  '/thing/event/.*':\n    - schema-deterministic-types\n",
    )
    assert located(findings(root), "type-no-union") == []


def test_x_lint_ignore_covers_the_object_and_what_it_holds(snake_repo: Path) -> None:
    path = snake_repo / CURRENT
    text = path.read_text().replace(
        "properties:\n", f"x-lint-ignore: [{SNAKE}]\nproperties:\n", 1
    )
    path.write_text(text)
    assert _snake(snake_repo) == []


def test_x_lint_ignore_elsewhere_does_not_apply(snake_repo: Path) -> None:
    path = snake_repo / CURRENT
    text = path.read_text().replace(
        "  dt:\n", f"  dt:\n    x-lint-ignore: {SNAKE}\n", 1
    )
    path.write_text(text)
    assert _snake(snake_repo) != []


def test_x_lint_ignore_accepts_legacy_names(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "type-no-union" / "fail", root)
    path = root / CURRENT
    path.write_text(
        path.read_text().replace(
            "  count:\n", "  count:\n    x-lint-ignore: [schema-deterministic-types]\n"
        )
    )
    assert located(findings(root), "type-no-union") == []


def test_generated_waivers_silence_every_finding(tmp_path: Path) -> None:
    from eventschemas.lint import lint
    from eventschemas.tree.model import Repository

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "stream-ambiguous" / "fail", root)
    shutil.copytree(
        FIXTURES / SNAKE / "fail" / "jsonschema",
        root / "jsonschema",
        dirs_exist_ok=True,
    )
    before = lint(Repository.open(root), level=Level.STRICT)
    assert {d.rule for d in before.diagnostics} >= {SNAKE, "stream-ambiguous"}
    block = before.waiver_block(Repository.open(root))
    write(root / ".event-schemas.yaml", block)
    after = lint(Repository.open(root), level=Level.STRICT)
    assert after.diagnostics == []
    assert len(after.waived) == len(before.diagnostics)


def test_a_legacy_repository_adopts_the_linter_in_one_step(
    wikimedia_copy: Path,
) -> None:
    from eventschemas.lint import lint
    from eventschemas.tree.model import Repository

    before = lint(Repository.open(wikimedia_copy), level=Level.STANDARD)
    block = before.waiver_block(Repository.open(wikimedia_copy))
    (wikimedia_copy / ".event-schemas.yaml").write_text(block)
    repo = Repository.open(wikimedia_copy)
    assert not repo.config.legacy
    after = lint(repo)
    assert after.level is Level.STANDARD
    assert after.diagnostics == []
    assert len(after.waived) == len(before.waived) + len(before.diagnostics)
    assert after.files == before.files
