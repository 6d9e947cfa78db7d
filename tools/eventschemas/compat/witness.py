"""Instance generation: candidate values inside (or outside) a schema.

Generators are cheap and approximate; callers validate what they get. `examples`
yields candidates a schema is likely to accept, most plausible first; `valid`
keeps only those the validator accepts; `outside` yields plain values the schema
rejects. They feed probes, counterexamples and the embedding of a local value
into a whole instance.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from fractions import Fraction
from itertools import islice
from typing import TYPE_CHECKING

from eventschemas.compat import regex
from eventschemas.compat.schema import (
    JSON,
    Node,
    enum_values,
    instance_atom,
    type_atoms,
)
from eventschemas.errors import RefError

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

MAX_DEPTH = 8
_TRIVIAL: tuple[JSON, ...] = ("x", 0, None, True, {}, [])
_OUTSIDE: tuple[JSON, ...] = (
    None,
    True,
    0,
    0.5,
    -1,
    "x",
    "",
    {},
    [],
    10**20,
    -(10**20),
    "x" * 300,
    [None],
    [0],
    ["x", "x"],
    {"x": None},
    {"x": 0},
)
_ORDER = ("object", "string", "integer", "fraction", "boolean", "null", "array")
_KEYWORD_HINTS = {
    "object": ("properties", "required", "additionalProperties", "patternProperties"),
    "array": ("items", "prefixItems", "minItems", "maxItems", "contains"),
    "string": ("pattern", "format", "minLength", "maxLength"),
    "integer": ("minimum", "maximum", "multipleOf"),
}
FORMAT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "date-time": ("2020-01-01T00:00:00Z",),
    "date": ("2020-01-01",),
    "time": ("00:00:00Z",),
    "duration": ("P1D",),
    "email": ("user@example.org",),
    "idn-email": ("user@example.org",),
    "hostname": ("example.org",),
    "idn-hostname": ("example.org",),
    "ipv4": ("192.0.2.1",),
    "ipv6": ("2001:db8::1",),
    "uri": ("https://example.org/a",),
    "uri-reference": ("/a/b", "https://example.org/a"),
    "iri": ("https://example.org/a",),
    "iri-reference": ("/a/b",),
    "uuid": ("00000000-0000-0000-0000-000000000000",),
    "uri-template": ("https://example.org/{id}",),
    "json-pointer": ("/a/0",),
    "relative-json-pointer": ("0/a",),
    "regex": ("^a+$",),
    "color": ("red",),
}


def format_examples(name: str) -> tuple[str, ...]:
    return FORMAT_EXAMPLES.get(name, ())


def examples(
    ctx: Ctx, node: Node | None, atoms: Collection[str] | None = None, depth: int = 0
) -> Iterator[JSON]:
    """Candidate instances of `node`, restricted to the given type atoms."""
    if node is None or depth > MAX_DEPTH:
        return
    try:
        node = ctx.normal(node)
    except RefError:
        return
    if node.schema is True:
        yield from (v for v in _TRIVIAL if _fits(v, atoms))
        return
    if not isinstance(node.schema, dict):
        return
    yield from _examples(ctx, node, atoms, depth)


def _examples(
    ctx: Ctx, node: Node, atoms: Collection[str] | None, depth: int
) -> Iterator[JSON]:
    from eventschemas.compat.engine import conjuncts
    from eventschemas.compat.families.combinators import alternatives

    values = enum_values(node)
    if values is not None:
        yield from (v for v in values if _fits(v, atoms))
        return
    alts = alternatives(ctx, node)
    if alts is not None:
        for alt in alts.items:
            yield from examples(ctx, alt.node, atoms, depth + 1)
        return
    for part in conjuncts(ctx, node):
        yield from examples(ctx, part, atoms, depth + 1)
    allowed = type_atoms(node) if atoms is None else type_atoms(node) & set(atoms)
    for atom in _order(node, allowed):
        yield from _GENERATORS[atom](ctx, node, depth)


def valid(ctx: Ctx, node: Node | None, limit: int = 3, depth: int = 0) -> list[JSON]:
    """Up to `limit` candidates of `node` that the validator accepts."""
    if node is None:
        return ["x"]

    def accepted() -> list[JSON]:
        found: list[JSON] = []
        for candidate in islice(examples(ctx, node, depth=depth), 12):
            if ctx.valid(node, candidate) is True:
                found.append(candidate)
                if len(found) >= limit:
                    break
        return found

    return list(ctx.memo("valid", node, accepted, limit, depth))


def outside(ctx: Ctx, node: Node) -> Iterator[JSON]:
    """Plain values `node` rejects."""
    for value in (*_boundary(node), *_OUTSIDE):
        if ctx.valid(node, value) is False:
            yield value


def _boundary(node: Node) -> list[JSON]:
    longest = node.get("maxLength")
    found: list[JSON] = []
    negated = node.get("not")
    if isinstance(negated, dict):  # what `not` excludes is a good first guess
        found += enum_values(node.replace(negated)) or []
    if isinstance(longest, int):
        found.append("x" * (longest + 1))
    for keyword, step in (("minimum", -1), ("maximum", 1)):
        limit = node.get(keyword)
        if isinstance(limit, int | float) and not isinstance(limit, bool):
            found += [limit + step, limit + step / 2]
    return found


def _fits(value: JSON, atoms: Collection[str] | None) -> bool:
    return atoms is None or instance_atom(value) in atoms


def _order(node: Node, allowed: Collection[str]) -> list[str]:
    hinted = [
        atom
        for atom, keywords in _KEYWORD_HINTS.items()
        if atom in allowed and any(node.has(k) for k in keywords)
    ]
    declared = node.get("type")
    named = [declared] if isinstance(declared, str) else declared or []
    named_atoms = ["integer" if n in ("integer", "number") else n for n in named]
    ordered = [*hinted, *named_atoms, *_ORDER]
    return [a for a in dict.fromkeys(ordered) if a in allowed]


def _null(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    yield None


def _boolean(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    yield False
    yield True


def _integer(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    from eventschemas.compat.families.numbers import lower, multiple_of, upper

    low, high = lower(node, integral=True), upper(node, integral=True)
    step = multiple_of(node, integral=True) or Fraction(1)
    start = low.value if low else min(Fraction(0), high.value if high else Fraction(0))
    first = math.ceil(start / step) * step
    for value in (first, first + step, first + 2 * step):
        if high is None or value <= high.value:
            yield int(value)


def _fraction(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    from eventschemas.compat.families.numbers import lower, upper

    low, high = lower(node), upper(node)
    step = node.get("multipleOf")
    if isinstance(step, int | float) and not isinstance(step, bool):
        base = low.value if low else Fraction(0)
        count = math.ceil(base / Fraction(str(step)))
        yield from (float(Fraction(str(step)) * k) for k in (count, count + 1))
        return
    if low and high:
        yield float((low.value + high.value) / 2)
    base = low.value if low else (high.value - 1 if high else Fraction(0))
    yield float(base + Fraction(1, 2))


def _string(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    shortest = node.get("minLength") if isinstance(node.get("minLength"), int) else 0
    longest = node.get("maxLength") if isinstance(node.get("maxLength"), int) else None
    pool: list[str] = []
    if isinstance(node.get("pattern"), str):
        pool += regex.samples(node.schema["pattern"])
    if isinstance(node.get("format"), str):
        pool += format_examples(node.schema["format"])
    pool += ["x" * max(shortest, 1), "x" * shortest]
    pool += [s + "x" * (shortest - len(s)) for s in pool if len(s) < shortest]
    for text in dict.fromkeys(pool):
        if len(text) >= shortest and (longest is None or len(text) <= longest):
            yield text


def _object(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    from eventschemas.compat import containers

    yield from containers.objects(ctx, node, depth)


def _array(ctx: Ctx, node: Node, depth: int) -> Iterator[JSON]:
    from eventschemas.compat import containers

    yield from containers.arrays(ctx, node, depth)


_GENERATORS = {
    "null": _null,
    "boolean": _boolean,
    "integer": _integer,
    "fraction": _fraction,
    "string": _string,
    "object": _object,
    "array": _array,
}
