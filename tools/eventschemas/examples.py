"""Example validation: every example of every schema version, formats asserted.

Each current file's examples are validated against the schema that
materialization builds from it, and each published file's examples against that
file. An example published unchanged in the current version's file is checked
once, at its line in current.yaml. Every failure is reported at the failing
value's own line, with its instance path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from msgspec import Struct, field

from eventschemas.diagnostics import Diagnostic, Severity
from eventschemas.errors import EventSchemasError, TreeError
from eventschemas.lint.catalogue import CATALOGUE
from eventschemas.lint.facts import canonical
from eventschemas.lint.rules import EXAMPLE_SCHEMA_ID, EXAMPLE_VALID
from eventschemas.lint.units import select
from eventschemas.lint.waivers import WaiverSet, ignored_in_schema
from eventschemas.memo import name_of, plain_path, remembered
from eventschemas.tree import pointer as jp
from eventschemas.tree.loader import Document
from eventschemas.tree.materialize import Materializer, schema_version
from eventschemas.tree.model import Repository, SchemaTitle, Version

if TYPE_CHECKING:  # the engine is imported only when a result is not cached
    from eventschemas.validation import ExampleOutcome

_LOADABLE = "schema-loadable"
_MESSAGE_LIMIT = 240


class ExamplesResult(Struct):
    diagnostics: list[Diagnostic] = field(default_factory=list)
    waived: list[Diagnostic] = field(default_factory=list)
    examples: int = 0
    schemas: int = 0
    titles: int = 0
    # The title each finding belongs to, for `lint --examples --generate-waivers`.
    scopes: dict[Diagnostic, str] = field(default_factory=dict)


class _Target(Struct, frozen=True):
    """One schema version's examples: where they are written, what validates them."""

    title: str
    schema: dict[str, Any]
    document: Document  # positions (and raw examples) come from here


def check_examples(
    repo: Repository,
    paths: Iterable[str | Path] = (),
    materializer: Materializer | None = None,
) -> ExamplesResult:
    """Validate the examples of the selected titles (default: all of them)."""
    selection = select(repo, paths)
    checker = _Checker(repo, materializer or Materializer(repo))
    for title in selection.titles:
        checker.title(repo.titles[title], selection.wants)
    checker.result.titles = len(selection.titles)
    checker.result.diagnostics.sort(key=Diagnostic.sort_key)
    return checker.result


class _Checker:
    def __init__(self, repo: Repository, materializer: Materializer) -> None:
        self.repo = repo
        self.materializer = materializer
        self.waivers = WaiverSet(repo.config.waivers)
        self.result = ExamplesResult()

    def title(self, entry: SchemaTitle, wants: Callable[[Path], bool]) -> None:
        checked: set[str] = set()
        current = None
        if entry.current is not None and wants(entry.current):
            target, current = self._current(entry)
            if target is not None:
                # Keys are only needed to skip what the current version's
                # published file repeats; building them costs more than
                # validating.
                repeated = current is not None and current in entry.versions
                checked = self.check(target, set(), keys=repeated)
        for version in entry.sorted_versions():
            path = version.primary_file(self.repo.config.content_types)
            if path is not None and wants(path):
                target = self._published(entry, path)
                # The current version's file repeats current.yaml's examples.
                skip = checked if version.version == current else set()
                if target is not None:
                    self.check(target, skip)

    def _current(self, entry: SchemaTitle) -> tuple[_Target | None, Version | None]:
        assert entry.current is not None
        try:
            document = self.repo.document(entry.current)
            version = schema_version(document)
        except TreeError:
            return None, None  # lint's id-matches-title explains an unusable $id
        except EventSchemasError as error:
            self._failed(entry.title, error)
            return None, None
        try:
            built = self.materializer.build(entry.title)
        except EventSchemasError as error:
            self._failed(entry.title, error, document.data.get("$id"))
            return None, version
        return _Target(entry.title, built, document), version

    def _published(self, entry: SchemaTitle, path: Path) -> _Target | None:
        try:
            document = self.repo.document(path)
        except EventSchemasError as error:
            self._failed(entry.title, error)
            return None
        if not isinstance(document.data, dict):
            return None
        return _Target(entry.title, document.data, document)

    def check(self, target: _Target, skip: set[str], keys: bool = False) -> set[str]:
        """Check the target's examples not in `skip`; with `keys`, return the
        keys (`canonical`) of the examples checked."""
        examples = target.schema.get("examples")
        if not isinstance(examples, list) or not examples:
            return set()
        if self.repo.config.is_ignored(str(target.schema.get("$id", ""))):
            return set()
        self.result.schemas += 1
        wanted = []
        checked = set()
        for index, example in enumerate(examples):
            key = canonical(example) if skip or keys else ""
            if key not in skip:  # a canonical key is never ""
                wanted.append(index)
            if keys:
                checked.add(key)
        # Even when every example repeats current.yaml's, the schema itself
        # may not compile: that is said here, at this file.
        uncompilable, outcomes = self._outcomes(target)
        if uncompilable is not None:
            self._add(
                target,
                EXAMPLE_VALID,
                "/examples",
                f"the examples could not be validated: the schema does not "
                f"compile ({_short(uncompilable)}); fix the schema",
            )
        for index in wanted:
            self.result.examples += 1
            if outcomes:
                self._example(target, index, outcomes[index])
            self._schema_uri(target, index, examples[index])
        return checked

    def _outcomes(
        self, target: _Target
    ) -> tuple[str | None, tuple[ExampleOutcome, ...]]:
        """`validation.example_outcomes` of the target, from the cache when an
        earlier run judged the same schema with the same code and engine."""
        cache = self.repo.cache
        name = name_of(target.schema, target.document) if cache is not None else None
        count = len(target.schema["examples"])

        def judge() -> tuple[str | None, tuple[ExampleOutcome, ...]]:
            from eventschemas.validation import example_outcomes

            return example_outcomes(target.schema)

        def read(found: Any) -> tuple[str | None, tuple[ExampleOutcome, ...]] | None:
            return found if _is_outcome(found, count) else None

        parts = [name] if name is not None else None
        return remembered(cache, "examples", parts, judge, read)

    def _example(self, target: _Target, index: int, outcome: ExampleOutcome) -> None:
        if outcome is None:
            return
        at = f"/examples/{index}"
        if isinstance(outcome, str):
            self._add(
                target,
                EXAMPLE_VALID,
                at,
                f"example {index} could not be validated ({outcome}); write it with "
                "JSON values only (a tagged date or binary value is not one)",
            )
            return
        for instance_path, schema_path, message in outcome:
            path = jp.join(at, *instance_path)
            shown = path[len(at) :] or "its root"
            self._add(
                target,
                EXAMPLE_VALID,
                path,
                f"example {index} is invalid at {shown}: {_short(message)}; "
                "fix the example (or the schema)",
                instance_path=path[len(at) :],
                schema_path=jp.join("", *schema_path),
            )

    def _schema_uri(self, target: _Target, index: int, example: Any) -> None:
        properties = target.schema.get("properties")
        if not isinstance(properties, dict) or "$schema" not in properties:
            return
        expected = target.schema.get("$id")
        value = example.get("$schema") if isinstance(example, dict) else None
        if value != expected:
            at = f"/examples/{index}"
            where = (
                f"{at}/$schema"
                if isinstance(example, dict) and "$schema" in example
                else at
            )
            self._add(
                target,
                EXAMPLE_SCHEMA_ID,
                where,
                f"example {index} has $schema {value!r}, not the schema's $id "
                f"{expected!r}; in current.yaml write $schema: {{$ref: '#/$id'}}",
            )

    def _add(
        self, target: _Target, rule: str, pointer: str, message: str, **extra: Any
    ) -> None:
        subject = str(target.schema.get("$id") or target.title)
        waived = self.waivers.covers(rule, subject, target.title) or ignored_in_schema(
            target.schema, pointer, rule
        )
        found = Diagnostic.at(
            rule,
            CATALOGUE[rule].severity,
            message,
            target.document.position(pointer),
            pointer,
            subject=subject,
            **extra,
        )
        (self.result.waived if waived else self.result.diagnostics).append(found)
        self.result.scopes[found] = target.title

    def _failed(
        self, title: str, error: EventSchemasError, schema_id: object = None
    ) -> None:
        subject = schema_id if isinstance(schema_id, str) else title
        found = Diagnostic.at(
            _LOADABLE,
            Severity.ERROR,
            error.message,
            error.position,
            subject=subject,
            title=title,
        )
        if found not in self.result.diagnostics:
            self.result.diagnostics.append(found)
            self.result.scopes[found] = title


def _is_outcome(
    found: Any, examples: int
) -> TypeGuard[tuple[str | None, tuple[ExampleOutcome, ...]]]:
    """Whether a cached value has the shape `example_outcomes` returns."""
    if type(found) is not tuple or len(found) != 2:
        return False
    uncompilable, outcomes = found
    if uncompilable is not None:
        return type(uncompilable) is str and outcomes == ()
    return (
        type(outcomes) is tuple
        and len(outcomes) == examples
        and all(map(_is_example_outcome, outcomes))
    )


def _is_example_outcome(outcome: Any) -> bool:
    if outcome is None or type(outcome) is str:
        return True
    return type(outcome) is tuple and all(
        type(error) is tuple
        and len(error) == 3
        and plain_path(error[0])
        and plain_path(error[1])
        and type(error[2]) is str
        for error in outcome
    )


def _short(message: str) -> str:
    if len(message) <= _MESSAGE_LIMIT:
        return message
    return message[: _MESSAGE_LIMIT - 3] + "..."
