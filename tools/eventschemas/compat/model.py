"""Findings (engine-internal) and the public Change and CompatReport types."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from msgspec import Struct, field
from msgspec.structs import astuple

from eventschemas.compat.schema import JSON, Node

# The modes and policies are the repository config's; re-exported here.
from eventschemas.config import MODES as MODES
from eventschemas.config import POLICIES as POLICIES
from eventschemas.config import Mode as Mode
from eventschemas.config import Policy as Policy
from eventschemas.tree.pointer import escape

Direction = Literal["backward", "forward"]
Side = Literal["old", "new"]

REPORT_FORMAT_VERSION = 1

Step = str | int
Probe = Callable[[], Iterable[Any]]


class Patch(Struct, frozen=True):
    """A probe for an object: set and drop keys on a valid base object."""

    set: dict[str, JSON] = field(default_factory=dict)
    drop: frozenset[str] = frozenset()


class At(Struct, frozen=True):
    """Where the engine is: a path in the schema and a path in the instance."""

    path: tuple[str, ...] = ()
    ipath: tuple[Step, ...] = ()

    def key(self, *tokens: str | int) -> At:
        return At(self.path + tuple(str(t) for t in tokens), self.ipath)

    def into(self, step: Step, *tokens: str | int) -> At:
        return At(self.path + tuple(str(t) for t in tokens), (*self.ipath, step))

    @property
    def pointer(self) -> str:
        return "#/" + "/".join(escape(t) for t in self.path)


class Finding(Struct):
    """One difference found by the engine, before a mode and policy judge it.

    `narrows`/`widens` start from the catalogue and may be masked when the
    engine proves a direction safe. `old`/`new` are the local subschemas at
    `at.ipath`; `probe` lazily yields local instances likely to separate them,
    and `hints` are nested findings whose probes may help the counterexample.
    """

    kind: str
    at: At
    old: Node | None
    new: Node | None
    narrows: bool
    widens: bool
    keyword: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    probe: Probe | None = None
    hints: list[Finding] = field(default_factory=list)


class Change(Struct, frozen=True):
    """One classified change between two schemas.

    `counterexample` is an instance accepted by one schema and rejected by the
    other (see `counterexample_valid_under`), verified by validating it against
    both (`compat.validate` says which engine answers). When a breaking change
    has none, `counterexample_note` says why.
    """

    kind: str
    path: str
    message: str
    breaking: bool
    counterexample: JSON = None
    counterexample_note: str | None = None
    counterexample_valid_under: Side | None = None
    breaks: tuple[Direction, ...] = ()
    old_location: str | None = None
    new_location: str | None = None
    against: int | None = None

    @property
    def has_counterexample(self) -> bool:
        return self.counterexample_valid_under is not None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "path": self.path,
            "message": self.message,
            "breaking": self.breaking,
            "breaks": list(self.breaks),
            "old_location": self.old_location,
            "new_location": self.new_location,
        }
        if self.has_counterexample:
            data["counterexample"] = self.counterexample
            data["counterexample_valid_under"] = self.counterexample_valid_under
        elif self.breaking:
            data["counterexample"] = None
            data["counterexample_note"] = self.counterexample_note
        if self.against is not None:
            data["against"] = self.against
        return data


class CompatReport(Struct, frozen=True):
    """The verdict of one comparison (or of a transitive set of comparisons)."""

    compatible: bool
    changes: list[Change]
    mode: Mode = "backward"
    policy: Policy = "strict"

    @property
    def breaking_changes(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    def as_data(self) -> tuple[bool, tuple[tuple[Any, ...], ...]]:
        """The verdict and the changes as plain data, which `marshal` can keep
        (see `eventschemas.memo`); `from_data` reads it back."""
        return (self.compatible, tuple(astuple(c) for c in self.changes))

    @classmethod
    def from_data(cls, data: Any, mode: Mode, policy: Policy) -> CompatReport | None:
        """The report `as_data` gave `data` for; None for anything else."""
        if type(data) is not tuple or len(data) != 2:
            return None
        compatible, rows = data
        if type(compatible) is not bool or type(rows) is not tuple:
            return None
        changes = []
        for row in rows:
            change = _change_from(row)
            if change is None:
                return None
            changes.append(change)
        return cls(compatible, changes, mode, policy)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": REPORT_FORMAT_VERSION,
            "compatible": self.compatible,
            "mode": self.mode,
            "policy": self.policy,
            "changes": [c.to_dict() for c in self.changes],
        }


def _change_from(row: Any) -> Change | None:
    """The change whose fields (in order) `row` holds, if their types fit."""
    if type(row) is not tuple or len(row) != len(Change.__struct_fields__):
        return None
    kind, path, message, breaking, _, note, side, breaks, old, new, against = row
    fits = (
        all(type(text) is str for text in (kind, path, message))
        and type(breaking) is bool
        and all(text is None or type(text) is str for text in (note, old, new))
        and side in (None, "old", "new")
        and type(breaks) is tuple
        and all(b in ("backward", "forward") for b in breaks)
        and (against is None or type(against) is int)
    )
    return Change(*row) if fits else None
