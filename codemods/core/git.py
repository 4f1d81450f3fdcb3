"""The few git facts the tool needs: is this a work tree, and what is uncommitted in it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)


def is_work_tree(root: Path) -> bool:
    try:
        proc = _git(root, "rev-parse", "--is-inside-work-tree")
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def uncommitted(root: Path) -> list[str]:
    """Tracked files under root with staged or unstaged changes (untracked files do not count)."""
    proc = _git(root, "status", "--porcelain", "--untracked-files=no", "--", ".")
    if proc.returncode != 0:
        return []
    return [line[3:] for line in proc.stdout.splitlines() if line.strip()]


def untracked(root: Path, paths: list[str]) -> list[str]:
    """Of the given paths, those git does not track and does not ignore."""
    if not paths:
        return []
    proc = _git(root, "ls-files", "--others", "--exclude-standard", "--", *paths)
    return proc.stdout.splitlines() if proc.returncode == 0 else []


class GitError(Exception):
    """A git command failed; the message is git's own last line."""


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError("git %s: %s" % (args[0], exc)) from exc
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise GitError("git %s: %s" % (" ".join(args[:2]), lines[-1] if lines else "failed"))
    return proc.stdout


def current_branch(root: Path) -> str | None:
    """The checked-out branch, or None on a detached HEAD (or an unborn repository)."""
    try:
        name = run(root, "symbolic-ref", "--quiet", "--short", "HEAD").strip()
    except GitError:
        return None
    try:
        run(root, "rev-parse", "--verify", "--quiet", "HEAD")
    except GitError:
        return None
    return name or None


def branch_exists(root: Path, name: str) -> bool:
    try:
        run(root, "rev-parse", "--verify", "--quiet", "refs/heads/%s" % name)
        return True
    except GitError:
        return False


def git_dir(root: Path) -> Path:
    path = Path(run(root, "rev-parse", "--git-dir").strip())
    return path if path.is_absolute() else (root / path).resolve()


def top_level(root: Path) -> Path:
    return Path(run(root, "rev-parse", "--show-toplevel").strip())


def identity_env(root: Path) -> dict[str, str] | None:
    """A fallback author when git has none configured, so a commit never fails for that alone."""
    import os

    try:
        email = run(root, "config", "user.email").strip()
    except GitError:
        email = ""
    if email:
        return None
    env = dict(os.environ)
    env.setdefault("GIT_AUTHOR_NAME", "codemods swap_user")
    env.setdefault("GIT_AUTHOR_EMAIL", "swap-user@localhost")
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    return env
