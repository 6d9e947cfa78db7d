from __future__ import annotations

from .families import Row, check_row, family_cases

A = {"type": "array"}
DRAFT_2020 = {"$schema": "https://json-schema.org/draft/2020-12/schema"}

ROWS: list[Row] = [
    ("items added", A, {**A, "items": {"type": "string"}}, False, True, "SCHEMA_ADDED"),
    (
        "items removed",
        {**A, "items": {"type": "string"}},
        A,
        True,
        False,
        "SCHEMA_REMOVED",
    ),
    (
        "items type changed",
        {**A, "items": {"type": "string"}},
        {**A, "items": {"type": "number"}},
        False,
        False,
        "TYPE_CHANGED",
    ),
    (
        "tuple item changed",
        {**A, "items": [{"type": "string"}]},
        {**A, "items": [{"type": "number"}]},
        False,
        False,
        "TYPE_CHANGED",
    ),
    (
        "tuple item added to closed",
        {**A, "items": [{"type": "string"}], "additionalItems": False},
        {
            **A,
            "items": [{"type": "string"}, {"type": "number"}],
            "additionalItems": False,
        },
        True,
        False,
        "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL",
    ),
    (
        "tuple item added to open",
        {**A, "items": [{"type": "string"}]},
        {**A, "items": [{"type": "string"}, {"type": "number"}]},
        False,
        True,
        "ITEM_ADDED_TO_OPEN_CONTENT_MODEL",
    ),
    (
        "tuple item removed to open",
        {**A, "items": [{"type": "string"}, {"type": "number"}]},
        {**A, "items": [{"type": "string"}]},
        True,
        False,
        "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
    ),
    (
        "additionalItems closed",
        {**A, "items": [{}], "additionalItems": True},
        {**A, "items": [{}], "additionalItems": False},
        False,
        True,
        "ADDITIONAL_ITEMS_REMOVED",
    ),
    (
        "additionalItems ignored without a tuple",
        {"additionalItems": True},
        {"additionalItems": False},
        True,
        True,
        None,
    ),
    (
        "prefixItems, 2020-12",
        {**DRAFT_2020, **A, "prefixItems": [{"type": "string"}]},
        {**DRAFT_2020, **A, "prefixItems": [{"type": "integer"}]},
        False,
        False,
        "TYPE_CHANGED",
    ),
    (
        "2020-12 items closed",
        {**DRAFT_2020, "items": True},
        {**DRAFT_2020, "items": False},
        False,
        True,
        "ADDITIONAL_ITEMS_REMOVED",
    ),
    (
        "maxItems decreased",
        {**A, "maxItems": 2},
        {**A, "maxItems": 1},
        False,
        True,
        "MAX_ITEMS_DECREASED",
    ),
    (
        "minItems increased",
        {**A, "minItems": 1},
        {**A, "minItems": 2},
        False,
        True,
        "MIN_ITEMS_INCREASED",
    ),
    (
        "uniqueItems added",
        {**A, "items": {"type": "integer"}},
        {**A, "items": {"type": "integer"}, "uniqueItems": True},
        False,
        True,
        "UNIQUE_ITEMS_ADDED",
    ),
    (
        "uniqueItems irrelevant below two items",
        {**A, "maxItems": 1},
        {**A, "maxItems": 1, "uniqueItems": True},
        True,
        True,
        None,
    ),
    (
        "contains added",
        A,
        {**A, "contains": {"type": "integer"}},
        False,
        True,
        "CONTAINS_ADDED",
    ),
    (
        "maxContains relaxed",
        {**DRAFT_2020, **A, "contains": {"type": "string"}, "maxContains": 1},
        {**DRAFT_2020, **A, "contains": {"type": "string"}, "maxContains": 2},
        True,
        False,
        "MAX_CONTAINS_INCREASED",
    ),
    (
        "contains guaranteed by a prefix",
        {**DRAFT_2020, **A, "contains": {"type": "integer"}},
        {
            **DRAFT_2020,
            **A,
            "prefixItems": [{"type": "integer"}],
            "items": False,
            "minItems": 1,
        },
        False,
        True,
        None,
    ),
]


@family_cases(ROWS)
def test_arrays(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)
