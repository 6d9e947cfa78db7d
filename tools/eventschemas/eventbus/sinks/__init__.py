"""Where accepted events go: JSON-lines files, stdout or Kafka."""

from __future__ import annotations

from eventschemas.eventbus.settings import ServiceSettings
from eventschemas.eventbus.sinks.base import Sink, SinkError


def open_sink(settings: ServiceSettings) -> Sink:
    """Create the sink named by `settings.sink`."""
    if settings.sink == "kafka":
        from eventschemas.eventbus.sinks.kafka import KafkaSink

        return KafkaSink(settings.kafka)
    if settings.sink == "stdout":
        from eventschemas.eventbus.sinks.stdout import StdoutSink

        return StdoutSink()
    from eventschemas.eventbus.sinks.jsonl import JsonLinesSink

    return JsonLinesSink(settings.data_dir, fsync=settings.fsync)


__all__ = ["Sink", "SinkError", "open_sink"]
