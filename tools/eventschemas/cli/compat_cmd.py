"""`event-schemas compat`: compare two schemas, or the versions of titles."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventschemas.cli.lint_cmd import FormatOption, OutputFormat
from eventschemas.cli.state import state_of
from eventschemas.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from eventschemas.compat.model import Mode, Policy
    from eventschemas.compat.sides import Comparison
    from eventschemas.diagnostics import Diagnostic


class ModeChoice(StrEnum):
    none = "none"
    backward = "backward"
    forward = "forward"
    full = "full"
    backward_transitive = "backward_transitive"
    forward_transitive = "forward_transitive"
    full_transitive = "full_transitive"


class PolicyChoice(StrEnum):
    strict = "strict"
    lenient = "lenient"
    event_platform = "event-platform"


def register(app: typer.Typer) -> None:
    app.command("compat")(compat_command)


def compat_command(
    ctx: typer.Context,
    old: Annotated[str | None, typer.Argument(help="File or TITLE@VERSION.")] = None,
    new: Annotated[str | None, typer.Argument(help="File or TITLE@VERSION.")] = None,
    title: Annotated[
        list[str] | None,
        typer.Option("--title", help="Compare the published versions of this title."),
    ] = None,
    all_titles: Annotated[
        bool, typer.Option("--all", help="Compare the versions of every title.")
    ] = False,
    mode: Annotated[
        ModeChoice | None,
        typer.Option(help="Direction (default: the config's, else backward)."),
    ] = None,
    policy: Annotated[
        PolicyChoice | None,
        typer.Option(help="Rules (default: the config's, else event-platform)."),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Decide whether NEW accepts what OLD accepts (and/or the reverse); every
    break comes with a counterexample. Exit 1 when incompatible."""
    from eventschemas.compat.sides import Comparison, load_side, title_comparisons

    state = state_of(ctx)
    pair = old is not None or new is not None
    if pair == bool(title or all_titles) or (pair and (old is None or new is None)):
        raise UsageError("give OLD and NEW, or --title TITLE, or --all")
    repo = _repository(state, required=not pair)
    chosen_mode: Mode | None = mode.value if mode else None
    chosen_policy: Policy | None = policy.value if policy else None
    if pair:
        assert old is not None and new is not None
        from eventschemas.compat import compare

        left, right = load_side(repo, old), load_side(repo, new)
        report = compare(
            left.schema,
            right.schema,
            mode=chosen_mode or "backward",
            policy=chosen_policy or "event-platform",
        )
        comparisons = [Comparison(left, right, report)]
    else:
        assert repo is not None
        titles = (
            list(repo.titles) if all_titles else [t.strip("/") for t in title or []]
        )
        comparisons = [
            c
            for t in titles
            for c in title_comparisons(repo, t, chosen_mode, chosen_policy)
        ]
    _print(comparisons, output_format)
    if not all(c.report.compatible for c in comparisons):
        raise typer.Exit(1)


def _repository(state: Any, *, required: bool) -> Any:
    try:
        return state.repository()
    except ConfigError:
        if required:
            raise
        return None  # two plain files can be compared outside a repository


def _print(comparisons: "list[Comparison]", output_format: OutputFormat) -> None:
    from eventschemas.compat import render_text

    if output_format is OutputFormat.text:
        for comparison in comparisons:
            typer.echo(f"{comparison.old.label} -> {comparison.new.label}")
            typer.echo(render_text(comparison.report), nl=False)
        if not comparisons:
            typer.echo("nothing to compare: no title has two versions in one major")
        return
    if output_format is OutputFormat.json:
        payload = {
            "format_version": 1,
            "comparisons": [
                {"old": c.old.label, "new": c.new.label, **c.report.to_dict()}
                for c in comparisons
            ],
        }
        import json

        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    from eventschemas.reporters import Report, render

    findings = [d for c in comparisons for d in _diagnostics(c)]
    typer.echo(render(Report("compat", findings), output_format.value), nl=False)


def _diagnostics(comparison: "Comparison") -> "list[Diagnostic]":
    from eventschemas.diagnostics import Diagnostic, Severity

    document = comparison.new.document
    found = []
    for change in comparison.report.breaking_changes:
        pointer = (change.new_location or change.path).lstrip("#")
        position = document.position(pointer) if document is not None else None
        found.append(
            Diagnostic.at(
                change.kind,
                Severity.ERROR,
                f"{comparison.old.label} -> {comparison.new.label}: {change.message}",
                position,
                change.path,
                counterexample=change.counterexample,
            )
        )
    return found
