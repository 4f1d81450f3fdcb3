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

An ambiguous name is still answered where the answer does not depend on which binding is meant, decided per
place (the runner gives `locate`, the node's line and column): a name bound by the module's import and, besides,
as a parameter of some functions (`def export(rows, settings=None)`) or in some class bodies (`timezone =
CharField(...)`) means the import everywhere outside those functions and class bodies (a method does not see its
class's names), and a local inside such a function. What is read where a binding's order or kind would matter
(in such a class body itself, in a function that assigns the name, in a lambda or comprehension that binds it,
before the module's import) is still left to the ScopeProvider.
"""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from typing import Callable

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
        self.modules: frozenset[str] = (
            frozenset()
        )  # every module imported anywhere, absolutely (set by build())
        self.zones: _Zones | None = None  # where each binding of a name is seen (set by build())
        # The (line, column) of a node of the tree being transformed, or None (the runner sets it)
        self.locate: Callable[[cst.CSTNode], tuple[int, int] | None] | None = None

    def binding(self, name: str, node: cst.CSTNode | None = None) -> str | None:
        """What `name` means wherever it is read (at `node`, when given), as the qualified name of the
        module-level import that binds it; None when nothing in the module binds it (it is free, for an import
        to be added), LOCAL when a local binding does. A name bound any other way, or imported inside a function
        or a class, is left to the ScopeProvider (NeedsScope) unless `node` says where it is read.
        """
        if name in self.bound or name in self.nested:
            if node is None:
                raise NeedsScope(name)
            return self._at(name, node)
        return self.imports.get(name)

    def _at(self, name: str, node: cst.CSTNode) -> str | None:
        """The binding of `name` read at `node`, decided by the place (module import, LOCAL or None)."""
        where = self.locate(node) if self.locate is not None and self.zones is not None else None
        if where is None:
            raise NeedsScope(name)
        return self.zones.resolve(name, where)

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
            qualified = self._at(node.value, node)
            if qualified is None or qualified is LOCAL:
                return set()  # only names of the module's imports are ever asked about
        else:
            qualified = self.imports[node.value]
        return {".".join([qualified, *reversed(parts)]) if parts else qualified}


# What binding() says of a name a local binding (a parameter) means where it is read.
LOCAL = "<local>"

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_SCOPES = (*_FUNCTIONS, ast.ClassDef, ast.Lambda, *_COMPREHENSIONS)

Position = tuple[
    int, int
]  # line (from 1), column in characters (from 0), as LibCST's PositionProvider


class _Zones:
    """Where each binding of the module's names is seen, from the C parser's tree, as LibCST's ScopeProvider
    sees it: a function's parameters in its body (and the functions and classes in it), a class's names in its
    own body only (not in its methods), the module's names wherever no nearer binding is seen."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # name -> {id(scope node): (scope node, bound only as a parameter)}, for bindings in functions, lambdas,
        # classes and comprehensions
        self.local: dict[str, dict[int, tuple[ast.AST, bool]]] = {}
        self.module: dict[str, set[str]] = {}  # name -> what the module's imports of it name
        self.module_other: set[str] = set()  # names the module binds other than by an import
        self.first_import: dict[str, Position] = {}
        self.unsupported: set[str] = (
            set()
        )  # global, nonlocal, an assignment expression in a comprehension
        self._nested: dict[int, list[ast.AST]] = {}

    # -- positions -------------------------------------------------------------------------------------
    def _at(self, lineno: int, byte_col: int) -> Position:
        line = self.lines[lineno - 1] if 0 < lineno <= len(self.lines) else ""
        return lineno, len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def _start(self, node: ast.AST) -> Position:
        decorators = getattr(node, "decorator_list", None)
        if decorators:
            return decorators[0].lineno, 0  # a decorator starts its own line
        return self._at(node.lineno, node.col_offset)

    def _end(self, node: ast.AST) -> Position:
        return self._at(node.end_lineno, node.end_col_offset)

    def _within(self, node: ast.AST, where: Position) -> bool:
        return self._start(node) <= where < self._end(node)

    def _in_body(self, node: ast.AST, where: Position) -> bool:
        """Is `where` in the body of a function or class (not its decorators, signature or bases)?"""
        return self._start(node.body[0]) <= where < self._end(node)

    def _nested_scopes(self, cls: ast.ClassDef) -> list[ast.AST]:
        """The functions, classes, lambdas and comprehensions right in a class's body (not in one another)."""
        found = self._nested.get(id(cls))
        if found is None:
            found = []
            todo = list(reversed(cls.body))
            while todo:
                node = todo.pop()
                if isinstance(node, _SCOPES):
                    found.append(node)
                else:
                    todo.extend(ast.iter_child_nodes(node))
            self._nested[id(cls)] = found
        return found

    # -- the answer ------------------------------------------------------------------------------------
    def resolve(self, name: str, where: Position) -> str | None:
        if name in self.unsupported:
            raise NeedsScope(name)
        scopes = [
            scope
            for scope, parameter in self.local.get(name, {}).values()
            if self._within(scope, where)
        ]
        scopes.sort(key=self._start, reverse=True)  # innermost first: they nest
        for scope in scopes:
            if isinstance(scope, _FUNCTIONS) and self._in_body(scope, where):
                if self.local[name][id(scope)][1]:
                    return LOCAL  # a parameter, bound before anything in the body reads it
                raise NeedsScope(name)  # assigned in the body: before or after the read?
            if not isinstance(scope, ast.ClassDef) or not self._in_body(scope, where):
                raise NeedsScope(name)  # a lambda's or comprehension's, or a signature's
            # A class's names are seen in its own body only, not in the functions or classes in it.
            inner = next((n for n in self._nested_scopes(scope) if self._within(n, where)), None)
            if not (isinstance(inner, (*_FUNCTIONS, ast.ClassDef)) and self._in_body(inner, where)):
                raise NeedsScope(name)
        if name in self.module_other or len(self.module.get(name, ())) > 1:
            raise NeedsScope(name)
        if name in self.module:
            if where < self.first_import[name]:
                raise NeedsScope(name)  # read at module level before its import?
            return next(iter(self.module[name]))
        return None


class _Unsupported(Exception):
    pass


class _Walk(ast.NodeVisitor):
    def __init__(self, zones: _Zones) -> None:
        self.imports: dict[str, str] = {}
        self.rebound: set[str] = set()
        self.reads: Counter[str] = Counter()
        self.nested: set[str] = set()  # names imported inside a function or a class
        self.modules: set[str] = set()  # the modules imported (absolutely), anywhere
        self.depth = 0  # functions, lambdas and classes around the node
        self.hint = False  # inside an annotation or a typing.X[...] subscript
        self.zones = zones
        self.scopes: list[ast.AST] = (
            []
        )  # the functions, lambdas, classes and comprehensions around the node

    def _bind(
        self, name: str, parameter: bool = False, scope: ast.AST | None = None, other: bool = True
    ) -> None:
        """A binding of `name` other than an import at module level, in `scope` (else the current one);
        `other`: by anything but an import."""
        if other:
            self.rebound.add(name)
        scope = scope if scope is not None else (self.scopes[-1] if self.scopes else None)
        if scope is None:
            self.zones.module_other.add(name)
            return
        bindings = self.zones.local.setdefault(name, {})
        _, only_parameters = bindings.get(id(scope), (scope, True))
        bindings[id(scope)] = (scope, only_parameters and parameter)

    def _import(self, name: str, qualified: str, node: ast.AST) -> None:
        if self.imports.get(name, qualified) != qualified:
            self.rebound.add(name)  # the same name imported from two places
        self.imports[name] = qualified
        if self.depth:
            self.nested.add(name)
        if self.scopes:
            self._bind(name, other=False)
        else:
            self.zones.module.setdefault(name, set()).add(qualified)
            self.zones.first_import.setdefault(name, self.zones._at(node.lineno, node.col_offset))

    def visit_Import(self, node: ast.Import) -> None:
        self.modules.update(alias.name for alias in node.names)
        for alias in node.names:
            if alias.asname:
                self._import(alias.asname, alias.name, node)
            else:
                top = alias.name.split(".")[0]
                self._import(top, top, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = "." * node.level + (node.module or "")
        if not node.level and node.module:
            self.modules.add(node.module)
        for alias in node.names:
            if alias.name == "*":
                raise _Unsupported
            qualified = "%s%s%s" % (
                module,
                "" if module.endswith(".") or not module else ".",
                alias.name,
            )
            self._import(alias.asname or alias.name, qualified, node)

    # -- every other binding ----------------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.reads[node.id] += 1
        else:
            self._bind(node.id)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        if any(isinstance(scope, _COMPREHENSIONS) for scope in self.scopes):
            self.zones.unsupported.add(node.target.id)  # whose scope does it bind in?
        self.generic_visit(node)

    def _function(self, node) -> None:
        if getattr(node, "type_params", None):
            raise _Unsupported  # PEP 695 scopes
        self._bind(node.name)
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._annotated(node.args, node)
        if node.returns is not None:
            self._hint(node.returns)
        self._body(node)

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def _body(self, node) -> None:
        """The statements of a function or a class, one level deeper, in its own scope."""
        self.depth += 1
        self.scopes.append(node)
        for stmt in node.body:
            self.visit(stmt)
        self.scopes.pop()
        self.depth -= 1

    def _annotated(self, args: ast.arguments, scope: ast.AST) -> None:
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is None:
                continue
            self._bind(arg.arg, parameter=True, scope=scope)
            if arg.annotation is not None:
                self._hint(arg.annotation)
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self.visit(default)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._annotated(node.args, node)
        self.scopes.append(node)
        self.visit(node.body)
        self.scopes.pop()

    def _comprehension(self, node) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if getattr(node, "type_params", None):
            raise _Unsupported
        self._bind(node.name)
        for child in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(child)
        self._body(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit(node.target)
        self._hint(node.annotation)
        if node.value is not None:
            self.visit(node.value)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        # bound in another scope than it looks: left to the ScopeProvider
        self.rebound.update(node.names)
        self.zones.unsupported.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node) -> None:
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node) -> None:
        if node.rest:
            self._bind(node.rest)
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


@functools.lru_cache(maxsize=4)
def parse(source: str) -> ast.Module | None:
    """The C parser's tree of the module, or None when the running Python cannot parse it. The last four are
    kept: the worker that rewrote a file lays out its changes (core/layout.py) from the same text's tree. Its
    readers leave it as it is."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def build(source: str | ast.Module | None, text: str | None = None) -> LightScope | None:
    """The module's imports and how often each name is read, or None when the module is beyond this analysis.
    Takes the source or its tree (parse()), which the runner parses once for the prefilters and for this; with
    a tree, `text` is its source (for the columns of the places a name is read, see LightScope.locate).
    """
    tree = parse(source) if isinstance(source, str) else source
    if tree is None:
        return None
    text = source if isinstance(source, str) else text
    walk = _Walk(_Zones(text.splitlines() if text is not None else []))
    try:
        walk.visit(tree)
    except (_Unsupported, RecursionError):
        return None
    light = LightScope(
        walk.imports, walk.reads, walk.rebound & set(walk.imports), walk.rebound, walk.nested
    )
    light.modules = frozenset(walk.modules)
    if text is not None:
        light.zones = walk.zones
    return light
