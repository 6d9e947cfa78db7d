"""Write the site: pages, the published files beside them, and the assets.

The site is built in a sibling directory and swapped in at the end, so a
reader (or `docs --serve`) never sees a half-written site. A directory is
only ever replaced when an earlier build left its marker file in it.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from msgspec import Struct

from eventschemas.docs.collect import collect
from eventschemas.docs.model import Site
from eventschemas.docs.render import Format, render_index, render_title
from eventschemas.errors import UsageError
from eventschemas.tree.model import Repository

MARKER = ".event-schemas-docs"
ASSETS = ("site.css", "filter.js")
_PAGE_NAME: dict[str, str] = {"html": "index.html", "markdown": "README.md"}


class BuildResult(Struct, frozen=True):
    out: Path
    pages: int
    files: int
    seconds: float


def build_site(
    repo: Repository, out: Path, *, fmt: Format = "html", base_url: str = ""
) -> BuildResult:
    """Build the documentation site of `repo` into the directory `out`.

    Raises:
        UsageError: `out` is inside the schema tree, holds the repository, or
            is a non-empty directory that no earlier build wrote.
    """
    started = time.perf_counter()
    out = out.resolve()
    check_output_dir(repo, out)
    site = collect(repo, base_url=normalize_base_url(base_url))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        files = write_site(site, staging, fmt)
        staging.chmod(0o755)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    elapsed = time.perf_counter() - started
    return BuildResult(out, len(site.pages) + 1, files, elapsed)


def check_output_dir(repo: Repository, out: Path) -> None:
    root = repo.config.root.resolve()
    if out.is_relative_to(repo.base.resolve()) or root.is_relative_to(out):
        raise UsageError(
            f"cannot write the site to {out}: it overlaps the schema tree or the "
            "repository; choose a directory of its own, such as build/docs"
        )
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a directory; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(
            f"{out} is not empty and was not written by `event-schemas docs`; "
            "choose an empty or new directory (a built site is replaced whole)"
        )


def normalize_base_url(base_url: str) -> str:
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


def write_site(site: Site, target: Path, fmt: Format) -> int:
    """Write every file of the site under `target`; return how many."""
    page_name = _PAGE_NAME[fmt]
    written = [_write(target / page_name, render_index(site, fmt))]
    for page in site.pages.values():
        directory = target / page.title
        directory.mkdir(parents=True, exist_ok=True)
        written.append(_write(directory / page_name, render_title(site, page, fmt)))
        for entry in page.versions:
            for raw in entry.raw:
                shutil.copyfile(raw.source, directory / raw.name)
                written.append(directory / raw.name)
    if fmt == "html":
        written += _copy_assets(target / "assets")
        if site.base_url:
            written.append(_write(target / "sitemap.xml", sitemap(site)))
    _write(target / MARKER, f"format: {fmt}\n")
    return len(written)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _copy_assets(directory: Path) -> list[Path]:
    directory.mkdir()
    source = resources.files("eventschemas.docs") / "assets"
    return [
        _write(directory / name, (source / name).read_text("utf-8")) for name in ASSETS
    ]


def sitemap(site: Site) -> str:
    """A sitemap of the index and the title pages, under the site's base URL."""
    urls = [site.base_url] + [site.base_url + p.url_path for p in site.pages.values()]
    lines = [f"  <url><loc>{xml_escape(url)}</loc></url>" for url in urls]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(lines)
        + "\n</urlset>\n"
    )


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    out.replace(retired / "site")
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
