from __future__ import annotations

from .families import Row, check_row, family_cases

ROWS: list[Row] = [
    ("same", {"type": "string"}, {"type": "string"}, True, True, None),
    (
        "integer to number",
        {"type": "integer"},
        {"type": "number"},
        True,
        False,
        "TYPE_EXTENDED",
    ),
    (
        "number to integer",
        {"type": "number"},
        {"type": "integer"},
        False,
        True,
        "TYPE_NARROWED",
    ),
    (
        "string to number",
        {"type": "string"},
        {"type": "number"},
        False,
        False,
        "TYPE_CHANGED",
    ),
    (
        "nullable added",
        {"type": "string"},
        {"type": ["string", "null"]},
        True,
        False,
        "SUM_TYPE_EXTENDED",
    ),
    ("type dropped", {"type": "string"}, {}, True, False, None),
    (
        "number range holding one integer",
        {"type": "integer", "minimum": 4, "maximum": 4},
        {"type": "number", "minimum": 4, "maximum": 4},
        True,
        True,
        None,
    ),
    (
        "empty array part ignored",
        {"type": ["string", "array"], "minItems": 2, "maxItems": 1},
        {"type": "string"},
        True,
        True,
        None,
    ),
    ("false to string", False, {"type": "string"}, True, False, "FALSE_SCHEMA_REMOVED"),
    ("string to false", {"type": "string"}, False, False, True, "FALSE_SCHEMA_ADDED"),
]


@family_cases(ROWS)
def test_types(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)
