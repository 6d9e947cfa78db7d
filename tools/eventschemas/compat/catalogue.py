"""The catalogue of change kinds: stable ids, meanings and default effects.

Kinds are named old → new, after Confluent's JSON Schema diff where it has a name
(`TYPE_NARROWED`, `MAX_LENGTH_DECREASED`, ...). Each kind has a default effect on
the set of accepted instances: NARROWS (the new schema rejects some old
instances, so it breaks BACKWARD), WIDENS (breaks FORWARD), BOTH or NONE. The
engine may mask an effect for one occurrence when it proves that direction safe
(for example a narrowed type under an `enum` whose values all still pass).

Policies read three more columns, kept as sets below: `LENIENT` kinds are
forgiven under the lenient policy (Confluent's COMPATIBLE_CHANGES_LENIENT and
their mirror images); `FROZEN` kinds always break under the event-platform
policy, with the rule they break; `ADDITIVE` kinds always pass under it.
"""

from __future__ import annotations

from enum import Flag
from typing import Literal

from msgspec import Struct


class Effect(Flag):
    NONE = 0
    NARROWS = 1
    WIDENS = 2
    BOTH = 3


PlatformRule = Literal["frozen", "additive"] | None
N, W, B, Z = Effect.NARROWS, Effect.WIDENS, Effect.BOTH, Effect.NONE
Row = tuple[str, Effect, str]


class KindInfo(Struct, frozen=True):
    kind: str
    effect: Effect
    summary: str
    lenient: bool = False
    platform: PlatformRule = None
    rule: str = ""


def _bounds(prefix: str, what: str, *, lower: bool) -> list[Row]:
    tighter, looser = (
        ("INCREASED", "DECREASED") if lower else ("DECREASED", "INCREASED")
    )
    return [
        (f"{prefix}_ADDED", N, f"A {what} of {{new}} was added"),
        (f"{prefix}_REMOVED", W, f"The {what} of {{old}} was removed"),
        (f"{prefix}_{tighter}", N, f"The {what} went from {{old}} to {{new}}"),
        (f"{prefix}_{looser}", W, f"The {what} went from {{old}} to {{new}}"),
    ]


# Confluent's spelling where the generic "{noun}_..." name differs.
CONFLUENT_NAMES = {
    "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL": (
        "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"
    ),
    "PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL": (
        "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"
    ),
}
_OPEN_ADDED = (
    " to an object that allows additional properties; data written under the "
    "old schema may already carry this name with a value the new schema rejects"
)


def _members(noun: str, what: str) -> list[Row]:
    """Kinds for a member of a content model appearing or disappearing."""
    it = what[0].upper() + what[1:]
    rows: list[Row] = [
        (f"{noun}_ADDED_TO_OPEN_CONTENT_MODEL", N, f"Optional {what} was added"),
        (
            f"{noun}_ADDED_TO_CLOSED_CONTENT_MODEL",
            W,
            f"{it} was added to a closed content model",
        ),
        (
            f"{noun}_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
            Z,
            f"{it} was added with a schema that accepts anything",
        ),
        (
            f"{noun}_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
            Z,
            f"{it} was added and accepts everything the old fallback schema accepted",
        ),
        (
            f"{noun}_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
            N,
            f"{it} was added and rejects values the old fallback schema accepted",
        ),
        (
            f"{noun}_REMOVED_FROM_OPEN_CONTENT_MODEL",
            W,
            f"{it} was removed; the name now falls back to an unconstrained schema",
        ),
        (
            f"{noun}_REMOVED_FROM_CLOSED_CONTENT_MODEL",
            N,
            f"{it} was removed from a closed content model",
        ),
        (
            f"{noun}_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
            Z,
            f"{it}, declared `false`, was removed from a closed content model",
        ),
        (
            f"{noun}_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
            Z,
            f"{it} was removed; the fallback schema accepts all its old values",
        ),
        (
            f"{noun}_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
            N,
            f"{it} was removed; the fallback schema rejects some of its old values",
        ),
    ]
    if noun == "PROPERTY":
        kind, effect, summary = rows[0]
        rows[0] = (kind, effect, summary + _OPEN_ADDED)
    return [(CONFLUENT_NAMES.get(k, k), e, s) for k, e, s in rows]


# fmt: off
_ROWS: list[Row] = [
    ("ID_CHANGED", Z, "`$id` changed from {old} to {new}"),
    ("TITLE_CHANGED", Z, "The title changed"),
    ("DESCRIPTION_CHANGED", Z, "The description changed"),
    ("DEFAULT_CHANGED", Z, "The default changed from {old} to {new}"),
    ("TYPE_NARROWED", N, "The type narrowed from {old} to {new}"),
    ("TYPE_EXTENDED", W, "The type widened from {old} to {new}"),
    ("TYPE_CHANGED", B, "The type changed from {old} to {new}"),
    ("SUM_TYPE_EXTENDED", W, "A new alternative {name} accepts values no old "
     "alternative accepted"),
    ("SUM_TYPE_NARROWED", N, "The old alternative {name} is no longer accepted by "
     "any new alternative"),
    ("COMBINED_TYPE_SUBSCHEMAS_CHANGED", B, "The alternatives changed: {name} has "
     "no counterpart on the other side"),
    ("COMBINED_TYPE_CHANGED", B, "The `{keyword}` combination changed in a way that "
     "could not be paired branch by branch"),
    ("PRODUCT_TYPE_EXTENDED", N, "A new `allOf` branch {name} adds a constraint no "
     "old branch implies"),
    ("PRODUCT_TYPE_NARROWED", W, "The old `allOf` branch {name} is no longer implied "
     "by the new schema"),
    ("RECURSIVE_REFERENCE_CHANGED", B, "A schema that includes itself without "
     "descending into a property or item changed; such definitions have no "
     "well-defined meaning and are compared conservatively"),
    ("FALSE_SCHEMA_ADDED", N, "The subschema became `false`: nothing is accepted "
     "here any more"),
    ("FALSE_SCHEMA_REMOVED", W, "The subschema was `false` and now accepts values"),
    ("ENUM_ARRAY_NARROWED", N, "Allowed values were removed: {name}"),
    ("ENUM_ARRAY_EXTENDED", W, "Allowed values were added: {name}"),
    ("ENUM_ARRAY_CHANGED", B, "The allowed values changed: removed {old}, added "
     "{new}"),
    ("ENUM_ARRAY_ADDED", N, "The values were restricted to a fixed list"),
    ("ENUM_ARRAY_REMOVED", W, "The restriction to a fixed list of values was "
     "removed"),
    *_bounds("MINIMUM", "minimum", lower=True),
    *_bounds("EXCLUSIVE_MINIMUM", "exclusive minimum", lower=True),
    *_bounds("MAXIMUM", "maximum", lower=False),
    *_bounds("EXCLUSIVE_MAXIMUM", "exclusive maximum", lower=False),
    ("MULTIPLE_OF_ADDED", N, "`multipleOf: {new}` was added"),
    ("MULTIPLE_OF_REMOVED", W, "`multipleOf: {old}` was removed"),
    ("MULTIPLE_OF_REDUCED", W, "`multipleOf` went from {old} to its divisor {new}"),
    ("MULTIPLE_OF_EXPANDED", N, "`multipleOf` went from {old} to its multiple "
     "{new}"),
    ("MULTIPLE_OF_CHANGED", B, "`multipleOf` went from {old} to {new}"),
    *_bounds("MIN_LENGTH", "minimum string length", lower=True),
    *_bounds("MAX_LENGTH", "maximum string length", lower=False),
    ("PATTERN_ADDED", N, "The pattern {new} was added"),
    ("PATTERN_REMOVED", W, "The pattern {old} was removed"),
    ("PATTERN_CHANGED", B, "The pattern changed from {old} to {new}"),
    ("FORMAT_ADDED", N, "The format {new} was added"),
    ("FORMAT_REMOVED", W, "The format {old} was removed"),
    ("FORMAT_CHANGED", B, "The format changed from {old} to {new}"),
    *_bounds("MIN_PROPERTIES", "minimum property count", lower=True),
    *_bounds("MAX_PROPERTIES", "maximum property count", lower=False),
    ("REQUIRED_ATTRIBUTE_ADDED", N, "Property '{name}' became required"),
    ("REQUIRED_ATTRIBUTE_REMOVED", W, "Property '{name}' is no longer required"),
    ("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", N, "Required property "
     "'{name}' was added"),
    ("REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", N, "Required property "
     "'{name}' was added"),
    *_members("PROPERTY", "property '{name}'"),
    *_members("PATTERN_PROPERTY", "pattern property '{name}'"),
    ("ADDITIONAL_PROPERTIES_ADDED", W, "Additional properties are now allowed"),
    ("ADDITIONAL_PROPERTIES_REMOVED", N, "Additional properties are no longer "
     "allowed"),
    ("ADDITIONAL_PROPERTIES_NARROWED", N, "Additional properties are now "
     "constrained by a schema"),
    ("ADDITIONAL_PROPERTIES_EXTENDED", W, "Additional properties are no longer "
     "constrained"),
    ("UNEVALUATED_PROPERTIES_CHANGED", B, "`unevaluatedProperties` changed next to "
     "applicators; treated as a change both ways"),
    ("DEPENDENCY_ARRAY_ADDED", N, "Property '{name}' now requires {new}"),
    ("DEPENDENCY_ARRAY_REMOVED", W, "Property '{name}' no longer requires {old}"),
    ("DEPENDENCY_ARRAY_EXTENDED", N, "Property '{name}' now also requires {new}"),
    ("DEPENDENCY_ARRAY_NARROWED", W, "Property '{name}' no longer requires {old}"),
    ("DEPENDENCY_SCHEMA_ADDED", N, "A dependent schema for '{name}' was added"),
    ("DEPENDENCY_SCHEMA_REMOVED", W, "The dependent schema for '{name}' was "
     "removed"),
    ("PROPERTY_NAMES_ADDED", N, "Property names are now constrained"),
    ("PROPERTY_NAMES_REMOVED", W, "Property names are no longer constrained"),
    ("PROPERTY_NAMES_NARROWED", N, "Fewer property names are allowed"),
    ("PROPERTY_NAMES_EXTENDED", W, "More property names are allowed"),
    ("PROPERTY_NAMES_CHANGED", B, "The allowed property names changed"),
    *_bounds("MIN_ITEMS", "minimum item count", lower=True),
    *_bounds("MAX_ITEMS", "maximum item count", lower=False),
    *_bounds("MIN_CONTAINS", "minimum count of `contains` matches", lower=True),
    *_bounds("MAX_CONTAINS", "maximum count of `contains` matches", lower=False),
    *_members("ITEM", "array item {name}"),
    ("UNIQUE_ITEMS_ADDED", N, "Items must now be unique"),
    ("UNIQUE_ITEMS_REMOVED", W, "Items no longer need to be unique"),
    ("ADDITIONAL_ITEMS_ADDED", W, "Items beyond the tuple are now allowed"),
    ("ADDITIONAL_ITEMS_REMOVED", N, "Items beyond the tuple are no longer allowed"),
    ("ADDITIONAL_ITEMS_NARROWED", N, "Items beyond the tuple are now constrained "
     "by a schema"),
    ("ADDITIONAL_ITEMS_EXTENDED", W, "Items beyond the tuple are no longer "
     "constrained"),
    ("SCHEMA_ADDED", N, "An `items` schema was added"),
    ("SCHEMA_REMOVED", W, "The `items` schema was removed"),
    ("CONTAINS_ADDED", N, "A `contains` constraint was added"),
    ("CONTAINS_REMOVED", W, "The `contains` constraint was removed"),
    ("UNEVALUATED_ITEMS_CHANGED", B, "`unevaluatedItems` changed next to "
     "applicators; treated as a change both ways"),
    ("NOT_ADDED", N, "A `not` constraint was added"),
    ("NOT_REMOVED", W, "The `not` constraint was removed"),
    ("NOT_TYPE_EXTENDED", N, "The `not` subschema now excludes more values"),
    ("NOT_TYPE_NARROWED", W, "The `not` subschema now excludes fewer values"),
    ("NOT_TYPE_CHANGED", B, "The `not` subschema changed"),
    ("CONDITIONAL_ADDED", N, "An `if`/`then`/`else` constraint was added"),
    ("CONDITIONAL_REMOVED", W, "The `if`/`then`/`else` constraint was removed"),
    ("CONDITIONAL_CHANGED", B, "The `if` condition changed; conditional schemas "
     "are compared conservatively"),
]
# fmt: on

LENIENT = frozenset(
    {
        "ADDITIONAL_PROPERTIES_ADDED",
        "ADDITIONAL_PROPERTIES_REMOVED",
        "ADDITIONAL_PROPERTIES_NARROWED",
        "ADDITIONAL_PROPERTIES_EXTENDED",
        "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
        "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
        "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
        "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    }
)
ADDITIVE = frozenset({"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"})
_TYPE_RULE = "no type change within a major version"
_REQUIRED_RULE = "requiredness is frozen within a major version"
_REMOVAL_RULE = "nothing may be removed or renamed within a major version"
FROZEN: dict[str, str] = {
    **dict.fromkeys(
        (
            "TYPE_NARROWED",
            "TYPE_EXTENDED",
            "TYPE_CHANGED",
            "SUM_TYPE_EXTENDED",
            "SUM_TYPE_NARROWED",
            "COMBINED_TYPE_SUBSCHEMAS_CHANGED",
        ),
        _TYPE_RULE,
    ),
    **dict.fromkeys(
        (
            "REQUIRED_ATTRIBUTE_ADDED",
            "REQUIRED_ATTRIBUTE_REMOVED",
            "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
            "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
        ),
        _REQUIRED_RULE,
    ),
    **{
        f"{noun}_{suffix}": _REMOVAL_RULE
        for noun in ("PROPERTY", "ITEM")
        for suffix in (
            "REMOVED_FROM_OPEN_CONTENT_MODEL",
            "REMOVED_FROM_CLOSED_CONTENT_MODEL",
            "REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
            "REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
        )
    },
}


def _info(kind: str, effect: Effect, summary: str) -> KindInfo:
    platform: PlatformRule = None
    if kind in FROZEN:
        platform = "frozen"
    elif kind in ADDITIVE:
        platform = "additive"
    return KindInfo(
        kind, effect, summary, kind in LENIENT, platform, FROZEN.get(kind, "")
    )


CATALOGUE: dict[str, KindInfo] = {k: _info(k, e, s) for k, e, s in _ROWS}


def info(kind: str) -> KindInfo:
    """The catalogue row for `kind`; a KeyError names an uncatalogued kind."""
    return CATALOGUE[kind]
