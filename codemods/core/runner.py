"""Run transforms over a project: select files from their text, parse each selected file once, in a pool.

Nothing is written here: the runner returns the new text of every file it would change, with the notes and
facts the transforms reported. Writing is the plan's job (all or nothing).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import functools
import gc
import multiprocessing
import os
import re
import traceback
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, ScopeProvider

from . import elide, layout, light_scope, scheduled
from .files import SourceFile, read_source
from .imports import place_imports, remove_unused_imports
from .notes import Note
from .style import ProjectStyle
from .transform import FileInfo, PythonTransform, TextTransform, transform_name
from .wrap import HOLDS_STATEMENTS, ElidedTooLong, wrap_long_statements

# Set to make every file use LibCST's ScopeProvider (the tests compare both analyses with it).
FULL_SCOPE = "CODEMODS_FULL_SCOPE"
# Below this much candidate text a process pool costs more than it saves.
POOL_MIN_BYTES = 100_000


@dataclass
class FileResult:
    path: str
    old_text: str
    new_text: str
    notes: list[Note] = field(default_factory=list)
    facts: list[Hashable] = field(default_factory=list)  # what the transforms reported (self.fact)
    changes: dict[str, int] = field(default_factory=dict)  # transform name -> sites it changed
    error: str | None = None  # "line:col: what" when the file does not parse
    crash: str | None = None  # a transform failed: the traceback, shown with --verbose
    encoding: str = "utf-8"  # the file's own, to write it back with
    # the new text as the project's formatter lays it out, when run's `finish` did that where the file was
    # rewritten (None: not done there)
    laid_out: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.crash is None and self.new_text != self.old_text


@dataclass(frozen=True)
class Job:
    file: FileInfo
    text: str
    transforms: tuple[type, ...]
    encoding: str = "utf-8"


def _changed_lines(before: str, after: str) -> int:
    old, new = before.splitlines(), after.splitlines()
    if len(old) == len(new):
        return sum(1 for a, b in zip(old, new) if a != b)
    return abs(len(old) - len(new)) or 1


def _parse_error(exc: cst.ParserSyntaxError, text: str) -> str:
    """line:col: what, for a file LibCST cannot parse, as Python reports it.

    LibCST's native parser places a parser error at the token after the one it stopped on (often the next
    line: `def f(:` is reported where the body starts), and a tokenizer error at line 1. Python's own parser
    knows the place; LibCST's answer is kept for syntax only Python accepts."""
    try:
        ast.parse(text)
    except SyntaxError as err:
        return "%d:%d: %s" % (err.lineno or 1, err.offset or 1, err.msg)
    except ValueError:  # a null byte
        pass
    return "%d:%d: %s" % (exc.raw_line, exc.raw_column + 1, str(exc.message).splitlines()[0])


_HANDLERS: dict[tuple[type, str], Callable | None] = {}
_ATTRIBUTE_HOOK = re.compile(r"^(visit|leave)_[A-Z][A-Za-z]*_[a-z_]+$")


def _handler(cls: type, name: str) -> Callable | None:
    """cls's visit_*/leave_* method of that name, or None for LibCST's no-op stubs (most of them)."""
    try:
        return _HANDLERS[cls, name]
    except KeyError:
        func = getattr(cls, name, None)
        found = _HANDLERS[cls, name] = (
            None if func is None or getattr(func, "_is_no_op", False) else func
        )
        return found


@functools.lru_cache(maxsize=None)
def _has_attribute_hooks(cls: type) -> bool:
    return any(
        _ATTRIBUTE_HOOK.match(name) and not getattr(getattr(cls, name), "_is_no_op", False)
        for name in dir(cls)
    )


class _Pass(cst.CSTTransformer):
    """Several transformers in one traversal of one tree, sharing one metadata resolution."""

    def __init__(self, transformers: Sequence[PythonTransform], track: bool = False) -> None:
        super().__init__()
        self.transformers = list(transformers)
        self.skipping: dict[int, cst.CSTNode] = (
            {}
        )  # transformer index -> node whose children it skips
        self.changes: dict[str, int] = {}  # transform name -> nodes it replaced
        self.consumed: dict[int, cst.CSTNode] = (
            {}
        )  # original nodes a transform rewrote away (see consume())

        # Transformers that override on_visit/on_leave (DropsStatements) get every node; the others only
        # the nodes they have a method for, looked up once per class and name.
        # visit_<Node>_<field> / leave_<Node>_<field> hooks: does any transformer define one?
        self._attribute_hooks = any(_has_attribute_hooks(type(t)) for t in self.transformers)
        self._generic = [
            type(t).on_visit is not cst.CSTTransformer.on_visit
            or type(t).on_leave is not cst.CSTTransformer.on_leave
            for t in self.transformers
        ]
        self._acts: dict[str, dict[type, bool]] = {"visit": {}, "leave": {}}
        # With track: the node being visited or left, and the statements it is in as (statement, its number in
        # the order the traversal meets statements), for _locator; `lost` once a statement goes unvisited.
        self.track = track
        self.current: cst.CSTNode | None = None
        self.statements: list[tuple[cst.CSTNode, int]] = []
        self.met = 0
        self.lost = False

    def _acting(self, kind: str, node_type: type) -> bool:
        """Does any transformer act on this kind of node (a visit_/leave_ method, or every node)?"""
        acts = self._acts[kind]
        found = acts.get(node_type)
        if found is None:
            name = "%s_%s" % (kind, node_type.__name__)
            found = acts[node_type] = any(
                generic or _handler(type(t), name) is not None
                for t, generic in zip(self.transformers, self._generic)
            )
        return found

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not self.track and not self.skipping and not self._acts["visit"].get(type(node), True):
            return True  # most nodes, as below, without the call
        if self.track:
            self.current = node
            if type(node) in _STATEMENTS:
                self.statements.append((node, self.met))
                self.met += 1
        if not self.skipping and not self._acting("visit", type(node)):
            return True  # most nodes: no transformer has a method for them
        children = False
        name = "visit_" + type(node).__name__
        for i, t in enumerate(self.transformers):
            if i in self.skipping:
                continue
            if self._generic[i]:
                keep = t.on_visit(node)
            else:
                func = _handler(type(t), name)
                keep = func is None or func(t, node) is not False
            if keep:
                children = True
            else:
                self.skipping[i] = node
        if self.track and not children and isinstance(node, _HOLDS_STATEMENTS):
            self.lost = True  # the statements in it go uncounted
        return children

    def on_leave(self, original_node, updated_node):
        if (
            not self.track
            and not self.skipping
            and not self._acts["leave"].get(type(original_node), True)
        ):
            return updated_node  # most nodes, as in _leave, without its call
        if self.track:
            self.current = original_node
            try:
                return self._leave(original_node, updated_node)
            finally:
                if type(original_node) in _STATEMENTS:
                    self.statements.pop()
        return self._leave(original_node, updated_node)

    def _leave(self, original_node, updated_node):
        if not self.skipping and not self._acting("leave", type(original_node)):
            return updated_node
        result = updated_node
        for i, t in enumerate(self.transformers):
            held = self.skipping.get(i)
            if held is not None and held is not original_node:
                continue
            self.skipping.pop(i, None)
            if not isinstance(result, cst.CSTNode) or type(result) is not type(original_node):
                continue  # an earlier transformer replaced the node by another kind: the rest keep off it
            if self._generic[i]:
                new = t.on_leave(original_node, result)
            else:
                func = _handler(type(t), "leave_" + type(original_node).__name__)
                if func is None:
                    continue
                new = func(t, original_node, result)
            if new is not result and not (isinstance(new, cst.CSTNode) and new.deep_equals(result)):
                self.changes[t.name] = self.changes.get(t.name, 0) + 1
            result = new
        return result

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if not self._attribute_hooks:
            return  # called for every field of every node: the common case must cost nothing
        name = "visit_%s_%s" % (type(node).__name__, attribute)
        for i, t in enumerate(self.transformers):
            if i not in self.skipping:
                func = _handler(type(t), name)
                if func is not None:
                    func(t, node)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        if not self._attribute_hooks:
            return
        name = "leave_%s_%s" % (type(original_node).__name__, attribute)
        for i, t in enumerate(self.transformers):
            if i not in self.skipping:
                func = _handler(type(t), name)
                if func is not None:
                    func(t, original_node)


def _scope_free(classes: Sequence[type]) -> bool:
    """Do the transforms that need a scope analysis all make do with the light one (core/light_scope.py)?"""
    needing = [cls for cls in classes if ScopeProvider in cls.METADATA_DEPENDENCIES]
    return (
        bool(needing) and all(cls.LIGHT_SCOPE for cls in needing) and not os.environ.get(FULL_SCOPE)
    )


class _Whole(Exception):
    """The skeleton (core/elide.py) does not do for this file: do it again from its whole text; with `scope`,
    under LibCST's ScopeProvider at once (the light analysis already failed on a part of the same questions).
    """

    def __init__(self, scope: bool = False) -> None:
        super().__init__()
        self.scope = scope


def _run_pass(
    tree: cst.Module,
    source: ast.Module | str | None,
    classes: list[type],
    context: scheduled.Context,
    options: Any,
    file: FileInfo,
    result: FileResult,
    sparse: bool = False,
    exact: bool = False,
    text: str | None = None,
    parsed: str | None = None,
) -> cst.Module:
    """All the file's Python transforms in one traversal, over one metadata resolution: the light one when
    it covers the file, else (or when a transform asks about an ambiguous name) LibCST's ScopeProvider.
    `source` is the file's C-parser tree (None when it has none), or its text; `text`, the file's whole text;
    `parsed`, the text LibCST parsed (a skeleton's, when it is one).
    A `sparse` tree (a skeleton) has only the light analysis: where that does not answer, _Whole. `exact`: the
    ScopeProvider at once.
    """
    light = light_scope.build(source, text) if _scope_free(classes) and not exact else None
    if light is not None:
        scratch = copy.deepcopy(context.scratch)
        try:
            # a skeleton's statements are found from its own text, when asked
            statements = parsed if sparse else source if isinstance(source, ast.Module) else None
            return _traverse(tree, classes, context, options, file, result, light, statements)
        except light_scope.NeedsScope:
            if sparse:
                raise _Whole(scope=True)
            context.scratch.clear()
            context.scratch.update(scratch)  # what the abandoned traversal scheduled is dropped
    elif sparse and any(ScopeProvider in cls.METADATA_DEPENDENCIES for cls in classes):
        raise _Whole(scope=True)
    return _traverse(tree, classes, context, options, file, result, None)


def _traverse(tree, classes, context, options, file, result, light, statements=None) -> cst.Module:
    wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
    transformers = [cls(context, options, file) for cls in classes]
    for t in transformers:
        # A transform's own METADATA_DEPENDENCIES (the nearest declaration, not LibCST's union over the
        # class hierarchy): a transform that needs no scope analysis does not pay for it, and none does
        # when the light analysis covers the file.
        deps = type(t).METADATA_DEPENDENCIES
        if light is not None:
            deps = tuple(d for d in deps if d is not ScopeProvider)
        t.context = replace(t.context, wrapper=wrapper)
        t.metadata = wrapper.resolve_many(deps)
        t.light = light
    # the light analysis asks where a node is only of a name bound in several ways
    ambiguous = light is not None and bool(light.bound or light.nested)
    traversal = _Pass(transformers, track=ambiguous and statements is not None)
    if light is not None:
        light.locate = _locator(wrapper, traversal, statements, light)
    for t in transformers:
        t.traversal = traversal
    try:
        new_tree = wrapper.module.visit(traversal)
    finally:
        # The transformers and the traversal, the light analysis and its locator, hold each other: unlinked,
        # the file's trees go as soon as it is done, not at the next full collection.
        for t in transformers:
            t.traversal = None
        if light is not None:
            light.locate = None
    for name, count in traversal.changes.items():
        result.changes[name] = result.changes.get(name, 0) + count
    for t in transformers:
        result.notes.extend(t.notes)
        result.facts.extend(t.facts)
    return new_tree


def _locator(
    wrapper: MetadataWrapper,
    traversal: _Pass,
    statements: ast.Module | str | None,
    light: light_scope.LightScope,
) -> Callable[[cst.CSTNode], tuple[int, int] | None]:
    """Where a node of the wrapped tree is, for the light analysis (line, column). A node at or in the one the
    traversal is at, in a simple statement or in a compound statement's header (decorators, signature, test)
    that holds no lambda or comprehension, is where that statement starts: the same functions and classes hold
    both. That statement is the traversal's n-th, and the n-th of the C parser's tree of the same text
    (`statements`, or the text to parse) in the same order. Anything else: LibCST's positions of the whole
    file, computed the first time (a skeleton's are the file's)."""
    positions: list[Any] = []
    ordered: list[list[ast.stmt] | None] = []

    def in_statement(node: cst.CSTNode) -> tuple[int, int] | None:
        if not traversal.track or traversal.lost or not traversal.statements or light.zones is None:
            return None
        if traversal.current is None or not _within(node, traversal.current):
            return None
        statement, n = traversal.statements[-1]
        if isinstance(statement, cst.BaseCompoundStatement) and isinstance(
            traversal.current, _HOLDS_STATEMENTS
        ):
            return None  # the traversal is at the statement or at a block of it: the node may be in its body
        if not ordered:
            tree = (
                statements if isinstance(statements, ast.Module) else light_scope.parse(statements)
            )
            ordered.append(layout.in_order(tree) if tree is not None else None)
        found = ordered[0]
        if found is None or n >= len(found) or not _same_statement(statement, found[n]):
            return None
        stmt = found[n]
        if isinstance(statement, cst.BaseCompoundStatement):
            # the node is in its header (its body's statements come later): where the statement starts
            # (its first decorator) is in the same functions and classes, and so in none of its own
            if any(_holds_scopes(part) for part in _header(stmt)):
                return None
            return light.zones._start(stmt)
        if _holds_scopes(stmt):
            return None
        return light.zones._at(stmt.lineno, stmt.col_offset)

    def locate(node: cst.CSTNode) -> tuple[int, int] | None:
        near = in_statement(node)
        if near is not None:
            return near
        if not positions:
            positions.append(wrapper.resolve(PositionProvider))
        at = positions[0].get(node)
        return None if at is None else (at.start.line, at.start.column)

    return locate


# What the traversal counts as statements, in the order it meets them; and what a statement skipped whole hides.
_STATEMENTS = frozenset(
    cls
    for base in (cst.BaseSmallStatement, cst.BaseCompoundStatement)
    for cls in vars(cst).values()
    if isinstance(cls, type) and base in cls.__mro__ and not cls.__name__.startswith("Base")
)  # the concrete classes: a set lookup per node, not an ABC's isinstance (nor, here, its issubclass)
_HOLDS_STATEMENTS = (*HOLDS_STATEMENTS, cst.SimpleStatementLine)
# LibCST's name of a statement where the C parser's differs
_AST_NAMES = {"Del": "Delete"}


def _same_statement(node: cst.CSTNode, stmt: ast.stmt) -> bool:
    name = type(node).__name__
    if isinstance(node, (cst.FunctionDef, cst.For, cst.With)) and node.asynchronous is not None:
        name = "Async" + name
    return type(stmt).__name__ == _AST_NAMES.get(name, name)


def _within(node: cst.CSTNode, current: cst.CSTNode, limit: int = 400) -> bool:
    """Is node the current node or in it (looked for among at most `limit` nodes)?"""
    todo = [current]
    while todo and limit:
        here = todo.pop()
        if here is node:
            return True
        todo.extend(here.children)
        limit -= 1
    return False


def _header(stmt: ast.stmt) -> list[ast.AST]:
    """The parts of a compound statement outside its blocks: decorators, signature, bases, test, items..."""
    parts: list[ast.AST] = []
    for name, value in ast.iter_fields(stmt):
        if name in ("body", "orelse", "finalbody"):
            continue
        if name == "handlers":
            parts += [h.type for h in value if h.type is not None]
        elif name == "cases":
            parts += [c.pattern for c in value] + [c.guard for c in value if c.guard is not None]
        elif isinstance(value, ast.AST):
            parts.append(value)
        elif isinstance(value, list):
            parts += [v for v in value if isinstance(v, ast.AST)]
    return parts


def _holds_scopes(stmt: ast.AST) -> bool:
    """Does the statement hold a lambda or a comprehension (a scope of its own inside the statement)?"""
    return any(isinstance(node, _SCOPE_EXPRESSIONS) for node in ast.walk(stmt))


_SCOPE_EXPRESSIONS = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _skeleton(
    text: str, syntax: ast.Module | None, classes: Sequence[type], options: Any, file: FileInfo
) -> elide.Skeleton | None:
    """The file with what none of its transforms looks at left out (core/elide.py), when they all say what
    they look at and make do with the light name resolution."""
    if syntax is None or os.environ.get(FULL_SCOPE):
        return None
    if any(ScopeProvider in cls.METADATA_DEPENDENCIES and not cls.LIGHT_SCOPE for cls in classes):
        return None
    patterns = [cls.keep_pattern(options, file, syntax) for cls in classes]
    if any(p is None for p in patterns):
        return None
    keep = re.compile(
        "|".join(("(?i:%s)" if p.flags & re.I else "(?:%s)") % p.pattern for p in patterns)
    )
    return elide.skeleton(
        text, syntax, keep, statements=all(cls.STATEMENT_LOCAL for cls in classes)
    )


def _rewrite(
    text: str,
    syntax: ast.Module | None,
    python: list[type],
    options: Any,
    style: ProjectStyle,
    file: FileInfo,
    result: FileResult,
    sparse: elide.Skeleton | None = None,
    exact: bool = False,
    whole_text: str | None = None,
) -> str:
    """The file's new text after its Python transforms: from its whole text, or from a skeleton of it (then
    `text` is the skeleton's, `whole_text` the file's, and _Whole when the skeleton does not do)."""
    try:
        tree = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        if sparse is not None:
            raise _Whole
        result.error = _parse_error(exc, text)
        return text
    module = file.module
    package = module if file.is_package else (module.rpartition(".")[0] if module else None)
    context = scheduled.Context(
        filename=file.path, full_module_name=module, full_package_name=package
    )
    tree = _run_pass(
        tree,
        syntax,
        python,
        context,
        options,
        file,
        result,
        sparse is not None,
        exact,
        text if whole_text is None else whole_text,
        text,
    )
    needed = context.scratch.pop(scheduled.ADD, [])
    simple = [
        (i.module, i.obj_name) for i in needed if i.obj_name and not i.alias and not i.relative
    ]
    rest = [i for i in needed if (i.module, i.obj_name) not in simple or i.alias or i.relative]
    if simple:
        tree = place_imports(tree, list(dict.fromkeys(simple)), style)
    if rest:
        tree = scheduled.add_imports(context, tree, rest)
    unused = context.scratch.pop(scheduled.REMOVE, [])
    if unused:
        if sparse is not None:
            raise _Whole  # whether a name is still written is asked of the whole text
        tree = remove_unused_imports(tree, unused, package)
    code = tree.code
    if sparse is None:
        return code if code == text else wrap_long_statements(tree, code, text, style.line_length)
    whole = elide.restore(code, sparse.parts)
    original = elide.restore(text, sparse.parts)
    if whole is None or original is None:
        raise _Whole
    if whole != original:
        try:
            whole = wrap_long_statements(tree, whole, original, style.line_length, sparse.parts)
        except ElidedTooLong:
            raise _Whole
    notes = [replace(n, message=elide.restore_text(n.message, sparse.parts)) for n in result.notes]
    facts = [
        tuple(elide.restore_text(x, sparse.parts) if isinstance(x, str) else x for x in f)
        for f in result.facts
    ]
    if any(n.message is None for n in notes) or any(x is None for f in facts for x in f):
        raise _Whole
    result.notes[:], result.facts[:] = notes, facts
    return whole


def run_job(job: Job, options: Any, style: ProjectStyle = ProjectStyle()) -> FileResult:
    """Apply every wanted transform to one file, parsing it once (what of it they look at); the imports it adds
    and the statements it lengthens follow the project's style."""
    result = FileResult(job.file.path, job.text, job.text, encoding=job.encoding)
    current: list[type] = []
    try:
        text = job.text
        python = [t for t in job.transforms if issubclass(t, PythonTransform)]
        for cls in job.transforms:
            if issubclass(cls, TextTransform):
                editor = cls(options, job.file)
                before, text = text, editor.transform(text)
                if text != before:
                    result.changes[editor.name] = result.changes.get(
                        editor.name, 0
                    ) + _changed_lines(before, text)
                result.notes.extend(editor.notes)
                result.facts.extend(editor.facts)
        if python:
            # One C-parser tree per file, for the transforms' prefilters, the light name resolution and the
            # skeleton.
            syntax = light_scope.parse(text)
            if syntax is not None:
                python = [cls for cls in python if cls.wants_tree(syntax, options, job.file)]
        if python:
            current = python
            sparse = _skeleton(text, syntax, python, options, job.file)
            done = None
            exact = False
            if sparse is not None:
                attempt = FileResult(job.file.path, text, text)
                try:
                    done = _rewrite(
                        sparse.text,
                        syntax,
                        python,
                        options,
                        style,
                        job.file,
                        attempt,
                        sparse,
                        whole_text=text,
                    )
                except _Whole as whole:
                    exact = whole.scope
                else:
                    for name, count in attempt.changes.items():
                        result.changes[name] = result.changes.get(name, 0) + count
                    result.notes.extend(attempt.notes)
                    result.facts.extend(attempt.facts)
            if done is None:
                done = _rewrite(text, syntax, python, options, style, job.file, result, exact=exact)
                if result.error is not None:
                    return result
            text = done
            current = []
        result.new_text = text
    except (
        Exception
    ):  # one file's failure must not hide the others; the caller decides what it means
        where = "+".join(transform_name(c) for c in current) if current else "runner"
        result.crash = "%s: %s" % (where, traceback.format_exc())
    return result


# The last touches of a file's result, where the file was rewritten (in the worker of the pool).
Finish = Callable[[FileResult], FileResult]


def _run_one(args: tuple[Job, Any, ProjectStyle, Finish | None]) -> FileResult:
    job, options, style, finish = args
    with _collector_paused():
        result = run_job(job, options, style)
        return result if finish is None else finish(result)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic collection while one file is rewritten: what it builds is young and alive until the file is
    done (its trees go with their last reference), and what it leaves in cycles is collected after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _collected(
    pending: dict[Future, int],
    meanwhile: Callable[[], None] | None,
    progress: Callable[[str, int, int], None] | None,
) -> dict[int, FileResult]:
    """{index: result} of the jobs submitted to the pool; `meanwhile` runs here while the workers rewrite."""
    if meanwhile is not None:
        meanwhile()  # the workers are forked by now: they do not see what it does
    done: dict[int, FileResult] = {}
    for future in as_completed(pending):
        done[pending[future]] = future.result()
        if progress is not None:
            progress("Rewriting files", len(done), len(pending))
    return done


@dataclass
class Selection:
    jobs: list[Job]
    read: int  # files read
    unreadable: list[
        str
    ]  # files that could not be read or decoded (a PEP 263 coding line that lies)


def select(
    root: Path,
    files: Sequence[SourceFile],
    transforms: Sequence[type],
    options: Any,
    module_of: Callable[[str], tuple[str | None, bool]],
    progress: Callable[[str, int, int], None] | None = None,
) -> Selection:
    """Read every file once and keep those some transform wants, decided from the text alone."""
    selection = Selection([], 0, [])
    for _, job in _selected(
        root, list(enumerate(files)), transforms, options, module_of, progress, selection
    ):
        selection.jobs.append(job)
    return selection


def _selected(
    root: Path,
    files: list[tuple[int, SourceFile]],
    transforms: Sequence[type],
    options: Any,
    module_of: Callable[[str], tuple[str | None, bool]],
    progress: Callable[[str, int, int], None] | None,
    selection: Selection,
) -> Iterator[tuple[int, Job]]:
    """(index, job) of each file some transform wants, in the order given; counts the files read and lists the
    unreadable ones in `selection`."""
    by_role = _by_role(transforms)
    for n, (i, f) in enumerate(files, 1):
        if progress is not None and (n % 250 == 0 or n == len(files)):
            progress("Reading files", n, len(files))
        applicable = by_role.get(f.role)
        if not applicable:
            continue
        source = read_source(root, f.path)
        selection.read += 1
        if source is None:
            selection.unreadable.append(f.path)
            continue
        module, is_package = module_of(f.path)
        info = FileInfo(f.path, f.role, module, is_package)
        wanted = tuple(cls for cls in applicable if cls.wants(source.text, options, info))
        if wanted:
            yield i, Job(info, source.text, wanted, source.encoding)


def _by_role(transforms: Sequence[type]) -> dict[str, list[type]]:
    by_role: dict[str, list[type]] = {}
    for cls in transforms:
        for role in cls.ROLES:
            by_role.setdefault(role, []).append(cls)
    return by_role


def select_and_run(
    root: Path,
    files: Sequence[SourceFile],
    transforms: Sequence[type],
    options: Any,
    module_of: Callable[[str], tuple[str | None, bool]],
    style: ProjectStyle = ProjectStyle(),
    processes: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    finish: Finish | None = None,
) -> tuple[Selection, list[FileResult]]:
    """select() and run() at once, with the same answers: the files are read largest first, and once there is
    enough work for a pool each file some transform wants goes to it as soon as it is selected, so that the
    workers rewrite (the largest first) while the rest is read."""
    processes = processes or os.cpu_count() or 1
    roles = _by_role(transforms)
    order = sorted(
        ((i, f) for i, f in enumerate(files) if f.role in roles),
        key=lambda pair: (-_size(root / pair[1].path), pair[0]),
    )
    selection = Selection([], 0, [])
    found: list[tuple[int, Job]] = []
    pending: dict[Future, int] = {}
    size = 0
    with contextlib.ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None
        for i, job in _selected(root, order, transforms, options, module_of, progress, selection):
            found.append((i, job))
            size += len(job.text)
            if pool is None and processes > 1 and len(found) >= 4 and size >= POOL_MIN_BYTES:
                pool = stack.enter_context(
                    ProcessPoolExecutor(max_workers=processes, mp_context=_fork())
                )
                pending.update(
                    (pool.submit(_run_one, (j, options, style, finish)), k) for k, j in found
                )
            elif pool is not None:
                pending[pool.submit(_run_one, (job, options, style, finish))] = i
        found.sort(key=lambda pair: pair[0])
        index = {f.path: i for i, f in enumerate(files)}
        selection.unreadable.sort(key=index.__getitem__)
        selection.jobs = [job for _, job in found]
        if pool is None:
            return selection, run(
                selection.jobs, options, style, processes, progress, meanwhile, finish
            )
        done = _collected(pending, meanwhile, progress)
    return selection, [done[i] for i, _ in found]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_source says why


def _fork():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return multiprocessing.get_context()


def run(
    jobs: Sequence[Job],
    options: Any,
    style: ProjectStyle = ProjectStyle(),
    processes: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    finish: Finish | None = None,
) -> list[FileResult]:
    """Transform the selected files, in a process pool when there is enough work for one, the largest first,
    each to the first worker free. `finish(result)` gives each file's result its last touches where the file
    was rewritten (in the worker); `meanwhile` is work of the caller's own that this process does while the pool
    runs (before the files, without one).
    """
    processes = processes or os.cpu_count() or 1
    total = sum(len(j.text) for j in jobs)
    if processes <= 1 or len(jobs) < 4 or total < POOL_MIN_BYTES:
        if meanwhile is not None:
            meanwhile()
        results = []
        for n, job in enumerate(jobs, 1):
            results.append(_run_one((job, options, style, finish)))
            if progress is not None:
                progress("Rewriting files", n, len(jobs))
        return results
    largest_first = sorted(range(len(jobs)), key=lambda i: (-len(jobs[i].text), i))
    with ProcessPoolExecutor(max_workers=processes, mp_context=_fork()) as pool:
        pending = {
            pool.submit(_run_one, (jobs[i], options, style, finish)): i for i in largest_first
        }
        done = _collected(pending, meanwhile, progress)
    return [done[i] for i in range(len(jobs))]
