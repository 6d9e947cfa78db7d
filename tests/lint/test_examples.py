"""Example validation: formats assert, patterns are ECMA-262, $schema is the $id."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from eventschemas.examples import check_examples
from eventschemas.tree.model import Repository
from eventschemas.validation import CompileError, instance_validator
from tests.conftest import write
from tests.lint.helpers import FIXTURES

BAD_FORMATS = [
    ("date-time", "2026-13-01T00:00:00Z", "2026-01-15T10:00:00Z"),
    ("date-time", "2026-01-15 10:00:00", "2026-01-15T10:00:00+01:00"),
    ("uri", "no scheme here", "https://example.org/a?b#c"),
    ("uri-reference", "\\\\back\\slashes", "/relative/path"),
    ("uuid", "cd58ce9a-048c-41a1-b273", "cd58ce9a-048c-41a1-b273-7efb100896f9"),
    ("email", "nobody", "somebody@example.org"),
    ("regex", "(?P<python>only)", "^(?<js>named)$"),
]


@pytest.mark.parametrize(("name", "bad", "good"), BAD_FORMATS)
def test_formats_are_asserted(name: str, bad: str, good: str) -> None:
    validator = instance_validator({"type": "string", "format": name})
    assert not validator.is_valid(bad)
    assert validator.is_valid(good)


def test_patterns_use_ecma262_semantics() -> None:
    # Python's re has no \p{...}; ECMAScript (unicode mode) reads it as a class.
    validator = instance_validator({"type": "string", "pattern": r"^\p{Lu}"})
    assert validator.is_valid("Ärger")
    assert not validator.is_valid("ärger")
    names = instance_validator(
        {"type": "object", "patternProperties": {r"^\p{Ll}+$": {"type": "integer"}}}
    )
    assert not names.is_valid({"größe": "big"})
    assert names.is_valid({"Größe": "big"})


def _repo(tmp_path: Path, fixture: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / fixture, root)
    return root


def _publish(root: Path, version: str, text: str) -> Path:
    return write(root / f"jsonschema/thing/event/{version}.yaml", text)


def _found(root: Path) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    result = check_examples(Repository.open(root))
    return [(d.rule, d.path, d.line, d.column, d.extra) for d in result.diagnostics]


def test_published_failure_is_reported_in_its_own_file(tmp_path: Path) -> None:
    root = _repo(tmp_path, "example-valid/pass")
    current = (root / "jsonschema/thing/event/current.yaml").read_text()
    old = current.replace("1.0.0", "0.9.0").replace(
        "$schema: { $ref: '#/$id' }", "$schema: /thing/event/0.9.0"
    )
    _publish(root, "0.9.0", old.replace("stream: thing.event", "stream: 7"))
    [(rule, path, line, column, extra)] = _found(root)
    assert (rule, path, line, column) == (
        "example-valid",
        "jsonschema/thing/event/0.9.0.yaml",
        27,
        7,
    )
    assert extra["instance_path"] == "/meta/stream"
    assert extra["schema_path"] == "/properties/meta/properties/stream/type"


def test_example_published_with_the_current_version_is_checked_once(
    tmp_path: Path,
) -> None:
    root = _repo(tmp_path, "example-valid/fail")
    current = (root / "jsonschema/thing/event/current.yaml").read_text()
    _publish(root, "1.0.0", current.replace("{ $ref: '#/$id' }", "/thing/event/1.0.0"))
    assert [f[:2] for f in _found(root)] == [
        ("example-valid", "jsonschema/thing/event/current.yaml")
    ]


def test_ref_form_is_only_for_current_files(tmp_path: Path) -> None:
    root = _repo(tmp_path, "example-valid/pass")
    current = (root / "jsonschema/thing/event/current.yaml").read_text()
    _publish(root, "0.9.0", current.replace("1.0.0", "0.9.0"))
    # An object is not the $id, and not a string either.
    assert sorted(f[:4] for f in _found(root)) == [
        ("example-schema-id", "jsonschema/thing/event/0.9.0.yaml", 25, 5),
        ("example-valid", "jsonschema/thing/event/0.9.0.yaml", 25, 5),
    ]


def test_missing_schema_uri_is_reported(tmp_path: Path) -> None:
    root = _repo(tmp_path, "example-valid/pass")
    path = root / "jsonschema/thing/event/current.yaml"
    path.write_text(
        path.read_text().replace("  - $schema: { $ref: '#/$id' }\n    meta", "  - meta")
    )
    rules = sorted(f[0] for f in _found(root))
    assert rules == ["example-schema-id", "example-valid"]


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    """The passing fixture with the first `old` of its current.yaml made `new`."""
    root = _repo(tmp_path, "example-valid/pass")
    path = root / "jsonschema/thing/event/current.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return root


def test_schema_that_does_not_compile_is_reported_once(tmp_path: Path) -> None:
    root = _edited(
        tmp_path,
        "      type: string\n",
        "      type: string\n      pattern: '(?<open'\n",
    )
    found = check_examples(Repository.open(root)).diagnostics
    assert [(d.rule, d.pointer, d.line) for d in found] == [
        ("example-valid", "/examples", 25)
    ]
    assert "does not compile" in found[0].message


def test_a_published_schema_that_does_not_compile_is_reported_in_its_file(
    tmp_path: Path,
) -> None:
    # Its examples all repeat current.yaml's, so none is validated again; the
    # schema itself, which differs from what current.yaml builds, still is.
    root = _repo(tmp_path, "example-valid/pass")
    current = (root / "jsonschema/thing/event/current.yaml").read_text()
    published = current.replace("{ $ref: '#/$id' }", "/thing/event/1.0.0")
    published = published.replace(
        "      type: string\n", "      type: string\n      pattern: '(?<open'\n", 1
    )
    _publish(root, "1.0.0", published)
    found = check_examples(Repository.open(root)).diagnostics
    assert [(d.rule, d.path, d.pointer) for d in found] == [
        ("example-valid", "jsonschema/thing/event/1.0.0.yaml", "/examples")
    ]
    assert "does not compile" in found[0].message


@pytest.mark.parametrize("lean", [False, True], ids=["examples", "service"])
def test_a_nested_uuid_is_asserted(lean: bool) -> None:
    meta = {"type": "object", "properties": {"id": {"format": "uuid"}}}
    schema = {"type": "object", "properties": {"meta": meta}}
    validator = instance_validator(schema, lean=lean)
    assert not validator.is_valid({"meta": {"id": "nope"}})
    assert validator.is_valid({"meta": {"id": "cd58ce9a-048c-41a1-b273-7efb100896f9"}})


def test_a_format_that_is_not_a_name_is_a_compile_error() -> None:
    # Looking for custom formats must not trip over it first (a list is
    # unhashable): the metaschema check reports it.
    with pytest.raises(CompileError):
        instance_validator({"properties": {"odd": {"format": ["a", "list"]}}})


def test_an_example_with_a_non_json_value_is_reported(tmp_path: Path) -> None:
    root = _edited(
        tmp_path, "    dt: '2026-01-01T00:00:00Z'\n", "    dt: !!timestamp 2026-01-01\n"
    )
    found = check_examples(Repository.open(root)).diagnostics
    assert [(d.rule, d.pointer) for d in found] == [("example-valid", "/examples/0")]
    assert "JSON values only" in found[0].message
