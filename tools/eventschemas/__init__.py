"""event-schemas: tooling for repositories of versioned event schemas.

The public Python API (everything the CLI, the CI gate, the docs builder and
the validator service use):

    >>> from eventschemas import open_repository, materialize
    >>> repo = open_repository(".")            # reads .event-schemas.yaml
    >>> sorted(repo.titles)[:1]                # discovered titles
    >>> run = materialize(repo, check=True)    # what is out of date?

* `open_repository(path, config_file=None)` returns a `Repository`: its
  `config`, its `titles` (each a `SchemaTitle` with `current`, `versions` and
  links) and `document(path)`, which loads a file once with source positions.
* `Resolver(repo)` resolves `$ref` strings against the configured base URIs;
  `dereference(document, resolver)` inlines every reference.
* `Materializer(repo).build(title)` returns the materialized schema of a
  title's current file; `materialize(repo, titles, dry_run=, check=)` writes
  (or checks) the versioned files and links.
* Errors derive from `EventSchemasError` and carry a `SourcePosition`.

Names are imported lazily so that `event-schemas --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "open_repository": "eventschemas.tree.model",
    "Repository": "eventschemas.tree.model",
    "SchemaTitle": "eventschemas.tree.model",
    "SchemaVersion": "eventschemas.tree.model",
    "Version": "eventschemas.tree.model",
    "Document": "eventschemas.tree.loader",
    "load_file": "eventschemas.tree.loader",
    "parse_document": "eventschemas.tree.loader",
    "Resolver": "eventschemas.tree.refs",
    "dereference": "eventschemas.tree.deref",
    "merge_all_of": "eventschemas.tree.merge",
    "Materializer": "eventschemas.tree.materialize",
    "materialize": "eventschemas.tree.materialize",
    "RepoConfig": "eventschemas.config",
    "load_config": "eventschemas.config",
    "EventSchemasError": "eventschemas.errors",
    "SourcePosition": "eventschemas.errors",
    "Diagnostic": "eventschemas.diagnostics",
}

__all__ = [
    "Diagnostic",
    "Document",
    "EventSchemasError",
    "Materializer",
    "RepoConfig",
    "Repository",
    "Resolver",
    "SchemaTitle",
    "SchemaVersion",
    "SourcePosition",
    "Version",
    "dereference",
    "load_config",
    "load_file",
    "materialize",
    "merge_all_of",
    "open_repository",
    "parse_document",
]

if TYPE_CHECKING:
    from eventschemas.config import RepoConfig, load_config
    from eventschemas.diagnostics import Diagnostic
    from eventschemas.errors import EventSchemasError, SourcePosition
    from eventschemas.tree.deref import dereference
    from eventschemas.tree.loader import Document, load_file, parse_document
    from eventschemas.tree.materialize import Materializer, materialize
    from eventschemas.tree.merge import merge_all_of
    from eventschemas.tree.model import (
        Repository,
        SchemaTitle,
        SchemaVersion,
        Version,
        open_repository,
    )
    from eventschemas.tree.refs import Resolver


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventschemas' has no attribute {name!r}")
    return getattr(import_module(module), name)
