"""Object content models: properties, patternProperties, additionalProperties.

Every property name is governed, on each side, by its `properties` entry and
the patterns it matches, else by the fallback (`additionalProperties`, or
`unevaluatedProperties` where nothing else can evaluate names), and a name
`propertyNames` rejects is governed by `false`. Named properties, sample names
of each pattern and one fresh name are compared through their governing
schemas (draft-07 §6.5.4-6.5.6).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventschemas.compat import regex, witness
from eventschemas.compat.families import members, object_rules
from eventschemas.compat.families.content import Model, governing, matches, model
from eventschemas.compat.families.members import openness
from eventschemas.compat.families.sizes import OBJECT_BOUNDS, compare_size, declared
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, Node

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_FRESH_NAMES = ("additionalProperty", "x_extra", "zz_9", "_", "0", "Ω")


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    if "object" not in ctx.atoms(old) & ctx.atoms(new):
        return
    before, after = model(old), model(new)
    yield from _properties(ctx, before, after, at)
    yield from _patterns(ctx, before, after, at)
    yield from _fallback(ctx, before, after, at)
    yield from _bounds(ctx, before, after, at)
    yield from object_rules.compare(ctx, before, after, at)


def _properties(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    plain = not (before.patterns or after.patterns or before.names or after.names)
    for name in dict.fromkeys([*before.props, *after.props]):
        if plain and ctx.unchanged(before.props.get(name), after.props.get(name)):
            continue
        sub = at.into(name, "properties", name)
        old, new = governing(ctx, before, name), governing(ctx, after, name)
        if name in before.props and name in after.props:
            yield from ctx.diff(_or_true(old, before), _or_true(new, after), sub)
        elif name in after.props:
            yield from _added(ctx, (before, after), name, sub, (old, new))
        else:
            yield from members.removed(
                ctx, "PROPERTY", sub, _or_true(old, before), new, name
            )


def _or_true(node: Node | None, m: Model) -> Node:
    return node if node is not None else members.anything(m.node.doc)


def _added(
    ctx: Ctx,
    models: tuple[Model, Model],
    name: str,
    at: At,
    governed: tuple[Node | None, Node | None],
) -> Iterator[Finding]:
    """A new property; if it is also newly required, say so in one finding."""
    (before, after), (fallback, member) = models, governed
    found = members.added(ctx, "PROPERTY", at, _or_true(member, after), fallback, name)
    if name not in after.required or name in before.required:
        yield from found
        return
    optional = [f for f in found if f.kind.startswith("OPTIONAL_PROPERTY_ADDED")]
    yield from (f for f in found if f not in optional)
    state = "UNOPEN" if openness(fallback) != "open" else "OPEN"
    yield ctx.finding(
        f"REQUIRED_PROPERTY_ADDED_TO_{state}_CONTENT_MODEL",
        At(at.path, at.ipath[:-1]),
        before.node,
        after.node,
        keyword="required",
        narrows=True,
        widens=any(f.widens for f in optional),
        probe=object_rules.dropping(name),
        name=name,
    )


def _patterns(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    for pattern in dict.fromkeys([*before.patterns, *after.patterns]):
        for name in _names_for(pattern, before, after):
            found = _pattern_member(ctx, before, after, pattern, name, at)
            if found:
                yield from found
                break


def _names_for(pattern: str, before: Model, after: Model) -> list[str]:
    """Sample names of `pattern`: first those no other pattern or property claims."""
    taken = set(before.props) | set(after.props)
    others = [p for p in (*before.patterns, *after.patterns) if p != pattern]
    names = [n for n in regex.samples(pattern) if n not in taken]
    alone = [n for n in names if not any(matches(p, n) for p in others)]
    shared = [n for n in names if n not in alone]
    return (alone[:1] + shared[:1]) or [pattern]


def _pattern_member(
    ctx: Ctx, before: Model, after: Model, pattern: str, name: str, at: At
) -> list[Finding]:
    sub = at.into(name, "patternProperties", pattern)
    old, new = governing(ctx, before, name), governing(ctx, after, name)
    if pattern in before.patterns and pattern in after.patterns:
        return ctx.diff(_or_true(old, before), _or_true(new, after), sub)
    if pattern in after.patterns:
        return members.added(
            ctx, "PATTERN_PROPERTY", sub, _or_true(new, after), old, pattern
        )
    return members.removed(
        ctx, "PATTERN_PROPERTY", sub, _or_true(old, before), new, pattern
    )


_FALLBACK_KINDS = {
    ("open", "closed"): "ADDITIONAL_PROPERTIES_REMOVED",
    ("open", "partial"): "ADDITIONAL_PROPERTIES_NARROWED",
    ("partial", "closed"): "ADDITIONAL_PROPERTIES_REMOVED",
    ("closed", "open"): "ADDITIONAL_PROPERTIES_ADDED",
    ("closed", "partial"): "ADDITIONAL_PROPERTIES_ADDED",
    ("partial", "open"): "ADDITIONAL_PROPERTIES_EXTENDED",
}


def _fallback(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    if before.opaque_fallback or after.opaque_fallback:
        yield from _opaque(ctx, before, after, at)
        return
    name = _fresh_name(before, after)
    if name is None:
        return
    keyword = after.fallback_keyword if after.fallback else before.fallback_keyword
    sub = at.into(name, keyword)
    old, new = governing(ctx, before, name), governing(ctx, after, name)
    states = (openness(old), openness(new))
    if states == ("partial", "partial"):
        assert old is not None and new is not None
        yield from ctx.diff(old, new, sub)
        return
    kind = _FALLBACK_KINDS.get(states)
    if kind is None:
        return
    local_old, local_new = _or_true(old, before), _or_true(new, after)

    def probe() -> Iterable[JSON]:
        yield from witness.outside(ctx, local_new)
        yield from witness.outside(ctx, local_old)

    yield ctx.finding(kind, sub, local_old, local_new, probe=probe, name=name)


def _fresh_name(before: Model, after: Model) -> str | None:
    taken = set(before.props) | set(after.props)
    patterns = [*before.patterns, *after.patterns]
    for name in _FRESH_NAMES:
        if name not in taken and not any(matches(p, name) for p in patterns):
            return name
    return None


def _opaque(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    old, new = (
        before.node.get("unevaluatedProperties"),
        after.node.get("unevaluatedProperties"),
    )
    if old != new:
        yield ctx.finding(
            "UNEVALUATED_PROPERTIES_CHANGED",
            at.key("unevaluatedProperties"),
            before.node,
            after.node,
        )


def _bounds(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    def sized(node: Node, count: int) -> Iterable[JSON]:
        override = {**node.schema, "minProperties": count, "maxProperties": count}
        return witness.examples(ctx, node.replace(override), atoms={"object"})

    low, high = OBJECT_BOUNDS
    both = set(before.required) & set(after.required)
    lows = (_min_count(before, both), _min_count(after, both))
    declares = before.node.has("maxProperties") or after.node.has("maxProperties")
    highs = (_max_count(before, declares), _max_count(after, declares))
    for row, values in ((low, lows), (high, highs)):
        found = compare_size(ctx, at, before.node, after.node, row, values, sized)
        if found is not None:
            yield found


def _min_count(m: Model, required: set[str]) -> int | None:
    """`minProperties`, raised by the names both sides require."""
    declared_min = declared(m.node, "minProperties")
    if not required:
        return declared_min
    return max(declared_min or 0, len(required))


def _max_count(m: Model, declares: bool) -> int | None:
    """`maxProperties`, lowered to what a closed model can hold at all."""
    declared_max = declared(m.node, "maxProperties")
    if not declares or not m.closed:
        return declared_max
    capacity = sum(1 for p in m.props.values() if p is not False)
    return capacity if declared_max is None else min(declared_max, capacity)
