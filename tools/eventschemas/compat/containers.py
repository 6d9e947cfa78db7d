"""Generating objects and arrays: required members first, then counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventschemas.compat import witness
from eventschemas.compat.families.arrays import tuple_view
from eventschemas.compat.families.content import Model, governing, model
from eventschemas.compat.families.object_rules import dependent_required
from eventschemas.compat.families.sizes import declared
from eventschemas.compat.schema import JSON, Node, json_equal

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_MISSING = object()
_EXTRA_NAMES = ("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7")


def member(ctx: Ctx, node: Node | None, depth: int) -> JSON:
    """One valid value for a member schema (any value when unconstrained)."""
    if node is None:
        return "x"
    found = witness.valid(ctx, node, limit=1, depth=depth + 1)
    return found[0] if found else _MISSING


def objects(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    m = model(node)
    base: dict[str, JSON] = {}
    wanted = list(m.required)
    _, dependencies = dependent_required(node)
    while wanted:
        name = wanted.pop(0)
        if name in base:
            continue
        value = member(ctx, governing(ctx, m, name), depth)
        if value is not _MISSING:
            base[name] = value
            wanted += dependencies.get(name, [])
    _fill_to_minimum(ctx, node, m, base, depth)
    yield base
    full = dict(base)
    for name in m.props:
        if name not in full:
            value = member(ctx, governing(ctx, m, name), depth)
            if value is not _MISSING:
                full[name] = value
    if full != base:
        yield full


def _fill_to_minimum(
    ctx: Ctx, node: Node, m: Model, base: dict[str, JSON], depth: int
) -> None:
    needed = (declared(node, "minProperties") or 0) - len(base)
    for name in [*m.props, *_EXTRA_NAMES]:
        if needed <= 0:
            return
        if name in base:
            continue
        value = member(ctx, governing(ctx, m, name), depth)
        if value is not _MISSING:
            base[name] = value
            needed -= 1


def arrays(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    view = tuple_view(node)
    length = declared(node, "minItems") or 0
    unique = node.get("uniqueItems") is True
    items: list[JSON] = []
    for index in range(length):
        schema = view.prefix[index] if index < len(view.prefix) else view.rest
        items.append(_item(ctx, schema, items if unique else [], depth))
    if any(i is _MISSING for i in items):
        return
    contains = node.maybe("contains")
    if contains is not None:
        matching = member(ctx, contains, depth)
        count = declared(node, "minContains")
        extra = [matching] * (1 if count is None else max(count, 1))
        if matching is not _MISSING:
            yield [*extra, *items[len(extra) :]]
            yield [*items, *extra]
        return
    yield items


def _item(ctx: Ctx, schema: Node | None, taken: list[JSON], depth: int) -> JSON:
    if schema is None:
        candidates = ["x", 0, 1, None, True, False, "y"]
    else:
        candidates = witness.valid(ctx, schema, limit=6, depth=depth + 1)
    for candidate in candidates:
        if not any(json_equal(candidate, t) for t in taken):
            return candidate
    return _MISSING
