"""The comparison engine: walks two schemas side by side and collects findings.

`Ctx.diff(old, new, at)` is the one recursive entry point. It resolves `$ref`s,
flattens `allOf`, stops on pairs it is already comparing (recursive schemas
are compared to a greatest fixpoint: a cycle adds no difference), skips equal
subtrees, and hands the rest to `combinators.compare`, which either pairs
`anyOf`/`oneOf` alternatives or calls `compare_single` on plain schemas.
`compare_single` runs the keyword families, one small function each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import orjson

from eventschemas.compat import merge
from eventschemas.compat.catalogue import Effect, info
from eventschemas.compat.model import At, Finding, Probe
from eventschemas.compat.refs import Refs, Resolver
from eventschemas.compat.schema import (
    JSON,
    Doc,
    Node,
    enum_values,
    is_trivial,
    json_equal,
    refs_in,
    same_json,
)
from eventschemas.compat.validate import Validators, format_known
from eventschemas.errors import RefError

_T = TypeVar("_T")
Family = Callable[["Ctx", Node, Node, At], Iterable[Finding]]
_Key = tuple[int, int, int, int]


class Ctx:
    """State of one comparison: documents, validators, caches, the fixpoint set."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self.refs = Refs(resolver)
        self.validators = Validators(self.refs.load)
        self._active: dict[_Key, int] = {}
        self._stack: list[tuple[int, int]] = []
        self._includes: dict[_Key, tuple[bool, JSON, JSON]] = {}
        self._flat: dict[tuple[int, int], tuple[JSON, Node]] = {}
        self.cache: dict[Any, Any] = {}
        self.has_refs = False

    def memo(self, tag: str, node: Node, compute: Callable[[], _T], *extra: Any) -> _T:
        """`compute()` once per subschema (and `extra`) for this comparison.

        Keys hold object ids; the subschema stored beside the value guards
        against an id that a collected temporary schema left for reuse.
        """
        key = (tag, id(node.doc), id(node.schema), *extra)
        cached = self.cache.get(key)
        if cached is None or cached[0] is not node.schema:
            cached = (node.schema, compute())
            self.cache[key] = cached
        value: _T = cached[1]
        return value

    def atoms(self, node: Node) -> frozenset[str]:
        """`live_atoms`, cached: every family asks for it."""
        from eventschemas.compat.satisfiable import live_atoms

        return self.memo("atoms", node, lambda: live_atoms(node))

    def root(self, schema: JSON, label: str) -> Node:
        self.has_refs = self.has_refs or b'"$ref"' in orjson.dumps(schema)
        # Both roots exist before anything is validated: jsonschema-rs answers
        # unless a $ref needs the `jsonschema` library (see `validate`).
        self.validators.native = not self.has_refs
        return Node(schema, Doc.of(schema, label=label))

    def resolve(self, node: Node) -> Node:
        return self.refs.resolve(node)

    def valid(self, node: Node, instance: JSON) -> bool | None:
        return self.validators.is_valid(node, instance)

    def format_known(self, node: Node, name: JSON) -> bool:
        """Whether the validator this comparison uses asserts format `name`."""
        return format_known(name, node.doc.dialect, native=not self.has_refs)

    def normal(self, node: Node) -> Node:
        """`node` with `$ref`s followed and `allOf` merged where possible."""
        return self.flatten(self.resolve(node))

    def unchanged(self, old: JSON, new: JSON) -> bool:
        """A fast equality test on raw subschemas, valid when no `$ref` is around."""
        if old is None or new is None:
            return False
        return old is new or (not self.has_refs and same_json(old, new))

    def flatten(self, node: Node) -> Node:
        if node.flat or not isinstance(node.schema, dict):
            return node
        if not _has_applied(node):
            return node
        key = (id(node.doc), id(node.schema))
        cached = self._flat.get(key)
        if cached is not None and cached[0] is node.schema:
            return cached[1]
        self._flat[key] = (node.schema, _as_flat(node))  # guards recursion
        result = _flattened(self, node)
        self._flat[key] = (node.schema, result)
        return result

    def diff(self, old: Node, new: Node, at: At) -> list[Finding]:
        """All findings between `old` and `new`, which sit at `at`."""
        from eventschemas.compat.families.combinators import compare

        old, new = self.normal(old), self.normal(new)
        key = (id(old.doc), id(old.schema), id(new.doc), id(new.schema))
        depth = self._depth(at)
        entered = self._active.get(key)
        if entered is not None:
            # A cycle through a property or item is contractive: assume the pair
            # holds (greatest fixpoint). One that never descends into the
            # instance has no well-defined meaning; stay conservative.
            if depth > entered:
                return []
            return [self.finding("RECURSIVE_REFERENCE_CHANGED", at, old, new)]
        if self._same(old, new):
            return []
        self._active[key] = depth
        self._stack.append((depth, len(at.ipath)))
        try:
            return compare(self, old, new, at)
        finally:
            del self._active[key]
            self._stack.pop()

    def _depth(self, at: At) -> int:
        """How many instance levels lie above `at`, across nested `includes`."""
        if not self._stack:
            return len(at.ipath)
        parent_depth, parent_length = self._stack[-1]
        length = len(at.ipath)
        return parent_depth + (
            length - parent_length if length >= parent_length else length
        )

    def _same(self, old: Node, new: Node) -> bool:
        if old.schema is new.schema and old.doc is new.doc:
            return True
        if is_trivial(old) and is_trivial(new):
            return True
        if not same_json(old.schema, new.schema):
            return False
        try:
            return self._same_targets(old, new, set())
        except RefError:
            return False

    def _same_targets(self, old: Node, new: Node, seen: set[tuple[int, ...]]) -> bool:
        """Whether equal schemas' `$ref`s also lead to equal schemas, transitively."""
        for ref in refs_in(old.schema):
            before, after = self.refs.target(old, ref), self.refs.target(new, ref)
            key = (id(before.doc), id(before.schema), id(after.doc), id(after.schema))
            if key in seen:
                continue
            seen.add(key)
            if not json_equal(before.schema, after.schema):
                return False
            if not self._same_targets(before, after, seen):
                return False
        return True

    def includes(self, sub: Node, sup: Node) -> bool:
        """Whether every instance of `sub` is provably an instance of `sup`."""
        key = (id(sub.doc), id(sub.schema), id(sup.doc), id(sup.schema))
        cached = self._includes.get(key)
        if cached is not None and cached[1] is sub.schema and cached[2] is sup.schema:
            return cached[0]
        # Memoised even when computed under a fixpoint assumption: a recursive
        # pair is assumed included while it is being compared (see `diff`).
        result = not any(f.narrows for f in self.diff(sub, sup, At()))
        self._includes[key] = (result, sub.schema, sup.schema)
        return result

    def finding(
        self,
        kind: str,
        at: At,
        old: Node | None,
        new: Node | None,
        /,
        *,
        keyword: str | None = None,
        narrows: bool | None = None,
        widens: bool | None = None,
        probe: Probe | None = None,
        **detail: Any,
    ) -> Finding:
        effect = info(kind).effect
        return Finding(
            kind,
            at,
            old,
            new,
            bool(effect & Effect.NARROWS) if narrows is None else narrows,
            bool(effect & Effect.WIDENS) if widens is None else widens,
            keyword,
            detail,
            probe,
        )


def _as_flat(node: Node) -> Node:
    return Node(node.schema, node.doc, node.ptr, node.origins, True)


def _flattened(ctx: Ctx, node: Node) -> Node:
    schema = node.schema
    parts = conjuncts(ctx, node)
    if not parts:
        return _as_flat(node)
    merged: dict[str, JSON] = {k: v for k, v in schema.items() if k not in APPLIED}
    origins = dict.fromkeys(merged, node.ptr)
    for part in parts:
        part = ctx.flatten(part)
        if part.doc is not node.doc or _has_applied(part):
            return _as_flat(node)
        if part.schema is False:
            return Node(False, node.doc, part.ptr, None, True)
        if part.schema is True:
            continue
        combined = merge.merge(merged, part.schema)
        if combined is None:
            return _as_flat(node)
        if combined is False or combined is True:
            return Node(combined, node.doc, part.ptr, None, True)
        for keyword in combined:
            origins.setdefault(keyword, part.ptr)
        merged = combined
    return Node(merged, node.doc, node.ptr, origins, True)


# Keywords that apply other schemas to the same instance.
APPLIED = ("allOf", "$ref", "$recursiveRef")


def conjuncts(ctx: Ctx, node: Node) -> list[Node]:
    """The `allOf` branches of `node`, plus a 2019+ `$ref` beside other keywords."""
    parts = []
    if isinstance(node.get("allOf"), list):
        count = len(node.schema["allOf"])
        parts = [ctx.resolve(node.child("allOf", i)) for i in range(count)]
    ref = node.get("$ref")
    if isinstance(ref, str):
        parts.append(ctx.resolve(ctx.refs.target(node, ref)))
    return parts


def _has_applied(node: Node) -> bool:
    return isinstance(node.schema, dict) and any(k in node.schema for k in APPLIED)


def is_empty(node: Node) -> bool:
    """Provably accepts nothing (`false`, an empty enum, an empty type list...)."""
    if node.schema is False:
        return True
    if not isinstance(node.schema, dict):
        return False
    values = enum_values(node)
    if values is not None and not values:
        return True
    from eventschemas.compat.satisfiable import live_atoms

    if not live_atoms(node):
        return True
    negated = node.get("not")
    return negated is True or (isinstance(negated, dict) and not negated)


def compare_single(ctx: Ctx, old: Node, new: Node, at: At) -> list[Finding]:
    """Compare two plain schemas keyword family by keyword family."""
    from eventschemas.compat.families import FAMILIES, enums

    if is_empty(old):
        if is_empty(new):
            return []
        return [ctx.finding("FALSE_SCHEMA_REMOVED", at, old, new)]
    if is_empty(new):
        return [ctx.finding("FALSE_SCHEMA_ADDED", at, old, new)]
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(family(ctx, old, new, at))
    return enums.apply(ctx, old, new, at, findings)
