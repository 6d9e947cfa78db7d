"""`enum` and `const`: exact reasoning by validating each listed value.

A side with an enum accepts a finite set, so inclusion in the other side is
decided by validating every value there. That verdict masks the structural
findings in that direction: an `integer` type narrowed under `enum: [1, 2]`
breaks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventschemas.compat import witness
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, Node, enum_values, json_equal, type_atoms

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_FINITE_ATOMS: dict[str, list[JSON]] = {"null": [None], "boolean": [False, True]}


def apply(
    ctx: Ctx, old: Node, new: Node, at: At, findings: list[Finding]
) -> list[Finding]:
    listed_old, listed_new = enum_values(old), enum_values(new)
    if listed_old is None and listed_new is None:
        return findings
    old_values = _finite(ctx, old, listed_old)
    new_values = _finite(ctx, new, listed_new)
    lost = _escaping(ctx, old_values, new)
    gained = _escaping(ctx, new_values, old)
    for f in findings:
        f.narrows = f.narrows and (lost is None or bool(lost))
        f.widens = f.widens and (gained is None or bool(gained))
    extra = list(
        _enum_finding(ctx, old, new, at, (listed_old, listed_new), (lost, gained))
    )
    if extra and (
        listed_old is None
        or listed_new is None
        or not same_values(listed_old, listed_new)
    ):
        return [*findings, *extra]
    for f in extra:  # same enum: report only effects nothing else explains
        f.narrows = f.narrows and not any(g.narrows for g in findings)
        f.widens = f.widens and not any(g.widens for g in findings)
    return [*findings, *(f for f in extra if f.narrows or f.widens)]


def _finite(ctx: Ctx, node: Node, listed: list[JSON] | None) -> list[JSON] | None:
    """The values the side accepts, when it is a finite set we can list."""
    if listed is None:
        atoms = type_atoms(node)
        if not atoms <= _FINITE_ATOMS.keys():
            return None
        listed = [v for atom in sorted(atoms) for v in _FINITE_ATOMS[atom]]
    return [v for v in listed if ctx.valid(node, v) is not False]


def _escaping(ctx: Ctx, values: list[JSON] | None, other: Node) -> list[JSON] | None:
    """Values not accepted by `other` (unknown verdicts count as escaping)."""
    if values is None:
        return None
    return [v for v in values if ctx.valid(other, v) is not True]


def _enum_finding(
    ctx: Ctx,
    old: Node,
    new: Node,
    at: At,
    listed: tuple[list[JSON] | None, list[JSON] | None],
    escaped: tuple[list[JSON] | None, list[JSON] | None],
) -> Iterator[Finding]:
    listed_old, listed_new = listed
    lost, gained = escaped
    narrows = bool(lost) if lost is not None else listed_new is not None
    widens = bool(gained) if gained is not None else listed_old is not None
    if not narrows and not widens:
        return
    keyword = "const" if new.has("const") or old.has("const") else "enum"

    def probe() -> Iterator[JSON]:
        yield from lost or ()
        yield from gained or ()
        if lost is None:
            yield from witness.examples(ctx, old)

    yield ctx.finding(
        _kind(listed_old, listed_new, narrows, widens),
        at,
        old,
        new,
        keyword=keyword,
        narrows=narrows,
        widens=widens,
        probe=probe,
        name=_show(lost if narrows else gained),
        old=_show(lost),
        new=_show(gained),
    )


def _kind(
    listed_old: list[JSON] | None,
    listed_new: list[JSON] | None,
    narrows: bool,
    widens: bool,
) -> str:
    if listed_old is None:
        return "ENUM_ARRAY_ADDED" if narrows else "ENUM_ARRAY_EXTENDED"
    if listed_new is None:
        return "ENUM_ARRAY_REMOVED" if widens else "ENUM_ARRAY_NARROWED"
    if narrows and widens:
        return "ENUM_ARRAY_CHANGED"
    return "ENUM_ARRAY_NARROWED" if narrows else "ENUM_ARRAY_EXTENDED"


def _show(values: list[JSON] | None) -> str:
    if not values:
        return "[]"
    return ", ".join(repr(v) for v in values[:5]) + (" ..." if len(values) > 5 else "")


def same_values(a: list[JSON], b: list[JSON]) -> bool:
    return all(any(json_equal(x, y) for y in b) for x in a) and all(
        any(json_equal(x, y) for y in a) for x in b
    )
