"""The field table: nested paths, types, requiredness and constraints."""

from __future__ import annotations

from typing import Any

from eventschemas.docs.fields import field_rows, type_text

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["performer"],
    "properties": {
        "performer": {
            "type": "object",
            "description": "Who did it.",
            "required": ["user_text"],
            "properties": {
                "user_text": {"type": "string", "minLength": 1},
                "user_groups": {
                    "type": "array",
                    "items": {"type": "string", "enum": ["bot", "sysop"]},
                },
            },
        },
        "labels": {
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": "^[a-z]+$"},
        },
        "count": {
            "type": "integer",
            "minimum": 0,
            "maximum": 9007199254740991,
            "default": 1,
        },
        "when": {"type": ["string", "null"], "format": "date-time"},
    },
}


def rows_by_path() -> dict[str, Any]:
    bounds = (-9007199254740991, 9007199254740991)
    return {row.path: row for row in field_rows(SCHEMA, bounds)}


def test_paths_nest_with_dots_brackets_and_braces() -> None:
    assert list(rows_by_path()) == [
        "performer",
        "performer.user_text",
        "performer.user_groups",
        "performer.user_groups[]",
        "labels",
        "labels{}",
        "count",
        "when",
    ]
    assert rows_by_path()["performer.user_groups[]"].depth == 2


def test_required_is_read_from_the_parent_object() -> None:
    rows = rows_by_path()

    assert rows["performer"].required
    assert rows["performer.user_text"].required
    assert not rows["performer.user_groups"].required
    assert not rows["count"].required


def test_constraints_are_listed_in_words() -> None:
    rows = rows_by_path()

    assert rows["performer.user_text"].constraints == ("length ≥ 1",)
    assert rows["performer.user_groups[]"].constraints == ('one of "bot", "sysop"',)
    assert rows["labels{}"].constraints == ("pattern ^[a-z]+$",)
    assert rows["when"].constraints == ("format date-time",)


def test_bounds_added_by_materializing_are_left_out() -> None:
    assert rows_by_path()["count"].constraints == ("≥ 0", "default 1")


def test_types_in_words() -> None:
    assert rows_by_path()["when"].type == "string or null"
    assert type_text({"enum": ["a", 1]}) == "string or integer"
    assert type_text({"oneOf": [{"type": "string"}, {"type": "null"}]}) == (
        "string or null"
    )
    assert type_text({}) == "any"


def test_alternatives_contribute_their_properties() -> None:
    schema = {
        "anyOf": [
            {"properties": {"a": {"type": "string"}}},
            {"properties": {"b": {"type": "integer"}}, "required": ["b"]},
        ]
    }

    rows = field_rows(schema)

    assert [(r.path, r.required) for r in rows] == [("a", False), ("b", True)]


def test_descriptions_are_kept_and_boolean_schemas_described() -> None:
    rows = field_rows({"properties": {"x": True, "y": False, "z": {"description": 3}}})

    assert [(r.path, r.type, r.description) for r in rows] == [
        ("x", "anything", ""),
        ("y", "nothing (false)", ""),
        ("z", "any", ""),
    ]
    assert rows_by_path()["performer"].description == "Who did it."


def test_size_ranges_read_as_one_phrase() -> None:
    schema = {"properties": {"s": {"minLength": 1, "maxLength": 64, "maxItems": 3}}}

    assert field_rows(schema)[0].constraints == ("length 1 to 64", "items ≤ 3")
