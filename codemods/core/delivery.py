"""Deliver a change on a new git branch, as commits a reviewer reads one at a time, with a pull-request
description kept outside the tracked tree. General: any command that writes a Plan can use it."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import git


class DeliveryRefused(Exception):
    """The branch cannot be made as asked; the message says what to do instead."""


@dataclass
class Delivery:
    """Where the change goes: a new branch of commits, or only the working tree (and why)."""

    root: Path
    branch: str | None = None
    original: str | None = None
    reason: str | None = None  # why the change stays in the working tree
    commits: list[tuple[str, str]] = field(default_factory=list)  # (sha, subject)
    started: bool = False

    @property
    def on_branch(self) -> bool:
        return self.branch is not None


def decide(root: Path, branch: str, no_branch: bool) -> Delivery:
    """Branch mode by default in a git work tree; refusals say what to do instead."""
    if no_branch:
        return Delivery(
            root, reason="--no-branch: the change is left in the working tree, uncommitted"
        )
    if not git.is_work_tree(root):
        return Delivery(root, reason="not a git repository: the change is left in the working tree")
    current = git.current_branch(root)
    if current is None:
        raise DeliveryRefused(
            "HEAD is detached (or has no commit yet); check out a branch, or pass --no-branch"
        )
    if git.branch_exists(root, branch):
        raise DeliveryRefused(
            "branch %s already exists; delete it, or pass --branch NAME or --no-branch" % branch
        )
    try:
        git.run(root, "check-ref-format", "--branch", branch)
    except git.GitError:
        raise DeliveryRefused("%r is not a valid branch name" % branch) from None
    return Delivery(root, branch=branch, original=current)


def start(delivery: Delivery) -> None:
    """Switch to the new branch; the working tree and the index stay as they are."""
    if delivery.on_branch:
        git.run(delivery.root, "switch", "--quiet", "-c", delivery.branch)
        delivery.started = True


def abandon(delivery: Delivery) -> None:
    """Back to the branch the user was on, and the new branch deleted (after the tree was reverted)."""
    if delivery.on_branch and delivery.started:
        git.run(delivery.root, "switch", "--quiet", delivery.original)
        git.run(delivery.root, "branch", "-D", delivery.branch)
        delivery.started = False


def commit(
    delivery: Delivery, groups: list[tuple[list[str], str]], author: tuple[str, str]
) -> None:
    """One commit per (paths, message) group that has paths; author (name, email) when git has none set."""
    if not delivery.on_branch:
        return
    env = git.identity_env(delivery.root, *author)
    for paths, message in groups:
        if not paths:
            continue
        git.run(delivery.root, "add", "--", *paths)
        git.run(
            delivery.root, "commit", "--quiet", "--no-verify", "-m", message, "--", *paths, env=env
        )
        sha = git.run(delivery.root, "rev-parse", "--short", "HEAD").strip()
        delivery.commits.append((sha, message.splitlines()[0]))


def write_description(text: str, root: Path, name: str) -> Path:
    """The pull-request description, outside the tracked tree: .git/codemods/<name>.md in a repository, else
    the temporary folder (named after the project's folder and a digest of its path)."""
    if git.is_work_tree(root):
        target = git.git_dir(root) / "codemods" / ("%s.md" % name)
    else:
        digest = hashlib.sha256(str(root).encode()).hexdigest()[:8]
        target = (
            Path(tempfile.gettempdir())
            / "codemods-descriptions"
            / ("%s-%s-%s.md" % (root.name, digest, name))
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
