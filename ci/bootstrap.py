"""Create `.venv` and install event-schemas into it, with nothing but Python 3.11+.

    python3 ci/bootstrap.py            # the tool
    python3 ci/bootstrap.py test       # the tool and its test dependencies
    python3 ci/bootstrap.py dev        # ... and nox, ruff, mypy

Works with a PEP 668 ("externally managed") system Python: the system
environment is never touched. Where the `venv` module cannot install pip (Debian
and Ubuntu without the python3-venv package), the environment is created without
pip and pip is installed into it from its wheel on PyPI.

Only the standard library is used. Running it again is cheap: it reinstalls only
when pyproject.toml or the chosen extras changed, and recompiles only modules
whose source changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".event-schemas-installed"
PIP_INDEX = "https://pypi.org/pypi/pip/json"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def has_pip() -> bool:
    probe = [str(venv_python()), "-m", "pip", "--version"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def create_environment() -> None:
    if venv_python().exists():
        if not has_pip():
            install_pip_from_wheel()
        return
    print(f"bootstrap: creating {VENV}", flush=True)
    try:
        venv.create(VENV, with_pip=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        print(
            f"bootstrap: venv could not install pip ({exc}); fetching pip", flush=True
        )
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=False)
        install_pip_from_wheel()


def install_pip_from_wheel() -> None:
    with urllib.request.urlopen(PIP_INDEX, timeout=60) as response:
        release = json.load(response)
    wheel = next(f for f in release["urls"] if f["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / wheel["filename"]
        # Mirrors may answer with a URL relative to the index page.
        url = urllib.parse.urljoin(PIP_INDEX, wheel["url"])
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
        if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
            sys.exit("bootstrap: the downloaded pip wheel failed its checksum")
        target.write_bytes(data)
        # A pip wheel can run itself: python pip.whl/pip install pip.whl
        run([str(venv_python()), f"{target}/pip", "install", "-q", str(target)])


def install_project(extras: str) -> None:
    spec = f".[{extras}]" if extras else "."
    fingerprint = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + spec.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print(f"bootstrap: installing {spec} into {VENV}", flush=True)
    pip = [str(venv_python()), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "-q", "--upgrade", "pip>=23.1"])
    run([*pip, "install", "-q", "-e", spec])
    STAMP.write_text(fingerprint)


def compile_sources() -> None:
    """Write the bytecode of the package's own modules now.

    An editable install leaves compiling to the first import, and where
    PYTHONDONTWRITEBYTECODE is set (CI images often set it) nothing is ever
    written: every command then compiles the whole package again, about 0.08 s
    of CPU each time. compileall skips modules whose bytecode is current.
    """
    package = ROOT / "tools" / "eventschemas"
    run([str(venv_python()), "-m", "compileall", "-q", str(package)])


def run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(
            f"bootstrap: command failed ({result.returncode}): {' '.join(command)}"
        )


def main(argv: list[str]) -> None:
    extras = argv[0] if argv else ""
    if extras not in ("", "test", "dev"):
        sys.exit("usage: python3 ci/bootstrap.py [test|dev]")
    if sys.version_info < (3, 11):  # noqa: UP036 - any python3 may run this file
        sys.exit(
            f"bootstrap: Python 3.11 or newer is needed, not {sys.version.split()[0]}"
        )
    create_environment()
    install_project(extras)
    compile_sources()


if __name__ == "__main__":
    main(sys.argv[1:])
