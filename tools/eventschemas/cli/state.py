"""Options shared by every command, collected by the app callback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from msgspec import Struct, field

if TYPE_CHECKING:
    from eventschemas.tree.cache import ParseCache
    from eventschemas.tree.model import Repository


class State(Struct):
    repo_path: Path | None
    config_path: Path | None
    verbosity: int = 0
    cache: bool = True
    cache_dir: Path | None = None
    _caches: list[ParseCache] = field(default_factory=list)

    def root(self) -> Path:
        """The repository root: --repo, else found upward from the working dir."""
        from eventschemas.config import find_repository_root

        return self.repo_path or find_repository_root(Path.cwd())

    def repository(self) -> Repository:
        from eventschemas.tree.model import Repository

        root = self.root()
        cache = None
        if self.cache:
            from eventschemas.tree.cache import ParseCache

            cache = ParseCache.for_repository(root, self.cache_dir)
            self._caches.append(cache)
        return Repository.open(root, self.config_path, cache=cache)

    def close(self) -> None:
        """Keep what this command parsed for the next one (never fails)."""
        for cache in self._caches:
            if not cache.save() and self.verbosity > 0:
                self.say(f"note: could not write the parse cache {cache.pack}")
            cache.close()
        self._caches.clear()

    def configure_logging(self) -> None:
        """Show log records on stderr at the chosen verbosity.

        Called by the commands that log (and for -v); the others never import
        `logging`, which would cost a few milliseconds of every quick command.
        """
        import logging

        level = logging.WARNING - 10 * max(self.verbosity, 0)
        logging.basicConfig(
            level=max(level, logging.DEBUG), format="%(levelname)s %(message)s"
        )

    def say(self, message: str) -> None:
        """Progress and summary lines: shown unless -q."""
        if self.verbosity >= 0:
            typer.echo(message, err=True)


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state
