"""Shared driver for the keyword-family tables."""

from __future__ import annotations

from typing import Any

import pytest

from eventschemas.compat import compare

from .helpers import kinds, verdicts

Row = tuple[str, Any, Any, bool, bool, str | None]


def family_cases(rows: list[Row]) -> pytest.MarkDecorator:
    """Parametrize a test over a family's table: one case per row, named by it."""
    return pytest.mark.parametrize(
        ("name", "old", "new", "backward", "forward", "kind"),
        rows,
        ids=[r[0] for r in rows],
    )


def check_row(
    old: Any, new: Any, backward: bool, forward: bool, kind: str | None
) -> None:
    """Verdicts both ways match, counterexamples separate, `kind` is reported."""
    assert verdicts(old, new) == (backward, forward)
    if kind is not None:
        assert kind in kinds(compare(old, new, mode="none"))
    if not backward:
        broken = compare(old, new).breaking_changes
        assert any(c.has_counterexample for c in broken), broken
