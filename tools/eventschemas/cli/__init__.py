"""The `event-schemas` command line (typer). Thin: parse, call the core, report."""
