"""Schema text is data: markup in it renders as text, in HTML and in Markdown."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from eventschemas.docs import build_site
from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from tests.conftest import write
from tests.docs.sitecheck import (
    check_html_site,
    element_text,
    markdown_html,
    parse_strict,
)

EVIL = '<script>alert("x")</script>'
SCHEMA = """
title: evil/thing
description: 'Says {evil} & more. Second sentence.'
$id: /evil/thing/{version}
$schema: https://json-schema.org/draft-07/schema#
type: object
properties:
  '<img src=x onerror=alert(1)>':
    type: string
    description: '{evil}'
  choice:
    type: string
    enum: {enum}
  'pipe|name':
    type: string
    pattern: '^<b>*_[x]|#$'
examples:
  - choice: '{evil}'
"""


@pytest.fixture(scope="module")
def evil_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil") / "repo"
    write(root / ".event-schemas.yaml", "schema_base_path: jsonschema\n")
    write(
        root / "streams.yaml",
        f"streams:\n  evil:\n    schema_title: evil/thing\n    description: '{EVIL}'\n",
    )
    current = root / "jsonschema/evil/thing/current.yaml"
    for version, enum in (("1.0.0", "[a]"), ("1.1.0", f"[a, '{EVIL}']")):
        write(current, SCHEMA.format(evil=EVIL, version=version, enum=enum))
        materialize(Repository.open(root))
    return root


def built(repo: Path, out: Path, markdown: bool) -> Path:
    build_site(Repository.open(repo), out, fmt="markdown" if markdown else "html")
    return out / "evil/thing" / ("README.md" if markdown else "index.html")


def assert_inert(tree: Element) -> None:
    scripts = list(tree.iter("script"))
    assert all(s.get("src", "").endswith("assets/filter.js") for s in scripts)
    assert not list(tree.iter("img"))
    assert all(not key.startswith("on") for e in tree.iter() for key in e.attrib)


def test_html_pages_show_markup_as_text(evil_repo: Path, tmp_path: Path) -> None:
    page = built(evil_repo, tmp_path / "site", markdown=False)
    tree = parse_strict(page)
    text = element_text(tree)

    assert_inert(tree)
    assert text.count(EVIL) >= 4  # description, field, example, change list
    assert "<img src=x onerror=alert(1)>" in text
    assert check_html_site(tmp_path / "site").problems == []


def test_the_index_shows_markup_as_text(evil_repo: Path, tmp_path: Path) -> None:
    built(evil_repo, tmp_path / "site", markdown=False)
    tree = parse_strict(tmp_path / "site/index.html")

    assert_inert(tree)
    assert f"Says {EVIL} & more." in element_text(tree)


def test_markdown_pages_show_markup_as_text(evil_repo: Path, tmp_path: Path) -> None:
    page = built(evil_repo, tmp_path / "md", markdown=True)
    tree = markdown_html(page)
    text = element_text(tree)

    assert "<script" not in page.read_text("utf-8")
    assert_inert(tree)
    assert f"Says {EVIL} & more." in text
    assert "pipe|name" in text and "^<b>*_[x]|#$" in text
    assert text.count(EVIL) >= 4
