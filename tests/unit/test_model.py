from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.tree.model import Repository, Version, read_link
from tests.conftest import WIKIMEDIA, write


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.2", "1.0.0-alpha.10"),
        ("1.0.0-2", "1.0.0-alpha"),
    ],
)
def test_semver_precedence(lower: str, higher: str) -> None:
    low, high = Version.parse(lower), Version.parse(higher)
    assert low is not None and high is not None
    assert low < high


@pytest.mark.parametrize("text", ["1.0", "01.0.0", "v1.0.0", "latest", "1.0.0.0"])
def test_not_a_version(text: str) -> None:
    assert Version.parse(text) is None


def test_discovery_of_the_wikimedia_corpus() -> None:
    repo = Repository.open(WIKIMEDIA)
    assert len(repo.titles) == 53
    assert sum(len(t.versions) for t in repo.titles.values()) == 83
    error = repo.titles["error"]
    assert [str(v.version) for v in error.sorted_versions()] == [
        "0.0.3",
        "1.0.0",
        "2.0.0",
        "2.1.0",
    ]
    latest = error.latest
    assert latest is not None and latest.link is not None
    # The corpus stores links as small files naming their target.
    assert latest.link.target == "2.1.0.yaml" and not latest.link.symlink
    assert error.latest_links["latest"].target == "2.1.0.yaml"
    assert repo.titles["fragment/common"].is_fragment


def test_real_symlinks_and_plain_link_files(tmp_path: Path) -> None:
    base = tmp_path / "jsonschema" / "t"
    write(base / "1.0.0.yaml", "title: t\n")
    (base / "1.0.0").symlink_to("1.0.0.yaml")
    write(base / "latest", "1.0.0.yaml\n")
    link = read_link(base / "1.0.0")
    assert link is not None and link.symlink and link.target == "1.0.0.yaml"
    plain = read_link(base / "latest")
    assert plain is not None and not plain.symlink and plain.target == "1.0.0.yaml"
    repo = Repository.open(tmp_path)
    found = repo.titles["t"].versions[Version.parse("1.0.0")].link  # type: ignore[index]
    assert found is not None and (found.target, found.symlink) == ("1.0.0.yaml", True)


def test_files_that_are_not_links(tmp_path: Path) -> None:
    write(tmp_path / "latest", "this is not a file name\n")
    assert read_link(tmp_path / "latest") is None
    write(tmp_path / "huge", "x" * 1000)
    assert read_link(tmp_path / "huge") is None


def test_directories_without_schemas_are_not_titles(tmp_path: Path) -> None:
    write(tmp_path / "jsonschema/ns/README.md", "hello\n")
    write(tmp_path / "jsonschema/ns/t/current.yaml", "title: ns/t\n")
    assert list(Repository.open(tmp_path).titles) == ["ns/t"]
