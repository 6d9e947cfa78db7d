"""The site in a real headless Chromium: filter, navigate, read, in both schemes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

TITLE = "mediawiki/revision/create"


class Watched:
    """A page plus everything it complained about or tried to fetch."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")


@pytest.fixture(params=["light", "dark"])
def watched(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(
        color_scheme=request.param, viewport={"width": 1200, "height": 900}
    )
    yield Watched(context.new_page())
    context.close()


def visible_rows(page: Page) -> int:
    count: int = page.locator("tr[data-filter]:visible").count()
    return count


def test_filter_navigate_and_read_a_schema_page(
    watched: Watched, wikimedia_site: Path, screenshots: Path
) -> None:
    page = watched.page
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    name = "dark" if scheme else "light"
    page.goto((wikimedia_site / "index.html").as_uri())
    total = page.locator("tr[data-filter]").count()
    assert total == visible_rows(page) == 53

    page.locator("#filter").press_sequentially("revision create")
    assert 0 < visible_rows(page) < total
    assert "schemas match" in page.locator("#filter-status").inner_text()
    for row in page.locator("tr[data-filter]:visible").all():
        text = row.get_attribute("data-filter") or ""
        assert "revision" in text and "create" in text
    assert page.locator("section.namespace:visible").count() < 10
    page.screenshot(path=screenshots / f"index-filtered-{name}.png")

    page.get_by_role("link", name=TITLE, exact=True).click()
    page.wait_for_url(f"**/{TITLE}/index.html")
    fields = page.locator("table.fields")
    assert fields.locator("th", has_text="performer.user_groups[]").count() == 1
    history = page.locator("section#history")
    assert history.locator("article.version").count() == 4
    assert history.locator(".badge", has_text="Breaking").count() > 0
    page.screenshot(path=screenshots / f"schema-page-{name}.png")
    history.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"history-{name}.png")

    assert watched.errors == []
    assert all(url.startswith("file://") for url in watched.requests)


def test_the_color_scheme_follows_the_reader(watched: Watched, own_site: Path) -> None:
    page = watched.page
    page.goto((own_site / "error/index.html").as_uri())
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")

    background = page.evaluate(
        "getComputedStyle(document.documentElement).backgroundColor"
    )

    assert background == ("rgb(15, 20, 25)" if dark else "rgb(255, 255, 255)")
    assert watched.errors == []


def test_the_index_works_from_the_keyboard(browser: Browser, own_site: Path) -> None:
    page = browser.new_page()
    page.goto((own_site / "index.html").as_uri())

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "filter"
    page.keyboard.type("zzz-nothing")
    assert visible_rows(page) == 0
    page.keyboard.press("Escape")
    assert visible_rows(page) == page.locator("tr[data-filter]").count()

    page.keyboard.press("Tab")  # from the filter into the namespace links
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.close()
