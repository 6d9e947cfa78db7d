"""Plain-text rendering of a report, for terminals and logs."""

from __future__ import annotations

import json
import textwrap

from eventschemas.compat.model import Change, CompatReport

_WIDTH = 88


def render_text(report: CompatReport, *, show_all: bool = True) -> str:
    """The report as text: a verdict line, then one block per change.

    Non-breaking changes are listed too unless `show_all` is false.
    """
    breaking = report.breaking_changes
    verdict = "COMPATIBLE" if report.compatible else "INCOMPATIBLE"
    lines = [
        f"{verdict} ({report.mode}, {report.policy}): {len(report.changes)} "
        f"change(s), {len(breaking)} breaking"
    ]
    for change in report.changes:
        if change.breaking or show_all:
            lines += _change_lines(change)
    return "\n".join(lines) + "\n"


def _change_lines(change: Change) -> list[str]:
    label = "BREAKING" if change.breaking else "info"
    against = (
        f" (against earlier #{change.against})" if change.against is not None else ""
    )
    lines = [f"  {label:<8} {change.kind} at {change.path}{against}"]
    lines += textwrap.wrap(
        change.message, _WIDTH, initial_indent=" " * 11, subsequent_indent=" " * 11
    )
    if change.has_counterexample:
        shown = json.dumps(change.counterexample, sort_keys=True, ensure_ascii=False)
        other = "new" if change.counterexample_valid_under == "old" else "old"
        side = change.counterexample_valid_under
        lines.append(
            f"           counterexample (valid under {side}, rejected by {other}): "
            f"{shown}"
        )
    elif change.breaking and change.counterexample_note:
        lines += textwrap.wrap(
            f"no counterexample: {change.counterexample_note}",
            _WIDTH,
            initial_indent=" " * 11,
            subsequent_indent=" " * 11,
        )
    return lines
