from __future__ import annotations

from eventschemas.compat import compare

from .families import Row, check_row, family_cases
from .helpers import kinds

O = {"type": "object"}  # noqa: E741 - reads as the type name in the table
FOO = {"foo": {"type": "string"}}

ROWS: list[Row] = [
    (
        "optional added, open model",
        {**O, "properties": FOO},
        {**O, "properties": {**FOO, "bar": {"type": "number"}}},
        False,
        True,
        "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    (
        "optional added, closed model",
        {**O, "properties": FOO, "additionalProperties": False},
        {
            **O,
            "properties": {**FOO, "bar": {"type": "number"}},
            "additionalProperties": False,
        },
        True,
        False,
        "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
    ),
    (
        "empty schema added, open model",
        {**O, "properties": FOO},
        {**O, "properties": {**FOO, "bar": {}}},
        True,
        True,
        "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    (
        "added, covered by additionalProperties",
        {**O, "additionalProperties": {"type": "string"}},
        {
            **O,
            "properties": {"bar": {"type": "string"}},
            "additionalProperties": {"type": "string"},
        },
        True,
        True,
        "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    ),
    (
        "added, not covered",
        {**O, "additionalProperties": {"type": "string"}},
        {
            **O,
            "properties": {"bar": {"type": "number"}},
            "additionalProperties": {"type": "string"},
        },
        False,
        False,
        "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    ),
    (
        "required added to new property",
        {**O, "properties": FOO},
        {**O, "properties": {**FOO, "bar": {}}, "required": ["bar"]},
        False,
        True,
        "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    (
        "required added",
        {**O, "properties": FOO},
        {**O, "properties": FOO, "required": ["foo"]},
        False,
        True,
        "REQUIRED_ATTRIBUTE_ADDED",
    ),
    (
        "required removed",
        {**O, "properties": FOO, "required": ["foo"]},
        {**O, "properties": FOO},
        True,
        False,
        "REQUIRED_ATTRIBUTE_REMOVED",
    ),
    (
        "removed from open model",
        {**O, "properties": FOO},
        O,
        True,
        False,
        "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
    ),
    (
        "removed from closed model",
        {**O, "properties": FOO, "additionalProperties": False},
        {**O, "additionalProperties": False},
        False,
        True,
        "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
    ),
    (
        "closing the model",
        O,
        {**O, "additionalProperties": False},
        False,
        True,
        "ADDITIONAL_PROPERTIES_REMOVED",
    ),
    (
        "opening the model",
        {**O, "additionalProperties": False},
        O,
        True,
        False,
        "ADDITIONAL_PROPERTIES_ADDED",
    ),
    (
        "additionalProperties narrowed",
        O,
        {**O, "additionalProperties": {"type": "number"}},
        False,
        True,
        "ADDITIONAL_PROPERTIES_NARROWED",
    ),
    (
        "pattern property added to open model",
        O,
        {**O, "patternProperties": {"^x_": {"type": "integer"}}},
        False,
        True,
        "PATTERN_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    (
        "pattern property type changed",
        {**O, "patternProperties": {"^x_": {"type": "integer"}}},
        {**O, "patternProperties": {"^x_": {"type": "string"}}},
        False,
        False,
        "TYPE_CHANGED",
    ),
    (
        "maxProperties decreased",
        {**O, "maxProperties": 2},
        {**O, "maxProperties": 1},
        False,
        True,
        "MAX_PROPERTIES_DECREASED",
    ),
    (
        "capacity of a closed model",
        {
            **O,
            "properties": {"x": {}},
            "additionalProperties": False,
            "maxProperties": 1,
        },
        {
            **O,
            "properties": {"x": {}},
            "additionalProperties": False,
            "maxProperties": 3,
        },
        True,
        True,
        None,
    ),
    (
        "dependency array added",
        {**O, "properties": {"a": {}, "b": {}}},
        {**O, "properties": {"a": {}, "b": {}}, "dependencies": {"a": ["b"]}},
        False,
        True,
        "DEPENDENCY_ARRAY_ADDED",
    ),
    (
        "dependentRequired removed",
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **O,
            "dependentRequired": {"a": ["b"]},
        },
        {"$schema": "https://json-schema.org/draft/2020-12/schema", **O},
        True,
        False,
        "DEPENDENCY_ARRAY_REMOVED",
    ),
    (
        "propertyNames added",
        {**O, "properties": {"forbidden": {"type": "string"}}},
        {**O, "propertyNames": {"enum": ["allowed"]}},
        False,
        True,
        "PROPERTY_NAMES_ADDED",
    ),
    (
        "nested property narrowed",
        {**O, "properties": {"meta": {**O, "properties": {"dt": {"type": "string"}}}}},
        {
            **O,
            "properties": {
                "meta": {**O, "properties": {"dt": {"type": "string", "maxLength": 5}}}
            },
        },
        False,
        True,
        "MAX_LENGTH_ADDED",
    ),
]


@family_cases(ROWS)
def test_objects(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)


def test_open_model_message_says_why() -> None:
    report = compare(
        {**O, "properties": FOO},
        {**O, "properties": {**FOO, "bar": {"type": "number"}}},
    )

    change = report.breaking_changes[0]
    assert change.path == "#/properties/bar"
    assert "may already carry this name" in change.message
    assert "consumers" in change.message


def test_nested_change_points_at_its_path() -> None:
    old = {**O, "properties": {"meta": {**O, "properties": {"dt": {"type": "string"}}}}}
    new = {
        **O,
        "properties": {"meta": {**O, "properties": {"dt": {"type": "integer"}}}},
    }

    report = compare(old, new)

    assert [c.path for c in report.breaking_changes] == [
        "#/properties/meta/properties/dt"
    ]
    assert report.breaking_changes[0].counterexample == {"meta": {"dt": "x"}}
    assert "TYPE_CHANGED" in kinds(report)
