"""Repository configuration, ours or a legacy `.jsonschema-tools.yaml`.

Our own file uses snake_case keys (documented in the README). When it is
absent and a `.jsonschema-tools.yaml` exists, that file is read instead and its
keys are mapped onto ours, so a Wikimedia-style repository needs no setup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from msgspec import Struct, field
from msgspec.structs import replace

from eventschemas.errors import ConfigError
from eventschemas.tree.loader import Document, load_file

if TYPE_CHECKING:
    from eventschemas.tree.cache import ParseCache

CONFIG_NAME = ".event-schemas.yaml"
LEGACY_CONFIG_NAME = ".jsonschema-tools.yaml"
MAX_SAFE_INTEGER = 9007199254740991
CONTENT_TYPES = ("yaml", "json")

Mode = Literal[
    "none",
    "backward",
    "forward",
    "full",
    "backward_transitive",
    "forward_transitive",
    "full_transitive",
]
Policy = Literal["strict", "lenient", "event-platform"]
MODES: tuple[str, ...] = get_args(Mode)
POLICIES: tuple[str, ...] = get_args(Policy)


class Waiver(Struct, frozen=True):
    """Silences `rule` for every schema whose `$id` or title matches `pattern`."""

    rule: str
    pattern: re.Pattern[str]
    reason: str = ""

    def matches(self, rule: str, schema_id: str) -> bool:
        return rule == self.rule and self.pattern.search(schema_id) is not None


class CompatibilitySettings(Struct, frozen=True):
    mode: Mode = "backward"
    policy: Policy = "event-platform"
    allow_breaking_major: bool = False


class CompatibilityOverride(Struct, frozen=True):
    pattern: re.Pattern[str]
    settings: CompatibilitySettings


class RepoConfig(Struct, frozen=True):
    """Everything the tools need to know about one schema repository."""

    root: Path
    source: Path | None = None
    legacy: bool = False
    schema_base_path: str = "jsonschema"
    schema_base_uris: tuple[str, ...] = ()
    base_uri_map: Mapping[str, str] = field(default_factory=dict)
    content_types: tuple[str, ...] = CONTENT_TYPES
    current_name: str = "current.yaml"
    symlink_extensionless: bool = True
    symlink_latest: bool = True
    numeric_bounds: tuple[int, int] | None = (-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    ignore_schemas: tuple[re.Pattern[str], ...] = ()
    streams_file: str = "streams.yaml"
    check_format: Literal["bytes", "data"] = "bytes"
    # The tree was materialized by a tool that invents missing examples.
    generated_examples: bool = False
    allow_title_removal: bool = False
    compatibility: CompatibilitySettings = CompatibilitySettings()
    compatibility_overrides: tuple[CompatibilityOverride, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    lint_level: Literal["minimal", "standard", "strict"] = "standard"
    # The validator service's own section, read by eventschemas.eventbus.settings.
    service: Mapping[str, Any] = field(default_factory=dict)

    @property
    def base_dir(self) -> Path:
        return (self.root / self.schema_base_path).resolve()

    def watched_paths(self) -> list[Path]:
        """What a change of the tree is made in: the schema tree, the streams
        file and this config file (those that exist), for watchers to follow."""
        paths = [self.base_dir, self.root / self.streams_file, self.source]
        return [p for p in paths if p is not None and p.exists()]

    def compatibility_for(self, title: str) -> CompatibilitySettings:
        """Settings for one title: the last matching override, else the defaults."""
        chosen = self.compatibility
        for override in self.compatibility_overrides:
            if override.pattern.search(title):
                chosen = override.settings
        return chosen

    def is_ignored(self, schema_id: str) -> bool:
        return any(p.search(schema_id) for p in self.ignore_schemas)

    def is_waived(self, rule: str, schema_id: str) -> bool:
        return any(w.matches(rule, schema_id) for w in self.waivers)


def find_repository_root(start: Path) -> Path:
    """Walk up from `start` to the first directory holding a config file."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / CONFIG_NAME).is_file():
            return directory
        if (directory / LEGACY_CONFIG_NAME).is_file():
            return directory
    for directory in (start, *start.parents):
        if (directory / "jsonschema").is_dir():
            return directory
    raise ConfigError(
        f"no schema repository found at or above {start}: create {CONFIG_NAME} "
        "at the repository root, or pass --repo PATH"
    )


def load_config(
    root: Path, config_file: Path | None = None, cache: ParseCache | None = None
) -> RepoConfig:
    """Read the repository's configuration (ours first, then the legacy file),
    through the parse `cache` when given."""
    root = root.resolve()
    if config_file is None:
        for name in (CONFIG_NAME, LEGACY_CONFIG_NAME):
            if (root / name).is_file():
                config_file = root / name
                break
    if config_file is None:
        return _finish(RepoConfig(root=root))
    if not config_file.is_file():
        raise ConfigError(f"config file {config_file} does not exist")
    try:
        shown = config_file.resolve().relative_to(root).as_posix()
    except ValueError:
        shown = str(config_file)
    document = load_file(config_file, shown, cache)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError("the config file must hold a mapping", document.position())
    if config_file.name == LEGACY_CONFIG_NAME:
        return _from_legacy(root, config_file, document, data)
    return _from_ours(root, config_file, document, data)


# --- our own format ---------------------------------------------------------


def _from_ours(
    root: Path, source: Path, document: Document, data: dict[str, Any]
) -> RepoConfig:
    reader = _Reader(document)
    values: dict[str, Any] = {"root": root, "source": source}
    known = {
        "schema_base_path": reader.string,
        "schema_base_uris": reader.strings,
        "base_uri_map": reader.string_map,
        "content_types": reader.content_types,
        "current_name": reader.string,
        "symlink_extensionless": reader.boolean,
        "symlink_latest": reader.boolean,
        "numeric_bounds": reader.bounds,
        "ignore_schemas": reader.patterns,
        "streams_file": reader.string,
        "check_format": reader.choice("bytes", "data"),
        "allow_title_removal": reader.boolean,
        "compatibility": reader.compatibility,
        "waivers": reader.waivers,
        "lint_level": reader.choice("minimal", "standard", "strict"),
        "service": reader.mapping,
    }
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                f"unknown setting {key!r}; known settings are: {', '.join(known)}",
                document.position(f"/{key}"),
            )
        values[key] = known[key](key, value)
    compat = values.pop("compatibility", None)
    if compat is not None:
        values["compatibility"], values["compatibility_overrides"] = compat
    return _finish(RepoConfig(**values))


# --- .jsonschema-tools.yaml -------------------------------------------------


def _from_legacy(
    root: Path, source: Path, document: Document, data: dict[str, Any]
) -> RepoConfig:
    reader = _Reader(document)
    values: dict[str, Any] = {"root": root, "source": source, "legacy": True}
    values["check_format"] = "data"
    # jsonschema-tools only compares versions within a major: a major bump is
    # where such a repository makes breaking changes.
    values["compatibility"] = CompatibilitySettings(allow_breaking_major=True)
    mapping: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
        "schemaBasePath": ("schema_base_path", reader.string),
        "schemaBaseUris": ("schema_base_uris", reader.strings),
        "contentTypes": ("content_types", reader.content_types),
        "currentName": ("current_name", reader.string),
        "shouldSymlinkExtensionless": ("symlink_extensionless", reader.boolean),
        "shouldSymlinkLatest": ("symlink_latest", reader.boolean),
        "enforcedNumericBounds": ("numeric_bounds", reader.bounds),
        "ignoreSchemas": ("ignore_schemas", reader.patterns),
        "skipSchemaTestCases": ("waivers", reader.legacy_waivers),
        "shouldGenerateExample": ("generated_examples", reader.boolean),
    }
    for key, value in data.items():
        if key in mapping:
            name, read = mapping[key]
            values[name] = read(key, value)
        # Any other key (logLevel, gitStaged, ...) is one of jsonschema-tools'
        # own options, none of which change how the tree is read.
    return _finish(RepoConfig(**values))


def _finish(config: RepoConfig) -> RepoConfig:
    base = config.schema_base_path.strip() or "."
    fields: dict[str, Any] = {"schema_base_path": base.rstrip("/") or "/"}
    if not config.schema_base_uris:
        fields["schema_base_uris"] = (base,)
    if not config.base_dir.is_dir():
        raise ConfigError(
            f"the schema base path {config.base_dir} is not a directory; fix "
            "schema_base_path in the repository config"
        )
    return replace(config, **fields)


class _Reader:
    """Typed readers for config values; each failure names the file and line."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{key}: {message}", self.document.position(f"/{key}"))

    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(key, "expected a non-empty string")
        return value

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of strings")
        return tuple(value)

    def mapping(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a mapping")
        return dict(value)

    def string_map(self, key: str, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(
            isinstance(v, str) for v in value.values()
        ):
            raise self.fail(key, "expected a mapping of URI prefix to local directory")
        return dict(value)

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def content_types(self, key: str, value: Any) -> tuple[str, ...]:
        types = self.strings(key, value)
        bad = [t for t in types if t not in CONTENT_TYPES]
        if bad or not types:
            raise self.fail(
                key, f"content types must be some of {', '.join(CONTENT_TYPES)}"
            )
        return types

    def bounds(self, key: str, value: Any) -> tuple[int, int] | None:
        if value is None or value is False:
            return None
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and value[0] < value[1]
        ):
            return (value[0], value[1])
        raise self.fail(key, "expected [minimum, maximum] integers, or null to disable")

    def patterns(self, key: str, value: Any) -> tuple[re.Pattern[str], ...]:
        return tuple(self.regex(key, v) for v in self.strings(key, value))

    def regex(self, key: str, value: str) -> re.Pattern[str]:
        try:
            return re.compile(value)
        except re.error as exc:
            raise self.fail(
                key, f"invalid regular expression {value!r}: {exc}"
            ) from None

    def choice(self, *options: str) -> Callable[[str, Any], str]:
        def read(key: str, value: Any) -> str:
            if value not in options:
                raise self.fail(key, f"expected one of {', '.join(options)}")
            return str(value)

        return read

    def compatibility(
        self, key: str, value: Any
    ) -> tuple[CompatibilitySettings, tuple[CompatibilityOverride, ...]]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a mapping (mode, policy, overrides)")
        defaults = self._settings(key, value, CompatibilitySettings(), {"overrides"})
        overrides = []
        for entry in value.get("overrides") or []:
            if not isinstance(entry, dict) or "titles" not in entry:
                raise self.fail(key, "each override needs 'titles' (a regex)")
            pattern = self.regex(key, str(entry["titles"]))
            settings = self._settings(key, entry, defaults, {"titles"})
            overrides.append(CompatibilityOverride(pattern, settings))
        return defaults, tuple(overrides)

    def _settings(
        self,
        key: str,
        value: dict[str, Any],
        base: CompatibilitySettings,
        extra: set[str],
    ) -> CompatibilitySettings:
        allowed = {"mode", "policy", "allow_breaking_major"} | extra
        unknown = set(value) - allowed
        if unknown:
            raise self.fail(
                key, f"unknown keys {sorted(unknown)}; use {sorted(allowed)}"
            )
        mode = str(value.get("mode", base.mode)).lower()
        policy = str(value.get("policy", base.policy)).lower()
        if mode not in MODES:
            raise self.fail(key, f"mode must be one of {', '.join(MODES)}")
        if policy not in POLICIES:
            raise self.fail(key, f"policy must be one of {', '.join(POLICIES)}")
        allow = value.get("allow_breaking_major", base.allow_breaking_major)
        return CompatibilitySettings(mode, policy, self.boolean(key, allow))  # type: ignore[arg-type]

    def waivers(self, key: str, value: Any) -> tuple[Waiver, ...]:
        if not isinstance(value, list):
            raise self.fail(key, "expected a list of {rule, schemas, reason}")
        result = []
        for entry in value:
            if not isinstance(entry, dict) or not {"rule", "schemas"} <= set(entry):
                raise self.fail(key, "each waiver needs 'rule' and 'schemas' (a regex)")
            result.append(
                Waiver(
                    str(entry["rule"]),
                    self.regex(key, str(entry["schemas"])),
                    str(entry.get("reason", "")),
                )
            )
        return tuple(result)

    def legacy_waivers(self, key: str, value: Any) -> tuple[Waiver, ...]:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a mapping of $id regex to test case names")
        result = []
        for pattern, cases in value.items():
            compiled = self.regex(key, str(pattern))
            for case in self.strings(key, cases or []):
                result.append(Waiver(case, compiled, "from .jsonschema-tools.yaml"))
        return tuple(result)
