"""The documentation site: schema tree and compatibility history → static pages.

>>> from pathlib import Path
>>> from eventschemas import open_repository
>>> from eventschemas.docs import build_site
>>> result = build_site(open_repository("."), Path("build/docs"))  # doctest: +SKIP

`collect` gathers the data (`docs.model`), `render` fills the jinja2 templates
shipped in `templates/`, `site` writes the pages and copies the published files
and `assets/`; `serve` rebuilds on change behind a loopback HTTP server.
"""

from __future__ import annotations

from eventschemas.docs.collect import collect
from eventschemas.docs.render import Format
from eventschemas.docs.site import BuildResult, build_site

__all__ = ["BuildResult", "Format", "build_site", "collect"]
