"""The HTTP edge of the validator service (Starlette); the only module that
knows about the web framework besides `server`.

`POST /v1/events` is a plain ASGI endpoint: it is the hot path, and skipping the
framework's request and response objects there roughly halves its overhead.
Every other route is an ordinary Starlette handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

import orjson
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from eventschemas import __version__
from eventschemas.eventbus import metrics
from eventschemas.eventbus.intake import BatchResult, RequestContext, _uuid4, now_utc
from eventschemas.eventbus.openapi import spec
from eventschemas.eventbus.sinks import Sink, SinkError, open_sink
from eventschemas.eventbus.state import ServiceState, watch

logger = logging.getLogger(__name__)

Scope = dict[str, Any]
_JSON_TYPES = (b"application/json", b"text/plain")
_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")


class Problem(Exception):
    """A request-level failure answered with `{error_code, message}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class EventsEndpoint:
    """ASGI endpoint for POST /v1/events."""

    def __init__(self, state: ServiceState, sink: Sink) -> None:
        self.state = state
        self.sink = sink

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        started = time.perf_counter()
        headers = dict(scope["headers"])
        request_id = (
            headers.get(b"x-request-id", b"").decode("latin-1")[:200] or _uuid4()
        )
        try:
            status, body = await self._handle(scope, receive, send, headers, request_id)
        except Problem as problem:
            status = problem.status
            body = orjson.dumps(
                {"error_code": problem.code, "message": problem.message}
            )
        except Exception:  # our own bug: log it, answer a plain 500
            logger.exception("unexpected error", extra={"request_id": request_id})
            status, body = (
                500,
                orjson.dumps(
                    {
                        "error_code": "internal_error",
                        "message": "internal error; see the logs",
                    }
                ),
            )
        if status != 202:
            await _respond(send, status, body, request_id)
        metrics.REQUEST_SECONDS.labels(str(status)).observe(
            time.perf_counter() - started
        )

    async def _handle(
        self,
        scope: Scope,
        receive: Any,
        send: Any,
        headers: dict[bytes, bytes],
        request_id: str,
    ) -> tuple[int, bytes]:
        settings = self.state.settings
        if scope["method"] != "POST":
            raise Problem(405, "method_not_allowed", "use POST to send events")
        _check_content_type(headers.get(b"content-type"))
        raw = await _read_body(receive, headers, settings.max_body_bytes)
        events = _parse(raw, settings.max_events_per_batch)
        context = RequestContext(request_id, now_utc())
        if b"hasty=true" in scope.get("query_string", b"") and _hasty(scope):
            await _respond(send, 202, b"", request_id)
            try:
                self._process_hasty(events, context)
            except Exception:  # the client has its answer; only the log can know
                logger.exception(
                    "hasty processing failed", extra={"request_id": request_id}
                )
            return 202, b""
        return await self._process(events, context)

    async def _process(
        self, events: list[Any], context: RequestContext
    ) -> tuple[int, bytes]:
        intake = self.state.snapshot.intake
        result = intake.process(events, context)
        failures = await self._write(result)
        metrics.count(
            "accepted", {s: v for s, v in result.accepted.items() if s not in failures}
        )
        metrics.count("invalid", result.invalid_streams)
        await self._write_error_events(result)
        _log_invalid(result, context)
        errors = _failed_entries(events, result, failures)
        written = result.accepted_count - len(errors)
        if not result.invalid and not errors:
            return 201, b""
        if not written and errors and not result.invalid:
            raise Problem(503, "sink_unavailable", str(next(iter(failures.values()))))
        status = 207 if written else 400
        return status, orjson.dumps({"invalid": result.invalid, "error": errors})

    async def _write(self, result: BatchResult) -> dict[str, SinkError]:
        if not result.accepted:
            return {}
        try:
            failures = await self.sink.write(result.accepted)
        except SinkError as exc:
            failures = dict.fromkeys(result.accepted, exc)
        if failures:
            metrics.SINK_ERRORS.labels(self.sink.name).inc(len(failures))
            for stream, error in failures.items():
                logger.error("sink write failed for stream %s: %s", stream, error)
            metrics.count("error", {s: result.accepted[s] for s in failures})
        return failures

    async def _write_error_events(self, result: BatchResult) -> None:
        if not result.error_events:
            return
        stream = self.state.settings.error_stream
        failures = await self.sink.write({stream: result.error_events})
        if failures:
            metrics.SINK_ERRORS.labels(self.sink.name).inc()
            logger.error(
                "writing %d error events failed: %s",
                len(result.error_events),
                failures[stream],
            )

    def _process_hasty(self, events: list[Any], context: RequestContext) -> None:
        result = self.state.snapshot.intake.process(events, context)
        batches = dict(result.accepted)
        if result.error_events:
            stream = self.state.settings.error_stream
            batches[stream] = [*batches.get(stream, []), *result.error_events]
        self.sink.submit(batches)
        metrics.count("accepted", result.accepted)
        metrics.count("invalid", result.invalid_streams)
        _log_invalid(result, context)


def _hasty(scope: Scope) -> bool:
    values = parse_qs(scope["query_string"].decode("latin-1")).get("hasty", [])
    return bool(values) and values[-1].lower() == "true"


def _check_content_type(value: bytes | None) -> None:
    if value is None:
        return  # curl and some beacons send none: read the body as JSON
    media = value.split(b";", 1)[0].strip().lower()
    if media not in _JSON_TYPES:
        raise Problem(
            415,
            "unsupported_media_type",
            f"content type {media.decode('latin-1')!r} is not accepted; send "
            "application/json (or text/plain holding JSON)",
        )


async def _read_body(receive: Any, headers: dict[bytes, bytes], limit: int) -> bytes:
    declared = headers.get(b"content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Problem(413, "body_too_large", f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Problem(400, "client_disconnected", "the client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise Problem(
                413, "body_too_large", f"the body is larger than {limit} bytes"
            )
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _parse(raw: bytes, max_events: int) -> list[Any]:
    if not raw.strip():
        raise Problem(
            400, "empty_body", "the body is empty; send an event or an array of events"
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Problem(
            400, "malformed_json", f"the body is not valid JSON: {exc}"
        ) from None
    events = data if isinstance(data, list) else [data]
    if not events:
        raise Problem(400, "no_events", "the array holds no events")
    if len(events) > max_events:
        raise Problem(
            413,
            "batch_too_large",
            f"{len(events)} events in one request; the limit is {max_events}",
        )
    return events


def _failed_entries(
    events: list[Any], result: BatchResult, failures: dict[str, SinkError]
) -> list[dict[str, Any]]:
    entries = []
    for stream, error in failures.items():
        for index in result.accepted_index[stream]:
            entries.append(
                {
                    "status": 503,
                    "index": index,
                    "event": events[index],
                    "context": {"message": str(error), "errors": []},
                }
            )
    return entries


def _log_invalid(result: BatchResult, context: RequestContext) -> None:
    if result.invalid:
        logger.info(
            "%d of %d events invalid",
            len(result.invalid),
            len(result.invalid) + result.accepted_count,
            extra={
                "request_id": context.request_id,
                "reasons": sorted({e["context"]["message"] for e in result.invalid})[
                    :5
                ],
            },
        )


async def _respond(send: Any, status: int, body: bytes, request_id: str) -> None:
    headers = [
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id.encode("latin-1", "replace")),
    ]
    if body:
        headers.append((b"content-type", b"application/json"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --- the other routes ------------------------------------------------------


def _routes(state: ServiceState, sink: Sink) -> list[Route]:
    async def schemas(request: Request) -> Response:
        registry = state.snapshot.registry
        rows = [
            {"uri": c.uri, "title": c.title, "version": c.version}
            for versions in registry.by_title.values()
            for c in versions
        ]
        return JSONResponse({"schemas": rows})

    async def schema(request: Request) -> Response:
        path = "/" + request.path_params["path"]
        found = state.snapshot.registry.lookup(path)
        if found is None:
            message = state.snapshot.registry.why_unknown(path)
            return JSONResponse({"error_code": "not_found", "message": message}, 404)
        if any(t in request.headers.get("accept", "") for t in _YAML_TYPES):
            text = yaml.safe_dump(found.schema, sort_keys=False, allow_unicode=True)
            return Response(text, media_type="application/yaml")
        return Response(orjson.dumps(found.schema), media_type="application/json")

    async def streams(request: Request) -> Response:
        rows = [
            {
                "name": s.name,
                "regex": s.is_regex,
                "schema_title": s.schema_title,
                "description": s.description,
                "topics": list(s.topics),
            }
            for s in state.snapshot.registry.streams.streams
        ]
        return JSONResponse({"streams": rows})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        ready = sink.ready()
        body = {"status": "ready" if ready else "unavailable", "sink": sink.name}
        return JSONResponse(body, 200 if ready else 503)

    async def metrics_route(request: Request) -> Response:
        return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)

    described = JSONResponse(spec(__version__)).body  # fixed for the process

    async def openapi(request: Request) -> Response:
        return Response(described, media_type="application/json")

    return [
        Route("/v1/events", EventsEndpoint(state, sink), methods=["POST"]),
        Route("/v1/schemas", schemas, methods=["GET"]),
        Route("/v1/schemas/{path:path}", schema, methods=["GET"]),
        Route("/v1/streams", streams, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_route, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]


def create_app(state: ServiceState) -> Starlette:
    """The ASGI application for one worker."""
    sink = open_sink(state.settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await sink.start()
        stop = asyncio.Event()
        tasks = []
        if state.settings.reload:
            tasks.append(asyncio.create_task(watch(state, stop)))
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(
                signal.SIGHUP, lambda: asyncio.ensure_future(state.reload("SIGHUP"))
            )
        # The compiled schemas live as long as the process: keep the cyclic
        # garbage collector from walking them again and again under load (it
        # cost a third of the throughput with 16 concurrent batches). Frozen
        # objects are still freed by reference counting when a reload drops them.
        gc.freeze()
        logger.info("serving %s with the %s sink", state.root, sink.name)
        try:
            yield
        finally:
            stop.set()
            for task in tasks:
                task.cancel()
            await sink.close()
            logger.info("stopped; sink flushed")

    return Starlette(routes=_routes(state, sink), lifespan=lifespan)
