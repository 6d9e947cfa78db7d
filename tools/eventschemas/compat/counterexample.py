"""Counterexamples: a whole instance one schema accepts and the other rejects.

Local candidates come from the finding's own probe, then from its hints (nested
findings), then from generic instances of the accepting local schema. Each is
embedded at the finding's instance path inside an instance of the accepting
root schema, and kept only if validation (see `validate`) accepts it under one
root and rejects it under the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from msgspec import Struct

from eventschemas.compat import witness
from eventschemas.compat.families.arrays import tuple_view
from eventschemas.compat.families.combinators import alternatives
from eventschemas.compat.families.content import governing, model
from eventschemas.compat.model import Direction, Finding, Patch, Step
from eventschemas.compat.schema import JSON, Node
from eventschemas.errors import RefError

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

CANDIDATE_BUDGET = 24
EMBED_BUDGET = 4
_HINT_DEPTH = 3


class Outcome(Struct, frozen=True):
    instance: JSON = None
    found: bool = False
    undecided: bool = False
    tried: int = 0


def build(
    ctx: Ctx, finding: Finding, direction: Direction, roots: tuple[Node, Node]
) -> Outcome:
    """Search for an instance separating the roots in `direction`."""
    narrowing = direction == "backward"
    accept, reject = roots if narrowing else (roots[1], roots[0])
    tried, undecided, seen = 0, False, set()
    candidates = _candidates(ctx, finding, narrowing)
    for ipath, local in islice(candidates, CANDIDATE_BUDGET):
        for instance in islice(embed(ctx, accept, ipath, local), EMBED_BUDGET):
            key = _key(instance)
            if key in seen:
                continue
            seen.add(key)
            tried += 1
            verdict = (ctx.valid(accept, instance), ctx.valid(reject, instance))
            if verdict == (True, False):
                return Outcome(instance, True, undecided, tried)
            undecided = undecided or None in verdict
    return Outcome(None, False, undecided, tried)


def _key(instance: JSON) -> str:
    return json.dumps(instance, sort_keys=True, default=repr)


def _candidates(
    ctx: Ctx, finding: Finding, narrowing: bool
) -> Iterator[tuple[tuple[Step, ...], JSON]]:
    for source in _sources(finding, 0):
        locals_ = _locals(source, narrowing)
        for value in _probe_values(ctx, source, locals_):
            yield source.at.ipath, value
    locals_ = _locals(finding, narrowing)
    for value in islice(witness.examples(ctx, locals_[0]), CANDIDATE_BUDGET):
        if _separates(ctx, value, locals_):
            yield finding.at.ipath, value
    accept_root = _root_of(finding, narrowing)
    if accept_root is not None:
        for value in islice(witness.examples(ctx, accept_root), 6):
            yield (), value


def _root_of(finding: Finding, narrowing: bool) -> Node | None:
    """The accepting root document, to try whole instances as a last resort."""
    local = finding.old if narrowing else finding.new
    if local is None:
        return None
    return Node(local.doc.root, local.doc)


def _locals(finding: Finding, narrowing: bool) -> tuple[Node | None, Node | None]:
    """(accepting, rejecting) local schemas of a finding in one direction."""
    return (finding.old, finding.new) if narrowing else (finding.new, finding.old)


def _sources(finding: Finding, depth: int) -> Iterator[Finding]:
    yield finding
    if depth < _HINT_DEPTH:
        for hint in finding.hints:
            yield from _sources(hint, depth + 1)


def _probe_values(
    ctx: Ctx, finding: Finding, locals_: tuple[Node | None, Node | None]
) -> Iterator[JSON]:
    if finding.probe is None:
        return
    try:
        for value in islice(finding.probe(), CANDIDATE_BUDGET):
            for concrete in _concrete(ctx, value, locals_):
                if _separates(ctx, concrete, locals_):
                    yield concrete
    except RefError:
        return


def _concrete(
    ctx: Ctx, value: JSON, locals_: tuple[Node | None, Node | None]
) -> Iterator[JSON]:
    if not isinstance(value, Patch):
        yield value
        return
    accept_local = locals_[0]
    bases = [
        b for b in islice(witness.examples(ctx, accept_local), 3) if isinstance(b, dict)
    ]
    for base in bases or [{}]:
        patched = {k: v for k, v in base.items() if k not in value.drop}
        patched.update(value.set)
        yield patched


def _separates(ctx: Ctx, value: JSON, locals_: tuple[Node | None, Node | None]) -> bool:
    """A cheap local pre-check; unknown verdicts let the candidate through."""
    accept_local, reject_local = locals_
    if accept_local is not None and ctx.valid(accept_local, value) is False:
        return False
    return reject_local is None or ctx.valid(reject_local, value) is not True


def embed(ctx: Ctx, root: Node, ipath: tuple[Step, ...], value: JSON) -> Iterator[JSON]:
    """Instances of `root` (likely valid) holding `value` at `ipath`."""
    if not ipath:
        yield value
        return
    try:
        node = ctx.normal(root)
    except RefError:
        return
    alts = alternatives(ctx, node)
    if alts is not None:
        for alt in alts.items:
            yield from islice(embed(ctx, alt.node, ipath, value), 2)
        return
    step, rest = ipath[0], ipath[1:]
    if isinstance(step, str):
        yield from _into_object(ctx, node, step, rest, value)
    else:
        yield from _into_array(ctx, node, step, rest, value)


def _into_object(
    ctx: Ctx, node: Node, name: str, rest: tuple[Step, ...], value: JSON
) -> Iterator[JSON]:
    child = governing(ctx, model(node), name) if node.is_dict else None
    inners = list(islice(embed(ctx, child or Node(True, node.doc), rest, value), 2))
    for base in _bases(ctx, node, "object", {}):
        for inner in inners:
            yield {**base, name: inner}


def _into_array(
    ctx: Ctx, node: Node, index: int, rest: tuple[Step, ...], value: JSON
) -> Iterator[JSON]:
    view = tuple_view(node) if node.is_dict else None
    child = None
    if view is not None:
        child = view.prefix[index] if index < len(view.prefix) else view.rest
    inners = list(islice(embed(ctx, child or Node(True, node.doc), rest, value), 2))
    for base in _bases(ctx, node, "array", []):
        array = list(base)
        while len(array) < index:
            array.append(_filler(ctx, view, len(array)))
        for inner in inners:
            yield [*array[:index], inner, *array[index + 1 :]]
            if len(array) > index:  # keep what the base needed, e.g. `contains`
                yield [*array[:index], inner, *array[index:]]


def _bases(ctx: Ctx, node: Node, atom: str, empty: JSON) -> Iterator[JSON]:
    """Containers of `node` to hold the embedded value, generated lazily."""
    kind = dict if atom == "object" else list

    def first() -> JSON:
        found = next(witness.examples(ctx, node, atoms={atom}), empty)
        return found if isinstance(found, kind) else empty

    yield ctx.memo("base", node, first, atom)
    for base in islice(witness.examples(ctx, node, atoms={atom}), 1, 2):
        if isinstance(base, kind):
            yield base


def _filler(ctx: Ctx, view: object, index: int) -> JSON:
    from eventschemas.compat.families.arrays import Tuple

    if not isinstance(view, Tuple):
        return None
    schema = view.prefix[index] if index < len(view.prefix) else view.rest
    found = witness.valid(ctx, schema, limit=1)
    return found[0] if found else None
