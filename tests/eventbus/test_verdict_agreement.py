"""jsonschema-rs, as the service and `examples` compile it, agrees with `jsonschema`.

Both validate every example of every published version of the bundled tree and
of wikimedia-primary, and a set of invalid variants of each example: a missing
required property, a wrongly typed value, and malformed formatted strings.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventschemas.tree.model import Repository
from eventschemas.validation import instance_validator
from tests.conftest import PROJECT_ROOT, WIKIMEDIA

_BAD_FORMATS = {
    "date-time": ["2026-13-01T00:00:00Z", "yesterday", "2026-01-01 00:00:00"],
    "uri": ["not a uri", "//no-scheme"],
    "uri-reference": ["http://exa mple.org/"],
    "uuid": ["not-a-uuid", "1234"],
    "email": ["no-at-sign"],
}


def _versions(root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    repo = Repository.open(root)
    for entry in repo.titles.values():
        for version in entry.sorted_versions():
            path = version.primary_file(repo.config.content_types)
            if path is not None:
                yield repo.display(path), repo.document(path).data


def _variants(schema: dict[str, Any], example: dict[str, Any]) -> Iterator[Any]:
    yield example
    properties = schema.get("properties", {})
    for name in schema.get("required", []):
        broken = copy.deepcopy(example)
        broken.pop(name, None)
        yield broken
    for name, sub in properties.items():
        if name not in example or not isinstance(sub, dict):
            continue
        wrong = copy.deepcopy(example)
        wrong[name] = {"unexpected": True} if sub.get("type") != "object" else "text"
        yield wrong
        for bad in _BAD_FORMATS.get(sub.get("format", ""), []):
            malformed = copy.deepcopy(example)
            malformed[name] = bad
            yield malformed


def _cases(root: Path) -> list[Any]:
    cases = []
    for path, schema in _versions(root):
        for example in schema.get("examples") or []:
            if isinstance(example, dict):
                cases.append(pytest.param(schema, example, id=path))
    return cases


@pytest.mark.parametrize(
    ("schema", "example"), _cases(PROJECT_ROOT) + _cases(WIKIMEDIA)
)
def test_same_verdicts(schema: dict[str, Any], example: dict[str, Any]) -> None:
    fast = instance_validator(schema)
    # Every format jsonschema knows, as instance_validator asserts uuid in draft-07.
    reference = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.FormatChecker()
    )
    verdicts = []
    for instance in _variants(schema, example):
        verdict = fast.is_valid(instance)
        assert verdict == reference.is_valid(instance), instance
        verdicts.append(verdict)
    # The variants must exercise both answers, or agreement would prove nothing.
    if schema.get("required"):
        assert False in verdicts
