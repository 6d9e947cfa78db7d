"""Whole-site checks on real trees: pages, links, strict HTML, offline, raw files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, WIKIMEDIA
from tests.docs.sitecheck import (
    check_html_site,
    check_markdown_site,
    element_text,
    parse_strict,
)

SITES = [("own_site", PROJECT_ROOT), ("wikimedia_site", WIKIMEDIA)]


@pytest.mark.parametrize(("site_fixture", "root"), SITES)
def test_every_title_has_a_page_linked_from_the_index(
    site_fixture: str, root: Path, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    repo = Repository.open(root)
    index = parse_strict(site / "index.html")
    linked = {a.get("href") for a in index.iter("a")}

    for title in repo.titles:
        page = site / title / "index.html"
        assert page.is_file(), title
        assert f"{title}/index.html" in linked
        heading = next(parse_strict(page).iter("h1"))
        assert element_text(heading).startswith(title)


@pytest.mark.parametrize(("site_fixture", "root"), SITES)
def test_links_resolve_html_parses_and_nothing_is_remote(
    site_fixture: str, root: Path, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)

    check = check_html_site(site)

    assert check.problems == []
    assert check.external == []
    assert check.pages == len(Repository.open(root).titles) + 1
    assert check.links > check.pages * 5


@pytest.mark.parametrize(("site_fixture", "root"), SITES)
def test_every_published_file_is_copied_unchanged(
    site_fixture: str, root: Path, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    repo = Repository.open(root)

    for title, entry in repo.titles.items():
        page = (site / title / "index.html").read_text("utf-8")
        for version in entry.versions.values():
            for path in version.files.values():
                assert (site / title / path.name).read_bytes() == path.read_bytes()
                assert f'href="{path.name}"' in page


def test_no_asset_or_font_comes_from_elsewhere(wikimedia_site: Path) -> None:
    css = (wikimedia_site / "assets/site.css").read_text("utf-8")
    script = (wikimedia_site / "assets/filter.js").read_text("utf-8")

    for text in (css, script):
        assert "http:" not in text and "https:" not in text
    assert "@import" not in css and "@font-face" not in css
    assert "prefers-color-scheme: dark" in css


def test_markdown_site_has_the_same_pages_and_its_links_resolve(
    wikimedia_markdown: Path,
) -> None:
    repo = Repository.open(WIKIMEDIA)

    check = check_markdown_site(wikimedia_markdown)

    assert check.problems == []
    assert check.external == []
    for title in repo.titles:
        assert (wikimedia_markdown / title / "README.md").is_file()
    assert not list(wikimedia_markdown.rglob("*.html"))


def test_markdown_page_carries_fields_history_and_breaking_marks(
    wikimedia_markdown: Path,
) -> None:
    text = (wikimedia_markdown / "mediawiki/revision/create/README.md").read_text()

    assert "| <code>performer.user\\_groups\\[\\]</code> | string |" in text
    assert "## Version history" in text
    assert "**Breaking**" in text
    assert "[YAML](1.0.0.yaml)" in text


def test_the_checker_catches_broken_links_and_bad_html(tmp_path: Path) -> None:
    good = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
    (tmp_path / "index.html").write_text(
        good + '<a href="gone/index.html">x</a><a href="#nowhere">y</a></body></html>'
    )
    (tmp_path / "bad.html").write_text(good + "<p>x</div></body></html>")

    check = check_html_site(tmp_path)

    assert len(check.problems) == 3
    assert any("parse error" in p for p in check.problems)
