"""Instructions executed by the small commands, counted by valgrind.

CPU seconds on a shared machine drift by tens of percent from one minute to
the next, which hides changes of a few percent. The number of instructions a
process executes does not drift: this benchmark counts them with valgrind's
callgrind (Debian package `valgrind`) for the commands the CPU targets are
about, on wikimedia-primary, with a cold and a warm parse cache, beside the
yardstick of `benchmarks.processes`. Divide by the yardstick's count to
compare runs on different machines.

Run with `python -m benchmarks.bench_instructions` (about a minute).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.processes import YARDSTICK, compile_package

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpora/wikimedia-primary"
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str], cache: Path) -> int:
    env = {**os.environ, "EVENT_SCHEMAS_CACHE_DIR": str(cache)}
    env.pop("EVENT_SCHEMAS_NO_CACHE", None)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("bench_instructions needs valgrind (apt-get install valgrind)")
    compile_package()
    tool = [sys.executable, "-m", "eventschemas", "--repo", str(CORPUS)]
    commands = {
        "full check": [*tool, "check"],
        "lint --examples": [*tool, "lint", "--examples"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        base = instructions([sys.executable, "-c", YARDSTICK], Path(tmp) / "none")
        print(f"{'yardstick: ' + YARDSTICK:<44} {base / 1e6:8.0f} M instructions")
        for name, command in commands.items():
            warm = Path(tmp) / name.replace(" ", "-")
            cold = instructions(command, warm)  # an empty cache, filled here
            again = instructions(command, warm)
            for label, count in (("cold", cold), ("warm", again)):
                print(
                    f"{name + ', ' + label:<44} {count / 1e6:8.0f} M instructions"
                    f"  ({count / base:.2f} x yardstick)"
                )


if __name__ == "__main__":
    main()
