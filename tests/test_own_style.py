"""The package's own code follows its own formatter and linter settings (pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["codemods", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, "-m", "black", "--check", "--quiet", *SOURCES], id="black"),
        pytest.param([sys.executable, "-m", "ruff", "check", "--quiet", *SOURCES], id="ruff"),
    ],
)
def test_own_code_is_formatted_and_linted(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
