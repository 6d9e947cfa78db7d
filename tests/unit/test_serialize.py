"""`to_yaml` writes exactly the bytes PyYAML's safe representer writes.

Materialized files are compared byte for byte, so the direct node builder in
`tree.yaml_writer` must never change a byte of what PyYAML (with our string
representer) produced: checked on real trees and on generated data.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventschemas.tree import serialize, yaml_writer
from eventschemas.tree.loader import load_file
from tests.conftest import PROJECT_ROOT, WIKIMEDIA


class _PlainDumper(yaml.CSafeDumper):
    """PyYAML's own dumper with only our string style: no shortcuts at all."""


_PlainDumper.add_representer(str, yaml_writer._represent_str)  # type: ignore[arg-type]


def _reference(data: Any) -> bytes:
    """What PyYAML's own representer and resolver write, same settings."""
    text = yaml.dump(
        data,
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text.encode("utf-8")


def _files(root: Path) -> list[Path]:
    return sorted((root / "jsonschema").rglob("*.yaml"))


@pytest.mark.parametrize("root", [PROJECT_ROOT, WIKIMEDIA], ids=["ours", "wikimedia"])
def test_every_schema_of_a_real_tree_is_written_alike(root: Path) -> None:
    files = _files(root)
    assert len(files) > 20
    for path in files:
        data = load_file(path).data
        assert serialize.to_yaml(data) == _reference(data), path


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(list("\n\t\r :#-'\"&*!|>%@`{}[],?\x85\u2028\u2029 ")),
    max_size=40,
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
    | st.sampled_from(["yes", "no", "on", "null", "~", "1e3", "0x1F", "1_000", ""])
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_generated_data_is_written_alike(data: Any) -> None:
    assert serialize.to_yaml(data) == _reference(data)


@given(JSON)
def test_a_container_met_twice_becomes_an_alias_as_before(data: Any) -> None:
    shared = {"shared": data}
    both = {"first": shared, "second": [shared, shared]}
    written = serialize.to_yaml(both)
    assert written == _reference(both)
    assert b"&id001" in written and b"*id001" in written


def test_other_types_fall_back_to_pyyaml() -> None:
    data = {"when": datetime.date(2020, 1, 1), "raw": b"\x00\x01"}
    assert serialize.to_yaml(data) == _reference(data)


def _reference_json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@pytest.mark.parametrize("root", [PROJECT_ROOT, WIKIMEDIA], ids=["ours", "wikimedia"])
def test_every_schema_of_a_real_tree_is_written_alike_as_json(root: Path) -> None:
    for path in _files(root):
        data = load_file(path).data
        assert serialize.to_json(data) == _reference_json(data), path


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_generated_data_is_written_alike_as_json(data: Any) -> None:
    assert serialize.to_json(data) == _reference_json(data)
