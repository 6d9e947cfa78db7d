"""Parsed YAML files kept between runs, keyed by what the files contain.

Parsing YAML is the largest single cost of reading a schema tree: libyaml hands
every node to Python as an event object, about 0.3 ms per kilobyte here, while
the published versions that make up most of a tree never change. The cache
maps a hash of a file's bytes to the data parsed from them, so an edited file
is a new key and an entry can never be stale. Only files that parsed without
error are stored; a file with a problem is parsed, and reported, every time.

It also remembers which bytes a materialized schema serializes to (keyed by the
data itself), so that a byte-exact `materialize --check` or `check` of an
unchanged tree need not write every schema out again to compare.

One pack file per repository, in the cache directory, written with `marshal`
(it keeps key order and shared references, and loads the data of the whole
Wikimedia corpus in about 5 ms). The pack is read once, entries are decoded
when asked for, and it is rewritten (atomically) only when a run added
entries. Entries that no run has used for `KEEP_RUNS` rewrites are dropped.

Anything wrong with the pack (unreadable, another format, another Python's
`marshal`) is treated as an empty cache; a directory that cannot be written
leaves the run uncached. Neither is ever an error: the cache only saves time.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any

try:  # hashlib's own blake2b, without the ~6 ms of loading OpenSSL for hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

# Bump when the loader reads YAML differently: old packs are then ignored.
FORMAT = 1
KEEP_RUNS = 50
MISSING: Any = object()

_Entry = tuple[int, bytes]  # (the last rewrite that used it, marshalled data)


def default_directory() -> Path:
    """`$EVENT_SCHEMAS_CACHE_DIR`, else `$XDG_CACHE_HOME/event-schemas`, else
    `~/.cache/event-schemas`."""
    explicit = os.environ.get("EVENT_SCHEMAS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "event-schemas"


class ParseCache:
    """Parsed data by content hash for one repository (see the module docs)."""

    def __init__(self, pack: Path) -> None:
        self.pack = pack
        self.hits = 0
        self._generation, self._entries = _read(pack)
        self._used: set[bytes] = set()
        self._added: dict[bytes, bytes] = {}

    @classmethod
    def for_repository(cls, root: Path, directory: Path | None = None) -> ParseCache:
        where = directory if directory is not None else default_directory()
        name = blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        version = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}"
        return cls(where / f"parse-v{FORMAT}-{version}-{name}.marshal")

    @staticmethod
    def key(text: bytes) -> bytes:
        return blake2b(text, digest_size=16).digest()

    def get(self, key: bytes) -> Any:
        """The data stored for `key` (a fresh copy), or `MISSING`."""
        blob = self._added.get(key)
        if blob is None:
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            blob = entry[1]
        self._used.add(key)
        self.hits += 1
        return marshal.loads(blob)

    def put(self, key: bytes, data: Any) -> None:
        """Remember `data` for `key`; data marshal cannot write (a YAML
        timestamp, say) is simply not cached."""
        if key in self._entries or key in self._added:
            return
        try:
            self._added[key] = marshal.dumps(data)
        except ValueError:
            return

    # Serialization results: which bytes a given data serializes to. The key
    # is the data's marshal form, which fixes values, types, key order and
    # shared containers (all that decides the serializer's output), so equal
    # keys always mean equal output; the value is the digest of the bytes.

    def serialized_key(self, content_type: str, data: Any) -> bytes | None:
        try:
            dumped = marshal.dumps(data)
        except ValueError:
            return None
        return (
            b"S"
            + blake2b(content_type.encode() + b"\0" + dumped, digest_size=16).digest()
        )

    def serialized(self, key: bytes) -> bytes | None:
        """The digest of the bytes recorded for `key`, if any run recorded it."""
        found = self.get(key)
        return None if found is MISSING else found

    def remember_serialized(self, key: bytes, digest: bytes) -> None:
        self.put(key, digest)

    @property
    def dirty(self) -> bool:
        return bool(self._added)

    def save(self) -> bool:
        """Write the pack if this run added entries; False if it could not."""
        if not self._added:
            return True
        generation = self._generation + 1
        entries: dict[bytes, _Entry] = {
            key: entry
            for key, entry in self._entries.items()
            if key not in self._used and entry[0] > generation - KEEP_RUNS
        }
        for key in self._used:
            if key in self._entries:
                entries[key] = (generation, self._entries[key][1])
        for key, blob in self._added.items():
            entries[key] = (generation, blob)
        payload = marshal.dumps((FORMAT, generation, entries))
        import tempfile

        try:
            self.pack.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".parse-", dir=self.pack.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(payload)
                Path(temporary).replace(self.pack)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        self._generation, self._entries = generation, entries
        self._added, self._used = {}, set()
        return True


def _read(pack: Path) -> tuple[int, dict[bytes, _Entry]]:
    try:
        loaded = marshal.loads(pack.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return 0, {}
    if (
        isinstance(loaded, tuple)
        and len(loaded) == 3
        and loaded[0] == FORMAT
        and isinstance(loaded[1], int)
        and isinstance(loaded[2], dict)
    ):
        return loaded[1], loaded[2]
    return 0, {}
