"""wikimedia-primary, linted with its own `.jsonschema-tools.yaml` waivers.

Every finding left is listed here with the reason it is a genuine problem of
that corpus. The corpus is read-only and never changes, so a change in these
lists means a change in a rule.
"""

from __future__ import annotations

from collections import Counter

import pytest

from eventschemas.examples import check_examples
from eventschemas.lint import Level, LintResult, lint
from eventschemas.tree.model import Repository
from tests.conftest import WIKIMEDIA


def _lint(level: Level | None) -> LintResult:
    return lint(Repository.open(WIKIMEDIA), level=level)


def test_default_level_is_minimal_and_finds_one_genuine_problem() -> None:
    result = _lint(None)
    assert result.level is Level.MINIMAL
    assert result.titles == 53
    assert [f"{d.location} {d.rule}" for d in result.diagnostics] == [
        # A copy of the webrequest schema moved under development/ without its
        # $id: it still claims /webrequest/1.0.0 (the corpus's own waivers
        # name '/webrequest/1.0.0', so its authors knew it by that id).
        "jsonschema/development/webrequest/current.yaml:3:1 id-matches-title",
    ]


def test_waived_findings_are_those_the_corpus_waives() -> None:
    waived = Counter((d.rule, d.subject.rsplit("/", 1)[0]) for d in _lint(None).waived)
    assert waived == {
        # skipSchemaTestCases: schema-deterministic-types
        ("type-no-union", "/mediawiki/recentchange"): 18,
        ("type-no-union", "/webrequest"): 1,
        ("object-has-shape", "/change-prop/continue"): 2,
        ("object-has-shape", "/change-prop/retry"): 1,
        ("object-has-shape", "/mediawiki/job"): 1,
        ("object-has-shape", "/mediawiki/page/properties-change"): 2,
        # skipSchemaTestCases: schema-enforced-numeric-bounds
        ("numeric-bounds", "/webrequest"): 1,
    }


def test_examples_are_all_valid() -> None:
    result = check_examples(Repository.open(WIKIMEDIA))
    assert result.diagnostics == []
    assert result.examples == 85


# The standard level on top: genuine problems, grouped by rule and title.
STANDARD = {
    # Published versions (and a few current files) from before the event time
    # `dt` became part of the common envelope: their events carry no dt.
    **{
        ("envelope-dt", title): count
        for title, count in {
            "api-gateway/request": 1,
            "change-prop/continue": 1,
            "change-prop/retry": 1,
            "error": 2,
            "maps/tile_change": 1,
            "maps/tiles_change": 1,
            "mediawiki/api/request": 2,
            "mediawiki/centralnotice/campaign/change": 1,
            "mediawiki/centralnotice/campaign/create": 1,
            "mediawiki/centralnotice/campaign/delete": 1,
            "mediawiki/cirrussearch/request": 1,
            "mediawiki/client/error": 3,
            "mediawiki/job": 1,
            "mediawiki/page/delete": 1,
            "mediawiki/page/links-change": 1,
            "mediawiki/page/move": 1,
            "mediawiki/page/properties-change": 1,
            "mediawiki/page/restrictions-change": 1,
            "mediawiki/page/undelete": 1,
            "mediawiki/recentchange": 2,
            "mediawiki/revision/create": 3,
            "mediawiki/revision/recommendation-create": 1,
            "mediawiki/revision/score": 2,
            "mediawiki/revision/tags-change": 1,
            "mediawiki/revision/visibility-change": 1,
            "mediawiki/user/blocks-change": 2,
            "resource_change": 1,
            "test/event": 3,
            "w3c/reportingapi/network_error": 1,
        }.items()
    },
    # test/event 0.0.2 and 0.0.3 predate the common fragment altogether.
    ("envelope-meta-stream", "test/event"): 2,
    ("envelope-schema", "test/event"): 2,
    ("id-matches-title", "development/webrequest"): 1,  # as at the minimal level
    # minLength/maxLength on arrays (meant: minItems/maxItems); they check nothing.
    ("keyword-type-mismatch", "development/cirrussearch/page_weighted_tags_change"): 2,
    ("keyword-type-mismatch", "maps/tiles_change"): 2,
    # A uniqueItems array of strings with no maxItems (tags of a resource).
    ("secure-unique-items-max-items", "resource_change"): 1,
    # Properties without a description (62 in one development schema; the
    # `meta` object of the common fragment and of the schemas that inline it).
    **{
        ("property-description", title): count
        for title, count in {
            "development/cirrussearch/page_weighted_tags_change": 3,
            "development/cirrussearch/update_pipeline/update": 62,
            "error": 3,
            "fragment/common": 3,
            "fragment/http": 3,
            "fragment/http/client_ip": 1,
            "fragment/mediawiki/common": 2,
            "fragment/mediawiki/page/common": 1,
            "fragment/mediawiki/revision/common": 2,
            "fragment/mediawiki/state/change/page": 2,
            "maps/tiles_change": 1,
            "mediawiki/api/request": 1,
            "mediawiki/client/error": 4,
            "mediawiki/page/change": 4,
            "mediawiki/page/prediction_classification_change": 3,
            "mediawiki/page/restrictions-change": 1,
            "mediawiki/recentchange": 3,
            "mediawiki/revision/create": 3,
            "mediawiki/revision/score": 4,
            "mediawiki/revision/visibility-change": 3,
            "mediawiki/user/blocks-change": 6,
            "test/event": 5,
        }.items()
    },
}

# The strict level adds, by rule:
STRICT_EXTRA = {
    # Arrays of objects without maxItems (e.g. the links added by an edit).
    "secure-array-max-items": 16,
    # `description` (and once `required`) written beside a $ref: materialization
    # merges them, a draft-07 validator reading current.yaml would not.
    "ref-siblings": 6,
    # Two event schemas with no example at all.
    "examples-present": 2,
}


def test_standard_level_findings() -> None:
    result = _lint(Level.STANDARD)
    found = Counter((d.rule, result.scopes[d]) for d in result.diagnostics)
    assert dict(found) == STANDARD


@pytest.mark.parametrize("level", [Level.STRICT])
def test_strict_level_adds_only_the_strict_rules(level: Level) -> None:
    result = _lint(level)
    by_rule = Counter(d.rule for d in result.diagnostics)
    standard: Counter[str] = Counter()
    for (rule, _), count in STANDARD.items():
        standard[rule] += count
    assert by_rule == standard + Counter(STRICT_EXTRA)
