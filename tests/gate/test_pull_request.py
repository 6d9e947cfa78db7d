"""The pull-request gate on real temporary git repositories.

Each scenario starts from a base branch with two published titles, makes a
change on a feature branch, and runs `event-schemas check --base main`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from tests.conftest import THING_SCHEMA, CliResult, CliRunner, git, write


@pytest.fixture
def base_repo(schema_repo: Path) -> Path:
    """`schema_repo` materialized and committed on main, now on branch `change`."""
    materialize(Repository.open(schema_repo))
    git(schema_repo, "init", "-q", "-b", "main")
    git(schema_repo, "add", "-A")
    git(schema_repo, "commit", "-q", "-m", "base")
    git(schema_repo, "checkout", "-q", "-b", "change")
    return schema_repo


def check(run_cli: CliRunner, repo: Path, *extra: str) -> CliResult:
    return run_cli("check", "--base", "main", *extra, cwd=repo)


def rules_of(result: CliResult) -> set[str]:
    return {line.split()[2] for line in result.stdout.splitlines() if " error " in line}


def set_thing(
    repo: Path, version: str, *, replace: tuple[str, str] | None = None
) -> None:
    text = THING_SCHEMA.replace("/thing/change/1.0.0", f"/thing/change/{version}")
    if replace:
        text = text.replace(*replace)
    write(repo / "jsonschema/thing/change/current.yaml", text)


def publish(repo: Path, *titles: str) -> None:
    materialize(Repository.open(repo), list(titles) or None)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")


NEW_MAXIMUM = (
    "    description: How many.\n",
    "    description: How many.\n    maximum: 10\n",
)
ADD_OPTIONAL = (
    "required: [name]",
    "  colour:\n    type: string\n    maxLength: 20\n    description: Its colour.\n"
    "required: [name]",
)


def test_untouched_branch_passes(base_repo: Path, run_cli: CliRunner) -> None:
    result = check(run_cli, base_repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "no findings" in result.stderr


def test_additive_change_on_a_minor_bump_passes(
    base_repo: Path, run_cli: CliRunner
) -> None:
    set_thing(base_repo, "1.1.0", replace=ADD_OPTIONAL)
    publish(base_repo, "thing/change")
    result = check(run_cli, base_repo, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["diagnostics"] == []


def test_hand_edited_published_version_fails(
    base_repo: Path, run_cli: CliRunner
) -> None:
    published = base_repo / "jsonschema/thing/change/1.0.0.json"
    published.write_text(published.read_text().replace("A thing changed.", "Edited."))
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert (
        "jsonschema/thing/change/1.0.0.json: error published-immutable published file "
        "jsonschema/thing/change/1.0.0.json was modified" in result.stdout
    )


def test_deleted_version_fails(base_repo: Path, run_cli: CliRunner) -> None:
    (base_repo / "jsonschema/thing/change/1.0.0.yaml").unlink()
    (base_repo / "jsonschema/thing/change/1.0.0").unlink()
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "jsonschema/thing/change/1.0.0.yaml was deleted" in result.stdout
    assert "jsonschema/thing/change/1.0.0 was deleted" in result.stdout


def test_breaking_change_on_a_minor_bump_fails_with_a_counterexample(
    base_repo: Path, run_cli: CliRunner, tmp_path: Path
) -> None:
    set_thing(base_repo, "1.1.0", replace=NEW_MAXIMUM)
    publish(base_repo, "thing/change")
    summary = tmp_path / "summary.md"
    result = check(run_cli, base_repo, "--summary", str(summary))
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if "breaking-change" in x]
    assert line.startswith("jsonschema/thing/change/1.1.0.yaml:")
    assert "Counterexample" in line
    markdown = summary.read_text()
    assert "| `thing/change` | 1.0.0 → 1.1.0 | ❌ breaking-change |" in markdown
    assert "<details>" in markdown and '"count":' in markdown


def test_breaking_change_on_a_major_bump(base_repo: Path, run_cli: CliRunner) -> None:
    set_thing(base_repo, "2.0.0", replace=NEW_MAXIMUM)
    publish(base_repo, "thing/change")
    refused = check(run_cli, base_repo)
    assert refused.exit_code == 1
    assert rules_of(refused) == {"major-bump-not-allowed"}
    config = base_repo / ".event-schemas.yaml"
    config.write_text(
        config.read_text() + "compatibility:\n  allow_breaking_major: true\n"
    )
    allowed = check(run_cli, base_repo)
    assert allowed.exit_code == 0, allowed.stdout


def test_current_edited_without_materializing(
    base_repo: Path, run_cli: CliRunner
) -> None:
    set_thing(base_repo, "1.1.0", replace=ADD_OPTIONAL)
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert (
        "jsonschema/thing/change/1.1.0.yaml: error materialized-out-of-sync missing; "
        "run `event-schemas materialize jsonschema/thing/change/current.yaml`"
        in result.stdout
    )


def test_current_edited_without_a_version_bump(
    base_repo: Path, run_cli: CliRunner
) -> None:
    set_thing(base_repo, "1.0.0", replace=ADD_OPTIONAL)
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert rules_of(result) == {"version-not-bumped"}
    assert "jsonschema/thing/change/current.yaml:3:1:" in result.stdout


def test_fragment_change_flags_its_dependents(
    base_repo: Path, run_cli: CliRunner
) -> None:
    fragment = base_repo / "jsonschema/fragment/common/current.yaml"
    fragment.write_text(fragment.read_text().replace("maxLength: 128", "maxLength: 64"))
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "jsonschema/fragment/common/current.yaml:3:1: error version-not-bumped" in (
        result.stdout
    )
    # thing/change did not change, but it refers to the fragment.
    assert (
        "jsonschema/thing/change/current.yaml:3:1: error version-not-bumped "
        "thing/change would now materialize differently" in result.stdout
    )


def test_fragment_break_reaches_the_dependent_version(
    base_repo: Path, run_cli: CliRunner
) -> None:
    fragment = base_repo / "jsonschema/fragment/common/current.yaml"
    text = fragment.read_text().replace("common/1.0.0", "common/1.1.0")
    fragment.write_text(text.replace("maxLength: 128", "maxLength: 64"))
    set_thing(base_repo, "1.1.0", replace=("common/1.0.0#", "common/1.1.0#"))
    publish(base_repo)
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    breaking = [x for x in result.stdout.splitlines() if "breaking-change" in x]
    assert {x.split(":")[0] for x in breaking} == {
        "jsonschema/fragment/common/1.1.0.yaml",
        "jsonschema/thing/change/1.1.0.yaml",
    }


def test_renamed_title_fails(base_repo: Path, run_cli: CliRunner) -> None:
    git(base_repo, "mv", "jsonschema/thing/change", "jsonschema/thing/changed")
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "title-removed" in rules_of(result)
    assert "title thing/change exists on main but not here" in result.stdout
    assert "published-immutable" in rules_of(result)


def test_removed_title_allowed_by_config(base_repo: Path, run_cli: CliRunner) -> None:
    shutil.rmtree(base_repo / "jsonschema/thing")
    config = base_repo / ".event-schemas.yaml"
    config.write_text(config.read_text() + "allow_title_removal: true\n")
    result = check(run_cli, base_repo)
    assert "title-removed" not in rules_of(result)


def test_new_version_must_be_greater(base_repo: Path, run_cli: CliRunner) -> None:
    set_thing(base_repo, "0.9.0", replace=ADD_OPTIONAL)
    publish(base_repo, "thing/change")
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "version-not-greater" in rules_of(result)


def test_patch_bump_may_not_change_validation(
    base_repo: Path, run_cli: CliRunner
) -> None:
    set_thing(base_repo, "1.0.1", replace=ADD_OPTIONAL)
    publish(base_repo, "thing/change")
    assert "patch-changes-validation" in rules_of(check(run_cli, base_repo))
    current = base_repo / "jsonschema/thing/change/current.yaml"
    text = current.read_text().replace("change/1.0.1", "change/1.0.2")
    current.write_text(text.replace("The thing's name.", "What it is called."))
    publish(base_repo, "thing/change")
    result = check(run_cli, base_repo)
    assert "thing/change/1.0.2" not in result.stdout


def test_shallow_clone_names_the_fetch_command(
    base_repo: Path, run_cli: CliRunner, tmp_path: Path
) -> None:
    set_thing(base_repo, "1.1.0", replace=ADD_OPTIONAL)
    publish(base_repo, "thing/change")
    git(base_repo, "checkout", "-q", "main")
    write(base_repo / "jsonschema/other.txt", "a later commit on main\n")
    git(base_repo, "add", "-A")
    git(base_repo, "commit", "-q", "-m", "main moves on")
    clone = tmp_path / "clone"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--branch",
        "change",
        f"file://{base_repo}",
        str(clone),
    )
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    result = run_cli("check", "--base", "origin/main", cwd=clone)
    assert result.exit_code == 2
    assert "git fetch --unshallow origin main" in result.stderr


def test_default_base_comes_from_ci_variables(
    base_repo: Path, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_thing(base_repo, "1.1.0", replace=NEW_MAXIMUM)
    publish(base_repo, "thing/change")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    result = run_cli("check", "--pr", cwd=base_repo)
    assert result.exit_code == 1
    assert "breaking-change" in rules_of(result)


def test_missing_base_is_a_usage_error(base_repo: Path, run_cli: CliRunner) -> None:
    result = run_cli("check", "--base", "no-such-branch", cwd=base_repo)
    assert result.exit_code == 2
    assert "no base to compare with" in result.stderr


def test_step_summary_is_appended(
    base_repo: Path, run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    step = tmp_path / "step.md"
    step.write_text("earlier content\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    set_thing(base_repo, "1.1.0", replace=ADD_OPTIONAL)
    publish(base_repo, "thing/change")
    assert check(run_cli, base_repo).exit_code == 0
    text = step.read_text()
    assert text.startswith("earlier content\n## Schema check passed")
    assert "| `thing/change` | 1.0.0 → 1.1.0 | ✅ compatible" in text


def test_stream_configuration_changes_are_linted(
    base_repo: Path, run_cli: CliRunner
) -> None:
    streams = base_repo / "streams.yaml"
    streams.write_text(
        streams.read_text() + "  thing.other:\n    schema_title: no/such/title\n"
    )
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "stream-title-exists" in rules_of(result)
    assert result.stdout.startswith("streams.yaml:")


def test_config_change_checks_every_title(base_repo: Path, run_cli: CliRunner) -> None:
    config = base_repo / ".event-schemas.yaml"
    config.write_text(config.read_text() + "numeric_bounds: [-1000, 1000]\n")
    result = check(run_cli, base_repo)
    assert result.exit_code == 1
    assert "2 changed or dependent title(s)" in result.stderr
    assert "version-not-bumped" in rules_of(result)  # bounds change published files
