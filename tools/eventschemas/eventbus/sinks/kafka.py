"""Kafka sink (optional extra `event-schemas[kafka]`, confluent-kafka).

Topic = `topic_prefix` + stream. The producer is idempotent with `acks=all`;
`write` returns only after the broker has acknowledged (or refused) every
message, so a 201 always means "in Kafka". Delivery reports arrive on a
polling thread and are handed back to the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from eventschemas.eventbus.settings import KafkaSettings
from eventschemas.eventbus.sinks.base import SinkError

logger = logging.getLogger(__name__)


class _Pending:
    """Counts the delivery reports of one stream's messages of one request."""

    def __init__(self, loop: asyncio.AbstractEventLoop, count: int) -> None:
        self.loop = loop
        self.remaining = count
        self.error: Any = None
        self.future: asyncio.Future[Any] = loop.create_future()

    def delivered(self, error: Any, _message: Any) -> None:  # on the polling thread
        if error is not None and self.error is None:
            self.error = error
        self.remaining -= 1
        if self.remaining == 0:
            self.loop.call_soon_threadsafe(self._finish)

    def fail_unsent(self, count: int, error: Any) -> None:
        self.error = self.error or error
        self.remaining -= count
        if self.remaining == 0:
            self._finish()

    def _finish(self) -> None:
        if not self.future.done():
            self.future.set_result(self.error)


class KafkaSink:
    name = "kafka"

    def __init__(self, settings: KafkaSettings) -> None:
        self.settings = settings
        self._producer: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_error: str | None = None

    async def start(self) -> None:
        try:
            from confluent_kafka import Producer
        except ImportError:
            raise SinkError(
                "the kafka sink needs confluent-kafka: "
                "pip install 'event-schemas[kafka]'"
            ) from None
        config = {
            "bootstrap.servers": self.settings.bootstrap_servers,
            "acks": "all",
            "enable.idempotence": True,
            "message.timeout.ms": self.settings.delivery_timeout_ms,
            "linger.ms": 2,
            **self.settings.extra,
        }
        self._producer = Producer(config, logger=logging.getLogger("librdkafka"))
        self._thread = threading.Thread(
            target=self._poll, name="kafka-poll", daemon=True
        )
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            self._producer.poll(0.05)

    def topic(self, stream: str) -> str:
        return self.settings.topic_prefix + stream

    async def write(self, batches: dict[str, list[bytes]]) -> dict[str, SinkError]:
        loop = asyncio.get_running_loop()
        pending = {
            stream: self._produce(loop, stream, lines)
            for stream, lines in batches.items()
        }
        timeout = self.settings.delivery_timeout_ms / 1000 + 5
        failed = {}
        for stream, waiter in pending.items():
            try:
                error = await asyncio.wait_for(asyncio.shield(waiter.future), timeout)
            except TimeoutError:
                error = "no delivery report within the delivery timeout"
            if error is not None:
                self._last_error = str(error)
                failed[stream] = SinkError(
                    f"Kafka did not take stream {stream}: {error}"
                )
            else:
                self._last_error = None
        return failed

    def _produce(
        self, loop: asyncio.AbstractEventLoop, stream: str, lines: list[bytes]
    ) -> _Pending:
        waiter = _Pending(loop, len(lines))
        topic = self.topic(stream)
        for sent, line in enumerate(lines):
            try:
                self._producer.produce(
                    topic, line.rstrip(b"\n"), on_delivery=waiter.delivered
                )
            except (BufferError, Exception) as exc:  # KafkaException and queue full
                waiter.fail_unsent(
                    len(lines) - sent, f"{exc.__class__.__name__}: {exc}"
                )
                break
        return waiter

    def submit(self, batches: dict[str, list[bytes]]) -> None:
        for stream, lines in batches.items():
            for line in lines:
                try:
                    self._producer.produce(
                        self.topic(stream), line.rstrip(b"\n"), on_delivery=self._report
                    )
                except (BufferError, Exception) as exc:
                    logger.error("hasty produce to %s failed: %s", stream, exc)
                    return

    def _report(self, error: Any, message: Any) -> None:
        if error is not None:
            self._last_error = str(error)
            logger.error("hasty delivery to %s failed: %s", message.topic(), error)

    def ready(self) -> bool:
        return self._producer is not None and self._last_error is None

    async def close(self) -> None:
        if self._producer is not None:
            remaining = await asyncio.to_thread(self._producer.flush, 10)
            if remaining:
                logger.error(
                    "%d Kafka messages were not delivered before shutdown", remaining
                )
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
