from __future__ import annotations

from .families import Row, check_row, family_cases

N = {"type": "number"}
I = {"type": "integer"}  # noqa: E741 - reads as the type name in the table

ROWS: list[Row] = [
    (
        "minimum raised",
        {**N, "minimum": 0},
        {**N, "minimum": 1},
        False,
        True,
        "MINIMUM_INCREASED",
    ),
    (
        "minimum lowered",
        {**N, "minimum": 1},
        {**N, "minimum": 0},
        True,
        False,
        "MINIMUM_DECREASED",
    ),
    ("maximum added", N, {**N, "maximum": 5}, False, True, "MAXIMUM_ADDED"),
    ("maximum removed", {**N, "maximum": 5}, N, True, False, "MAXIMUM_REMOVED"),
    (
        "inclusive to exclusive",
        {**N, "minimum": 0},
        {**N, "exclusiveMinimum": 0},
        False,
        True,
        "EXCLUSIVE_MINIMUM_INCREASED",
    ),
    (
        "draft-04 boolean exclusive",
        {"$schema": "http://json-schema.org/draft-04/schema#", **N, "maximum": 5},
        {
            "$schema": "http://json-schema.org/draft-04/schema#",
            **N,
            "maximum": 5,
            "exclusiveMaximum": True,
        },
        False,
        True,
        None,
    ),
    (
        "integer bounds rounded",
        {**I, "minimum": 0.5},
        {**I, "minimum": 1},
        True,
        True,
        None,
    ),
    (
        "multipleOf reduced",
        {**N, "multipleOf": 10},
        {**N, "multipleOf": 2},
        True,
        False,
        "MULTIPLE_OF_REDUCED",
    ),
    (
        "multipleOf changed",
        {**N, "multipleOf": 10},
        {**N, "multipleOf": 11},
        False,
        False,
        "MULTIPLE_OF_CHANGED",
    ),
    ("multipleOf added", N, {**N, "multipleOf": 2}, False, True, "MULTIPLE_OF_ADDED"),
    (
        "fractional step on integers",
        {**I, "multipleOf": 1.5},
        I,
        True,
        False,
        "MULTIPLE_OF_REMOVED",
    ),
    (
        "decimal steps are exact",
        {**N, "multipleOf": 0.2},
        {**N, "multipleOf": 0.1},
        True,
        False,
        "MULTIPLE_OF_REDUCED",
    ),
]


@family_cases(ROWS)
def test_numbers(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)
