"""ECMA-262 regular expressions, the dialect JSON Schema's `pattern` uses.

Backed by `regress`, Python bindings to the Rust regress engine, which
implements ECMAScript's RegExp syntax and semantics (Python's `re` accepts
things JavaScript rejects, such as `(?P<name>...)`, and the other way round).
"""

from __future__ import annotations

from functools import cache

import regress


@cache
def compile_error(pattern: str, unicode: bool = False) -> str | None:
    """Why `pattern` is not a valid ECMA-262 regex (None when it is valid).

    Without `unicode` the pattern is read as `new RegExp(pattern)` does (with
    the web-compatibility grammar of Annex B); with it, as `new RegExp(pattern,
    "u")` does, as Ajv 8 and other strict validators compile patterns.
    """
    try:
        regress.Regex(pattern, "u" if unicode else None)
    except regress.RegressError as exc:
        return str(exc) or "syntax error"
    return None
