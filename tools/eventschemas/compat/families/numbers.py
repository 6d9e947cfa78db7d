"""Numeric keywords: bounds (inclusive, exclusive, draft-04 booleans), multipleOf.

Bounds are compared as exact rationals. When both sides accept integers only,
bounds are first rounded to the integers they admit, so `minimum: 0.5` and
`minimum: 1` are the same constraint on an integer.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

from msgspec import Struct

from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, NUMBER_ATOMS, Node, to_fraction

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx


class Bound(Struct, frozen=True):
    value: Fraction
    exclusive: bool
    keyword: str


class _Side(Struct, frozen=True):
    """Which bound: the lower one is tighter when larger, the upper when smaller."""

    inclusive: str
    exclusive: str
    sign: int  # +1 lower, -1 upper
    prefix: str


_LOWER = _Side("minimum", "exclusiveMinimum", 1, "MINIMUM")
_UPPER = _Side("maximum", "exclusiveMaximum", -1, "MAXIMUM")


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    common = ctx.atoms(old) & ctx.atoms(new) & NUMBER_ATOMS
    if not common:
        return
    integral = common == {"integer"}
    for side in (_LOWER, _UPPER):
        found = _compare_bound(ctx, old, new, at, side, integral)
        if found is not None:
            yield found
    found = _compare_multiple_of(ctx, old, new, at, integral)
    if found is not None:
        yield found


def bound(node: Node, side: _Side, integral: bool = False) -> Bound | None:
    """The tightest bound on `side`, rounded to integers when `integral`."""
    found: list[Bound] = []
    plain, flag = to_fraction(node.get(side.inclusive)), node.get(side.exclusive)
    if plain is not None:
        keyword = side.exclusive if flag is True else side.inclusive
        found.append(Bound(plain, flag is True, keyword))
    strict = to_fraction(flag)
    if strict is not None:
        found.append(Bound(strict, True, side.exclusive))
    if not found:
        return None
    best = max(found, key=lambda b: (side.sign * b.value, b.exclusive))
    return _rounded(best, side) if integral else best


def lower(node: Node, integral: bool = False) -> Bound | None:
    return bound(node, _LOWER, integral)


def upper(node: Node, integral: bool = False) -> Bound | None:
    return bound(node, _UPPER, integral)


def _rounded(b: Bound, side: _Side) -> Bound:
    if side.sign > 0:
        value = math.floor(b.value) + 1 if b.exclusive else math.ceil(b.value)
    else:
        value = math.ceil(b.value) - 1 if b.exclusive else math.floor(b.value)
    return Bound(Fraction(value), False, b.keyword)


def _tighter(a: Bound | None, b: Bound | None, side: _Side) -> bool:
    """Whether `a` excludes some value that `b` admits."""
    if a is None:
        return False
    if b is None:
        return True
    if a.value != b.value:
        return side.sign * a.value > side.sign * b.value
    return a.exclusive and not b.exclusive


def _compare_bound(
    ctx: Ctx, old: Node, new: Node, at: At, side: _Side, integral: bool
) -> Finding | None:
    before, after = bound(old, side, integral), bound(new, side, integral)
    narrows, widens = _tighter(after, before, side), _tighter(before, after, side)
    if not narrows and not widens:
        return None
    kind = _bound_kind(before, after, side, narrows)
    keyword = (
        after.keyword if after is not None else (before.keyword if before else None)
    )

    def probe() -> Iterator[JSON]:
        for b in (after, before):
            if b is not None:
                yield from _near(b, side)

    return ctx.finding(
        kind,
        at,
        old,
        new,
        keyword=keyword,
        narrows=narrows,
        widens=widens,
        probe=probe,
        old=_show(before),
        new=_show(after),
    )


def _bound_kind(
    before: Bound | None, after: Bound | None, side: _Side, narrows: bool
) -> str:
    if before is None and after is not None:
        return f"{_prefix(after, side)}_ADDED"
    if after is None and before is not None:
        return f"{_prefix(before, side)}_REMOVED"
    assert after is not None
    tighter = "INCREASED" if side.sign > 0 else "DECREASED"
    looser = "DECREASED" if side.sign > 0 else "INCREASED"
    return f"{_prefix(after, side)}_{tighter if narrows else looser}"


def _prefix(b: Bound, side: _Side) -> str:
    return f"EXCLUSIVE_{side.prefix}" if b.exclusive else side.prefix


def _near(b: Bound, side: _Side) -> Iterator[JSON]:
    """Numbers just outside and at a bound, integers first."""
    outward = -side.sign
    for delta in (0, 1, Fraction(1, 2), Fraction(1, 1000)):
        yield _number(b.value + outward * delta)


def _number(value: Fraction) -> JSON:
    return int(value) if value.denominator == 1 else float(value)


def _show(b: Bound | None) -> str:
    if b is None:
        return "none"
    return f"{'exclusive ' if b.exclusive else ''}{_number(b.value)}"


def multiple_of(node: Node, integral: bool) -> Fraction | None:
    """The effective step: for integers, k·p/q is whole iff q | k, so it is p."""
    step = to_fraction(node.get("multipleOf"))
    if not integral:
        return step
    return Fraction(step.numerator) if step is not None else Fraction(1)


def _compare_multiple_of(
    ctx: Ctx, old: Node, new: Node, at: At, integral: bool
) -> Finding | None:
    before, after = multiple_of(old, integral), multiple_of(new, integral)
    narrows = _coarser(after, before)
    widens = _coarser(before, after)
    if not narrows and not widens:
        return None

    def probe() -> Iterator[JSON]:
        for step in (before, after):
            base = step if step is not None else Fraction(1, 2)
            yield from (_number(base * k) for k in (1, 2, 3, -1))

    return ctx.finding(
        _multiple_kind(old, new, narrows, widens),
        at,
        old,
        new,
        keyword="multipleOf",
        narrows=narrows,
        widens=widens,
        probe=probe,
        old=old.get("multipleOf"),
        new=new.get("multipleOf"),
    )


def _coarser(a: Fraction | None, b: Fraction | None) -> bool:
    """Whether stepping by `a` rejects some value that stepping by `b` admits."""
    if a is None:
        return False
    if b is None:
        return True
    return (b / a).denominator != 1


def _multiple_kind(old: Node, new: Node, narrows: bool, widens: bool) -> str:
    if not old.has("multipleOf"):
        return "MULTIPLE_OF_ADDED"
    if not new.has("multipleOf"):
        return "MULTIPLE_OF_REMOVED"
    if narrows and widens:
        return "MULTIPLE_OF_CHANGED"
    return "MULTIPLE_OF_EXPANDED" if narrows else "MULTIPLE_OF_REDUCED"


def admits_fractions(node: Node) -> bool:
    """Whether the schema's numbers include a non-integer."""
    step = to_fraction(node.get("multipleOf"))
    if step is not None and step.denominator == 1:
        return False
    low, high = lower(node), upper(node)
    if low is None or high is None or low.exclusive or high.exclusive:
        return True
    if low.value == high.value:
        return low.value.denominator != 1
    return low.value < high.value
