"""Development sessions: `nox -s tests`, `lint`, `typing`, `bench`."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typing", "tests"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = ["3.11", "3.12", "3.13"]


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """The whole test suite, in the project's .venv (see ci/bootstrap.py)."""
    session.run("python3", "ci/bootstrap.py", "test", external=True)
    session.run(".venv/bin/python", "-m", "pytest", *session.posargs, external=True)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typing(session: nox.Session) -> None:
    session.install("-e", ".[dev]")  # the test tools, nox and the type stubs
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks; each prints its figures and the issue's targets."""
    session.install("-e", ".")
    for module in session.posargs or ["benchmarks.bench_tree"]:
        session.run("python", "-m", module)
