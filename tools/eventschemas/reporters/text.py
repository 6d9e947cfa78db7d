"""`path:line:col: severity RULE-ID message`, one finding a line, like compilers."""

from __future__ import annotations

from eventschemas.reporters import Report


def render(report: Report) -> str:
    lines = [
        f"{d.location}: {d.severity.value} {d.rule} {d.message}"
        for d in report.diagnostics
    ]
    return "\n".join(lines) + ("\n" if lines else "")
