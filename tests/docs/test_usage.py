"""Which titles use which: fragment pages list the schemas built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.docs.usage import ref_target, references, sorted_versions, used_by
from eventschemas.tree.model import Repository
from tests.conftest import PROJECT_ROOT, write


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    root = tmp_path / "repo"
    write(
        root / ".event-schemas.yaml",
        """
        schema_base_path: jsonschema
        schema_base_uris: [jsonschema/, https://schemas.example.org/]
        """,
    )
    for title in ("fragment/common", "fragment/http", "thing/change"):
        write(root / f"jsonschema/{title}/current.yaml", f"title: {title}\n")
    return Repository.open(root)


@pytest.mark.parametrize(
    ("ref", "target"),
    [
        ("/fragment/common/1.0.0#", ("fragment/common", "1.0.0")),
        ("/fragment/common/1.2.0.yaml#/properties/dt", ("fragment/common", "1.2.0")),
        ("https://schemas.example.org/fragment/http/2.0.0", ("fragment/http", "2.0.0")),
        ("/fragment/common/latest", ("fragment/common", "latest")),
        ("#/definitions/x", None),
        ("/fragment/unknown/1.0.0", None),
        ("https://elsewhere.example.org/fragment/common/1.0.0", None),
        ("/fragment/common", None),
    ],
)
def test_refs_name_a_title_and_version(
    repo: Repository, ref: str, target: tuple[str, str] | None
) -> None:
    assert ref_target(repo, ref) == target


def test_versions_sort_by_semver_then_names() -> None:
    assert sorted_versions({"1.10.0", "latest", "1.9.0"}) == (
        "1.9.0",
        "1.10.0",
        "latest",
    )


def test_our_fragments_are_used_by_our_schemas() -> None:
    repo = Repository.open(PROJECT_ROOT)

    users = used_by(references(repo))

    common = {usage.title for usage in users["fragment/common"]}
    assert "mediawiki/revision/create" in common
    assert all(not title.startswith("fragment/common") for title in common)


def test_fragment_pages_list_their_users(own_site: Path) -> None:
    page = (own_site / "fragment/common/index.html").read_text("utf-8")
    section = page.split('id="used-by"', 1)[1].split("</section>", 1)[0]

    assert 'href="../../mediawiki/revision/create/index.html"' in section
