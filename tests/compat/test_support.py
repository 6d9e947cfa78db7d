"""Support modules: catalogue, regex translation and samples, merging, layering."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from eventschemas.compat import CATALOGUE, Effect, regex
from eventschemas.compat.merge import merge
from eventschemas.compat.schema import Dialect

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "eventschemas" / "compat"


def test_catalogue_rows_are_consistent() -> None:
    for kind, row in CATALOGUE.items():
        assert kind == row.kind
        assert re.fullmatch(r"[A-Z_]+", kind)
        fields = {f for _, f, _, _ in string.Formatter().parse(row.summary) if f}
        assert fields <= {"name", "old", "new", "keyword"}, kind
        assert row.platform != "frozen" or row.rule, kind
    assert CATALOGUE["TYPE_NARROWED"].effect is Effect.NARROWS
    assert CATALOGUE["MAX_LENGTH_INCREASED"].effect is Effect.WIDENS


def test_every_kind_the_engine_names_is_catalogued() -> None:
    literal = re.compile(r'"([A-Z][A-Z_]{5,})"')
    named = set()
    for path in PACKAGE.rglob("*.py"):
        named |= set(literal.findall(path.read_text()))
    suffixes = ("_ADDED", "_REMOVED", "_CHANGED", "_NARROWED", "_EXTENDED")
    produced = {n for n in named if n.endswith(suffixes)}
    prefixes = {n for n in produced if any(k.startswith(n + "_") for k in CATALOGUE)}
    assert produced - prefixes - set(CATALOGUE) == set()


@pytest.mark.parametrize(
    ("pattern", "python"),
    [
        ("^\\cC$", "^\\x03\\Z"),
        ("[\\d.]", "[0-9.]"),
        ("(?<y>a)\\k<y>", "(?P<y>a)(?P=y)"),
    ],
)
def test_translate(pattern: str, python: str) -> None:
    assert regex.translate(pattern) == python


@pytest.mark.parametrize(
    "pattern", ["^[a-z]+$", "x$", "(a|bc)\\d{2}", "^foo.*$", "^(?=x$)x$"]
)
def test_samples_match(pattern: str) -> None:
    found = regex.samples(pattern)

    assert found
    assert all(regex.search(pattern, s) for s in found)


def test_ecma_dollar_does_not_match_before_a_newline() -> None:
    assert not regex.search("^a$", "a\n")


def test_merge_intersects_and_refuses_what_it_cannot_express() -> None:
    assert merge({"type": ["string", "null"]}, {"type": "string", "maxLength": 3}) == {
        "type": "string",
        "maxLength": 3,
    }
    assert merge({"type": "number"}, {"type": "string"}) is False
    assert merge({"pattern": "a"}, {"pattern": "b"}) is None
    assert merge({"additionalProperties": False}, {"properties": {"x": {}}}) is None


def test_core_does_not_import_cli_or_web_frameworks() -> None:
    banned = {"typer", "click", "fastapi", "starlette", "flask", "uvicorn"}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & banned, path


def test_known_formats_are_those_jsonschema_checks() -> None:
    # The list is written out so that comparing schemas need not import
    # jsonschema. Every name must have a checker with the declared
    # dependencies, and the engine checks those names and no others.
    import jsonschema

    from eventschemas.compat import validate

    available = frozenset(jsonschema.FormatChecker().checkers)
    assert available >= validate.KNOWN_FORMATS
    # What the declared dependencies give, beyond which only optional
    # libraries (webcolors' "color", say) add names.
    optional = {"color", "duration", "iri", "iri-reference"}
    assert available - validate.KNOWN_FORMATS <= optional
    checker = validate._engine().format_checker
    assert frozenset(checker.checkers) == validate.KNOWN_FORMATS


@pytest.mark.parametrize("dialect", list(Dialect))
def test_native_format_table_matches_jsonschema_rs(dialect: Dialect) -> None:
    # A string no format accepts: the formats the engine rejects it under are
    # exactly the formats it asserts (none where format is an annotation).
    from eventschemas.compat.validate import KNOWN_FORMATS, NATIVE_FORMATS
    from eventschemas.validation import native_validator

    probe = "\u0000 ##% not valid ::: ["
    candidates = KNOWN_FORMATS | {"iri", "iri-reference", "duration", "made-up"}
    asserted = {
        name
        for name in candidates
        if not native_validator({"format": name}, dialect).is_valid(probe)
    }
    expected = NATIVE_FORMATS[dialect] if dialect.asserts_format else set()
    assert asserted == expected


def test_comparing_ref_free_schemas_never_imports_jsonschema() -> None:
    # A break with a counterexample, proven by jsonschema-rs alone: the CI gate
    # on materialized schemas must not pay for importing `jsonschema`.
    code = (
        "import sys\n"
        "from eventschemas.compat import compare\n"
        "old = {'type': 'object', 'properties': {'a': {'type': 'string'}}}\n"
        "new = {'type': 'object', 'properties': {'a': {'type': 'string',"
        " 'maxLength': 2}}}\n"
        "report = compare(old, new, mode='backward', policy='strict')\n"
        "assert not report.compatible\n"
        "assert any(c.counterexample is not None for c in report.changes), report\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
