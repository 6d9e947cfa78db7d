"""`event-schemas lint`: the rule catalogue over the schema tree.

Also home of the options every checking command shares (`--format`,
`--fail-level`) and of `emit`, which renders a report and sets the exit code.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventschemas.cli.state import State, state_of

if TYPE_CHECKING:
    from eventschemas.reporters import Report, RuleInfo


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailLevel(StrEnum):
    error = "error"
    warning = "warning"


class LintLevel(StrEnum):
    minimal = "minimal"
    standard = "standard"
    strict = "strict"


PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Schema files, title directories (or directories above them) or "
        "titles. Default: the whole repository.",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="Output format (github: workflow annotations)."
    ),
]
FailLevelOption = Annotated[
    FailLevel,
    typer.Option("--fail-level", help="Exit 1 when a finding is at least this severe."),
]


def register(app: typer.Typer) -> None:
    app.command("lint")(lint_command)


def lint_command(
    ctx: typer.Context,
    paths: PathsArgument = None,
    level: Annotated[
        LintLevel | None,
        typer.Option(
            "--level",
            help="Rules to apply (minimal < standard < strict). Default: lint_level "
            "of the config (minimal for a .jsonschema-tools.yaml repository).",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
    fail_level: FailLevelOption = FailLevel.error,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Print the rule catalogue and exit.")
    ] = False,
    generate_waivers: Annotated[
        bool,
        typer.Option(
            "--generate-waivers",
            help="Print a config block of waivers for every current finding.",
        ),
    ] = False,
    with_examples: Annotated[
        bool,
        typer.Option(
            "--examples",
            help="Also validate every example, as `event-schemas examples` does, "
            "in the same run and report (one process for pre-commit and CI).",
        ),
    ] = False,
) -> None:
    """Check schemas against the rule catalogue; waivers come from the config."""
    from eventschemas.lint import Level, lint
    from eventschemas.lint.runner import lint_with_examples
    from eventschemas.reporters import Report

    if list_rules:
        _print_rules(output_format)
        return
    state = state_of(ctx)
    repo = state.repository()
    chosen = Level(level.value) if level else None
    if with_examples:
        result, examples = lint_with_examples(repo, paths or (), chosen)
    else:
        result = lint(repo, paths or (), chosen)
    checked = (
        f"{result.files} file(s) of {result.titles} title(s), level {result.level}"
    )
    if with_examples:
        checked += f", and {examples} example(s)"
    if generate_waivers:
        typer.echo(result.waiver_block(repo), nl=False)
        return
    report = Report("lint", result.diagnostics, rule_infos(), len(result.waived))
    emit(state, report, output_format, fail_level, checked)


def rule_infos() -> "dict[str, RuleInfo]":
    from eventschemas.lint.catalogue import load
    from eventschemas.reporters import RuleInfo

    return {r.id: RuleInfo(r.id, r.summary, r.severity) for r in load().values()}


def emit(
    state: State,
    report: "Report",
    output_format: OutputFormat,
    fail_level: FailLevel,
    checked: str,
) -> None:
    """Print the report; exit 1 when a finding reaches `fail_level`."""
    from eventschemas.diagnostics import Severity, should_fail
    from eventschemas.reporters import render, summary

    typer.echo(render(report, output_format.value), nl=False)
    state.say(f"{report.command}: {summary(report)} in {checked}.")
    if should_fail(list(report.diagnostics), Severity(fail_level.value)):
        raise typer.Exit(1)


def _print_rules(output_format: OutputFormat) -> None:
    from eventschemas.lint.catalogue import load

    rules = list(load().values())
    if output_format is OutputFormat.json:
        import json

        payload = {"format_version": 1, "rules": [r.as_dict() for r in rules]}
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo(f"{'RULE':<32} {'LEVEL':<9} {'SEVERITY':<8} {'COMMAND':<8} MEANING")
    for r in rules:
        typer.echo(
            f"{r.id:<32} {r.level.value:<9} {r.severity.value:<8} "
            f"{r.command:<8} {r.summary}"
        )
