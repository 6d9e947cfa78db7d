"""`event-schemas materialize`: write (or check) the versioned files."""

import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventschemas.cli.state import State, state_of
from eventschemas.errors import UsageError

if TYPE_CHECKING:
    from eventschemas.tree.materialize import MaterializeRun
    from eventschemas.tree.model import Repository


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("materialize")(materialize_command)


def materialize_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="current.yaml files, title directories or titles."),
    ] = None,
    all_titles: Annotated[
        bool, typer.Option("--all", help="Every title with a current file.")
    ] = False,
    modified: Annotated[
        bool,
        typer.Option(
            "--modified",
            help="Current files changed in the git work tree or index (or new).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be written; write nothing."),
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 listing every file or link that differs.",
        ),
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
) -> None:
    """Dereference, merge and write <title>/<version>.yaml|.json and their links."""
    from eventschemas.tree.materialize import materialize, titles_for_paths

    state = state_of(ctx)
    repo = state.repository()
    chosen = sum(bool(x) for x in (paths, all_titles, modified))
    if chosen > 1:
        raise UsageError("give PATHS, --all or --modified, not more than one of them")
    if chosen == 0 and not check:
        raise UsageError(
            "nothing to materialize: give PATHS, --all or --modified "
            "(see `event-schemas materialize --help`)"
        )
    titles = None
    if paths:
        titles = titles_for_paths(repo, paths)
    elif modified:
        titles = _modified_titles(repo)
        if not titles:
            state.say(f"No modified {repo.config.current_name} files.")
            return
    run = materialize(repo, titles, dry_run=dry_run, check=check)
    if output_format is OutputFormat.json:
        _print_json(run, repo.display)
    else:
        _print_text(state, run, repo.display, check=check, dry_run=dry_run)
    if check and run.differences:
        raise typer.Exit(1)


def _modified_titles(repo: "Repository") -> list[str]:
    from eventschemas.gitchanges import changed_files
    from eventschemas.tree.materialize import titles_for_paths

    name = repo.config.current_name
    changed = [
        p
        for p in changed_files(repo.config.root)
        if p.name == name and p.is_file() and p.resolve().is_relative_to(repo.base)
    ]
    return titles_for_paths(repo, changed)


def _print_text(
    state: State,
    run: "MaterializeRun",
    display: Callable[[Path], str],
    *,
    check: bool,
    dry_run: bool,
) -> None:
    if check:
        for diff in run.differences:
            typer.echo(f"{display(diff.output.path)}: {diff.reason}")
        if run.differences:
            state.say(
                f"{len(run.differences)} materialized file(s) or link(s) out of date; "
                "run `event-schemas materialize --all` and commit the result"
            )
        else:
            state.say(f"All {len(run.titles)} title(s) are materialized and in sync.")
        return
    verb = "Would write" if dry_run else "Wrote"
    for output in run.written:
        suffix = f" -> {output.target}" if output.kind == "link" else ""
        typer.echo(f"{verb} {display(output.path)}{suffix}")
    state.say(
        f"Materialized {len(run.titles)} title(s); {len(run.written)} file(s) changed."
    )


def _print_json(run: "MaterializeRun", display: Callable[[Path], str]) -> None:
    payload = {
        "format_version": 1,
        "titles": run.titles,
        "written": [display(o.path) for o in run.written],
        "differences": [
            {"path": display(d.output.path), "kind": d.output.kind, "reason": d.reason}
            for d in run.differences
        ],
    }
    typer.echo(json.dumps(payload, indent=2))
