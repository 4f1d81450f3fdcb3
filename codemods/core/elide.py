"""What LibCST parses of a long file: the file with the parts no transform looks at stood in for by a name.

A squashed migration of three thousand lines holds its few references to auth's User in a handful of its
hundreds of operations; parsing all of them with LibCST is most of the cost of rewriting it. Here, from the C
parser's tree the runner has anyway, every function or class, and every element of a list or tuple display
that spans lines (or is long), whose source holds nothing a transform of the file looks at (each says what with
`keep_pattern()`) and that imports nothing, is replaced by a placeholder that keeps the lines and the columns
around it (its line breaks are continuations). When every transform of the file looks statement by statement
(`STATEMENT_LOCAL`), so is every statement of a function that spans lines (or is long): in a legacy module of
thousands of lines, the functions that read User once hold dozens of statements that do not.

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
import re
from dataclasses import dataclass

from .layout import blocks as layout_blocks

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
    spans: list[tuple[int, int, int]] = []  # (start offset, end offset, end column in characters)
    _collect(tree, text, lines, starts, keep, spans, statements)
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


def _collect(
    tree: ast.AST,
    text: str,
    lines: list[str],
    starts: list[int],
    keep: re.Pattern[str],
    spans: list[tuple[int, int, int]],
    statements: bool = False,
) -> None:
    first_indented = _first_indented(tree)
    todo: list[tuple[ast.AST, bool]] = [(tree, False)]  # (node, is it a statement in a function)
    while todo:
        node, in_function = todo.pop()
        if isinstance(node, ast.JoinedStr):
            continue  # an f-string's parts are no elements
        if isinstance(node, _DEFINITIONS):
            if _elidable_statement(node, text, lines, starts, keep, spans, first_indented):
                continue
            if statements and not isinstance(node, ast.ClassDef):
                _push(todo, node, node.body)
                continue
        elif in_function and _elidable_statement(
            node, text, lines, starts, keep, spans, first_indented
        ):
            continue
        elif in_function and layout_blocks(node):
            _push(todo, node, [s for block in layout_blocks(node) for s in block])
            continue
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            for element in node.elts:
                if _elidable(element, text, lines, starts, keep, spans):
                    continue
                todo.append((element, False))
            continue
        todo.extend((child, False) for child in ast.iter_child_nodes(node))


def _push(todo: list[tuple[ast.AST, bool]], node: ast.AST, body: list[ast.stmt]) -> None:
    """A compound statement's parts to look into: its statements as statements in a function, the rest
    (decorators, signature, test, items...) as expressions."""
    inner = {id(stmt) for stmt in body}
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ExceptHandler):
            todo.extend((part, False) for part in (child.type,) if part is not None)
        elif isinstance(child, ast.match_case):
            todo.extend((part, False) for part in (child.pattern, child.guard) if part is not None)
        elif id(child) not in inner:
            todo.append((child, False))
    todo.extend((stmt, True) for stmt in body)


def _first_indented(tree: ast.Module) -> int:
    """The line of the first statement that does not start its line at column 0 (0: none): a module-level
    statement after a `;`, or the first statement in the first compound one (later ones start later).
    """
    for stmt in tree.body:
        if stmt.col_offset:
            return stmt.lineno
        nested = [n.lineno for n in ast.walk(stmt) if isinstance(n, ast.stmt) and n is not stmt]
        if nested:
            return min(nested)
    return 0


def _elidable(
    element: ast.expr,
    text: str,
    lines: list[str],
    starts: list[int],
    keep: re.Pattern[str],
    spans: list[tuple[int, int, int]],
) -> bool:
    if (
        isinstance(element, ast.Starred)
        or element.end_lineno is None
        or element.end_col_offset is None
    ):
        return False
    start, _ = _offset(lines, starts, element.lineno, element.col_offset)
    end, end_column = _offset(lines, starts, element.end_lineno, element.end_col_offset)
    if element.end_lineno == element.lineno and end - start < MIN_CHARS:
        return False
    if end_column < 1 or keep.search(text, start, end):
        return False
    spans.append((start, end, end_column))
    return True


def _elidable_statement(
    node: ast.stmt,
    text: str,
    lines: list[str],
    starts: list[int],
    keep: re.Pattern[str],
    spans: list[tuple[int, int, int]],
    first_indented: int,
) -> bool:
    """A statement that fills whole lines, where `keep` finds nothing and which imports nothing (what a module
    imports, where, is every transform's business): a function or class over lines (decorators included), or
    another statement of a function that is no bare string, on one line a long one."""
    if (
        node.end_lineno is None
        or node.end_col_offset is None
        or isinstance(node, _BINDS_ELSEWHERE)
        or (isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)))
    ):
        return False
    definition = isinstance(node, _DEFINITIONS)
    decorators = node.decorator_list if definition else []
    first = decorators[0].lineno if decorators else node.lineno
    if first <= first_indented <= node.end_lineno:
        return False  # LibCST takes the module's default indentation from the first indented line: it stays
    if decorators and not lines[first - 1].lstrip(" \t").startswith("@"):
        return False
    if definition and node.end_lineno == node.lineno:
        return False
    span = _whole_lines(
        node, first, text, lines, starts, keep, block=definition or bool(layout_blocks(node))
    )
    if span is None or (node.end_lineno == node.lineno and span[1] - span[0] < MIN_CHARS):
        return False
    spans.append(span)
    return True


def _whole_lines(
    node: ast.stmt,
    first: int,
    text: str,
    lines: list[str],
    starts: list[int],
    keep: re.Pattern[str],
    block: bool,
) -> tuple[int, int, int] | None:
    """(start offset, end offset, end column) of a statement from line `first` (its decorators') that has its
    lines to itself and where `keep` finds nothing; None if not. With `block` (it holds one), it must also bind
    nothing the way imports do, and not be followed by comments of its block."""
    line = lines[first - 1]
    indent = len(line) - len(line.lstrip(" \t"))
    if indent != node.col_offset:
        return None  # after a `;`, or on its header's line
    start = starts[first - 1] + indent
    end, end_column = _offset(lines, starts, node.end_lineno, node.end_col_offset)
    rest = text[end : starts[node.end_lineno]]
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
    if keep.search(text, start, end) or (
        block and any(isinstance(n, _BINDS_ELSEWHERE) for n in ast.walk(node))
    ):
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
