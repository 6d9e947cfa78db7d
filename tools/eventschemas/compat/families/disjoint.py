"""Proofs that two schemas share no instance (needed to pair `oneOf` branches)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from eventschemas.compat.engine import is_empty
from eventschemas.compat.families.numbers import Bound, lower, upper
from eventschemas.compat.families.sizes import declared
from eventschemas.compat.schema import Node, enum_values, type_atoms

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_Interval = tuple[float, float]


def disjoint(ctx: Ctx, a: Node, b: Node) -> bool:
    """True only when no instance is valid under both (False means unknown)."""
    from eventschemas.compat.families.combinators import alternatives

    a, b = ctx.normal(a), ctx.normal(b)
    if is_empty(a) or is_empty(b):
        return True
    for x, y in ((a, b), (b, a)):
        alts = alternatives(ctx, x)
        if alts is not None:
            return all(disjoint(ctx, alt.node, y) for alt in alts.items)
    for x, y in ((a, b), (b, a)):
        values = enum_values(x)
        if values is not None:
            return all(ctx.valid(y, v) is False for v in values)
    common = type_atoms(a) & type_atoms(b)
    return all(_ATOM_TESTS.get(atom, _unknown)(a, b) for atom in common)


def _unknown(a: Node, b: Node) -> bool:
    return False


def _sizes(low: str, high: str) -> Callable[[Node, Node], bool]:
    def test(a: Node, b: Node) -> bool:
        return _apart(_size_range(a, low, high), _size_range(b, low, high))

    return test


def _size_range(node: Node, low: str, high: str) -> _Interval:
    floor = declared(node, low) or 0
    ceiling = declared(node, high)
    return (float(floor), float("inf") if ceiling is None else float(ceiling))


def _apart(x: _Interval, y: _Interval) -> bool:
    return x[1] < y[0] or y[1] < x[0]


def _numbers(a: Node, b: Node) -> bool:
    return _below(upper(a), lower(b)) or _below(upper(b), lower(a))


def _below(high: Bound | None, low: Bound | None) -> bool:
    """Whether every number under `high` is below every number over `low`."""
    if high is None or low is None:
        return False
    if high.value != low.value:
        return high.value < low.value
    return high.exclusive or low.exclusive


def _objects(a: Node, b: Node) -> bool:
    if _sizes("minProperties", "maxProperties")(a, b):
        return True
    return _forbids_required(a, b) or _forbids_required(b, a)


def _forbids_required(a: Node, b: Node) -> bool:
    """`a` requires a property that `b` declares `false`."""
    required = a.get("required")
    props = b.get("properties")
    if not isinstance(required, list) or not isinstance(props, dict):
        return False
    return any(props.get(name) is False for name in required)


_ATOM_TESTS: dict[str, Callable[[Node, Node], bool]] = {
    "string": _sizes("minLength", "maxLength"),
    "array": _sizes("minItems", "maxItems"),
    "object": _objects,
    "integer": _numbers,
    "fraction": _numbers,
}
