"""Array keywords: tuple positions, the rest schema, counts, uniqueness, contains.

Draft-07 spells a tuple `items: [...]` with `additionalItems` for the rest, and
ignores `additionalItems` when `items` is a single schema or absent (draft-07
§6.4.2). 2020-12 spells the tuple `prefixItems` and the rest `items`. Both are
read into one view: a list of position schemas and a rest schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from msgspec import Struct, field

from eventschemas.compat import witness
from eventschemas.compat.families import members
from eventschemas.compat.families.members import openness
from eventschemas.compat.families.sizes import (
    ARRAY_BOUNDS,
    CONTAINS_BOUNDS,
    compare_size,
    declared,
)
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, Node, is_trivial

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_APPLICATORS = ("allOf", "anyOf", "oneOf", "not", "if", "$ref")


class Tuple(Struct, dict=True):
    node: Node
    prefix: list[Node] = field(default_factory=list)
    prefix_keyword: str = "items"
    rest: Node | None = None
    rest_keyword: str = "items"
    plain_items: bool = True

    @property
    def closed(self) -> bool:
        return openness(self.rest) == "closed"


def tuple_view(node: Node) -> Tuple:
    view = Tuple(node)
    items = node.get("items")
    if isinstance(node.get("prefixItems"), list):
        view.prefix_keyword = "prefixItems"
        view.prefix = _children(node, "prefixItems")
        view.rest, view.plain_items = node.maybe("items"), False
    elif isinstance(items, list):
        view.prefix = _children(node, "items")
        view.rest, view.rest_keyword = node.maybe("additionalItems"), "additionalItems"
        view.plain_items = False
    else:
        view.rest = node.maybe("items")
    opaque = any(node.has(k) for k in _APPLICATORS)
    if view.rest is None and node.has("unevaluatedItems") and not opaque:
        view.rest = node.child("unevaluatedItems")
        view.rest_keyword = "unevaluatedItems"
    return view


def _children(node: Node, keyword: str) -> list[Node]:
    return [node.child(keyword, i) for i in range(len(node.schema[keyword]))]


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    if "array" not in ctx.atoms(old) & ctx.atoms(new):
        return
    before, after = tuple_view(old), tuple_view(new)
    limits = (declared(old, "maxItems"), declared(new, "maxItems"))
    positions = max(len(before.prefix), len(after.prefix))
    for index in range(positions):
        found = _position(ctx, before, after, index, at)
        yield from _masked(found, limits, index)
    yield from _masked(_rest(ctx, before, after, positions, at), limits, positions)
    yield from _bounds(ctx, before, after, at)
    yield from _unique(ctx, old, new, at, limits)
    yield from _contains(ctx, before, after, at)


def _masked(
    found: list[Finding], limits: tuple[int | None, int | None], index: int
) -> list[Finding]:
    """Drop effects at an index that arrays on one side can never reach."""
    old_max, new_max = limits
    for f in found:
        f.narrows = f.narrows and (old_max is None or old_max > index)
        f.widens = f.widens and (new_max is None or new_max > index)
    return found


def _position(
    ctx: Ctx, before: Tuple, after: Tuple, index: int, at: At
) -> list[Finding]:
    label = str(index)
    if index < len(before.prefix) and index < len(after.prefix):
        sub = at.into(index, after.prefix_keyword, index)
        return ctx.diff(before.prefix[index], after.prefix[index], sub)
    if index < len(after.prefix):
        sub = at.into(index, after.prefix_keyword, index)
        return members.added(ctx, "ITEM", sub, after.prefix[index], before.rest, label)
    sub = at.into(index, before.prefix_keyword, index)
    return members.removed(ctx, "ITEM", sub, before.prefix[index], after.rest, label)


_REST_KINDS = {
    ("open", "closed"): "ADDITIONAL_ITEMS_REMOVED",
    ("partial", "closed"): "ADDITIONAL_ITEMS_REMOVED",
    ("closed", "open"): "ADDITIONAL_ITEMS_ADDED",
    ("closed", "partial"): "ADDITIONAL_ITEMS_ADDED",
    ("open", "partial"): "ADDITIONAL_ITEMS_NARROWED",
    ("partial", "open"): "ADDITIONAL_ITEMS_EXTENDED",
}
_PLAIN_REST_KINDS = {
    ("open", "partial"): "SCHEMA_ADDED",
    ("partial", "open"): "SCHEMA_REMOVED",
}


def _rest(ctx: Ctx, before: Tuple, after: Tuple, index: int, at: At) -> list[Finding]:
    keyword = after.rest_keyword if after.rest is not None else before.rest_keyword
    sub = at.into(index, keyword)
    states = (openness(before.rest), openness(after.rest))
    if states == ("partial", "partial"):
        assert before.rest is not None and after.rest is not None
        return ctx.diff(before.rest, after.rest, sub)
    plain = before.plain_items and after.plain_items
    kind = (_PLAIN_REST_KINDS.get(states) if plain else None) or _REST_KINDS.get(states)
    if kind is None:
        return []
    old = before.rest or members.anything(before.node.doc)
    new = after.rest or members.anything(after.node.doc)

    def probe() -> Iterable[JSON]:
        yield from witness.outside(ctx, new)
        yield from witness.outside(ctx, old)

    return [ctx.finding(kind, sub, old, new, probe=probe)]


def _bounds(ctx: Ctx, before: Tuple, after: Tuple, at: At) -> Iterator[Finding]:
    def sized(node: Node, count: int) -> Iterable[JSON]:
        override = {**node.schema, "minItems": count, "maxItems": count}
        return witness.examples(ctx, node.replace(override), atoms={"array"})

    low, high = ARRAY_BOUNDS
    declares = before.node.has("maxItems") or after.node.has("maxItems")
    lows = (_min_count(before), _min_count(after))
    highs = (_max_count(before, declares), _max_count(after, declares))
    for row, values in ((low, lows), (high, highs)):
        found = compare_size(ctx, at, before.node, after.node, row, values, sized)
        if found is not None:
            yield found


def _min_count(view: Tuple) -> int | None:
    """`minItems`, raised by what `contains`/`minContains` already demand."""
    declared_min = declared(view.node, "minItems")
    if not view.node.has("contains"):
        return declared_min
    needed = declared(view.node, "minContains")
    needed = 1 if needed is None else needed
    return max(declared_min or 0, needed)


def _max_count(view: Tuple, declares: bool) -> int | None:
    declared_max = declared(view.node, "maxItems")
    if not declares or not view.closed:
        return declared_max
    capacity = len(view.prefix)
    return capacity if declared_max is None else min(declared_max, capacity)


def _unique(
    ctx: Ctx, old: Node, new: Node, at: At, limits: tuple[int | None, int | None]
) -> Iterator[Finding]:
    before, after = old.get("uniqueItems") is True, new.get("uniqueItems") is True
    if before == after:
        return
    source = old if after else new

    def probe() -> Iterator[JSON]:
        view = tuple_view(source)
        first = view.prefix[0] if view.prefix else view.rest
        for array in witness.examples(ctx, source, atoms={"array"}):
            if isinstance(array, list) and array:
                yield [array[0], *array]
        for value in witness.examples(ctx, first or members.anything(source.doc)):
            yield [value, value]

    old_max, new_max = limits
    yield ctx.finding(
        "UNIQUE_ITEMS_ADDED" if after else "UNIQUE_ITEMS_REMOVED",
        at,
        old,
        new,
        keyword="uniqueItems",
        narrows=after and (old_max is None or old_max > 1),
        widens=before and (new_max is None or new_max > 1),
        probe=probe,
    )


def _contains(ctx: Ctx, before: Tuple, after: Tuple, at: At) -> Iterator[Finding]:
    old, new = before.node.maybe("contains"), after.node.maybe("contains")
    if old is None and new is None:
        return
    sub = at.key("contains")
    if old is not None and new is not None:
        yield from ctx.diff(old, new, at.into(0, "contains"))
        yield from _contains_counts(ctx, before, after, at)
        return
    present = new if new is not None else old
    assert present is not None

    def probe() -> Iterator[JSON]:
        yield []
        yield from ([v] for v in witness.outside(ctx, present))

    narrows = new is not None and not is_trivial(new)
    widens = old is not None and not _guaranteed(ctx, after, old, before.node)
    kind = "CONTAINS_ADDED" if new is not None else "CONTAINS_REMOVED"
    yield ctx.finding(
        kind,
        sub,
        before.node,
        after.node,
        keyword="contains",
        narrows=narrows,
        widens=widens,
        probe=probe,
    )


def _guaranteed(ctx: Ctx, view: Tuple, contains: Node, old: Node) -> bool:
    """Whether every array of `view` holds enough items matching `contains`."""
    if old.has("maxContains"):
        return False
    needed = declared(old, "minContains")
    needed = 1 if needed is None else needed
    length = declared(view.node, "minItems") or 0
    sure = sum(
        1 for i, item in enumerate(view.prefix[:length]) if ctx.includes(item, contains)
    )
    return sure >= needed


def _contains_counts(
    ctx: Ctx, before: Tuple, after: Tuple, at: At
) -> Iterator[Finding]:
    def sized(node: Node, count: int) -> Iterable[JSON]:
        contains = node.get("contains")
        matching = list(witness.examples(ctx, node.child("contains")))[:1]
        if contains is not None and matching:
            yield matching * count

    for row in CONTAINS_BOUNDS:
        default = 1 if row.lower else None
        values = (
            _or(declared(before.node, row.keyword), default),
            _or(declared(after.node, row.keyword), default),
        )
        found = compare_size(ctx, at, before.node, after.node, row, values, sized)
        if found is not None:
            yield found


def _or(value: int | None, default: int | None) -> int | None:
    return default if value is None else value
