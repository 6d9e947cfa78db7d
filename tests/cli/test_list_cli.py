from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import WIKIMEDIA, CliRunner, write


def test_list_text(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(WIKIMEDIA), "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TITLE", "LATEST", "CURRENT", "VERSIONS"]
    assert len(lines) == 54
    error_row = next(line for line in lines if line.startswith("error "))
    assert error_row.split(None, 3) == [
        "error",
        "2.1.0",
        "2.1.0",
        "0.0.3, 1.0.0, 2.0.0, 2.1.0",
    ]


def test_list_json(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(WIKIMEDIA), "list", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["format_version"] == 1
    rows = {row["title"]: row for row in payload["titles"]}
    assert rows["fragment/common"]["fragment"] is True
    assert rows["error"]["current"] == {
        "path": "jsonschema/error/current.yaml",
        "version": "2.1.0",
    }


def test_list_discovers_the_repository_upward(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    result = run_cli("list", cwd=schema_repo / "jsonschema" / "thing")
    assert result.exit_code == 0
    assert "thing/change" in result.stdout


def test_list_reports_a_broken_current_file(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    write(schema_repo / "jsonschema/thing/change/current.yaml", "title: [unclosed\n")
    result = run_cli("list", cwd=schema_repo)
    assert result.exit_code == 1
    assert "thing/change" in result.stdout
    assert (
        "Error: jsonschema/thing/change/current.yaml:2:1: invalid YAML" in result.stderr
    )


def test_no_repository_is_exit_2(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("list", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no schema repository found" in result.stderr


def test_every_command_has_help(run_cli: CliRunner) -> None:
    for command in ([], ["list"], ["materialize"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.stdout


def test_unknown_command_is_exit_2(run_cli: CliRunner) -> None:
    result = run_cli("frobnicate")
    assert result.exit_code == 2
