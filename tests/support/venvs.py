"""Cached virtualenvs with one Django series each, built by the tests themselves.

`django_python("4.2")` returns the interpreter of a venv under `.cache/venvs/` (git-ignored) holding
`Django~=4.2.0` and the drivers and test tools the end-to-end tests need. The venv is built once with the
interpreter that runs pytest (whose pip installs into it), under a file lock so that parallel workers wait for
one build, and is marked complete only when pip has finished, so an interrupted build is redone rather than
trusted. `python -m tests.support.venvs` builds all three at once (.ci/run does, while it installs the package).
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENVS = ROOT / ".cache" / "venvs"

DJANGO_SERIES = ("4.2", "5.2", "6.1")
TOOLS = ("psycopg[binary]", "PyMySQL", "pytest", "pytest-django", "PyYAML")


def requirements(series: str) -> list[str]:
    return ["Django~=%s.0" % series, *TOOLS]


def django_python(series: str) -> Path:
    """The python of a venv with Django `series` (e.g. "5.2"), built on first use."""
    if int(series.split(".")[0]) >= 6 and sys.version_info < (3, 12):
        import pytest

        pytest.skip(
            "Django %s needs Python 3.12 or newer; the tests run on %d.%d"
            % (series, *sys.version_info[:2])
        )
    reqs = requirements(series)
    stamp = hashlib.sha256(("\n".join(reqs) + sys.version).encode()).hexdigest()[:16]
    venv = VENVS / ("django-%s" % series)
    python = venv / "bin" / "python"
    marker = venv / ".complete"
    VENVS.mkdir(parents=True, exist_ok=True)
    with open(VENVS / (".django-%s.lock" % series), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists() and marker.read_text() == stamp and python.exists():
            return python
        shutil.rmtree(venv, ignore_errors=True)
        # Without a pip of its own (installing one is a third of the build): ours installs into it.
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "-q", *reqs], check=True)
        marker.write_text(stamp)
    return python


def django_version(python: Path) -> str:
    out = subprocess.run(
        [str(python), "-c", "import django; print(django.get_version())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


if (
    __name__ == "__main__"
):  # python -m tests.support.venvs [series ...]: warm the cache, all at once
    wanted = sys.argv[1:] or DJANGO_SERIES
    with ThreadPoolExecutor(len(wanted)) as pool:
        for series, python in zip(wanted, pool.map(django_python, wanted)):
            print(series, python, django_version(python))
