"""Parsed YAML files kept between runs, keyed by what the files contain.

Parsing YAML is the largest single cost of reading a schema tree: libyaml hands
every node to Python as an event object (0.07 to 0.2 ms per kilobyte here,
depending on how dense the YAML is), while the published versions that make up
most of a tree never change. The cache maps a hash of a file's bytes (and of
which parser read them) to the data parsed from them, so an edited file is a
new key and an entry can never be stale. Only files that parsed without
error are stored; a file with a problem is parsed, and reported, every time.

It also remembers which bytes a materialized schema serializes to (keyed by the
data itself), so that a byte-exact `materialize --check` or `check` of an
unchanged tree need not write every schema out again to compare.

One pack file per repository, in the cache directory: an index (key -> where
the entry's bytes are) followed by the entries, each written with `marshal`
(it keeps key order and shared references, and decodes the data of the whole
Wikimedia corpus in about 5 ms). A run reads the index and then only the
entries it asks for, so checking five titles of a large tree reads five
titles' worth. The pack is rewritten (atomically) only when a run added
entries; entries that no run has used for `KEEP_RUNS` rewrites are dropped.

The pack's name carries everything an entry's meaning depends on besides its
key: this package's version, `loader.READER_VERSION`,
`serialize.WRITER_VERSION` and the Python version (`marshal`'s format).
Anything wrong with the pack (unreadable, truncated, another format) is treated
as an empty cache; a directory that cannot be written leaves the run uncached.
Neither is ever an error: the cache only saves time. What `marshal` cannot
survive is a pack crafted to harm: the cache directory must be as private as
the home directory it defaults to (mkstemp writes packs readable by the owner
only).
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
from pathlib import Path
from typing import Any

try:  # hashlib's own blake2b, without the ~6 ms of loading OpenSSL for hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

# The layout of the pack file itself.
FORMAT = 2
KEEP_RUNS = 50
MISSING: Any = object()

# An index entry: (the last rewrite that used it, offset, length of its bytes).
_Entry = tuple[int, int, int]
_LENGTH = struct.Struct("<Q")  # the index's size, at the start of the pack


# An entry's kind is told by its key: a bare content hash is a parsed file;
# other kinds prefix the hash with a letter.
_KINDS = {
    b"": "parsed files",
    b"L": "position indexes",
    b"S": "serializations",
    b"R": "kept results",
}


def default_directory() -> Path:
    """`$EVENT_SCHEMAS_CACHE_DIR`, else `$XDG_CACHE_HOME/event-schemas`, else
    `~/.cache/event-schemas`."""
    explicit = os.environ.get("EVENT_SCHEMAS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "event-schemas"


def _repository_key(root: Path) -> str:
    return blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()


def pack_path(root: Path, directory: Path | None = None) -> Path:
    """Where this version of the tool keeps the parse cache of repository `root`."""
    from eventschemas import __version__
    from eventschemas.tree.loader import READER_VERSION
    from eventschemas.tree.serialize import WRITER_VERSION

    where = directory if directory is not None else default_directory()
    python = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}"
    meaning = f"{__version__}-r{READER_VERSION}-w{WRITER_VERSION}-{python}"
    return where / f"parse-v{FORMAT}-{meaning}-{_repository_key(root)}.marshal"


def existing_packs(root: Path | None, directory: Path | None = None) -> list[Path]:
    """The packs in the cache directory: those of repository `root` (written by
    any version of the tool), or all of them when `root` is None."""
    where = directory if directory is not None else default_directory()
    suffix = f"-{_repository_key(root)}.marshal" if root is not None else ".marshal"
    try:
        return sorted(
            p for p in where.glob("parse-*.marshal") if p.name.endswith(suffix)
        )
    except OSError:
        return []


class ParseCache:
    """Parsed data by content hash for one repository (see the module docs)."""

    def __init__(self, pack: Path) -> None:
        self.pack = pack
        self.hits = 0
        self._generation, self._index, self._fd, self._base = _open(pack)
        self._used: set[bytes] = set()
        self._added: dict[bytes, bytes] = {}

    @classmethod
    def for_repository(cls, root: Path, directory: Path | None = None) -> ParseCache:
        return cls(pack_path(root, directory))

    @property
    def entries(self) -> int:
        return len(self._index) + len(self._added)

    def kinds(self) -> dict[str, int]:
        """How many entries of each kind the pack holds, by name."""
        counts = dict.fromkeys(_KINDS.values(), 0)
        for key in {*self._index, *self._added}:
            counts[_KINDS.get(key[:1] if len(key) > 16 else b"", "parsed files")] += 1
        return counts

    @staticmethod
    def key(text: bytes, reader: str = "") -> bytes:
        """The digest of `text`; `reader` (`yaml`, `json`) names the parser the
        data stored under it came from: the same bytes can mean different data
        to each (`{a: 1}` is YAML, not JSON), so each has its own keys."""
        return blake2b(text, digest_size=16, person=reader.encode()).digest()

    def get(self, key: bytes) -> Any:
        """The data stored for `key` (a fresh copy), or `MISSING`."""
        blob = self._added.get(key)
        if blob is None:
            blob = self._stored(key)
            if blob is None:
                return MISSING
        self._used.add(key)
        self.hits += 1
        try:
            return marshal.loads(blob)
        except (EOFError, ValueError, TypeError):  # a damaged entry: parse again
            return MISSING

    def put(self, key: bytes, data: Any, *, replace: bool = False) -> None:
        """Remember `data` for `key`; data marshal cannot write (a YAML
        timestamp, say) is simply not cached. What is already stored for `key`
        is kept, unless `replace` (the caller found it damaged)."""
        if not replace and (key in self._index or key in self._added):
            return
        try:
            self._added[key] = marshal.dumps(data)
        except ValueError:
            return

    def _stored(self, key: bytes) -> bytes | None:
        entry = self._index.get(key)
        if entry is None or self._fd is None:
            return None
        _, offset, length = entry
        try:
            blob = os.pread(self._fd, length, self._base + offset)
        except OSError:
            return None
        return blob if len(blob) == length else None

    # Position indexes (JSON pointer -> line, column) of the file whose parse
    # is stored under `key`: composing a document for them costs more than
    # parsing it, and they depend on the text alone.

    def positions(self, key: bytes) -> dict[str, tuple[int, int]] | None:
        found = self.get(b"L" + key)
        return found if isinstance(found, dict) else None

    def remember_positions(
        self, key: bytes, positions: dict[str, tuple[int, int]]
    ) -> None:
        self.put(b"L" + key, positions)

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
        blobs: dict[bytes, tuple[int, bytes]] = {}
        for key, (used, _, _) in self._index.items():
            keep = key in self._used or used > generation - KEEP_RUNS
            blob = self._stored(key) if keep else None
            if blob is not None:
                blobs[key] = (generation if key in self._used else used, blob)
        for key, blob in self._added.items():
            blobs[key] = (generation, blob)
        index: dict[bytes, _Entry] = {}
        offset = 0
        for key, (used, blob) in blobs.items():
            index[key] = (used, offset, len(blob))
            offset += len(blob)
        header = marshal.dumps((FORMAT, generation, index))
        import tempfile

        try:
            self.pack.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".parse-", dir=self.pack.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_LENGTH.pack(len(header)))
                    out.write(header)
                    for _, blob in blobs.values():
                        out.write(blob)
                Path(temporary).replace(self.pack)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        self.close()
        self._generation, self._index, self._fd, self._base = _open(self.pack)
        self._added, self._used = {}, set()
        return True

    def close(self) -> None:
        """Let go of the pack file (a later `get` finds nothing stored)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _open(pack: Path) -> tuple[int, dict[bytes, _Entry], int | None, int]:
    """(generation, index, descriptor, where entries start) of a pack; an
    unreadable or foreign pack reads as an empty one."""
    try:
        fd = os.open(pack, os.O_RDONLY)
    except OSError:
        return 0, {}, None, 0
    try:
        size = _LENGTH.unpack(os.pread(fd, _LENGTH.size, 0))[0]
        if size > os.fstat(fd).st_size - _LENGTH.size:
            raise ValueError("the index runs past the end of the pack")
        loaded = marshal.loads(os.pread(fd, size, _LENGTH.size))
        if (
            isinstance(loaded, tuple)
            and len(loaded) == 3
            and loaded[0] == FORMAT
            and isinstance(loaded[1], int)
            and isinstance(loaded[2], dict)
            and all(map(_is_entry, loaded[2].values()))
        ):
            return loaded[1], loaded[2], fd, _LENGTH.size + size
    except (OSError, EOFError, ValueError, TypeError, struct.error, OverflowError):
        pass
    os.close(fd)
    return 0, {}, None, 0


def _is_entry(entry: object) -> bool:
    return (
        type(entry) is tuple
        and len(entry) == 3
        and all(type(n) is int and n >= 0 for n in entry)
    )
