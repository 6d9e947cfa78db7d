"""GitHub Actions workflow commands: one annotation per finding.

See "Workflow commands for GitHub Actions": `::error file=F,line=L,col=C,
title=T::message`, with `%`, CR and LF escaped everywhere and `:` and `,`
escaped in property values.
"""

from __future__ import annotations

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.reporters import Report

_COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def render(report: Report) -> str:
    return "".join(_annotation(d) + "\n" for d in report.diagnostics)


def _annotation(diagnostic: Diagnostic) -> str:
    properties = []
    if diagnostic.path:
        properties.append(f"file={_property(diagnostic.path)}")
        if diagnostic.line:
            properties.append(f"line={diagnostic.line}")
            properties.append(f"col={diagnostic.column}")
    properties.append(f"title={_property(diagnostic.rule)}")
    command = _COMMANDS[diagnostic.severity]
    return f"::{command} {','.join(properties)}::{_data(diagnostic.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
