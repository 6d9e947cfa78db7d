"""The README's set-up works on a Python without ensurepip (Debian, Ubuntu).

Debian's python3 without the python3-venv package cannot create a virtual
environment with pip: `venv` runs `python -Im ensurepip`, which fails. The test
recreates that failure (a `sitecustomize` makes the ensurepip step fail the same
way), then runs the bootstrap for real: it downloads pip from PyPI and installs
the project into `.venv`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, write

DEBIAN_PYTHON = Path("/usr/bin/python3")


def _project_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT_ROOT / name, target / name)
    for name in ("tools", "ci"):
        shutil.copytree(
            PROJECT_ROOT / name,
            target / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
        )
    return target


def test_bootstrap_without_ensurepip(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    fake = tmp_path / "fake-site"
    write(
        fake / "sitecustomize.py",
        """
        import subprocess
        import venv

        def _no_ensurepip(self, context):
            raise subprocess.CalledProcessError(1, ["python", "-Im", "ensurepip"])

        venv.EnvBuilder._setup_pip = _no_ensurepip
        """,
    )
    python = str(DEBIAN_PYTHON) if DEBIAN_PYTHON.exists() else sys.executable
    # As on CI images that set it: the package must still end up compiled.
    env = {**os.environ, "PYTHONPATH": str(fake), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [python, "ci/bootstrap.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "venv could not install pip" in result.stdout
    tool = project / ".venv/bin/event-schemas"
    help_text = subprocess.run(
        [str(tool), "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "materialize" in help_text
    compiled = project / "tools/eventschemas/gate/__pycache__"
    assert any(p.name.startswith("check.") for p in compiled.glob("*.pyc"))

    # A second run finds everything in place and installs nothing.
    again = subprocess.run(
        [python, "ci/bootstrap.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0
    assert again.stdout == ""
