"""Safe YAML/JSON loading that can point back at the source.

Loading is split in two so that the common case stays fast:

* `parse_document` builds plain JSON data straight from libyaml's event stream
  (or from `json` for `.json` files). It enforces the safety rules on the way
  (duplicate keys, non-string keys, alias expansion) and reports each breach at
  the event's own line and column.
* `Document.position` answers "where is this JSON pointer?" by composing the
  text into a node tree only the first time a position is asked for. Most
  runs never ask, so most runs never pay for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from eventschemas.errors import LoadError, SourcePosition
from eventschemas.tree.cache import MISSING, ParseCache
from eventschemas.tree.pointer import escape


@cache
def _pyyaml() -> Any:
    """PyYAML, imported on the first YAML file actually parsed: importing it
    costs about 20 ms, and a run whose files all come from the parse cache
    never needs it."""
    import yaml

    return yaml


@cache
def _c_parser() -> Any:
    """libyaml's parser, an optional part of PyYAML wheels (None without it)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - only on PyYAML without libyaml
        return None
    return CParser


@cache
def _constructor() -> Any:
    """PyYAML's safe constructor, for the rare explicitly tagged scalar."""
    return _pyyaml().constructor.SafeConstructor()


# A document may use YAML anchors and aliases, but its expanded size may not
# exceed this many nodes beyond ten times what is written ("billion laughs").
ALIAS_EXPANSION_ALLOWANCE = 10_000
ALIAS_EXPANSION_FACTOR = 10

_STR_TAG = "tag:yaml.org,2002:str"
_CONSTANTS: dict[str, Any] = {
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_SCALAR_STARTS = frozenset("~nNtTfF.+-0123456789<")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

# Bump whenever a file is read into different data than before: parse caches
# written by older readers are then left alone (see `tree.cache`).
READER_VERSION = 2


class Document(Struct):
    """JSON data loaded from one file (or git blob), able to locate any pointer."""

    path: str
    data: Any
    text: bytes
    _positions: dict[str, tuple[int, int]] | None = None
    # Where the position index is kept between runs, and under which key.
    cache: ParseCache | None = None
    key: bytes = b""

    def __repr__(self) -> str:  # the text and the indexes are too long to show
        return f"Document(path={self.path!r}, data={self.data!r})"

    def __eq__(self, other: object) -> bool:
        # Where a document's positions are kept takes no part in equality.
        if type(other) is not Document:
            return NotImplemented
        return (self.path, self.data, self.text) == (other.path, other.data, other.text)

    def position(self, pointer: str = "") -> SourcePosition:
        """Return where `pointer` (or its nearest existing ancestor) is written."""
        if self._positions is None:
            self._positions = self._index()
        probe = pointer.removeprefix("#")
        while probe and probe not in self._positions:
            probe = probe.rsplit("/", 1)[0] if "/" in probe else ""
        line, column = self._positions.get(probe, (1, 1))
        return SourcePosition(self.path, line, column)

    def _index(self) -> dict[str, tuple[int, int]]:
        if self.cache is None or not self.key:
            return _index_positions(self.text)
        found = self.cache.positions(self.key)
        if found is None:
            found = _index_positions(self.text)
            self.cache.remember_positions(self.key, found)
        return found


def load_file(
    path: Path, display: str | None = None, cache: ParseCache | None = None
) -> Document:
    """Read and parse one schema file from disk (through `cache` if given)."""
    name = display or str(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise LoadError(
            f"cannot read the file ({reason}); check that it exists and is readable",
            SourcePosition(name, 1, 1),
        ) from exc
    if cache is None:
        return parse_document(text, name)
    key = cache.key(text, "json" if _is_json(name) else "yaml")
    data = cache.get(key)
    if data is not MISSING:
        return Document(name, data, text, cache=cache, key=key)
    document = parse_document(text, name)
    cache.put(key, document.data)
    document.cache, document.key = cache, key
    return document


def parse_document(text: bytes, path: str) -> Document:
    """Parse YAML or JSON bytes into a `Document`, enforcing the safety rules."""
    _check_utf8(text, path)
    data = _parse_json(text, path) if _is_json(path) else _parse_yaml(text, path)
    return Document(path, data, text)


def _is_json(path: str) -> bool:
    """Whether `path` is read as JSON (else as YAML)."""
    return path.endswith(".json")


def _check_utf8(text: bytes, path: str) -> None:
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(
            "the file is not valid UTF-8 (byte "
            f"{text[exc.start]:#04x}); save it as UTF-8",
            _offset_position(text, path, exc.start),
        ) from None


def _parse_json(text: bytes, path: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            dup = next(k for k, _ in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            raise LoadError(
                f"duplicate key {dup!r} in a JSON object; keep only one",
                _first_json_key(text, path, dup),
            )
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"invalid JSON: {exc.msg}", SourcePosition(path, exc.lineno, exc.colno)
        ) from None


def _first_json_key(text: bytes, path: str, key: str) -> SourcePosition:
    needle = json.dumps(key).encode()
    first = text.find(needle)
    offset = text.find(needle, first + 1)
    return _offset_position(text, path, offset if offset >= 0 else max(first, 0))


def _offset_position(text: bytes, path: str, offset: int) -> SourcePosition:
    """The line and column (both from 1) of byte `offset` of `text`."""
    line = text.count(b"\n", 0, offset) + 1
    return SourcePosition(path, line, offset - (text.rfind(b"\n", 0, offset) + 1) + 1)


def _mark(path: str, mark: Any) -> SourcePosition:
    return SourcePosition(path, mark.line + 1, mark.column + 1)


def plain_scalar(value: str) -> Any:
    """Read an unquoted scalar by the YAML 1.2 core schema.

    Schema repositories are written for YAML 1.2 tools (js-yaml in Wikimedia's
    jsonschema-tools), where `yes`, `on` and `2020-01-01` are plain strings.
    PyYAML follows YAML 1.1, so its resolver is bypassed here.
    """
    if not value:
        return None
    first = value[0]
    if first in _SCALAR_STARTS:
        if value in _CONSTANTS:
            return _CONSTANTS[value]
        if _INT.match(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.match(value):
            return float(value)
        if value == "<<":
            return _MERGE
    return value


class _MergeKey:
    """Stands for the YAML 1.1 `<<` merge key until its mapping is complete."""


_MERGE = _MergeKey()


_NO_KEY = object()


def _parse_yaml(text: bytes, path: str) -> Any:
    parser = _c_parser()
    if parser is None:  # pragma: no cover
        yaml = _pyyaml()
        return _parse_yaml_events(yaml.parse(text, Loader=yaml.SafeLoader), path)
    return _parse_yaml_events(iter(parser(text).get_event, None), path)


def _parse_yaml_events(stream: Iterator[Any], path: str) -> Any:
    """Build JSON data from YAML events.

    This loop runs once per node of every schema file, so it is written for
    speed: the innermost container and its pending key live in locals, and the
    enclosing ones are saved on `stack` as plain tuples.

    Known limit: most of a parse is not this loop but PyYAML creating a Python
    event object (and two marks) per libyaml event, about 70% of the time; a
    first `check` of wikimedia-primary spends about 45 ms here, which keeps a
    run on an empty parse cache above the gate's 0.2 s target. Only a native
    reader with these rules would remove it (see `benchmarks.bench_gate`).
    """
    stack: list[tuple[Any, Any, Any, Any, int, list[Any] | None]] = []
    container: Any = None  # the innermost open mapping or sequence
    key: Any = _NO_KEY  # its pending key, while a mapping waits for the value
    key_event: Any = None  # where the pending key was written, for errors
    anchor: Any = None
    start = 0
    merges: list[Any] | None = None
    anchors: dict[str, tuple[Any, int]] = {}
    written = expanded = documents = 0
    root: Any = None
    yaml = _pyyaml()
    ev = yaml.events
    scalar_event, mapping_start, sequence_start = (
        ev.ScalarEvent,
        ev.MappingStartEvent,
        ev.SequenceStartEvent,
    )
    try:
        for event in stream:
            kind = type(event)
            if kind is scalar_event:
                written += 1
                value = event.value
                if event.tag is not None and event.tag not in ("!", _STR_TAG):
                    value = _constructor().construct_object(
                        yaml.ScalarNode(event.tag, value)
                    )
                elif (
                    not event.style
                    and event.implicit[0]
                    and (not value or value[0] in _SCALAR_STARTS)
                ):
                    value = plain_scalar(value)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif kind is mapping_start or kind is sequence_start:
                written += 1
                stack.append((container, key, key_event, anchor, start, merges))
                container = {} if kind is mapping_start else []
                key, key_event, anchor = _NO_KEY, None, event.anchor
                start, merges = written + expanded, None
                continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                value = container
                if merges:
                    value = _apply_merges(value, merges)
                if anchor:
                    anchors[anchor] = (value, written + expanded - start + 1)
                container, key, key_event, anchor, start, merges = stack.pop()
            elif kind is ev.AliasEvent:
                value, expanded = _alias(event, anchors, written, expanded, path)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(
                        "the file holds more than one YAML document; keep one "
                        "schema per file",
                        _mark(path, event.start_mark),
                    )
                continue
            elif kind is ev.StreamEndEvent:
                break
            else:
                continue

            if container is None:
                root = value
            elif type(container) is list:
                container.append(value)
            elif key is _NO_KEY:
                if type(value) is not str and value is not _MERGE:
                    _bad_key(value, event, path)
                key, key_event = value, event
            elif key is _MERGE:
                merges = [*(merges or []), value]
                key = _NO_KEY
            elif key in container:
                raise LoadError(
                    f"duplicate key {key!r}: a mapping may name each key once; "
                    "remove or rename one of them",
                    _mark(path, key_event.start_mark),
                )
            else:
                container[key] = value
                key = _NO_KEY
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _mark(path, mark) if mark else SourcePosition(path, 1, 1)
        problem = exc.problem or exc.context or "syntax error"
        raise LoadError(f"invalid YAML: {problem}", position) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"invalid YAML: {exc}", SourcePosition(path, 1, 1)) from None
    return root


def _alias(
    event: Any,
    anchors: dict[str, tuple[Any, int]],
    written: int,
    expanded: int,
    path: str,
) -> tuple[Any, int]:
    if event.anchor not in anchors:
        raise LoadError(
            f"alias *{event.anchor} refers to an unknown anchor",
            _mark(path, event.start_mark),
        )
    value, size = anchors[event.anchor]
    expanded += size
    limit = ALIAS_EXPANSION_ALLOWANCE + ALIAS_EXPANSION_FACTOR * written
    if expanded > limit:
        raise LoadError(
            "YAML aliases expand this document to more than "
            f"{limit} nodes; write the repeated parts out or use $ref",
            _mark(path, event.start_mark),
        )
    return value, expanded


def _bad_key(value: Any, event: Any, path: str) -> None:
    if isinstance(event, _pyyaml().events.ScalarEvent):
        raise LoadError(
            f"mapping key {event.value!r} is read as {type(value).__name__}, not "
            "as a string; quote it (JSON object keys are strings)",
            _mark(path, event.start_mark),
        )
    raise LoadError(
        "mapping keys must be plain strings, not mappings or sequences",
        _mark(path, event.start_mark),
    )


def _apply_merges(mapping: dict[str, Any], merges: list[Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for source in merges:
        for item in source if isinstance(source, list) else [source]:
            if isinstance(item, dict):
                for name, value in item.items():
                    merged.setdefault(name, value)
    merged.update(mapping)
    return merged


def _index_positions(text: bytes) -> dict[str, tuple[int, int]]:
    """Map every JSON pointer of the document to its (line, column)."""
    positions: dict[str, tuple[int, int]] = {}
    yaml = _pyyaml()
    composer = yaml.CSafeLoader if _c_parser() is not None else yaml.SafeLoader
    try:
        root = yaml.compose(text, Loader=composer)
    except yaml.YAMLError:
        return positions
    if root is None:
        return positions
    todo: list[tuple[str, Any]] = [("", root)]
    while todo:
        pointer, node = todo.pop()
        mark = node.start_mark
        positions.setdefault(pointer, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{pointer}/{escape(str(key.value))}"
                # A key points at its name, which is where editors jump to.
                km = key.start_mark
                positions.setdefault(child, (km.line + 1, km.column + 1))
                todo.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                todo.append((f"{pointer}/{index}", item))
    return positions
