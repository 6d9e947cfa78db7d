"""The public entry points: `compare` and `compare_transitive`."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from eventschemas.compat import counterexample
from eventschemas.compat import policy as policies
from eventschemas.compat.catalogue import info
from eventschemas.compat.engine import Ctx
from eventschemas.compat.model import (
    At,
    Change,
    CompatReport,
    Direction,
    Finding,
    Mode,
    Policy,
    Side,
)
from eventschemas.compat.refs import Resolver
from eventschemas.compat.schema import JSON, Node


def compare(
    old: JSON,
    new: JSON,
    *,
    mode: Mode = "backward",
    policy: Policy = "strict",
    resolver: Resolver | None = None,
) -> CompatReport:
    """Compare two schemas by the sets of instances they accept.

    Args:
        old: the earlier schema (a dict, or a boolean schema).
        new: the later schema.
        mode: which directions to check; a `*_transitive` mode checks the one
            pair like its plain mode (use `compare_transitive` for a history).
        policy: `strict`, `lenient` or `event-platform`.
        resolver: called with a document URI (fragment stripped) for every
            `$ref` that leaves the schema; returns that document.

    Raises:
        ConfigError: for an unknown mode or policy.
        RefError: for a `$ref` that cannot be resolved.
    """
    policies.check_options(mode, policy)
    ctx = Ctx(resolver)
    changes = _changes(ctx, old, new, mode, policy, None)
    return CompatReport(not any(c.breaking for c in changes), changes, mode, policy)


def compare_transitive(
    earlier: Sequence[JSON],
    new: JSON,
    *,
    mode: Mode = "backward_transitive",
    policy: Policy = "strict",
    resolver: Resolver | None = None,
) -> CompatReport:
    """Compare `new` with every earlier schema (transitive modes) or the last one.

    `earlier` is ordered oldest first; each change records in `against` the
    index of the earlier schema it was found against.
    """
    policies.check_options(mode, policy)
    indexes = (
        range(len(earlier))
        if policies.is_transitive(mode)
        else range(len(earlier) - 1, len(earlier))
    )
    changes: list[Change] = []
    for index in indexes:
        ctx = Ctx(resolver)
        changes += _changes(ctx, earlier[index], new, mode, policy, index)
    return CompatReport(not any(c.breaking for c in changes), changes, mode, policy)


def _changes(
    ctx: Ctx, old: JSON, new: JSON, mode: Mode, policy: Policy, against: int | None
) -> list[Change]:
    roots = (ctx.root(old, "old"), ctx.root(new, "new"))
    findings = ctx.diff(roots[0], roots[1], At())
    return [_change(ctx, f, roots, mode, policy, against) for f in findings]


def _change(
    ctx: Ctx,
    finding: Finding,
    roots: tuple[Node, Node],
    mode: Mode,
    policy: Policy,
    against: int | None,
) -> Change:
    verdict = policies.judge(finding, mode, policy)
    change = Change(
        kind=finding.kind,
        path=finding.at.pointer,
        message=policies.message(finding, verdict, policy),
        breaking=verdict.breaking,
        breaks=verdict.breaks,
        old_location=_location(finding.old, finding.keyword),
        new_location=_location(finding.new, finding.keyword),
        against=against,
    )
    if not verdict.breaking:
        return change
    return _with_counterexample(ctx, change, finding, verdict, roots, policy)


def _location(node: Node | None, keyword: str | None) -> str | None:
    if node is None or (node.ptr == "" and node.schema is True):
        return None
    return node.location(keyword)


def _with_counterexample(
    ctx: Ctx,
    change: Change,
    finding: Finding,
    verdict: policies.Verdict,
    roots: tuple[Node, Node],
    policy: Policy,
) -> Change:
    undecided, tried = False, 0
    for direction in verdict.semantic:
        outcome = counterexample.build(ctx, finding, direction, roots)
        if outcome.found:
            side: Side = "old" if direction == "backward" else "new"
            return _replace(change, outcome.instance, None, side)
        undecided = undecided or outcome.undecided
        tried += outcome.tried
    note = _note(finding, verdict.semantic, policy, undecided, tried)
    return _replace(change, None, note, None)


def _note(
    finding: Finding,
    semantic: list[Direction],
    policy: Policy,
    undecided: bool,
    tried: int,
) -> str:
    if not semantic:
        rule = info(finding.kind).rule
        return (
            "No counterexample can exist: in the checked direction this change "
            "makes neither schema reject anything the other accepts; the "
            f"{policy} policy rejects the change itself ({rule})."
        )
    if finding.detail.get("unproven"):
        return (
            "No counterexample could be built: no sample string separates the two "
            "patterns, but inclusion between them cannot be proven either, so the "
            "change is treated as breaking."
        )
    if undecided:
        return (
            "No counterexample could be verified: the validator could not evaluate "
            "the schemas for some candidates (a recursive or unsupported construct)."
        )
    return (
        f"No counterexample was found among {tried} candidate instances; the change "
        "is flagged from the schemas' structure, not from a verified instance."
    )


def _replace(
    change: Change, instance: JSON, note: str | None, side: Side | None
) -> Change:
    return replace(
        change,
        counterexample=instance,
        counterexample_note=note,
        counterexample_valid_under=side,
    )
