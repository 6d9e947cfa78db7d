"""Benchmarks of lint and example validation.

Run with `python -m benchmarks.bench_lint`. Prints figures; targets are from
the lint issue:

* lint + examples of the whole wikimedia-primary corpus: < 0.3 s of process
  CPU, measured as the whole process `event-schemas lint --examples` (imports
  included, the package's bytecode compiled as ci/bootstrap.py and pip leave
  it). The in-process figures (imports excluded) and the two commands as
  separate processes are printed too.
* 1,000 titles x 5 versions: lint + examples < 10 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.synthetic import generate
from eventschemas.examples import check_examples
from eventschemas.lint import Level, lint
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/wikimedia-primary"


def check(root: Path, level: Level | None = None) -> tuple[int, int]:
    """Open the repository, lint it and validate its examples; count findings."""
    repo = Repository.open(root)
    materializer = Materializer(repo)
    linted = lint(repo, level=level, materializer=materializer)
    examples = check_examples(repo, materializer=materializer)
    return len(linted.diagnostics), len(examples.diagnostics)


def cpu(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def report(name: str, times: list[float], target: float | None) -> None:
    median = statistics.median(times)
    verdict = ""
    if target is not None:
        ok = "ok" if median < target else "OVER TARGET"
        verdict = f"  (target < {target * 1000:.0f} ms: {ok})"
    figures = f"median {median * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms"
    print(f"{name:<58} {figures}{verdict}")


def bench_corpus() -> None:
    for level in (None, Level.STANDARD, Level.STRICT):
        found = check(CORPUS, level)
        label = level.value if level else "default (minimal)"
        report(
            f"wikimedia-primary lint+examples, {label}: {sum(found)} findings",
            cpu(partial(check, CORPUS, level), 15),
            0.3 if level is None else None,
        )


def compile_package() -> None:
    """Compile the package's bytecode, as ci/bootstrap.py and pip install do."""
    package = Path(__file__).resolve().parents[1] / "tools" / "eventschemas"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def bench_processes() -> None:
    compile_package()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    commands = {"lint --examples": 0.3, "lint": None, "examples": None}
    for command, target in commands.items():
        args = [sys.executable, "-m", "eventschemas", "--repo", str(CORPUS)]
        args += command.split()
        subprocess.run(args, capture_output=True, env=env)
        times = []
        for _ in range(15):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(args, capture_output=True, env=env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            times.append(used)
        report(f"`event-schemas {command}` (whole process CPU)", times, target)


def bench_synthetic() -> None:
    per_title = {}
    for titles in (250, 500, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            root = generate(Path(tmp), titles)
            found = check(root)
            assert found == (0, 0), found
            start = time.perf_counter()
            times = cpu(partial(check, root), 3)
            wall = (time.perf_counter() - start) / 3
            per_title[titles] = statistics.median(times) / titles
            report(
                f"{titles} titles x 5 versions: lint + examples (CPU)",
                times,
                10 * titles / 1000,
            )
            print(f"{'':<58} mean wall {wall * 1000:8.1f} ms")
    growth = per_title[1000] / per_title[250]
    print(f"cost per title at 1000 vs 250 titles: x{growth:.2f} (1.00 = linear)")


if __name__ == "__main__":
    bench_corpus()
    bench_processes()
    bench_synthetic()
