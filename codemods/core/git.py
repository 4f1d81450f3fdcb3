"""Git as the tool uses it: facts about the work tree (is it one, what is uncommitted or untracked, its branch
and paths), running a git command with git's own error line, the bytes of the index and HEAD (to put them back
when a run does not finish), and a three-way merge of one file."""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _env(env: dict[str, str] | None = None) -> dict[str, str]:
    # Reading commands (`git status`) must not refresh and rewrite the index behind the user's back.
    return {**(env if env is not None else os.environ), "GIT_OPTIONAL_LOCKS": "0"}


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, timeout=60, env=_env()
    )


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


def run(
    root: Path, *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> str:
    return run_bytes(root, *args, env=env, input=input).decode("utf-8", "surrogateescape")


def run_bytes(
    root: Path, *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, timeout=120, env=_env(env), input=input
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError("git %s: %s" % (args[0], exc)) from exc
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
        # git's own message, not the hints it prints after it
        said = (
            [line for line in lines if line.startswith(("fatal: ", "error: "))]
            or lines[-1:]
            or ["failed"]
        )
        raise GitError("git %s: %s" % (" ".join(args[:2]), said[0]))
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


def git_path(root: Path, name: str) -> Path:
    """A file of the repository's own (index, HEAD), for this work tree."""
    path = Path(run(root, "rev-parse", "--git-path", name).strip())
    return path if path.is_absolute() else (root / path).resolve()


@dataclass
class Snapshot:
    """The bytes of the index and of HEAD, put back exactly when a run does not finish."""

    files: dict[Path, bytes | None]

    def restore(self) -> None:
        for path, data in self.files.items():
            if data is None:
                path.unlink(missing_ok=True)
                continue
            if path.exists() and path.read_bytes() == data:
                continue
            tmp = path.with_name(path.name + ".codemods")
            tmp.write_bytes(data)
            os.replace(tmp, path)


def snapshot(root: Path) -> Snapshot:
    files: dict[Path, bytes | None] = {}
    for name in ("index", "HEAD"):
        path = git_path(root, name)
        files[path] = path.read_bytes() if path.exists() else None
    return Snapshot(files)


def merge_file(current: bytes, base: bytes, other: bytes) -> bytes | None:
    """current with the change from base to other applied (git merge-file); None where the two overlap."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("current", current), ("base", base), ("other", other)):
            (Path(tmp) / name).write_bytes(data)
        proc = subprocess.run(
            ["git", "merge-file", "-p", "--quiet", "current", "base", "other"],
            cwd=tmp,
            capture_output=True,
            timeout=60,
            env=_env(),
        )
    return proc.stdout if proc.returncode == 0 else None


def identity_env(root: Path, name: str, email: str) -> dict[str, str] | None:
    """The environment that makes (name, email) the author when git has none configured, so a commit never fails
    for that alone (the command says who it is); None when git has one."""
    try:
        configured = run(root, "config", "user.email").strip()
    except GitError:
        configured = ""
    if configured:
        return None
    env = dict(os.environ)
    env.setdefault("GIT_AUTHOR_NAME", name)
    env.setdefault("GIT_AUTHOR_EMAIL", email)
    env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
    env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    return env
