"""The parse cache: content-keyed, never stale, never an error, kept small."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from eventschemas.errors import LoadError
from eventschemas.tree import cache as cache_module
from eventschemas.tree import serialize
from eventschemas.tree.cache import ParseCache
from eventschemas.tree.loader import Document, load_file
from tests.conftest import WIKIMEDIA, CliRunner, write

SCHEMA = """\
title: thing/event
shared: &common
  type: string
  maxLength: 8
properties:
  a: *common
  b: *common
when: 2020-01-01
"""


def _load(path: Path, pack: Path) -> tuple[Document, ParseCache]:
    cache = ParseCache(pack)
    document = load_file(path, cache=cache)
    assert cache.save()
    return document, cache


def test_a_second_run_reads_the_same_data_from_the_pack(tmp_path: Path) -> None:
    path = write(tmp_path / "schema.yaml", SCHEMA)
    pack = tmp_path / "cache" / "pack.marshal"
    fresh = load_file(path)
    first, cold = _load(path, pack)
    assert pack.exists() and cold.hits == 0
    again = ParseCache(pack)
    warm = load_file(path, cache=again)
    assert again.hits == 1
    assert warm.data == fresh.data == first.data
    assert list(warm.data) == list(fresh.data)  # key order kept
    # An alias is one shared object, in a fresh parse and from the pack alike.
    assert fresh.data["properties"]["a"] is fresh.data["properties"]["b"]
    assert warm.data["properties"]["a"] is warm.data["properties"]["b"]
    # Positions come from the file's text, which a hit still carries.
    assert warm.position("/properties/b") == fresh.position("/properties/b")
    assert warm.position("/properties/b").line == 7
    # Each hit is a fresh copy: changing it cannot reach the next reader.
    warm.data["title"] = "changed"
    assert load_file(path, cache=again).data["title"] == "thing/event"


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = write(tmp_path / "schema.yaml", SCHEMA)
    pack = tmp_path / "pack.marshal"
    _load(path, pack)
    path.write_text(SCHEMA.replace("maxLength: 8", "maxLength: 9"))
    cache = ParseCache(pack)
    document = load_file(path, cache=cache)
    assert cache.hits == 0
    assert document.data["shared"]["maxLength"] == 9


def test_the_same_bytes_read_as_yaml_never_answer_for_a_json_file(
    tmp_path: Path,
) -> None:
    # `{a: 1}` is YAML but not JSON, and `{"a": NaN}` is a float to JSON but a
    # string to YAML: a .json copy of a .yaml file must be read as JSON.
    cases = {"{a: 1}\n": None, '{"a": NaN}\n': "NaN"}
    for text, as_yaml in cases.items():
        yaml_file = write(tmp_path / "x.yaml", text)
        json_file = write(tmp_path / "x.json", text)
        cache = ParseCache(tmp_path / "pack.marshal")
        read = load_file(yaml_file, cache=cache)
        assert cache.save()
        again = ParseCache(tmp_path / "pack.marshal")
        if as_yaml is None:
            with pytest.raises(LoadError, match="invalid JSON"):
                load_file(json_file, cache=again)
        else:
            assert read.data == {"a": as_yaml}
            value = load_file(json_file, cache=again).data["a"]
            assert isinstance(value, float) and value != value  # NaN
        assert load_file(yaml_file, cache=again).data == read.data
        assert again.hits == 1
        again.close()


def test_files_with_errors_are_never_stored(tmp_path: Path) -> None:
    path = write(tmp_path / "schema.yaml", "a: 1\na: 2\n")
    pack = tmp_path / "pack.marshal"
    for _ in range(2):
        cache = ParseCache(pack)
        with pytest.raises(LoadError, match="duplicate key"):
            load_file(path, cache=cache)
        assert not cache.dirty
        cache.save()
    assert not pack.exists()


def test_data_marshal_cannot_write_is_parsed_every_time(tmp_path: Path) -> None:
    path = write(tmp_path / "schema.yaml", "when: !!timestamp 2020-01-01\n")
    cache = ParseCache(tmp_path / "pack.marshal")
    document = load_file(path, cache=cache)
    assert str(document.data["when"]) == "2020-01-01"
    assert not cache.dirty


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\xe9\x00\x01"])
def test_a_damaged_pack_is_an_empty_cache(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "schema.yaml", SCHEMA)
    pack = tmp_path / "pack.marshal"
    pack.write_bytes(content)
    document, cache = _load(path, pack)
    assert cache.hits == 0
    key = ParseCache.key(path.read_bytes(), "yaml")
    assert ParseCache(pack).get(key) == document.data


def test_a_pack_that_cannot_be_written_is_not_an_error(tmp_path: Path) -> None:
    # A regular file where the cache directory should be: mkdir fails.
    blocker = write(tmp_path / "blocker", "a file\n")
    path = write(tmp_path / "schema.yaml", SCHEMA)
    cache = ParseCache(blocker / "pack.marshal")
    load_file(path, cache=cache)
    assert cache.save() is False
    assert blocker.read_text() == "a file\n"


def test_entries_unused_for_many_rewrites_are_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "KEEP_RUNS", 2)
    pack = tmp_path / "pack.marshal"
    old = write(tmp_path / "old.yaml", "a: 1\n")
    _load(old, pack)
    for n in range(3):  # three rewrites that never read old.yaml
        _load(write(tmp_path / f"new{n}.yaml", f"n: {n}\n"), pack)
    cache = ParseCache(pack)
    assert cache.get(ParseCache.key(old.read_bytes(), "yaml")) is cache_module.MISSING
    assert cache.get(ParseCache.key(b"n: 2\n", "yaml")) == {"n": 2}


def test_packs_are_per_repository_and_per_python(tmp_path: Path) -> None:
    one = ParseCache.for_repository(tmp_path / "one", tmp_path / "c")
    two = ParseCache.for_repository(tmp_path / "two", tmp_path / "c")
    assert one.pack.parent == two.pack.parent == tmp_path / "c"
    assert one.pack != two.pack
    assert f"{sys.version_info[0]}{sys.version_info[1]}" in one.pack.name


def test_a_new_reader_writer_or_release_starts_a_new_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventschemas
    from eventschemas.tree import loader

    def name() -> str:
        return ParseCache.for_repository(tmp_path, tmp_path / "c").pack.name

    names = {name()}
    monkeypatch.setattr(loader, "READER_VERSION", loader.READER_VERSION + 1)
    names.add(name())
    monkeypatch.setattr(serialize, "WRITER_VERSION", serialize.WRITER_VERSION + 1)
    names.add(name())
    monkeypatch.setattr(eventschemas, "__version__", "99.0.0")
    names.add(name())
    assert len(names) == 4


def test_cli_runs_agree_cold_warm_and_without_cache(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENT_SCHEMAS_CACHE_DIR", str(tmp_path / "cache"))
    args = ("--repo", str(WIKIMEDIA), "check", "--format", "json")
    cold = run_cli(*args)
    packs = list((tmp_path / "cache").iterdir())
    assert len(packs) == 1
    warm = run_cli(*args)
    uncached = run_cli("--no-cache", *args)
    assert cold.exit_code == warm.exit_code == uncached.exit_code == 1
    assert json.loads(cold.stdout) == json.loads(warm.stdout)
    assert json.loads(warm.stdout) == json.loads(uncached.stdout)
    assert list((tmp_path / "cache").iterdir()) == packs


def test_no_cache_writes_nothing(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENT_SCHEMAS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EVENT_SCHEMAS_NO_CACHE", "1")
    assert run_cli("--repo", str(WIKIMEDIA), "lint").exit_code == 1
    assert not (tmp_path / "cache").exists()


def test_a_byte_exact_check_of_an_unchanged_tree_serializes_nothing(
    schema_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventschemas.tree import materialize as materialize_module
    from eventschemas.tree.materialize import materialize
    from eventschemas.tree.model import Repository

    materialize(Repository.open(schema_repo))
    pack = tmp_path / "pack.marshal"

    def check() -> list[str]:
        cache = ParseCache(pack)
        repo = Repository.open(schema_repo, cache=cache)
        assert repo.config.check_format == "bytes"
        run = materialize(repo, check=True)
        cache.save()
        return [d.reason for d in run.differences]

    written: list[str] = []
    real = dict(serialize.SERIALIZERS)

    def counting(kind: str) -> Any:
        def write(data: Any) -> bytes:
            written.append(kind)
            return real[kind](data)

        return write

    monkeypatch.setattr(
        materialize_module, "SERIALIZERS", {k: counting(k) for k in real}
    )
    assert check() == []
    assert written  # the cold run compares real bytes
    written.clear()
    assert check() == []
    assert written == []  # the warm run knows them
    # Same data, other bytes: the digest no longer matches, so it is compared.
    published = schema_repo / "jsonschema/thing/change/1.0.0.yaml"
    published.write_text(published.read_text() + "\n")
    assert check() == ["content differs from what current.yaml generates"]
    assert written


def test_a_truncated_pack_loses_only_the_entries_cut_off(tmp_path: Path) -> None:
    pack = tmp_path / "pack.marshal"
    first = write(tmp_path / "first.yaml", "a: 1\n")
    second = write(tmp_path / "second.yaml", SCHEMA)
    cache = ParseCache(pack)
    for path in (first, second):
        load_file(path, cache=cache)
    assert cache.save()
    cache.close()
    pack.write_bytes(pack.read_bytes()[:-5])  # the last entry loses its tail
    again = ParseCache(pack)
    assert load_file(first, cache=again).data == {"a": 1}
    assert again.hits == 1
    assert load_file(second, cache=again).data == load_file(second).data
    assert again.hits == 1  # read from the file again, not from the pack


def test_cache_command_shows_and_clears(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = tmp_path / "cache"
    monkeypatch.setenv("EVENT_SCHEMAS_CACHE_DIR", str(cached))
    repo = ("--repo", str(WIKIMEDIA))
    assert "not written yet" in run_cli(*repo, "cache").stdout
    run_cli(*repo, "check")
    shown = run_cli(*repo, "cache")
    assert shown.exit_code == 0
    assert "KiB" in shown.stdout and "entries" in shown.stdout
    assert "parsed files" in shown.stdout and "kept results" in shown.stdout
    other = write(cached / "parse-v0-old-deadbeef.marshal", "x")
    assert run_cli(*repo, "cache", "--all").exit_code == 2
    cleared = run_cli(*repo, "cache", "--clear")
    assert cleared.exit_code == 0 and "removed 1 pack(s)" in cleared.stderr
    assert other.exists()  # another repository's pack stays
    assert run_cli(*repo, "cache", "--clear", "--all").exit_code == 0
    assert not other.exists()


def test_a_pack_with_a_malformed_index_is_an_empty_cache(tmp_path: Path) -> None:
    import marshal
    import struct

    pack = tmp_path / "pack.marshal"
    header = marshal.dumps((cache_module.FORMAT, 3, {b"k" * 16: ("not", "an", 1)}))
    pack.write_bytes(struct.pack("<Q", len(header)) + header + b"data")
    cache = ParseCache(pack)
    assert cache.entries == 0
    assert cache.get(b"k" * 16) is cache_module.MISSING
    path = write(tmp_path / "schema.yaml", SCHEMA)
    load_file(path, cache=cache)
    assert cache.save()
    assert ParseCache(pack).entries == 1


def test_positions_are_kept_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventschemas.tree import loader

    path = write(tmp_path / "schema.yaml", SCHEMA)
    pack = tmp_path / "pack.marshal"
    expected = load_file(path).position("/properties/b")
    composed: list[bytes] = []
    real = loader._index_positions

    def counting(text: bytes) -> dict[str, tuple[int, int]]:
        composed.append(text)
        return real(text)

    monkeypatch.setattr(loader, "_index_positions", counting)
    for _ in range(2):
        cache = ParseCache(pack)
        assert load_file(path, cache=cache).position("/properties/b") == expected
        assert cache.save()
        cache.close()
    assert len(composed) == 1  # the second run read the index from the pack
