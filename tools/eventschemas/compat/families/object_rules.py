"""Object rules beyond the content model: required, dependencies, propertyNames."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from eventschemas.compat import witness
from eventschemas.compat.families.content import Model, governing
from eventschemas.compat.model import At, Finding, Patch, Probe
from eventschemas.compat.schema import JSON, Node, is_trivial

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx


def compare(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    yield from _required(ctx, before, after, at)
    yield from _dependent_required(ctx, before, after, at)
    yield from _dependent_schemas(ctx, before, after, at)
    yield from _property_names(ctx, before, after, at)


def dropping(name: str) -> Probe:
    """A probe that removes `name` from valid objects."""
    return lambda: iter([Patch(drop=frozenset({name}))])


def setting(
    ctx: Ctx, m: Model, name: str, drop: frozenset[str] = frozenset()
) -> Iterator[Patch]:
    """Patches that add `name` with values its governing schema accepts."""
    node = governing(ctx, m, name)
    values = witness.examples(ctx, node) if node is not None else iter(("x", 0))
    for value in list(values)[:3]:
        yield Patch({name: value}, drop)


def _required(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    old, new = set(before.required), set(after.required)
    for name in dict.fromkeys(after.required):
        if name in old or (name in after.props and name not in before.props):
            continue
        yield ctx.finding(
            "REQUIRED_ATTRIBUTE_ADDED",
            at.key("required", name),
            before.node,
            after.node,
            keyword="required",
            probe=dropping(name),
            name=name,
        )
    for name in dict.fromkeys(before.required):
        if name not in new:
            yield ctx.finding(
                "REQUIRED_ATTRIBUTE_REMOVED",
                at.key("required", name),
                before.node,
                after.node,
                keyword="required",
                probe=dropping(name),
                name=name,
            )


def dependent_required(node: Node) -> tuple[str, dict[str, list[str]]]:
    """Array-valued dependencies and the keyword that spells them."""
    for keyword in ("dependentRequired", "dependencies"):
        value = node.get(keyword)
        if isinstance(value, dict):
            found = {k: v for k, v in value.items() if isinstance(v, list)}
            if found or keyword == "dependentRequired":
                return keyword, found
    return "dependentRequired", {}


def dependent_schemas(node: Node) -> tuple[str, dict[str, Node]]:
    for keyword in ("dependentSchemas", "dependencies"):
        value = node.get(keyword)
        if isinstance(value, dict):
            found = {
                k: node.child(keyword, k)
                for k, v in value.items()
                if isinstance(v, dict | bool)
            }
            if found or keyword == "dependentSchemas":
                return keyword, found
    return "dependentSchemas", {}


def _dependent_required(
    ctx: Ctx, before: Model, after: Model, at: At
) -> Iterator[Finding]:
    kw_old, old = dependent_required(before.node)
    kw_new, new = dependent_required(after.node)
    keyword = kw_new if new else kw_old
    for name in dict.fromkeys([*old, *new]):
        sub = at.key(keyword, name)
        was, now = set(old.get(name, [])), set(new.get(name, []))
        if now - was:
            kind = (
                "DEPENDENCY_ARRAY_EXTENDED" if name in old else "DEPENDENCY_ARRAY_ADDED"
            )
            yield _dependency(ctx, kind, sub, before, after, name, now - was, True)
        if was - now:
            kind = (
                "DEPENDENCY_ARRAY_NARROWED"
                if name in new
                else "DEPENDENCY_ARRAY_REMOVED"
            )
            yield _dependency(ctx, kind, sub, before, after, name, was - now, False)


def _dependency(
    ctx: Ctx,
    kind: str,
    at: At,
    before: Model,
    after: Model,
    name: str,
    names: set[str],
    narrowing: bool,
) -> Finding:
    source = before if narrowing else after
    listed = sorted(names)
    return ctx.finding(
        kind,
        at,
        before.node,
        after.node,
        probe=lambda: setting(ctx, source, name, frozenset(names)),
        name=name,
        old=listed if not narrowing else [],
        new=listed if narrowing else [],
    )


def _dependent_schemas(
    ctx: Ctx, before: Model, after: Model, at: At
) -> Iterator[Finding]:
    kw_old, old = dependent_schemas(before.node)
    kw_new, new = dependent_schemas(after.node)
    keyword = kw_new if new else kw_old
    for name in dict.fromkeys([*old, *new]):
        sub = at.key(keyword, name)
        if name in old and name in new:
            yield from ctx.diff(old[name], new[name], sub)
            continue
        source = after if name in new else before
        kind = "DEPENDENCY_SCHEMA_ADDED" if name in new else "DEPENDENCY_SCHEMA_REMOVED"
        trivial = is_trivial(new[name] if name in new else old[name])
        yield ctx.finding(
            kind,
            sub,
            before.node,
            after.node,
            narrows=name in new and not trivial,
            widens=name in old and not trivial,
            probe=partial(setting, ctx, source, name),
            name=name,
        )


def _property_names(ctx: Ctx, before: Model, after: Model, at: At) -> Iterator[Finding]:
    old, new = before.names, after.names
    if old is None and new is None:
        return
    sub = at.key("propertyNames")
    if old is None or new is None:
        present = new if new is not None else old
        assert present is not None
        kind = "PROPERTY_NAMES_ADDED" if new is not None else "PROPERTY_NAMES_REMOVED"
        trivial = is_trivial(present)
        yield ctx.finding(
            kind,
            sub,
            before.node,
            after.node,
            narrows=new is not None and not trivial,
            widens=old is not None and not trivial,
            probe=lambda: _name_patches(
                ctx, before, after, witness.outside(ctx, present)
            ),
        )
        return
    nested = ctx.diff(old, new, At())
    narrows, widens = any(f.narrows for f in nested), any(f.widens for f in nested)
    if not narrows and not widens:
        return
    kind = (
        "PROPERTY_NAMES_CHANGED"
        if narrows and widens
        else ("PROPERTY_NAMES_NARROWED" if narrows else "PROPERTY_NAMES_EXTENDED")
    )

    def probe() -> Iterator[Patch]:
        names = (p for f in nested if f.probe is not None for p in f.probe())
        yield from _name_patches(ctx, before, after, names)

    yield ctx.finding(
        kind, sub, before.node, after.node, narrows=narrows, widens=widens, probe=probe
    )


def _name_patches(
    ctx: Ctx, before: Model, after: Model, names: Iterator[JSON]
) -> Iterator[Patch]:
    for name in names:
        if isinstance(name, str):
            for m in (before, after):
                yield from setting(ctx, m, name)
