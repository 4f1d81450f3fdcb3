"""Run the project's own Django in a subprocess: its interpreter, its manage.py, its settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .project import Project

MARKER = "@@codemods@@"

# Read-only facts about the running project, printed as one JSON line after MARKER.
PROBE = r"""
import json, django
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands
from django.db import connections
out = {
    "django": django.get_version(),
    "auth_user_model": settings.AUTH_USER_MODEL,
    "apps": [[a.label, a.name, a.path] for a in apps.get_app_configs()],
    "migrate": get_commands().get("migrate"),
    "databases": sorted(connections.settings if hasattr(connections, "settings") else settings.DATABASES),
}
print("%s" + json.dumps(out))
"""

# Every management command runs through this instead of `python manage.py`: the same command, except that a
# database never comes into being (Django connects while it plans: makemigrations' consistency check opens the
# SQLite file, which SQLite would create) and no bytecode is written into the project. A missing SQLite file
# raises OperationalError, which Django's commands already treat as a database they cannot reach.
BOOTSTRAP = r"""
import os, runpy, sqlite3, sys

sys.dont_write_bytecode = True
_connect = sqlite3.connect


def connect(database, *args, **kwargs):
    name = os.fsdecode(database) if isinstance(database, (str, bytes, os.PathLike)) else None
    if name and name != ":memory:" and not name.startswith("file:") and not os.path.exists(name):
        raise sqlite3.OperationalError("unable to open database file %s: it does not exist (not created)" % name)
    return _connect(database, *args, **kwargs)


sqlite3.connect = sqlite3.dbapi2.connect = connect
del sys.argv[0]
if sys.argv[0] == "-m":
    del sys.argv[0]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass(frozen=True)
class InstalledApp:
    label: str
    name: str  # the dotted module
    path: str | None  # its folder, as Django found it


@dataclass(frozen=True)
class DjangoFacts:
    """What the project's running Django says (PROBE's JSON, read in one place: `from_json`)."""

    version: str
    auth_user_model: str
    apps: tuple[InstalledApp, ...]
    # the app whose `migrate` command runs ("django.core" for Django's own)
    migrate: str | None = None
    databases: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, raw: dict) -> DjangoFacts:
        """PROBE's answer; a probe that reads more (the doctor's) gives its app rows a few more columns."""
        return cls(
            version=raw["django"],
            auth_user_model=raw["auth_user_model"],
            apps=tuple(
                InstalledApp(label, name, path) for label, name, path, *_more in raw["apps"]
            ),
            migrate=raw.get("migrate"),
            databases=tuple(raw.get("databases") or ()),
        )

    def app(self, label: str) -> InstalledApp | None:
        return next((a for a in self.apps if a.label == label), None)


@dataclass
class DjangoRun:
    argv: list[str]
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def last_error(self) -> str:
        """The exception line of the last traceback, else the last non-empty line."""
        lines = [line.rstrip() for line in self.output.splitlines() if line.strip()]
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].startswith("Traceback (most recent call last)"):
                for line in lines[i + 1 :]:
                    if not line.startswith(" ") and ":" in line:
                        return line.strip()
        return lines[-1].strip() if lines else "(no output)"


def project_python(project: Project, python: str | None = None) -> str:
    """The project's interpreter: the one given, a virtualenv inside the project, else the tool's own."""
    if python:
        return python
    for name in (".venv", "venv", "env"):
        candidate = project.root / name / "bin" / "python"
        if (project.root / name / "pyvenv.cfg").is_file() and candidate.exists():
            return str(candidate)
    return sys.executable


def manage_argv(project: Project, python: str, args: list[str], settings: str | None) -> list[str]:
    if project.manage_py is not None:
        argv = [python, str(project.manage_py), *args]
    else:
        argv = [python, "-m", "django", *args]
    if settings:
        argv.append("--settings=%s" % settings)
    return argv


def project_env(project: Project) -> dict[str, str]:
    """The environment the project's own commands run in: its source roots on PYTHONPATH, as manage.py has them."""
    env = dict(os.environ)
    paths = [str(p) for p in project.source_roots]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if (
        project.settings_module
    ):  # the module the files were read with, wherever it was named (.env, wsgi.py)
        env["DJANGO_SETTINGS_MODULE"] = project.settings_module
    return env


def marked_json(output: str, marker: str) -> dict | None:
    """The JSON a probe script printed after marker, among whatever else the project printed; None if absent."""
    for line in output.splitlines():
        if line.startswith(marker):
            try:
                return json.loads(line[len(marker) :])
            except ValueError:
                return None
    return None


def run_manage(
    project: Project,
    args: list[str],
    settings: str | None = None,
    timeout: int = 900,
    python: str | None = None,
) -> DjangoRun:
    """Run a management command of the project (through BOOTSTRAP); never raises for the command's own failures."""
    python = project_python(project, python)
    argv = manage_argv(project, python, args, settings)
    try:
        proc = subprocess.run(
            [python, "-c", BOOTSTRAP, *argv[1:]],
            cwd=project.workdir,
            env=project_env(project),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        return DjangoRun(argv, 124, "%s\ntimed out after %ss" % (exc.output or "", timeout))
    except OSError as exc:
        return DjangoRun(argv, 127, exc.strerror or str(exc))
    return DjangoRun(argv, proc.returncode, (proc.stdout or "") + (proc.stderr or ""))


def probe(
    project: Project, settings: str | None = None, python: str | None = None
) -> tuple[DjangoFacts | None, DjangoRun]:
    """Start the project's Django once and read its installed apps, user model and commands."""
    run = run_manage(project, ["shell", "-c", PROBE % MARKER], settings, python=python)
    raw = marked_json(run.output, MARKER)
    return (DjangoFacts.from_json(raw) if raw is not None else None), run


def command_line(argv: list[str], root: Path) -> str:
    """A command as the user would type it in the project's folder."""
    shown = []
    for i, arg in enumerate(argv):
        if i == 0:
            shown.append("python")
            continue
        try:
            arg = str(Path(arg).relative_to(root)) if os.path.isabs(arg) else arg
        except ValueError:
            pass
        shown.append(arg)
    return " ".join(shown)
