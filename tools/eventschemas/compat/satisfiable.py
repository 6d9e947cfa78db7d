"""Which JSON types a schema can actually produce, given its own constraints.

`type: [string, array]` with `minItems: 2, maxItems: 1` accepts strings only:
its array part is empty. Comparing such a schema by its declared types alone
would report changes to values that can never exist. Each check here is a
cheap, sound test that one type's constraints contradict each other.
"""

from __future__ import annotations

from collections.abc import Callable

from eventschemas.compat.schema import Node, enum_values, instance_atom, type_atoms


def live_atoms(node: Node) -> frozenset[str]:
    """The declared type atoms whose constraints some value can satisfy."""
    atoms = type_atoms(node)
    if not isinstance(node.schema, dict) or not atoms:
        return atoms
    values = enum_values(node)
    if values is not None:
        atoms &= {instance_atom(v) for v in values}
    return frozenset(a for a in atoms if _CHECKS.get(a, _always)(node))


def _always(node: Node) -> bool:
    return True


def _count(node: Node, keyword: str) -> int | None:
    value = node.get(keyword)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _sizes(low: str, high: str) -> Callable[[Node], bool]:
    def check(node: Node) -> bool:
        floor, ceiling = _count(node, low) or 0, _count(node, high)
        return ceiling is None or floor <= ceiling

    return check


def _strings(node: Node) -> bool:
    return _sizes("minLength", "maxLength")(node)


def _arrays(node: Node) -> bool:
    from eventschemas.compat.families.arrays import tuple_view

    if not _sizes("minItems", "maxItems")(node):
        return False
    view = tuple_view(node)
    return not view.closed or (_count(node, "minItems") or 0) <= len(view.prefix)


def _objects(node: Node) -> bool:
    if not _sizes("minProperties", "maxProperties")(node):
        return False
    required = node.get("required")
    if not isinstance(required, list):
        return True
    names = {r for r in required if isinstance(r, str)}
    ceiling = _count(node, "maxProperties")
    if ceiling is not None and len(names) > ceiling:
        return False
    props = node.get("properties")
    props = props if isinstance(props, dict) else {}
    if any(props.get(name) is False for name in names):
        return False
    if node.get("additionalProperties") is not False or node.get("patternProperties"):
        return True
    return names <= set(props)


def _numbers(integral: bool) -> Callable[[Node], bool]:
    def check(node: Node) -> bool:
        from eventschemas.compat.families.numbers import lower, upper

        low, high = lower(node, integral), upper(node, integral)
        if low is None or high is None:
            return True
        if low.value != high.value:
            return low.value < high.value
        return not (low.exclusive or high.exclusive)

    return check


def _fractions(node: Node) -> bool:
    from eventschemas.compat.families.numbers import admits_fractions

    return _numbers(False)(node) and admits_fractions(node)


_CHECKS: dict[str, Callable[[Node], bool]] = {
    "string": _strings,
    "array": _arrays,
    "object": _objects,
    "integer": _numbers(True),
    "fraction": _fractions,
}
