"""What LibCST parses of a long file: the file with the parts no transform looks at stood in for by a name.

A squashed migration of three thousand lines holds its few references to auth's User in a handful of its
hundreds of operations; parsing all of them with LibCST is most of the cost of rewriting it. Here, from the C
parser's tree the runner has anyway, every function or class, and every element of a list or tuple display
that spans lines (or is long), whose source holds nothing a transform of the file looks at (each says what with
`keep_pattern()`) and that imports nothing, is replaced by a placeholder that keeps the lines and the columns
around it (its line breaks are continuations):

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

PREFIX = "_cm_elided_"
MIN_CHARS = 40  # a shorter element on one line costs LibCST little: it stays


@dataclass
class Skeleton:
    text: str  # what LibCST parses
    parts: dict[str, str]  # placeholder as written in the skeleton -> the source it stands for


def skeleton(text: str, tree: ast.Module, keep: re.Pattern[str]) -> Skeleton | None:
    """The text with the elements that `keep` finds nothing in stood in for, or None when nothing is left out
    (or the text already holds the placeholders' prefix)."""
    if PREFIX in text or "\r" in text:
        return None  # (a placeholder's newlines are "\n": a file with others is parsed whole)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    spans: list[tuple[int, int, int]] = []  # (start offset, end offset, end column in characters)
    _collect(tree, text, lines, starts, keep, spans)
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
) -> None:
    first_indented = _first_indented(tree)
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.JoinedStr):
            continue  # an f-string's parts are no elements
        if isinstance(node, _DEFINITIONS) and _elidable_definition(
            node, text, lines, starts, keep, spans, first_indented
        ):
            continue
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            for element in node.elts:
                if _elidable(element, text, lines, starts, keep, spans):
                    continue
                todo.append(element)
            continue
        todo.extend(ast.iter_child_nodes(node))


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


def _elidable_definition(
    node,
    text: str,
    lines: list[str],
    starts: list[int],
    keep: re.Pattern[str],
    spans: list[tuple[int, int, int]],
    first_indented: int,
) -> bool:
    """A function or class (decorators included) that fills whole lines, where `keep` finds nothing and which
    imports nothing (what a module imports, where, is every transform's business)."""
    if node.end_lineno is None or node.end_col_offset is None or node.end_lineno == node.lineno:
        return False
    first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    if first <= first_indented <= node.end_lineno:
        return False  # LibCST takes the module's default indentation from the first indented line: it stays
    line = lines[first - 1]
    indent = len(line) - len(line.lstrip(" \t"))
    if indent != node.col_offset or (node.decorator_list and line[indent : indent + 1] != "@"):
        return False
    start = starts[first - 1] + indent
    end, end_column = _offset(lines, starts, node.end_lineno, node.end_col_offset)
    rest = text[end : starts[node.end_lineno]]
    if rest.strip() and not _COMMENT.match(rest):
        return False  # `; more` after it: not a statement of its own
    # Comments indented under it after its last line belong to its block (LibCST's footer), not to the next
    # statement: a definition they follow stays.
    for after in lines[node.end_lineno :]:
        if not after.strip():
            continue
        if not after.lstrip(" \t").startswith("#"):
            break
        if len(after) - len(after.lstrip(" \t")) > indent:
            return False
    if keep.search(text, start, end) or any(
        isinstance(n, _BINDS_ELSEWHERE) for n in ast.walk(node)
    ):
        return False
    spans.append((start, end, end_column))
    return True


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
