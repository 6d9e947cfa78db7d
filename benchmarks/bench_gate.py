"""Benchmarks of the CI gate, `event-schemas check`, as whole processes.

Targets (issue: the CI gate):

* full `check` of wikimedia-primary: < 0.2 s of process CPU;
* `check --base` for a change touching 5 titles in a 1,000-title x 5-version
  repository with a long history: < 1 s;
* full `check` of that repository: < 10 s.

How processes are measured (cold and warm parse cache, sampling in turns, the
yardstick): see `benchmarks.processes`.

Known shortfall: the first target holds for a run with the cache an earlier
run left (about 0.14 s on a calm machine: a developer's second run, or CI with
the templates in `ci/`), but not for the very first run on an empty cache
(about 0.23 s). Of the difference, about half is reading YAML: PyYAML builds a
Python object for every libyaml event, and importing it costs about 20 ms.
The rest is importing jsonschema-rs and the compatibility engine and judging
what a warm run reads back. Closing it needs a native YAML reader that keeps
our reading rules (duplicate keys are errors, YAML 1.2 scalars); of those on
PyPI, yaml-rs reads wikimedia-primary only 1.4 times as fast and fastyaml-rs
silently keeps the last of two duplicate keys (see `tree.loader`).

Run with `nox -s bench -- benchmarks.bench_gate` or
`python -m benchmarks.bench_gate`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from benchmarks.processes import YARDSTICK, compile_package, in_turns, report, run
from benchmarks.synthetic import current_schema, generate, title_name
from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from eventschemas.tree.serialize import to_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpora/wikimedia-primary"
HISTORY_COMMITS = 200


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def long_history_repository(root: Path, titles: int) -> Path:
    """The synthetic repository, committed, then HISTORY_COMMITS more commits."""
    root.mkdir(parents=True)
    generate(root, titles)
    notes = root / "HISTORY.md"
    notes.write_text("history\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    for n in range(HISTORY_COMMITS):
        notes.write_text(f"change {n}\n")
        git(root, "commit", "-q", "-am", f"history {n}")
    return root


def touch_five_titles(root: Path) -> None:
    """A pull request: a new minor version of five titles, materialized."""
    git(root, "checkout", "-q", "-b", "pull-request")
    changed = [title_name(i) for i in (3, 250, 500, 750, 999)]
    for title in changed:
        schema = current_schema(title, 5)
        (root / "jsonschema" / title / "current.yaml").write_bytes(to_yaml(schema))
    materialize(Repository.open(root), changed)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "five titles")


def main() -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-cache"
        check = ["--repo", str(CORPUS), "check"]
        run(check, ROOT, warm)  # fills the warm cache
        floor = ["-c", YARDSTICK]
        samples = in_turns(
            {
                "cold": (check, ROOT, None, True),
                "warm": (check, ROOT, warm, True),
                "floor": (floor, ROOT, None, False),
            },
            rounds=15,
        )
        name = "full check, wikimedia-primary (53 titles)"
        report(f"{name}, cold", samples["cold"], 0.2)
        report(f"{name}, warm", samples["warm"], 0.2)
        report("  yardstick: import typer, yaml, jsonschema_rs", samples["floor"], None)

        root = long_history_repository(Path(tmp) / "repo", 1000)
        touch_five_titles(root)
        big = Path(tmp) / "big-cache"
        run(["check"], root, big)  # what the main branch's runs leave behind
        name = "check --base main, 5 of 1000 titles, 200+ commits"
        base = ["check", "--base", "main"]
        samples = in_turns({"cold": (base, root, None, True)}, rounds=3)
        report(f"{name}, cold", samples["cold"], 1.0)
        samples = in_turns({"warm": (base, root, big, True)}, rounds=3)
        report(f"{name}, warm", samples["warm"], 1.0)
        name = "full check, 1000 titles x 5 versions"
        report(f"{name}, cold", [run(["check"], root)], 10.0)
        report(f"{name}, warm", [run(["check"], root, big)], 10.0)


if __name__ == "__main__":
    main()
