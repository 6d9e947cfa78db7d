"""The `type` keyword, compared as sets of type atoms (integer ⊂ number)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventschemas.compat import witness
from eventschemas.compat.families.numbers import admits_fractions
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import Node

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = ctx.atoms(old), ctx.atoms(new)
    if before == after:
        return
    lost, gained = before - after, after - before
    narrows = bool(lost) and not (lost == {"fraction"} and not admits_fractions(old))
    widens = bool(gained) and not (gained == {"fraction"} and not admits_fractions(new))

    def probe() -> Iterator[object]:
        yield from witness.examples(ctx, old, atoms=lost)
        yield from witness.examples(ctx, new, atoms=gained)

    yield ctx.finding(
        _kind(lost, gained, new),
        at,
        old,
        new,
        keyword="type",
        narrows=narrows,
        widens=widens,
        probe=probe,
        old=_spell(old),
        new=_spell(new),
    )


def _kind(lost: frozenset[str], gained: frozenset[str], new: Node) -> str:
    if lost and gained:
        return "TYPE_CHANGED"
    if lost:
        return "TYPE_NARROWED"
    declared = new.get("type")
    if isinstance(declared, list) and len(declared) > 1 and gained != {"fraction"}:
        return "SUM_TYPE_EXTENDED"
    return "TYPE_EXTENDED"


def _spell(node: Node) -> str:
    declared = node.get("type")
    if declared is None:
        return "any type"
    if isinstance(declared, list):
        return " or ".join(map(str, declared))
    return str(declared)
