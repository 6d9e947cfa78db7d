"""Members of a content model (properties, pattern properties, tuple items).

When a member appears or disappears, the values at that place move from or to
the side's fallback schema (`additionalProperties`, `additionalItems`...). The
fallback is open (accepts anything), closed (`false`) or partial (a schema);
the kind follows Confluent's content-model vocabulary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from eventschemas.compat import witness
from eventschemas.compat.catalogue import CATALOGUE, CONFLUENT_NAMES
from eventschemas.compat.engine import is_empty
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import Doc, Node, is_trivial

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

Openness = Literal["open", "closed", "partial"]


def openness(node: Node | None) -> Openness:
    if node is None or is_trivial(node):
        return "open"
    if is_empty(node):
        return "closed"
    return "partial"


def anything(doc: Doc) -> Node:
    """The implicit `true` of an absent fallback keyword."""
    return Node(True, doc, "")


def kind(noun: str, suffix: str) -> str:
    name = f"{noun}_{suffix}"
    name = CONFLUENT_NAMES.get(name, name)
    assert name in CATALOGUE, name
    return name


def added(
    ctx: Ctx, noun: str, at: At, member: Node, fallback: Node | None, label: str
) -> list[Finding]:
    """`member` now governs values the old `fallback` governed."""
    before = fallback if fallback is not None else anything(member.doc)
    state = openness(fallback)
    if state == "closed":
        widens = not is_empty(member)
        suffix = "ADDED_TO_CLOSED_CONTENT_MODEL"
        return [_member(ctx, noun, suffix, at, before, member, label, False, widens)]
    if state == "open":
        if is_trivial(member):
            suffix = "WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"
            return [_member(ctx, noun, suffix, at, before, member, label, False, False)]
        suffix = "ADDED_TO_OPEN_CONTENT_MODEL"
        found = _member(ctx, noun, suffix, at, before, member, label, True, False)
        found.probe = lambda: witness.outside(ctx, member)
        return [found]
    return _partially_open(ctx, noun, "ADDED", at, before, member, label)


def removed(
    ctx: Ctx, noun: str, at: At, member: Node, fallback: Node | None, label: str
) -> list[Finding]:
    """Values `member` governed now fall to the new `fallback`."""
    after = fallback if fallback is not None else anything(member.doc)
    state = openness(fallback)
    if state == "closed":
        if is_empty(member):
            suffix = "WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"
            return [_member(ctx, noun, suffix, at, member, after, label, False, False)]
        suffix = "REMOVED_FROM_CLOSED_CONTENT_MODEL"
        found = _member(ctx, noun, suffix, at, member, after, label, True, False)
        found.probe = lambda: witness.examples(ctx, member)
        return [found]
    if state == "open":
        widens = not is_trivial(member)
        suffix = "REMOVED_FROM_OPEN_CONTENT_MODEL"
        found = _member(ctx, noun, suffix, at, member, after, label, False, widens)
        found.probe = lambda: witness.outside(ctx, member)
        return [found]
    return _partially_open(ctx, noun, "REMOVED", at, member, after, label)


def _partially_open(
    ctx: Ctx, noun: str, change: str, at: At, old: Node, new: Node, label: str
) -> list[Finding]:
    """A member added or removed where its name falls back to a schema that is
    neither `true` nor `false`: whether that breaks depends on how the member's
    schema and the fallback differ."""
    nested = ctx.diff(old, new, at)
    covered = not any(f.narrows for f in nested)
    coverage = "IS_COVERED_BY" if covered else "NOT_COVERED_BY"
    suffix = f"{change}_{coverage}_PARTIALLY_OPEN_CONTENT_MODEL"
    summary = _member(ctx, noun, suffix, at, old, new, label, not covered, False)
    summary.hints = nested
    return [*nested, summary]


def _member(
    ctx: Ctx,
    noun: str,
    suffix: str,
    at: At,
    old: Node,
    new: Node,
    label: str,
    narrows: bool,
    widens: bool,
) -> Finding:
    return ctx.finding(
        kind(noun, suffix), at, old, new, narrows=narrows, widens=widens, name=label
    )
