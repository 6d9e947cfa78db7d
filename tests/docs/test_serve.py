"""`docs --serve`: the site on loopback, rebuilt when a schema changes."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventschemas.docs.serve import DocsServer

# Straight to 127.0.0.1, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> str:
    with _OPENER.open(url, timeout=5) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


@pytest.fixture
def served(schema_repo: Path, tmp_path: Path) -> Iterator[tuple[DocsServer, list[str]]]:
    server = DocsServer(schema_repo, tmp_path / "site")
    said: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=server.serve, args=(0, said.append, stop))
    thread.start()
    try:
        assert server.ready.wait(20), said
        yield server, said
    finally:
        stop.set()
        thread.join(20)
    assert not thread.is_alive()


def edit_until(edit: Callable[[], object], done: Callable[[], bool]) -> bool:
    """Make `edit` until `done`: the watcher starts a moment after the server,
    and an edit made before it watches is not seen."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        edit()
        for _ in range(10):
            if done():
                return True
            time.sleep(0.2)
    return False


def test_serves_the_site_on_loopback(served: tuple[DocsServer, list[str]]) -> None:
    server, said = served

    assert server.url.startswith("http://127.0.0.1:")
    assert "thing/change/index.html" in fetch(server.url + "index.html")
    assert "A thing changed." in fetch(server.url + "thing/change/")
    assert any(line.startswith("Serving ") for line in said)


def test_rebuilds_when_a_schema_changes(
    served: tuple[DocsServer, list[str]], schema_repo: Path
) -> None:
    server, said = served
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    text = current.read_text().replace("A thing changed.", "Now edited.")
    page = server.url + "thing/change/index.html"

    assert edit_until(
        lambda: current.write_text(text), lambda: "Now edited." in fetch(page)
    ), said
    assert any(line.startswith("Rebuilt ") for line in said)


def test_a_broken_edit_keeps_the_last_good_site(
    served: tuple[DocsServer, list[str]], schema_repo: Path
) -> None:
    server, said = served
    streams = schema_repo / "streams.yaml"

    assert edit_until(
        lambda: streams.write_text("streams: [not, a, mapping]\n"),
        lambda: any("Rebuild failed" in line for line in said),
    ), said
    assert "A thing changed." in fetch(server.url + "thing/change/index.html")


def test_the_command_serves_until_interrupted(schema_repo: Path, python: str) -> None:
    command = [python, "-m", "eventschemas", "--repo", str(schema_repo)]
    arguments = [*command, "docs", "--serve", "--port", "0"]
    with subprocess.Popen(arguments, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stderr is not None
            lines = [process.stderr.readline() for _ in range(2)]
            url = lines[1].split(" at ", 1)[1].split()[0]
            assert url.startswith("http://127.0.0.1:"), lines
            assert "thing/change" in fetch(url)
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(20)
    assert code == 130
