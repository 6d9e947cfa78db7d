"""Waivers: accepted findings, from the config or written into a schema.

* Config waivers (`waivers:` in `.event-schemas.yaml`, or `skipSchemaTestCases`
  of a `.jsonschema-tools.yaml`) silence a rule for every schema whose `$id` or
  title matches a regex. jsonschema-tools test-case names are accepted and
  stand for the rules that cover them (`catalogue.LEGACY_NAMES`).
* `x-lint-ignore: [RULE-ID, ...]` on a schema object silences those rules for
  that object and everything nested in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from eventschemas.config import Waiver
from eventschemas.lint.catalogue import rule_ids
from eventschemas.tree import pointer as jp

IGNORE_KEY = "x-lint-ignore"


class WaiverSet:
    """The config waivers of one repository, with legacy names expanded."""

    def __init__(self, waivers: Iterable[Waiver]) -> None:
        # Patterns by rule id: lint asks once per schema and rule.
        self.patterns: dict[str, list[re.Pattern[str]]] = {}
        for waiver in waivers:
            for rule in rule_ids(waiver.rule):
                self.patterns.setdefault(rule, []).append(waiver.pattern)

    def covers(self, rule: str, *subjects: str) -> bool:
        """Whether a waiver for `rule` matches one of `subjects` ($id, title)."""
        patterns = self.patterns.get(rule)
        if not patterns:
            return False
        return any(p.search(s) for p in patterns for s in subjects if s)


def ignored_in_schema(data: Any, pointer: str, rule: str) -> bool:
    """Whether an `x-lint-ignore` on the way to `pointer` names `rule`."""
    node = data
    if _names(node, rule):
        return True
    for token in jp.split(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
        if _names(node, rule):
            return True
    return False


def _names(node: Any, rule: str) -> bool:
    if not isinstance(node, dict) or IGNORE_KEY not in node:
        return False
    value = node[IGNORE_KEY]
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list):
        return False
    return any(rule in rule_ids(name) for name in names if isinstance(name, str))
