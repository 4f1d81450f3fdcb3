"""The commands a project's team types: how it runs Django's management commands, and its test suite."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from .project import Project

_SCRIPT_LINE = re.compile(r"""^\s*["']?([\w.-]+)["']?\s*=\s*["']?([\w.]+):(\w+)["']?\s*$""", re.M)
_RUNNERS = ("execute_from_command_line", "ManagementUtility")


def management_command(project: Project) -> str:
    """`python manage.py`, or the project's own console script where one wraps Django's management commands
    (`[project.scripts] coldfront = "coldfront:manage"`, a setup.cfg or setup.py console_scripts entry).
    """
    for script, module, function in _console_scripts(project.root):
        path = project.path_for_module(module)
        if path is not None and path.is_file() and _runs_management_commands(path, function):
            return script
    return "python manage.py" if project.manage_py is not None else "django-admin"


def suite_commands(project: Project) -> list[str]:
    """The project's test suite: pytest when it is configured, else Django's test runner; then tox, nox and a
    Makefile's `test` target when the project has them."""
    found = []
    for folder in dict.fromkeys([project.root, project.workdir]):
        where = (
            ""
            if folder == project.root
            else " (in %s/)" % folder.relative_to(project.root).as_posix()
        )
        if _configures_pytest(folder):
            found.append("pytest" + where)
        if _section(folder / "tox.ini", r"tox|testenv(:[^\]]*)?"):
            found.append("tox" + where)
        if (folder / "noxfile.py").is_file():
            found.append("nox" + where)
        if any(
            re.search(r"^test\s*:", _read(folder / name), re.M) for name in ("Makefile", "makefile")
        ):
            found.append("make test" + where)
    if not any(command.startswith("pytest") for command in found):
        found.insert(0, "%s test" % management_command(project))
    return found


def _configures_pytest(folder: Path) -> bool:
    return (
        (folder / "pytest.ini").is_file()
        or (folder / "conftest.py").is_file()
        or _section(folder / "pyproject.toml", r"tool\.pytest\.ini_options")
        or _section(folder / "setup.cfg", r"tool:pytest")
        or _section(folder / "tox.ini", r"pytest")
    )


def _console_scripts(root: Path) -> list[tuple[str, str, str]]:
    """(script, module, function) of every console script the project declares."""
    found = []
    for name, sections in (
        ("pyproject.toml", r"project\.scripts|tool\.poetry\.scripts"),
        ("setup.cfg", r"options\.entry_points"),
    ):
        for body in _sections(root / name, sections):
            found += _SCRIPT_LINE.findall(body)
    try:
        tree = ast.parse(_read(root / "setup.py"))
    except SyntaxError:
        tree = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += _SCRIPT_LINE.findall(node.value)
    return found


def _runs_management_commands(path: Path, function: str) -> bool:
    """Does `function` in this module hand its arguments to Django's management utility?"""
    try:
        tree = ast.parse(_read(path))
    except SyntaxError:
        return False
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.management"
        for alias in node.names
        if alias.name in _RUNNERS
    }
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.core"
        for alias in node.names
        if alias.name == "management"
    }
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                target = call.func
                if isinstance(target, ast.Name) and target.id in imported:
                    return True
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in _RUNNERS
                    and ast.unparse(target.value) in modules | {"django.core.management"}
                ):
                    return True
    return False


def _sections(path: Path, names: str) -> list[str]:
    """The bodies of the [sections] of an ini or toml file whose name matches names."""
    pattern = r"^\[(?:%s)\]\s*$(.*?)(?=^\[|\Z)" % names
    return [m.group(1) for m in re.finditer(pattern, _read(path), re.M | re.S)]


def _section(path: Path, names: str) -> bool:
    return bool(_sections(path, names))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
