"""The one diagnostic type shared by every check (materialize, lint, examples,
compat and the CI gate), so that one set of reporters can print them all."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from msgspec import Struct, field

from eventschemas.errors import SourcePosition


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Diagnostic(Struct, frozen=True):
    """One finding: which rule, how bad, where (file:line:col and JSON pointer), why.

    `message` reads as a sentence and says what to do about the finding.
    `subject` names what the finding is about (a schema `$id` or title, a stream
    name); waivers match their regex against it.
    """

    rule: str
    severity: Severity
    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    pointer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    subject: str = ""

    # `extra` (details for reporters) takes no part in equality and hashing.

    def _identity(self) -> tuple[Any, ...]:
        return (
            self.rule,
            self.severity,
            self.message,
            self.path,
            self.line,
            self.column,
            self.pointer,
            self.subject,
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not Diagnostic:
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    @classmethod
    def at(
        cls,
        rule: str,
        severity: Severity,
        message: str,
        position: SourcePosition | None,
        pointer: str = "",
        *,
        subject: str = "",
        **extra: Any,
    ) -> Diagnostic:
        """A finding at `position` (None: about the repository as a whole)."""
        if position is None:
            return cls(
                rule, severity, message, pointer=pointer, extra=extra, subject=subject
            )
        return cls(
            rule,
            severity,
            message,
            position.path,
            position.line,
            position.column,
            pointer,
            extra,
            subject,
        )

    @property
    def location(self) -> str:
        if not self.path:
            return "<repository>"
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)


def should_fail(diagnostics: list[Diagnostic], fail_level: Severity) -> bool:
    """True when any diagnostic is at least as severe as `fail_level`."""
    return any(d.severity.rank >= fail_level.rank for d in diagnostics)
