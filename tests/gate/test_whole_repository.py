"""`event-schemas check` over whole repositories."""

from __future__ import annotations

import json
from pathlib import Path

from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from tests.conftest import WIKIMEDIA, CliRunner, publish_next_version

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


def _content_findings(run_cli: CliRunner, root: Path) -> list[dict[str, object]]:
    result = run_cli("--repo", str(root), "check", "--format", "json")
    payload = json.loads(result.stdout)
    return [d for d in payload["diagnostics"] if d["rule"] == "content-types-differ"]


def test_published_content_types_must_hold_the_same_schema(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    materialize(Repository.open(schema_repo))
    published = schema_repo / "jsonschema/thing/change/1.0.0.json"
    assert _content_findings(run_cli, schema_repo) == []

    # Written another way (compact, keys reordered), the same schema is fine.
    data = json.loads(published.read_text())
    published.write_text(json.dumps(dict(reversed(data.items()))))
    assert _content_findings(run_cli, schema_repo) == []

    # A different schema in the .json file is not.
    data["properties"]["count"]["minimum"] = 1
    published.write_text(json.dumps(data, indent=2))
    (found,) = _content_findings(run_cli, schema_repo)
    assert found["path"] == "jsonschema/thing/change/1.0.0.json"
    assert "does not hold the same schema as" in str(found["message"])

    # Nor is a missing one.
    published.unlink()
    (found,) = _content_findings(run_cli, schema_repo)
    assert "has no .json file" in str(found["message"])

    # A .json file that is not JSON is a finding in the report, not the end
    # of the run.
    published.write_text("{a: 1}\n")
    result = run_cli("--repo", str(schema_repo), "check")
    assert result.exit_code == 1
    assert "jsonschema/thing/change/1.0.0.json:1:2: error schema-loadable" in (
        result.stdout
    )
    assert "invalid JSON" in result.stdout


def test_an_unreadable_published_version_is_a_finding_in_the_report(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    publish_next_version(
        schema_repo, lambda text: text.replace("[name]", "[name]\n# more")
    )
    (schema_repo / "jsonschema/thing/change/1.0.0.yaml").write_text("title: [x\n")
    result = run_cli("--repo", str(schema_repo), "check")
    assert result.exit_code == 1
    # The run reports the file among its findings; it does not stop there.
    assert "Error:" not in result.stderr
    assert "check: 1 error(s) in 2 title(s)" in result.stderr
    assert (
        "jsonschema/thing/change/1.0.0.yaml:2:1: error schema-loadable invalid YAML"
        in result.stdout
    )


def test_a_published_version_that_is_not_a_mapping_is_reported_once(
    run_cli: CliRunner, schema_repo: Path
) -> None:
    publish_next_version(schema_repo)
    (schema_repo / "jsonschema/thing/change/1.0.0.yaml").write_text("- a\n- b\n")
    result = run_cli("--repo", str(schema_repo), "check", "--format", "json")
    found = [(d["rule"], d["path"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert ("schema-loadable", "jsonschema/thing/change/1.0.0.yaml") in found
    assert not [rule for rule, _ in found if rule == "breaking-change"]
