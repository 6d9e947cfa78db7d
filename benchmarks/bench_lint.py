"""Benchmarks of lint and example validation.

Run with `python -m benchmarks.bench_lint`. Prints figures; targets are from
the lint issue:

* lint + examples of the whole wikimedia-primary corpus: < 0.3 s of process
  CPU, measured as the whole process `event-schemas lint --examples`, with a
  cold and a warm parse cache (see `benchmarks.processes`). The in-process
  figures (imports excluded) and the two commands as separate processes are
  printed too.
* 1,000 titles x 5 versions: lint + examples < 10 s.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.processes import YARDSTICK, compile_package, in_turns, run
from benchmarks.processes import report as process_report
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


def bench_processes() -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-cache"
        both = ["--repo", str(CORPUS), "lint", "--examples"]
        run(both, CORPUS, warm)  # fills the warm cache
        jobs: dict[str, tuple[list[str], Path, Path | None, bool]] = {
            "lint --examples, cold": (both, CORPUS, None, True),
            "lint --examples, warm": (both, CORPUS, warm, True),
            "lint, cold": (both[:-1], CORPUS, None, True),
            "examples, cold": ([*both[:-2], "examples"], CORPUS, None, True),
            "yardstick": (["-c", YARDSTICK], CORPUS, None, False),
        }
        samples = in_turns(jobs, rounds=15)
    for name, taken in samples.items():
        target = 0.3 if name.startswith("lint --examples") else None
        label = f"  {YARDSTICK}" if name == "yardstick" else f"`event-schemas {name}`"
        process_report(label, taken, target)


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
