"""Results of pure checks, kept between runs in the parse cache.

Three checks that `check` and `lint` run on every title are pure functions of
data the cache can name exactly:

* `examples`: validating a schema's examples (the schema with its `examples`,
  judged by jsonschema-rs, offline, formats asserted: nothing outside the data
  counts);
* `metaschema`: validating a schema against its dialect's metaschema;
* `compat`: comparing published versions (the schemas, the mode and the
  policy; a `$ref` that leaves a schema is an error there, never a lookup).

Their results are stored under a key made of everything they depend on: the
data itself (the content hash of the file it was parsed from, or the digest
of its `marshal` form), the check's options, and `identity(kind)`, a digest of
the source of the modules that compute it and of the versions of the
libraries it validates with. An edited schema, an upgraded jsonschema-rs or a
changed line of the code that judges is therefore a new key, never a stale
answer; what is no longer asked for ages out of the pack like any other
entry. (The identity hashes source files rather than trusting the package
version: a tool installed from a branch keeps its version number while its
code moves.)

A result is only ever stored for a check that ran to its end; one that raised
is run (and reported) again by the next run.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from eventschemas.tree.cache import ParseCache
    from eventschemas.tree.loader import Document

try:  # see tree.cache: the module itself, without loading OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

RESULTS_VERSION = 1
"""Bump when a stored result's layout changes."""

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent

# What each kind of result is computed by: the modules whose code decides it
# (a test runs each kind over the corpora and fails if code outside its list
# ran) and the libraries that do the validating. Listing the modules, rather
# than hashing the whole package, keeps the cost of naming the code to about
# a millisecond.
SOURCES = {
    "examples": ("validation.py", "dialects.py", "__init__.py"),
    "metaschema": ("lint/metaschema.py", "dialects.py", "__init__.py"),
    "compat": (
        "compat/",
        "__init__.py",
        "config.py",
        "dialects.py",
        "errors.py",
        "jsonvalues.py",
        "tree/__init__.py",
        "tree/cache.py",
        "tree/loader.py",
        "tree/pointer.py",
        "validation.py",
    ),
}
ENGINES = {
    "examples": ("jsonschema_rs",),
    "metaschema": ("jsonschema_rs", "jsonschema_specifications"),
    "compat": (
        "jsonschema_rs",
        "jsonschema",
        "referencing",
        # the format checkers `jsonschema` is given (see compat.validate)
        "rfc3339_validator",
        "rfc3986_validator",
        "rfc3987",  # preferred for `uri` when installed
        "fqdn",
        "idna",
        "jsonpointer",
        "uri_template",
    ),
}


@cache
def identity(kind: str) -> bytes | None:
    """What every stored result of `kind` depends on besides its own inputs:
    the bytes of the modules that compute it, and the installed version (and
    extension module size) of each library it validates with. None when a
    module's source cannot be read (an install without `.py` files): the
    code could not be named, so nothing of this kind is kept."""
    digest = blake2b(f"results-v{RESULTS_VERSION}-{kind}".encode(), digest_size=16)
    for path in source_files(kind):
        digest.update(path.encode() + b"\0")
        try:
            fd = os.open(_PACKAGE / path, os.O_RDONLY)
            try:
                digest.update(os.read(fd, os.fstat(fd).st_size + 1))
            finally:
                os.close(fd)
        except OSError:
            return None
    for engine in ENGINES[kind]:
        digest.update(_engine_version(engine).encode() + b"\0")
    return digest.digest()


def source_files(kind: str) -> list[str]:
    """The package-relative paths of the modules `kind` is computed by."""
    found: list[str] = []
    for entry in SOURCES[kind]:
        if entry.endswith("/"):
            found += _python_files(_PACKAGE / entry)
        else:
            found.append(entry)
    return sorted(found)


def _python_files(root: Path) -> Iterable[str]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                yield Path(directory, name).relative_to(_PACKAGE).as_posix()


def _engine_version(name: str) -> str:
    """The installed distribution's metadata folder (`name-version.dist-info`)
    and the sizes of the package's extension modules, found without
    importing the library."""
    where = _site()
    found = _distribution(where, name)
    if not found:  # installed somewhere else: ask the import system
        from importlib.util import find_spec

        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            return f"{name}:absent"
        origin = Path(spec.origin)
        where = origin.parent.parent if origin.stem == "__init__" else origin.parent
        found = _distribution(where, name)
    found += [
        f"{entry}:{_size(where / name / entry)}"
        for entry in _listing(where / name)
        if entry.endswith((".so", ".pyd"))
    ]
    return ";".join(found) or f"{name}:unknown"


@cache
def _site() -> Path:
    """Where the first engine is installed (site-packages, usually)."""
    from importlib.util import find_spec

    spec = find_spec("jsonschema_rs")
    origin = spec.origin if spec is not None else None
    return Path(origin).parent.parent if origin else _PACKAGE.parent


def _distribution(directory: Path, name: str) -> list[str]:
    prefix = f"{name.lower()}-"
    return [
        entry
        for entry in _listing(directory)
        if entry.lower().startswith(prefix) and entry.endswith(".dist-info")
    ]


@cache
def _listing(directory: Path) -> list[str]:
    try:
        with os.scandir(directory) as entries:
            return sorted(entry.name for entry in entries)
    except OSError:
        return []


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def data_digest(data: Any) -> bytes | None:
    """A digest naming `data` exactly (values, types, key order), or None for
    data that has a value `marshal` cannot write (a YAML timestamp, say).

    Format 0 spells every value out, so equal data always gives equal bytes,
    whichever objects happen to be shared or interned.
    """
    try:
        dumped = marshal.dumps(data, 0)
    except ValueError:
        return None
    return blake2b(dumped, digest_size=16).digest()


def result_key(kind: str, *parts: bytes | str) -> bytes | None:
    """The cache key of a result of check `kind` (a key of `SOURCES`) over
    `parts`, the check's inputs and options; None when results of `kind`
    cannot be kept (see `identity`)."""
    code = identity(kind)
    if code is None:
        return None
    digest = blake2b(code, digest_size=16)
    digest.update(kind.encode())
    for part in parts:
        raw = part.encode() if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return b"R" + digest.digest()


def remembered(
    cache: ParseCache | None,
    kind: str,
    parts: Sequence[bytes | str] | None,
    compute: Callable[[], T],
    read: Callable[[Any], T | None],
    write: Callable[[T], Any] = lambda value: value,
) -> T:
    """`compute()`, or what an earlier run kept for check `kind` over `parts`.

    `read` turns a stored value back into an answer, or gives None for one
    that is damaged or of another shape; `write` turns an answer into plain
    data for `marshal`. Nothing is kept without a cache, or when `parts` is
    None (inputs that cannot be named). A fresh answer replaces a damaged one.
    """
    key = None
    if cache is not None and parts is not None:
        key = result_key(kind, *parts)
    if cache is not None and key is not None:
        found = read(cache.get(key))
        if found is not None:
            return found
    value = compute()
    if cache is not None and key is not None:
        cache.put(key, write(value), replace=True)
    return value


def name_of(data: Any, document: Document) -> bytes | None:
    """What names `data` in a result key: the content hash of `document`'s
    file when `data` is that file's parsed content (and the cache read it),
    else `data_digest(data)`."""
    if data is document.data and document.key:
        return document.key
    return data_digest(data)


def plain_path(path: Any) -> bool:
    """Whether a stored value is a path of keys and indexes (a shape check
    for `read` functions)."""
    return type(path) is tuple and all(type(p) in (str, int) for p in path)
