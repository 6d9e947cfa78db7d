"""Shared fixtures: temp schema repositories, real git, the corpora, the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eventschemas.cli.app import main
from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"
WIKIMEDIA = CORPORA / "wikimedia-primary"


_REPORTED: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _parse_cache_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every command of the run, in-process or not, shares one fresh parse cache.

    It is on, as for users, so that tests which edit files and run again also
    prove the cache never serves stale data; and it stays out of the home
    directory.
    """
    import os

    os.environ["EVENT_SCHEMAS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("EVENT_SCHEMAS_NO_CACHE", None)


@pytest.fixture
def report() -> Callable[[str], None]:
    """Record a line for the end of the test run (figures such as corpus scores).

    Lines are printed in pytest's terminal summary, so they show in CI logs
    without -s, after the test results.
    """
    return _REPORTED.append


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _REPORTED:
        terminalreporter.section("figures reported by tests")
        for line in _REPORTED:
            terminalreporter.write_line(line)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """Run `event-schemas ARGS...` in-process, as a user would, from `cwd`."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main(list(args))
        out, err = capsys.readouterr()
        code = exited.value.code
        return CliResult(code if isinstance(code, int) else 1, out, err)

    return run


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


COMMON_FRAGMENT = """
title: fragment/common
description: Envelope fields.
$id: /fragment/common/1.0.0
$schema: https://json-schema.org/draft-07/schema#
type: object
properties:
  $schema:
    type: string
    description: The schema URI.
  meta:
    type: object
    description: Metadata.
    properties:
      stream:
        type: string
        description: The stream.
    required: [stream]
  dt:
    type: string
    format: date-time
    maxLength: 128
    description: Event time.
required: [$schema, meta, dt]
"""

THING_SCHEMA = """
title: thing/change
description: A thing changed.
$id: /thing/change/1.0.0
$schema: https://json-schema.org/draft-07/schema#
type: object
allOf:
  - $ref: /fragment/common/1.0.0#
properties:
  name:
    type: string
    description: The thing's name.
  count:
    type: integer
    description: How many.
    minimum: 0
required: [name]
examples:
  - $schema: { $ref: '#/$id' }
    meta: { stream: thing.change }
    dt: '2026-01-01T00:00:00Z'
    name: widget
"""


@pytest.fixture
def schema_repo(tmp_path: Path) -> Path:
    """A small repository: a fragment and a schema, not yet materialized."""
    root = tmp_path / "repo"
    write(root / ".event-schemas.yaml", "schema_base_path: jsonschema\n")
    write(root / "jsonschema/fragment/common/current.yaml", COMMON_FRAGMENT)
    write(root / "jsonschema/thing/change/current.yaml", THING_SCHEMA)
    write(
        root / "streams.yaml",
        "streams:\n  thing.change:\n    schema_title: thing/change\n",
    )
    return root


def publish_next_version(
    root: Path, change: Callable[[str], str] = lambda text: text
) -> None:
    """In a `schema_repo`, publish thing/change 1.0.0, then 1.1.0 from its
    current file passed through `change`."""
    materialize(Repository.open(root))
    current = root / "jsonschema/thing/change/current.yaml"
    text = current.read_text().replace("change/1.0.0", "change/1.1.0")
    current.write_text(change(text))
    materialize(Repository.open(root))


def git(cwd: Path, *args: str) -> str:
    """Run real git in `cwd` with a fixed identity; return its stdout."""
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture
def wikimedia_copy(tmp_path: Path) -> Path:
    """A writable copy of the wikimedia-primary corpus."""
    if not WIKIMEDIA.is_dir():
        pytest.fail(
            f"corpus missing: {WIKIMEDIA} (shared/ must sit beside the project)"
        )
    target = tmp_path / "wikimedia-primary"
    shutil.copytree(WIKIMEDIA, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable
