"""The schema tree: discovery, loading with positions, `$ref`s, materialization."""
