"""A real validator service process on a free loopback port, for HTTP tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def copy_repository(target: Path) -> Path:
    """A writable copy of this project's schema repository."""
    target.mkdir(parents=True)
    for name in (".event-schemas.yaml", "streams.yaml"):
        shutil.copy2(PROJECT_ROOT / name, target / name)
    shutil.copytree(PROJECT_ROOT / "jsonschema", target / "jsonschema", symlinks=True)
    return target


def example(title: str, version: str | None = None, index: int = 0) -> dict[str, Any]:
    """An example event of a bundled schema version (latest by default)."""
    directory = PROJECT_ROOT / "jsonschema" / title
    name = f"{version}.json" if version else "latest.json"
    schema = json.loads((directory / name).read_text())
    event: dict[str, Any] = json.loads(json.dumps(schema["examples"][index]))
    return event


@dataclass
class Service:
    """A running `event-schemas serve` process and what it writes."""

    process: subprocess.Popen[bytes]
    url: str
    repo: Path
    data_dir: Path
    log: Path
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def post(self, body: Any, **kwargs: Any) -> httpx.Response:
        return self.client.post("/v1/events", json=body, **kwargs)

    def lines(self, stream: str) -> list[dict[str, Any]]:
        path = self.data_dir / f"{stream}.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    def logs(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        self.client.close()
        return code


def start_service(
    repo: Path,
    data_dir: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> Service:
    port = free_port()
    log = log or data_dir.parent / f"serve-{port}.log"
    command = [
        sys.executable,
        "-m",
        "eventschemas",
        "--repo",
        str(repo),
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        *extra,
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    service = Service(process, f"http://127.0.0.1:{port}", repo, data_dir, log)
    _wait_until_healthy(service)
    return service


def _wait_until_healthy(service: Service, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            pytest.fail(f"service exited early:\n{service.logs()}")
        try:
            if service.client.get("/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    service.stop(signal.SIGKILL)
    pytest.fail(f"service did not become healthy:\n{service.logs()}")


def wait_for(predicate: Any, timeout: float = 15, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "repo")


@pytest.fixture
def service(repo_copy: Path, tmp_path: Path) -> Iterator[Service]:
    running = start_service(repo_copy, tmp_path / "events")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One service for the read-only tests of a module (faster)."""
    base = tmp_path_factory.mktemp("shared")
    running = start_service(copy_repository(base / "repo"), base / "events")
    yield running
    running.stop()
