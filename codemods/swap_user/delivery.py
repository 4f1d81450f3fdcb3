"""Deliver the change on a new branch, as commits a reviewer can read one at a time.

The commits are built from HEAD and the tool's change alone, in a temporary index: work the user has not committed
(--allow-dirty) stays uncommitted in the working tree, and the branch, the index and HEAD change only at the very
end (publish), once everything else has worked.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core import git
from ..core.plan import Plan
from ..core.project import Project
from .preflight import NewApp, Refusal

DEFAULT_BRANCH = "swap-user-model"
# The commits' author when git has none configured: (name, email).
AUTHOR = ("codemods swap_user", "swap-user@localhost")


@dataclass
class Delivery:
    """Where the change goes: a new branch of commits, or only the working tree (and why)."""

    root: Path
    branch: str | None = None
    original: str | None = None
    reason: str | None = None  # why the change stays in the working tree
    commits: list[tuple[str, str]] = field(default_factory=list)  # (sha, subject)
    top: Path | None = None  # the repository's top folder: git's paths below are relative to it
    prefix: str = ""  # the project's folder in the repository ("" or "src/")
    on_head: dict[str, bytes] = field(
        default_factory=dict
    )  # dirty file -> HEAD plus the tool's change alone
    on_index: dict[str, bytes] = field(
        default_factory=dict
    )  # staged file -> the index plus the tool's change
    entries: dict[str, str] = field(
        default_factory=dict
    )  # path in the repository -> "mode sha" committed
    tip: str | None = None  # the last commit, once built

    @property
    def on_branch(self) -> bool:
        return self.branch is not None

    @property
    def ref(self) -> str:
        return "refs/heads/%s" % self.branch


def decide(project: Project, branch: str | None, no_branch: bool, plan: Plan) -> Delivery:
    """Branch mode by default in a git work tree; refusals say what to do instead."""
    if no_branch:
        return Delivery(
            project.root, reason="--no-branch: the change is left in the working tree, uncommitted"
        )
    if not git.is_work_tree(project.root):
        return Delivery(
            project.root, reason="not a git repository: the change is left in the working tree"
        )
    name = branch or DEFAULT_BRANCH
    current = git.current_branch(project.root)
    if current is None:
        raise Refusal(
            "HEAD is detached (or has no commit yet); check out a branch, or pass --no-branch"
        )
    if git.branch_exists(project.root, name):
        raise Refusal(
            "branch %s already exists; delete it, or pass --branch NAME or --no-branch" % name
        )
    try:
        git.run(project.root, "check-ref-format", "--branch", name)
    except git.GitError:
        raise Refusal("%r is not a valid branch name" % name) from None
    top = git.top_level(project.root)
    prefix = project.root.relative_to(top).as_posix() + "/" if project.root != top else ""
    delivery = Delivery(project.root, branch=name, original=current, top=top, prefix=prefix)
    _separate_user_changes(delivery, plan)
    return delivery


def _separate_user_changes(delivery: Delivery, plan: Plan) -> None:
    """The tool's change alone, for each file it touches that has uncommitted changes: on top of HEAD (what is
    committed) and, when some are staged, on top of the index (what stays staged). Refused where they overlap.
    """
    touched = {delivery.prefix + rel: rel for rel in plan.paths()}
    status = iter(
        git.run(
            delivery.top,
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=no",
            "--",
            delivery.prefix or ".",
        ).split("\0")
    )
    for entry in status:
        code, full = entry[:2], entry[3:]
        if code[:1] in ("R", "C"):
            next(status, None)  # the name it had before, on its own
        rel = touched.get(full)
        if rel is None:
            continue
        if rel not in plan.edits or code not in (" M", "M ", "MM"):
            raise Refusal(
                "%s has uncommitted changes and the tool %s it; commit or stash them first"
                % (
                    rel,
                    (
                        "creates"
                        if rel in plan.creates
                        else "removes" if rel in plan.deletes else "rewrites"
                    ),
                )
            )
        old, new = (plan.encode(rel, text) for text in plan.edits[rel])
        versions = [(delivery.on_head, "HEAD:" + full)] + (
            [(delivery.on_index, ":" + full)] if code[0] == "M" else []
        )
        for found, spec in versions:
            merged = git.merge_file(git.run_bytes(delivery.top, "cat-file", "blob", spec), old, new)
            if merged is None:
                raise Refusal(
                    "%s: your uncommitted changes touch the lines the tool rewrites; commit or stash "
                    "them first" % rel
                )
            found[rel] = merged


def build(delivery: Delivery, plan: Plan, groups: list[tuple[list[str], str]]) -> None:
    """The commits, one per group, on top of HEAD: git objects only, no ref, index or file changes yet."""
    if not delivery.on_branch:
        return
    top = delivery.top
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **(git.identity_env(top, *AUTHOR) or os.environ),
            "GIT_INDEX_FILE": os.path.join(tmp, "index"),
        }
        git.run(top, "read-tree", "HEAD", env=env)
        parent = git.run(top, "rev-parse", "HEAD").strip()
        for paths, message in groups:
            _stage(delivery, plan, paths, env)
            tree = git.run(top, "write-tree", env=env).strip()
            parent = git.run(top, "commit-tree", tree, "-p", parent, "-m", message, env=env).strip()
            short = git.run(top, "rev-parse", "--short", parent).strip()
            delivery.commits.append((short, message.splitlines()[0]))
    delivery.tip = parent


def _stage(delivery: Delivery, plan: Plan, paths: list[str], env: dict[str, str]) -> None:
    """Put paths, as the tool leaves them, in the temporary index; remember each entry for publish()."""
    top = delivery.top
    full = {rel: delivery.prefix + rel for rel in paths}
    modes = {}
    for line in git.run(top, "ls-tree", "-z", "HEAD", "--", *full.values()).split("\0"):
        if line:
            info, name = line.split("\t", 1)
            modes[name] = info.split()[0]
    blobs = {rel: _blob(top, data) for rel, data in delivery.on_head.items() if rel in full}
    # The other files as they are in the working tree, through git's filters as `git add` takes them.
    from_tree = [rel for rel in paths if rel not in plan.deletes and rel not in blobs]
    if from_tree:
        listed = "".join(full[rel] + "\n" for rel in from_tree).encode()
        blobs.update(
            zip(from_tree, git.run(top, "hash-object", "-w", "--stdin-paths", input=listed).split())
        )
    for rel in paths:
        if rel in plan.deletes:
            delivery.entries[full[rel]] = "0 %s" % (
                "0" * len(git.run(top, "rev-parse", "HEAD").strip())
            )
        else:
            delivery.entries[full[rel]] = "%s %s" % (modes.get(full[rel], "100644"), blobs[rel])
    lines = "".join("%s\t%s\n" % (delivery.entries[name], name) for name in full.values())
    git.run(top, "update-index", "--index-info", env=env, input=lines.encode())


def _blob(top: Path, data: bytes) -> str:
    return git.run(top, "hash-object", "-w", "--stdin", input=data).strip()


def publish(delivery: Delivery) -> None:
    """The branch at the last commit, the tool's change in the index (what the user had staged stays staged), and
    HEAD on the branch. The working tree already holds the change."""
    if not delivery.on_branch:
        return
    top = delivery.top
    git.run(top, "update-ref", "-m", "swap_user: branch created", delivery.ref, delivery.tip, "")
    entries = dict(delivery.entries)
    for rel, data in delivery.on_index.items():
        name = delivery.prefix + rel
        entries[name] = "%s %s" % (entries[name].split()[0], _blob(top, data))
    lines = "".join("%s\t%s\n" % (entry, name) for name, entry in entries.items())
    git.run(top, "update-index", "--index-info", input=lines.encode())
    git.run(
        top, "symbolic-ref", "-m", "swap_user: moving to %s" % delivery.branch, "HEAD", delivery.ref
    )


def unpublish(delivery: Delivery) -> None:
    """Undo publish()'s branch (the index and HEAD come back from their snapshot)."""
    if delivery.tip and git.branch_exists(delivery.root, delivery.branch):
        git.run(delivery.top, "update-ref", "-d", delivery.ref, delivery.tip)


def commit_groups(
    project: Project, app: NewApp, plan: Plan, migrations: list[str]
) -> list[tuple[list[str], str]]:
    """The change split the way a reviewer reads it: the app, the settings, the references, the migration."""
    app_dir = project.rel(app.folder)
    settings = project.settings_paths
    new_app = [p for p in plan.creates if p.startswith(app_dir + "/")]
    other_new = [p for p in plan.creates if p not in new_app]
    settings_edits = [p for p in plan.edits if p in settings]
    references = [p for p in plan.edits if p not in settings] + other_new + list(plan.deletes)
    label = app.label
    groups = [
        (
            new_app,
            "Add the %s app: a User model on the existing auth_user table\n\n"
            '%s.User subclasses AbstractUser and sets Meta.db_table = "auth_user", so it adopts the table\n'
            "of django.contrib.auth's User and no row moves. It is named User so that the many-to-many\n"
            "tables keep their user_id columns. The app pins default_auto_field to AutoField because\n"
            "auth_user.id is an integer column. Its migrate command adopts an existing database (records\n"
            "%s.0001_initial, renames the auth | user content type in place) before Django plans\n"
            "anything, so the plain `manage.py migrate` every environment already runs brings it over."
            % (label, label, label),
        ),
        (
            settings_edits,
            'Install %s first and set AUTH_USER_MODEL = "%s.User"\n\n'
            "First in INSTALLED_APPS, so the user model is loaded before any app whose models call\n"
            "get_user_model() while they are imported, and so its migrate command is the one Django runs."
            % (label, label),
        ),
        (
            sorted(references),
            "Point every reference to auth.User at the new user model\n\n"
            "Relations and model-signal senders use settings.AUTH_USER_MODEL; run-time uses go through\n"
            "get_user_model(); permission strings, admin URL names, fixtures and historical data migrations\n"
            "name the %s app. See the pull-request description for the list by kind." % label,
        ),
        (
            migrations,
            "Add %s.%s, generated by Django's makemigrations\n\n"
            "Django's own migration for the new model (table auth_user, AutoField id). New databases create\n"
            "the user table here; existing databases record it as applied when they are adopted."
            % (label, Path(migrations[0]).stem if migrations else ""),
        ),
    ]
    return [(sorted(paths), message) for paths, message in groups if paths]
