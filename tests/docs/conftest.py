"""Fixtures for the docs tests: sites built once per session, and Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from eventschemas.docs import Format, build_site
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, WIKIMEDIA

CHROMIUM = Path("/usr/bin/chromium")
# Debian's own Chromium, headless; nothing is downloaded and nothing phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
APT_PACKAGES = ("chromium", "fonts-dejavu-core")


def _build(root: Path, out: Path, fmt: Format = "html") -> Path:
    build_site(Repository.open(root), out, fmt=fmt)
    return out


@pytest.fixture(scope="session")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site of this project's own schema tree."""
    return _build(PROJECT_ROOT, tmp_path_factory.mktemp("own") / "site")


@pytest.fixture(scope="session")
def wikimedia_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML site of the wikimedia-primary corpus."""
    if not WIKIMEDIA.is_dir():
        pytest.fail(f"corpus missing: {WIKIMEDIA}")
    return _build(WIKIMEDIA, tmp_path_factory.mktemp("wikimedia") / "site")


@pytest.fixture(scope="session")
def wikimedia_markdown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wikimedia-md") / "site"
    return _build(WIKIMEDIA, out, "markdown")


def _apt_install(packages: tuple[str, ...]) -> None:
    """Install Debian packages (CI runs as root on a fresh machine)."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.fail(
            f"{CHROMIUM} is missing and cannot be installed here: run "
            f"`apt-get install -y {' '.join(packages)}` as root"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", *packages],
    ):
        subprocess.run(command, check=True, env=env, capture_output=True, timeout=1200)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, installed with apt when absent."""
    if not CHROMIUM.exists():
        _apt_install(APT_PACKAGES)
    assert CHROMIUM.exists(), f"apt installed Chromium but {CHROMIUM} is missing"
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    """A headless Chromium, stopped after the module (with Playwright's loop)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests leave their screenshots (kept as artifacts)."""
    return tmp_path_factory.mktemp("screenshots")
