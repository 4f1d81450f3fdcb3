"""ast pre-pass: the project's model forms of the profile, so that every file knows them by qualified name."""

from __future__ import annotations

import ast
from typing import Callable, Iterable

from ..core.models_reader import dotted, module_imports


def reexports(
    paths: Iterable[str],
    module_of: Callable[[str], tuple[str | None, bool]],
    read: Callable[[str], str | None],
    profile_module: str,
    profile_class: str,
) -> frozenset[str]:
    """The other qualified names of the profile: the packages above its module whose `__init__` imports it
    (wger's `from .profile import UserProfile` in wger/core/models/__init__.py: code imports it from
    `wger.core.models`), each through the one below it or the module itself."""
    inits = {}
    for path in paths:
        if path.endswith("__init__.py"):
            module, _ = module_of(path)
            if module is not None:
                inits[module] = path
    names = {"%s.%s" % (profile_module, profile_class)}
    parts = profile_module.split(".")
    for depth in range(len(parts) - 1, 0, -1):
        package = ".".join(parts[:depth])
        text = read(inits[package]) if package in inits else None
        if not text or profile_class not in text:
            break
        try:
            bound = module_imports(ast.parse(text), package, True)
        except (SyntaxError, ValueError):
            break
        if bound.get(profile_class) not in names:
            break
        names.add("%s.%s" % (package, profile_class))
    return frozenset(names - {"%s.%s" % (profile_module, profile_class)})


def profile_forms(
    paths: Iterable[str],
    module_of: Callable[[str], tuple[str | None, bool]],
    read: Callable[[str], str | None],
    profile_module: str,
    profile_class: str,
    aliases: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Qualified names of classes with a `Meta.model` naming the profile (or a re-export of it, aliases) and a
    base named like a form."""
    targets = {"%s.%s" % (profile_module, profile_class)} | aliases
    found = set()
    for path in paths:
        text = read(path)
        module, is_package = module_of(path)
        if not text or module is None or profile_class not in text:
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        imports = module_imports(tree, module, is_package)
        local = (
            {s.name for s in tree.body if isinstance(s, ast.ClassDef)}
            if module == profile_module
            else set()
        )
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef) or not any(
                "Form" in (dotted(b) or "") for b in cls.bases
            ):
                continue
            model = meta_model(cls)
            if model is None:
                continue
            head, _, rest = model.partition(".")
            resolved = (
                "%s.%s" % (module, model)
                if head in local
                else (imports[head] + ("." + rest if rest else "") if head in imports else model)
            )
            if resolved in targets:
                found.add("%s.%s" % (module, cls.name))
    return frozenset(found)


def meta_model(cls: ast.ClassDef) -> str | None:
    for stmt in cls.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "model" for t in inner.targets
                ):
                    return dotted(inner.value)
    return None
