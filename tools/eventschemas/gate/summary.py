"""A Markdown summary of a `check` run, fit for a pull-request comment."""

from __future__ import annotations

import json

from eventschemas.diagnostics import Severity
from eventschemas.gate.check import CheckResult
from eventschemas.gate.versions import Verdict

_MAX_FINDINGS = 50


def markdown(result: CheckResult) -> str:
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    status = "passed" if not errors else f"failed: {errors} error(s)"
    lines = [f"## Schema check {status}", ""]
    if result.pull_request is not None:
        pr = result.pull_request
        lines += [
            f"Compared with `{pr.base.ref}` (merge base `{pr.base.commit[:12]}`): "
            f"{len(pr.changes)} changed file(s), "
            f"{len(result.titles)} title(s) checked.",
            "",
        ]
    if warnings:
        lines += [f"{warnings} warning(s).", ""]
    lines += _versions_table(result.verdicts)
    lines += _counterexamples(result.verdicts)
    lines += _findings(result)
    if result.waived:
        lines += [f"{len(result.waived)} finding(s) waived by the configuration.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _versions_table(verdicts: list[Verdict]) -> list[str]:
    if not verdicts:
        return []
    lines = ["| Title | Version | Verdict | Changes |", "| --- | --- | --- | --- |"]
    for verdict in verdicts:
        old = str(verdict.old) if verdict.old else "(new)"
        lines.append(
            f"| `{verdict.title}` | {old} → {verdict.new} | {_verdict(verdict)} "
            f"| {_changes(verdict)} |"
        )
    return [*lines, ""]


def _verdict(verdict: Verdict) -> str:
    if verdict.diagnostics:
        return "❌ " + ", ".join(sorted({d.rule for d in verdict.diagnostics}))
    if verdict.old is None:
        return "✅ first version"
    if verdict.report is None:
        return f"✅ {verdict.bump} bump"
    return f"✅ compatible ({verdict.report.mode}, {verdict.report.policy})"


def _changes(verdict: Verdict) -> str:
    if verdict.report is None or not verdict.report.changes:
        return "—"
    parts = []
    for change in verdict.report.changes[:8]:
        mark = "**breaking:** " if change.breaking else ""
        parts.append(f"{mark}{_cell(change.message)}")
    more = len(verdict.report.changes) - 8
    if more > 0:
        parts.append(f"and {more} more")
    return "<br>".join(parts)


def _counterexamples(verdicts: list[Verdict]) -> list[str]:
    lines: list[str] = []
    for verdict in verdicts:
        if verdict.report is None:
            continue
        for change in verdict.report.breaking_changes:
            if change.has_counterexample:
                body = json.dumps(change.counterexample, indent=2, ensure_ascii=False)
                side = change.counterexample_valid_under
                detail = f"Valid under the {side} schema only:\n\n```json\n{body}\n```"
            else:
                detail = f"No counterexample: {change.counterexample_note}"
            lines += [
                "<details>",
                f"<summary>{verdict.title} {verdict.new}: {change.kind} at "
                f"<code>{change.path}</code></summary>",
                "",
                detail,
                "",
                "</details>",
                "",
            ]
    return lines


def _findings(result: CheckResult) -> list[str]:
    if not result.diagnostics:
        return ["No findings.", ""]
    lines = ["### Findings", ""]
    for found in result.diagnostics[:_MAX_FINDINGS]:
        lines.append(
            f"- `{found.location}` **{found.severity.value}** `{found.rule}`: "
            f"{_cell(found.message)}"
        )
    rest = len(result.diagnostics) - _MAX_FINDINGS
    if rest > 0:
        lines.append(f"- … and {rest} more (see the job log)")
    return [*lines, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
