"""Modes and policies: which findings break, in which direction, and why.

A mode names the directions to check: BACKWARD (old ⊆ new: consumers on the
new schema read old data), FORWARD (new ⊆ old: consumers on the old schema read
new data), FULL (both). A policy then adjusts the set semantics per kind:

* `strict`: set inclusion, open content model included.
* `lenient`: Confluent's LENIENT list is forgiven (adding optional properties
  to open models, closing or narrowing `additionalProperties`...).
* `event-platform`: Wikimedia's rules within a major version; additive
  changes pass, "frozen" kinds (removal, type, requiredness) always break.
"""

from __future__ import annotations

import re

from msgspec import Struct

from eventschemas.compat.catalogue import info
from eventschemas.compat.model import MODES, POLICIES, Direction, Finding, Mode, Policy
from eventschemas.errors import ConfigError

_DIRECTIONS: dict[str, tuple[Direction, ...]] = {
    "none": (),
    "backward": ("backward",),
    "forward": ("forward",),
    "full": ("backward", "forward"),
}
_CONSEQUENCES: dict[Direction, str] = {
    "backward": (
        "Data valid under the old schema can be rejected by the new one, so "
        "consumers that upgrade break on events producers already wrote"
    ),
    "forward": (
        "Data valid under the new schema can be rejected by the old one, so "
        "consumers still on the old schema break once producers upgrade"
    ),
}
_SEMVER = re.compile(r"^v?(\d+)(?:\.\d+)*")


class Verdict(Struct, frozen=True):
    breaks: tuple[Direction, ...]
    by_policy: tuple[Direction, ...]

    @property
    def breaking(self) -> bool:
        return bool(self.breaks)

    @property
    def semantic(self) -> list[Direction]:
        """The breaks that are real (not only forbidden by the policy)."""
        return [d for d in self.breaks if d not in self.by_policy]


def check_options(mode: str, policy: str) -> None:
    if mode not in MODES:
        raise ConfigError(f"unknown compatibility mode {mode!r}; use one of {MODES}")
    if policy not in POLICIES:
        raise ConfigError(
            f"unknown compatibility policy {policy!r}; use one of {POLICIES}"
        )


def base_mode(mode: Mode) -> str:
    return mode.removesuffix("_transitive")


def is_transitive(mode: Mode) -> bool:
    return mode.endswith("_transitive")


def judge(finding: Finding, mode: Mode, policy: Policy) -> Verdict:
    """The directions in which `finding` breaks under `mode` and `policy`."""
    row = info(finding.kind)
    breaks: list[Direction] = []
    forced: list[Direction] = []
    for direction in _DIRECTIONS[base_mode(mode)]:
        semantic = finding.narrows if direction == "backward" else finding.widens
        if policy == "lenient" and row.lenient:
            semantic = False
        if policy == "event-platform" and row.platform == "additive":
            semantic = False
        if policy == "event-platform" and row.platform == "frozen" and not semantic:
            forced.append(direction)
            semantic = True
        if semantic:
            breaks.append(direction)
    return Verdict(tuple(breaks), tuple(forced))


def message(finding: Finding, verdict: Verdict, policy: Policy) -> str:
    """One or two sentences: what changed and whom it breaks."""
    row = info(finding.kind)
    summary = row.summary.format_map(_Detail(finding.detail)).rstrip(".") + "."
    semantic = verdict.semantic
    if semantic:
        return f"{summary} {_CONSEQUENCES[semantic[0]]}."
    if verdict.by_policy:
        return f"{summary} The {policy} policy forbids this: {row.rule}."
    return summary


class _Detail(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def same_major(old_version: str, new_version: str) -> bool:
    """Whether two semantic versions share a major version (`1.2.0`, `1.3.0`)."""
    old, new = _SEMVER.match(old_version), _SEMVER.match(new_version)
    if old is None or new is None:
        raise ConfigError(
            f"cannot compare versions {old_version!r} and {new_version!r}: "
            "expected semantic versions such as 1.2.0"
        )
    return old.group(1) == new.group(1)
