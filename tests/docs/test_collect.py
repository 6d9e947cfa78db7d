"""Collecting page data: summaries, unpublished titles, streams."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.docs.collect import collect, first_sentence
from eventschemas.tree.model import Repository


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Represents a page. Emitted on create.", "Represents a page."),
        ("One line\n  wrapped here. Second.", "One line wrapped here."),
        ("Fields, e.g. name and id. More.", "Fields, e.g. name and id."),
        ("No full stop", "No full stop"),
        ("", ""),
    ],
)
def test_the_summary_is_the_first_sentence(text: str, summary: str) -> None:
    assert first_sentence(text) == summary


def test_long_sentences_are_cut_at_a_word() -> None:
    summary = first_sentence("word " * 100)

    assert summary.endswith("…") and len(summary) <= 201


def test_an_unpublished_title_is_described_from_its_current_file(
    schema_repo: Path,
) -> None:
    site = collect(Repository.open(schema_repo))
    page = site.pages["thing/change"]

    assert page.latest is None and page.versions == ()
    assert page.summary == "A thing changed."
    assert [s.name for s in page.streams] == ["thing.change"]
    assert {"name", "count", "meta.stream", "dt"} <= {f.path for f in page.fields}
    assert [u.title for u in site.pages["fragment/common"].used_by] == ["thing/change"]
    assert page.examples and '"name": "widget"' in page.examples[0]


def test_a_broken_title_gets_a_page_that_says_why(schema_repo: Path) -> None:
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    current.write_text(current.read_text() + "properties: [\n")

    page = collect(Repository.open(schema_repo)).pages["thing/change"]

    assert page.problem is not None and "current.yaml" in page.problem


def test_a_version_with_only_a_link_is_reported(schema_repo: Path) -> None:
    (schema_repo / "jsonschema/thing/change/1.0.0").symlink_to("1.0.0.yaml")

    page = collect(Repository.open(schema_repo)).pages["thing/change"]

    assert page.problem is not None and "has a link but no schema file" in page.problem
