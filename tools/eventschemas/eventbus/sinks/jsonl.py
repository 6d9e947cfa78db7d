"""JSON-lines sink: one append-only file per stream under a data directory.

Each stream's lines of a request are written with one `os.write` on a file
opened with O_APPEND, so concurrent workers never interleave inside a batch and
a line is in the file (the kernel's page cache) before the request is answered.
With `fsync` the file is also synced to disk before answering.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from eventschemas.eventbus.sinks.base import SinkError

logger = logging.getLogger(__name__)


class JsonLinesSink:
    name = "jsonl"

    def __init__(self, directory: Path, *, fsync: bool = False) -> None:
        self.directory = directory
        self.fsync = fsync
        self._files: dict[str, int] = {}
        self._healthy = True

    async def start(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SinkError(
                f"cannot create the data directory {self.directory}: {exc.strerror}"
            ) from None

    def path_for(self, stream: str) -> Path:
        # Stream names were checked by the intake: letters, digits, . _ - only.
        return self.directory / f"{stream}.jsonl"

    async def write(self, batches: dict[str, list[bytes]]) -> dict[str, SinkError]:
        if self.fsync:
            return await asyncio.to_thread(self._write_all, batches)
        return self._write_all(batches)

    def submit(self, batches: dict[str, list[bytes]]) -> None:
        for stream, error in self._write_all(batches).items():
            logger.error("hasty write to stream %s failed: %s", stream, error)

    def _write_all(self, batches: dict[str, list[bytes]]) -> dict[str, SinkError]:
        failed = {}
        for stream, lines in batches.items():
            try:
                self._write(stream, b"".join(lines))
            except OSError as exc:
                self._healthy = False
                failed[stream] = SinkError(
                    f"writing {self.path_for(stream)} failed: {exc.strerror or exc}"
                )
        return failed

    def _write(self, stream: str, data: bytes) -> None:
        fd = self._files.get(stream)
        if fd is None:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(self.path_for(stream), flags, 0o644)
            self._files[stream] = fd
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if self.fsync:
            os.fsync(fd)
        self._healthy = True

    def ready(self) -> bool:
        return self._healthy and os.access(self.directory, os.W_OK)

    async def close(self) -> None:
        for fd in self._files.values():
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        self._files.clear()
