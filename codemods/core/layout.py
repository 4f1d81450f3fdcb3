"""The simple statements a rewrite changed, laid out again one by one, each where the formatter had left it as it
was before the rewrite; the rest of the file keeps its bytes.

A formatter lays out a simple statement from the statement alone and the width its indentation leaves, so laying
out only the changed ones costs what they hold, not what the file holds: a module of thousands of lines with a
dozen changed statements is a dozen small calls. Where that does not hold, or where a change is not in simple
statements alone (a decorator, a `def` or `class` line, a comment, a multi-line string, a `# fmt:` directive),
`Whole` says the file is to be laid out whole.
"""

from __future__ import annotations

import ast
import difflib
import re
from typing import Callable, NamedTuple

from . import light_scope

# (statement text without its indentation, width) -> the text laid out, or None when it cannot be alone
LayOut = Callable[[str, int], "str | None"]


class Whole(Exception):
    """The change cannot be laid out statement by statement: lay out the file whole."""


class _Item(NamedTuple):
    """A simple statement or a decorator on lines of its own, or one other line of the file (kind ""). A tuple:
    the diff of two files of thousands of lines hashes and compares its items in C."""

    text: str
    kind: str = ""  # "statement", "decorator"

    @property
    def statement(self) -> bool:
        return bool(self.kind)

    @property
    def blank(self) -> bool:
        return not self.kind and not self.text.strip()


# What a decorator is laid out with, and taken from again: black lays out `@...` only before a definition.
_DECORATED = "def _():\n    pass\n"


# Line breaks other than \r\n, \r and \n (str.splitlines takes them, Python's tokenizer does not).
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DIRECTIVE = re.compile(r"#\s*fmt\s*:")


def lay_out_changed(old: str, new: str, lay_out: LayOut, line_length: int) -> str:
    """new, with each simple statement the rewrite changed laid out by lay_out where the statements it replaced
    were left as they were by lay_out (a statement the rewrite added is laid out too); Whole when that cannot be
    decided statement by statement.

    A statement replaced by one of its kind (an import by an import, any other by any other) keeps the blank
    lines the formatter wants around it. Where statements or blank lines come or go, or an import becomes
    something else, the formatter counts blank lines from the lines above (one after imports, none at the top
    of a block): the file's head, from its start to the end of the top-level statement that holds the line after
    the last such change, is laid out as one, where the formatter left the old head as it was."""
    if _DIRECTIVE.search(old) or _DIRECTIVE.search(new):
        raise Whole("a # fmt: directive")
    (old_items, _), (new_items, new_tree) = _items(old), _items(new)
    matcher = difflib.SequenceMatcher(None, old_items, new_items)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for _, i1, i2, j1, j2 in changes:
        if any(
            not item.statement and not item.blank for item in old_items[i1:i2] + new_items[j1:j2]
        ):
            raise Whole("a change outside simple statements")  # a header, a comment
    moving = [
        op[4] for op in changes if not _in_place(old_items[op[1] : op[2]], new_items[op[3] : op[4]])
    ]
    old_head = new_head = 0  # items of the head
    out = []
    if moving:
        old_head, new_head, stand_in = _head(max(moving), new_items, new_tree, matcher)
        old_text = "".join(item.text for item in old_items[:old_head])
        new_text = "".join(item.text for item in new_items[:new_head])
        if lay_out(old_text + stand_in, line_length) == old_text + stand_in:
            laid = lay_out(new_text + stand_in, line_length)
            if laid is None or not laid.endswith(stand_in):
                raise Whole("the head cannot be laid out alone")
            new_text = laid[: len(laid) - len(stand_in)]
        out.append(new_text)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j2 <= new_head:
            continue
        if tag == "equal":
            out.extend(item.text for item in new_items[max(j1, new_head) : j2])
            continue
        if j1 < new_head:
            raise Whole("a change across the end of the head")
        before = old_items[i1:i2]
        settled = all(_laid_out(item, lay_out, line_length) == item.text for item in before)
        for item in new_items[j1:j2]:
            laid = _laid_out(item, lay_out, line_length) if settled else None
            out.append(laid if laid is not None else item.text)
    return "".join(out)


def _in_place(before: list[_Item], after: list[_Item]) -> bool:
    """Statements replaced one for one, each by one of its kind (import or not): the blank lines around them
    stay what the formatter wants."""
    return (
        len(before) == len(after)
        and all(item.statement for item in before + after)
        and all(_is_import(a) == _is_import(b) for a, b in zip(before, after))
    )


_IMPORT = re.compile(r"\s*(?:import|from)\b")


def _is_import(item: _Item) -> bool:
    return item.kind == "statement" and _IMPORT.match(item.text) is not None


def _head(
    end: int, items: list[_Item], tree: ast.Module, matcher: difflib.SequenceMatcher
) -> tuple[int, int, str]:
    """(old items, new items, stand-in) of the file's head: up to the end of the top-level statement that holds
    the line after new item `end` (the whole file when none does); it must end where old and new agree. A
    compound statement after the change is not laid out: the head stops before it, and a stand-in of its kind
    (what the formatter counts the blank lines above it by) is laid out after the head and taken off again.
    """
    line = sum(_lines(item.text) for item in items[:end])  # the 0-based line after the change
    following = next((stmt for stmt in tree.body if stmt.end_lineno > line), None)
    if following is None:
        return len(matcher.a), len(items), ""
    stand_in = _STAND_INS.get(type(following), _STAND_INS[ast.If]) if blocks(following) else ""
    if stand_in and _first_line(following) - 1 >= line:
        if getattr(following, "decorator_list", None):
            stand_in = "@_\n" + stand_in
        boundary, after = _first_line(following) - 1, 0  # the head ends before the statement
    else:
        boundary, after, stand_in = following.end_lineno, 1, ""
    n, new_end = 0, None
    for index, item in enumerate(items):
        if n == boundary:
            new_end = index
            break
        n += _lines(item.text)
        if n > boundary:
            raise Whole("the head does not end between items")
    else:
        new_end = len(items)
    if new_end == len(items):
        return len(matcher.a), new_end, stand_in
    # the item before the end (after=1) or at it (after=0) is one that old and new share
    for i, j, size in matcher.get_matching_blocks():
        if j < new_end + 1 - after <= j + size:
            return i + (new_end - j), new_end, stand_in
    raise Whole("the head ends in a change")


# What the formatter counts the blank lines above a compound statement by: its kind, not its body.
_STAND_INS = {
    ast.FunctionDef: "def _():\n    pass\n",
    ast.AsyncFunctionDef: "async def _():\n    pass\n",
    ast.ClassDef: "class _:\n    pass\n",
    ast.If: "if _:\n    pass\n",
}


def _lines(text: str) -> int:
    return len(text.splitlines())


def _laid_out(item: _Item, lay_out: LayOut, line_length: int) -> str | None:
    """A statement's text (indented, on lines of its own) as lay_out has it at its indentation, or None."""
    text = item.text
    first = text.splitlines(keepends=True)
    indent = first[0][: len(first[0]) - len(first[0].lstrip(" "))]
    if any(line.strip() and not line.startswith(indent) for line in first):
        return None
    bare = "".join(line[len(indent) :] if line.strip() else line for line in first)
    tail = _DECORATED if item.kind == "decorator" else ""
    if tail and not bare.endswith(("\n", "\r")):
        return None
    laid = lay_out(bare + tail, line_length - len(indent))
    if laid is None or not laid.endswith(tail):
        return None
    laid = laid[: len(laid) - len(tail)]
    if not text.endswith(("\n", "\r")):
        laid = laid.rstrip("\r\n")
    return indented(laid, indent)


def indented(text: str, indent: str) -> str:
    """Every line of the text that is not blank, after indent (a statement laid out alone, put back)."""
    return "".join(indent + line if line.strip() else line for line in text.splitlines(True))


def statements(text: str) -> list[_Item]:
    """The text as a sequence of items: simple statements and decorators on lines of their own (kind
    "statement", "decorator"), and single other lines (kind ""); Whole when it does not parse."""
    return _items(text)[0]


def _items(text: str) -> tuple[list[_Item], ast.Module]:
    """The file as a sequence of simple statements (each on lines of its own) and single other lines."""
    if _ODD_BREAKS.search(text):
        raise Whole("a line break Python does not count")
    tree = light_scope.parse(text)
    if tree is None:
        raise Whole("does not parse")
    lines = text.splitlines(keepends=True)
    spans = _statement_spans(tree, lines)
    items: list[_Item] = []
    n = 0
    for start, end, kind in spans:  # 0-based, end exclusive, in order
        items.extend(_Item(line) for line in lines[n:start])
        items.append(_Item("".join(lines[start:end]), kind))
        n = end
    items.extend(_Item(line) for line in lines[n:])
    return items, tree


def _statement_spans(tree: ast.Module, lines: list[str]) -> list[tuple[int, int, str]]:
    """The line spans (0-based, end excluded) and kinds of the simple statements and decorators that have their
    lines to themselves (no `;`, no header before them), are no bare string (black takes one for a docstring)
    and hold no string that runs over lines (laid out apart from their indentation, it would change).
    """
    spans: list[tuple[int, int, str]] = []
    _spans_in(tree.body, lines, spans)
    return sorted(spans)


def _spans_in(body: list[ast.stmt], lines: list[str], spans: list[tuple[int, int, str]]) -> None:
    for stmt in body:
        for decorator in getattr(stmt, "decorator_list", []):
            if _own_lines(decorator, lines, "@") and not _long_string(
                lines[decorator.lineno - 1 : decorator.end_lineno]
            ):
                spans.append((decorator.lineno - 1, decorator.end_lineno, "decorator"))
        inner = blocks(stmt)
        if inner:
            for block in inner:
                _spans_in(block, lines, spans)
        elif (
            _own_lines(stmt, lines)
            and not _bare_string(stmt)
            and not _long_string(lines[stmt.lineno - 1 : stmt.end_lineno])
        ):
            spans.append((stmt.lineno - 1, stmt.end_lineno, "statement"))


def in_order(tree: ast.Module) -> list[ast.stmt]:
    """The module's statements in the order of the source (the order a LibCST traversal meets them): each, then
    the blocks it holds."""
    found: list[ast.stmt] = []
    _walk_in_order(tree.body, found)
    return found


def _walk_in_order(body: list[ast.stmt], found: list[ast.stmt]) -> None:
    for stmt in body:
        found.append(stmt)
        for block in blocks(stmt):
            _walk_in_order(block, found)


def blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The blocks of statements a compound statement holds, in the order of the source (none: a simple
    statement): its body, its handlers', its else, its finally, its cases'."""
    found = [getattr(stmt, "body", None)]
    found += [handler.body for handler in getattr(stmt, "handlers", [])]
    found += [getattr(stmt, name, None) for name in ("orelse", "finalbody")]
    found += [case.body for case in getattr(stmt, "cases", [])]
    return [block for block in found if isinstance(block, list) and block]


def _own_lines(node: ast.stmt | ast.expr, lines: list[str], lead: str = "") -> bool:
    """Does the statement (a decorator: its expression, after lead) start its first line and end its last one
    (but for a comment)?"""
    first = lines[node.lineno - 1].encode("utf-8")
    last = lines[node.end_lineno - 1].encode("utf-8")
    rest = last[node.end_col_offset :].strip()
    before = first[: node.col_offset].strip()
    return before == lead.encode() and (not rest or rest.startswith(b"#"))


def _bare_string(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Constant, ast.JoinedStr))


def _long_string(lines: list[str]) -> bool:
    """May a string run over these lines (triple quotes, a line that ends in a backslash)?"""
    return any('"""' in line or "'''" in line or line.rstrip().endswith("\\") for line in lines)


def _first_line(stmt: ast.stmt) -> int:
    """The line a statement starts on, its decorators included."""
    decorators = getattr(stmt, "decorator_list", None) or []
    return min([stmt.lineno] + [d.lineno for d in decorators])
