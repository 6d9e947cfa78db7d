from __future__ import annotations

from typing import Any

import pytest

from eventschemas.compat import compare
from eventschemas.errors import RefError

from .helpers import verdicts

COMMON_V1 = {"definitions": {"dt": {"type": "string", "maxLength": 128}}}
COMMON_V2 = {"definitions": {"dt": {"type": "string", "maxLength": 64}}}


def _event(common: str) -> dict[str, Any]:
    return {
        "$id": "/event/1.0.0",
        "type": "object",
        "properties": {"dt": {"$ref": f"/fragment/{common}#/definitions/dt"}},
        "required": ["dt"],
    }


def test_local_refs_resolve_inside_the_schema() -> None:
    old = {
        "$ref": "#/definitions/a",
        "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"type": "string"}},
    }
    new = {
        "$ref": "#/definitions/a",
        "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"type": "number"}},
    }

    assert verdicts(old, new) == (False, False)


def test_moving_into_a_definition_is_no_change() -> None:
    inline = {"type": "string"}
    moved = {"$ref": "#/definitions/s", "definitions": {"s": {"type": "string"}}}

    assert compare(inline, moved, mode="full").changes == []
    assert compare(moved, inline, mode="full").changes == []


def test_remote_refs_go_through_the_resolver_with_fragment_stripped() -> None:
    asked: list[str] = []
    documents = {"/fragment/v1": COMMON_V1, "/fragment/v2": COMMON_V2}

    def resolver(uri: str) -> Any:
        asked.append(uri)
        return documents[uri]

    report = compare(_event("v1"), _event("v2"), resolver=resolver)

    assert sorted(set(asked)) == ["/fragment/v1", "/fragment/v2"]
    assert [c.kind for c in report.breaking_changes] == ["MAX_LENGTH_DECREASED"]
    assert (
        report.breaking_changes[0].new_location
        == "/fragment/v2#/definitions/dt/maxLength"
    )
    assert report.breaking_changes[0].counterexample == {"dt": "x" * 65}


def test_remote_ref_without_resolver_is_an_error() -> None:
    with pytest.raises(RefError, match="no resolver"):
        compare(_event("v1"), _event("v2"))


def test_dangling_local_ref_is_an_error() -> None:
    with pytest.raises(RefError, match="dangles"):
        compare({"$ref": "#/definitions/missing"}, {})


def test_recursive_schemas_reach_a_fixpoint() -> None:
    def tree(leaf: str) -> dict[str, Any]:
        return {
            "$ref": "#/definitions/node",
            "definitions": {
                "node": {
                    "type": "object",
                    "properties": {
                        "value": {"type": leaf},
                        "children": {
                            "type": "array",
                            "items": {"$ref": "#/definitions/node"},
                        },
                    },
                }
            },
        }

    assert verdicts(tree("integer"), tree("integer")) == (True, True)
    assert verdicts(tree("integer"), tree("number")) == (True, False)
    report = compare(tree("number"), tree("integer"))
    assert report.breaking_changes[0].counterexample == {"value": 0.5}


def test_2020_ref_beside_other_keywords_is_a_conjunction() -> None:
    base = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {"s": {"type": "string"}},
    }
    old = {**base, "$ref": "#/$defs/s"}
    new = {**base, "$ref": "#/$defs/s", "maxLength": 3}

    assert verdicts(old, new) == (False, True)
