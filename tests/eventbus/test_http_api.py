"""The HTTP API against a real server process: status codes and bodies."""

from __future__ import annotations

import json
import uuid
from typing import Any

import jsonschema
import yaml

from tests.conftest import PROJECT_ROOT
from tests.eventbus.conftest import Service, example, wait_for

TITLES = [
    "error",
    "mediawiki/job",
    "mediawiki/page/create",
    "mediawiki/page/delete",
    "mediawiki/page/move",
    "mediawiki/page/undelete",
    "mediawiki/recentchange",
    "mediawiki/revision/create",
    "mediawiki/user/blocks_change",
    "test/event",
]


def _tagged(event: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Give the event a fresh meta.id so it can be found in the sink."""
    marker = str(uuid.uuid4())
    event["meta"]["id"] = marker
    return event, marker


def test_every_bundled_example_is_accepted(shared_service: Service) -> None:
    events = [_tagged(example(title))[0] for title in TITLES]
    response = shared_service.post(events)
    assert response.status_code == 201, response.text
    assert response.content == b""
    for event in events:
        written = shared_service.lines(event["meta"]["stream"])
        assert any(line["meta"]["id"] == event["meta"]["id"] for line in written)


def test_single_event_201_fills_meta_defaults(shared_service: Service) -> None:
    event = example("test/event")
    del event["meta"]["dt"], event["meta"]["id"]
    response = shared_service.post(event, headers={"X-Request-Id": "req-12345"})
    assert response.status_code == 201
    assert response.headers["x-request-id"] == "req-12345"
    written = [
        e
        for e in shared_service.lines("test.event")
        if e["meta"].get("request_id") == "req-12345"
    ]
    assert len(written) == 1
    meta = written[0]["meta"]
    assert meta["dt"].endswith("Z")
    assert uuid.UUID(meta["id"]).version == 4


def test_mixed_batch_is_207_with_eventgate_body(shared_service: Service) -> None:
    good, marker = _tagged(example("test/event"))
    bad = example("test/event")
    bad["test_seq"] = "not a number"
    response = shared_service.post([good, bad])
    assert response.status_code == 207
    body = response.json()
    assert body["error"] == []
    [entry] = body["invalid"]
    assert entry["status"] == 400 and entry["index"] == 1
    assert entry["event"]["test_seq"] == "not a number"
    assert (
        entry["context"]["message"]
        == "the event is not valid against /test/event/1.0.0"
    )
    [error] = entry["context"]["errors"]
    assert error["instance_path"] == "/test_seq"
    assert error["schema_path"].startswith("/properties/test_seq")
    assert "integer" in error["message"]
    assert any(e["meta"]["id"] == marker for e in shared_service.lines("test.event"))


def test_all_invalid_is_400_and_error_events_are_valid(shared_service: Service) -> None:
    bad = example("test/event")
    del bad["test"]
    response = shared_service.post([bad, bad])
    assert response.status_code == 400
    assert [e["index"] for e in response.json()["invalid"]] == [0, 1]
    error_schema = json.loads(
        (PROJECT_ROOT / "jsonschema/error/latest.json").read_text()
    )
    validator = jsonschema.Draft7Validator(
        error_schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    assert wait_for(
        lambda: len(shared_service.lines("eventgate.error.validation")) >= 2
    )
    for error_event in shared_service.lines("eventgate.error.validation"):
        validator.validate(error_event)
    last = shared_service.lines("eventgate.error.validation")[-1]
    assert last["errored_stream_name"] == "test.event"
    assert last["errored_schema_uri"] == "/test/event/1.0.0"
    assert json.loads(last["raw_event"])["test_seq"] == bad["test_seq"]


def _rejection(service: Service, event: dict[str, Any]) -> str:
    response = service.post(event)
    assert response.status_code == 400, response.text
    message: str = response.json()["invalid"][0]["context"]["message"]
    return message


def test_unknown_and_hostile_schema_uris(shared_service: Service) -> None:
    cases = {
        "/test/event/9.9.9": "names no published schema version",
        "/test/event/../../../etc/passwd": "tries to leave the schema tree",
        "http://evil.example.org/test/event/1.0.0": "is absolute",
        "file:///etc/passwd": "is absolute",
        "/test/event/latest": "'latest', which this service does not accept",
    }
    for uri, expected in cases.items():
        event = example("test/event")
        event["$schema"] = uri
        assert expected in _rejection(shared_service, event), uri


def test_schema_uri_forms_with_extensions(shared_service: Service) -> None:
    for uri in (
        "/test/event/1.0.0.yaml",
        "/test/event/1.0.0.json",
        "/test/event/1.0.0#",
    ):
        event = example("test/event")
        event["$schema"] = uri
        assert shared_service.post(event).status_code == 201, uri


def test_stream_rules(shared_service: Service) -> None:
    other_title = example("test/event")
    other_title["meta"]["stream"] = "mediawiki.page-create"
    assert "carries schema title 'mediawiki/page/create'" in _rejection(
        shared_service, other_title
    )
    undeclared = example("test/event")
    undeclared["meta"]["stream"] = "no.such.stream"
    assert "not declared" in _rejection(shared_service, undeclared)
    hostile = example("mediawiki/job")
    hostile["meta"]["stream"] = "mediawiki.job.../../../tmp/x"
    assert "is not allowed" in _rejection(shared_service, hostile)
    regex = example("mediawiki/job")
    regex["meta"]["stream"] = "mediawiki.job.htmlCacheUpdate"
    assert shared_service.post(regex).status_code == 201


def test_body_level_errors_are_4xx_never_5xx(shared_service: Service) -> None:
    post = shared_service.client.post
    json_type = {"Content-Type": "application/json"}
    cases = [
        (b'{"a": ', json_type, 400, "malformed_json"),
        (b'{"a": "\xff\xfe"}', json_type, 400, "malformed_json"),
        (b"", json_type, 400, "empty_body"),
        (b"   ", json_type, 400, "empty_body"),
        (b"[]", json_type, 400, "no_events"),
        (b"{}", {"Content-Type": "application/xml"}, 415, "unsupported_media_type"),
        (b"a=b", {"Content-Type": "application/x-www-form-urlencoded"}, 415, None),
    ]
    for body, headers, status, code in cases:
        response = post("/v1/events", content=body, headers=headers)
        assert response.status_code == status, (body, response.text)
        if code:
            assert response.json()["error_code"] == code
    scalar = post("/v1/events", content=b"42", headers=json_type)
    assert scalar.status_code == 400
    assert (
        scalar.json()["invalid"][0]["context"]["message"]
        == "each event must be a JSON object"
    )


def test_text_plain_beacons_are_accepted(shared_service: Service) -> None:
    event, marker = _tagged(example("test/event"))
    response = shared_service.client.post(
        "/v1/events",
        content=json.dumps(event).encode(),
        headers={"Content-Type": "text/plain;charset=UTF-8"},
    )
    assert response.status_code == 201
    assert any(e["meta"]["id"] == marker for e in shared_service.lines("test.event"))


def test_deep_nesting_is_rejected_cleanly(shared_service: Service) -> None:
    for depth in (100, 300):
        event = example("test/event")
        node = event
        for _ in range(depth):
            node["n"] = {}
            node = node["n"]
        response = shared_service.post(event)
        assert response.status_code == 400
        entry = response.json()["invalid"][0]
        assert "nests deeper than 64" in entry["context"]["message"]
    too_deep_for_json = b"[" * 5000 + b"]" * 5000
    response = shared_service.client.post(
        "/v1/events",
        content=too_deep_for_json,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400


def test_huge_body_is_413(shared_service: Service) -> None:
    huge = b'{"x": "' + b"a" * (4 * 1024 * 1024 + 10) + b'"}'
    response = shared_service.client.post(
        "/v1/events", content=huge, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error_code"] == "body_too_large"

    def chunks() -> Any:  # no Content-Length: the limit applies while reading
        for _ in range(5):
            yield b" " * (1024 * 1024)

    chunked = shared_service.client.post(
        "/v1/events", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413


def test_hasty_answers_202_and_writes_afterwards(shared_service: Service) -> None:
    event, marker = _tagged(example("test/event"))
    response = shared_service.post(event, params={"hasty": "true"})
    assert response.status_code == 202
    assert wait_for(
        lambda: any(
            e["meta"]["id"] == marker for e in shared_service.lines("test.event")
        )
    )


def test_read_endpoints(shared_service: Service) -> None:
    client = shared_service.client
    schemas = client.get("/v1/schemas").json()["schemas"]
    assert {
        "uri": "/test/event/1.0.0",
        "title": "test/event",
        "version": "1.0.0",
    } in schemas
    as_json = client.get("/v1/schemas/test/event/1.0.0")
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["$id"] == "/test/event/1.0.0"
    as_yaml = client.get(
        "/v1/schemas/test/event/1.0.0", headers={"Accept": "application/yaml"}
    )
    assert yaml.safe_load(as_yaml.text)["$id"] == "/test/event/1.0.0"
    assert client.get("/v1/schemas/test/event/7.0.0").status_code == 404
    assert client.get("/v1/schemas/../../etc/passwd").status_code == 404
    streams = client.get("/v1/streams").json()["streams"]
    assert {"name": "test.event", "schema_title": "test/event"}.items() <= next(
        s for s in streams if s["name"] == "test.event"
    ).items()
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    openapi = client.get("/openapi.json").json()
    assert {"/v1/events", "/v1/schemas", "/metrics"} <= set(openapi["paths"])


def test_metrics(shared_service: Service) -> None:
    shared_service.post(example("test/event"))
    text = shared_service.client.get("/metrics").text
    assert 'eventbus_events_total{outcome="accepted",stream="test.event"}' in text
    assert "eventbus_request_duration_seconds_bucket" in text
    assert "eventbus_sink_errors_total" in text


def test_wrong_method(shared_service: Service) -> None:
    assert shared_service.client.get("/v1/events").status_code == 405
