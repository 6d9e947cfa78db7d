"""Keyword vocabularies of the JSON Schema drafts, and what each keyword fits."""

from __future__ import annotations

from eventschemas.lint.metaschema import DRAFT_07, dialect

_COMMON = frozenset(
    {
        "title",
        "description",
        "default",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "additionalItems",
        "items",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "additionalProperties",
        "definitions",
        "properties",
        "patternProperties",
        "dependencies",
        "enum",
        "type",
        "format",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "$ref",
        "$schema",
    }
)
DRAFT_04 = _COMMON | {"id"}
DRAFT_06 = _COMMON | {"$id", "const", "contains", "propertyNames", "examples"}
DRAFT_07_KEYWORDS = DRAFT_06 | {
    "$comment",
    "if",
    "then",
    "else",
    "readOnly",
    "writeOnly",
    "contentMediaType",
    "contentEncoding",
}
DRAFT_2019 = DRAFT_07_KEYWORDS | {
    "$anchor",
    "$defs",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
    "dependentRequired",
    "dependentSchemas",
    "maxContains",
    "minContains",
    "unevaluatedItems",
    "unevaluatedProperties",
    "deprecated",
    "contentSchema",
}
DRAFT_2020 = (DRAFT_2019 - {"$recursiveRef", "$recursiveAnchor"}) | {
    "$dynamicRef",
    "$dynamicAnchor",
    "prefixItems",
}
_BY_DIALECT = {
    "http://json-schema.org/draft-04/schema#": DRAFT_04,
    "http://json-schema.org/draft-06/schema#": DRAFT_06,
    DRAFT_07: DRAFT_07_KEYWORDS,
    "https://json-schema.org/draft/2019-09/schema": DRAFT_2019,
    "https://json-schema.org/draft/2020-12/schema": DRAFT_2020,
}


def keywords_for(schema_uri: object) -> frozenset[str]:
    """The keywords of the dialect named by a `$schema` value (default draft-07)."""
    return _BY_DIALECT.get(dialect(schema_uri) or DRAFT_07, DRAFT_07_KEYWORDS)


# Keywords that constrain only instances of some types: on a schema whose
# declared type is none of them they have no effect.
APPLIES_TO: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("minLength", "maxLength", "pattern", "contentMediaType", "contentEncoding"),
        frozenset({"string"}),
    ),
    **dict.fromkeys(
        ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
        frozenset({"integer", "number"}),
    ),
    **dict.fromkeys(
        ("items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains"),
        frozenset({"array"}),
    ),
    **dict.fromkeys(
        (
            "properties",
            "patternProperties",
            "additionalProperties",
            "required",
            "minProperties",
            "maxProperties",
            "dependencies",
            "propertyNames",
        ),
        frozenset({"object"}),
    ),
}

# Formats of the JSON Schema specifications (all of them describe strings) and
# the numeric formats of OpenAPI, which describe integers and numbers.
STRING_FORMATS = frozenset(
    {
        "date-time",
        "date",
        "time",
        "duration",
        "email",
        "idn-email",
        "hostname",
        "idn-hostname",
        "ipv4",
        "ipv6",
        "uri",
        "uri-reference",
        "iri",
        "iri-reference",
        "uri-template",
        "uuid",
        "json-pointer",
        "relative-json-pointer",
        "regex",
    }
)
NUMERIC_FORMATS = frozenset({"int32", "int64", "float", "double"})
