"""Entry point: the typer app, global options and the one place exit codes are set."""

import gc
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer

from eventschemas.cli.state import State
from eventschemas.errors import EventSchemasError

app = typer.Typer(
    name="event-schemas",
    help="Tools for a repository of versioned event schemas (JSON Schema in YAML).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    repo: Annotated[
        Path | None,
        typer.Option(
            "--repo",
            help="Repository root (default: found upward from the working directory).",
            file_okay=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Config file (default: .event-schemas.yaml, .jsonschema-tools.yaml).",
            dir_okay=False,
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More output; -vv debug.")
    ] = 0,
    quiet: Annotated[
        int, typer.Option("--quiet", "-q", count=True, help="Less output.")
    ] = 0,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="EVENT_SCHEMAS_NO_CACHE",
            help="Parse every YAML file afresh and keep nothing for later runs.",
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            envvar="EVENT_SCHEMAS_CACHE_DIR",
            help="Where parsed YAML is kept between runs, keyed by file content "
            "(default: $XDG_CACHE_HOME/event-schemas or ~/.cache/event-schemas).",
            file_okay=False,
        ),
    ] = None,
) -> None:
    state = State(
        repo_path=repo,
        config_path=config,
        verbosity=verbose - quiet,
        cache=not no_cache,
        cache_dir=cache_dir,
    )
    ctx.obj = state
    ctx.call_on_close(state.close)
    if state.verbosity > 0:
        state.configure_logging()  # commands that log configure it themselves


def _register() -> None:
    from eventschemas.cli import (
        cache_cmd,
        check_cmd,
        compat_cmd,
        docs_cmd,
        examples_cmd,
        lint_cmd,
        list_cmd,
        materialize_cmd,
        serve_cmd,
    )

    list_cmd.register(app)
    materialize_cmd.register(app)
    lint_cmd.register(app)
    examples_cmd.register(app)
    compat_cmd.register(app)
    check_cmd.register(app)
    docs_cmd.register(app)
    serve_cmd.register(app)
    cache_cmd.register(app)


_register()


def _tune_gc() -> None:
    """Make the cyclic garbage collector run rarely during a command.

    Loading a tree allocates millions of small, mostly acyclic objects; with
    the default thresholds the collector rescans them over and over (about
    15% of a large `check`). Measured peak memory is unchanged. The service
    does its own tuning (see eventbus.app).
    """
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; map our errors to `Error: ...` on stderr and exit codes 1/2.

    Usage mistakes caught by the option parser already exit 2 with a hint;
    everything that reaches here came from a command.
    """
    if argv is None:  # a real process, not a call from Python (tests, embedding)
        _tune_gc()
    args = sys.argv[1:] if argv is None else argv
    verbose = any(a in ("-v", "--verbose") or a.startswith("-vv") for a in args)
    try:
        app(args=args, prog_name="event-schemas")
    except EventSchemasError as exc:
        if verbose:
            traceback.print_exc()
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the last line of defence: our own bug
        if verbose:
            traceback.print_exc()
        typer.echo(
            f"Error: internal error ({exc.__class__.__name__}: {exc}); "
            "rerun with -v for the traceback and report it",
            err=True,
        )
        sys.exit(1)
