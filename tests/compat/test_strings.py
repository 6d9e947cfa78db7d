from __future__ import annotations

from eventschemas.compat import compare

from .families import Row, check_row, family_cases

S = {"type": "string"}
DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema"

ROWS: list[Row] = [
    (
        "maxLength decreased",
        {**S, "maxLength": 12},
        {**S, "maxLength": 10},
        False,
        True,
        "MAX_LENGTH_DECREASED",
    ),
    (
        "maxLength increased",
        {**S, "maxLength": 10},
        {**S, "maxLength": 12},
        True,
        False,
        "MAX_LENGTH_INCREASED",
    ),
    ("minLength added", S, {**S, "minLength": 3}, False, True, "MIN_LENGTH_ADDED"),
    ("pattern removed", {**S, "pattern": "^a"}, S, True, False, "PATTERN_REMOVED"),
    ("pattern added", S, {**S, "pattern": "^a"}, False, True, "PATTERN_ADDED"),
    (
        "pattern changed, separable",
        {**S, "pattern": "date-time"},
        {**S, "pattern": "uuid"},
        False,
        False,
        "PATTERN_CHANGED",
    ),
    (
        "pattern unchanged",
        {**S, "pattern": "^a+$"},
        {**S, "pattern": "^a+$"},
        True,
        True,
        None,
    ),
    ("format added", S, {**S, "format": "date-time"}, False, True, "FORMAT_ADDED"),
    (
        "format changed",
        {**S, "format": "email"},
        {**S, "format": "uuid"},
        False,
        False,
        "FORMAT_CHANGED",
    ),
    (
        "unknown format is an annotation",
        S,
        {**S, "format": "wikimedia-title"},
        True,
        True,
        None,
    ),
    (
        "2020-12 format is an annotation",
        {"$schema": DRAFT_2020, **S, "format": "email"},
        {"$schema": DRAFT_2020, **S, "format": "uuid"},
        True,
        True,
        None,
    ),
]


@family_cases(ROWS)
def test_strings(
    name: str, old: object, new: object, backward: bool, forward: bool, kind: str | None
) -> None:
    check_row(old, new, backward, forward, kind)


def test_pattern_change_without_separating_sample_is_unproven() -> None:
    # Every "^[a-c]+$" string matches "^[a-d]+$", but the engine cannot prove
    # regular-language inclusion: it flags the change and says why.
    report = compare({**S, "pattern": "^[a-c]+$"}, {**S, "pattern": "^[a-d]+$"})

    change = report.breaking_changes[0]
    assert change.kind == "PATTERN_CHANGED"
    assert not change.has_counterexample
    assert "cannot be proven" in (change.counterexample_note or "")


def test_ecma_only_pattern_is_understood() -> None:
    report = compare(
        {**S, "pattern": "^\\cC$"}, {**S, "pattern": "^\\x03$"}, mode="full"
    )

    assert [c.kind for c in report.breaking_changes] == ["PATTERN_CHANGED"]
    assert all(c.counterexample_note for c in report.breaking_changes)
