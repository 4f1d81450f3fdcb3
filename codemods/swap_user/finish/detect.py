"""Is this a project swap_user swapped, and which of the user app's files are its transition code?

The swap generated the user app from user_app and templates/app. The modules that carry "Transition code" in
their docstring (the adoption module, the migrate and makemigrations overrides, the adopt_user_table command) are
what --finish removes; the model, its migrations, the admin and the app config stay.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from ...core import git
from ...core.project import Project
from ..options import SwapOptions
from ..preflight import Refusal
from ..scaffold import fixed_modules, render_templates
from .databases import Facts

MARKER = "Transition code"
ADOPTION = "adoption.py"
# What the adoption module defines: its own names, the signature of swap_user's adoption step.
ADOPTION_NAMES = {"adopt", "unadopt", "plan_adoption", "AdoptionRefused"}


class NothingToDo(Exception):
    """The project was finished already."""


@dataclass(frozen=True)
class SwappedApp:
    label: str
    module: str  # dotted module of the user app
    folder: Path  # absolute
    first_migration: str  # "accounts.0001_initial"
    transition: tuple[
        str, ...
    ]  # paths inside the app of the generated transition files that are there

    @property
    def user_model_label(self) -> str:
        return "%s.User" % self.label


def transition_templates() -> list[str]:
    """Paths inside the app of every generated file that is transition code."""
    return [
        rel for rel, path in fixed_modules().items() if MARKER in path.read_text(encoding="utf-8")
    ]


def find(project: Project, facts: Facts, rename: bool = False) -> SwappedApp:
    """The user app swap_user made, refusing (one line) when the project was not swapped by it or its user does
    not adopt auth_user the way the swap made it. With `rename`, a finished project is one to rename (its
    transition tuple is empty), and one renamed already is nothing to do."""
    setting, user = facts.auth_user_model, facts.user
    if setting.lower() == "auth.user":
        raise Refusal(
            "AUTH_USER_MODEL is auth.User: the project was not swapped; run swap_user without --finish "
            "first"
        )
    folder = Path(user["path"])
    try:
        folder.resolve().relative_to(project.root)
    except ValueError:
        raise Refusal(
            "AUTH_USER_MODEL is %s, whose app %s is not part of the project: it was not made by swap_user"
            % (setting, user["app"])
        ) from None
    rel = project.rel(folder.resolve()) if folder.resolve() != project.root else "."
    generated = [name for name in transition_templates() if (folder / name).is_file()]
    if not (folder / ADOPTION).is_file():
        if generated:
            raise Refusal(
                "%s/%s is missing but %s/%s is still there: the transition code was partly removed by "
                "hand; remove the rest by hand too" % (rel, ADOPTION, rel, generated[0])
            )
        if _adopts_auth_user(user) and len(facts.first_migrations) == 1:
            if not rename:
                raise NothingToDo("%s has no transition code left: already finished" % rel)
            return SwappedApp(
                user["label"], user["app"], folder.resolve(), facts.first_migrations[0], ()
            )
        if rename and _renamed(user) and adoption_removed_by(project, folder / ADOPTION):
            raise NothingToDo(
                "%s has no transition code left and %s is on table %s: already finished and renamed"
                % (rel, setting, user["db_table"])
            )
        raise Refusal(
            "AUTH_USER_MODEL is %s, and %s has no adoption module (%s/%s): the project was not swapped "
            "by swap_user" % (setting, user["app"], rel, ADOPTION)
        )
    if not _is_adoption_module(folder / ADOPTION):
        raise Refusal(
            "%s/%s is not swap_user's adoption module (it defines none of %s): the project was not "
            "swapped by swap_user" % (rel, ADOPTION, ", ".join(sorted(ADOPTION_NAMES)))
        )
    if not _adopts_auth_user(user):
        raise Refusal(
            "%s does not adopt auth_user the way swap_user made it (a class named User, an AbstractUser, "
            'Meta.db_table = "auth_user"; it is %s on table %s): --finish removes the adoption of '
            "auth_user only" % (setting, user["name"], user["db_table"])
        )
    if len(facts.first_migrations) != 1 or facts.first_squashed:
        found = ", ".join(facts.first_migrations) or "none"
        raise Refusal(
            "%s must have exactly one first migration, not squashed, as the swap made it (found: %s)"
            % (user["label"], found)
        )
    return SwappedApp(
        user["label"], user["app"], folder.resolve(), facts.first_migrations[0], tuple(generated)
    )


def _adopts_auth_user(user: dict) -> bool:
    return user["name"] == "User" and user["abstract_user"] and user["db_table"] == "auth_user"


def _renamed(user: dict) -> bool:
    return (
        user["name"] == "User"
        and user["abstract_user"]
        and user["db_table"] == "%s_user" % user["label"]
    )


def adoption_removed_by(project: Project, adoption: Path) -> str | None:
    """The commit that deleted this adoption module (--finish does), when git knows one."""
    if not git.is_work_tree(project.root):
        return None
    try:
        found = git.run(
            project.root, "log", "--diff-filter=D", "--format=%h", "-1", "--", project.rel(adoption)
        )
    except (git.GitError, ValueError):
        return None
    return found.strip() or None


def _is_adoption_module(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return False
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    return ADOPTION_NAMES <= names


def modified(app: SwappedApp, path: str) -> int | None:
    """The first line where a transition file differs from what swap_user generates (formatting, comments and
    docstring layout aside), None when it does not."""
    expected = _generated(app.label, app.module).get(path)
    try:
        source = (app.folder / path).read_bytes()
        actual = ast.parse(source)
    except (OSError, SyntaxError, ValueError):
        return 1
    if expected is None:
        return None
    wanted = ast.parse(expected)
    for i, statement in enumerate(actual.body):
        if i >= len(wanted.body) or _shape(statement) != _shape(wanted.body[i]):
            return statement.lineno
    if len(actual.body) < len(wanted.body):
        return max(1, source.count(b"\n"))
    return None


@functools.lru_cache(maxsize=4)
def _generated(label: str, module: str) -> dict[str, str]:
    return render_templates(SwapOptions(label=label, app_module=module))


def _shape(node: ast.AST) -> str:
    """The node's structure with every string's whitespace normalised (black re-indents docstrings)."""
    node = _Normalise().visit(ast.parse(ast.unparse(node)))
    return ast.dump(node)


class _Normalise(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str):
            return ast.Constant(" ".join(node.value.split()))
        return node
