"""Run a Django project's commands in its own interpreter, as a person would, and read their results.

`DjangoProject(root, python)` runs `manage.py ...`, `python -m pytest ...` or the checks of
`tests/support/inside.py` (seed, snapshot, digest, schema, verify) in a subprocess, with the project's
folder as the working directory and the only addition to the import path, so that nothing of `codemods` is
importable there. It is the tests' one way to run a project's `manage.py`; `copy_project` (tests/projects.py)
is their one way to make a project's git work tree from a sample or a template.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .databases import env_without_test_runner

INSIDE = Path(__file__).resolve().parent / "inside.py"


class CommandFailed(AssertionError):
    pass


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return "$ %s\n[exit %d]\n--- stdout\n%s\n--- stderr\n%s" % (
            " ".join(self.args),
            self.returncode,
            self.stdout[-6000:],
            self.stderr[-6000:],
        )

    @property
    def last_error_line(self) -> str:
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else ""


@dataclass
class DjangoProject:
    root: Path
    python: Path = Path(sys.executable)
    settings_module: str | None = None  # None: manage.py's own default (or --settings) decides
    env: dict[str, str | None] = field(default_factory=dict)  # None unsets a variable

    def environment(self, extra: dict[str, str | None] | None = None) -> dict[str, str]:
        env: dict[str, str | None] = {
            **env_without_test_runner(),
            "PYTHONPATH": str(self.root),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        if self.settings_module is not None:
            env["DJANGO_SETTINGS_MODULE"] = self.settings_module
        env.update(self.env)
        env.update(extra or {})
        return {key: value for key, value in env.items() if value is not None}

    def run(
        self,
        *args: str,
        check: bool = True,
        env: dict[str, str | None] | None = None,
        timeout: int = 600,
    ) -> Result:
        argv = [str(self.python), *args]
        done = subprocess.run(
            argv,
            cwd=self.root,
            env=self.environment(env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        result = Result(argv, done.returncode, done.stdout, done.stderr)
        if check and done.returncode != 0:
            raise CommandFailed(str(result))
        return result

    def manage(
        self,
        *args: str,
        check: bool = True,
        env: dict[str, str | None] | None = None,
        timeout: int = 600,
    ) -> Result:
        return self.run("manage.py", *args, check=check, env=env, timeout=timeout)

    def pytest(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> Result:
        return self.run("-m", "pytest", "-p", "no:cacheprovider", "-q", *args, check=check, env=env)

    def inside(
        self, command: str, *args: str, database: str = "default", env: dict[str, str] | None = None
    ):
        """The JSON that `inside.py command` prints; "a,b" runs both in one process: {a: ..., b: ...}."""
        result = self.run(str(INSIDE), command, "--database", database, *args, env=env)
        return json.loads(result.stdout)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
