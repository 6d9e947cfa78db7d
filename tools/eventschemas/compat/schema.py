"""Schema documents and nodes: dialects, `$ref` targets, type atoms, keyword views.

A `Node` is one subschema together with the document it lives in and its JSON
pointer there, so that `$ref`s resolve against the right root and every finding
can point back at the source. Nodes made by merging `allOf` branches remember,
per keyword, the pointer of the dict the keyword came from (`origins`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import Enum
from fractions import Fraction
from typing import Any

import orjson
from msgspec import Struct, field

from eventschemas.jsonvalues import json_type
from eventschemas.tree.pointer import escape

JSON = Any

# JSON types as disjoint atoms; "number" is integer plus fraction (JSON Schema
# draft-07 §4.2.1: an integer is a number with a zero fractional part).
ALL_ATOMS = frozenset(
    {"null", "boolean", "object", "array", "string", "integer", "fraction"}
)
NUMBER_ATOMS = frozenset({"integer", "fraction"})
_TYPE_ATOMS: dict[str, frozenset[str]] = {
    "null": frozenset({"null"}),
    "boolean": frozenset({"boolean"}),
    "object": frozenset({"object"}),
    "array": frozenset({"array"}),
    "string": frozenset({"string"}),
    "integer": frozenset({"integer"}),
    "number": NUMBER_ATOMS,
}

# Keywords that never reject an instance (annotations and containers).
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "$comment",
        "$id",
        "id",
        "$schema",
        "definitions",
        "$defs",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
    }
)


class Dialect(Enum):
    """The JSON Schema drafts whose keyword spellings we distinguish."""

    DRAFT4 = "draft-04"
    DRAFT6 = "draft-06"
    DRAFT7 = "draft-07"
    DRAFT2019 = "2019-09"
    DRAFT2020 = "2020-12"

    @property
    def modern(self) -> bool:
        """2019-09 and later: `$ref` is an applicator, format an annotation."""
        return self in (Dialect.DRAFT2019, Dialect.DRAFT2020)

    @property
    def asserts_format(self) -> bool:
        # Draft-07 §7.2 lets validators assert `format` (EventGate does); 2019-09
        # and 2020-12 make it an annotation unless a vocabulary says otherwise.
        return not self.modern


_MODERN_KEYWORDS = frozenset(
    {
        "prefixItems",
        "$defs",
        "dependentRequired",
        "dependentSchemas",
        "unevaluatedProperties",
        "unevaluatedItems",
        "minContains",
        "maxContains",
        "$anchor",
        "$dynamicRef",
    }
)


def detect_dialect(root: JSON) -> Dialect:
    """Read `$schema`; without it, sniff for 2019+ keywords, else assume draft-07."""
    if not isinstance(root, dict):
        return Dialect.DRAFT7
    declared = str(root.get("$schema", ""))
    for dialect in Dialect:
        if dialect.value in declared:
            return dialect
    if _uses_modern_keywords(root, depth=0):
        return Dialect.DRAFT2020
    return Dialect.DRAFT7


def _uses_modern_keywords(value: JSON, depth: int) -> bool:
    if depth > 64:
        return False
    if isinstance(value, dict):
        if _MODERN_KEYWORDS.intersection(value):
            return True
        return any(_uses_modern_keywords(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_uses_modern_keywords(v, depth + 1) for v in value)
    return False


class Doc(Struct, eq=False, dict=True):
    """One schema document: a root passed by the caller or a resolved `$ref` target."""

    uri: str
    root: JSON
    dialect: Dialect
    label: str = ""
    cache: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:  # the cache holds compiled validators: left out
        return f"Doc(uri={self.uri!r}, label={self.label!r})"

    @classmethod
    def of(cls, root: JSON, uri: str = "", label: str = "") -> Doc:
        base = uri
        if isinstance(root, dict) and isinstance(root.get("$id"), str) and not uri:
            base = root["$id"]
        return cls(base, root, detect_dialect(root), label)

    def locate(self, pointer: str) -> str:
        """A location string: `#/ptr` in a root document, `uri#/ptr` elsewhere."""
        prefix = "" if self.label else self.uri
        return f"{prefix}#{pointer}"


class Node(Struct, frozen=True, eq=False, dict=True):
    """A subschema in its document, at `ptr` (the base pointer for merged nodes)."""

    schema: JSON
    doc: Doc
    ptr: str = ""
    origins: Mapping[str, str] | None = None
    flat: bool = False

    @property
    def is_dict(self) -> bool:
        return isinstance(self.schema, dict)

    def get(self, keyword: str, default: JSON = None) -> JSON:
        if isinstance(self.schema, dict):
            return self.schema.get(keyword, default)
        return default

    def has(self, keyword: str) -> bool:
        return isinstance(self.schema, dict) and keyword in self.schema

    def pointer_of(self, keyword: str) -> str:
        base = self.ptr
        if self.origins is not None:
            base = self.origins.get(keyword, base)
        return f"{base}/{escape(keyword)}"

    def child(self, keyword: str, *tokens: str | int) -> Node:
        value = self.schema[keyword]
        pointer = self.pointer_of(keyword)
        for token in tokens:
            value = value[token]
            pointer += f"/{escape(str(token))}"
        return Node(value, self.doc, pointer)

    def maybe(self, keyword: str, *tokens: str | int) -> Node | None:
        if not self.has(keyword):
            return None
        return self.child(keyword, *tokens)

    def replace(self, schema: JSON) -> Node:
        return Node(schema, self.doc, self.ptr, self.origins, self.flat)

    def location(self, keyword: str | None = None) -> str:
        if keyword is not None and self.has(keyword):
            return self.doc.locate(self.pointer_of(keyword))
        return self.doc.locate(self.ptr)


def type_atoms(node: Node) -> frozenset[str]:
    """The JSON type atoms the `type` keyword admits (all of them when absent)."""
    if node.schema is False:
        return frozenset()
    declared = node.get("type")
    if declared is None:
        return ALL_ATOMS
    names = [declared] if isinstance(declared, str) else declared
    atoms: set[str] = set()
    for name in names:
        atoms |= _TYPE_ATOMS.get(name, frozenset())
    return frozenset(atoms)


def atoms_to_type(atoms: frozenset[str]) -> list[str]:
    """Spell a set of atoms as a `type` array (fraction alone has no spelling)."""
    names: list[str] = [
        a for a in ("null", "boolean", "object", "array", "string") if a in atoms
    ]
    if atoms >= NUMBER_ATOMS:
        names.append("number")
    elif "integer" in atoms:
        names.append("integer")
    return names


def instance_atom(value: JSON) -> str:
    """The type atom of an instance: JSON's type, with non-integral numbers apart."""
    atom = json_type(value)
    return "fraction" if atom == "number" else atom


def is_trivial(node: Node) -> bool:
    """True when the schema accepts every instance on its face (`true`, `{}`...)."""
    if node.schema is True:
        return True
    if not isinstance(node.schema, dict):
        return False
    for keyword in node.schema:
        if keyword in ANNOTATIONS:
            continue
        if keyword == "format" and not node.doc.dialect.asserts_format:
            continue
        return False
    return True


def json_equal(a: JSON, b: JSON) -> bool:
    """JSON equality: 1 == 1.0, but true != 1 and key order does not matter."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return False
        return all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        return all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


_REF_KEYWORDS = ("$ref", "$recursiveRef", "$dynamicRef")


def same_json(a: JSON, b: JSON) -> bool:
    """A fast test that is True only for JSON-equal values (1 and 1.0 may differ).

    Python equality already implies JSON equality except that it equates
    `true` with `1`; the serialised forms settle that, in C (orjson).
    """
    if a is b:
        return True
    if a != b:
        return False
    return orjson.dumps(a, option=_SORTED) == orjson.dumps(b, option=_SORTED)


_SORTED = orjson.OPT_SORT_KEYS


def refs_in(value: JSON) -> list[str]:
    """Every `$ref` string in a schema subtree (iterative: schemas can be big)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found += [item[k] for k in _REF_KEYWORDS if isinstance(item.get(k), str)]
            stack += [v for v in item.values() if isinstance(v, dict | list)]
        elif isinstance(item, list):
            stack += [v for v in item if isinstance(v, dict | list)]
    return found


def to_fraction(value: JSON) -> Fraction | None:
    """An exact rational for a JSON number (floats via their shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def enum_values(node: Node) -> list[JSON] | None:
    """The literal values of `enum`/`const` (their intersection when both occur)."""
    if not node.is_dict:
        return None
    values: list[JSON] | None = None
    if "const" in node.schema:
        values = [node.schema["const"]]
    if isinstance(node.get("enum"), list):
        listed = node.schema["enum"]
        if values is None:
            values = list(listed)
        else:
            values = [v for v in values if any(json_equal(v, e) for e in listed)]
    return values
