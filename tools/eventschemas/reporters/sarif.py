"""SARIF 2.1.0, for code-scanning upload (GitHub and other SARIF consumers).

One run per report: the tool's driver lists the rules (from the report's rule
catalogue, plus any rule id seen without an entry) and each finding is a
result with its physical location (artifact URI relative to the repository
root, 1-based line and column counted in Unicode code points).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.reporters import Report, RuleInfo

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    return json.dumps(log(report), indent=2, ensure_ascii=False) + "\n"


def log(report: Report) -> dict[str, Any]:
    rules = _rules(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(report, rules)},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index) for d in report.diagnostics],
            }
        ],
    }


def _rules(report: Report) -> list[RuleInfo]:
    known = dict(report.rules)
    for found in report.diagnostics:
        known.setdefault(found.rule, RuleInfo(found.rule, found.rule, found.severity))
    return list(known.values())


def _driver(report: Report, rules: list[RuleInfo]) -> dict[str, Any]:
    return {
        "name": report.tool,
        "version": report.tool_version,
        "rules": [
            {
                "id": rule.id,
                "shortDescription": {"text": rule.summary},
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            }
            for rule in rules
        ],
    }


def _result(found: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": found.rule,
        "ruleIndex": index[found.rule],
        "level": _LEVELS[found.severity],
        "message": {"text": found.message},
    }
    if found.path:
        result["locations"] = [_location(found)]
    if found.pointer or found.subject:
        result["properties"] = {"pointer": found.pointer, "subject": found.subject}
    return result


def _location(found: Diagnostic) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(found.path)}}
    if found.line > 0:
        physical["region"] = {
            "startLine": found.line,
            "startColumn": max(found.column, 1),
        }
    return {"physicalLocation": physical}
