"""Benchmark of the documentation site builder (a plain script, not a test).

Run with `python -m benchmarks.bench_docs`. Prints figures against the targets
of the docs issue:

* the HTML site of the wikimedia-primary corpus: < 1 s;
* a generated repository of 1,000 titles x 5 versions: < 15 s.

Each figure is a whole build from a freshly opened repository: discovery,
parsing every published file, every title's change lists, rendering, writing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.bench_tree import CORPUS, report, timed
from benchmarks.synthetic import generate
from eventschemas.docs import build_site
from eventschemas.docs.collect import collect
from eventschemas.tree.model import Repository


def build(root: Path, out: Path) -> None:
    build_site(Repository.open(root), out)


def bench_corpus(scratch: Path) -> None:
    out = scratch / "wikimedia-site"
    build(CORPUS, out)
    report("docs: wikimedia-primary (html)", timed(lambda: build(CORPUS, out), 5), 1.0)


def bench_synthetic(scratch: Path, titles: int) -> None:
    started = time.perf_counter()
    (scratch / "synthetic").mkdir()
    root = generate(scratch / "synthetic", titles)
    seconds = time.perf_counter() - started
    print(f"generated {titles} titles x 5 versions in {seconds:.1f} s")
    out = scratch / "synthetic-site"
    target = 15 * titles / 1000
    collect_times = timed(lambda: collect(Repository.open(root)), 1)
    report(f"docs: {titles} titles x 5 versions, collect only", collect_times, target)
    report(
        f"docs: {titles} titles x 5 versions (html)",
        timed(lambda: build(root, out), 2),
        target,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_corpus(Path(tmp))
        bench_synthetic(Path(tmp), args.titles)


if __name__ == "__main__":
    main()
