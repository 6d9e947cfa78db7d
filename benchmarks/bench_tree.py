"""Benchmarks of the foundation: loading, resolving, start-up, materialize --check.

Run with `nox -s bench` (or `python -m benchmarks.bench_tree`). Prints figures;
targets are from the foundation issue:

* load + resolve the whole wikimedia-primary corpus: < 0.15 s (in-process)
* `event-schemas --help`: < 0.25 s (whole process)
* 1,000 titles x 5 versions: load + `materialize --all --check` < 10 s,
  growing linearly with the number of titles.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import generate
from eventschemas.tree.materialize import Materializer, materialize
from eventschemas.tree.model import Repository

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/wikimedia-primary"


def load_and_resolve(root: Path) -> int:
    """Discover, load every schema file and materialize every current in memory."""
    repo = Repository.open(root)
    materializer = Materializer(repo)
    for title in sorted(materializer.run):
        materializer.build(title)
    count = 0
    for entry in repo.titles.values():
        for version in entry.versions.values():
            path = version.primary_file(repo.config.content_types)
            if path is not None:
                repo.document(path)
                count += 1
    return count


def timed(fn: object, repeat: int) -> list[float]:
    assert callable(fn)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median < target else "OVER TARGET"
    print(
        f"{name:<52} median {median * 1000:8.1f} ms  min {min(times) * 1000:8.1f} ms"
        f"  (target < {target * 1000:.0f} ms: {verdict})"
    )


def bench_corpus() -> None:
    versions = load_and_resolve(CORPUS)
    print(f"wikimedia-primary: {versions} versioned files plus every current file")
    report(
        "load + resolve wikimedia-primary",
        timed(lambda: load_and_resolve(CORPUS), 15),
        0.15,
    )


def bench_startup() -> None:
    command = [sys.executable, "-m", "eventschemas", "--help"]
    subprocess.run(command, check=True, capture_output=True)
    times = timed(lambda: subprocess.run(command, check=True, capture_output=True), 10)
    report("event-schemas --help (process start to exit)", times, 0.25)


def bench_synthetic() -> None:
    per_title = {}
    for titles in (250, 500, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            root = generate(Path(tmp), titles)

            def check(root: Path = root) -> None:
                run = materialize(Repository.open(root), check=True)
                assert not run.differences, run.differences[:3]

            times = timed(check, 3)
            per_title[titles] = statistics.median(times) / titles
            report(
                f"{titles} titles x 5 versions: materialize --all --check",
                times,
                10 * titles / 1000,
            )
    growth = per_title[1000] / per_title[250]
    print(f"cost per title at 1000 vs 250 titles: x{growth:.2f} (1.00 = linear)")


if __name__ == "__main__":
    bench_corpus()
    bench_startup()
    bench_synthetic()
