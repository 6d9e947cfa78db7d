"""Combinators: `anyOf`/`oneOf` alternatives, leftover `allOf`, `not`, `if`.

A schema with one `anyOf`/`oneOf` is read as a union of alternatives, each its
branch merged with the schema's own keywords. Two unions compare by pairing:
every old alternative must fit inside some new one (and, for a new `oneOf`, be
disjoint from the other new branches); the reverse pairing decides FORWARD.
A plain schema is a union of one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec import Struct

from eventschemas.compat import merge, witness
from eventschemas.compat.engine import APPLIED, compare_single, conjuncts
from eventschemas.compat.families.disjoint import disjoint
from eventschemas.compat.families.members import anything
from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import Node, is_trivial, json_equal, type_atoms

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_SUMS = ("anyOf", "oneOf")


class Alt(Struct, frozen=True):
    node: Node
    path: tuple[str, ...]


class Alts(Struct, frozen=True):
    items: tuple[Alt, ...]
    exclusive: bool


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> list[Finding]:
    olds, news = alternatives(ctx, old), alternatives(ctx, new)
    if olds is None and news is None:
        return compare_single(ctx, old, new, at)
    olds = olds or Alts((Alt(old, ()),), False)
    news = news or Alts((Alt(new, ()),), False)
    return compare_sums(ctx, (old, new), (olds, news), at)


def alternatives(ctx: Ctx, node: Node) -> Alts | None:
    """The union `node` stands for, or None when it is not a plain union."""
    if not node.is_dict:
        return None
    keys = [k for k in _SUMS if isinstance(node.get(k), list)]
    if len(keys) != 1 or any(node.has(k) for k in APPLIED):
        return None
    return ctx.memo("alts", node, lambda: _distribute(ctx, node, keys[0]))


def _distribute(ctx: Ctx, node: Node, keyword: str) -> Alts | None:
    base = {k: v for k, v in node.schema.items() if k != keyword}
    plain = is_trivial(node.replace(base))
    items = []
    for index in range(len(node.schema[keyword])):
        branch = ctx.normal(node.child(keyword, index))
        alt = branch if plain else _merged(node, base, branch)
        if alt is None:
            return None
        items.append(Alt(alt, (keyword, str(index))))
    return Alts(tuple(items), keyword == "oneOf")


def _merged(node: Node, base: dict[str, object], branch: Node) -> Node | None:
    if branch.schema is False:
        return branch
    if branch.doc is not node.doc:
        return None
    schema = branch.schema if isinstance(branch.schema, dict) else {}
    if any(k in schema for k in APPLIED):
        return None
    combined = merge.merge(base, schema)
    if combined is None:
        return None
    if isinstance(combined, bool):
        return Node(combined, node.doc, branch.ptr, None, True)
    origins = {**dict.fromkeys(base, node.ptr), **dict.fromkeys(schema, branch.ptr)}
    return Node(combined, node.doc, branch.ptr, origins, True)


def compare_sums(
    ctx: Ctx, wholes: tuple[Node, Node], sums: tuple[Alts, Alts], at: At
) -> list[Finding]:
    (old, new), (olds, news) = wholes, sums
    lost = [a for a in olds.items if not _covered(ctx, a.node, news)]
    gained = [b for b in news.items if not _covered(ctx, b.node, olds)]
    changed = bool(lost) and bool(gained)
    findings = []
    for alt in lost:
        kind = "COMBINED_TYPE_SUBSCHEMAS_CHANGED" if changed else "SUM_TYPE_NARROWED"
        findings.append(_unmatched(ctx, kind, at, alt, new, news, narrowing=True))
    for alt in gained:
        kind = "COMBINED_TYPE_SUBSCHEMAS_CHANGED" if changed else "SUM_TYPE_EXTENDED"
        findings.append(_unmatched(ctx, kind, at, alt, old, olds, narrowing=False))
    return findings


def _covered(ctx: Ctx, node: Node, sums: Alts) -> bool:
    for candidate in sums.items:
        if not ctx.includes(node, candidate.node):
            continue
        others = (o.node for o in sums.items if o is not candidate)
        if not sums.exclusive or all(disjoint(ctx, node, o) for o in others):
            return True
    return False


def _unmatched(
    ctx: Ctx, kind: str, at: At, alt: Alt, whole: Node, other: Alts, narrowing: bool
) -> Finding:
    sub = at.key(*alt.path)
    partner = _closest(alt.node, other)
    old, new = (alt.node, whole) if narrowing else (whole, alt.node)
    label = "#/" + "/".join(alt.path) if alt.path else "the schema"
    found = ctx.finding(
        kind,
        sub,
        old,
        new,
        narrows=narrowing,
        widens=not narrowing,
        name=label,
        probe=lambda: witness.examples(ctx, alt.node),
    )
    pair = (alt.node, partner) if narrowing else (partner, alt.node)
    nested = ctx.diff(*pair, sub)
    found.hints = [f for f in nested if (f.narrows if narrowing else f.widens)]
    return found


def _closest(node: Node, sums: Alts) -> Node:
    atoms = type_atoms(node)
    for candidate in sums.items:
        if atoms & type_atoms(candidate.node):
            return candidate.node
    return sums.items[0].node


def compare_leftovers(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    """Combinators that survived normalisation, plus `not` and `if`."""
    yield from _leftover_sums(ctx, old, new, at)
    yield from _product(ctx, old, new, at)
    yield from _not(ctx, old, new, at)
    yield from _conditional(ctx, old, new, at)


def _raw(ctx: Ctx, node: Node, keyword: str) -> Alts | None:
    if not isinstance(node.get(keyword), list):
        return None
    count = len(node.schema[keyword])
    items = (
        Alt(ctx.normal(node.child(keyword, i)), (keyword, str(i))) for i in range(count)
    )
    return Alts(tuple(items), keyword == "oneOf")


def _leftover_sums(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    for keyword in _SUMS:
        before, after = _raw(ctx, old, keyword), _raw(ctx, new, keyword)
        if before is None and after is None:
            continue
        if before is not None and after is not None:
            yield from compare_sums(ctx, (old, new), (before, after), at)
            continue
        present = before or after
        assert present is not None
        trivial = any(is_trivial(a.node) for a in present.items)
        yield ctx.finding(
            "COMBINED_TYPE_CHANGED",
            at.key(keyword),
            old,
            new,
            keyword=keyword,
            narrows=after is not None and not trivial,
            widens=before is not None and not trivial,
        )


def _product(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = conjuncts(ctx, old), conjuncts(ctx, new)
    if not before and not after:
        return
    before_all = [*before, _without_applied(ctx, old)]
    after_all = [*after, _without_applied(ctx, new)]
    for index, part in enumerate(after):
        if not any(ctx.includes(p, part) for p in before_all):
            yield _conjunct(ctx, "PRODUCT_TYPE_EXTENDED", at, index, old, part, True)
    for index, part in enumerate(before):
        if not any(ctx.includes(p, part) for p in after_all):
            yield _conjunct(ctx, "PRODUCT_TYPE_NARROWED", at, index, part, new, False)


def _without_applied(ctx: Ctx, node: Node) -> Node:
    """`node` minus its conjunct keywords; cached so recursion meets itself."""
    if not any(node.has(k) for k in APPLIED):
        return node
    return ctx.memo(
        "without",
        node,
        lambda: node.replace(
            {k: v for k, v in node.schema.items() if k not in APPLIED}
        ),
    )


def _conjunct(
    ctx: Ctx, kind: str, at: At, index: int, old: Node, new: Node, narrowing: bool
) -> Finding:
    source = old if narrowing else new
    return ctx.finding(
        kind,
        at.key("allOf", index),
        old,
        new,
        narrows=narrowing,
        widens=not narrowing,
        name=f"#/allOf/{index}",
        probe=lambda: witness.examples(ctx, source),
    )


_NOT_KINDS = {
    (True, False): "NOT_TYPE_EXTENDED",
    (False, True): "NOT_TYPE_NARROWED",
    (True, True): "NOT_TYPE_CHANGED",
}


def _not(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = old.maybe("not"), new.maybe("not")
    if before is None and after is None:
        return
    sub = at.key("not")
    if before is None or after is None:
        present = after if after is not None else before
        assert present is not None
        kind = "NOT_ADDED" if after is not None else "NOT_REMOVED"
        # The excluded values matter only where the other side has them.
        other = old if after is not None else new
        live = not disjoint(ctx, _without_not(ctx, other), present)
        yield ctx.finding(
            kind,
            sub,
            old,
            new,
            keyword="not",
            narrows=after is not None and live,
            widens=before is not None and live,
            probe=lambda: witness.examples(ctx, present),
        )
        return
    # ¬A ⊆ ¬B exactly when B ⊆ A.
    narrows, widens = not ctx.includes(after, before), not ctx.includes(before, after)
    changed = _NOT_KINDS.get((narrows, widens))
    if changed is None:
        return

    def probe() -> Iterator[object]:
        yield from witness.examples(ctx, after)
        yield from witness.examples(ctx, before)

    yield ctx.finding(
        changed,
        sub,
        old,
        new,
        keyword="not",
        narrows=narrows,
        widens=widens,
        probe=probe,
    )


def _without_not(ctx: Ctx, node: Node) -> Node:
    if not node.has("not"):
        return node
    return node.replace({k: v for k, v in node.schema.items() if k != "not"})


def _conditional(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    before, after = old.maybe("if"), new.maybe("if")
    if before is None and after is None:
        return
    if before is None or after is None:
        kind = "CONDITIONAL_ADDED" if after is not None else "CONDITIONAL_REMOVED"
        yield ctx.finding(kind, at.key("if"), old, new, keyword="if")
        return
    if not json_equal(before.schema, after.schema):
        yield ctx.finding("CONDITIONAL_CHANGED", at.key("if"), old, new, keyword="if")
        return
    for keyword in ("then", "else"):
        branch_old = old.maybe(keyword) or anything(old.doc)
        branch_new = new.maybe(keyword) or anything(new.doc)
        if keyword == "then":  # `then` only applies where `if` holds
            branch_old, branch_new = (
                _under(before, branch_old),
                _under(after, branch_new),
            )
        yield from ctx.diff(branch_old, branch_new, at.key(keyword))


def _under(condition: Node, branch: Node) -> Node:
    """`branch` merged with the `if` it depends on, when that merge is exact."""
    if not isinstance(condition.schema, dict) or not isinstance(branch.schema, dict):
        return branch
    merged = merge.merge(branch.schema, condition.schema)
    if not isinstance(merged, dict) or condition.doc is not branch.doc:
        return branch
    origins = dict.fromkeys(merged, condition.ptr) | dict.fromkeys(
        branch.schema, branch.ptr
    )
    return Node(merged, branch.doc, branch.ptr, origins, True)
