"""End to end on copies of the sample projects: the tool runs, Django's check passes, nothing of auth's User
is left, the project's own tests pass on a fresh database, and a second run changes nothing."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from .projects import copy_project, tree_digest
from .support.project import DjangoProject

SAMPLES = Path(__file__).resolve().parent.parent / "sample_repos"
# name -> (settings module for the tool and the tests, or None for manage.py's default)
PROJECTS = {
    "bookclub": None,
    "helpdesk": "helpdesk.settings.test",
    "newsroom": None,
}

LEFTOVER_PYTHON = [
    re.compile(r"from\s+django\.contrib\.auth\.models\s+import\s+[^\n]*\bUser\b"),
    re.compile(r"\bauth_models\.User\b|django\.contrib\.auth\.models\.User\b"),
    re.compile(r"""["']auth\.user["']""", re.I),
    re.compile(r"\bauth\.(add|change|delete|view)_user\b"),
    re.compile(r"admin:auth_user_(?!password_change)"),
]
LEFTOVER_TEMPLATE = [LEFTOVER_PYTHON[3], LEFTOVER_PYTHON[4]]
LEFTOVER_FIXTURE = [
    re.compile(r""""model"\s*:\s*"auth\.user"|^\s*-?\s*model:\s*["']?auth\.user""", re.I | re.M)
]
LEFTOVER_MIGRATION = [
    re.compile(
        r"""get_model\(\s*["']auth["']\s*,\s*["']user["']|get_model\(\s*["']auth\.user["']""", re.I
    )
]


def without_comments(source: str) -> str:
    lines = source.splitlines(keepends=True)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            lines[row - 1] = lines[row - 1][:col] + "\n"
    return "".join(lines)


def leftovers(root: Path) -> list[str]:
    """References to auth's User the swap must not leave (historical migrations may keep theirs)."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or ".git" in path.parts or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(root).as_posix()
        in_migrations = "migrations" in path.parts[:-1]
        if path.suffix == ".py":
            patterns = LEFTOVER_MIGRATION if in_migrations else LEFTOVER_PYTHON
        elif in_migrations:
            continue
        elif path.suffix in (".html", ".txt"):
            patterns = LEFTOVER_TEMPLATE
        elif path.suffix in (".json", ".yaml", ".yml"):
            patterns = LEFTOVER_FIXTURE
        else:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            text = without_comments(
                text
            )  # a comment may still mention auth.change_user; code may not
        for pattern in patterns:
            for m in pattern.finditer(text):
                found.append("%s:%d: %s" % (rel, text.count("\n", 0, m.start()) + 1, m.group(0)))
    return found


def manage(root: Path, *args: str, settings: str | None, db: Path, timeout: int = 900):
    argv = [*args] + (["--settings=%s" % settings] if settings else [])
    return DjangoProject(root, env={"DB_NAME": str(db)}).manage(*argv, check=False, timeout=timeout)


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def swapped(request, tmp_path_factory):
    name = request.param
    settings = PROJECTS[name]
    root = copy_project(SAMPLES / name, tmp_path_factory.mktemp(name) / name)
    argv = [sys.executable, "-m", "codemods.swap_user", str(root)] + (
        ["--settings", settings] if settings else []
    )
    env = dict(os.environ, DB_NAME=str(root.parent / "tool.sqlite3"))
    tool = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    return name, root, settings, tool, argv, env


@pytest.mark.slow
def test_the_tool_runs(swapped):
    name, root, _settings, tool, _argv, _env = swapped
    assert tool.returncode == 0, tool.stderr
    assert "swap_user: rewrote" in tool.stderr
    assert (root / "accounts" / "migrations" / "0001_initial.py").exists() or list(
        root.rglob("accounts/migrations/0001_initial.py")
    ), tool.stderr


@pytest.mark.slow
def test_check_passes(swapped):
    _name, root, settings, tool, _argv, _env = swapped
    assert tool.returncode == 0, tool.stderr
    proc = manage(root, "check", settings=settings, db=root.parent / "check.sqlite3")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues" in proc.stdout


@pytest.mark.slow
def test_nothing_of_auth_user_is_left(swapped):
    _name, root, _settings, tool, _argv, _env = swapped
    assert tool.returncode == 0, tool.stderr
    assert leftovers(root) == []


@pytest.mark.slow
def test_no_pending_migration(swapped):
    _name, root, settings, tool, _argv, _env = swapped
    proc = manage(
        root,
        "makemigrations",
        "--check",
        "--dry-run",
        settings=settings,
        db=root.parent / "p.sqlite3",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_own_tests_pass_on_a_fresh_database(swapped):
    _name, root, settings, tool, _argv, _env = swapped
    assert tool.returncode == 0, tool.stderr
    proc = manage(root, "test", "--noinput", settings=settings, db=root.parent / "test.sqlite3")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    assert re.search(r"^OK", proc.stderr, re.M), proc.stderr[-2000:]


@pytest.mark.slow
def test_second_run_changes_nothing(swapped):
    _name, root, _settings, tool, argv, env = swapped
    assert tool.returncode == 0, tool.stderr
    before = tree_digest(root)
    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "nothing to do" in again.stderr.strip().splitlines()[-1]
    assert tree_digest(root) == before
