"""The versioned JSON shape, documented by `diagnostics.schema.json` beside it.

Version 1:

    {"format_version": 1,
     "tool": {"name": "event-schemas", "version": "0.1.0"},
     "command": "lint",
     "summary": {"error": 1, "warning": 0, "info": 0, "waived": 2},
     "diagnostics": [{"rule": "...", "severity": "error", "message": "...",
                      "path": "jsonschema/x/current.yaml", "line": 3, "column": 5,
                      "pointer": "/properties/x", "subject": "/x/1.0.0",
                      "extra": {}}]}

`path` is relative to the repository root ("" for repository-wide findings);
`line` and `column` are 1-based (0 when unknown).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventschemas.diagnostics import Diagnostic
from eventschemas.reporters import Report

FORMAT_VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("diagnostics.schema.json")


def render(report: Report) -> str:
    return json.dumps(payload(report), indent=2, ensure_ascii=False) + "\n"


def payload(report: Report) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": report.tool, "version": report.tool_version},
        "command": report.command,
        "summary": {**report.counts(), "waived": report.waived},
        "diagnostics": [diagnostic(d) for d in report.diagnostics],
    }


def diagnostic(found: Diagnostic) -> dict[str, Any]:
    return {
        "rule": found.rule,
        "severity": found.severity.value,
        "message": found.message,
        "path": found.path,
        "line": found.line,
        "column": found.column,
        "pointer": found.pointer,
        "subject": found.subject,
        "extra": {k: _plain(v) for k, v in found.extra.items()},
    }


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)
