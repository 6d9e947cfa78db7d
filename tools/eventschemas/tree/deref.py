"""Dereferencing: replace every `$ref` by a copy of what it points at.

Keys written beside a `$ref` are laid over the referenced schema, as
json-schema-ref-parser (used by Wikimedia's jsonschema-tools) does, so existing
trees materialize to the same result. A reference that reaches itself again is a
cycle: materialized schemas are plain trees and cannot hold one.
"""

from __future__ import annotations

from typing import Any

from eventschemas.errors import RefError
from eventschemas.tree import pointer as jp
from eventschemas.tree.loader import Document
from eventschemas.tree.refs import Resolver

_Key = tuple[str, str]


def dereference(document: Document, resolver: Resolver, at: str = "") -> Any:
    """Return a copy of the value at `at` in `document` with every `$ref` inlined."""
    value = jp.resolve(document.data, at)
    return _Walker(resolver).walk(value, document, tuple(jp.split(at)), [])


def iter_refs(value: Any, at: str = "") -> list[tuple[str, str]]:
    """All `(pointer, ref)` pairs in `value`, in document order."""
    found: list[tuple[str, str]] = []
    todo: list[tuple[str, Any]] = [(at, value)]
    while todo:
        pointer, node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.append((pointer, ref))
            todo.extend((jp.join(pointer, k), v) for k, v in node.items())
        elif isinstance(node, list):
            todo.extend((jp.join(pointer, i), v) for i, v in enumerate(node))
    return sorted(found)


class _Walker:
    """Copies a value, inlining references.

    The location is carried as a tuple of tokens and turned into a JSON pointer
    only when a reference is met: most nodes hold none, and building a pointer
    string for each of them would dominate the cost of a run.
    """

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def walk(
        self,
        value: Any,
        document: Document,
        at: tuple[str | int, ...],
        stack: list[_Key],
    ) -> Any:
        if isinstance(value, list):
            return [
                self.walk(item, document, (*at, i), stack)
                for i, item in enumerate(value)
            ]
        if not isinstance(value, dict):
            return value
        ref = value.get("$ref")
        if isinstance(ref, str):
            return self.follow(value, ref, document, at, stack)
        return {k: self.walk(v, document, (*at, k), stack) for k, v in value.items()}

    def follow(
        self,
        value: dict[str, Any],
        ref: str,
        document: Document,
        at: tuple[str | int, ...],
        stack: list[_Key],
    ) -> Any:
        pointer = jp.join("", *at)
        # resolve() reports its errors at this $ref already.
        target = self.resolver.resolve(ref, document, pointer)
        key = (target.document.path, target.pointer)
        if key in stack:
            chain = " -> ".join(
                f"{p}#{f}" for p, f in (*stack[stack.index(key) :], key)
            )
            raise RefError(
                f"$ref cycle: {chain}; a materialized schema cannot contain itself, "
                "so break the cycle",
                document.position(jp.join(pointer, "$ref")),
            )
        stack.append(key)
        target_at = tuple(jp.split(target.pointer))
        resolved = self.walk(target.value, target.document, target_at, stack)
        stack.pop()
        siblings = {k: v for k, v in value.items() if k != "$ref"}
        if not siblings or not isinstance(resolved, dict):
            return resolved
        extra = self.walk(siblings, document, at, stack)
        return {**resolved, **extra}
