"""The sink contract.

`write` takes serialized lines grouped by stream and returns only when every
line it reports as written is durable as far as the sink promises (flushed to
the file, acknowledged by the broker). A stream whose lines could not be
written is reported with its error, never silently dropped.
"""

from __future__ import annotations

from typing import Protocol

from eventschemas.errors import EventSchemasError


class SinkError(EventSchemasError):
    """The sink could not take the events; they were not written."""


class Sink(Protocol):
    name: str

    async def start(self) -> None:
        """Connect or open what the sink needs (called once, before serving)."""

    async def write(self, batches: dict[str, list[bytes]]) -> dict[str, SinkError]:
        """Write every stream's lines; return the streams that failed."""

    def submit(self, batches: dict[str, list[bytes]]) -> None:
        """Hand lines over without waiting (hasty requests); failures are logged."""

    def ready(self) -> bool:
        """Whether the sink can currently take events (for /readyz)."""

    async def close(self) -> None:
        """Flush and release everything; called once on shutdown."""
