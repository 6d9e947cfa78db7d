"""The event-platform policy on Wikimedia's own published schema history.

Every consecutive pair of versions within one major version must be compatible
under `event-platform`, except the pairs `.jsonschema-tools.yaml` waives for
`schema-version-compatibility` (those must be found incompatible) and the
genuine breaks listed below, which Wikimedia's own tool missed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
import yaml

from eventschemas.compat import compare, same_major

from .corpora import Version, wikimedia_titles, wikimedia_waivers
from .helpers import assert_separates, validator

# (title, old version, new version) -> (why it breaks, a separating event).
GENUINE_BREAKS: dict[tuple[str, str, str], tuple[str, Any]] = {
    ("fragment/common", "1.0.0", "1.1.0"): (
        "1.1.0 adds `additionalProperties: false` at the top level, so any event "
        "that carried an extra field (valid under 1.0.0) is now rejected.",
        {
            "$schema": "x",
            "meta": {"dt": "2020-01-01T00:00:00Z", "stream": "x"},
            "additionalProperty": None,
        },
    ),
}


def _pairs() -> list[tuple[Version, Version]]:
    pairs = []
    for versions in wikimedia_titles().values():
        for old, new in itertools.pairwise(versions):
            if same_major(old.version, new.version):
                pairs.append((old, new))
    return pairs


def _waived(new: Version) -> bool:
    target = f"/{new.title}/{new.version}"
    return any(
        re.search(pattern.strip("/"), target.strip("/"))
        for pattern in wikimedia_waivers("schema-version-compatibility")
    )


def _load(version: Version) -> Any:
    return yaml.safe_load(version.path.read_text())


PAIRS = _pairs()


def test_corpus_has_pairs_and_waivers() -> None:
    assert len(PAIRS) >= 10
    assert sum(_waived(new) for _, new in PAIRS) == 4


@pytest.mark.parametrize(
    ("old", "new"), PAIRS, ids=[f"{o.title}@{o.version}->{n.version}" for o, n in PAIRS]
)
def test_consecutive_pair_under_event_platform(old: Version, new: Version) -> None:
    before, after = _load(old), _load(new)
    report = compare(before, after, policy="event-platform")
    expected_break = (
        _waived(new) or (old.title, old.version, new.version) in GENUINE_BREAKS
    )

    assert report.compatible is not expected_break, [
        (c.kind, c.path) for c in report.breaking_changes
    ]
    for change in report.breaking_changes:
        if change.has_counterexample:
            assert_separates(change, before, after)
        else:
            assert change.counterexample_note


@pytest.mark.parametrize("pair", sorted(GENUINE_BREAKS))
def test_genuine_break_has_a_counterexample(pair: tuple[str, str, str]) -> None:
    title, old_version, new_version = pair
    versions = {v.version: v for v in wikimedia_titles()[title]}
    before, after = _load(versions[old_version]), _load(versions[new_version])

    report = compare(before, after, policy="event-platform")

    proven = [c for c in report.breaking_changes if c.has_counterexample]
    assert proven
    for change in proven:
        assert_separates(change, before, after)
    _, documented = GENUINE_BREAKS[pair]
    assert validator(before).is_valid(documented)
    assert not validator(after).is_valid(documented)
