"""Standard-output sink: every accepted event as one JSON line (for piping)."""

from __future__ import annotations

import sys

from eventschemas.eventbus.sinks.base import SinkError


class StdoutSink:
    name = "stdout"

    async def start(self) -> None:
        return None

    async def write(self, batches: dict[str, list[bytes]]) -> dict[str, SinkError]:
        failed = {}
        for stream, lines in batches.items():
            try:
                sys.stdout.buffer.write(b"".join(lines))
                sys.stdout.buffer.flush()
            except (OSError, ValueError) as exc:
                failed[stream] = SinkError(f"writing to stdout failed: {exc}")
        return failed

    def submit(self, batches: dict[str, list[bytes]]) -> None:
        for lines in batches.values():
            sys.stdout.buffer.write(b"".join(lines))
        sys.stdout.buffer.flush()

    def ready(self) -> bool:
        return not sys.stdout.closed

    async def close(self) -> None:
        sys.stdout.flush()
