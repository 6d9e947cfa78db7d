"""Results kept between runs (`eventschemas.memo`): the same findings, never
stale, and named by exactly the code that computes them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest

from eventschemas import memo
from eventschemas.tree.cache import ParseCache, existing_packs
from eventschemas.tree.materialize import Materializer, materialize
from eventschemas.tree.model import Repository
from tests.conftest import WIKIMEDIA, git, publish_next_version

PACKAGE = Path(memo.__file__).resolve().parent
ENGINES = ("jsonschema_rs", "eventschemas.compat.engine", "eventschemas.validation")
# What a cold run loads and a warm one need not: the judges, and PyYAML (every
# file comes from the parse cache).
HEAVY = (*ENGINES, "yaml")

# Runs `check` in a fresh interpreter and says which engines it imported.
_PROBE = """
import json, sys
from eventschemas.cli.app import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "loaded": [m for m in %r if m in sys.modules]}),
      file=sys.stderr)
"""


def _check(root: Path, cache: Path | None) -> tuple[str, dict[str, Any]]:
    """Run `check` on `root` with the parse cache in `cache` (None: --no-cache)."""
    command = ["--repo", str(root), "check", "--format", "json"]
    if cache is None:
        command.insert(0, "--no-cache")
        cache = root / "unused-cache"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE % (HEAVY,), *command],
        capture_output=True,
        text=True,
        env={"EVENT_SCHEMAS_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, probe


@pytest.fixture
def findings_repo(schema_repo: Path) -> Path:
    """Published 1.0.0, then a breaking 1.1.0 whose current file also has an
    invalid example and a value its metaschema rejects."""

    def breaking(text: str) -> str:
        text = text.replace("    minimum: 0\n", "    minimum: 0\n    maxLength: -1\n")
        text = text.replace("  count:\n    type: integer", "  count:\n    type: string")
        text += "  - $schema: { $ref: '#/$id' }\n    meta: { stream: thing.change }\n"
        return text + "    dt: '2026-01-01T00:00:00Z'\n    name: 7\n"

    publish_next_version(schema_repo, breaking)
    git(schema_repo, "init", "-q")
    return schema_repo


def test_a_warm_run_reports_the_same_without_loading_engines_or_parser(
    findings_repo: Path, tmp_path: Path
) -> None:
    cold_out, cold = _check(findings_repo, tmp_path / "cache")
    warm_out, warm = _check(findings_repo, tmp_path / "cache")
    uncached_out, _ = _check(findings_repo, None)
    rules = sorted(d["rule"] for d in json.loads(cold_out)["diagnostics"])
    assert {"breaking-change", "example-valid", "schema-valid"} <= set(rules)
    assert cold["code"] == warm["code"] == 1
    assert warm_out == cold_out == uncached_out
    assert set(cold["loaded"]) == set(HEAVY)  # the cold run parsed and judged
    assert warm["loaded"] == []  # every file and judgement came from the cache


def test_a_damaged_result_is_judged_again(findings_repo: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected, _ = _check(findings_repo, cache_dir)
    (pack,) = existing_packs(findings_repo, cache_dir)
    kept = ParseCache(pack)
    results = [k for k in kept._index if k.startswith(b"R")]
    assert len(results) >= 3  # examples, metaschema and a comparison at least
    stored = {key: kept.get(key) for key in kept._index}
    kept.close()
    for round, damage in enumerate((_wrong_outside, _wrong_inside)):
        damaged = ParseCache(tmp_path / f"damaged-{round}.marshal")
        for key, value in stored.items():
            damaged.put(key, damage(value) if key in results else value)
        assert damaged.save()
        damaged.close()
        shutil.copyfile(damaged.pack, pack)
        again, probe = _check(findings_repo, cache_dir)
        assert again == expected
        assert set(probe["loaded"]) == set(ENGINES)  # judged again; not parsed
        # The damaged entries were replaced: the next run judges nothing.
        _, probe = _check(findings_repo, cache_dir)
        assert probe["loaded"] == []


def _wrong_outside(value: Any) -> Any:
    return ("junk", 7, None)


def _wrong_inside(value: Any) -> Any:
    """A value of the right outer shape with a wrong type inside."""
    if value == ():  # metaschema errors: none
        return (((1.5,), "message"),)
    if type(value[0]) is bool:  # a comparison: (compatible, change rows)
        return (value[0], (("kind",) * 11,))
    if value[0] is None or type(value[0]) is str:  # examples
        return (None, (7,) * len(value[1])) if value[1] else (7, ())
    return (((1.5,), "message"),)  # metaschema errors: a float in a path


def test_the_identity_follows_the_code_that_computes_each_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "eventschemas"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(memo, "_PACKAGE", copy)

    def identities() -> dict[str, bytes | None]:
        memo.identity.cache_clear()
        return {kind: memo.identity(kind) for kind in memo.SOURCES}

    before = identities()
    assert None not in before.values()
    assert len(set(before.values())) == len(before)  # one per kind
    with (copy / "compat/families/numbers.py").open("a") as handle:
        handle.write("\n# a changed line\n")
    after = identities()
    assert after["compat"] != before["compat"]
    assert after["examples"] == before["examples"]
    with (copy / "validation.py").open("a") as handle:
        handle.write("\n# a changed line\n")
    last = identities()
    assert last["examples"] != after["examples"]
    assert last["compat"] != after["compat"]
    assert last["metaschema"] == before["metaschema"]
    # Installed without sources, the code cannot be named: nothing is kept.
    (copy / "dialects.py").unlink()
    gone = identities()
    assert gone["examples"] is None and gone["metaschema"] is None
    memo.identity.cache_clear()
    assert memo.result_key("examples", b"data") is None
    assert gone["compat"] is None  # dialects.py is compat's too
    memo.identity.cache_clear()


def test_data_digests_tell_types_and_order_apart() -> None:
    same = [{"a": 1, "b": [True, None]}, {"a": 1, "b": [True, None]}]
    assert memo.data_digest(same[0]) == memo.data_digest(same[1])
    different = [
        {"a": 1},
        {"a": 1.0},
        {"a": True},
        {"a": "1"},
        {"a": -0.0},
        {"a": 0.0},
        {"b": 1, "a": 1},
        {"a": 1, "b": 1},
        {"a": b"1"},
    ]
    digests = [memo.data_digest(d) for d in different]
    assert len(set(digests)) == len(digests)
    from datetime import date

    assert memo.data_digest({"when": date(2020, 1, 1)}) is None


@contextmanager
def _code_run() -> Iterator[set[str]]:
    """The package-relative paths of the modules whose code runs inside."""
    ran: set[str] = set()
    root = str(PACKAGE)

    def profile(frame: Any, event: str, _: Any) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(root):
            ran.add(Path(frame.f_code.co_filename).relative_to(PACKAGE).as_posix())

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield ran
    finally:
        sys.setprofile(previous)


def _corpus() -> Repository:
    return Repository.open(WIKIMEDIA)


def _judge_examples(repo: Repository) -> Callable[[], None]:
    from eventschemas.validation import example_outcomes

    built = Materializer(repo)
    schemas = [built.build(title) for title in sorted(built.run)]
    schemas.append({"type": "object", "examples": [{"a": 1}, 5]})
    schemas.append({"pattern": "(", "examples": ["x"]})

    def run() -> None:
        for schema in schemas:
            example_outcomes(schema)

    return run


def _judge_metaschema(repo: Repository) -> Callable[[], None]:
    from eventschemas.lint import metaschema

    schemas = [repo.document(e.current).data for e in repo.titles.values() if e.current]
    schemas.append({"$schema": "http://json-schema.org/draft-07/schema#", "type": 5})
    schemas.append({"maxLength": -1})

    def run() -> None:
        for schema in schemas:
            metaschema._errors(schema)

    return run


def _judge_compat(repo: Repository) -> Callable[[], None]:
    from eventschemas.compat import compare, compare_transitive
    from eventschemas.gate.versions import published_versions

    histories = [
        [p.schema for p in published_versions(repo, title)] for title in repo.titles
    ]
    pairs = [h for h in histories if len(h) > 1]

    def run() -> None:
        for history in pairs:
            for mode in ("backward", "forward", "full"):
                for policy in ("strict", "lenient", "event-platform"):
                    compare(history[-2], history[-1], mode=mode, policy=policy)
            compare_transitive(history[:-1], history[-1], mode="full_transitive")
        refs = {"definitions": {"n": {"type": "integer"}}, "$ref": "#/definitions/n"}
        compare(refs, {"type": "number"})

    return run


@pytest.mark.parametrize(
    ("kind", "judge"),
    [
        ("examples", _judge_examples),
        ("metaschema", _judge_metaschema),
        ("compat", _judge_compat),
    ],
)
def test_each_kind_names_all_the_code_that_computes_it(
    kind: str, judge: Callable[[Repository], Callable[[], None]]
) -> None:
    run = judge(_corpus())
    with _code_run() as ran:
        run()
    assert ran, "nothing of the package ran"
    missing = ran - set(memo.source_files(kind))
    assert not missing, (
        f"code outside memo.SOURCES[{kind!r}] decides these results: "
        f"{sorted(missing)}; add it there, or a change to it would leave stale "
        "results in the cache"
    )


def _same_warm_and_uncached(root: Path, cache: Path) -> dict[str, Any]:
    warm, _ = _check(root, cache)
    uncached, _ = _check(root, None)
    assert warm == uncached
    return cast(dict[str, Any], json.loads(warm))


def _rules(payload: dict[str, Any]) -> list[str]:
    return sorted(d["rule"] for d in payload["diagnostics"])


def test_edited_inputs_are_never_answered_from_the_cache(
    findings_repo: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = _same_warm_and_uncached(findings_repo, cache)
    assert "breaking-change" in _rules(first)

    # The comparison's mode. Under `forward`, 1.1.0 breaks nothing: its
    # `count` must be a string of length -1, so no new event carries one.
    config = findings_repo / ".event-schemas.yaml"
    config.write_text(config.read_text() + "compatibility:\n  mode: forward\n")
    forward = _same_warm_and_uncached(findings_repo, cache)
    assert "breaking-change" not in _rules(forward)
    config.write_text(config.read_text().replace("mode: forward", "mode: backward"))
    assert "breaking-change" in _rules(_same_warm_and_uncached(findings_repo, cache))


def test_examples_are_judged_against_the_new_build_of_an_unchanged_file(
    schema_repo: Path, tmp_path: Path
) -> None:
    materialize(Repository.open(schema_repo))
    cache = tmp_path / "cache"
    assert "example-valid" not in _rules(_same_warm_and_uncached(schema_repo, cache))
    # Only the fragment that thing/change's current file refers to changes.
    fragment = schema_repo / "jsonschema/fragment/common/current.yaml"
    fragment.write_text(
        fragment.read_text().replace("format: date-time", "pattern: '^1999'")
    )
    after = _same_warm_and_uncached(schema_repo, cache)
    assert any(
        d["rule"] == "example-valid" and "invalid at /dt" in d["message"]
        for d in after["diagnostics"]
    )


def test_a_comparison_is_judged_anew_when_its_older_side_changes(
    schema_repo: Path, tmp_path: Path
) -> None:
    publish_next_version(
        schema_repo, lambda text: text.replace("type: integer", "type: string")
    )
    cache = tmp_path / "cache"
    assert "breaking-change" in _rules(_same_warm_and_uncached(schema_repo, cache))
    # 1.0.0 rewritten (both content types) with 1.1.0's type: nothing breaks,
    # although 1.1.0, the newer side, is the same file as before.
    for name in ("1.0.0.yaml", "1.0.0.json"):
        published = schema_repo / "jsonschema/thing/change" / name
        published.write_text(published.read_text().replace("integer", "string"))
    assert "breaking-change" not in _rules(_same_warm_and_uncached(schema_repo, cache))
