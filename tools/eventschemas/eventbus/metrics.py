"""Prometheus metrics of the service.

With several workers, `serve` points PROMETHEUS_MULTIPROC_DIR at a fresh
directory before they start, and /metrics aggregates every worker's files.
"""

from __future__ import annotations

import os
from collections import Counter as Tally

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

EVENTS = Counter(
    "eventbus_events_total",
    "Events received, by stream and outcome (accepted, invalid, error).",
    ["stream", "outcome"],
)
REQUEST_SECONDS = Histogram(
    "eventbus_request_duration_seconds",
    "Time to answer POST /v1/events.",
    ["status"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
SINK_ERRORS = Counter(
    "eventbus_sink_errors_total", "Failed sink writes, by sink.", ["sink"]
)
RELOADS = Counter(
    "eventbus_reloads_total", "Schema tree reloads, by outcome.", ["outcome"]
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


def count(outcome: str, streams: list[str] | dict[str, list[bytes]]) -> None:
    """Add one per event, with one counter update per stream."""
    if isinstance(streams, dict):
        for stream, lines in streams.items():
            EVENTS.labels(stream, outcome).inc(len(lines))
        return
    for stream, n in Tally(streams).items():
        EVENTS.labels(stream or "(undeclared)", outcome).inc(n)


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()
