from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventschemas.errors import ConfigError
from eventschemas.streams import load_streams
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, write


def test_exact_names_win_over_regex(tmp_path: Path) -> None:
    path = write(
        tmp_path / "streams.yaml",
        r"""
        streams:
          '/^job\..+$/':
            schema_title: job/generic
          job.special:
            schema_title: /job/special/
            topics: [eqiad.job.special]
        """,
    )
    config = load_streams(path)
    special = config.match("job.special")
    assert special is not None and special.schema_title == "job/special"
    generic = config.match("job.other")
    assert generic is not None and generic.is_regex
    assert config.match("nothing") is None
    assert [s.name for s in config.matching("job.special")] == [
        "/^job\\..+$/",
        "job.special",
    ]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("streams:\n  a:\n    description: x\n", "needs a `schema_title`", 2),
        ("streams:\n  '/(/':\n    schema_title: t\n", "does not compile", 2),
        ("streams:\n  a:\n    schema_title: t\n    topic: x\n", "unknown keys", 2),
        ("streams: [a]\n", "streams file must be a mapping", 1),
    ],
)
def test_bad_streams_file(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = write(tmp_path / "streams.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_streams(path, "streams.yaml")
    assert message in caught.value.message
    assert caught.value.position is not None
    assert (caught.value.position.path, caught.value.position.line) == (
        "streams.yaml",
        line,
    )


def test_missing_file_means_no_streams(tmp_path: Path) -> None:
    assert load_streams(tmp_path / "streams.yaml").streams == ()


def _examples(schema: Any) -> list[Any]:
    return list(schema.get("examples") or []) if isinstance(schema, dict) else []


def test_own_streams_cover_every_event_schema_and_example() -> None:
    repo = Repository.open(PROJECT_ROOT)
    streams = repo.streams()
    titles = {t for t, e in repo.titles.items() if not e.is_fragment}
    assert titles <= {s.schema_title for s in streams.streams}
    assert {s.schema_title for s in streams.streams} <= set(repo.titles)
    materializer = Materializer(repo)
    for title in sorted(titles):
        examples = _examples(materializer.build(title))
        assert examples, f"{title} has no example"
        for example in examples:
            entry = streams.match(example["meta"]["stream"])
            assert entry is not None and entry.schema_title == title
