"""The public surface: report shape, JSON form, text rendering, transitive runs."""

from __future__ import annotations

import json

import pytest

from eventschemas.compat import Change, compare, compare_transitive, render_text

V1 = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 10}}}
V2 = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 20}}}
V3 = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 15}}}


def test_change_is_frozen() -> None:
    change = compare(V2, V1).changes[0]

    assert isinstance(change, Change)
    with pytest.raises(AttributeError):
        change.kind = "X"  # type: ignore[misc]


def test_to_dict_is_json_ready_and_versioned() -> None:
    data = compare(V2, V1).to_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["format_version"] == 1
    assert data["compatible"] is False
    change = data["changes"][0]
    assert change["kind"] == "MAX_LENGTH_DECREASED"
    assert change["counterexample_valid_under"] == "old"
    assert change["old_location"] == "#/properties/a/maxLength"


def test_render_text_shows_verdict_change_and_counterexample() -> None:
    text = render_text(compare(V2, V1))

    assert text.startswith("INCOMPATIBLE (backward, strict)")
    assert "BREAKING MAX_LENGTH_DECREASED at #/properties/a" in text
    assert "counterexample (valid under old, rejected by new)" in text


def test_render_text_explains_a_missing_counterexample() -> None:
    old = {"type": "string", "pattern": "^[a-c]+$"}
    new = {"type": "string", "pattern": "^[a-d]+$"}

    assert "no counterexample:" in render_text(compare(old, new))


def test_transitive_checks_every_earlier_version() -> None:
    report = compare_transitive([V2, V1], V3)

    assert not report.compatible
    assert [c.against for c in report.breaking_changes] == [0]


def test_non_transitive_mode_checks_only_the_latest() -> None:
    assert compare_transitive([V2, V1], V3, mode="backward").compatible
