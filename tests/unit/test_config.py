from __future__ import annotations

from pathlib import Path

import pytest

from eventschemas.config import find_repository_root, load_config
from eventschemas.errors import ConfigError
from tests.conftest import WIKIMEDIA, write


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "jsonschema").mkdir()
    config = load_config(tmp_path)
    assert config.schema_base_uris == ("jsonschema",)
    assert config.content_types == ("yaml", "json")
    assert config.numeric_bounds == (-9007199254740991, 9007199254740991)
    assert not config.legacy


def test_wikimedia_legacy_config_is_read_with_zero_setup() -> None:
    config = load_config(WIKIMEDIA)
    assert config.legacy
    assert config.content_types == ("yaml",)
    assert config.base_dir == (WIKIMEDIA / "jsonschema").resolve()
    assert config.check_format == "data"
    assert config.generated_examples
    assert config.is_waived(
        "schema-version-compatibility", "/mediawiki/page/change/1.2.0"
    )
    assert not config.is_waived(
        "schema-version-compatibility", "/mediawiki/page/change/1.1.0"
    )


def test_legacy_keys_are_mapped(tmp_path: Path) -> None:
    write(
        tmp_path / ".jsonschema-tools.yaml",
        """
        schemaBasePath: ./schemas/
        schemaBaseUris: [./schemas/, https://example.org/other/]
        contentTypes: [json, yaml]
        currentName: current.yml
        shouldSymlinkExtensionless: false
        shouldSymlinkLatest: false
        enforcedNumericBounds: [-100, 100]
        ignoreSchemas: ['^/ignored/']
        """,
    )
    (tmp_path / "schemas").mkdir()
    config = load_config(tmp_path)
    assert config.schema_base_path == "./schemas"
    assert config.schema_base_uris == ("./schemas/", "https://example.org/other/")
    assert config.content_types == ("json", "yaml")
    assert config.current_name == "current.yml"
    assert not config.symlink_extensionless and not config.symlink_latest
    assert config.numeric_bounds == (-100, 100)
    assert config.is_ignored("/ignored/x/1.0.0")


def test_our_config_wins_over_legacy(tmp_path: Path) -> None:
    write(tmp_path / ".jsonschema-tools.yaml", "contentTypes: [json]\n")
    write(tmp_path / ".event-schemas.yaml", "content_types: [yaml]\n")
    (tmp_path / "jsonschema").mkdir()
    assert load_config(tmp_path).content_types == ("yaml",)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("schema_base_path: jsonschema\nschema_bsae_uris: []\n", "unknown setting", 2),
        ("content_types: [xml]\n", "content types must be", 1),
        ("numeric_bounds: [5, 1]\n", "expected [minimum, maximum]", 1),
        ("ignore_schemas: ['(']\n", "invalid regular expression", 1),
        ("symlink_latest: maybe\n", "expected true or false", 1),
        ("compatibility:\n  mode: sideways\n", "mode must be one of", 1),
        ("waivers:\n  - rule: X\n", "needs 'rule' and 'schemas'", 1),
    ],
)
def test_bad_config_names_file_and_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    (tmp_path / "jsonschema").mkdir()
    write(tmp_path / ".event-schemas.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in caught.value.message
    assert caught.value.position is not None
    assert caught.value.position.line == line
    assert caught.value.position.path.endswith(".event-schemas.yaml")
    assert caught.value.exit_code == 2


def test_missing_base_directory(tmp_path: Path) -> None:
    write(tmp_path / ".event-schemas.yaml", "schema_base_path: nowhere\n")
    with pytest.raises(ConfigError, match="is not a directory"):
        load_config(tmp_path)


def test_compatibility_overrides(tmp_path: Path) -> None:
    (tmp_path / "jsonschema").mkdir()
    write(
        tmp_path / ".event-schemas.yaml",
        """
        compatibility:
          mode: full
          overrides:
            - titles: ^error$
              allow_breaking_major: true
            - titles: ^legacy/
              policy: lenient
        """,
    )
    config = load_config(tmp_path)
    assert config.compatibility_for("x").mode == "full"
    assert config.compatibility_for("error").allow_breaking_major
    assert config.compatibility_for("error").mode == "full"
    assert config.compatibility_for("legacy/a").policy == "lenient"


def test_find_root_walks_upward(tmp_path: Path) -> None:
    write(tmp_path / ".event-schemas.yaml", "")
    deep = tmp_path / "jsonschema" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_repository_root(deep) == tmp_path.resolve()


def test_find_root_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no schema repository found"):
        find_repository_root(tmp_path)
