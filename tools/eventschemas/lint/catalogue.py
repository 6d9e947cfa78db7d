"""The rule catalogue: every lint rule's stable id, level, severity and meaning.

Rules register themselves with the `rule` decorator when their module is
imported (`eventschemas.lint.rules`). A rule id never changes meaning once
published; a retired id is kept out of use rather than reassigned.

Levels nest like buf's categories: `minimal` ⊂ `standard` ⊂ `strict`. A run at
a level applies every rule of that level and of the levels below it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from eventschemas.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    pass


class Level(StrEnum):
    """How much is checked; each level includes the ones before it."""

    MINIMAL = "minimal"
    STANDARD = "standard"
    STRICT = "strict"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class View(StrEnum):
    """Which form of a schema a rule reads.

    `source` rules read what a file says (current.yaml with its `$ref`s and
    `allOf`s, or a published file); `materialized` rules need the dereferenced,
    merged schema (for a current file, the schema materialization would write).
    `repository` rules look across all files at once.
    """

    SOURCE = "source"
    MATERIALIZED = "materialized"
    REPOSITORY = "repository"


class Rule(Struct, frozen=True):
    """One catalogue entry: a stable id, its level and default severity, a check."""

    id: str
    level: Level
    severity: Severity
    summary: str
    view: View
    check: Callable[[Any], Iterator[Diagnostic]]
    command: str = "lint"

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "level": self.level.value,
            "severity": self.severity.value,
            "view": self.view.value,
            "command": self.command,
            "summary": self.summary,
        }


CATALOGUE: dict[str, Rule] = {}


def rule(
    rule_id: str, level: Level, severity: Severity, summary: str, view: View
) -> Callable[
    [Callable[..., Iterator[Diagnostic]]], Callable[..., Iterator[Diagnostic]]
]:
    """Register the decorated function as the check of rule `rule_id`."""

    def register(
        check: Callable[..., Iterator[Diagnostic]],
    ) -> Callable[..., Iterator[Diagnostic]]:
        if rule_id in CATALOGUE:
            raise RuntimeError(f"lint rule id {rule_id!r} is registered twice")
        CATALOGUE[rule_id] = Rule(rule_id, level, severity, summary, view, check)
        return check

    return register


def _no_check(context: object) -> Iterator[Diagnostic]:
    return iter(())


def declare(rule_id: str, severity: Severity, summary: str, command: str) -> None:
    """Record a rule that another command (not `lint`) checks, for one catalogue."""
    CATALOGUE[rule_id] = Rule(
        rule_id, Level.MINIMAL, severity, summary, View.SOURCE, _no_check, command
    )


def load() -> dict[str, Rule]:
    """The full catalogue, in a stable order (rule modules imported on first use)."""
    import eventschemas.lint.rules  # noqa: F401  (registers every rule)

    return dict(sorted(CATALOGUE.items(), key=lambda item: _order(item[1])))


def _order(entry: Rule) -> tuple[bool, int, str]:
    return (entry.command != "lint", entry.level.rank, entry.id)


def selected(level: Level, command: str = "lint") -> list[Rule]:
    """The rules a run of `command` at `level` applies."""
    return [
        entry
        for entry in load().values()
        if entry.command == command and entry.level.rank <= level.rank
    ]


# Wikimedia jsonschema-tools test-case names (as used in `skipSchemaTestCases`
# and accepted anywhere a rule id is) and the rules that cover each of them.
DETERMINISTIC_TYPES = (
    "type-no-union",
    "property-type-declared",
    "array-items-typed",
    "object-has-shape",
    "oneof-same-type",
    "enum-no-null",
)
LEGACY_NAMES: dict[str, tuple[str, ...]] = {
    "schema-is-valid": ("schema-valid",),
    "schema-is-secure": (
        "secure-pattern-max-length",
        "secure-format-max-length",
        "secure-unique-items-max-items",
    ),
    "schema-snake-case-properties": ("property-snake-case",),
    "schema-monomorphic-types": DETERMINISTIC_TYPES,
    "schema-deterministic-types": DETERMINISTIC_TYPES,
    "schema-required-properties-exist": ("required-defined",),
    "schema-examples-$schema-matches-schema-$id": ("example-schema-id",),
    "schema-examples-are-valid": ("example-valid",),
    "schema-enforced-numeric-bounds": ("numeric-bounds",),
    # Compatibility between versions is checked by the gate (`check`).
    "schema-version-compatibility": ("breaking-change",),
}


def rule_ids(name: str) -> tuple[str, ...]:
    """The rule ids a waiver or `x-lint-ignore` entry called `name` covers.

    Names not in the table map to themselves.
    """
    return LEGACY_NAMES.get(name, (name,))


def markdown() -> str:
    """The catalogue as the Markdown page `lint/RULES.md` (kept in sync by a test)."""
    rows = [
        f"| `{r.id}` | {r.level.value} | {r.severity.value} | {r.command} | "
        f"{r.summary.replace('<', '&lt;')} |"
        for r in load().values()
    ]
    from eventschemas.gate.rules import GATE_RULES

    rows += [
        f"| `{rule}` | - | {severity.value} | check | {summary} |"
        for rule, (severity, summary) in GATE_RULES.items()
    ]
    legacy = [
        f"| `{name}` | {', '.join(f'`{i}`' for i in ids)} |"
        for name, ids in LEGACY_NAMES.items()
    ]
    return "\n".join(
        [
            _PAGE_HEAD,
            "| rule | level | severity | command | meaning |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
            _PAGE_WAIVERS,
            "| jsonschema-tools test case | rules |",
            "| --- | --- |",
            *legacy,
            "",
        ]
    )


_PAGE_HEAD = """\
# Lint rules

The catalogue of `event-schemas lint` (and of `event-schemas examples`), as
printed by `event-schemas lint --list-rules`, followed by the rules of the CI
gate (`event-schemas check`), which applies at every level. Rule ids are
stable: an id keeps its meaning, and a retired id is never reused.

Levels nest: `minimal` (what Wikimedia's jsonschema-tools checks) is part of
`standard`, which is part of `strict`. The repository's `lint_level` (or
`--level`) picks one; a repository configured only by `.jsonschema-tools.yaml`
is linted at `minimal`. Severities decide the exit code with `--fail-level`.

Each finding points at the file, line and column that needs the change: the
current file people edit, or for facts only the materialized schema shows,
the published file of that version.
"""

_PAGE_WAIVERS = """\
## Waivers

* In the config, per rule and `$id` or title regex:

      waivers:
        - rule: property-description
          schemas: ^/mediawiki/recentchange/
          reason: legacy schema, documented elsewhere

* In a schema, for one object and everything in it:
  `x-lint-ignore: [property-snake-case]`.
* `event-schemas lint --generate-waivers` prints a block waiving every current
  finding (for a `.jsonschema-tools.yaml` repository, a whole
  `.event-schemas.yaml`).

The test-case names of jsonschema-tools (`skipSchemaTestCases`) are accepted
wherever a rule id is, and stand for these rules:
"""
