"""Facts about JSON values (as loaded: dict, list, str, int, float, bool, None)."""

from __future__ import annotations

from typing import Any


def json_type(value: Any) -> str:
    """The JSON Schema type name of a value; integral numbers are integers."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
