"""Read a project's model classes from its files, without importing it: bases, Meta options, fields.

Names are resolved through each module's imports (relative imports included) and followed across the
project's modules, so `class User(BaseUser)` with `BaseUser` from `core.models` is read through to its own
bases. A name that leads outside the project stays a dotted name (`django.contrib.auth.models.AbstractUser`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable

# What a model's base may be when it leads nowhere else: Django's own roots.
DJANGO_MODEL = frozenset({"django.db.models.Model", "django.db.models.base.Model"})


@dataclass(frozen=True)
class FieldDecl:
    """`name = <call>(<target>, ...)` in a class body."""

    name: str
    call: str  # the callee, resolved through imports: django.db.models.ForeignKey
    line: int
    target: str | None  # the first argument or to=: a resolved name, or a string literal in quotes


@dataclass
class ModelClass:
    module: str
    name: str
    path: str  # relative to the project root
    line: int
    bases: list[str]  # resolved names
    meta: dict[str, object] = field(
        default_factory=dict
    )  # literal Meta options (db_table, abstract, ...)
    fields: dict[str, FieldDecl] = field(default_factory=dict)
    meta_bases: list[str] = field(default_factory=list)  # `class Meta(AbstractUser.Meta)`

    @property
    def qualified(self) -> str:
        return "%s.%s" % (self.module, self.name)

    @property
    def abstract(self) -> bool:
        return self.meta.get("abstract") is True


@dataclass
class _Module:
    name: str
    path: str
    is_package: bool
    imports: dict[str, str]  # bound name -> what it names
    classes: dict[str, ModelClass]


def absolute_module(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of `from <level dots><name> import ...` written in `module`."""
    if not level:
        return name or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: max(0, len(base) - (level - 1))]
    return ".".join([*base, name] if name else base)


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` of a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def module_imports(tree: ast.Module, module: str, is_package: bool) -> dict[str, str]:
    """Names bound by the module's module-level imports (inside if/try too), to what they name."""
    out: dict[str, str] = {}
    stack = list(tree.body)
    while stack:
        stmt = stack.pop(0)
        if isinstance(stmt, ast.ImportFrom):
            source = absolute_module(module, is_package, stmt.level, stmt.module)
            for alias in stmt.names:
                if alias.name != "*":
                    out[alias.asname or alias.name] = (
                        "%s.%s" % (source, alias.name) if source else alias.name
                    )
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    out[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    out.setdefault(head, head)
        elif isinstance(stmt, (ast.If, ast.Try)):
            stack[:0] = [
                *stmt.body,
                *getattr(stmt, "orelse", []),
                *getattr(stmt, "finalbody", []),
                *[s for h in getattr(stmt, "handlers", []) for s in h.body],
            ]
    return out


class ModelIndex:
    """Classes of the project's modules, read on demand; `load(module)` gives (path, text) of a project module."""

    def __init__(self, load: Callable[[str], tuple[str, str, bool] | None]) -> None:
        self._load = load
        self._modules: dict[str, _Module | None] = {}

    def module(self, name: str) -> _Module | None:
        if name not in self._modules:
            self._modules[name] = None
            found = self._load(name)
            if found is not None:
                path, text, is_package = found
                try:
                    tree = ast.parse(text, filename=path)
                except (SyntaxError, ValueError):
                    return None
                self._modules[name] = self._read(name, path, is_package, tree)
        return self._modules[name]

    def classes(self, module: str) -> list[ModelClass]:
        found = self.module(module)
        return list(found.classes.values()) if found is not None else []

    def resolve(self, module: str, name: str) -> str:
        """What a dotted name written in `module` refers to (through its imports and a class of its own)."""
        info = self.module(module)
        head, _, rest = name.partition(".")
        if info is not None:
            if head in info.imports:
                target = info.imports[head]
                return "%s.%s" % (target, rest) if rest else target
            if head in info.classes and not rest:
                return "%s.%s" % (module, head)
        return name

    def find(self, qualified: str, depth: int = 0) -> ModelClass | None:
        """The class a resolved name leads to, following re-exports through the project's modules."""
        module, _, name = qualified.rpartition(".")
        if not module or depth > 8:
            return None
        info = self.module(module)
        if info is None:
            return None
        if name in info.classes:
            return info.classes[name]
        if name in info.imports:
            return self.find(info.imports[name], depth + 1)
        return None

    def ancestors(self, cls: ModelClass, depth: int = 0) -> tuple[set[str], bool]:
        """(every resolved base name up the chain, whether the whole chain was read)."""
        names: set[str] = set()
        complete = True
        for base in cls.bases:
            names.add(base)
            parent = self.find(base)
            if parent is not None and depth < 20:
                more, done = self.ancestors(parent, depth + 1)
                names |= more
                complete &= done
            elif base not in DJANGO_MODEL and not base.startswith("django."):
                complete = False  # a base we cannot read (a third-party package): we do not know
        return names, complete

    def inherits(self, cls: ModelClass, targets: frozenset[str] | set[str]) -> bool | None:
        """True when one of targets is an ancestor, False when the whole chain was read without one, else None."""
        names, complete = self.ancestors(cls)
        if names & set(targets):
            return True
        return False if complete else None

    # -- reading --------------------------------------------------------------------------------
    def _read(self, module: str, path: str, is_package: bool, tree: ast.Module) -> _Module:
        imports = module_imports(tree, module, is_package)
        info = _Module(module, path, is_package, imports, {})
        self._modules[module] = info  # bases may name classes of this module
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef):
                info.classes[stmt.name] = ModelClass(module, stmt.name, path, stmt.lineno, [])
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef):
                self._fill(info, info.classes[stmt.name], stmt)
        return info

    def _fill(self, info: _Module, cls: ModelClass, node: ast.ClassDef) -> None:
        for base in node.bases:
            name = dotted(base)
            if name is not None:
                cls.bases.append(self.resolve(info.name, name))
        for stmt in node.body:
            if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
                cls.meta_bases = [d for d in (dotted(b) for b in stmt.bases) if d]
                for inner in stmt.body:
                    if isinstance(inner, ast.Assign) and isinstance(inner.value, ast.Constant):
                        for target in inner.targets:
                            if isinstance(target, ast.Name):
                                cls.meta[target.id] = inner.value.value
            target, value = _assigned(stmt)
            if target is not None and isinstance(value, ast.Call):
                callee = dotted(value.func)
                if callee is None:
                    continue
                cls.fields[target] = FieldDecl(
                    target, self.resolve(info.name, callee), stmt.lineno, self._target(info, value)
                )

    def _target(self, info: _Module, call: ast.Call) -> str | None:
        node = next(
            (k.value for k in call.keywords if k.arg == "to"), call.args[0] if call.args else None
        )
        if node is None:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return repr(node.value)
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            return self.resolve(info.name, name) + "()" if name else None
        name = dotted(node)
        return self.resolve(info.name, name) if name else None


def _assigned(stmt: ast.stmt) -> tuple[str | None, ast.AST | None]:
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        return stmt.targets[0].id, stmt.value
    if (
        isinstance(stmt, ast.AnnAssign)
        and isinstance(stmt.target, ast.Name)
        and stmt.value is not None
    ):
        return stmt.target.id, stmt.value
    return None, None
