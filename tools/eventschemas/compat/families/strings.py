"""String keywords: length bounds, `pattern` and `format`.

Two different patterns are a change in both directions unless proven
otherwise; sample strings of each pattern are tried against the other, and a
separating sample both proves the break and becomes the counterexample. The
only inclusions proven are equality and a new pattern that matches everything.
`format` counts only where the dialect asserts it and the validator knows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventschemas.compat import regex, witness
from eventschemas.compat.families.sizes import STRING_BOUNDS, compare_size, declared
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import JSON, Node

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_MATCH_ALL = frozenset({"", ".*", "^.*", ".*$", "^", "$"})
_PLAIN_STRINGS = ("", "a", "0", " ", "-", "A_1", "x" * 12)


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    if "string" not in ctx.atoms(old) & ctx.atoms(new):
        return

    def sized(node: Node, length: int) -> Iterable[JSON]:
        override = {**node.schema, "minLength": length, "maxLength": length}
        return witness.examples(ctx, node.replace(override), atoms={"string"})

    for row in STRING_BOUNDS:
        values = (declared(old, row.keyword), declared(new, row.keyword))
        found = compare_size(ctx, at, old, new, row, values, sized)
        if found is not None:
            yield found
    yield from _pattern(ctx, old, new, at)
    yield from _format(ctx, old, new, at)


def _pattern(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = _pattern_of(old), _pattern_of(new)
    if before == after:
        return
    old_only = _separating(before, after)
    new_only = _separating(after, before)
    narrows = bool(old_only) or not _implies(before, after)
    widens = bool(new_only) or not _implies(after, before)
    if not narrows and not widens:
        return

    def probe() -> Iterator[JSON]:
        yield from old_only
        yield from new_only

    kind = "PATTERN_ADDED" if before is None else "PATTERN_CHANGED"
    if after is None:
        kind = "PATTERN_REMOVED"
    yield ctx.finding(
        kind,
        at,
        old,
        new,
        keyword="pattern",
        narrows=narrows,
        widens=widens,
        probe=probe,
        old=before,
        new=after,
        unproven=(narrows and not old_only) or (widens and not new_only),
    )


def _pattern_of(node: Node) -> str | None:
    value = node.get("pattern")
    if not isinstance(value, str) or value in _MATCH_ALL:
        return None
    return value


def _implies(a: str | None, b: str | None) -> bool:
    """A proof that every string matching `a` matches `b` (None matches all)."""
    return b is None or a == b


def _matches(pattern: str | None, text: str) -> bool:
    return pattern is None or regex.safe_search(pattern, text)


def _separating(a: str | None, b: str | None) -> list[str]:
    """Strings matching `a` but not `b`."""
    pool = list(_PLAIN_STRINGS) if a is None else list(regex.samples(a))
    return [s for s in pool if _matches(a, s) and not _matches(b, s)]


def _format(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = _asserted_format(ctx, old), _asserted_format(ctx, new)
    if before == after:
        return
    kind = "FORMAT_CHANGED"
    if before is None:
        kind = "FORMAT_ADDED"
    elif after is None:
        kind = "FORMAT_REMOVED"

    def probe() -> Iterator[JSON]:
        for name in (before, after):
            if name is not None:
                yield from witness.format_examples(name)
        yield from _PLAIN_STRINGS

    yield ctx.finding(
        kind,
        at,
        old,
        new,
        keyword="format",
        narrows=after is not None,
        widens=before is not None,
        probe=probe,
        old=before,
        new=after,
    )


def _asserted_format(ctx: Ctx, node: Node) -> str | None:
    name = node.get("format")
    if node.doc.dialect.asserts_format and ctx.format_known(node, name):
        return str(name)
    return None
