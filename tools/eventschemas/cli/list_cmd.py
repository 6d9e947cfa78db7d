"""`event-schemas list`: titles, versions, latest."""

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from eventschemas.cli.state import state_of


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("list")(list_titles)


def list_titles(
    ctx: typer.Context,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.text,
) -> None:
    """List every schema title with its published versions and its current version."""
    from eventschemas.inventory import inventory

    repo = state_of(ctx).repository()
    rows = inventory(repo)
    if output_format is ListFormat.json:
        typer.echo(json.dumps({"format_version": 1, "titles": rows}, indent=2))
    else:
        _print_table(rows)
    broken = [
        r["current"]["error"] for r in rows if r["current"] and "error" in r["current"]
    ]
    for message in broken:
        typer.echo(f"Error: {message}", err=True)
    if broken:
        raise typer.Exit(1)


def _print_table(rows: list[dict[str, Any]]) -> None:
    header = ("TITLE", "LATEST", "CURRENT", "VERSIONS")
    table = [header] + [
        (
            r["title"],
            r["latest"] or "-",
            (r["current"]["version"] or "invalid") if r["current"] else "-",
            ", ".join(r["versions"]) or "-",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[3]]).rstrip())
