"""Lint reports schemas its metaschema rejects; it never crashes on them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eventschemas.lint import Level, lint
from eventschemas.tree.model import Repository
from tests.lint.helpers import FIXTURES

PUBLISHED_HEAD = (
    "title: thing/event\n$id: /thing/event/0.9.0\n"
    "$schema: https://json-schema.org/draft-07/schema#\n"
)


def _root_key(text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        current = root / "jsonschema/thing/event/current.yaml"
        current.write_text(current.read_text() + text)

    return change


def _published(text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / "jsonschema/thing/event/0.9.0.yaml"
        path.write_text(PUBLISHED_HEAD + text)

    return change


ODD = {
    "x-lint-ignore holding a mapping": _root_key("x-lint-ignore: [{a: 1}]\n"),
    "properties as a list": _published("properties: [meta]\n"),
    "examples not a list": _published("examples: 5\n"),
    "required not a list in a oneOf branch": _root_key(
        "oneOf: [{type: object, required: 5}, {type: object, required: [a]}]\n"
    ),
}


@pytest.mark.parametrize("case", list(ODD))
def test_malformed_schema_is_linted_without_crashing(tmp_path: Path, case: str) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example-valid" / "pass", root)
    ODD[case](root)
    (root / "streams.yaml").write_text(
        "streams:\n  thing.event:\n    schema_title: thing/event\n"
    )
    result = lint(Repository.open(root), level=Level.STRICT)
    assert result.diagnostics  # the odd construct is reported, not a crash
