"""Loading the labelled corpora in ../shared/corpora (read in place, never copied)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA = REPO_ROOT / ".." / "shared" / "corpora"
CONFLUENT = CORPORA / "confluent"
JSONCOMPAT = CORPORA / "jsoncompat" / "tests" / "fixtures" / "backcompat"
WIKIMEDIA = CORPORA / "wikimedia-primary"
CONFLUENT_FILES = (
    "diff-schema-examples.json",
    "diff-schema-examples-2020-12.json",
    "diff-combined-schema-examples.json",
    "diff-combined-schema-examples-2020-12.json",
)
# The corpus README: every jsoncompat fixture is Draft 2020-12.
JSONCOMPAT_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Case:
    """One labelled pair: `expected` maps "<mode>/<policy>" to the verdict."""

    source: str
    name: str
    old: Any
    new: Any
    expected: dict[str, bool]


def confluent_cases(filename: str) -> list[Case]:
    # Upstream parses this file leniently; it carries trailing commas.
    text = re.sub(r",(\s*[}\]])", r"\1", (CONFLUENT / filename).read_text())
    cases = []
    for index, entry in enumerate(json.loads(text)):
        expected = {"backward/strict": entry["compatible"]}
        expected["backward/lenient"] = entry.get(
            "compatible_lenient", entry["compatible"]
        )
        name = f"{index}: {entry['description']}"
        cases.append(
            Case(
                filename,
                name,
                entry["original_schema"],
                entry["update_schema"],
                expected,
            )
        )
    return cases


def jsoncompat_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in JSONCOMPAT.iterdir() if p.is_dir()):
        expect = json.loads((folder / "expect.json").read_text())
        old = _with_dialect(json.loads((folder / "old.json").read_text()))
        new = _with_dialect(json.loads((folder / "new.json").read_text()))
        expected = {
            "backward/strict": expect["deserializer"],
            "forward/strict": expect["serializer"],
        }
        cases.append(Case("jsoncompat", folder.name, old, new, expected))
    return cases


def _with_dialect(schema: Any) -> Any:
    if isinstance(schema, dict) and "$schema" not in schema:
        return {"$schema": JSONCOMPAT_DIALECT, **schema}
    return schema


@dataclass(frozen=True)
class Version:
    title: str
    version: str
    path: Path

    @property
    def key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))


def wikimedia_titles() -> dict[str, list[Version]]:
    """Published versions per title; `latest` and extensionless link files skipped."""
    root = WIKIMEDIA / "jsonschema"
    titles: dict[str, list[Version]] = {}
    for path in sorted(root.rglob("*.yaml")):
        if not re.fullmatch(r"\d+\.\d+\.\d+", path.stem):
            continue
        title = path.parent.relative_to(root).as_posix()
        titles.setdefault(title, []).append(Version(title, path.stem, path))
    for versions in titles.values():
        versions.sort(key=lambda v: v.key)
    return titles


def wikimedia_waivers(test_name: str) -> list[str]:
    """Path patterns `.jsonschema-tools.yaml` exempts from one of its tests."""
    import yaml

    config = yaml.safe_load((WIKIMEDIA / ".jsonschema-tools.yaml").read_text())
    skipped = config.get("skipSchemaTestCases", {})
    return [pattern for pattern, tests in skipped.items() if test_name in tests]
