"""ECMA-262 patterns in Python: translation, matching and sample strings.

JSON Schema patterns are ECMA-262 regular expressions (draft-07 §4.3). Python's
`re` is close but not equal: `\\cX` control escapes and named groups are spelled
differently, `\\d`/`\\w` are ASCII-only in ECMA, and `$` does not match before a
trailing newline. `translate` bridges those; everything else passes through.

`samples` walks the parsed pattern to write a few strings that match it; every
sample is checked with `search` before it is returned, so lookarounds and other
constructs the walker ignores can only cost samples, never produce wrong ones.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

# `re._parser` (formerly `sre_parse`) has no typeshed stub; typed as Any here.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_"}
_OUTSIDE_ESCAPES = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[A-Za-z0-9_]",
    "W": "[^A-Za-z0-9_]",
}
_SAMPLE_VARIANTS = 4
_REPEAT_CAP = 3


class PatternError(ValueError):
    """The pattern cannot be compiled, even after ECMA-262 translation."""


def translate(pattern: str) -> str:
    """Rewrite the ECMA-262-only parts of `pattern` into Python `re` syntax."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        token, width = _token(pattern, i, in_class)
        if token == "[" and not in_class:
            in_class = True
        elif token == "]" and in_class:
            in_class = False
        out.append(token)
        i += width
    return "".join(out)


def _token(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The Python spelling of the construct at `i`, and how many chars it spans."""
    ch = pattern[i]
    if ch == "\\" and i + 1 < len(pattern):
        return _escape(pattern, i, in_class)
    if in_class:
        return ch, 1
    if ch == "$":
        return r"\Z", 1
    if pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
        return "(?P<", 3
    return ch, 1


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    letter = pattern[i + 1]
    if letter == "c" and i + 2 < len(pattern) and pattern[i + 2].isalpha():
        return f"\\x{ord(pattern[i + 2]) % 32:02x}", 3
    end = pattern.find(">", i)
    if letter == "k" and pattern.startswith("<", i + 2) and end > 0:
        return f"(?P={pattern[i + 3 : end]})", end + 1 - i
    if in_class and letter in _CLASS_ESCAPES:
        return _CLASS_ESCAPES[letter], 2
    if not in_class and letter in _OUTSIDE_ESCAPES:
        return _OUTSIDE_ESCAPES[letter], 2
    return pattern[i : i + 2], 2


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(translate(pattern))
    except (re.error, OverflowError) as exc:
        raise PatternError(f"cannot compile pattern {pattern!r}: {exc}") from exc


def search(pattern: str, text: str) -> bool:
    """ECMA-262 `test()` semantics: does the pattern match anywhere in `text`?"""
    return compile_pattern(pattern).search(text) is not None


@lru_cache(maxsize=512)
def samples(pattern: str) -> tuple[str, ...]:
    """A few distinct strings that match `pattern` (possibly none)."""
    try:
        parsed = _parser.parse(translate(pattern))
    except (re.error, OverflowError, RecursionError):
        return ()
    found: list[str] = []
    for variant in range(_SAMPLE_VARIANTS):
        try:
            core = _render(parsed, variant, {})
        except (RecursionError, _Unsupported):
            continue
        for text in (core, "x" + core, core + "x", "a" + core, "_" + core + "_"):
            if text not in found and safe_search(pattern, text):
                found.append(text)
    return tuple(found)


def safe_search(pattern: str, text: str) -> bool:
    """`search`, with a pattern that does not compile matching nothing."""
    try:
        return search(pattern, text)
    except PatternError:
        return False


class _Unsupported(Exception):
    pass


def _render(items: Any, variant: int, groups: dict[int, str]) -> str:
    return "".join(_render_one(op, av, variant, groups) for op, av in items)


def _render_one(op: Any, av: Any, variant: int, groups: dict[int, str]) -> str:
    handler = _HANDLERS.get(op)
    if handler is None:
        raise _Unsupported(str(op))
    return str(handler(av, variant, groups))


def _literal(av: Any, variant: int, groups: dict[int, str]) -> str:
    return chr(av)


def _not_literal(av: Any, variant: int, groups: dict[int, str]) -> str:
    return "b" if chr(av) == "a" else "a"


def _any(av: Any, variant: int, groups: dict[int, str]) -> str:
    return "ax0"[variant % 3]


def _nothing(av: Any, variant: int, groups: dict[int, str]) -> str:
    return ""


def _in(av: Any, variant: int, groups: dict[int, str]) -> str:
    chars = list(_class_chars(av))
    if not chars:
        raise _Unsupported("empty class")
    return chars[variant % len(chars)]


def _branch(av: Any, variant: int, groups: dict[int, str]) -> str:
    options = av[1]
    return _render(options[variant % len(options)], variant, groups)


def _subpattern(av: Any, variant: int, groups: dict[int, str]) -> str:
    group, body = av[0], av[-1]
    text = _render(body, variant, groups)
    if group is not None:
        groups[group] = text
    return text


def _atomic(av: Any, variant: int, groups: dict[int, str]) -> str:
    return _render(av, variant, groups)


def _repeat(av: Any, variant: int, groups: dict[int, str]) -> str:
    low, high, body = av
    count = low + (variant % 2)
    if high is not _c.MAXREPEAT:
        count = min(count, high)
    count = min(count, max(low, _REPEAT_CAP))
    return "".join(_render(body, variant, groups) for _ in range(count))


def _groupref(av: Any, variant: int, groups: dict[int, str]) -> str:
    return groups.get(av, "")


def _category(av: Any, variant: int, groups: dict[int, str]) -> str:
    return _CATEGORY_CHARS.get(str(av), "a")


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
}
_PROBE_CHARS = "a0Z_-. b9x@/:"


def _class_chars(items: Any) -> Iterator[str]:
    negated = any(op is _c.NEGATE for op, _ in items)
    if negated:
        yield from (ch for ch in _PROBE_CHARS if not _in_class(items, ch))
        return
    for op, av in items:
        if op is _c.LITERAL:
            yield chr(av)
        elif op is _c.RANGE:
            yield chr(av[0])
            yield chr(av[1])
        elif op is _c.CATEGORY:
            yield _CATEGORY_CHARS.get(str(av), "a")


def _in_class(items: Any, ch: str) -> bool:
    code = ord(ch)
    for op, av in items:
        if op is _c.LITERAL and av == code:
            return True
        if op is _c.RANGE and av[0] <= code <= av[1]:
            return True
        if op is _c.CATEGORY and _category_match(str(av), ch):
            return True
    return False


def _category_match(category: str, ch: str) -> bool:
    tests = {
        "CATEGORY_DIGIT": ch.isdigit(),
        "CATEGORY_WORD": ch.isalnum() or ch == "_",
        "CATEGORY_SPACE": ch.isspace(),
    }
    if category.startswith("CATEGORY_NOT_"):
        return not tests.get(category.replace("NOT_", ""), False)
    return tests.get(category, False)


_HANDLERS: dict[Any, Any] = {
    _c.LITERAL: _literal,
    _c.NOT_LITERAL: _not_literal,
    _c.ANY: _any,
    _c.IN: _in,
    _c.BRANCH: _branch,
    _c.SUBPATTERN: _subpattern,
    _c.MAX_REPEAT: _repeat,
    _c.MIN_REPEAT: _repeat,
    _c.AT: _nothing,
    _c.ASSERT: _nothing,
    _c.ASSERT_NOT: _nothing,
    _c.GROUPREF: _groupref,
    _c.CATEGORY: _category,
}
for _name in ("POSSESSIVE_REPEAT",):
    if hasattr(_c, _name):
        _HANDLERS[getattr(_c, _name)] = _repeat
if hasattr(_c, "ATOMIC_GROUP"):
    _HANDLERS[_c.ATOMIC_GROUP] = _atomic
