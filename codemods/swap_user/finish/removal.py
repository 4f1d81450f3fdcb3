"""The change --finish makes: the transition files deleted, their packages too when nothing else is left in them;
refused where the project's own code imports them; a note where a file names the operator command.
"""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath

from ...core.files import MIGRATION, PYTHON, SETTINGS, read_text
from ...core.notes import Note
from ...core.plan import Plan
from ...core.project import Project
from .. import residual
from ..preflight import Refusal
from .detect import SwappedApp, modified

OPERATOR_COMMAND = "adopt_user_table"
PACKAGE_MARKERS = ("__init__.py",)


def plan_removal(project: Project, app: SwappedApp) -> tuple[Plan, list[Note]]:
    plan = Plan(project.root)
    notes: list[Note] = []
    app_dir = project.rel(app.folder)
    removed = list(app.transition)
    removed += _emptied_packages(app.folder, removed)
    for rel in sorted(removed):
        path = "%s/%s" % (app_dir, rel)
        plan.delete(path, (project.root / path).read_bytes())
        line = modified(app, rel) if rel in app.transition else None
        if line is not None:
            notes.append(
                Note(
                    path,
                    line,
                    1,
                    "differs from what swap_user generated; --finish deletes it all the "
                    "same: keep what the project needs of it elsewhere (see the diff)",
                    "finish",
                )
            )
    gone = {_module_of(app, rel) for rel in removed}
    for f in project.files:
        if f.role in (PYTHON, SETTINGS, MIGRATION) and f.path not in plan.deletes:
            text = read_text(project.root, f.path)
            if text is not None:
                _refuse_imports(project, f.path, text, gone)
    for path in project.listing.files:
        if path in plan.deletes or residual._kind(path) is None:
            continue
        text = read_text(project.root, path)
        if text is None or OPERATOR_COMMAND not in text:
            continue
        line = text.count("\n", 0, text.index(OPERATOR_COMMAND)) + 1
        notes.append(
            Note(
                path,
                line,
                1,
                "names %s, the operator command --finish removes; drop this step (every "
                "database has adopted auth_user)" % OPERATOR_COMMAND,
                "finish",
                documentation=residual.is_documentation(path),
            )
        )
    return plan, sorted(notes)


def _emptied_packages(folder: Path, removed: list[str]) -> list[str]:
    """The __init__.py of each package under the app that holds nothing once the transition files are gone."""
    found: list[str] = []
    parents = sorted(
        {PurePosixPath(rel).parent for rel in removed if "/" in rel}, key=lambda p: -len(p.parts)
    )
    for package in parents:
        while package.parts:
            init = (package / "__init__.py").as_posix()
            if init in found:
                break
            left = [
                p
                for p in (folder / package).iterdir()
                if not _gone(folder, package / p.name, removed + found)
            ]
            if [p.name for p in left] != ["__init__.py"] or (folder / init).read_text(
                encoding="utf-8"
            ).strip():
                break
            found.append(init)
            package = package.parent
    return found


def _gone(folder: Path, rel: PurePosixPath, removed: list[str]) -> bool:
    """Is nothing of this path left once `removed` is deleted (caches aside)?"""
    path = folder / rel
    if path.name == "__pycache__":
        return True
    if path.is_dir():
        return all(_gone(folder, rel / child.name, removed) for child in path.iterdir())
    return rel.as_posix() in removed


def _module_of(app: SwappedApp, rel: str) -> str:
    parts = list(PurePosixPath(rel).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([app.module, *parts])


def _refuse_imports(project: Project, path: str, text: str, gone: set[str]) -> None:
    """The project's own code must not import what --finish removes: after it, that code would fail."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return
    package = (project.module_name(project.root / path) or "").split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package[: len(package) - node.level + 1], *([base] if base else [])]
                )
            names = [base] + ["%s.%s" % (base, alias.name) for alias in node.names]
        hit = next((n for n in names if n in gone), None)
        if hit is not None:
            raise Refusal(
                "%s:%d: imports %s, which --finish removes; stop using it first (the adoption is done "
                "on every database the tool checks)" % (path, node.lineno, hit)
            )
