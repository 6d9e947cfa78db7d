"""The EventBus validator service: `event-schemas serve`.

An EventGate-compatible HTTP intake that validates posted events against the
published schema versions of the checked-out tree and writes the valid ones to
a sink. `intake`, `registry`, `settings`, `state` and `sinks` are framework-free;
`app` and `server` are the HTTP edge.
"""
