"""Checking a batch of posted events: the service's hot path, free of HTTP.

For each event: find its schema from `$schema` (a dictionary lookup), find its
stream and check that the stream carries that schema title, fill the `meta`
defaults, validate with the precompiled jsonschema-rs validator, and serialize
it once, as the line the sink will write. Only invalid events take the slow
path that collects error details and builds an error event.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from typing import Any

import orjson
from msgspec import Struct, field

from eventschemas.eventbus.registry import CompiledSchema, Registry
from eventschemas.eventbus.settings import ServiceSettings
from eventschemas.tree import pointer as jp

_STREAM_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,248}$")
_MAX_REPORTED_ERRORS = 20
_VERDICT_CACHE = 10_000
_LINE = orjson.OPT_APPEND_NEWLINE


class RequestContext(Struct):
    request_id: str
    received: datetime
    # The `meta.dt` of every event of the request that has none: spelled once.
    received_dt: str = ""  # filled in from `received`

    def __post_init__(self) -> None:
        stamp = self.received.isoformat(timespec="milliseconds")
        self.received_dt = stamp.replace("+00:00", "Z")


class BatchResult(Struct):
    """What became of each event of one request."""

    accepted: dict[str, list[bytes]] = field(default_factory=dict)
    accepted_index: dict[str, list[int]] = field(default_factory=dict)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    invalid_streams: list[str] = field(default_factory=list)
    error_events: list[bytes] = field(default_factory=list)

    @property
    def accepted_count(self) -> int:
        return sum(len(lines) for lines in self.accepted.values())


class Intake:
    """Checks events against one registry snapshot with one set of settings."""

    def __init__(self, registry: Registry, settings: ServiceSettings) -> None:
        self.registry = registry
        self.settings = settings
        self.uri_fields = [f.split(".") for f in settings.schema_uri_fields]
        only = self.uri_fields[0] if len(self.uri_fields) == 1 else []
        self.single_uri_field = only[0] if len(only) == 1 else None
        self.stream_path = settings.stream_field.split(".")
        # Verdicts on (stream, title) pairs, so the stream rules run once per pair.
        self._stream_verdicts: dict[tuple[str, str], str] = {}
        self.error_schema = (
            registry.latest(settings.error_schema_title)
            if settings.error_schema_title
            else None
        )

    def process(self, events: list[Any], context: RequestContext) -> BatchResult:
        result = BatchResult()
        accepted, indexes = result.accepted, result.accepted_index
        check = self.check
        for index, event in enumerate(events):
            verdict = check(event, context)
            if type(verdict) is tuple:
                stream, line = verdict
                lines = accepted.get(stream)
                if lines is None:
                    accepted[stream], indexes[stream] = [line], [index]
                else:
                    lines.append(line)
                    indexes[stream].append(index)
            else:
                assert isinstance(verdict, Rejection)
                self._reject(result, index, event, verdict, context)
        return result

    def check(
        self, event: Any, context: RequestContext
    ) -> tuple[str, bytes] | Rejection:
        """Return (stream, serialized line) for a valid event, else a Rejection."""
        if type(event) is not dict:
            return Rejection("each event must be a JSON object")
        uri = self._schema_uri(event)
        if uri is None:
            fields_ = ", ".join(self.settings.schema_uri_fields)
            return Rejection(
                f"the event names no schema: set {fields_} to a schema $id"
            )
        schema = self.registry.lookup(uri)
        if schema is None:
            return Rejection(self.registry.why_unknown(uri), uri=uri)
        stream = _dotted(event, self.stream_path)
        problem = self._stream_verdict(stream, schema)
        if problem:
            named = stream if isinstance(stream, str) else None
            return Rejection(problem, uri=uri, stream=named)
        assert isinstance(stream, str)
        self._fill(event, context)
        line = _serialize(event)
        if line is None or not _shallow_enough(event, line, self.settings.max_depth):
            message = f"the event nests deeper than {self.settings.max_depth} levels"
            return Rejection(message, uri=uri, stream=stream)
        if not schema.validator.is_valid(event):
            return _invalid(schema, event, uri, stream)
        return stream, line

    def _schema_uri(self, event: dict[str, Any]) -> str | None:
        if self.single_uri_field is not None:  # the usual lone `$schema`
            value = event.get(self.single_uri_field)
            return value if type(value) is str and value else None
        for path in self.uri_fields:
            value = _dotted(event, path)
            if isinstance(value, str) and value:
                return value
        return None

    def _stream_verdict(self, stream: Any, schema: CompiledSchema) -> str:
        if type(stream) is not str:  # a client may send any JSON value here
            return self._stream_problem(stream, schema)
        key = (stream, schema.title)
        problem = self._stream_verdicts.get(key)
        if problem is None:
            problem = self._stream_problem(stream, schema)
            if len(self._stream_verdicts) < _VERDICT_CACHE:
                self._stream_verdicts[key] = problem
        return problem

    def _stream_problem(self, stream: Any, schema: CompiledSchema) -> str:
        field_name = self.settings.stream_field
        if not isinstance(stream, str) or not stream:
            return f"the event has no stream: set {field_name} to a stream name"
        if not _STREAM_NAME.match(stream):
            return (
                f"stream name {stream!r} is not allowed: use letters, digits, '.', "
                "'_' and '-' (at most 249)"
            )
        entry = self.registry.stream(stream)
        if entry is None:
            if self.settings.allow_unknown_streams:
                return ""
            return f"stream {stream!r} is not declared in the stream configuration"
        if entry.schema_title != schema.title:
            return (
                f"stream {stream!r} carries schema title {entry.schema_title!r}, but "
                f"the event's schema {schema.uri} has title {schema.title!r}"
            )
        return ""

    def _fill(self, event: dict[str, Any], context: RequestContext) -> None:
        meta = event.get("meta")
        if type(meta) is not dict:
            return
        settings = self.settings
        if settings.fill_meta_dt and "dt" not in meta:
            meta["dt"] = context.received_dt
        if settings.fill_meta_id and "id" not in meta:
            meta["id"] = _uuid4()
        if settings.fill_request_id and context.request_id and "request_id" not in meta:
            meta["request_id"] = context.request_id

    def _reject(
        self,
        result: BatchResult,
        index: int,
        event: Any,
        rejection: Rejection,
        context: RequestContext,
    ) -> None:
        event = _printable(event)  # too deep to write back: reported as null
        result.invalid.append(
            {
                "status": 400,
                "index": index,
                "event": event,
                "context": {"message": rejection.message, "errors": rejection.errors},
            }
        )
        # Metrics are labelled by declared streams only: names a client makes up
        # must not grow the number of series without bound.
        stream = rejection.stream or ""
        declared = bool(stream) and self.registry.stream(stream) is not None
        result.invalid_streams.append(stream if declared else "")
        if self.error_schema is not None:
            result.error_events.append(self._error_event(event, rejection, context))

    def _error_event(
        self, event: Any, rejection: Rejection, context: RequestContext
    ) -> bytes:
        assert self.error_schema is not None
        details = "; ".join(
            f"{e['instance_path'] or '/'}: {e['message']}" for e in rejection.errors[:5]
        )
        message = f"{rejection.message}: {details}" if details else rejection.message
        error: dict[str, Any] = {
            "$schema": self.error_schema.uri,
            "meta": {
                "stream": self.settings.error_stream,
                "dt": context.received_dt,
                "id": _uuid4(),
            },
            "dt": context.received_dt,
            "emitter_id": self.settings.emitter_id,
            "message": message,
            "error_type": "validation",
            "raw_event": orjson.dumps(event).decode() if event is not None else "",
        }
        if context.request_id:
            error["meta"]["request_id"] = context.request_id
        if rejection.uri:
            error["errored_schema_uri"] = rejection.uri
        if rejection.stream:
            error["errored_stream_name"] = rejection.stream
        return orjson.dumps(error, option=_LINE)


class Rejection(Struct):
    message: str
    errors: list[dict[str, str]] = field(default_factory=list)
    uri: str | None = None
    stream: str | None = None


def _invalid(schema: CompiledSchema, event: Any, uri: str, stream: str) -> Rejection:
    errors = []
    for error in schema.validator.iter_errors(event):
        errors.append(
            {
                "instance_path": jp.join("", *error.instance_path),
                "schema_path": jp.join("", *error.schema_path),
                "message": error.message,
            }
        )
        if len(errors) >= _MAX_REPORTED_ERRORS:
            break
    return Rejection(
        f"the event is not valid against {schema.uri}", errors, uri=uri, stream=stream
    )


def _dotted(event: dict[str, Any], path: list[str]) -> Any:
    value: Any = event
    for name in path:
        if type(value) is not dict:
            return None
        value = value.get(name)
    return value


def _serialize(event: dict[str, Any]) -> bytes | None:
    try:
        return orjson.dumps(event, option=_LINE)
    except orjson.JSONEncodeError:  # nesting beyond orjson's own limit (254)
        return None


def _shallow_enough(event: dict[str, Any], line: bytes, limit: int) -> bool:
    # An event cannot nest deeper than it has brackets; counting them in the
    # line is far cheaper than walking the event, which is left for the rare
    # event with many brackets (brackets inside strings count too: harmless).
    if line.count(b"{") + line.count(b"[") <= limit:
        return True
    return _depth_within(event, limit)


def _printable(event: Any) -> Any:
    """The event itself if it can be written back as JSON, else None."""
    try:
        orjson.dumps(event)
    except orjson.JSONEncodeError:
        return None
    return event


def _depth_within(value: Any, limit: int) -> bool:
    """True when `value` nests at most `limit` containers deep (no recursion)."""
    level = [value]
    depth = 1
    while level:
        if depth > limit:
            return False
        nested: list[Any] = []
        for item in level:
            children = item.values() if type(item) is dict else item
            nested.extend(c for c in children if type(c) is dict or type(c) is list)
        level = nested
        depth += 1
    return True


def _uuid4() -> str:
    # uuid.uuid4() costs about 3 us; this builds the same RFC 4122 text faster.
    h = bytearray(os.urandom(16))
    h[6] = (h[6] & 0x0F) | 0x40
    h[8] = (h[8] & 0x3F) | 0x80
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def now_utc() -> datetime:
    return datetime.now(UTC)
