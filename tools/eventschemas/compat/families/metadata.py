"""Annotation keywords: reported for the record, never breaking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventschemas.compat.model import At, Finding
from eventschemas.compat.schema import Node, json_equal

if TYPE_CHECKING:
    from eventschemas.compat.engine import Ctx

_KINDS = (
    ("$id", "ID_CHANGED"),
    ("title", "TITLE_CHANGED"),
    ("description", "DESCRIPTION_CHANGED"),
    ("default", "DEFAULT_CHANGED"),
)


def compare(ctx: Ctx, old: Node, new: Node, at: At) -> Iterator[Finding]:
    for keyword, kind in _KINDS:
        before, after = old.get(keyword), new.get(keyword)
        if not json_equal(before, after):
            yield ctx.finding(
                kind, at, old, new, keyword=keyword, old=before, new=after
            )
