"""The one error hierarchy of event-schemas.

Every error carries a message a person can act on (what failed, where, what to
do) and the process exit code the CLI should use for it: 1 for findings about
the schemas, 2 for usage or configuration mistakes.
"""

from __future__ import annotations

from msgspec import Struct


class SourcePosition(Struct, frozen=True):
    """A place in a file: 1-based line and column, as editors and compilers count."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class EventSchemasError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, position: SourcePosition | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.position}: {self.message}"


class ConfigError(EventSchemasError):
    """The repository configuration or a command-line option is unusable."""

    exit_code = 2


class UsageError(EventSchemasError):
    """A command was asked for something that cannot be done as asked."""

    exit_code = 2


class LoadError(EventSchemasError):
    """A schema file cannot be read or parsed, or breaks a loading safety rule."""


class RefError(EventSchemasError):
    """A `$ref` dangles, escapes the tree, or takes part in a cycle."""


class TreeError(EventSchemasError):
    """The schema tree breaks a layout convention (title, `$id`, versions, links)."""


class GitError(EventSchemasError):
    """A git operation needed by the command failed."""

    exit_code = 2
