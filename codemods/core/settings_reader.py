"""Read a Django settings module without importing it: literal values, star imports, split settings."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# A value we could not work out statically.
UNKNOWN = object()


@dataclass
class Assignment:
    """Where a settings module gives a name a value."""

    path: Path
    name: str
    node: ast.stmt
    augmented: bool
    derived: bool  # the new value is built from the old one (`X = X + [...]`, `X += ...`)


@dataclass
class SettingsNamespace:
    values: dict[str, object] = field(default_factory=dict)
    assignments: list[Assignment] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class _Evaluator:
    """Walks module-level statements in order, keeping what can be known for certain."""

    def __init__(self, resolve_module: Callable[[str, Path, int], Path | None]):
        self.resolve_module = resolve_module
        self.ns = SettingsNamespace()
        self._stack: list[Path] = []

    def run_file(self, path: Path) -> None:
        if path in self._stack or len(self._stack) > 20:
            return
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
            return
        if path not in self.ns.files:
            self.ns.files.append(path)
        self._stack.append(path)
        try:
            self.run_body(tree.body, path)
        finally:
            self._stack.pop()

    def run_body(self, body: list[ast.stmt], path: Path) -> None:
        for stmt in body:
            self.run_stmt(stmt, path)

    def run_stmt(self, stmt: ast.stmt, path: Path) -> None:
        if isinstance(stmt, ast.ImportFrom):
            self.run_import_from(stmt, path)
        elif isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value)
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    derived = target.id in _names_in(stmt.value)
                    self.ns.values[target.id] = value
                    self.ns.assignments.append(Assignment(path, target.id, stmt, False, derived))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
            self.ns.values[stmt.target.id] = self.eval(stmt.value)
            derived = stmt.target.id in _names_in(stmt.value)
            self.ns.assignments.append(Assignment(path, stmt.target.id, stmt, False, derived))
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
            old, extra = self.ns.values.get(name, UNKNOWN), self.eval(stmt.value)
            self.ns.values[name] = self._add(old, extra) if isinstance(stmt.op, ast.Add) else UNKNOWN
            self.ns.assignments.append(Assignment(path, name, stmt, True, True))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.run_call(stmt.value, path)
        elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
            # Both branches: discovery wants every app a settings module may install.
            self.run_body(stmt.body, path)
            for extra in (getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])):
                self.run_body(extra, path)
            for handler in getattr(stmt, "handlers", []):
                self.run_body(handler.body, path)

    def run_import_from(self, stmt: ast.ImportFrom, path: Path) -> None:
        target = self.resolve_module(stmt.module or "", path, stmt.level)
        if target is None:
            return
        if any(alias.name == "*" for alias in stmt.names):
            self.run_file(target)
            return
        sub = _Evaluator(self.resolve_module)
        sub._stack = self._stack + [path]
        sub.run_file(target)
        for f in sub.ns.files:
            if f not in self.ns.files:
                self.ns.files.append(f)
        self.ns.assignments.extend(sub.ns.assignments)
        for alias in stmt.names:
            if alias.name in sub.ns.values:
                self.ns.values[alias.asname or alias.name] = sub.ns.values[alias.name]

    def run_call(self, call: ast.Call, path: Path) -> None:
        func = call.func
        # django-split-settings: include("base.py", optional("local.py"))
        if isinstance(func, ast.Name) and func.id == "include":
            for arg in call.args:
                if isinstance(arg, ast.Starred):  # include(*configs)
                    arg = arg.value
                if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "optional":
                    arg = arg.args[0] if arg.args else None
                for rel in self._strings(arg):
                    target = (path.parent / rel).resolve()
                    if target.is_file():
                        self.run_file(target)
            return
        # INSTALLED_APPS.append("x") / .insert(0, "x") / .extend([...])
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            name, method = func.value.id, func.attr
            old = self.ns.values.get(name, UNKNOWN)
            if not isinstance(old, list) and not isinstance(old, tuple):
                return
            args = [self.eval(a) for a in call.args]
            new = list(old)
            if method == "append" and len(args) == 1:
                new.append(args[0])
            elif method == "extend" and len(args) == 1:
                new.extend(args[0] if isinstance(args[0], (list, tuple)) else [UNKNOWN])
            elif method == "insert" and len(args) == 2 and isinstance(args[0], int):
                new.insert(args[0], args[1])
            else:
                return
            self.ns.values[name] = new

    def _strings(self, node: ast.AST | None) -> list[str]:
        value = self.eval(node) if node is not None else UNKNOWN
        if isinstance(value, str):
            return [value]
        if isinstance(value, (list, tuple)):
            return [v for v in value if isinstance(v, str)]
        return []

    @staticmethod
    def _add(a: object, b: object) -> object:
        """a + b; a list plus something unknown (a comprehension, a call) keeps its known items."""
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            return type(a)(list(a) + list(b))
        if isinstance(a, (list, tuple)) and b is UNKNOWN:
            return type(a)([*a, UNKNOWN])
        if a is UNKNOWN and isinstance(b, (list, tuple)):
            return type(b)([UNKNOWN, *b])
        if isinstance(a, str) and isinstance(b, str):
            return a + b
        return UNKNOWN

    def eval(self, node: ast.AST) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            items: list[object] = []
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    inner = self.eval(elt.value)
                    if isinstance(inner, (list, tuple)):
                        items.extend(inner)
                    else:
                        items.append(UNKNOWN)
                else:
                    items.append(self.eval(elt))
            return items if isinstance(node, ast.List) else tuple(items)
        if isinstance(node, ast.Name):
            return self.ns.values.get(node.id, UNKNOWN)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._add(self.eval(node.left), self.eval(node.right))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple"):
            if len(node.args) == 1:
                inner = self.eval(node.args[0])
                if isinstance(inner, (list, tuple)):
                    return list(inner) if node.func.id == "list" else tuple(inner)
        return UNKNOWN


def read_settings(path: Path, resolve_module: Callable[[str, Path, int], Path | None]) -> SettingsNamespace:
    """Evaluate the literal parts of a settings module and of the modules it pulls in."""
    ev = _Evaluator(resolve_module)
    ev.run_file(path)
    return ev.ns


def strings_of(value: object) -> list[str]:
    """The string items of a list/tuple value (unknown items skipped)."""
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []
