from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventschemas.errors import LoadError
from eventschemas.tree.loader import load_file, parse_document


def parse(text: str, name: str = "s.yaml") -> object:
    return parse_document(text.encode(), name).data


def error_of(text: str | bytes, name: str = "schema.yaml") -> LoadError:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(LoadError) as caught:
        parse_document(raw, name)
    return caught.value


def test_plain_mapping_and_sequence() -> None:
    assert parse("a: 1\nb: [x, 'y', 2.5]\nc: {d: null}\n") == {
        "a": 1,
        "b": ["x", "y", 2.5],
        "c": {"d": None},
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("2020-07-01T00:00:00Z", "2020-07-01T00:00:00Z"),
        ("2020-07-01", "2020-07-01"),
        ("1.0.1", "1.0.1"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("0x1f", 31),
        ("0o17", 15),
        ("-12", -12),
        ("1e3", 1000.0),
        ("'123'", "123"),
        ("!!str 12", "12"),
    ],
)
def test_scalars_follow_yaml_1_2_core_schema(text: str, expected: object) -> None:
    assert parse(f"v: {text}\n") == {"v": expected}


def test_infinity_and_nan() -> None:
    data = parse("a: .inf\nb: .nan\n")
    assert isinstance(data, dict)
    assert data["a"] == math.inf and math.isnan(data["b"])


def test_duplicate_key_names_line_and_column() -> None:
    error = error_of("title: a\nproperties:\n  x: {}\n  x: {}\n")
    assert "duplicate key 'x'" in error.message
    assert error.position is not None
    assert (error.position.path, error.position.line, error.position.column) == (
        "schema.yaml",
        4,
        3,
    )


def test_non_string_key_is_an_error_with_position() -> None:
    error = error_of("properties:\n  1: {}\n")
    assert "quote it" in error.message
    assert error.position is not None and error.position.line == 2


def test_complex_key_is_an_error() -> None:
    error = error_of("? [a, b]\n: 1\n")
    assert "plain strings" in error.message
    assert error.position is not None and error.position.line == 1


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 7):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    error = error_of("\n".join(lines) + "\n")
    assert "aliases expand" in error.message
    assert error.position is not None and error.position.line > 1


def test_modest_aliases_are_fine() -> None:
    assert parse("base: &b {type: string}\nother: *b\n") == {
        "base": {"type": "string"},
        "other": {"type": "string"},
    }


def test_merge_key() -> None:
    data = parse(
        "base: &b {type: string, maxLength: 3}\nx:\n  <<: *b\n  maxLength: 5\n"
    )
    assert data == {
        "base": {"type": "string", "maxLength": 3},
        "x": {"type": "string", "maxLength": 5},
    }


def test_syntax_error_has_position() -> None:
    error = error_of("a: [1, 2\nb: 3\n")
    assert error.message.startswith("invalid YAML")
    assert error.position is not None and error.position.line >= 2


def test_invalid_utf8_names_line_and_column() -> None:
    error = error_of(b"a: 1\nb: caf\xe9\n")
    assert "not valid UTF-8" in error.message
    assert error.position is not None
    assert (error.position.line, error.position.column) == (2, 7)


def test_two_documents_are_refused() -> None:
    error = error_of("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in error.message
    assert error.position is not None and error.position.line == 2


def test_json_duplicate_key() -> None:
    error = error_of('{\n  "a": 1,\n  "a": 2\n}\n', "schema.json")
    assert "duplicate key 'a'" in error.message
    assert error.position is not None and error.position.line == 3


def test_json_syntax_error() -> None:
    error = error_of('{"a": }', "schema.json")
    assert error.position is not None and error.position.column == 7


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "missing.yaml", "jsonschema/missing.yaml")
    assert str(caught.value).startswith("jsonschema/missing.yaml:1:1: cannot read")


def test_positions_for_pointers() -> None:
    text = (
        "title: t\n"
        "properties:\n"
        "  a/b:\n"
        "    type: string\n"
        "  list:\n"
        "    enum:\n"
        "      - one\n"
        "      - two\n"
    )
    document = parse_document(text.encode(), "t.yaml")
    assert document.position("/properties/a~1b").line == 3
    assert document.position("/properties/a~1b/type").line == 4
    assert document.position("/properties/list/enum/1").line == 8
    # A pointer that does not exist falls back to its nearest ancestor.
    assert document.position("/properties/list/missing").line == 5
    assert str(document.position("/title")) == "t.yaml:1:1"


def test_position_of_malformed_pointers_falls_back_to_the_top() -> None:
    document = parse_document(b"a:\n  b: 1\n", "t.yaml")
    assert document.position("a/b").line == 1
    assert document.position("#/a/b").line == 2
    assert document.position("/nowhere/at/all").line == 1
