from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PROJECT_ROOT, WIKIMEDIA, CliRunner, write


def test_two_files_outside_a_repository(run_cli: CliRunner, tmp_path: Path) -> None:
    old = write(
        tmp_path / "old.json",
        '{"type": "object", "properties": {"a": {"type": "number"}}}',
    )
    new = write(
        tmp_path / "new.yaml", "type: object\nproperties:\n  a: {type: integer}\n"
    )
    result = run_cli("compat", str(old), str(new), "--policy", "strict", cwd=tmp_path)
    assert result.exit_code == 1
    assert "INCOMPATIBLE (backward, strict)" in result.stdout
    assert "TYPE_NARROWED" in result.stdout
    assert "counterexample (valid under old, rejected by new)" in result.stdout
    forward = run_cli(
        "compat",
        str(old),
        str(new),
        "--mode",
        "forward",
        "--policy",
        "strict",
        cwd=tmp_path,
    )
    assert forward.exit_code == 0


def test_published_versions_by_title_at_version(run_cli: CliRunner) -> None:
    result = run_cli(
        "--repo",
        str(WIKIMEDIA),
        "compat",
        "fragment/common@1.0.0",
        "fragment/common@1.1.0",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    [comparison] = json.loads(result.stdout)["comparisons"]
    assert comparison["compatible"] is False
    [breaking] = [c for c in comparison["changes"] if c["breaking"]]
    assert breaking["kind"] == "ADDITIONAL_PROPERTIES_REMOVED"
    assert breaking["counterexample_valid_under"] == "old"


def test_title_and_all(run_cli: CliRunner) -> None:
    own = run_cli(
        "--repo", str(PROJECT_ROOT), "compat", "--title", "mediawiki/revision/create"
    )
    assert own.exit_code == 0
    assert own.stdout.count("COMPATIBLE (backward, event-platform)") == 2
    everything = run_cli("--repo", str(PROJECT_ROOT), "compat", "--all")
    assert everything.exit_code == 0
    assert "error@1.0.0 -> error@2.0.0" not in everything.stdout  # another major


def test_sarif_and_github_output_point_at_lines(run_cli: CliRunner) -> None:
    args = [
        "--repo",
        str(WIKIMEDIA),
        "compat",
        "fragment/http@1.1.0",
        "fragment/http@1.2.0",
    ]
    github = run_cli(*args, "--format", "github")
    assert github.exit_code == 1
    assert github.stdout.startswith(
        "::error file=jsonschema/fragment/http/1.2.0.yaml,line="
    )
    sarif = json.loads(run_cli(*args, "--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "jsonschema/fragment/http/1.2.0.yaml"
    assert location["region"]["startLine"] > 1


def test_usage_errors(run_cli: CliRunner, tmp_path: Path) -> None:
    assert run_cli("compat", cwd=tmp_path).exit_code == 2
    only_one = run_cli("--repo", str(WIKIMEDIA), "compat", "error@1.0.0")
    assert only_one.exit_code == 2
    missing = run_cli("--repo", str(WIKIMEDIA), "compat", "error@1.0.0", "error@9.9.9")
    assert missing.exit_code == 2
    assert "no published version 9.9.9" in missing.stderr
