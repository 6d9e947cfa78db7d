"""Every rule has a failing and a passing fixture; the catalogue is consistent.

A fixture is a small repository in `fixtures/<rule-id>/{fail,pass}/`. The fail
folder's `expected.yaml` lists where the rule must report (file:line:col);
the pass folder must draw no finding of that rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from eventschemas.diagnostics import Severity
from eventschemas.lint.catalogue import LEGACY_NAMES, Level, load, rule_ids
from tests.lint.helpers import FIXTURES, findings, located

RULES = sorted(load())


def _expected(folder: Path) -> list[str]:
    data = yaml.safe_load((folder / "expected.yaml").read_text())
    return [str(entry) for entry in data["findings"]]


@pytest.mark.parametrize("rule", RULES)
def test_rule_reports_the_failing_fixture_at_its_place(rule: str) -> None:
    folder = FIXTURES / rule / "fail"
    expected = _expected(folder)
    assert expected, f"{folder}/expected.yaml lists no finding"
    assert located(findings(folder), rule) == expected


@pytest.mark.parametrize("rule", RULES)
def test_rule_accepts_the_passing_fixture(rule: str) -> None:
    assert located(findings(FIXTURES / rule / "pass"), rule) == []


def test_every_fixture_folder_names_a_rule() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == RULES


def test_catalogue_entries_are_well_formed() -> None:
    for entry in load().values():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", entry.id), entry.id
        assert entry.summary and not entry.summary.endswith(".")
        assert entry.severity in (Severity.ERROR, Severity.WARNING)
        assert entry.command in ("lint", "examples")


def test_levels_nest() -> None:
    from eventschemas.lint.catalogue import selected

    minimal, standard, strict = ({r.id for r in selected(level)} for level in Level)
    assert minimal < standard < strict
    assert "property-snake-case" in minimal
    assert "unknown-keyword" in standard - minimal
    assert "ref-siblings" in strict - standard


def test_legacy_names_map_onto_known_rules() -> None:
    from eventschemas.gate.rules import GATE_RULES

    known = set(load()) | set(GATE_RULES)
    for name, ids in LEGACY_NAMES.items():
        assert set(ids) <= known, name
    assert (
        rule_ids("schema-deterministic-types")
        == LEGACY_NAMES["schema-deterministic-types"]
    )
    assert rule_ids("property-snake-case") == ("property-snake-case",)
    assert rule_ids("schema-version-compatibility") == ("breaking-change",)


def test_rules_page_is_in_sync_with_the_catalogue() -> None:
    from eventschemas.lint import catalogue

    page = Path(catalogue.__file__).with_name("RULES.md")
    # To regenerate: print(catalogue.markdown(), end="") into that file.
    assert page.read_text() == catalogue.markdown()
