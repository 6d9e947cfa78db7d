"""Benchmark of the compatibility engine (a plain script, not a test).

Prints two figures against the targets of issue 4:

* a typical pair of ~50-property event schemas with one breaking change,
  compared under strict BACKWARD, counterexample included (target < 2 ms);
* every consecutive pair of a generated repository of 1,000 titles x 5 versions
  under the event-platform policy (target < 8 s in total).

Run: python benchmarks/bench_compat.py [--titles N]
"""

from __future__ import annotations

import argparse
import copy
import itertools
import random
import statistics
import time
from typing import Any

from eventschemas.compat import Policy, compare

Schema = dict[str, Any]

_FIELD_KINDS = ("string", "date-time", "uri", "integer", "boolean", "enum", "array")


def event_schema(rng: random.Random, title: str, properties: int) -> Schema:
    """An event schema in the shape of Wikimedia's: meta block, typed fields."""
    props: dict[str, Any] = {
        "$schema": {"type": "string", "description": "schema URI"},
        "meta": _meta(),
        "dt": {"type": "string", "format": "date-time", "maxLength": 128},
    }
    while len(props) < properties:
        props[f"field_{len(props)}"] = _field(rng, rng.choice(_FIELD_KINDS))
    required = ["$schema", "meta", "dt", *rng.sample(sorted(props), 5)]
    return {
        "$id": f"/{title}/1.0.0",
        "$schema": "https://json-schema.org/draft-07/schema#",
        "title": title,
        "type": "object",
        "properties": props,
        "required": sorted(set(required)),
    }


def _meta() -> Schema:
    return {
        "type": "object",
        "required": ["dt", "stream"],
        "properties": {
            "uri": {"type": "string", "format": "uri-reference", "maxLength": 8192},
            "id": {"type": "string"},
            "dt": {"type": "string", "format": "date-time", "maxLength": 128},
            "stream": {"type": "string", "minLength": 1},
            "domain": {"type": "string", "minLength": 1},
        },
    }


def _field(rng: random.Random, kind: str) -> Schema:
    if kind == "string":
        return {"type": "string", "maxLength": rng.choice((64, 255, 1024))}
    if kind in ("date-time", "uri"):
        return {"type": "string", "format": kind}
    if kind == "integer":
        return {"type": "integer", "minimum": 0, "maximum": 2**53 - 1}
    if kind == "enum":
        return {"type": "string", "enum": ["create", "update", "delete"]}
    if kind == "array":
        return {"type": "array", "items": {"type": "string"}}
    return {"type": "boolean"}


def evolve(rng: random.Random, schema: Schema, version: int, breaking: bool) -> Schema:
    """The next version: one optional field added, and maybe one break."""
    new = copy.deepcopy(schema)
    new["$id"] = new["$id"].rsplit("/", 1)[0] + f"/1.{version}.0"
    props = new["properties"]
    props[f"added_in_{version}"] = _field(rng, rng.choice(_FIELD_KINDS))
    if breaking:
        victim = rng.choice([k for k, v in props.items() if v.get("type") == "string"])
        props[victim] = {**props[victim], "maxLength": 8}
    return new


def typical_pair() -> tuple[Schema, Schema]:
    rng = random.Random(4)
    old = event_schema(rng, "bench/typical", 50)
    return old, evolve(rng, old, 1, breaking=True)


def time_typical(repeat: int, policy: Policy) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per compare of the typical pair."""
    old, new = typical_pair()
    report = compare(old, new, policy=policy)
    assert not report.compatible
    assert all(c.has_counterexample for c in report.breaking_changes)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        compare(old, new, policy=policy)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus


def repository(titles: int, versions: int) -> list[list[Schema]]:
    rng = random.Random(1000)
    history = []
    for index in range(titles):
        schema = event_schema(rng, f"bench/title_{index}", rng.randint(10, 50))
        chain = [schema]
        for version in range(1, versions):
            chain.append(evolve(rng, chain[-1], version, rng.random() < 0.1))
        history.append(chain)
    return history


def time_repository(titles: int, versions: int) -> tuple[tuple[float, float], int, int]:
    history = repository(titles, versions)
    pairs = broken = 0
    start, cpu = time.perf_counter(), time.process_time()
    for chain in history:
        for old, new in itertools.pairwise(chain):
            report = compare(old, new, policy="event-platform")
            pairs += 1
            broken += not report.compatible
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    return elapsed, pairs, broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=1000)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    policies: tuple[Policy, ...] = ("event-platform", "strict")
    for policy in policies:
        walls, cpus = time_typical(args.repeat, policy)
        breaks = len(compare(*typical_pair(), policy=policy).breaking_changes)
        print(
            f"typical 50-property pair, {policy}, {breaks} break(s) with "
            f"counterexample(s): median {statistics.median(walls) * 1e3:.2f} ms wall, "
            f"{statistics.median(cpus) * 1e3:.2f} ms CPU (target < 2 ms)"
        )
    (wall, cpu), pairs, broken = time_repository(args.titles, args.versions)
    print(
        f"{args.titles} titles x {args.versions} versions: {pairs} consecutive pairs "
        f"({broken} incompatible) in {wall:.2f} s wall, {cpu:.2f} s CPU "
        "(target < 8 s)"
    )


if __name__ == "__main__":
    main()
