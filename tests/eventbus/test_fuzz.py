"""Whatever a client sends, the intake answers with a 2xx or 4xx, never a 5xx.

Property test over random bodies (JSON values shaped like events, broken JSON,
arbitrary bytes) and content types, against the real ASGI endpoint with a real
JSON-lines sink in a temporary directory.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventschemas.eventbus.app import EventsEndpoint
from eventschemas.eventbus.sinks.jsonl import JsonLinesSink
from eventschemas.eventbus.state import ServiceState
from tests.conftest import PROJECT_ROOT
from tests.eventbus.conftest import example

_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_uris = st.sampled_from(
    [
        "/test/event/1.0.0",
        "/test/event/9.0.0",
        "/../etc/passwd",
        "http://x/y",
        "",
        "/error/2.1.0",
    ]
)
_streams = st.sampled_from(
    ["test.event", "mediawiki.job.x", "no.such", "../x", "", "a" * 300]
)


@st.composite
def _events(draw: st.DrawFn) -> Any:
    event = example("test/event")
    event["$schema"] = draw(_uris)
    event["meta"]["stream"] = draw(_streams | _json)
    for _ in range(draw(st.integers(0, 3))):
        event[draw(st.text(max_size=8))] = draw(_json)
    if draw(st.booleans()):
        event["meta"] = draw(_json)
    return event


def _bodies() -> st.SearchStrategy[bytes]:
    as_json = (_events() | st.lists(_events(), max_size=5) | _json).map(
        lambda v: json.dumps(v).encode()
    )
    return as_json | st.binary(max_size=200)


_types = st.sampled_from(
    [b"application/json", b"text/plain;charset=utf-8", b"application/xml", b"", None]
)


def _post(endpoint: EventsEndpoint, body: bytes, content_type: bytes | None) -> int:
    headers = [(b"content-length", str(len(body)).encode())]
    if content_type is not None:
        headers.append((b"content-type", content_type))
    scope = {"type": "http", "method": "POST", "query_string": b"", "headers": headers}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(endpoint(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    status: int = start["status"]
    payload = b"".join(
        m.get("body", b"") for m in sent if m["type"] == "http.response.body"
    )
    if payload:
        orjson.loads(payload)  # every answer with a body is JSON
    return status


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> EventsEndpoint:
    events = tmp_path_factory.mktemp("fuzz") / "events"
    state = ServiceState(PROJECT_ROOT, data_dir=events, reload=False)
    sink = JsonLinesSink(events)
    asyncio.run(sink.start())
    return EventsEndpoint(state, sink)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_bodies(), content_type=_types)
def test_no_client_input_gets_a_server_error(
    endpoint: EventsEndpoint, body: bytes, content_type: bytes | None
) -> None:
    status = _post(endpoint, body, content_type)
    assert status in {201, 207, 400, 413, 415}, (status, body[:200])
