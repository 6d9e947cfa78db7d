from __future__ import annotations

from typing import Any

import pytest

from eventschemas.tree.merge import merge_all_of


def merged(schema: dict[str, Any]) -> Any:
    return merge_all_of(schema)


def test_properties_and_required_are_united() -> None:
    result = merged(
        {
            "type": "object",
            "properties": {"b": {"type": "string"}},
            "required": ["b"],
            "allOf": [
                {"properties": {"a": {"type": "integer"}}, "required": ["a"]},
            ],
        }
    )
    assert result == {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
        "required": ["a", "b"],
    }


def test_same_property_in_two_branches_is_merged() -> None:
    result = merged(
        {
            "allOf": [
                {"properties": {"a": {"type": "string", "maxLength": 10}}},
                {"properties": {"a": {"maxLength": 5, "minLength": 1}}},
            ]
        }
    )
    assert result["properties"]["a"] == {
        "type": "string",
        "maxLength": 5,
        "minLength": 1,
    }


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ({"minimum": 1}, {"minimum": 3}, {"minimum": 3}),
        ({"maximum": 1}, {"maximum": 3}, {"maximum": 1}),
        ({"type": "number"}, {"type": "integer"}, {"type": "integer"}),
        ({"type": ["string", "null"]}, {"type": "string"}, {"type": "string"}),
        ({"enum": ["a", "b", "c"]}, {"enum": ["c", "a"]}, {"enum": ["a", "c"]}),
        (
            {"additionalProperties": True},
            {"additionalProperties": False},
            {"additionalProperties": False},
        ),
        ({"multipleOf": 4}, {"multipleOf": 6}, {"multipleOf": 12}),
        ({"uniqueItems": False}, {"uniqueItems": True}, {"uniqueItems": True}),
        ({"description": "first"}, {"description": "second"}, {"description": "first"}),
    ],
)
def test_keyword_rules(
    left: dict[str, Any], right: dict[str, Any], expected: Any
) -> None:
    assert merged({**left, "allOf": [right]}) == expected


def test_unmergeable_keywords_stay_in_a_residual_all_of() -> None:
    result = merged({"pattern": "^a", "allOf": [{"pattern": "b$", "maxLength": 3}]})
    assert result == {"pattern": "^a", "maxLength": 3, "allOf": [{"pattern": "b$"}]}


def test_conflicting_types_are_kept_not_dropped() -> None:
    result = merged({"type": "string", "allOf": [{"type": "integer"}]})
    assert result == {"type": "string", "allOf": [{"type": "integer"}]}


def test_nested_all_of_inside_properties() -> None:
    result = merged(
        {
            "properties": {
                "p": {
                    "allOf": [
                        {"type": "object", "properties": {"x": {"type": "string"}}}
                    ]
                }
            }
        }
    )
    assert result["properties"]["p"] == {
        "type": "object",
        "properties": {"x": {"type": "string"}},
    }


def test_only_root_examples_survive() -> None:
    result = merged(
        {
            "examples": [{"a": 1}],
            "allOf": [{"examples": [{"fragment": True}], "type": "object"}],
        }
    )
    assert result == {"examples": [{"a": 1}], "type": "object"}
    assert "examples" not in merged({"allOf": [{"examples": [1]}]})


def test_property_named_like_a_keyword_is_data() -> None:
    # A property called "type" or "allOf" is a name, never merged as a keyword.
    result = merged(
        {"properties": {"type": {"type": "string"}, "allOf": {"type": "string"}}}
    )
    assert result["properties"]["allOf"] == {"type": "string"}
