"""Base classes for transforms: LibCST transformers for Python files, regex editors for text files.

A transform declares, on its class, what the registry (core/registry.py) and the runner need: its title, the file
roles it applies to, the text a file must hold for it (a cheap `wants()` test), and the transforms it runs after.
The runner parses a Python file only when some transform wants it, and resolves metadata only for those
transforms.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Hashable, Iterable

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider, ScopeProvider

from .files import PYTHON
from .notes import Note, line_col
from .scheduled import Context


@dataclass(frozen=True)
class FileInfo:
    """What a transform knows about the file it works on."""

    path: str  # relative to the project root, POSIX
    role: str
    module: str | None  # dotted module name, when the file is importable
    is_package: bool  # an __init__.py

    def absolute(self, name: str) -> str:
        """Resolve a relative dotted name (`.models.User`) against this file's module."""
        if not name.startswith("."):
            return name
        level = len(name) - len(name.lstrip("."))
        rest = name[level:]
        if self.module is None:
            return rest
        base = self.module.split(".")
        if not self.is_package:
            base = base[:-1]
        if level > 1:
            base = base[: len(base) - (level - 1)]
        return ".".join([*base, rest]) if rest else ".".join(base)


def transform_name(cls: type) -> str:
    """A transform is named after its module, the kind of reference it rewrites, as in the CLI and the notes: the
    Python and the text transform of one module share its name."""
    return getattr(cls, "NAME", None) or cls.__module__.rpartition(".")[2]


@functools.lru_cache(maxsize=1)
def lowered(text: str) -> str:
    """The text's lowercase, kept for the last text: select asks every transform about the same one in turn."""
    return text.lower()


class Declared:
    """What every transform declares on its class, once (the base of PythonTransform and TextTransform)."""

    # Its row in the description of a run (the changes of every transform of its name, counted together):
    # one class of each name declares it.
    TITLE: ClassVar[str | None] = None
    # The file roles it runs on (core/files.py: python, migration, settings, template, fixture).
    ROLES: ClassVar[frozenset[str]] = frozenset()
    # What a file's text must hold for it: one of LITERALS (substrings: `in` scans text far faster than a
    # regex; every PATTERN match contains one), then a match of PATTERN. Leave both unset for any file of its roles.
    PATTERN: ClassVar[re.Pattern[str] | None] = None
    LITERALS: ClassVar[tuple[str, ...]] = ()
    # The same for a case-insensitive PATTERN: lowercase substrings one of which the lowercased text holds
    # wherever it matches (letters whose only case partners are ASCII: `in` on text.lower() is then exact).
    FOLDED_LITERALS: ClassVar[tuple[str, ...]] = ()
    # Where it runs among the transforms of its family (Python, text) on one file, and where its row stands in
    # the description: after every transform of these names; RUNS_LAST: after every other of its family.
    RUNS_AFTER: ClassVar[tuple[str, ...]] = ()
    RUNS_LAST: ClassVar[bool] = False

    @classmethod
    def wants(cls, text: str, options: Any, file: FileInfo) -> bool:
        """Does this file need the transform, decided from its text alone: ROLES, LITERALS and PATTERN. Override
        it only to add what they cannot say (ask the project index with _common.wants_user), calling super().
        """
        if file.role not in cls.ROLES:
            return False
        if cls.LITERALS and not any(literal in text for literal in cls.LITERALS):
            return False
        if cls.FOLDED_LITERALS and not any(
            literal in lowered(text) for literal in cls.FOLDED_LITERALS
        ):
            return False
        return cls.PATTERN is None or cls.PATTERN.search(text) is not None

    @property
    def name(self) -> str:
        return transform_name(type(self))


class PythonTransform(Declared, cst.CSTTransformer):
    """A LibCST transformer over one file; subclasses declare ROLES and PATTERN (see Declared).

    Plain CSTTransformer (not LibCST's matcher-aware ContextAwareTransformer, whose per-node matcher
    bookkeeping costs more than the metadata); `context` is core/scheduled.py's Context (what LibCST's
    CodemodContext holds): its functions schedule imports to add and to remove as LibCST's import helpers do.
    """

    ROLES: ClassVar[frozenset[str]] = frozenset({PYTHON})
    # Scope analysis only: qualified names are then asked of the scope for the few nodes that matter,
    # which is much cheaper than QualifiedNameProvider's answer for every node of the file.
    METADATA_DEPENDENCIES = (ScopeProvider,)
    # True when the transform only asks qualified_names() (or reads self.light itself): in files whose
    # imported names are never rebound, the runner then gives it core/light_scope.py instead of the scope.
    LIGHT_SCOPE: ClassVar[bool] = False
    # True when keep_pattern() also holds statement by statement in a function: what the transform does at a
    # statement depends on no other statement of the function that the pattern finds nothing in. The runner
    # then leaves those statements out of LibCST's parse too, when every transform of the file says so.
    STATEMENT_LOCAL: ClassVar[bool] = False

    def __init__(self, context: Context, options: Any, file: FileInfo) -> None:
        super().__init__()
        self.context = context
        self.options = options
        self.file = file
        self.notes: list[Note] = []
        self.facts: list[Hashable] = []
        self.traversal: Any = None  # the runner's shared traversal, set before the visit
        # core.light_scope.LightScope, when the runner resolved no ScopeProvider
        self.light: Any = None

    @classmethod
    def wants_tree(cls, tree: ast.Module, options: Any, file: FileInfo) -> bool:
        """Asked after wants(), of the C parser's tree that the runner makes of every selected file anyway:
        False when nothing in it can be changed or noted, so that LibCST never parses the file for this
        transform. Keep it a superset of what the transform does, as wants()."""
        return True

    @classmethod
    def keep_pattern(cls, options: Any, file: FileInfo, tree: ast.Module) -> re.Pattern[str] | None:
        """What the source of a node holds if this transform may look at it (to change it, note it, or decide
        something from it), for this file (`tree` is its C-parser tree). The runner leaves out of LibCST's parse
        the functions, classes and long list elements where no transform of the file finds its pattern
        (core/elide.py). None: it looks at everything."""
        return None

    # -- helpers -------------------------------------------------------------------------------
    def qualified_names(self, node: cst.CSTNode) -> set[str]:
        """Absolute qualified names of an expression, relative imports resolved against this module."""
        if QualifiedNameProvider in self.metadata:
            names = {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}
        elif ScopeProvider in self.metadata:
            scope = self.get_metadata(ScopeProvider, node, None)
            names = (
                {q.name for q in scope.get_qualified_names_for(node)}
                if scope is not None
                else set()
            )
        elif self.light is not None:
            names = self.light.qualified_names(node)
        else:
            names = set()
        return {self.file.absolute(name) for name in names}

    def position(self, node: cst.CSTNode) -> tuple[int, int]:
        wrapper = self.context.wrapper
        if wrapper is None:
            return 1, 1
        try:
            start = wrapper.resolve(PositionProvider)[node].start
        except KeyError:
            return 1, 1
        return start.line, start.column + 1

    def note(self, node: cst.CSTNode, message: str) -> None:
        line, col = self.position(node)
        self.notes.append(Note(self.file.path, line, col, message, self.name))

    # -- what the other transforms of the same traversal did -----------------------------------------
    def consume(self, node: cst.CSTNode) -> None:
        """Say that this original node (a use of some name) is rewritten away, for the transforms that
        decide at the end of the traversal whether an import is still needed."""
        if self.traversal is not None:
            self.traversal.consumed[id(node)] = node

    def consumed(self, node: cst.CSTNode) -> bool:
        return self.traversal is not None and id(node) in self.traversal.consumed

    def consumed_reads(self, name: str) -> int:
        """How many reads of `name` (Name nodes) the traversal's transforms have rewritten away."""
        if self.traversal is None:
            return 0
        return sum(
            1
            for n in self.traversal.consumed.values()
            if isinstance(n, cst.Name) and n.value == name
        )

    def fact(self, fact: Hashable) -> None:
        """Something the orchestration must act on (a file to generate, a class to register): a frozen
        dataclass of the command's own (swap_user's are in swap_user/transform_facts.py)."""
        self.facts.append(fact)

    def parse_expression(self, source: str) -> cst.BaseExpression:
        """New code parsed with this module's own config, so quotes and newlines match."""
        module = self.context.wrapper.module if self.context.wrapper is not None else None
        config = module.config_for_parsing if module is not None else cst.PartialParserConfig()
        return cst.parse_expression(source, config=config)

    def parse_statement(self, source: str) -> cst.BaseStatement:
        module = self.context.wrapper.module if self.context.wrapper is not None else None
        config = module.config_for_parsing if module is not None else cst.PartialParserConfig()
        return cst.parse_statement(source, config=config)


class TextTransform(Declared):
    """An editor of non-Python files (templates, fixtures) that keeps every other byte as it was."""

    def __init__(self, options: Any, file: FileInfo) -> None:
        self.options = options
        self.file = file
        self.notes: list[Note] = []
        self.facts: list[Hashable] = []

    def transform(self, text: str) -> str:
        raise NotImplementedError

    def note_at(self, text: str, offset: int, message: str) -> None:
        line, col = line_col(text, offset)
        self.notes.append(Note(self.file.path, line, col, message, self.name))


def first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""


def describe(transforms: Iterable[type]) -> list[tuple[str, str]]:
    """(name, one-line docstring of its module) for --list-transforms: each name once, where it first runs."""
    import sys

    out: dict[str, str] = {}
    for cls in transforms:
        module = sys.modules.get(cls.__module__)
        out.setdefault(transform_name(cls), first_line(module.__doc__ if module else cls.__doc__))
    return list(out.items())
