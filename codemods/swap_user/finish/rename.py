"""--rename-table: the user model leaves auth_user. Its `db_table = "auth_user"` goes (drop_db_table), Django's
makemigrations writes the AlterModelTable (which renames auth_user and both many-to-many tables), and before
anything is written every place that names auth_user and will break is reported: raw SQL in the project, views
and triggers in the databases, installed packages."""

from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath

from ...core.files import MIGRATION_DIRS, read_text
from ...core.notes import Note
from ...core.plan import Plan
from ...core.project import Project
from ..preflight import Refusal
from .databases import Facts
from .detect import SwappedApp
from .drop_db_table import drop_db_table

AUTH_TABLES = re.compile(r"\bauth_user(?:_groups|_user_permissions)?\b")
# What makes a string that names auth_user SQL rather than prose.
SQL = re.compile(r"\b(select|insert|update|delete|from|join|into|table|alter|create|drop)\b", re.I)
TRANSFORM = "rename_table"


def new_table(app: SwappedApp) -> str:
    """The table Django names the model once db_table is gone."""
    return "%s_user" % app.label


def plan_rename(project: Project, app: SwappedApp, plan: Plan) -> None:
    """Add the edit of the user model to plan; refused when the model does not say db_table = "auth_user"."""
    models = "%s/models.py" % project.rel(app.folder)
    old = read_text(project.root, models)
    if old is None:
        raise Refusal("%s cannot be read: the user model's db_table is set there" % models)
    new, dropped = drop_db_table(old)
    if not dropped:
        raise Refusal(
            '%s: the class User does not set Meta.db_table = "auth_user" as the swap made it; '
            "--rename-table removes that line only" % models
        )
    plan.edit(models, old, new)


def mentions(
    project: Project, app: SwappedApp, facts: Facts, first_rename: str, plan: Plan
) -> list[Note]:
    """Everything that names auth_user and would break once the table is renamed, as notes."""
    new = new_table(app)
    app_dir = project.rel(app.folder)
    notes = []
    for path in project.listing.files:
        suffix = PurePosixPath(path).suffix
        if (
            suffix not in (".py", ".sql")
            or path in plan.deletes
            or path == "%s/models.py" % app_dir
        ):
            continue
        if path.startswith(app_dir + "/migrations/"):
            continue  # the user app's own history: Django's state, renamed by the new migration
        text = read_text(project.root, path)
        if text is None or "auth_user" not in text:
            continue
        in_migration = bool(MIGRATION_DIRS.intersection(PurePosixPath(path).parts[:-1]))
        for line, col in _sites(text, suffix == ".py"):
            if in_migration:
                message = (
                    "a migration's SQL names auth_user; on a fresh database it must run before %s (the "
                    "rename), or name %s: check its dependencies" % (first_rename, new)
                )
            else:
                message = (
                    "raw SQL names auth_user, which the rename makes %s: use %s, or read it from "
                    "User._meta.db_table" % (new, new)
                )
            notes.append(Note(path, line, col, message, TRANSFORM))
    for db in facts.databases:
        for kind, name in db.auth_user_objects:
            notes.append(
                Note(
                    "database '%s'" % db.alias,
                    1,
                    1,
                    "%s %s names auth_user in its SQL: after the rename "
                    "it may point at a table that is gone; recreate it on %s" % (kind, name, new),
                    TRANSFORM,
                )
            )
    for module, path, line in facts.packages_naming_auth_user:
        line = _package_site(path, line)
        if line is None:
            continue
        notes.append(
            Note(
                path,
                line,
                1,
                "installed package %s names auth_user in its code or migrations: check "
                "that it works once the table is %s before deploying the rename" % (module, new),
                TRANSFORM,
            )
        )
    return notes


def _package_site(path: str, line: int) -> int | None:
    """The line of the first place an installed package's file names the tables as the project's files are
    read (in Python, string literals only: `self.auth_user` is not the table); None when there is none. The
    project's Django found the file with a plain pattern; a file that cannot be read here keeps its line.
    """
    if not path.endswith(".py"):
        return line
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return line
    sites = _sites(text, True)
    return sites[0][0] if sites else None


def _sites(text: str, python: bool) -> list[tuple[int, int]]:
    """(line, column) of every auth_user table name: in Python, inside string literals only."""
    if not python:
        return [_line_col(text, m.start()) for m in AUTH_TABLES.finditer(text)]
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return [_line_col(text, m.start()) for m in AUTH_TABLES.finditer(text)]
    docstrings = {
        id(body[0].value)
        for body in _bodies(tree)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if (
            not isinstance(node, ast.Constant)
            or not isinstance(node.value, str)
            or id(node) in docstrings
        ):
            continue
        if AUTH_TABLES.fullmatch(node.value.strip()) or (
            AUTH_TABLES.search(node.value) and SQL.search(node.value)
        ):
            found.append((node.lineno, node.col_offset + 1))
    return sorted(set(found))


def _bodies(tree: ast.Module):
    yield tree.body
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.body


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def migration_name(app: SwappedApp) -> str:
    """The name makemigrations gives the rename: the next number in the app, then rename_user_table."""
    numbers = [
        int(p.name[:4]) for p in (app.folder / "migrations").glob("[0-9][0-9][0-9][0-9]_*.py")
    ]
    return "%04d_rename_user_table" % (max(numbers, default=0) + 1)


def check_migration(project: Project, created: list[str], name: str) -> str | None:
    """Django's migration must be the expected one, and hold nothing but the AlterModelTable."""
    if [PurePosixPath(p).stem for p in created] != [name]:
        return "makemigrations wrote %s, expected %s.py alone" % (
            ", ".join(created) or "nothing",
            name,
        )
    text = (project.root / created[0]).read_text(encoding="utf-8")
    operations = [op for op in re.findall(r"migrations\.(\w+)\(", text) if op != "Migration"]
    if operations != ["AlterModelTable"]:
        return "%s holds %s, expected one AlterModelTable" % (
            created[0],
            ", ".join(operations) or "no operation",
        )
    return None
