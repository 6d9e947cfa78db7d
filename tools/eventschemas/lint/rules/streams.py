"""The stream configuration (`streams.yaml`) against the schema tree.

These rules run when the whole repository is linted (no PATHS given) or when
the streams file is one of the PATHS.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.errors import EventSchemasError
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import RepoContext
from eventschemas.lint.ecma import compile_error
from eventschemas.streams import Stream, StreamConfig

_MIN = Level.MINIMAL


def _streams(context: RepoContext) -> StreamConfig | None:
    if not context.streams:
        return None
    try:
        return context.repo.streams()
    except EventSchemasError:
        return None  # `streams-readable` reports it


@rule(
    "streams-readable",
    _MIN,
    S.ERROR,
    "the streams file parses and every entry names a schema_title",
    View.REPOSITORY,
)
def streams_readable(context: RepoContext) -> Iterator[Diagnostic]:
    if not context.streams:
        return
    try:
        context.repo.streams()
    except EventSchemasError as error:
        yield context.report(error.message, error.position, subject="streams")


@rule(
    "stream-title-exists",
    _MIN,
    S.ERROR,
    "every stream's schema_title is a title of the tree",
    View.REPOSITORY,
)
def stream_title_exists(context: RepoContext) -> Iterator[Diagnostic]:
    streams = _streams(context)
    for entry in streams.streams if streams else ():
        if entry.schema_title not in context.repo.titles:
            yield context.report(
                f"stream {entry.name!r} uses schema_title {entry.schema_title!r}, "
                "which is not a title of the schema tree; fix the title or add the "
                "schema",
                entry.position,
                subject=entry.name,
            )


@rule(
    "stream-regex-valid",
    _MIN,
    S.ERROR,
    "every /regex/ stream name is a valid ECMA-262 regular expression",
    View.REPOSITORY,
)
def stream_regex_valid(context: RepoContext) -> Iterator[Diagnostic]:
    streams = _streams(context)
    for entry in streams.streams if streams else ():
        error = compile_error(entry.name[1:-1]) if entry.is_regex else None
        if error is not None:
            yield context.report(
                f"stream {entry.name} is not an ECMA-262 regular expression "
                f"({error}); stream routers are JavaScript: fix the expression",
                entry.position,
                subject=entry.name,
            )


@rule(
    "stream-ambiguous",
    Level.STANDARD,
    S.ERROR,
    "no stream name is matched by two entries of the streams file",
    View.REPOSITORY,
)
def stream_ambiguous(context: RepoContext) -> Iterator[Diagnostic]:
    streams = _streams(context)
    if streams is None:
        return
    for name in _known_names(context, streams):
        matching = streams.matching(name)
        first = matching[0] if matching else None
        for other in matching[1:]:
            assert first is not None
            yield context.report(
                f"stream {name!r} is matched by both {_shown(first)} and "
                f"{_shown(other)}; narrow the regex or remove one entry so each "
                "stream has one schema",
                other.position,
                subject=other.name,
            )


def _known_names(context: RepoContext, streams: StreamConfig) -> list[str]:
    """Stream names to test: exact entries and the streams named by examples.

    Whether two regexes can match one name is checked on these names only.
    """
    names = {entry.name for entry in streams.streams if not entry.is_regex}
    for schema in context.schemas:
        examples = schema.data.get("examples")
        for example in examples if isinstance(examples, list) else ():
            meta = example.get("meta") if isinstance(example, dict) else None
            if isinstance(meta, dict) and isinstance(meta.get("stream"), str):
                names.add(meta["stream"])
    return sorted(names)


def _shown(entry: Stream) -> str:
    where = f" (line {entry.position.line})" if entry.position else ""
    return f"{entry.name}{where}"
