"""`event-schemas examples`: validate every example of every schema version."""

import typer

from eventschemas.cli.lint_cmd import (
    FailLevel,
    FailLevelOption,
    FormatOption,
    OutputFormat,
    PathsArgument,
    emit,
    rule_infos,
)
from eventschemas.cli.state import state_of


def register(app: typer.Typer) -> None:
    app.command("examples")(examples_command)


def examples_command(
    ctx: typer.Context,
    paths: PathsArgument = None,
    output_format: FormatOption = OutputFormat.text,
    fail_level: FailLevelOption = FailLevel.error,
) -> None:
    """Validate examples (formats asserted) and their $schema against each version."""
    from eventschemas.examples import check_examples
    from eventschemas.reporters import Report

    state = state_of(ctx)
    repo = state.repository()
    result = check_examples(repo, paths or ())
    report = Report("examples", result.diagnostics, rule_infos(), len(result.waived))
    checked = (
        f"{result.examples} example(s) of {result.schemas} schema version(s) "
        f"of {result.titles} title(s)"
    )
    emit(state, report, output_format, fail_level, checked)
