from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from eventschemas.errors import TreeError
from eventschemas.tree.materialize import (
    Materializer,
    add_numeric_bounds,
    materialize,
)
from eventschemas.tree.model import Repository
from tests.conftest import THING_SCHEMA, write


def test_materialize_writes_files_and_links(schema_repo: Path) -> None:
    run = materialize(Repository.open(schema_repo))
    assert run.titles == ["fragment/common", "thing/change"]
    directory = schema_repo / "jsonschema/thing/change"
    as_yaml = yaml.safe_load((directory / "1.0.0.yaml").read_text())
    as_json = json.loads((directory / "1.0.0.json").read_text())
    assert as_yaml == as_json
    assert as_yaml["examples"][0]["$schema"] == "/thing/change/1.0.0"
    assert list(as_yaml)[:4] == ["title", "description", "$id", "$schema"]
    assert (directory / "1.0.0").readlink() == Path("1.0.0.yaml")
    assert (directory / "latest").readlink() == Path("1.0.0.yaml")
    assert (directory / "latest.json").readlink() == Path("1.0.0.json")
    # A second run changes nothing and the check is clean.
    assert materialize(Repository.open(schema_repo)).written == []
    assert materialize(Repository.open(schema_repo), check=True).differences == []


def test_numeric_bounds_are_added_where_missing(schema_repo: Path) -> None:
    schema = Materializer(Repository.open(schema_repo)).build("thing/change")
    assert schema["properties"]["count"]["minimum"] == 0
    assert schema["properties"]["count"]["maximum"] == 9007199254740991


def test_numeric_bounds_helper() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "number", "exclusiveMaximum": 5},
            "b": {"type": "array", "items": {"type": "integer"}},
            "c": {"type": ["integer", "null"]},
        },
    }
    bounded = add_numeric_bounds(schema, (-10, 10))
    assert bounded["properties"]["a"] == {
        "type": "number",
        "exclusiveMaximum": 5,
        "minimum": -10,
    }
    assert bounded["properties"]["b"]["items"] == {
        "type": "integer",
        "minimum": -10,
        "maximum": 10,
    }
    assert bounded["properties"]["c"] == {"type": ["integer", "null"]}


def test_bounds_can_be_disabled(schema_repo: Path) -> None:
    write(schema_repo / ".event-schemas.yaml", "numeric_bounds: null\n")
    schema = Materializer(Repository.open(schema_repo)).build("thing/change")
    assert "maximum" not in schema["properties"]["count"]


def test_dependency_is_materialized_first_and_fresh(schema_repo: Path) -> None:
    materialize(Repository.open(schema_repo))
    # Change the fragment without bumping it: the dependent schema, when both
    # are materialized in one run, must see the fresh fragment.
    fragment = schema_repo / "jsonschema/fragment/common/current.yaml"
    fragment.write_text(
        fragment.read_text().replace("Event time.", "When it happened.")
    )
    run = materialize(Repository.open(schema_repo), ["thing/change", "fragment/common"])
    assert run.titles == ["fragment/common", "thing/change"]
    thing = yaml.safe_load(
        (schema_repo / "jsonschema/thing/change/1.0.0.yaml").read_text()
    )
    assert thing["properties"]["dt"]["description"] == "When it happened."


def test_unpublished_dependency_is_built_along(schema_repo: Path) -> None:
    run = materialize(Repository.open(schema_repo), ["thing/change"])
    assert run.titles == ["fragment/common", "thing/change"]
    assert (schema_repo / "jsonschema/fragment/common/1.0.0.yaml").is_file()


def test_latest_only_moves_forward(schema_repo: Path) -> None:
    materialize(Repository.open(schema_repo))
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    current.write_text(THING_SCHEMA.replace("change/1.0.0", "change/1.1.0").lstrip())
    materialize(Repository.open(schema_repo))
    directory = schema_repo / "jsonschema/thing/change"
    assert (directory / "latest").readlink() == Path("1.1.0.yaml")
    # Re-materializing an older version (e.g. a backport) leaves latest alone.
    current.write_text(THING_SCHEMA.replace("change/1.0.0", "change/1.0.1").lstrip())
    materialize(Repository.open(schema_repo))
    assert (directory / "latest").readlink() == Path("1.1.0.yaml")
    assert (directory / "1.0.1").readlink() == Path("1.0.1.yaml")


def test_check_reports_hand_edits_missing_files_and_wrong_links(
    schema_repo: Path,
) -> None:
    materialize(Repository.open(schema_repo))
    directory = schema_repo / "jsonschema/thing/change"
    edited = directory / "1.0.0.yaml"
    edited.write_text(edited.read_text() + "# a hand edit\n")
    (directory / "1.0.0.json").unlink()
    (directory / "latest").unlink()
    (directory / "latest").symlink_to("1.0.0.json")
    found = {
        d.output.path.name: d.reason
        for d in materialize(Repository.open(schema_repo), check=True).differences
    }
    assert found == {
        "1.0.0.yaml": "content differs from what current.yaml generates",
        "1.0.0.json": "missing",
        "latest": "points to 1.0.0.json, should point to 1.0.0.yaml",
    }


def test_check_finds_missing_links_of_older_versions(schema_repo: Path) -> None:
    materialize(Repository.open(schema_repo))
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    current.write_text(THING_SCHEMA.replace("change/1.0.0", "change/1.1.0").lstrip())
    materialize(Repository.open(schema_repo))
    (schema_repo / "jsonschema/thing/change/1.0.0").unlink()
    differences = materialize(Repository.open(schema_repo), check=True).differences
    assert [(d.output.path.name, d.reason) for d in differences] == [
        ("1.0.0", "missing link (should point to 1.0.0.yaml)")
    ]


def test_dry_run_writes_nothing(schema_repo: Path) -> None:
    run = materialize(Repository.open(schema_repo), dry_run=True)
    assert len(run.written) == 2 * 6
    assert not (schema_repo / "jsonschema/thing/change/1.0.0.yaml").exists()


def test_id_without_version_is_an_error_at_its_line(schema_repo: Path) -> None:
    current = schema_repo / "jsonschema/thing/change/current.yaml"
    current.write_text(
        THING_SCHEMA.replace("/thing/change/1.0.0", "/thing/change").lstrip()
    )
    with pytest.raises(TreeError) as caught:
        Materializer(Repository.open(schema_repo)).build("thing/change")
    assert "does not end in a semantic version" in caught.value.message
    assert str(caught.value.position) == "jsonschema/thing/change/current.yaml:3:1"


def test_plain_link_files_are_kept_plain(schema_repo: Path) -> None:
    directory = schema_repo / "jsonschema/thing/change"
    write(directory / "latest", "0.9.0.yaml")
    materialize(Repository.open(schema_repo))
    latest = directory / "latest"
    assert not latest.is_symlink() and latest.read_text() == "1.0.0.yaml"
