"""Agreement with the labelled corpora (Confluent, jsoncompat), per corpus file.

Each file's agreement is printed and must reach 97%. Every remaining
disagreement is listed below with the reason we believe our verdict; the test
also fails when a new disagreement appears or a listed one disappears, so the
list stays exact. Listed entries still count against the agreement figure.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventschemas.compat import compare

from .corpora import CONFLUENT_FILES, Case, confluent_cases, jsoncompat_cases
from .helpers import assert_separates

THRESHOLD = 0.97

_REQUIRED_SWAP = (
    "`required: [foo]` became `required: [bar]`: {'foo': 'x'} is valid under the "
    "old schema and lacks the newly required 'bar', so the new schema rejects it. "
    "Confluent only reports REQUIRED_ATTRIBUTE_REMOVED for foo and misses the "
    "addition of bar."
)
_ADDITIONAL_ITEMS = (
    "Draft-07 §6.4.2: when `items` is absent, `additionalItems` MUST be ignored, "
    "so both schemas accept every instance (jsonschema agrees: no instance "
    "separates them). Confluent applies `additionalItems` to all items."
)
KNOWN_DISAGREEMENTS: dict[tuple[str, str, str], str] = {
    ("diff-schema-examples.json", "55: Detect required array to be changed", m): (
        _REQUIRED_SWAP
    )
    for m in ("backward/strict", "backward/lenient")
}
KNOWN_DISAGREEMENTS |= {
    (
        "diff-schema-examples-2020-12.json",
        "57: Detect required array to be changed",
        m,
    ): (_REQUIRED_SWAP)
    for m in ("backward/strict", "backward/lenient")
}
KNOWN_DISAGREEMENTS |= {
    ("diff-schema-examples.json", name, m): _ADDITIONAL_ITEMS
    for name in (
        "87: Detect removed boolean additional items",
        "88: Detect changes to additional items schema",
    )
    for m in ("backward/strict", "backward/lenient")
}
KNOWN_DISAGREEMENTS |= {
    (
        "jsoncompat",
        "pattern_properties_fall_back_to_additional_properties",
        "backward/strict",
    ): (
        "The old schema accepts {'x': 'text'} (its own examples.json lists it under "
        "old_only); the new one requires an integer under names matching ^x$. The "
        "fixture's deserializer=true contradicts its own witness."
    ),
    (
        "jsoncompat",
        "unsupported_subset_pattern_properties_additional_fallback",
        "forward/strict",
    ): (
        "The new schema admits only the name '\\x03' (ECMA-262 \\cC) with integer "
        "values, and the old schema accepts any such object; jsoncompat does not "
        "support \\cC and falls back to a conservative 'incompatible'."
    ),
    ("jsoncompat", "same_value_recursive_applicator_narrowed", "forward/strict"): (
        "Value is defined as allOf/anyOf of itself without descending into the "
        "instance; such recursion has no well-defined meaning (jsonschema recurses "
        "forever), so we report it conservatively as breaking both ways."
    ),
}

CORPUS_FILES = (*CONFLUENT_FILES, "jsoncompat")


def _cases(source: str) -> list[Case]:
    return jsoncompat_cases() if source == "jsoncompat" else confluent_cases(source)


def _disagreements(cases: list[Case]) -> tuple[int, dict[tuple[str, str, str], bool]]:
    verdicts, wrong = 0, {}
    for case in cases:
        for key, expected in case.expected.items():
            mode, policy = key.split("/")
            report = compare(case.old, case.new, mode=mode, policy=policy)  # type: ignore[arg-type]
            verdicts += 1
            if report.compatible != expected:
                wrong[(case.source, case.name, key)] = report.compatible
    return verdicts, wrong


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_agreement_per_corpus_file(source: str, report: Callable[[str], None]) -> None:
    verdicts, wrong = _disagreements(_cases(source))
    agreement = 1 - len(wrong) / verdicts
    report(
        f"compat agreement, {source}: {verdicts - len(wrong)}/{verdicts} verdicts "
        f"agree ({agreement:.1%})"
    )

    assert agreement >= THRESHOLD
    documented = {k for k in KNOWN_DISAGREEMENTS if k[0] == source}
    assert set(wrong) - documented == set(), "undocumented disagreement"
    assert documented - set(wrong) == set(), "documented disagreement no longer occurs"


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_corpus_counterexamples_separate(source: str) -> None:
    for case in _cases(source):
        for mode in ("backward", "forward"):
            report = compare(case.old, case.new, mode=mode)
            for change in report.breaking_changes:
                if change.has_counterexample:
                    assert_separates(change, case.old, case.new)
                else:
                    assert change.counterexample_note, (case.name, change)


def test_recursive_schema_compared_with_itself_has_no_changes() -> None:
    import json

    from .corpora import CONFLUENT

    schema = json.loads((CONFLUENT / "recursive-schema.json").read_text())
    report = compare(schema, json.loads(json.dumps(schema)), mode="full")

    assert report.compatible
    assert report.changes == []
