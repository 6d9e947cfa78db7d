"""Checks over a built site: strict HTML parsing, links, ids, offline-ness."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib
from markdown_it import MarkdownIt

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src"}


@dataclass
class SiteCheck:
    """What a walk over the site found: pages, links, and every problem."""

    root: Path
    pages: int = 0
    links: int = 0
    external: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _ids: dict[Path, set[str]] = field(default_factory=dict)


def parse_strict(path: Path) -> Element:
    """Parse one HTML file; html5lib's strict mode raises on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(path.read_bytes())
    return tree


def markdown_html(path: Path) -> Element:
    """Render a Markdown page as GitHub-like CommonMark (tables, raw HTML on)."""
    html = MarkdownIt("commonmark").enable("table").render(path.read_text("utf-8"))
    tree: Element = html5lib.parseFragment(
        f"<div>{html}</div>", namespaceHTMLElements=False
    )
    return tree


def check_html_site(root: Path) -> SiteCheck:
    check = SiteCheck(root)
    for path in sorted(root.rglob("*.html")):
        try:
            tree = parse_strict(path)
        except html5lib.html5parser.ParseError as exc:
            check.problems.append(f"{path}: HTML parse error: {exc}")
            continue
        _check_page(check, path, tree)
    return check


def check_markdown_site(root: Path) -> SiteCheck:
    check = SiteCheck(root)
    for path in sorted(root.rglob("*.md")):
        _check_page(check, path, markdown_html(path))
    return check


def element_text(element: Element) -> str:
    return "".join(element.itertext())


def _check_page(check: SiteCheck, path: Path, tree: Element) -> None:
    check.pages += 1
    ids = [str(e.get("id")) for e in tree.iter() if e.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        check.problems.append(f"{path}: duplicate ids {sorted(duplicates)}")
    check._ids[path.resolve()] = {str(i) for i in ids}
    for element in tree.iter():
        attribute = _LINKING.get(str(element.tag))
        target = element.get(attribute) if attribute else None
        if target is not None:
            check.links += 1
            _check_link(check, path, element, target)


def _check_link(check: SiteCheck, page: Path, element: Element, target: str) -> None:
    if _SCHEME.match(target) or target.startswith("//"):
        if element.get("rel") != "canonical":
            check.external.append(f"{page}: {target}")
        return
    parts = urlsplit(target)
    base = page.resolve()
    resolved = (base.parent / unquote(parts.path)).resolve() if parts.path else base
    if resolved.is_dir():
        resolved = resolved / "index.html"
    if not resolved.is_relative_to(check.root.resolve()) or not resolved.is_file():
        check.problems.append(f"{page}: link {target!r} leads to no file of the site")
        return
    fragment = parts.fragment
    if (
        fragment
        and resolved.suffix == ".html"
        and fragment not in _ids_of(check, resolved)
    ):
        check.problems.append(f"{page}: link {target!r}: no such id")


def _ids_of(check: SiteCheck, path: Path) -> set[str]:
    if path not in check._ids:
        tree = parse_strict(path)
        check._ids[path] = {str(e.get("id")) for e in tree.iter() if e.get("id")}
    return check._ids[path]
