"""Small facts about schema objects and JSON values that many rules ask for."""

from __future__ import annotations

import json
from typing import Any, TypeGuard

from eventschemas.jsonvalues import json_type

NUMERIC = frozenset({"integer", "number"})


def declared_types(schema: dict[str, Any]) -> tuple[str, ...]:
    """The names in `type` (one string or a list), or () when none is declared."""
    value = schema.get("type")
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(t for t in value if isinstance(t, str))
    return ()


def fits(value: Any, types: tuple[str, ...]) -> bool:
    """Whether `value` is an instance of at least one of `types`."""
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def canonical(value: Any) -> str:
    """A key equal for equal JSON values only: 1 and 1.0 meet, 1 and true do not."""
    return json.dumps(_tagged(value), sort_keys=True, default=str)


def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [json_type(value), value]


def quoted(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)
