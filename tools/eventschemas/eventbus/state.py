"""The service's swappable state: a compiled snapshot of the tree, and reloads.

A reload builds a complete new snapshot aside (in a thread, so requests keep
being served) and replaces the old one with a single assignment. A tree that
fails to load leaves the last good snapshot in place and logs why, naming the
file and line.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path
from typing import Any

from msgspec import Struct

from eventschemas.config import RepoConfig
from eventschemas.errors import EventSchemasError
from eventschemas.eventbus import metrics
from eventschemas.eventbus.intake import Intake
from eventschemas.eventbus.registry import Registry, build_registry
from eventschemas.eventbus.settings import ServiceSettings, load_settings
from eventschemas.tree.cache import ParseCache
from eventschemas.tree.model import Repository

logger = logging.getLogger(__name__)


class Snapshot(Struct, frozen=True):
    registry: Registry
    intake: Intake
    config: RepoConfig


class ServiceState:
    """Loads the repository at `root` and keeps the current snapshot."""

    def __init__(
        self,
        root: Path,
        config_file: Path | None = None,
        *,
        cache_dir: Path | None = None,
        parse_cache: bool = True,
        **overrides: Any,
    ) -> None:
        self.root = root
        self.config_file = config_file
        self.cache_dir = cache_dir
        self.parse_cache = parse_cache
        self.overrides = overrides
        self.settings, self.snapshot = self._load(initial=True)
        self._reloading = asyncio.Lock()

    def _load(self, initial: bool = False) -> tuple[ServiceSettings, Snapshot]:
        # With the parse cache (see tree.cache), starting and reloading parse
        # only the files that changed since any earlier run.
        cache = (
            ParseCache.for_repository(self.root, self.cache_dir)
            if self.parse_cache
            else None
        )
        try:
            repo = Repository.open(self.root, self.config_file, cache=cache)
            # The sink and limits stay as started; a reload only replaces the tree.
            settings = (
                load_settings(repo.config, **self.overrides)
                if initial
                else self.settings
            )
            registry = build_registry(repo, allow_latest=settings.allow_latest)
            if cache is not None:
                cache.save()
        finally:
            if cache is not None:
                cache.close()
        intake = Intake(registry, settings)
        return settings, Snapshot(registry, intake, repo.config)

    def watched_paths(self) -> list[Path]:
        return self.snapshot.config.watched_paths()

    async def reload(self, reason: str) -> bool:
        """Rebuild the snapshot; keep the old one if the tree is broken."""
        async with self._reloading:
            try:
                _, snapshot = await asyncio.to_thread(self._load)
            except EventSchemasError as exc:
                metrics.RELOADS.labels("failed").inc()
                logger.error(
                    "reload (%s) failed, still serving the previous schemas: %s",
                    reason,
                    exc,
                    extra={"error_position": str(exc.position or "")},
                )
                return False
            self.snapshot = snapshot
            gc.freeze()  # the new snapshot is long-lived too (see app.lifespan)
            metrics.RELOADS.labels("ok").inc()
            versions = sum(len(v) for v in snapshot.registry.by_title.values())
            logger.info("reloaded (%s): %d schema versions", reason, versions)
            return True


async def watch(state: ServiceState, stop: asyncio.Event) -> None:
    """Reload whenever a file of the tree, the streams or the config changes."""
    from watchfiles import awatch

    paths = state.watched_paths()
    async for _changes in awatch(*paths, stop_event=stop, debounce=300, recursive=True):
        await state.reload("files changed")
