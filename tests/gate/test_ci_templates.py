"""The CI templates and hooks, run for real against temporary git repositories."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, git
from tests.gate.test_pull_request import ADD_OPTIONAL, NEW_MAXIMUM, set_thing

WORKFLOW = PROJECT_ROOT / "ci/github/schema-gate.yml"
GITLAB = PROJECT_ROOT / "ci/gitlab/schema-gate.yml"
HOOKS = PROJECT_ROOT / ".pre-commit-hooks.yaml"


def _pull_request_checkout(origin: Path, tmp_path: Path, change: Any) -> Path:
    """A CI-like clone: origin/main is the base, HEAD the pull request."""
    materialize(Repository.open(origin))
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "base")
    git(origin, "checkout", "-q", "-b", "pr")
    change(origin)
    materialize(Repository.open(origin), ["thing/change"])
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "change")
    clone = tmp_path / "ci-checkout"
    git(tmp_path, "clone", "-q", "--branch", "pr", f"file://{origin}", str(clone))
    return clone


def _run_workflow_steps(checkout: Path, tmp_path: Path) -> tuple[int, Path, str]:
    """Run the workflow's pull_request steps (all but the install step) in bash."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["gate"]["steps"]
    summary = tmp_path / "step-summary.md"
    env = {
        **os.environ,
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        **workflow.get("env", {}),
    }
    gate_code = 0
    output = ""
    for step in steps:
        if step.get("id") not in ("gate", "sarif"):
            continue
        run = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if step["id"] == "gate":
            gate_code, output = run.returncode, run.stdout + run.stderr
    return gate_code, summary, output


def test_github_workflow_fails_a_breaking_pull_request(
    schema_repo: Path, tmp_path: Path
) -> None:
    checkout = _pull_request_checkout(
        schema_repo,
        tmp_path,
        lambda repo: set_thing(repo, "1.1.0", replace=NEW_MAXIMUM),
    )
    code, summary, output = _run_workflow_steps(checkout, tmp_path)
    assert code == 1, output
    assert "::error file=jsonschema/thing/change/1.1.0.yaml,line=" in output
    assert "breaking-change" in output
    assert "## Schema check failed" in summary.read_text()
    assert (checkout / "schema-gate.md").is_file()
    sarif = json.loads((checkout / "schema-gate.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "breaking-change" for r in sarif["runs"][0]["results"])


def test_github_workflow_passes_an_additive_pull_request(
    schema_repo: Path, tmp_path: Path
) -> None:
    checkout = _pull_request_checkout(
        schema_repo,
        tmp_path,
        lambda repo: set_thing(repo, "1.1.0", replace=ADD_OPTIONAL),
    )
    code, summary, output = _run_workflow_steps(checkout, tmp_path)
    assert code == 0, output
    assert "✅ compatible" in summary.read_text()


def test_gitlab_job_script_runs(schema_repo: Path, tmp_path: Path) -> None:
    checkout = _pull_request_checkout(
        schema_repo,
        tmp_path,
        lambda repo: set_thing(repo, "1.1.0", replace=NEW_MAXIMUM),
    )
    job = yaml.safe_load(GITLAB.read_text())["schema-gate"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    # The parse cache lives where GitLab can keep it: inside the project.
    cached = job["variables"]["EVENT_SCHEMAS_CACHE_DIR"]
    assert cached == "$CI_PROJECT_DIR/" + job["cache"]["paths"][0]
    env = {
        **os.environ,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    run = subprocess.run(
        ["bash", "-e", "-c", "\n".join(job["script"])],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "breaking-change" in run.stdout
    assert "❌ breaking-change" in (checkout / "schema-gate.md").read_text()


def test_pre_commit_hooks_run_their_commands(schema_repo: Path) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text())}
    assert set(hooks) == {
        "event-schemas-materialize",
        "event-schemas-lint",
        "event-schemas-check",
    }
    git(schema_repo, "init", "-q", "-b", "main")
    bin_dir = Path(sys.executable).parent
    for hook_id in (
        "event-schemas-materialize",
        "event-schemas-lint",
        "event-schemas-check",
    ):
        command = shlex.split(hooks[hook_id]["entry"])
        command[0] = str(bin_dir / command[0])
        result = subprocess.run(
            command, cwd=schema_repo, capture_output=True, text=True
        )
        assert result.returncode == 0, (hook_id, result.stdout, result.stderr)
    assert (schema_repo / "jsonschema/thing/change/1.0.0.yaml").is_file()
