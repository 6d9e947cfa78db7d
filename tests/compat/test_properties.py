"""Property-based checks of the engine against `jsonschema` on random schema pairs.

For a random draft-07 schema and a mutation of it (or an unrelated schema):

* every counterexample the engine claims really separates the two schemas;
* a "compatible" verdict is never contradicted: instances generated from the
  schema that must be included (with hypothesis-jsonschema) validate against
  the other one.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis_jsonschema import from_schema

from eventschemas.compat import compare

from . import hjs_shim
from .helpers import assert_separates, validator

NAMES = ("a", "b", "c")
SMALL = st.integers(min_value=-3, max_value=6)
VALUES = st.one_of(st.none(), st.booleans(), SMALL, st.sampled_from(["x", "y", ""]))


def _numbers(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {
        "minimum": SMALL,
        "maximum": SMALL,
        "multipleOf": st.sampled_from([1, 2, 3]),
    }
    if kind == "number":
        optional["exclusiveMaximum"] = SMALL
    return st.fixed_dictionaries({"type": st.just(kind)}, optional=optional)


SCALARS = st.one_of(
    _numbers("integer"),
    _numbers("number"),
    st.fixed_dictionaries(
        {"type": st.just("string")},
        optional={
            "minLength": st.integers(0, 3),
            "maxLength": st.integers(0, 4),
            "pattern": st.sampled_from(["^a", "b$", "^[ab]*$"]),
        },
    ),
    st.sampled_from([{"type": "boolean"}, {"type": "null"}, {}]),
    st.builds(lambda v: {"enum": v}, st.lists(VALUES, min_size=1, max_size=3)),
    st.builds(lambda v: {"const": v}, VALUES),
    st.builds(
        lambda t: {"type": t},
        st.lists(
            st.sampled_from(["string", "integer", "null"]),
            min_size=1,
            max_size=2,
            unique=True,
        ),
    ),
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    objects = st.fixed_dictionaries(
        {
            "type": st.just("object"),
            "properties": st.dictionaries(st.sampled_from(NAMES), children, max_size=3),
        },
        optional={
            "required": st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
            "additionalProperties": st.one_of(st.booleans(), children),
            "maxProperties": st.integers(0, 3),
        },
    )
    arrays = st.fixed_dictionaries(
        {"type": st.just("array"), "items": children},
        optional={
            "minItems": st.integers(0, 2),
            "maxItems": st.integers(0, 3),
            "uniqueItems": st.booleans(),
        },
    )
    combined = st.one_of(
        st.builds(lambda xs: {"anyOf": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda xs: {"oneOf": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda xs: {"allOf": xs}, st.lists(children, min_size=1, max_size=2)),
        st.builds(lambda x: {"not": x}, children),
    )
    return st.one_of(objects, arrays, combined)


SCHEMAS = st.recursive(SCALARS, _containers, max_leaves=6)


def _paths(schema: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if not isinstance(schema, dict):
        return
    for name, sub in schema.get("properties", {}).items():
        yield from _paths(sub, (*path, "properties", name))
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from _paths(schema[key], (*path, key))
    for key in ("anyOf", "oneOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            yield from _paths(sub, (*path, key, index))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    """A schema and either a local mutation of it or an unrelated schema."""
    old = draw(SCHEMAS)
    if draw(st.booleans()):
        return old, draw(SCHEMAS)
    new = copy.deepcopy(old)
    path = draw(st.sampled_from(list(_paths(new))))
    replacement = draw(SCHEMAS)
    if not path:
        return old, replacement
    parent = new
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = replacement
    return old, new


def _instances(data: st.DataObject, schema: Any, count: int) -> list[Any]:
    try:
        strategy = from_schema(schema)
        if strategy.is_empty:
            return []
        return [data.draw(strategy) for _ in range(count)]
    except InvalidArgument:  # e.g. minLength > maxLength deep inside the schema
        return []


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_jsonschema_objects() -> Iterator[None]:
    with hjs_shim.patched():
        yield


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(pairs())
def test_every_counterexample_separates(pair: tuple[Any, Any]) -> None:
    old, new = pair
    report = compare(old, new, mode="full")

    for change in report.breaking_changes:
        if change.has_counterexample:
            assert_separates(change, old, new)
        else:
            assert change.counterexample_note


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(pairs(), st.data())
def test_compatible_verdict_is_never_contradicted(
    pair: tuple[Any, Any], data: st.DataObject
) -> None:
    old, new = pair
    backward = compare(old, new, mode="backward").compatible
    forward = compare(old, new, mode="forward").compatible
    assume(backward or forward)

    if backward:
        for instance in _instances(data, old, 4):
            assert validator(new).is_valid(instance), instance
    if forward:
        for instance in _instances(data, new, 4):
            assert validator(old).is_valid(instance), instance
