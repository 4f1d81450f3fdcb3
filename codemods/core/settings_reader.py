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


@dataclass
class NamespaceValue:
    """A settings module (`from . import base`) or class bound to a name, for `base.INSTALLED_APPS`."""

    values: dict[str, object]


_MISSING = object()


def _merge(old: object, new: object) -> object:
    """Two values a setting may have: lists and tuples become their union, in order; others must agree."""
    if old is _MISSING or old == new:
        return new
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return type(old)([*old, *(item for item in new if item not in old)])
    return UNKNOWN


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class _Evaluator:
    """Walks module-level statements in order, keeping what can be known for certain."""

    def __init__(self, resolve_module: Callable[[str, Path, int], Path | None]):
        self.resolve_module = resolve_module
        self.ns = SettingsNamespace()
        self._stack: list[Path] = []
        self.returned: list[object] = []  # what a settings property's body returns
        self._from_classes: set[str] = set()  # settings that settings classes define

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
        elif isinstance(stmt, ast.Import):
            self.run_import(stmt, path)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    self.assign(target.id, stmt.value, stmt, path)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
            self.assign(stmt.target.id, stmt.value, stmt, path)
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
            old, extra = self.ns.values.get(name, UNKNOWN), self.eval(stmt.value)
            self.ns.values[name] = (
                self._add(old, extra) if isinstance(stmt.op, ast.Add) else UNKNOWN
            )
            self.ns.assignments.append(Assignment(path, name, stmt, True, True))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.run_call(stmt.value, path)
        elif isinstance(stmt, ast.ClassDef):
            self.run_class(stmt, path)
        elif isinstance(stmt, ast.Return) and stmt.value is not None:
            self.returned.append(self.eval(stmt.value))
        elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
            # Both branches: discovery wants every app a settings module may install.
            self.run_body(stmt.body, path)
            for extra in (getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])):
                self.run_body(extra, path)
            for handler in getattr(stmt, "handlers", []):
                self.run_body(handler.body, path)

    def _scope(self) -> _Evaluator:
        """An evaluator for a class or function body: it sees the module's names, its own stay its own."""
        inner = _Evaluator(self.resolve_module)
        inner._stack = self._stack
        inner.ns.values = dict(self.ns.values)
        return inner

    def run_class(self, stmt: ast.ClassDef, path: Path) -> None:
        """A class of settings (readthedocs' `Settings`, django-configurations' `Configuration`): its upper-case
        attributes and properties, its own and inherited, are settings when it (or a base) has INSTALLED_APPS.
        """
        values: dict[str, object] = {}
        for base in reversed(stmt.bases):
            known = self.eval(base)
            if isinstance(known, NamespaceValue):
                values.update(known.values)
        body = self._scope()
        for item in stmt.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.isupper():
                body.ns.values[item.name] = body.run_function(item, path)
                body.ns.assignments.append(Assignment(path, item.name, item, False, False))
            else:
                body.run_stmt(item, path)
        own = [a for a in body.ns.assignments if a.path == path and a.name.isupper()]
        values.update((a.name, body.ns.values[a.name]) for a in own)
        self.ns.values[stmt.name] = NamespaceValue(values)
        if "INSTALLED_APPS" not in values:
            return
        self.ns.assignments.extend(own)
        for name, value in values.items():
            if name.isupper():
                old = self.ns.values.get(name, _MISSING) if name in self._from_classes else _MISSING
                self.ns.values[name] = _merge(old, value)
                self._from_classes.add(name)

    def run_function(self, func: ast.FunctionDef | ast.AsyncFunctionDef, path: Path) -> object:
        """What a settings property returns: one value, or the union of the lists it may return."""
        body = self._scope()
        body.run_body(func.body, path)
        value: object = _MISSING
        for returned in body.returned:
            value = _merge(value, returned)
        return UNKNOWN if value is _MISSING else value

    def assign(self, name: str, value_node: ast.expr, stmt: ast.stmt, path: Path) -> None:
        derived = name in _names_in(value_node)
        value, old = self.eval(value_node), self.ns.values.get(name, UNKNOWN)
        if value is UNKNOWN and derived and isinstance(old, (list, tuple)):
            # `X = tuple(a for a in X if ...)`, `X = plugins(X)`: the known items may all still be there.
            value = type(old)([*old, UNKNOWN])
        self.ns.values[name] = value
        self.ns.assignments.append(Assignment(path, name, stmt, False, derived))

    def run_import(self, stmt: ast.Import, path: Path) -> None:
        for alias in stmt.names:
            if alias.asname:  # `import site.settings.base as base`
                module = self.read_module(alias.name, path, 0)
                if module is not None:
                    self.ns.values[alias.asname] = module

    def read_module(self, module: str, path: Path, level: int) -> NamespaceValue | None:
        """The values of a settings module imported as a whole, or None when it is not the project's."""
        target = self.resolve_module(module, path, level)
        if target is None or target in self._stack:
            return None
        sub = _Evaluator(self.resolve_module)
        sub._stack = self._stack + [path]
        sub.run_file(
            target
        )  # its files are settings files only when they define INSTALLED_APPS (discovery)
        return NamespaceValue(sub.ns.values)

    def run_import_from(self, stmt: ast.ImportFrom, path: Path) -> None:
        target = self.resolve_module(stmt.module or "", path, stmt.level)
        if target is not None and any(alias.name == "*" for alias in stmt.names):
            self.run_file(target)
            return
        sub = _Evaluator(self.resolve_module)
        sub._stack = self._stack + [path]
        if target is not None:
            sub.run_file(target)
        for f in sub.ns.files:
            if f not in self.ns.files:
                self.ns.files.append(f)
        self.ns.assignments.extend(sub.ns.assignments)
        for alias in stmt.names:
            if alias.name in sub.ns.values:
                self.ns.values[alias.asname or alias.name] = sub.ns.values[alias.name]
            elif alias.name != "*":  # `from . import base`: a submodule
                module = self.read_module(
                    "%s.%s" % (stmt.module, alias.name) if stmt.module else alias.name,
                    path,
                    stmt.level,
                )
                if module is not None:
                    self.ns.values[alias.asname or alias.name] = module

    def run_call(self, call: ast.Call, path: Path) -> None:
        func = call.func
        # django-split-settings: include("base.py", optional("local.py"))
        if isinstance(func, ast.Name) and func.id == "include":
            for arg in call.args:
                if isinstance(arg, ast.Starred):  # include(*configs)
                    arg = arg.value
                if (
                    isinstance(arg, ast.Call)
                    and isinstance(arg.func, ast.Name)
                    and arg.func.id == "optional"
                ):
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
        if isinstance(node, ast.Attribute):
            owner = self.eval(node.value)
            return (
                owner.values.get(node.attr, UNKNOWN)
                if isinstance(owner, NamespaceValue)
                else UNKNOWN
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._add(self.eval(node.left), self.eval(node.right))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("list", "tuple")
        ):
            if len(node.args) == 1:
                inner = self.eval(node.args[0])
                if isinstance(inner, (list, tuple)):
                    return list(inner) if node.func.id == "list" else tuple(inner)
        return UNKNOWN


def read_settings(
    path: Path, resolve_module: Callable[[str, Path, int], Path | None]
) -> SettingsNamespace:
    """Evaluate the literal parts of a settings module and of the modules it pulls in."""
    ev = _Evaluator(resolve_module)
    ev.run_file(path)
    return ev.ns


def strings_of(value: object) -> list[str]:
    """The string items of a list/tuple value (unknown items skipped)."""
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []
