"""Size bounds shared by strings, arrays and objects, driven by one table.

A row names the keyword, its kind prefix and whether it is a lower bound. The
caller passes effective values (absent = None), already tightened by anything
else it knows (a closed object cannot hold more properties than it declares).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from msgspec import Struct

from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, Node

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

Sized = Callable[[Node, int], Iterable[JSON]]


class SizeBound(Struct, frozen=True):
    keyword: str
    prefix: str
    lower: bool


STRING_BOUNDS = (
    SizeBound("minLength", "MIN_LENGTH", True),
    SizeBound("maxLength", "MAX_LENGTH", False),
)
ARRAY_BOUNDS = (
    SizeBound("minItems", "MIN_ITEMS", True),
    SizeBound("maxItems", "MAX_ITEMS", False),
)
OBJECT_BOUNDS = (
    SizeBound("minProperties", "MIN_PROPERTIES", True),
    SizeBound("maxProperties", "MAX_PROPERTIES", False),
)
CONTAINS_BOUNDS = (
    SizeBound("minContains", "MIN_CONTAINS", True),
    SizeBound("maxContains", "MAX_CONTAINS", False),
)


def declared(node: Node, keyword: str) -> int | None:
    value = node.get(keyword)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def compare_size(
    ctx: Ctx,
    at: At,
    old: Node,
    new: Node,
    row: SizeBound,
    values: tuple[int | None, int | None],
    sized: Sized,
) -> Finding | None:
    """One finding if the effective bound moved; `sized` builds probe instances."""
    before, after = values
    if row.lower:
        before, after = before or 0, after or 0
    if before == after:
        return None
    narrows = _tighter(after, before, row.lower)
    widens = _tighter(before, after, row.lower)

    def probe() -> Iterator[JSON]:
        if narrows:
            yield from sized(old, _outside(after, row.lower))
        if widens:
            yield from sized(new, _outside(before, row.lower))

    return ctx.finding(
        _kind(row, old, new, narrows),
        at,
        old,
        new,
        keyword=row.keyword,
        narrows=narrows,
        widens=widens,
        probe=probe,
        old=_show(before),
        new=_show(after),
    )


def _tighter(a: int | None, b: int | None, lower: bool) -> bool:
    if lower:
        return (a or 0) > (b or 0)
    if a is None:
        return False
    return b is None or a < b


def _outside(limit: int | None, lower: bool) -> int:
    assert limit is not None
    return limit - 1 if lower else limit + 1


def _kind(row: SizeBound, old: Node, new: Node, narrows: bool) -> str:
    if not old.has(row.keyword):
        return f"{row.prefix}_ADDED"
    if not new.has(row.keyword):
        return f"{row.prefix}_REMOVED"
    up = narrows == row.lower
    return f"{row.prefix}_{'INCREASED' if up else 'DECREASED'}"


def _show(value: int | None) -> str:
    return "none" if value is None else str(value)
