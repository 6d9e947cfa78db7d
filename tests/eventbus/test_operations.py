"""Sink failures, reloads, shutdown under load and worker processes."""

from __future__ import annotations

import json
import signal
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, write
from tests.eventbus.conftest import Service, example, start_service, wait_for


def test_unwritable_stream_is_503_and_nothing_is_acknowledged(service: Service) -> None:
    (service.data_dir / "test.event.jsonl").mkdir(parents=True)  # open() will fail
    response = service.post(example("test/event"))
    assert response.status_code == 503
    assert response.json()["error_code"] == "sink_unavailable"
    assert service.client.get("/readyz").status_code == 503
    assert (
        'eventbus_sink_errors_total{sink="jsonl"}'
        in service.client.get("/metrics").text
    )


def test_partial_sink_failure_is_207_naming_the_unwritten(service: Service) -> None:
    (service.data_dir / "test.event.jsonl").mkdir(parents=True)
    job = example("mediawiki/job")
    response = service.post([example("test/event"), job])
    assert response.status_code == 207
    body = response.json()
    assert [(e["index"], e["status"]) for e in body["error"]] == [(0, 503)]
    assert body["invalid"] == []
    assert [e["meta"]["id"] for e in service.lines(job["meta"]["stream"])] == [
        job["meta"]["id"]
    ]


def test_batch_limit_from_config(repo_copy: Path, tmp_path: Path) -> None:
    config = repo_copy / ".event-schemas.yaml"
    config.write_text(config.read_text() + "service:\n  max_events_per_batch: 3\n")
    running = start_service(repo_copy, tmp_path / "events")
    try:
        response = running.post([example("test/event")] * 4)
        assert response.status_code == 413
        assert response.json()["error_code"] == "batch_too_large"
        assert running.post([example("test/event")] * 3).status_code == 201
    finally:
        running.stop()


def _publish_test_event_1_1_0(repo: Path) -> None:
    current = repo / "jsonschema/test/event/current.yaml"
    text = current.read_text().replace("/test/event/1.0.0", "/test/event/1.1.0")
    current.write_text(text)
    materialize(Repository.open(repo), ["test/event"])


def test_reload_when_the_tree_changes(service: Service) -> None:
    event = example("test/event")
    event["$schema"] = "/test/event/1.1.0"
    assert service.post(event).status_code == 400
    _publish_test_event_1_1_0(service.repo)
    assert wait_for(lambda: service.post(event).status_code == 201, timeout=20)


def test_broken_tree_keeps_the_last_good_state(service: Service) -> None:
    broken = service.repo / "jsonschema/test/event/1.0.0.yaml"
    broken.write_text("title: [unclosed\n")
    assert wait_for(
        lambda: "reload (files changed) failed" in service.logs(), timeout=20
    )
    assert "jsonschema/test/event/1.0.0.yaml:2:1" in service.logs()
    assert service.post(example("test/event")).status_code == 201
    assert service.client.get("/readyz").status_code == 200


def test_sighup_reloads(repo_copy: Path, tmp_path: Path) -> None:
    running = start_service(repo_copy, tmp_path / "events", "--no-reload")
    try:
        event = example("test/event")
        event["$schema"] = "/test/event/1.1.0"
        _publish_test_event_1_1_0(repo_copy)
        time.sleep(0.5)
        assert running.post(event).status_code == 400  # not watching
        running.process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: running.post(event).status_code == 201)
        assert "reloaded (SIGHUP)" in running.logs()
    finally:
        running.stop()


def _load(
    url: str, stop: threading.Event, acknowledged: list[str], failures: list[Any]
) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop.is_set():
            batch = [example("test/event") for _ in range(20)]
            for event in batch:
                event["meta"]["id"] = str(uuid.uuid4())
            try:
                response = client.post("/v1/events", json=batch)
            except httpx.TransportError:
                return  # the server has stopped listening
            if response.status_code == 201:
                acknowledged.extend(e["meta"]["id"] for e in batch)
            elif response.status_code != 503:
                failures.append(response.status_code)


def test_sigterm_under_load_loses_no_acknowledged_event(
    repo_copy: Path, tmp_path: Path, report: Callable[[str], None]
) -> None:
    running = start_service(repo_copy, tmp_path / "events", "--workers", "2")
    stop = threading.Event()
    acknowledged: list[str] = []
    failures: list[Any] = []
    threads = [
        threading.Thread(target=_load, args=(running.url, stop, acknowledged, failures))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    assert wait_for(lambda: len(acknowledged) > 2000, timeout=30)
    code = running.stop(signal.SIGTERM)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert code == 0, running.logs()
    assert failures == []
    written = {e["meta"]["id"] for e in running.lines("test.event")}
    missing = set(acknowledged) - written
    assert not missing, f"{len(missing)} acknowledged events are not in the sink"
    report(f"SIGTERM under load: {len(acknowledged)} acknowledged events, all written")


def test_two_workers_share_the_sink_files(repo_copy: Path, tmp_path: Path) -> None:
    running = start_service(repo_copy, tmp_path / "events", "--workers", "2")
    try:
        with httpx.Client(base_url=running.url) as client:
            for _ in range(50):
                assert (
                    client.post(
                        "/v1/events", json=[example("test/event")] * 10
                    ).status_code
                    == 201
                )
            metrics = client.get("/metrics").text
        lines = (running.data_dir / "test.event.jsonl").read_text().splitlines()
        assert len(lines) == 500
        assert all(json.loads(line)["$schema"] == "/test/event/1.0.0" for line in lines)
        assert (
            'eventbus_events_total{outcome="accepted",stream="test.event"} 500.0'
            in metrics
        )
    finally:
        running.stop()


def test_broken_config_fails_at_start(repo_copy: Path, tmp_path: Path) -> None:
    write(repo_copy / ".event-schemas.yaml", "service:\n  sink: carrier-pigeon\n")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "eventschemas", "--repo", str(repo_copy), "serve"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Error: service.sink: expected one of jsonl, stdout, kafka" in result.stderr


def test_sighup_with_two_workers_replaces_them(repo_copy: Path, tmp_path: Path) -> None:
    running = start_service(
        repo_copy, tmp_path / "events", "--workers", "2", "--no-reload"
    )
    try:
        event = example("test/event")
        event["$schema"] = "/test/event/1.1.0"
        _publish_test_event_1_1_0(repo_copy)
        assert running.post(event).status_code == 400
        running.process.send_signal(signal.SIGHUP)

        def both_serve_it() -> bool:
            try:
                return all(running.post(event).status_code == 201 for _ in range(6))
            except httpx.TransportError:
                # A worker being replaced closes its idle keep-alive
                # connections; a POST sent on one just then is dropped (and
                # never acknowledged). Ask again on a fresh connection.
                return False

        # Both workers must serve the new version: ask several times in a row.
        assert wait_for(both_serve_it, timeout=30)
    finally:
        running.stop()


def test_the_service_reads_the_tree_through_the_parse_cache(tmp_path: Path) -> None:
    from eventschemas.eventbus.state import ServiceState
    from eventschemas.tree.cache import ParseCache

    cached = tmp_path / "cache"
    events = tmp_path / "events"
    ServiceState(PROJECT_ROOT, data_dir=events, reload=False, cache_dir=cached)
    [pack] = list(cached.glob("parse-*.marshal"))
    assert ParseCache(pack).entries > 10  # every published version
    written = pack.stat().st_mtime_ns
    # A second start finds everything there and has nothing new to keep.
    ServiceState(PROJECT_ROOT, data_dir=events, reload=False, cache_dir=cached)
    assert pack.stat().st_mtime_ns == written
    off = tmp_path / "off"
    ServiceState(
        PROJECT_ROOT, data_dir=events, reload=False, cache_dir=off, parse_cache=False
    )
    assert not off.exists()
