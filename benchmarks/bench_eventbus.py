"""Load test of `event-schemas serve` with wrk (Debian package `wrk`).

Starts the service on the bundled tree (2 workers, jsonl sink in a temporary
directory), then drives it with wrk from the same machine:

* batches of 100 `mediawiki/revision/create` example events (about 1.3 KB
  each): target >= 110,000 events/s;
* single-event requests: target >= 8,000 requests/s with p99 <= 10 ms.

Run with `nox -s bench -- benchmarks.bench_eventbus` or
`python -m benchmarks.bench_eventbus`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "jsonschema/mediawiki/revision/create/latest.json"
DURATION = os.environ.get("BENCH_DURATION", "10s")

_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("{body}", "rb")
wrk.body = f:read("*all")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f non2xx=%d errors=%d "
    .. "p50=%.3f p90=%.3f p99=%.3f\\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "eventschemas", "-q", "--repo", str(ROOT), "serve",
        "--port", str(port), "--workers", "2", "--data-dir", str(data_dir),
        "--no-reload",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("the service did not start")


def run_wrk(url: str, body: Path, connections: int, work: Path) -> dict[str, float]:
    script = work / f"{body.stem}.lua"
    script.write_text(_LUA.format(body=body))
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"RESULT (.*)", output)
    assert match, output
    return {k: float(v) for k, v in (p.split("=") for p in match.group(1).split())}


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    event = json.loads(EXAMPLE.read_text())["examples"][0]
    size = len(json.dumps(event))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "batch.json").write_text(json.dumps([event] * 100))
        (work / "single.json").write_text(json.dumps(event))
        port = free_port()
        process = start(port, work / "events")
        url = f"http://127.0.0.1:{port}/v1/events"
        print(f"event size {size} bytes; 2 workers; wrk -t2; {DURATION} per run")
        try:
            run_wrk(url, work / "single.json", 8, work)  # warm-up
            for connections in (4, 8, 16):
                batch = run_wrk(url, work / "batch.json", connections, work)
                rate = batch["requests"] * 100 / batch["seconds"]
                _line("batches of 100", connections, rate, "events/s", batch)
            for connections in (8, 16, 32):
                single = run_wrk(url, work / "single.json", connections, work)
                rate = single["requests"] / single["seconds"]
                _line("single events", connections, rate, "req/s", single)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        with (work / "events/mediawiki.revision-create.jsonl").open("rb") as lines:
            written = sum(1 for _ in lines)
    print("targets: batches >= 110000 events/s; single >= 8000 req/s with p99 <= 10 ms")
    print(f"lines in the sink after shutdown: {written}")


def _line(
    name: str, connections: int, rate: float, unit: str, run: dict[str, float]
) -> None:
    print(
        f"{name:<15} {connections:2d} connections: {rate:8.0f} {unit:<8}"
        f"  p50 {run['p50']:6.2f} ms  p99 {run['p99']:6.2f} ms"
        f"  non-2xx {run['non2xx']:.0f}"
    )


if __name__ == "__main__":
    main()
