"""`event-schemas check`: the CI gate (whole repository, or a pull request)."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventschemas.cli.lint_cmd import (
    FailLevel,
    FailLevelOption,
    FormatOption,
    OutputFormat,
    emit,
    rule_infos,
)
from eventschemas.cli.state import state_of

if TYPE_CHECKING:
    from eventschemas.reporters import RuleInfo


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)


def check_command(
    ctx: typer.Context,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="Check a pull request against this ref: the merge base of HEAD "
            "and REF. Without a value given, --base defaults to $GITHUB_BASE_REF, "
            "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME, origin/main, then main.",
        ),
    ] = None,
    pull_request: Annotated[
        bool,
        typer.Option(
            "--pr",
            help="Run the pull-request gate with the default base (see --base).",
        ),
    ] = False,
    output_format: FormatOption = OutputFormat.text,
    fail_level: FailLevelOption = FailLevel.error,
    summary_file: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            help="Write a Markdown summary here (also appended to "
            "$GITHUB_STEP_SUMMARY when that is set).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Run every check a schema repository must pass (structure, lint, examples,
    compatibility); with --base, the pull-request rules over git history."""
    from eventschemas.gate.check import check_pull_request, check_repository
    from eventschemas.reporters import Report

    state = state_of(ctx)
    repo = state.repository()
    if base is not None or pull_request:
        result = check_pull_request(repo, base)
        scope = f"{len(result.titles)} changed or dependent title(s)"
    else:
        result = check_repository(repo)
        scope = f"{len(result.titles)} title(s)"
    if summary_file is not None or os.environ.get("GITHUB_STEP_SUMMARY"):
        from eventschemas.gate.summary import markdown

        _write_summary(markdown(result), summary_file)
    report = Report("check", result.diagnostics, _rules(), len(result.waived))
    emit(state, report, output_format, fail_level, scope)


def _rules() -> "dict[str, RuleInfo]":
    from eventschemas.gate.rules import GATE_RULES
    from eventschemas.reporters import RuleInfo

    rules = rule_infos()
    for rule, (severity, summary) in GATE_RULES.items():
        rules[rule] = RuleInfo(rule, summary, severity)
    return rules


def _write_summary(text: str, target: Path | None) -> None:
    if target is not None:
        target.write_text(text, encoding="utf-8")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as out:
            out.write(text)
