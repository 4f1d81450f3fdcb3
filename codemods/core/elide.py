"""What LibCST parses of a long file: the file with the parts no transform looks at stood in for by a name.

A squashed migration of three thousand lines holds its few references to auth's User in a handful of its
hundreds of operations; parsing all of them with LibCST is most of the cost of rewriting it. Here, from the C
parser's tree the runner has anyway, every element of a list or tuple display that spans lines (or is long) and
whose source holds nothing a transform of the file looks at (each says what with `keep_pattern()`) is replaced
by a placeholder that keeps the lines and the columns around it (its line breaks are continuations):

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


def _collect(tree: ast.AST, text: str, lines: list[str], starts: list[int], keep: re.Pattern[str],
             spans: list[tuple[int, int, int]]) -> None:
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.JoinedStr):
            continue  # an f-string's parts are no elements
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            for element in node.elts:
                if _elidable(element, text, lines, starts, keep, spans):
                    continue
                todo.append(element)
            continue
        todo.extend(ast.iter_child_nodes(node))


def _elidable(element: ast.expr, text: str, lines: list[str], starts: list[int], keep: re.Pattern[str],
              spans: list[tuple[int, int, int]]) -> bool:
    if isinstance(element, ast.Starred) or element.end_lineno is None or element.end_col_offset is None:
        return False
    start, _ = _offset(lines, starts, element.lineno, element.col_offset)
    end, end_column = _offset(lines, starts, element.end_lineno, element.end_col_offset)
    if element.end_lineno == element.lineno and end - start < MIN_CHARS:
        return False
    if end_column < 1 or keep.search(text, start, end):
        return False
    spans.append((start, end, end_column))
    return True


def restore(code: str, parts: dict[str, str]) -> str | None:
    """The transforms' code with every element put back; None when a placeholder is not there exactly once."""
    for stand_in, source in parts.items():
        if code.count(stand_in) != 1:
            return None
        code = code.replace(stand_in, source)
    return None if PREFIX in code else code


def restore_text(value: str, parts: dict[str, str]) -> str | None:
    """A note's message (code quoted in it) with the elements put back; None when a placeholder is mangled."""
    if PREFIX not in value:
        return value
    for stand_in, source in parts.items():
        value = value.replace(stand_in, source)
    return None if PREFIX in value else value
