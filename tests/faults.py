"""Faults to inject into a run, and everything a failed run must leave as it found it: every file and folder of
the tree (tracked, untracked and ignored, caches included), the index, HEAD, every ref and the stash.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# A project check that fails only once the user model is swapped: Django's makemigrations fails for real.
FAILING_CHECK = {
    "blog/checks.py": (
        "from django.conf import settings\n"
        "from django.core.checks import Error, register\n\n\n"
        "@register()\n"
        "def user_model_is_auth(app_configs, **kwargs):\n"
        "    if settings.AUTH_USER_MODEL != 'auth.User':\n"
        "        return [Error('this project only works with auth.User', id='blog.E001')]\n"
        "    return []\n"
    ),
    "blog/apps.py": (
        "from django.apps import AppConfig\n\n\n"
        "class BlogConfig(AppConfig):\n"
        '    name = "blog"\n\n'
        "    def ready(self):\n"
        "        from . import checks  # noqa: F401\n"
    ),
}


def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout


def tree_state(root: Path) -> dict[str, str]:
    """Every file (its bytes, hashed) and folder under root, outside .git."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == ".git" or rel.startswith(".git/"):
            continue
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_dir():
            out[rel + "/"] = "folder"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def repo_state(root: Path) -> dict[str, object]:
    git_dir = Path(_git(root, "rev-parse", "--absolute-git-dir").decode().strip())
    stash_log = git_dir / "logs/refs/stash"
    return {
        "tree": tree_state(root),
        "ls-files -s": _git(root, "ls-files", "-s").decode(),
        "index": hashlib.sha256((git_dir / "index").read_bytes()).hexdigest(),
        "HEAD": (git_dir / "HEAD").read_bytes(),
        "HEAD commit": _git(root, "rev-parse", "HEAD").decode(),
        "refs": _git(root, "for-each-ref").decode(),
        "stash": _git(root, "stash", "list").decode(),
        "stash log": stash_log.read_bytes() if stash_log.exists() else None,
    }


def assert_same(before: dict, after: dict) -> None:
    for key in before:
        if key == "tree":
            added = sorted(set(after[key]) - set(before[key]))
            removed = sorted(set(before[key]) - set(after[key]))
            changed = sorted(
                k for k in before[key] if k in after[key] and before[key][k] != after[key][k]
            )
            assert (added, removed, changed) == ([], [], []), "tree: added, removed, changed"
        else:
            assert after[key] == before[key], key


@contextlib.contextmanager
def unwritable(path: Path):
    """Make a file or folder unwritable, even for root: immutable (chattr +i) where the file system allows it,
    else a read-only bind mount of the folder; plain permissions for other users. Skips when none works.
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield "permission"
        finally:
            path.chmod(mode)
        return
    if (
        shutil.which("chattr")
        and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    ):
        try:
            yield "immutable"
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    with read_only_mount(path if path.is_dir() else path.parent):
        yield "read-only mount"


@contextlib.contextmanager
def read_only_mount(folder: Path):
    """Bind-mount folder onto itself, read-only (root only; skips where mounting is not allowed)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only mount needs root")
    first = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if first.returncode != 0:
        pytest.skip("cannot bind-mount here: %s" % first.stderr.decode().strip())
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip("cannot remount read-only here: %s" % ro.stderr.decode().strip())
        yield "read-only mount"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


__all__ = [
    "FAILING_CHECK",
    "assert_same",
    "read_only_mount",
    "repo_state",
    "tree_state",
    "unwritable",
]
