"""`docs --serve`: the built site on loopback, rebuilt whenever the tree changes.

The standard library's HTTP server is enough for one reader previewing pages;
it listens on 127.0.0.1 only. A failed rebuild keeps the last good site.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from eventschemas.config import load_config
from eventschemas.docs.render import Format
from eventschemas.docs.site import BuildResult, build_site
from eventschemas.errors import EventSchemasError
from eventschemas.tree.model import Repository

LOOPBACK = "127.0.0.1"
logger = logging.getLogger(__name__)
Say = Callable[[str], None]


class _Handler(SimpleHTTPRequestHandler):
    """Serves files quietly: request lines go to the debug log, not stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)


class DocsServer:
    """Builds the site, serves it, and rebuilds it on every change to the tree."""

    def __init__(
        self,
        root: Path,
        out: Path,
        *,
        config_file: Path | None = None,
        fmt: Format = "html",
        base_url: str = "",
    ) -> None:
        self.root = root
        self.out = out.resolve()
        self.config_file = config_file
        self.fmt: Format = fmt
        self.base_url = base_url
        self.url = ""
        self.ready = threading.Event()  # set once the server listens

    def build(self) -> BuildResult:
        repo = Repository.open(self.root, self.config_file)
        return build_site(repo, self.out, fmt=self.fmt, base_url=self.base_url)

    def watched_paths(self) -> list[Path]:
        # The config alone: discovering every title would only be thrown away.
        return load_config(self.root, self.config_file).watched_paths()

    def serve(self, port: int, say: Say, stop: threading.Event | None = None) -> None:
        """Build, then serve on `port` (0: any free port) until `stop` or Ctrl-C."""
        result = self.build()
        say(f"Built {result.pages} pages in {result.seconds:.2f} s")
        handler = partial(_Handler, directory=str(self.out))
        with ThreadingHTTPServer((LOOPBACK, port), handler) as httpd:
            thread = threading.Thread(target=httpd.serve_forever, daemon=True)
            thread.start()
            self.url = f"http://{LOOPBACK}:{httpd.server_port}/"
            self.ready.set()
            say(f"Serving {self.out} at {self.url} (Ctrl-C stops)")
            try:
                self.watch(say, stop)
            finally:
                httpd.shutdown()
                thread.join()

    def watch(self, say: Say, stop: threading.Event | None) -> None:
        from watchfiles import watch

        for changes in watch(*self.watched_paths(), stop_event=stop, debounce=300):
            say(f"{len(changes)} file(s) changed; rebuilding")
            self.rebuild(say)

    def rebuild(self, say: Say) -> None:
        try:
            result = self.build()
        except EventSchemasError as exc:
            say(f"Rebuild failed, still serving the last good site: {exc}")
            return
        say(f"Rebuilt {result.pages} pages in {result.seconds:.2f} s")
