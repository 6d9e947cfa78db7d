"""Materializing wikimedia-primary's current files reproduces its published latest.

Each title's latest versioned file is deleted first, so the materializer has to
rebuild it (and any fragment version it depends on) from current files alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventschemas.tree.loader import load_file
from eventschemas.tree.materialize import Materializer, materialize
from eventschemas.tree.model import Repository

# Titles whose rebuilt latest differs from the published one, and why.
EXPLAINED = {
    # current.yaml says maximum: 18446744073709551615 (uint64 max). Node wrote
    # the double nearest to it, 18446744073709552000; we keep the exact value.
    "development/webrequest": "/properties/sequence/maximum",
}


def _without_missing_examples(published: Any, ours: Any) -> tuple[Any, int]:
    """Drop `examples` that only the published file has; count them."""
    if isinstance(published, dict) and isinstance(ours, dict):
        dropped = 0
        kept = {}
        for key, value in published.items():
            if key == "examples" and "examples" not in ours:
                dropped += 1
                continue
            kept[key], sub = _without_missing_examples(value, ours.get(key))
            dropped += sub
        return kept, dropped
    if isinstance(published, list) and isinstance(ours, list):
        pairs = [
            _without_missing_examples(p, o)
            for p, o in zip(published, ours, strict=False)
        ]
        rest = published[len(ours) :]
        return [p for p, _ in pairs] + rest, sum(d for _, d in pairs)
    return published, 0


def _first_difference(a: Any, b: Any, at: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{at}/{key}")
    return at


def test_current_files_reproduce_published_latest(
    wikimedia_copy: Path, report: Callable[[str], None]
) -> None:
    repo = Repository.open(wikimedia_copy)
    published: dict[str, Any] = {}
    for title, entry in repo.titles.items():
        latest = entry.latest
        if entry.current is None or latest is None:
            continue
        for path in latest.files.values():
            published[title] = load_file(path).data
            path.unlink()

    repo = Repository.open(wikimedia_copy)
    materializer = Materializer(repo)
    exact = tolerated = 0
    differing: dict[str, str] = {}
    for title in sorted(published):
        ours = materializer.build(title)
        if ours == published[title]:
            exact += 1
            continue
        stripped, dropped = _without_missing_examples(published[title], ours)
        if stripped == ours and dropped:
            tolerated += 1
        else:
            differing[title] = _first_difference(stripped, ours)

    reproduced = exact + tolerated
    report(
        f"wikimedia-primary: {reproduced}/{len(published)} titles reproduced "
        f"({exact} exactly, {tolerated} except examples jsonschema-tools generated); "
        f"differing: {differing}"
    )
    assert len(published) == 53
    assert differing == EXPLAINED
    assert reproduced == len(published) - len(EXPLAINED)


def test_materialize_check_is_clean_on_the_untouched_corpus(
    wikimedia_copy: Path,
) -> None:
    run = materialize(Repository.open(wikimedia_copy), check=True)
    assert run.differences == []
    assert len(run.titles) == 53
