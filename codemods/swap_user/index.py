"""Which files reach auth's User, found with the C parser before LibCST parses anything.

A file is a candidate when it imports `User` from django.contrib.auth.models, or imports auth's models module (or
a package above it, `from django.contrib import auth` for `auth.models.User`, or a project module that re-exports
auth's User) and reads `.User` from it. Re-exports are followed through the project: `from myapp.models import
User` is auth's User when myapp/models.py imported it at module level.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .options import AUTH_MODELS, AUTH_USER

# Bytes that a file binding auth's User must contain: an import naming User, or an attribute `.User` (of auth's
# models module, under whatever name it is reached). Each starts with a literal, which the regex engine finds
# quickly; an alternation, or a leading \b, is tried at every position of the file.
_IMPORT_USER = re.compile(rb"import\b[^\n;]*?(?:\([^)]*?)?\bUser\b")
_USER_ATTRIBUTE = re.compile(rb"\.\s*User\b")
# Any attribute `User` in the text: whitespace, line continuations and comments may stand between the dot and
# the name. A file without one has its imports looked for among its statements only.
# A comment runs to its line's end, so each text has one way to match (no backtracking over its `#`s).
_ANY_USER_ATTRIBUTE = re.compile(rb"\.(?:[\s\\]|#[^\n]*\n)*User\b")


@dataclass
class _ModuleImports:
    path: str
    module: str | None
    is_package: bool
    # (source module absolute, imported name, bound name, at module level)
    from_imports: list[tuple[str, str, str, bool]] = field(default_factory=list)
    # (module absolute, bound name) for `import a.b.c [as x]`
    module_imports: list[tuple[str, str]] = field(default_factory=list)
    reads_user_attr: bool = False


@dataclass
class UserIndex:
    user_names: frozenset[str]
    reexporters: frozenset[str]
    user_files: frozenset[str]


def _absolute(module: str | None, is_package: bool, level: int, name: str | None) -> str:
    if not level:
        return name or ""
    base = (module or "").split(".") if module else []
    if not is_package and base:
        base = base[:-1]
    if level > 1:
        base = base[: max(0, len(base) - (level - 1))]
    return ".".join([*base, name] if name else base)


def statements(tree: ast.Module):
    """Every statement of the module, in functions and classes too: where imports are (no expression holds
    one), without a walk over every expression node."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.stmt):
            yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                todo.append(child)


def _collect(
    path: str, module: str | None, is_package: bool, tree: ast.Module, user_attribute: bool = True
) -> _ModuleImports:
    """The module's imports, and (when `user_attribute`: its text has `.User`) whether it reads an attribute User."""
    info = _ModuleImports(path, module, is_package)
    top = set()
    for stmt in tree.body:
        top.add(id(stmt))
        if isinstance(stmt, (ast.If, ast.Try)):  # module level, only conditionally
            for inner in ast.walk(stmt):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    top.add(id(inner))
    for node in ast.walk(tree) if user_attribute else statements(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                info.from_imports.append(
                    (source, alias.name, alias.asname or alias.name, id(node) in top)
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                info.module_imports.append((alias.name, alias.asname or alias.name.split(".")[0]))
        elif isinstance(node, ast.Attribute) and node.attr == "User":
            info.reads_user_attr = True
    return info


def _reaches(module: str, models_modules: set[str]) -> bool:
    """Is module one whose `.User` is auth's, or a package above one (`auth` for `auth.models.User`)?"""
    return module in models_modules or any(m.startswith(module + ".") for m in models_modules)


def build(
    root: Path,
    paths: Iterable[str],
    module_of: Callable[[str], tuple[str | None, bool]],
    read: Callable[[str], str | None],
    exporting: Callable[[str], bool] = lambda path: True,
) -> UserIndex:
    """Scan the project's Python files for bindings of auth's User; only `exporting` files can re-export it."""
    infos: list[_ModuleImports] = []
    unparsed: set[str] = set()
    for path in paths:
        text = read(path)
        if text is None or "User" not in text:
            continue
        data = text.encode("utf-8", "surrogatepass")
        if not (_IMPORT_USER.search(data) or _USER_ATTRIBUTE.search(data)):
            continue
        user_attribute = _ANY_USER_ATTRIBUTE.search(data) is not None
        try:
            tree = ast.parse(text, filename=path)
        except (SyntaxError, ValueError):
            unparsed.add(path)  # it may hold a reference: the runner will parse it and refuse it
            continue
        module, is_package = module_of(path)
        infos.append(_collect(path, module, is_package, tree, user_attribute))

    names = {AUTH_USER}
    models_modules = {AUTH_MODELS}  # modules whose attribute `User` is auth's
    binders: dict[str, str] = (
        {}
    )  # "module.Name" bound to auth's User at module level -> that module
    user_files: set[str] = set()
    changed = True
    while changed:
        changed = False
        for info in infos:
            for source, imported, bound, top_level in info.from_imports:
                full = "%s.%s" % (source, imported)
                binds_user = full in names
                binds_models = info.reads_user_attr and _reaches(full, models_modules)
                if binds_user or binds_models:
                    user_files.add(info.path)
                if binds_user and top_level and info.module and exporting(info.path):
                    new = "%s.%s" % (info.module, bound)
                    if new not in names:
                        names.add(new)
                        binders[new] = info.module
                        changed = True
            if info.reads_user_attr:
                if any(_reaches(module, models_modules) for module, _bound in info.module_imports):
                    user_files.add(info.path)
        for name in list(names):
            owner = name.rpartition(".")[0]
            if owner not in models_modules:
                models_modules.add(owner)
                changed = True
    # A module re-exports auth's User only if another module takes it from there.
    reexporters = set()
    for info in infos:
        for source, imported, _bound, _top in info.from_imports:
            full = "%s.%s" % (source, imported)
            if full in binders and binders[full] != info.module:
                reexporters.add(binders[full])
        if info.reads_user_attr:
            for module, _bound in info.module_imports:
                reexporters.update(
                    b for n, b in binders.items() if b == module and b != info.module
                )
    return UserIndex(frozenset(names), frozenset(reexporters), frozenset(user_files | unparsed))
