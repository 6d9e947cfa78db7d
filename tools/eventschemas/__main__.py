"""`python -m eventschemas` runs the CLI."""

from eventschemas.cli.app import main

main()
