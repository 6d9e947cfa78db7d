"""This repository's own schema tree must stay materialized and in sync."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PROJECT_ROOT, CliRunner


def _copy_of_own_repository(tmp_path: Path) -> Path:
    target = tmp_path / "own"
    target.mkdir()
    for name in (".event-schemas.yaml", "streams.yaml"):
        shutil.copy2(PROJECT_ROOT / name, target / name)
    shutil.copytree(PROJECT_ROOT / "jsonschema", target / "jsonschema", symlinks=True)
    return target


def test_own_tree_is_materialized(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(PROJECT_ROOT), "materialize", "--all", "--check")
    assert result.exit_code == 0, result.stdout
    assert "All 13 title(s) are materialized and in sync." in result.stderr


def test_own_tree_has_history(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(PROJECT_ROOT), "list")
    rows = {
        line.split()[0]: line.split(None, 3)[3]
        for line in result.stdout.splitlines()[1:]
    }
    assert len(rows) >= 12
    assert sum(", " in versions for versions in rows.values()) >= 4


def test_hand_edit_of_a_materialized_file_fails_the_check(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    repo = _copy_of_own_repository(tmp_path)
    published = repo / "jsonschema/mediawiki/revision/create/1.2.0.yaml"
    published.write_text(
        published.read_text().replace("maxLength: 255", "maxLength: 256", 1)
    )
    result = run_cli("--repo", str(repo), "materialize", "--all", "--check")
    assert result.exit_code == 1
    assert result.stdout.startswith("jsonschema/mediawiki/revision/create/1.2.0.yaml:")


def test_own_repository_passes_the_full_check(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(PROJECT_ROOT), "check")
    assert result.exit_code == 0, result.stdout
    assert "check: no findings in 13 title(s)." in result.stderr
