from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import THING_SCHEMA, CliRunner, git, write


def test_materialize_all_then_check(schema_repo: Path, run_cli: CliRunner) -> None:
    result = run_cli("materialize", "--all", cwd=schema_repo)
    assert result.exit_code == 0, result.stderr
    assert "Wrote jsonschema/thing/change/1.0.0.yaml" in result.stdout
    assert "Wrote jsonschema/thing/change/latest -> 1.0.0.yaml" in result.stdout
    check = run_cli("materialize", "--all", "--check", cwd=schema_repo)
    assert check.exit_code == 0
    assert "in sync" in check.stderr


def test_check_fails_naming_the_hand_edited_file(
    schema_repo: Path, run_cli: CliRunner
) -> None:
    run_cli("materialize", "--all", cwd=schema_repo)
    edited = schema_repo / "jsonschema/thing/change/1.0.0.json"
    edited.write_text(edited.read_text().replace("A thing changed.", "Edited."))
    result = run_cli("materialize", "--all", "--check", cwd=schema_repo)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "jsonschema/thing/change/1.0.0.json: content differs from what "
        "current.yaml generates"
    ]
    assert "run `event-schemas materialize --all`" in result.stderr


def test_check_json_output(schema_repo: Path, run_cli: CliRunner) -> None:
    result = run_cli("materialize", "--check", "--format", "json", cwd=schema_repo)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["format_version"] == 1
    assert {d["reason"] for d in payload["differences"]} >= {"missing"}


def test_paths_select_titles(schema_repo: Path, run_cli: CliRunner) -> None:
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    result = run_cli("materialize", str(current), cwd=schema_repo)
    assert result.exit_code == 0
    assert (current.parent / "1.0.0.yaml").is_file()
    by_title = run_cli("materialize", "fragment/common", "--dry-run", cwd=schema_repo)
    assert by_title.exit_code == 0
    assert by_title.stdout == ""  # already written as a dependency above


def test_unknown_path_is_a_usage_error(schema_repo: Path, run_cli: CliRunner) -> None:
    result = run_cli("materialize", "no/such/title", cwd=schema_repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no/such/title is not a current.yaml file")


def test_dry_run(schema_repo: Path, run_cli: CliRunner) -> None:
    result = run_cli("materialize", "--all", "--dry-run", cwd=schema_repo)
    assert result.exit_code == 0
    assert "Would write jsonschema/thing/change/1.0.0.json" in result.stdout
    assert not (schema_repo / "jsonschema/thing/change/1.0.0.json").exists()


def test_broken_schema_is_reported_with_position_and_exit_1(
    schema_repo: Path, run_cli: CliRunner
) -> None:
    write(schema_repo / "jsonschema/thing/change/current.yaml", "title: a\ntitle: b\n")
    result = run_cli("materialize", "--all", cwd=schema_repo)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: jsonschema/thing/change/current.yaml:2:1: duplicate key 'title': a "
        "mapping may name each key once; remove or rename one of them\n"
    )
    assert "Traceback" not in result.stderr


def test_verbose_shows_traceback(schema_repo: Path, run_cli: CliRunner) -> None:
    write(schema_repo / "jsonschema/thing/change/current.yaml", "title: a\ntitle: b\n")
    result = run_cli("-v", "materialize", "--all", cwd=schema_repo)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


def test_bad_config_exits_2(schema_repo: Path, run_cli: CliRunner) -> None:
    write(schema_repo / ".event-schemas.yaml", "content_types: [xml]\n")
    result = run_cli("materialize", "--all", cwd=schema_repo)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: .event-schemas.yaml:1:1: content_types")


def test_modified_picks_staged_unstaged_and_new_files(
    schema_repo: Path, run_cli: CliRunner
) -> None:
    git(schema_repo, "init", "-q", "-b", "main")
    run_cli("materialize", "--all", cwd=schema_repo)
    git(schema_repo, "add", "-A")
    git(schema_repo, "commit", "-q", "-m", "base")
    assert run_cli("materialize", "--modified", cwd=schema_repo).stdout == ""

    # unstaged edit
    thing = schema_repo / "jsonschema/thing/change/current.yaml"
    thing.write_text(THING_SCHEMA.replace("change/1.0.0", "change/1.1.0").lstrip())
    # staged edit
    fragment = schema_repo / "jsonschema/fragment/common/current.yaml"
    fragment.write_text(fragment.read_text().replace("common/1.0.0", "common/1.0.1"))
    git(schema_repo, "add", str(fragment))
    # new, untracked title
    write(
        schema_repo / "jsonschema/other/event/current.yaml",
        "title: other/event\n$id: /other/event/1.0.0\ntype: object\n",
    )
    result = run_cli("materialize", "--modified", cwd=schema_repo)
    assert result.exit_code == 0, result.stderr
    written = result.stdout
    assert "jsonschema/thing/change/1.1.0.yaml" in written
    assert "jsonschema/fragment/common/1.0.1.yaml" in written
    assert "jsonschema/other/event/1.0.0.yaml" in written


def test_modified_outside_git_is_a_clear_error(
    schema_repo: Path, run_cli: CliRunner
) -> None:
    result = run_cli("materialize", "--modified", cwd=schema_repo)
    assert result.exit_code == 2
    assert "is not inside a git work tree" in result.stderr


def test_modified_in_a_repository_without_commits(
    schema_repo: Path, run_cli: CliRunner
) -> None:
    git(schema_repo, "init", "-q")
    git(schema_repo, "add", "jsonschema/fragment/common/current.yaml")
    result = run_cli("materialize", "--modified", cwd=schema_repo)
    assert result.exit_code == 0, result.stderr
    assert "jsonschema/thing/change/1.0.0.yaml" in result.stdout  # untracked
    assert "jsonschema/fragment/common/1.0.0.yaml" in result.stdout  # staged
