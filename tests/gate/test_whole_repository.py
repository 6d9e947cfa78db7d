"""`event-schemas check` over whole repositories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import WIKIMEDIA, CliRunner

# What the full check still finds in wikimedia-primary with the waivers of its
# own .jsonschema-tools.yaml, and why each finding is genuine.
EXPECTED_WIKIMEDIA = {
    (
        "id-matches-title",
        "jsonschema/development/webrequest/current.yaml",
    ): "its $id is /webrequest/1.0.0, but the schema lives in development/webrequest",
    (
        "breaking-change",
        "jsonschema/fragment/common/1.1.0.yaml",
    ): "1.1.0 adds additionalProperties: false, which rejects events 1.0.0 accepted; "
    "jsonschema-tools did not notice, and the corpus does not waive it",
}


def test_wikimedia_primary_with_its_own_waivers(run_cli: CliRunner) -> None:
    result = run_cli("--repo", str(WIKIMEDIA), "check", "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    found = {(d["rule"], d["path"]) for d in payload["diagnostics"]}
    assert found == set(EXPECTED_WIKIMEDIA)
    # the four schema-version-compatibility waivers of the corpus
    assert payload["summary"]["waived"] == 4
    counterexample = next(
        d for d in payload["diagnostics"] if d["rule"] == "breaking-change"
    )
    assert "Counterexample" in counterexample["message"]


def test_broken_current_file_is_a_finding_not_a_crash(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    (schema_repo / "jsonschema/thing/change/current.yaml").write_text("title: [x\n")
    result = run_cli("check", cwd=schema_repo)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "jsonschema/thing/change/current.yaml:2:1" in result.stdout
