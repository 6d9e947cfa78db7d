"""Measuring `event-schemas` as whole processes, as users run it.

Process CPU is user + system time of the child, from getrusage. A figure is
"cold" with an empty parse cache (a fresh CI machine that restored none) and
"warm" with the cache an earlier run left (a developer's machine, or CI
restoring it). The package's bytecode is compiled first, as ci/bootstrap.py
and pip leave it.

On a shared machine CPU time drifts by tens of percent from one minute to the
next. Small commands are therefore sampled in turns (`in_turns`), and the cost
of `YARDSTICK`, importing the libraries every command needs, is printed beside
them: a figure is best read against it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YARDSTICK = "import typer, yaml, jsonschema_rs"

Sample = tuple[float, float, int]  # wall seconds, CPU seconds, exit code


def run(
    args: list[str], cwd: Path, cache: Path | None = None, module: bool = True
) -> Sample:
    """(wall seconds, CPU seconds, exit code) of one `event-schemas` process,
    with its parse cache in `cache` (a fresh, empty one when None)."""
    with tempfile.TemporaryDirectory() as empty:
        env = {**os.environ, "EVENT_SCHEMAS_CACHE_DIR": str(cache or empty)}
        env.pop("EVENT_SCHEMAS_NO_CACHE", None)
        command = [sys.executable, "-m", "eventschemas"] if module else [sys.executable]
        return _measure([*command, *args], cwd, env)


def _measure(command: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def report(name: str, samples: list[Sample], target: float | None) -> None:
    cpu = sorted(s[1] for s in samples)[len(samples) // 2]
    wall = sorted(s[0] for s in samples)[len(samples) // 2]
    verdict = ""
    if target is not None:
        ok = "ok" if cpu < target else "OVER TARGET"
        verdict = f"  (target < {target} s CPU: {ok})"
    print(
        f"{name:<50} CPU {cpu:6.3f} s  wall {wall:6.3f} s  exit {samples[0][2]}"
        f"{verdict}"
    )


def compile_package() -> None:
    """Compile the package's bytecode, as ci/bootstrap.py and pip install do."""
    package = Path(__file__).resolve().parents[1] / "tools" / "eventschemas"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def in_turns(
    jobs: dict[str, tuple[list[str], Path, Path | None, bool]], rounds: int
) -> dict[str, list[Sample]]:
    """Sample each job once per round, in turns, so drift hits all alike."""
    samples: dict[str, list[Sample]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, (args, cwd, cache, module) in jobs.items():
            samples[name].append(run(args, cwd, cache, module))
    return samples
