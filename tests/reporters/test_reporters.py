"""Reporters: exact text and GitHub lines; JSON and SARIF valid against schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.errors import UsageError
from eventschemas.lint import Level, lint
from eventschemas.reporters import Report, RuleInfo, render, summary
from eventschemas.reporters.json_format import SCHEMA_FILE
from eventschemas.tree.model import Repository
from tests.conftest import WIKIMEDIA

SARIF_SCHEMA = Path(__file__).with_name("sarif-2.1.0-rtm.5.json")

FINDINGS = [
    Diagnostic(
        "property-snake-case",
        Severity.ERROR,
        "property name 'pageTitle' is not snake_case; rename it",
        "jsonschema/thing/current.yaml",
        12,
        3,
        "/properties/pageTitle",
        {},
        "/thing/1.0.0",
    ),
    Diagnostic(
        "format-unknown",
        Severity.WARNING,
        "100% odd: a, b\nand more",
        "jsonschema/a b/1.0.0.yaml",
        4,
        7,
        "/properties/when/format",
        {"instance_path": "/x", "items": (1, 2)},
    ),
    Diagnostic("streams-readable", Severity.INFO, "whole file", "streams.yaml"),
    Diagnostic("id-unique", Severity.ERROR, "somewhere in the repository"),
]
REPORT = Report(
    "lint",
    FINDINGS,
    {"format-unknown": RuleInfo("format-unknown", "format is known", Severity.WARNING)},
    waived=2,
    version="9.9.9",
)


def test_text() -> None:
    assert render(REPORT, "text").splitlines() == [
        "jsonschema/thing/current.yaml:12:3: error property-snake-case property "
        "name 'pageTitle' is not snake_case; rename it",
        "jsonschema/a b/1.0.0.yaml:4:7: warning format-unknown 100% odd: a, b",
        "and more",
        "streams.yaml: info streams-readable whole file",
        "<repository>: error id-unique somewhere in the repository",
    ]
    assert render(Report("lint", []), "text") == ""


def test_github_annotations_escape_their_data() -> None:
    assert render(REPORT, "github").splitlines() == [
        "::error file=jsonschema/thing/current.yaml,line=12,col=3,"
        "title=property-snake-case::property name 'pageTitle' is not snake_case; "
        "rename it",
        "::warning file=jsonschema/a b/1.0.0.yaml,line=4,col=7,title=format-unknown"
        "::100%25 odd: a, b%0Aand more",
        "::notice file=streams.yaml,title=streams-readable::whole file",
        "::error title=id-unique::somewhere in the repository",
    ]


def test_summary_line() -> None:
    assert summary(REPORT) == "2 error(s), 1 warning(s), 1 info(s) (2 waived)"
    assert summary(Report("lint", [])) == "no findings"


def _valid(instance: Any, schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_json_matches_its_documented_schema() -> None:
    payload = json.loads(render(REPORT, "json"))
    _valid(payload, SCHEMA_FILE)
    assert payload["format_version"] == 1
    assert payload["tool"] == {"name": "event-schemas", "version": "9.9.9"}
    assert payload["summary"] == {"error": 2, "warning": 1, "info": 1, "waived": 2}
    assert payload["diagnostics"][1]["extra"] == {
        "instance_path": "/x",
        "items": [1, 2],
    }


def test_sarif_is_valid_sarif_2_1_0() -> None:
    log = json.loads(render(REPORT, "sarif"))
    _valid(log, SARIF_SCHEMA)
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == [
        "format-unknown",
        "property-snake-case",
        "streams-readable",
        "id-unique",
    ]
    first, second, third, fourth = run["results"]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "jsonschema/thing/current.yaml"},
        "region": {"startLine": 12, "startColumn": 3},
    }
    assert second["level"] == "warning" and second["ruleIndex"] == 0
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "jsonschema/a%20b/1.0.0.yaml"
    }
    assert third["level"] == "note" and "region" not in str(third["locations"])
    assert "locations" not in fourth


@pytest.mark.parametrize("output", ["json", "sarif"])
def test_real_findings_validate(output: str) -> None:
    result = lint(Repository.open(WIKIMEDIA), level=Level.STRICT)
    from eventschemas.cli.lint_cmd import rule_infos

    report = Report("lint", result.diagnostics, rule_infos(), len(result.waived))
    schema = SCHEMA_FILE if output == "json" else SARIF_SCHEMA
    _valid(json.loads(render(report, output)), schema)


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown output format 'xml'"):
        render(REPORT, "xml")
