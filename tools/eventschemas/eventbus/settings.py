"""Settings of the validator service: the `service:` section of the repository
config, overridden by command-line options.

    service:
      schema_uri_fields: [$schema]        # dotted fields tried in order
      stream_field: meta.stream
      allow_latest: false                 # accept /title/latest
      allow_unknown_streams: false        # local development only
      fill: {meta_dt: true, meta_id: true, request_id: true}
      error_stream: eventgate.error.validation
      error_schema_title: error           # '' disables error events
      emitter_id: event-schemas
      max_body_bytes: 4194304
      max_events_per_batch: 10000
      max_depth: 64
      sink: jsonl                         # jsonl | stdout | kafka
      data_dir: var/events                # jsonl: one file per stream
      fsync: false
      kafka: {bootstrap_servers: 127.0.0.1:9092, topic_prefix: ''}
      reload: true                        # watch the tree and reload
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from msgspec import Struct, field
from msgspec.structs import fields, replace

from eventschemas.config import RepoConfig
from eventschemas.errors import ConfigError

SinkName = Literal["jsonl", "stdout", "kafka"]
SINKS: tuple[str, ...] = ("jsonl", "stdout", "kafka")


class KafkaSettings(Struct, frozen=True):
    bootstrap_servers: str = "127.0.0.1:9092"
    topic_prefix: str = ""
    delivery_timeout_ms: int = 10_000
    extra: dict[str, Any] = field(default_factory=dict)


class ServiceSettings(Struct, frozen=True):
    schema_uri_fields: tuple[str, ...] = ("$schema",)
    stream_field: str = "meta.stream"
    allow_latest: bool = False
    allow_unknown_streams: bool = False
    fill_meta_dt: bool = True
    fill_meta_id: bool = True
    fill_request_id: bool = True
    error_stream: str = "eventgate.error.validation"
    error_schema_title: str = "error"
    emitter_id: str = "event-schemas"
    max_body_bytes: int = 4 * 1024 * 1024
    max_events_per_batch: int = 10_000
    max_depth: int = 64
    sink: SinkName = "jsonl"
    data_dir: Path = Path("var/events")
    fsync: bool = False
    kafka: KafkaSettings = KafkaSettings()
    reload: bool = True


_SIMPLE = {f.name for f in fields(ServiceSettings)} - {
    "schema_uri_fields",
    "kafka",
    "data_dir",
    "sink",
}


def load_settings(config: RepoConfig, **overrides: Any) -> ServiceSettings:
    """Build settings from `config.service`, then apply non-None `overrides`."""
    raw = dict(config.service)
    values: dict[str, Any] = {}
    fill = raw.pop("fill", None)
    if fill is not None:
        values.update(_fill(fill))
    for key, value in raw.items():
        values[key] = _read(key, value, config.root)
    settings = replace(ServiceSettings(), **values)
    changes = {k: v for k, v in overrides.items() if v is not None}
    if "data_dir" in changes:
        changes["data_dir"] = _path(changes["data_dir"], Path.cwd())
    return replace(settings, **changes)


def _read(key: str, value: Any, root: Path) -> Any:
    if key == "schema_uri_fields":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise _error(key, "expected a list of dotted field names")
        return tuple(str(v) for v in value)
    if key == "sink":
        if value not in SINKS:
            raise _error(key, f"expected one of {', '.join(SINKS)}")
        return value
    if key == "data_dir":
        return _path(value, root)
    if key == "kafka":
        return _kafka(value)
    if key not in _SIMPLE:
        known = ", ".join(
            sorted(_SIMPLE | {"schema_uri_fields", "sink", "data_dir", "kafka", "fill"})
        )
        raise _error(key, f"unknown setting; known settings are: {known}")
    expected = type(getattr(ServiceSettings(), key))
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise _error(key, f"expected a {expected.__name__}")
    if expected is int and value <= 0:
        raise _error(key, "expected a positive number")
    return value


def _fill(value: Any) -> dict[str, bool]:
    names = {
        "meta_dt": "fill_meta_dt",
        "meta_id": "fill_meta_id",
        "request_id": "fill_request_id",
    }
    if not isinstance(value, dict) or not set(value) <= set(names):
        raise _error("fill", f"expected a mapping with some of {sorted(names)}")
    if not all(isinstance(v, bool) for v in value.values()):
        raise _error("fill", "values must be true or false")
    return {names[k]: v for k, v in value.items()}


def _kafka(value: Any) -> KafkaSettings:
    if not isinstance(value, dict):
        raise _error("kafka", "expected a mapping")
    value = dict(value)
    settings = KafkaSettings(
        bootstrap_servers=str(value.pop("bootstrap_servers", "127.0.0.1:9092")),
        topic_prefix=str(value.pop("topic_prefix", "")),
        delivery_timeout_ms=int(value.pop("delivery_timeout_ms", 10_000)),
    )
    # Anything else is passed to the librdkafka producer as it is.
    return replace(settings, extra=value)


def _path(value: Any, root: Path) -> Path:
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else root / path


def _error(key: str, message: str) -> ConfigError:
    return ConfigError(f"service.{key}: {message}")
