"""The CI gate: `event-schemas check` (whole repository) and `check --base REF`
(the pull-request rules over git history)."""
