"""JSON Pointer (RFC 6901) helpers."""

from __future__ import annotations

from typing import Any


def escape(token: str) -> str:
    """Escape one reference token: `~` becomes `~0`, `/` becomes `~1`."""
    if "~" not in token and "/" not in token:
        return token  # nearly every token: no new string
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """Append tokens to a pointer, escaping each one."""
    return pointer + "".join(f"/{escape(str(t))}" for t in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer {pointer!r} must be empty or start with '/'")
    return [unescape(t) for t in pointer[1:].split("/")]


def resolve(document: Any, pointer: str) -> Any:
    """Return the value at `pointer`; raise LookupError naming the missing part."""
    value = document
    for token in split(pointer):
        if isinstance(value, dict):
            if token not in value:
                raise LookupError(f"no key {token!r}")
            value = value[token]
        elif isinstance(value, list):
            if not token.isdigit() or int(token) >= len(value):
                raise LookupError(f"no item {token!r} in an array of {len(value)}")
            value = value[int(token)]
        else:
            raise LookupError(
                f"cannot step into a {type(value).__name__} with {token!r}"
            )
    return value
