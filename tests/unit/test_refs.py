from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.errors import RefError
from eventschemas.tree.deref import dereference
from eventschemas.tree.materialize import Materializer
from eventschemas.tree.model import Repository
from eventschemas.tree.refs import Resolver
from tests.conftest import write


def build(root: Path, title: str) -> object:
    return Materializer(Repository.open(root)).build(title)


def ref_error(root: Path, title: str) -> RefError:
    with pytest.raises(RefError) as caught:
        build(root, title)
    return caught.value


def schema_with_ref(ref: str, title: str = "a/b") -> str:
    return f"""
    title: {title}
    $id: /{title}/1.0.0
    type: object
    properties:
      x:
        $ref: '{ref}'
    """


def test_fragment_ref_is_inlined(schema_repo: Path) -> None:
    schema = build(schema_repo, "thing/change")
    assert isinstance(schema, dict)
    assert set(schema["properties"]) == {"$schema", "meta", "dt", "name", "count"}
    assert schema["required"] == ["$schema", "dt", "meta", "name"]


def test_pointer_into_fragment(schema_repo: Path) -> None:
    write(
        schema_repo / "jsonschema/a/b/current.yaml",
        schema_with_ref("/fragment/common/1.0.0#/properties/dt"),
    )
    schema = build(schema_repo, "a/b")
    assert isinstance(schema, dict)
    assert schema["properties"]["x"]["format"] == "date-time"


def test_dangling_ref_names_referring_file_and_line(schema_repo: Path) -> None:
    write(schema_repo / "jsonschema/a/b/current.yaml", schema_with_ref("/nope/1.0.0#"))
    error = ref_error(schema_repo, "a/b")
    assert "'/nope/1.0.0' does not resolve" in error.message
    assert str(error.position) == "jsonschema/a/b/current.yaml:6:5"


def test_missing_fragment_pointer(schema_repo: Path) -> None:
    write(
        schema_repo / "jsonschema/a/b/current.yaml",
        schema_with_ref("/fragment/common/1.0.0#/properties/nothing"),
    )
    error = ref_error(schema_repo, "a/b")
    assert "does not exist" in error.message
    assert error.position is not None and error.position.line == 6


def test_escaping_ref_is_refused(schema_repo: Path) -> None:
    write(schema_repo / "secret/1.0.0.yaml", "type: string\n")
    write(
        schema_repo / "jsonschema/a/b/current.yaml", schema_with_ref("/../secret/1.0.0")
    )
    error = ref_error(schema_repo, "a/b")
    assert "escapes the schema tree" in error.message
    assert str(error.position).startswith("jsonschema/a/b/current.yaml:6:")


def test_symlink_out_of_tree_is_refused(schema_repo: Path, tmp_path: Path) -> None:
    write(tmp_path / "outside.yaml", "type: string\n")
    target = schema_repo / "jsonschema/evil/1.0.0"
    target.parent.mkdir(parents=True)
    target.symlink_to(tmp_path / "outside.yaml")
    write(schema_repo / "jsonschema/a/b/current.yaml", schema_with_ref("/evil/1.0.0"))
    error = ref_error(schema_repo, "a/b")
    assert "leads out of" in error.message


def test_local_ref_cycle_names_file_and_line(schema_repo: Path) -> None:
    write(
        schema_repo / "jsonschema/a/b/current.yaml",
        """
        title: a/b
        $id: /a/b/1.0.0
        definitions:
          node:
            type: object
            properties:
              next:
                $ref: '#/definitions/node'
        properties:
          root:
            $ref: '#/definitions/node'
        """,
    )
    error = ref_error(schema_repo, "a/b")
    assert "$ref cycle" in error.message
    assert str(error.position) == "jsonschema/a/b/current.yaml:8:9"


def test_cycle_between_current_files(schema_repo: Path) -> None:
    write(schema_repo / "jsonschema/a/b/current.yaml", schema_with_ref("/c/d/1.0.0#"))
    write(
        schema_repo / "jsonschema/c/d/current.yaml",
        schema_with_ref("/a/b/1.0.0#", title="c/d"),
    )
    error = ref_error(schema_repo, "a/b")
    assert "cycle" in error.message
    assert error.position is not None and error.position.path.endswith("current.yaml")


def test_absolute_uri_outside_mapped_prefixes(schema_repo: Path) -> None:
    write(
        schema_repo / "jsonschema/a/b/current.yaml",
        schema_with_ref("https://schemas.example.org/fragment/common/1.0.0"),
    )
    error = ref_error(schema_repo, "a/b")
    assert "nothing is fetched" in error.message
    assert error.position is not None and error.position.line == 6


def test_remote_base_uri_mapped_to_local_checkout(tmp_path: Path) -> None:
    other = tmp_path / "secondary"
    write(other / "shared/id/1.0.0.yaml", "type: string\nmaxLength: 10\n")
    root = tmp_path / "repo"
    write(
        root / ".event-schemas.yaml",
        f"""
        schema_base_uris:
          - jsonschema/
          - https://schemas.example.org/secondary/
        base_uri_map:
          https://schemas.example.org/secondary/: {other}
        """,
    )
    write(root / "jsonschema/a/b/current.yaml", schema_with_ref("/shared/id/1.0.0"))
    schema = build(root, "a/b")
    assert isinstance(schema, dict)
    assert schema["properties"]["x"] == {"type": "string", "maxLength": 10}


def test_unmapped_remote_base_is_skipped_with_a_hint(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(
        root / ".event-schemas.yaml",
        "schema_base_uris: [jsonschema/, https://schemas.example.org/x/]\n",
    )
    write(root / "jsonschema/a/b/current.yaml", schema_with_ref("/shared/id/1.0.0"))
    error = ref_error(root, "a/b")
    assert "https://schemas.example.org/x/ were skipped" in error.message


def test_base_uris_are_tried_in_order(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root / ".event-schemas.yaml", "schema_base_uris: [first/, second/]\n")
    write(root / "jsonschema/.keep", "")
    write(root / "second/x/1.0.0.yaml", "type: integer\n")
    write(root / "first/x/1.0.0.yaml", "type: string\n")
    repo = Repository.open(root)
    document = repo.document(root / "jsonschema/.keep")
    target = Resolver(repo).resolve("/x/1.0.0", document, "")
    assert target.value == {"type": "string"}


def test_siblings_beside_ref_are_laid_over_target(schema_repo: Path) -> None:
    write(
        schema_repo / "jsonschema/a/b/current.yaml",
        """
        title: a/b
        $id: /a/b/1.0.0
        properties:
          x:
            $ref: /fragment/common/1.0.0#/properties/dt
            description: Overridden.
        """,
    )
    schema = build(schema_repo, "a/b")
    assert isinstance(schema, dict)
    assert schema["properties"]["x"]["description"] == "Overridden."
    assert schema["properties"]["x"]["format"] == "date-time"


def test_dereference_public_function(schema_repo: Path) -> None:
    repo = Repository.open(schema_repo)
    document = repo.document(schema_repo / "jsonschema/thing/change/current.yaml")
    data = dereference(document, Resolver(repo, Materializer(repo)._provide))
    assert data["allOf"][0]["title"] == "fragment/common"
    assert data["examples"][0]["$schema"] == "/thing/change/1.0.0"
