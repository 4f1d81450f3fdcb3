"""Name resolution for the common case: every imported name is bound once, by its import, and never rebound.

LibCST's ScopeProvider is exact, and it is most of the cost of a run (about thirty times `ast.parse` per line,
with the expression-context analysis it needs). Most files a transform must resolve names in are simple: their
imported names are never assigned, deleted, declared global, used as parameters or rebound by another import.
In such a file every read of an imported name means the import, whatever the scope, so the C parser's tree is
enough to answer what the transforms ask: what an expression rooted in an imported name is called in full, and
how often each imported name is read, and what binds a name (`settings`, `migrations`) wherever it is read. A
name that is also bound some other way (a class attribute named like an imported decorator, say) is ambiguous:
asking about it raises NeedsScope, and the runner does the file again with LibCST's ScopeProvider. What this does
not model at all (a star import, PEP 695 type parameters, syntax the running Python cannot parse) makes `build()`
return None; a name declared `global` or `nonlocal` is ambiguous.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import libcst as cst

_WORD = re.compile(r"[A-Za-z_]\w*")
_TYPING = ("typing", "typing_extensions")


class NeedsScope(Exception):
    """A transform asked about a name this analysis cannot answer for: use the ScopeProvider."""


class LightScope:
    def __init__(
        self,
        imports: dict[str, str],
        reads: Counter[str],
        ambiguous: set[str],
        bound: set[str] = frozenset(),
        nested: set[str] = frozenset(),
    ) -> None:
        self.imports = imports  # bound name -> what it names ("django.contrib.auth.models.User", ".models.User")
        self._reads = reads  # name -> how many times it is read (string annotations included)
        self.ambiguous = ambiguous  # imported names also bound some other way
        # names bound other than by an import (assigned, defined, a parameter...)
        self.bound = bound
        self.nested = nested  # names an import binds inside a function or a class

    def binding(self, name: str) -> str | None:
        """What `name` means wherever it is read, as the qualified name of the module-level import that binds
        it; None when nothing in the module binds it (it is free, for an import to be added). A name bound any
        other way, or imported inside a function or a class, is left to the ScopeProvider (NeedsScope).
        """
        if name in self.bound or name in self.nested:
            raise NeedsScope(name)
        return self.imports.get(name)

    def reads(self, name: str) -> int:
        if name in self.ambiguous:
            raise NeedsScope(name)
        return self._reads[name]

    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        """Like ScopeProvider's answer for a Name or an Attribute chain rooted in an imported name."""
        parts: list[str] = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name) or node.value not in self.imports:
            return set()
        if node.value in self.ambiguous:
            raise NeedsScope(node.value)
        qualified = self.imports[node.value]
        return {".".join([qualified, *reversed(parts)]) if parts else qualified}


class _Unsupported(Exception):
    pass


class _Walk(ast.NodeVisitor):
    def __init__(self) -> None:
        self.imports: dict[str, str] = {}
        self.rebound: set[str] = set()
        self.reads: Counter[str] = Counter()
        self.nested: set[str] = set()  # names imported inside a function or a class
        self.depth = 0  # functions, lambdas and classes around the node
        self.hint = False  # inside an annotation or a typing.X[...] subscript

    def _import(self, name: str, qualified: str) -> None:
        if self.imports.get(name, qualified) != qualified:
            self.rebound.add(name)  # the same name imported from two places
        self.imports[name] = qualified
        if self.depth:
            self.nested.add(name)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self._import(alias.asname, alias.name)
            else:
                top = alias.name.split(".")[0]
                self._import(top, top)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                raise _Unsupported
            qualified = "%s%s%s" % (
                module,
                "" if module.endswith(".") or not module else ".",
                alias.name,
            )
            self._import(alias.asname or alias.name, qualified)

    # -- every other binding ----------------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.reads[node.id] += 1
        else:
            self.rebound.add(node.id)

    def _function(self, node) -> None:
        if getattr(node, "type_params", None):
            raise _Unsupported  # PEP 695 scopes
        self.rebound.add(node.name)
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._annotated(node.args)
        if node.returns is not None:
            self._hint(node.returns)
        self.depth += 1
        for stmt in node.body:
            self.visit(stmt)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def _annotated(self, args: ast.arguments) -> None:
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is None:
                continue
            self.rebound.add(arg.arg)
            if arg.annotation is not None:
                self._hint(arg.annotation)
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self.visit(default)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._annotated(node.args)
        self.visit(node.body)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if getattr(node, "type_params", None):
            raise _Unsupported
        self.rebound.add(node.name)
        for child in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(child)
        self.depth += 1
        for stmt in node.body:
            self.visit(stmt)
        self.depth -= 1

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit(node.target)
        self._hint(node.annotation)
        if node.value is not None:
            self.visit(node.value)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.rebound.add(node.name)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self.rebound.update(
            node.names
        )  # bound in another scope than it looks: left to the ScopeProvider

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node) -> None:
        if node.name:
            self.rebound.add(node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node) -> None:
        if node.rest:
            self.rebound.add(node.rest)
        self.generic_visit(node)

    def visit_TypeAlias(self, node) -> None:  # PEP 695 scopes: leave them to the ScopeProvider
        raise _Unsupported

    # -- names read in string annotations ("Optional[User]") -------------------------------------------
    def _hint(self, node: ast.AST) -> None:
        outer, self.hint = self.hint, True
        self.visit(node)
        self.hint = outer

    def visit_Subscript(self, node: ast.Subscript) -> None:
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        typing = isinstance(root, ast.Name) and self.imports.get(root.id, "").startswith(_TYPING)
        self.visit(node.value)
        outer, self.hint = self.hint, self.hint or typing
        self.visit(node.slice)
        self.hint = outer

    def visit_Constant(self, node: ast.Constant) -> None:
        if self.hint and isinstance(node.value, str):
            try:
                inner = ast.parse(node.value, mode="eval")
            except SyntaxError:
                return  # as LibCST does: an annotation that does not parse names nothing
            self.visit(inner)


def parse(source: str) -> ast.Module | None:
    """The C parser's tree of the module, or None when the running Python cannot parse it."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def build(source: str | ast.Module | None) -> LightScope | None:
    """The module's imports and how often each name is read, or None when the module is beyond this analysis.
    Takes the source or its tree (parse()), which the runner parses once for the prefilters and for this.
    """
    tree = parse(source) if isinstance(source, str) else source
    if tree is None:
        return None
    walk = _Walk()
    try:
        walk.visit(tree)
    except (_Unsupported, RecursionError):
        return None
    return LightScope(
        walk.imports, walk.reads, walk.rebound & set(walk.imports), walk.rebound, walk.nested
    )
