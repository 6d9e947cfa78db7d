"""The `event-schemas` command line (typer). Thin: parse, call the core, report.

The command modules do not use `from __future__ import annotations`: typer
reads every command's signature on every run, and string annotations make it
`eval` each of them again (about 13 ms of every command here). Names imported
only for type checking are quoted where they appear in a signature.
"""
