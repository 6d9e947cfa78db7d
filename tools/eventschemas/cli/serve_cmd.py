"""`event-schemas serve`: run the EventBus validator service."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eventschemas.cli.state import state_of


class SinkChoice(StrEnum):
    jsonl = "jsonl"
    stdout = "stdout"
    kafka = "kafka"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8192,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    sink: Annotated[
        SinkChoice | None,
        typer.Option(help="Where valid events go (default: config, jsonl)."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="jsonl sink directory (default: var/events).")
    ] = None,
    allow_unknown_streams: Annotated[
        bool | None,
        typer.Option(
            "--allow-unknown-streams/--known-streams-only",
            help="Accept streams missing from streams.yaml (local development).",
        ),
    ] = None,
    reload: Annotated[
        bool | None,
        typer.Option("--reload/--no-reload", help="Reload when the tree changes."),
    ] = None,
) -> None:
    """Validate posted events against the tree and write valid ones to a sink."""
    import logging

    from eventschemas.eventbus.server import serve

    state = state_of(ctx)
    root = state.root()
    overrides = {
        "sink": sink.value if sink else None,
        "data_dir": data_dir.resolve() if data_dir else None,
        "allow_unknown_streams": allow_unknown_streams,
        "reload": reload,
    }
    level = logging.DEBUG if state.verbosity > 0 else logging.INFO
    if state.verbosity < 0:
        level = logging.WARNING
    serve(
        root.resolve(),
        config_file=state.config_path,
        host=host,
        port=port,
        workers=workers,
        overrides={k: v for k, v in overrides.items() if v is not None},
        log_level=level,
        cache_dir=state.cache_dir,
        parse_cache=state.cache,
    )
