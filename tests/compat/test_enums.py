from __future__ import annotations

from eventschemas.compat import compare

from .families import Row, check_row, family_cases

ROWS: list[Row] = [
    (
        "enum extended",
        {"enum": ["a", "b"]},
        {"enum": ["a", "b", "c"]},
        True,
        False,
        "ENUM_ARRAY_EXTENDED",
    ),
    (
        "enum narrowed",
        {"type": "string", "enum": ["red", "blue"]},
        {"type": "string", "enum": ["red"]},
        False,
        True,
        "ENUM_ARRAY_NARROWED",
    ),
    (
        "const changed",
        {"const": {"kind": "old"}},
        {"const": {"kind": "new"}},
        False,
        False,
        "ENUM_ARRAY_CHANGED",
    ),
    (
        "enum removed",
        {"type": "string", "enum": ["red"]},
        {"type": "string"},
        True,
        False,
        "ENUM_ARRAY_REMOVED",
    ),
    ("enum added", {"type": "number"}, {"const": 5}, False, True, "ENUM_ARRAY_ADDED"),
    (
        "enum values decide the type change",
        {"type": "number", "enum": [1, 2]},
        {"type": "integer"},
        True,
        False,
        None,
    ),
    (
        "constrained enum is equivalent",
        {"type": "number", "enum": [1]},
        {"type": "number", "enum": [0, 1], "minimum": 1},
        True,
        True,
        None,
    ),
    (
        "boolean domain is finite",
        {"type": "boolean"},
        {"enum": [True, False]},
        True,
        True,
        None,
    ),
    (
        "true is not 1",
        {"const": True},
        {"const": 1},
        False,
        False,
        "ENUM_ARRAY_CHANGED",
    ),
    ("1.0 is 1", {"const": 1.0}, {"const": 1}, True, True, None),
]


@family_cases(ROWS)
def test_enums(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)


def test_removed_value_is_the_counterexample() -> None:
    report = compare({"enum": ["a", "b", "c"]}, {"enum": ["a", "b"]})

    assert report.breaking_changes[0].counterexample == "c"
