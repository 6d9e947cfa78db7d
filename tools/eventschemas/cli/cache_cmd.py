"""`event-schemas cache`: where the parse cache of a repository is; clear it."""

from typing import Annotated

import typer

from eventschemas.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("cache")(cache_command)


def cache_command(
    ctx: typer.Context,
    clear: Annotated[
        bool, typer.Option("--clear", help="Delete this repository's cache.")
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="With --clear: every repository's cache in the directory."
        ),
    ] = False,
) -> None:
    """Show where parsed YAML and kept check results of this repository are
    kept between runs, or clear them.

    The cache is keyed by file content (and by the code that judged), so it
    never needs clearing to be right; clearing only frees the space.
    """
    from eventschemas.errors import UsageError
    from eventschemas.tree.cache import ParseCache, existing_packs, pack_path

    state = state_of(ctx)
    if every and not clear:
        raise UsageError("--all only goes with --clear")
    directory = state.cache_dir
    root = None if every else state.root()
    packs = existing_packs(root, directory)
    if clear:
        for pack in packs:
            pack.unlink(missing_ok=True)
        state.say(f"cache: removed {len(packs)} pack(s)")
        return
    assert root is not None
    current = pack_path(root, directory)
    if not state.cache:
        typer.echo("the parse cache is off (--no-cache or EVENT_SCHEMAS_NO_CACHE)")
    if current in packs:
        cache = ParseCache(current)
        size = current.stat().st_size
        kinds = ", ".join(f"{n} {kind}" for kind, n in cache.kinds().items() if n)
        typer.echo(
            f"{current} ({size / 1024:.0f} KiB, {cache.entries} entries: "
            f"{kinds or 'none'})"
        )
        cache.close()
    else:
        typer.echo(f"{current} (not written yet)")
    stale = [p for p in packs if p != current]
    if stale:
        typer.echo(
            f"{len(stale)} pack(s) from other versions of the tool or Python; "
            "`event-schemas cache --clear` removes them"
        )
