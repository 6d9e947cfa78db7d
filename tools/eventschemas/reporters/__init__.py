"""Reporters: one rendering of a list of diagnostics per output format.

Every command (lint, examples, compat, the CI gate) builds a `Report` and asks
`render` for the format the user chose; a new format is one new module here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from msgspec import Struct, field

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.errors import UsageError

TOOL = "event-schemas"
# Each output format and the module of this package that renders it.
_MODULES = {
    "text": "text",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
}
FORMATS = tuple(_MODULES)


class RuleInfo(Struct, frozen=True):
    """What a reporter may say about a rule id (SARIF lists them)."""

    id: str
    summary: str
    severity: Severity = Severity.ERROR


class Report(Struct, frozen=True):
    """The findings of one command run, ready to be rendered."""

    command: str
    diagnostics: Sequence[Diagnostic]
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    waived: int = 0
    tool: str = TOOL
    version: str = ""

    def counts(self) -> dict[str, int]:
        found = Counter(d.severity.value for d in self.diagnostics)
        return {s.value: found.get(s.value, 0) for s in Severity}

    @property
    def tool_version(self) -> str:
        if self.version:
            return self.version
        from eventschemas import __version__

        return __version__


Renderer = Callable[[Report], str]


def renderer(name: str) -> Renderer:
    """The renderer for output format `name` (only its module is imported)."""
    module = _MODULES.get(name)
    if module is None:
        raise UsageError(f"unknown output format {name!r}; use one of {FORMATS}")
    from importlib import import_module

    found: Renderer = import_module(f"eventschemas.reporters.{module}").render
    return found


def render(report: Report, name: str) -> str:
    return renderer(name)(report)


def summary(report: Report) -> str:
    """One line for people: how many findings of each severity, and waivers."""
    counts = report.counts()
    parts = [f"{n} {s}(s)" for s, n in counts.items() if n]
    text = ", ".join(parts) if parts else "no findings"
    if report.waived:
        text += f" ({report.waived} waived)"
    return text
