"""`$ref` resolution: local pointers, other documents through a resolver, cycles.

A local `#/...` reference resolves inside the document that contains it. Any
other reference names a document: its URI (joined with the referring
document's `$id` when relative, fragment stripped) is passed to the caller's
`resolver`, and the fragment, a JSON pointer, is then resolved inside the
returned document. Documents are loaded once per comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urljoin

from eventschemas.compat.schema import ANNOTATIONS, Doc, Node
from eventschemas.errors import RefError
from eventschemas.tree import pointer

Resolver = Callable[[str], Any]

_MAX_REF_CHAIN = 64


class Refs:
    """Loads and caches referenced documents; follows `$ref` chains."""

    def __init__(self, resolver: Resolver | None) -> None:
        self._resolver = resolver
        self._docs: dict[str, Doc] = {}

    def load(self, uri: str) -> Doc:
        """The document at `uri` (no fragment), asking the resolver once."""
        doc = self._docs.get(uri)
        if doc is not None:
            return doc
        if self._resolver is None:
            raise RefError(
                f"cannot resolve the $ref to {uri!r}: it points outside the schema "
                "and no resolver was given; pass resolver= to compare()"
            )
        try:
            root = self._resolver(uri)
        except Exception as exc:
            raise RefError(f"the resolver failed for {uri!r}: {exc}") from exc
        doc = Doc.of(root, uri=uri)
        self._docs[uri] = doc
        return doc

    def target(self, node: Node, ref: str) -> Node:
        """The subschema a `$ref` found in `node`'s document points at."""
        base, _, fragment = ref.partition("#")
        doc = node.doc
        if base:
            uri = urljoin(doc.uri, base) if doc.uri else base
            if uri != doc.uri:
                doc = self.load(uri)
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            raise RefError(
                f"the $ref {ref!r} uses a plain-name fragment; only JSON-pointer "
                "fragments are supported"
            )
        try:
            value = pointer.resolve(doc.root, fragment)
        except LookupError as exc:
            raise RefError(f"the $ref {ref!r} dangles: {exc}") from exc
        return Node(value, doc, fragment)

    def resolve(self, node: Node) -> Node:
        """Follow `$ref` while it replaces the whole schema.

        Up to draft-07 `$ref` ignores its siblings (draft-07 §8.3). From 2019-09
        on it is an applicator beside them; such nodes are left for `flatten`
        to merge unless their siblings are only annotations.
        """
        for _ in range(_MAX_REF_CHAIN):
            ref = _ref_of(node)
            if ref is None:
                return node
            node = self.target(node, ref)
        raise RefError(f"$ref chain at {node.location()} does not end (a cycle?)")


def _ref_of(node: Node) -> str | None:
    if not isinstance(node.schema, dict):
        return None
    ref = node.schema.get("$ref", node.schema.get("$recursiveRef"))
    if not isinstance(ref, str):
        return None
    if node.doc.dialect.modern and any(
        k not in ANNOTATIONS and k not in ("$ref", "$recursiveRef") for k in node.schema
    ):
        return None
    return ref
