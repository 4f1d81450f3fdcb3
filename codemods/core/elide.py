"""What LibCST parses of a long file: the file with the parts no transform looks at stood in for by a name.

A squashed migration of three thousand lines holds its few references to auth's User in a handful of its
hundreds of operations; parsing all of them with LibCST is most of the cost of rewriting it. Here, from the C
parser's tree the runner has anyway, every function or class, and every element of a list or tuple display
that spans lines (or is long), whose source holds nothing a transform of the file looks at (each says what with
`keep_pattern()`) and that imports nothing, is replaced by a placeholder that keeps the lines and the columns
around it (its line breaks are continuations). When every transform of the file looks statement by statement
(`STATEMENT_LOCAL`), so is each run of statements of a function where it finds nothing (one statement alone:
when it spans lines or is long): in a legacy module of thousands of lines, the functions that read User once
hold dozens of statements that do not.

    migrations.CreateModel(            ->    (_cm_elided_0_\\
        name="Product",                      \\
        fields=[...],                        \\
    ),                                        ),

so that positions (notes) are those of the file, and LibCST parses the rest. Once the transforms are done,
`restore()` puts every element back by its placeholder; the runner does the file again the plain way when a
placeholder did not come through exactly once (a transform rewrote the code around it) or when it needs the
whole file (a full scope analysis, a textual search for names, a statement to reflow).
"""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass, field

from .layout import blocks as layout_blocks
from .layout import in_order

PREFIX = "_cm_elided_"
MIN_CHARS = 40  # a shorter element on one line costs LibCST little: it stays


@dataclass
class Skeleton:
    text: str  # what LibCST parses
    parts: dict[str, str]  # placeholder as written in the skeleton -> the source it stands for


def skeleton(
    text: str, tree: ast.Module, keep: re.Pattern[str], statements: bool = False
) -> Skeleton | None:
    """The text with the elements that `keep` finds nothing in stood in for, or None when nothing is left out
    (or the text already holds the placeholders' prefix). With `statements`, the statements of functions too.
    """
    if PREFIX in text or "\r" in text:
        return None  # (a placeholder's newlines are "\n": a file with others is parsed whole)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    source = _Source(text, lines, starts, keep, *_statement_lines(tree))
    _collect(tree, source, statements)
    spans = source.spans
    if not spans:
        return None
    out: list[str] = []
    parts: dict[str, str] = {}
    at = 0
    for n, (start, end, end_column) in enumerate(sorted(spans)):
        source = text[start:end]
        newlines = source.count("\n")
        name = "%s%d_" % (PREFIX, n)
        if newlines:
            stand_in = "(" + name + "\\\n" * newlines + " " * (end_column - 1) + ")"
        else:
            stand_in = "(" + name + " " * (len(source) - len(name) - 2) + ")"
        out.append(text[at:start])
        out.append(stand_in)
        parts[stand_in] = source
        at = end
    out.append(text[at:])
    return Skeleton("".join(out), parts)


def _offset(lines: list[str], starts: list[int], lineno: int, byte_col: int) -> tuple[int, int]:
    """(offset in the text, column in characters) of a position the C parser gives in UTF-8 bytes."""
    line = lines[lineno - 1]
    column = len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
    return starts[lineno - 1] + column, column


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_BINDS_ELSEWHERE = (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)
_COMMENT = re.compile(r"[ \t]*#")


@dataclass
class _Source:
    """The text being cut, what is known of it, and the spans found to leave out."""

    text: str
    lines: list[str]
    starts: list[int]  # offset of each line
    keep: re.Pattern[str]
    first_indented: int  # see _statement_lines
    binding: list[int]  # the lines of the statements that bind the way imports do, in order
    # (start offset, end offset, end column in characters)
    spans: list[tuple[int, int, int]] = field(default_factory=list)

    def binds(self, first: int, last: int) -> bool:
        """Is a statement that binds the way imports do on one of these lines?"""
        at = bisect.bisect_left(self.binding, first)
        return at < len(self.binding) and self.binding[at] <= last


def _collect(tree: ast.AST, source: _Source, statements: bool = False) -> None:
    # (node, is it a statement of a function that stays: its blocks are looked into)
    todo: list[tuple[ast.AST, bool]] = [(tree, False)]
    while todo:
        node, kept = todo.pop()
        if isinstance(node, ast.JoinedStr):
            continue  # an f-string's parts are no elements
        if isinstance(node, _DEFINITIONS) and not kept and _elidable_definition(node, source):
            continue
        function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if statements and (function or (kept and not isinstance(node, ast.ClassDef))):
            blocks = layout_blocks(node)
            if blocks:
                _push(todo, node, blocks, source)
                continue
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            for element in node.elts:
                if _elidable(element, source):
                    continue
                todo.append((element, False))
            continue
        todo.extend((child, False) for child in ast.iter_child_nodes(node))


def _push(
    todo: list[tuple[ast.AST, bool]], node: ast.AST, blocks: list[list[ast.stmt]], source: _Source
) -> None:
    """A function's or a compound statement's parts: each run of statements of a block that could stand in
    (_standing_in) stands in as one, when it is more than one statement or one over lines or long; the others are
    looked into, and the rest (decorators, signature, test, items...) as expressions."""
    inner = {id(stmt) for block in blocks for stmt in block}
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ExceptHandler):
            todo.extend((part, False) for part in (child.type,) if part is not None)
        elif isinstance(child, ast.match_case):
            todo.extend((part, False) for part in (child.pattern, child.guard) if part is not None)
        elif id(child) not in inner:
            todo.append((child, False))
    for block in blocks:
        run: list[tuple[ast.stmt, tuple[int, int, int]]] = []
        for stmt in [*block, None]:
            span = _standing_in(stmt, source) if stmt is not None else None
            if span is not None:
                run.append((stmt, span))
                continue
            if run:
                start, end, end_column = run[0][1][0], run[-1][1][1], run[-1][1][2]
                first = run[0][0]
                if len(run) > 1 or first.end_lineno > first.lineno or end - start >= MIN_CHARS:
                    source.spans.append((start, end, end_column))
                else:
                    todo.append((first, True))  # a short statement costs LibCST little: it stays
            run = []
            if stmt is not None:
                todo.append((stmt, True))


def _statement_lines(tree: ast.Module) -> tuple[int, list[int]]:
    """(the line of the first statement that does not start its line at column 0, 0 if none: a module-level
    statement after a `;`, or the first statement in the first compound one; the lines of the statements that
    bind the way imports do, in order), from the statements alone: no walk over the expressions."""
    top = {id(stmt) for stmt in tree.body}
    ordered = in_order(tree)
    first_indented = next(
        (stmt.lineno for stmt in ordered if id(stmt) not in top or stmt.col_offset), 0
    )
    return first_indented, sorted(s.lineno for s in ordered if isinstance(s, _BINDS_ELSEWHERE))


def _elidable(element: ast.expr, source: _Source) -> bool:
    if (
        isinstance(element, ast.Starred)
        or element.end_lineno is None
        or element.end_col_offset is None
    ):
        return False
    lines, starts = source.lines, source.starts
    start, _ = _offset(lines, starts, element.lineno, element.col_offset)
    end, end_column = _offset(lines, starts, element.end_lineno, element.end_col_offset)
    if element.end_lineno == element.lineno and end - start < MIN_CHARS:
        return False
    if end_column < 1 or source.keep.search(source.text, start, end):
        return False
    source.spans.append((start, end, end_column))
    return True


def _elidable_definition(node: ast.stmt, source: _Source) -> bool:
    """A function or class over lines (decorators included) that could stand in (_standing_in)."""
    if node.end_lineno == node.lineno:
        return False
    span = _standing_in(node, source)
    if span is not None:
        source.spans.append(span)
    return span is not None


def _standing_in(node: ast.stmt, source: _Source) -> tuple[int, int, int] | None:
    """(start offset, end offset, end column) of a statement that fills whole lines, where `keep` finds nothing
    and which imports nothing (what a module imports, where, is every transform's business), that is no bare
    string and does not hold the first indented line; None if not."""
    if (
        node.end_lineno is None
        or node.end_col_offset is None
        or isinstance(node, _BINDS_ELSEWHERE)
        or (isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)))
    ):
        return None
    definition = isinstance(node, _DEFINITIONS)
    decorators = node.decorator_list if definition else []
    first = decorators[0].lineno if decorators else node.lineno
    if first <= source.first_indented <= node.end_lineno:
        return None  # LibCST takes the module's default indentation from the first indented line: it stays
    if decorators and not source.lines[first - 1].lstrip(" \t").startswith("@"):
        return None
    return _whole_lines(node, first, source, block=definition or bool(layout_blocks(node)))


def _whole_lines(
    node: ast.stmt, first: int, source: _Source, block: bool
) -> tuple[int, int, int] | None:
    """(start offset, end offset, end column) of a statement from line `first` (its decorators') that has its
    lines to itself and where `keep` finds nothing; None if not. With `block` (it holds one), it must also bind
    nothing the way imports do, and not be followed by comments of its block."""
    lines, starts = source.lines, source.starts
    line = lines[first - 1]
    indent = len(line) - len(line.lstrip(" \t"))
    if indent != node.col_offset:
        return None  # after a `;`, or on its header's line
    start = starts[first - 1] + indent
    end, end_column = _offset(lines, starts, node.end_lineno, node.end_col_offset)
    rest = source.text[end : starts[node.end_lineno]]
    if rest.strip() and not _COMMENT.match(rest):
        return None  # `; more` after it: not a statement of its own
    if block:
        # Comments indented under it after its last line belong to its block (LibCST's footer), not to the
        # next statement: a statement they follow stays.
        for after in lines[node.end_lineno :]:
            if not after.strip():
                continue
            if not after.lstrip(" \t").startswith("#"):
                break
            if len(after) - len(after.lstrip(" \t")) > indent:
                return None
        # (a statement on its lines that binds is in it: another one there would follow a `;`)
        if source.binds(first, node.end_lineno):
            return None
    if source.keep.search(source.text, start, end):
        return None
    return start, end, end_column


_PLACEHOLDER = re.compile(r"\(%s\d+_" % PREFIX)


def _by_name(parts: dict[str, str]) -> dict[str, str]:
    """Each placeholder by its name's start, `(_cm_elided_N_` (one each: names are numbered)."""
    return {_PLACEHOLDER.match(stand_in).group(): stand_in for stand_in in parts}


def restore(code: str, parts: dict[str, str]) -> str | None:
    """The transforms' code with every element put back; None when a placeholder is not there exactly once."""
    by_name = _by_name(parts)
    out: list[str] = []
    seen: set[str] = set()
    at = 0
    for m in _PLACEHOLDER.finditer(code):  # one pass over the code
        stand_in = by_name.get(m.group())
        if stand_in is None or stand_in in seen or not code.startswith(stand_in, m.start()):
            return None
        seen.add(stand_in)
        out.append(code[at : m.start()])
        out.append(parts[stand_in])
        at = m.start() + len(stand_in)
    if len(seen) != len(parts):
        return None
    out.append(code[at:])
    whole = "".join(out)
    return None if PREFIX in whole else whole


def restore_text(value: str, parts: dict[str, str]) -> str | None:
    """A note's message (code quoted in it) with the elements put back; None when a placeholder is mangled."""
    if PREFIX not in value:
        return value
    by_name = _by_name(parts)
    out: list[str] = []
    at = 0
    for m in _PLACEHOLDER.finditer(value):
        stand_in = by_name.get(m.group())
        if stand_in is None or not value.startswith(stand_in, m.start()) or m.start() < at:
            return None
        out.append(value[at : m.start()])
        out.append(parts[stand_in])
        at = m.start() + len(stand_in)
    out.append(value[at:])
    whole = "".join(out)
    return None if PREFIX in whole else whole
