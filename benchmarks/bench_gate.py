"""Benchmarks of the CI gate, `event-schemas check`, as whole processes.

Targets (issue: the CI gate):

* full `check` of wikimedia-primary: < 0.2 s of process CPU;
* `check --base` for a change touching 5 titles in a 1,000-title x 5-version
  repository with a long history: < 1 s;
* full `check` of that repository: < 10 s.

Process CPU is user + system time of the child, from getrusage. Run with
`nox -s bench -- benchmarks.bench_gate` or `python -m benchmarks.bench_gate`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import current_schema, generate, title_name
from eventschemas.tree.materialize import materialize
from eventschemas.tree.model import Repository
from eventschemas.tree.serialize import to_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpora/wikimedia-primary"
HISTORY_COMMITS = 200


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of one `event-schemas` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "eventschemas", *args],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def report(name: str, samples: list[tuple[float, float, int]], target: float) -> None:
    cpu = sorted(s[1] for s in samples)[len(samples) // 2]
    wall = sorted(s[0] for s in samples)[len(samples) // 2]
    verdict = "ok" if cpu < target else "OVER TARGET"
    print(
        f"{name:<58} CPU {cpu:6.2f} s  wall {wall:6.2f} s  exit {samples[0][2]}"
        f"  (target < {target} s CPU: {verdict})"
    )


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
    samples = [run(["--repo", str(CORPUS), "check"], ROOT) for _ in range(5)]
    report("full check, wikimedia-primary (53 titles, 83 versions)", samples, 0.2)
    with tempfile.TemporaryDirectory() as tmp:
        root = long_history_repository(Path(tmp) / "repo", 1000)
        touch_five_titles(root)
        samples = [run(["check", "--base", "main"], root) for _ in range(3)]
        report("check --base main, 5 of 1000 titles, 200+ commits", samples, 1.0)
        samples = [run(["check"], root)]
        report("full check, 1000 titles x 5 versions", samples, 10.0)


if __name__ == "__main__":
    main()
