"""Layout rules: loadable, valid, the allowed dialect, title and `$id`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from eventschemas.diagnostics import Diagnostic
from eventschemas.diagnostics import Severity as S
from eventschemas.lint.catalogue import Level, View, rule
from eventschemas.lint.context import RepoContext, SchemaContext
from eventschemas.lint.metaschema import (
    ALLOWED_DIALECTS,
    DRAFT_07,
    dialect,
    metaschema_errors,
)
from eventschemas.tree import pointer as jp
from eventschemas.tree.model import Version

_MIN = Level.MINIMAL


@rule(
    "schema-loadable",
    _MIN,
    S.ERROR,
    "every schema file parses and every current file materializes ($refs resolve)",
    View.REPOSITORY,
)
def schema_loadable(context: RepoContext) -> Iterator[Diagnostic]:
    for failure in context.failures:
        yield context.report(
            failure.error.message,
            failure.error.position,
            subject=failure.subject,
            title=failure.title,
        )


@rule(
    "schema-valid",
    _MIN,
    S.ERROR,
    "the schema is valid against the metaschema of its $schema dialect",
    View.SOURCE,
)
def schema_valid(context: SchemaContext) -> Iterator[Diagnostic]:
    for path, message in metaschema_errors(context.data, context.document):
        yield context.report(
            jp.join("", *path),
            f"not a valid schema here: {message}; fix this value so the schema "
            "passes its metaschema",
        )


@rule(
    "schema-dialect",
    _MIN,
    S.ERROR,
    "$schema names an allowed dialect (draft-07)",
    View.SOURCE,
)
def schema_dialect(context: SchemaContext) -> Iterator[Diagnostic]:
    value = context.data.get("$schema")
    if value is None:
        yield context.report(
            "", f"the schema does not declare its dialect; add $schema: {DRAFT_07}"
        )
    elif dialect(value) not in ALLOWED_DIALECTS:
        yield context.report(
            "/$schema",
            f"$schema {value!r} is not an allowed dialect; event schemas are "
            f"written in draft-07: set $schema: {DRAFT_07}",
        )


@rule(
    "title-matches-path",
    _MIN,
    S.ERROR,
    "title equals the schema's directory path under the base path",
    View.SOURCE,
)
def title_matches_path(context: SchemaContext) -> Iterator[Diagnostic]:
    title = context.data.get("title")
    if title is None:
        yield context.report("", f"the schema has no title; add title: {context.title}")
    elif title != context.title:
        yield context.report(
            "/title",
            f"title {title!r} does not match the directory {context.title!r}; "
            f"set title: {context.title} (or move the file)",
        )


@rule(
    "id-matches-title",
    _MIN,
    S.ERROR,
    "$id is /<title>/<semantic version>",
    View.SOURCE,
)
def id_matches_title(context: SchemaContext) -> Iterator[Diagnostic]:
    value = context.data.get("$id")
    example = f"/{context.title}/1.0.0"
    if not isinstance(value, str):
        yield context.report("", f"the schema has no $id; add $id: {example}")
        return
    prefix, _, last = value.rstrip("/").rpartition("/")
    if prefix != f"/{context.title}" or Version.parse(last) is None:
        yield context.report(
            "/$id",
            f"$id {value!r} is not /<title>/<version> for title {context.title!r}; "
            f"write it as {example} with the schema's semantic version",
        )


@rule(
    "id-version-matches-file",
    _MIN,
    S.ERROR,
    "the version in a published file's $id equals its file name",
    View.SOURCE,
)
def id_version_matches_file(context: SchemaContext) -> Iterator[Diagnostic]:
    if context.file_version is None or not context.schema_id:
        return
    named = Version.parse(context.schema_id.rstrip("/").rpartition("/")[2])
    if named is not None and named != context.file_version:
        yield context.report(
            "/$id",
            f"$id {context.schema_id!r} names version {named} but the file is "
            f"{context.file_version}; published files are immutable, so restore "
            "this file from git instead of editing it",
        )


@rule(
    "id-unique",
    _MIN,
    S.ERROR,
    "no two schema files share an $id",
    View.REPOSITORY,
)
def id_unique(context: RepoContext) -> Iterator[Diagnostic]:
    holders: dict[str, list[SchemaContext]] = defaultdict(list)
    for schema in context.schemas:
        if schema.kind != "build" and schema.schema_id:
            holders[schema.schema_id].append(schema)
    for schema_id, found in holders.items():
        first, *others = sorted(found, key=lambda s: s.document.path)
        for other in others:
            yield context.report(
                f"$id {schema_id!r} is also the $id of {first.document.path}; "
                "every schema version needs its own $id: fix the title or version",
                other.position("/$id"),
                "/$id",
                subject=schema_id,
                title=other.title,
            )
