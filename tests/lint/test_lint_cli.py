"""`event-schemas lint` and `event-schemas examples` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CliRunner, write
from tests.lint.helpers import FIXTURES


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one error (snake case) and one warning (description)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "property-snake-case" / "fail", root)
    current = root / "jsonschema/thing/event/current.yaml"
    undocumented = "  note:\n    type: string\n    maxLength: 9\n"
    current.write_text(
        current.read_text().replace("\nrequired: [$", f"\n{undocumented}required: [$")
    )
    return root


def test_text_output_and_exit_1_on_errors(run_cli: CliRunner, repo: Path) -> None:
    result = run_cli("--repo", str(repo), "lint", "--level", "standard")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "jsonschema/thing/event/current.yaml:23:3: error property-snake-case "
    )
    assert any(" warning property-description " in line for line in lines)
    assert "lint: 1 error(s), 1 warning(s) in 1 file(s)" in result.stderr


def test_fail_level(run_cli: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "property-description" / "fail", root)
    args = ("--repo", str(root), "lint", "--level", "standard")
    assert run_cli(*args).exit_code == 0
    assert run_cli(*args, "--fail-level", "warning").exit_code == 1


def test_clean_repository_exits_0(run_cli: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "examples-present" / "pass", root)
    result = run_cli("--repo", str(root), "lint", "--level", "strict")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert (
        "lint: no findings in 1 file(s) of 1 title(s), level strict." in result.stderr
    )


def test_paths_select_titles(run_cli: CliRunner, repo: Path) -> None:
    write(repo / "jsonschema/other/thing/current.yaml", "title: [broken\n")
    whole = run_cli("--repo", str(repo), "lint")
    assert "other/thing" in whole.stdout
    chosen = run_cli(
        "--repo", str(repo), "lint", str(repo / "jsonschema/thing/event/current.yaml")
    )
    assert "other/thing" not in chosen.stdout
    assert "property-snake-case" in chosen.stdout
    by_title = run_cli("--repo", str(repo), "lint", "thing/event")
    assert by_title.stdout == chosen.stdout


def test_unknown_path_is_a_usage_error(run_cli: CliRunner, repo: Path) -> None:
    result = run_cli("--repo", str(repo), "lint", "no/such/title")
    assert result.exit_code == 2
    assert "Error: no/such/title is neither a file" in result.stderr


def test_bad_config_is_exit_2(run_cli: CliRunner, repo: Path) -> None:
    write(repo / ".event-schemas.yaml", "lint_level: pedantic\n")
    result = run_cli("--repo", str(repo), "lint")
    assert result.exit_code == 2
    assert "lint_level: expected one of minimal, standard, strict" in result.stderr


def test_config_lint_level_is_the_default(run_cli: CliRunner, repo: Path) -> None:
    write(repo / ".event-schemas.yaml", "lint_level: minimal\n")
    result = run_cli("--repo", str(repo), "lint")
    assert "property-description" not in result.stdout
    assert "level minimal" in result.stderr


@pytest.mark.parametrize("output", ["json", "github", "sarif"])
def test_machine_formats(run_cli: CliRunner, repo: Path, output: str) -> None:
    result = run_cli("--repo", str(repo), "lint", "--format", output)
    assert result.exit_code == 1
    if output == "github":
        assert result.stdout.startswith(
            "::error file=jsonschema/thing/event/current.yaml,line=23,col=3,"
            "title=property-snake-case::"
        )
    else:
        json.loads(result.stdout)


def test_list_rules(run_cli: CliRunner) -> None:
    text = run_cli("lint", "--list-rules")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0].split() == [
        "RULE",
        "LEVEL",
        "SEVERITY",
        "COMMAND",
        "MEANING",
    ]
    as_json = json.loads(run_cli("lint", "--list-rules", "--format", "json").stdout)
    ids = [r["id"] for r in as_json["rules"]]
    assert as_json["format_version"] == 1
    assert "property-snake-case" in ids and "example-valid" in ids
    assert len(text.stdout.splitlines()) == len(ids) + 1


def test_generate_waivers(run_cli: CliRunner, repo: Path) -> None:
    result = run_cli("--repo", str(repo), "lint", "--generate-waivers")
    assert result.exit_code == 0
    assert "- rule: property-snake-case\n  schemas: ^/?thing/event(/|$)\n" in (
        result.stdout
    )
    (repo / ".event-schemas.yaml").write_text(result.stdout)
    assert run_cli("--repo", str(repo), "lint").exit_code == 0


def test_examples_command(run_cli: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example-valid" / "fail", root)
    result = run_cli("--repo", str(root), "examples")
    assert result.exit_code == 1
    assert result.stdout == (
        "jsonschema/thing/event/current.yaml:28:5: error example-valid example 0 "
        'is invalid at /dt: "yesterday" is not a "date-time"; fix the example '
        "(or the schema)\n"
    )
    assert "examples: 1 error(s) in 1 example(s) of 1 schema version(s)" in (
        result.stderr
    )


def test_lint_with_examples_reports_both_in_one_run(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example-valid" / "fail", root)
    current = root / "jsonschema/thing/event/current.yaml"
    text = current.read_text()
    current.write_text(
        text.replace(
            "  dt:\n", "  Camel:\n    description: x\n    type: integer\n  dt:\n"
        )
    )
    alone = run_cli("--repo", str(root), "lint", "--level", "strict")
    assert "property-snake-case" in alone.stdout
    assert "example-valid" not in alone.stdout
    both = run_cli("--repo", str(root), "lint", "--level", "strict", "--examples")
    assert both.exit_code == 1
    lines = both.stdout.splitlines()
    # Lint's own findings stay, the example's joins them, in file order.
    assert set(alone.stdout.splitlines()) < set(lines)
    assert (
        "jsonschema/thing/event/current.yaml:31:5: error example-valid example 0 "
        'is invalid at /dt: "yesterday" is not a "date-time"; fix the example '
        "(or the schema)"
    ) in lines
    places = [line.split(": ", 1)[0].split(":") for line in lines]
    assert places == sorted(places, key=lambda p: (p[0], int(p[1]), int(p[2])))
    assert len(lines) > 1
    assert ", and 1 example(s)." in both.stderr


def test_lint_with_examples_generates_waivers_for_both(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example-valid" / "fail", root)
    block = run_cli("--repo", str(root), "lint", "--examples", "--generate-waivers")
    assert "- rule: example-valid\n  schemas: ^/?thing/event(/|$)\n" in block.stdout
    (root / ".event-schemas.yaml").write_text(block.stdout)
    assert run_cli("--repo", str(root), "lint", "--examples").exit_code == 0
    assert run_cli("--repo", str(root), "examples").exit_code == 0


def test_streams_file_as_a_path(run_cli: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "stream-title-exists" / "fail", root)
    whole = run_cli("--repo", str(root), "lint")
    assert "stream-title-exists" in whole.stdout
    title_only = run_cli("--repo", str(root), "lint", "thing/event")
    assert "stream-title-exists" not in title_only.stdout
    streams = run_cli("--repo", str(root), "lint", str(root / "streams.yaml"))
    assert streams.stdout.startswith("streams.yaml:4:3: error stream-title-exists ")


def test_lint_with_examples_reports_an_unbuildable_schema_once(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    # Both lint and the examples check meet a schema that cannot be built.
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "schema-loadable" / "fail", root)
    both = run_cli("--repo", str(root), "lint", "--examples")
    lines = [line for line in both.stdout.splitlines() if "schema-loadable" in line]
    assert len(lines) == 1, both.stdout
    assert "lint: 1 error(s)" in both.stderr
