"""`event-schemas docs`: build the documentation site, or preview it."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventschemas.cli.state import State, state_of
from eventschemas.errors import UsageError

if TYPE_CHECKING:
    from eventschemas.docs import Format


class SiteFormat(StrEnum):
    html = "html"
    markdown = "markdown"

    @property
    def site_format(self) -> "Format":
        return "markdown" if self is SiteFormat.markdown else "html"


def register(app: typer.Typer) -> None:
    app.command("docs")(docs_command)


def docs_command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Directory to write the site to (replaced whole on each build).",
            file_okay=False,
        ),
    ] = None,
    site_format: Annotated[
        SiteFormat, typer.Option("--format", "-f", help="html, or markdown pages.")
    ] = SiteFormat.html,
    base_url: Annotated[
        str,
        typer.Option(
            help="Where the site will be published: used for canonical links and "
            "a sitemap (html), or to make links absolute (markdown)."
        ),
    ] = "",
    serve: Annotated[
        bool,
        typer.Option(
            "--serve", help="Serve the site on 127.0.0.1 and rebuild on change."
        ),
    ] = False,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port for --serve (0: any free).")
    ] = 8000,
) -> None:
    """Generate a static documentation site: an index of every schema, a page
    per title with its fields, streams, examples and version history."""
    state = state_of(ctx)
    if out is None and not serve:
        raise UsageError("give --out DIR for the site (or --serve to preview it)")
    if serve:
        _serve(state, out, site_format, base_url, port)
        return
    assert out is not None
    from eventschemas.docs import build_site

    result = build_site(
        state.repository(), out, fmt=site_format.site_format, base_url=base_url
    )
    state.say(
        f"Wrote {result.pages} pages ({result.files} files) to {result.out} "
        f"in {result.seconds:.2f} s"
    )


def _serve(
    state: State, out: Path | None, site_format: SiteFormat, base_url: str, port: int
) -> None:
    import tempfile

    from eventschemas.docs.serve import DocsServer

    state.configure_logging()
    root = state.repository().config.root
    with tempfile.TemporaryDirectory(prefix="event-schemas-docs-") as scratch:
        server = DocsServer(
            root,
            out or Path(scratch) / "site",
            config_file=state.config_path,
            fmt=site_format.site_format,
            base_url=base_url,
        )
        server.serve(port, lambda message: typer.echo(message, err=True))
