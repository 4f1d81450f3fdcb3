"""Statements the transforms made longer than the project's lines are laid out again by black, one by one.

`ForeignKey(User, ...)` becoming `ForeignKey(settings.AUTH_USER_MODEL, ...)` can push a line past the
project's limit, and its formatter check would then fail in CI. Only such statements are touched; the rest of
the file keeps its bytes.
"""

from __future__ import annotations

import ast
import functools
import re

import libcst as cst

from . import elide, layout
from .fmt import format_statement

DEFAULT_LIMIT = 88


def limit_for(original: str, configured: int | None) -> int:
    """The configured line length, else black's, unless the file already has longer lines."""
    if configured:
        return configured
    longest = max((len(line) for line in original.splitlines()), default=0)
    return max(DEFAULT_LIMIT, longest)


class ElidedTooLong(Exception):
    """A statement that holds an elided part (core/elide.py) needs laying out again: do the file whole."""


# The nodes a statement can be found in: the module, compound statements, their blocks and clauses.
HOLDS_STATEMENTS = (
    cst.Module,
    cst.BaseCompoundStatement,
    cst.BaseSuite,
    cst.Else,
    cst.ExceptHandler,
    cst.ExceptStarHandler,
    cst.Finally,
    cst.MatchCase,
)


class _Wrap(cst.CSTTransformer):
    def __init__(
        self,
        module: cst.Module,
        original_lines: set[str],
        limit: int,
        parts: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.module = module
        self.original_lines = original_lines
        self.limit = limit
        self.parts = parts  # a skeleton's elided parts, by placeholder
        self.inlined: set[str] = (
            set()
        )  # placeholders of statements laid out again from their whole code
        self.indents = [""]

    def on_visit(self, node: cst.CSTNode) -> bool:
        """Down through statements only: what this lays out is whole simple statements, never inside one."""
        super().on_visit(node)
        return isinstance(node, HOLDS_STATEMENTS)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        step = node.indent if node.indent is not None else self.module.default_indent
        self.indents.append(self.indents[-1] + step)

    def leave_IndentedBlock(self, original_node, updated_node):
        self.indents.pop()
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        indent = self.indents[-1]
        bare = updated_node.with_changes(leading_lines=[])
        code = bare_code = self.module.code_for_node(bare)
        elided = self.parts is not None and elide.PREFIX in code
        if elided:
            code = elide.restore_text(code, self.parts)
            if code is None:
                raise ElidedTooLong
        # The statement's lines as the file has them: LibCST writes a node alone without the indentation of
        # its block, which the module's code puts before each of its lines (inside brackets).
        lines = [indent + line for line in code.splitlines()]
        if not any(len(line) > self.limit for line in lines):
            return updated_node
        if all(line.rstrip() in self.original_lines for line in lines):
            return updated_node  # long before the change: not ours to reflow
        width = self.limit - len(indent)
        laid_out = format_statement(code, width)
        if laid_out is None or any(len(line) > width for line in laid_out.splitlines()):
            return updated_node
        try:
            new = cst.parse_statement(laid_out, config=self.module.config_for_parsing)
        except cst.ParserSyntaxError:
            return updated_node
        if not isinstance(new, cst.SimpleStatementLine) or _strings(laid_out) != _strings(code):
            return updated_node  # black re-indents what it takes for a docstring: never change a string
        if elided:  # laid out from the whole statement: its elided parts are in it now
            self.inlined.update(p for p in self.parts if p in bare_code)
        return new.with_changes(leading_lines=updated_node.leading_lines)


def _strings(code: str) -> list[object] | None:
    """The string and bytes constants of a statement, in order (None when it does not parse alone)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes))
    ]


def needs_wrapping(code: str, original: str, configured: int | None) -> bool:
    """Does the new code have a line past the limit that the original does not have?"""
    limit = limit_for(original, configured)
    original_lines = {line.rstrip() for line in original.splitlines()}
    return any(
        len(line) > limit and line.rstrip() not in original_lines for line in code.splitlines()
    )


def wrap_long_statements(
    tree: cst.Module,
    code: str,
    original: str,
    configured: int | None,
    parts: dict[str, str] | None = None,
) -> str:
    """The new code (`tree` is its tree) with the statements it made too long laid out again.

    With `parts`, `tree` is a skeleton's (core/elide.py) and `code` and `original` are the whole texts: each
    statement is judged and laid out from its whole code, as in the whole file; ElidedTooLong when the
    elided parts do not come back.
    """
    if not needs_wrapping(code, original, configured):
        return code
    limit = limit_for(original, configured)
    original_lines = {line.rstrip() for line in original.splitlines()}
    by_text = _wrap_text(code, original_lines, limit)
    if by_text is not None:
        return split_lengthened_strings(by_text, original_lines, limit)
    wrap = _Wrap(tree, original_lines, limit, parts)
    new = tree.visit(wrap).code
    if parts is not None:
        new = elide.restore(new, {k: v for k, v in parts.items() if k not in wrap.inlined})
        if new is None:
            raise ElidedTooLong
    return split_lengthened_strings(new, original_lines, limit)


def _wrap_text(code: str, original_lines: set[str], limit: int) -> str | None:
    """What _Wrap makes of the code, from its text: each simple statement on lines of its own that holds a line
    past the limit and a line it did not have before, laid out again by black at the width its indentation
    leaves. None (use _Wrap) when such a line is in a statement this cannot take whole (one with a string over
    lines, a `;`), or the text has line breaks other than \\n."""
    if "\r" in code:
        return None
    try:
        items = layout.statements(code)
    except layout.Whole:
        return None
    out = []
    for item in items:
        lines = item.text.splitlines()
        if not any(len(line) > limit for line in lines) or all(
            line.rstrip() in original_lines for line in lines
        ):
            out.append(item.text)
        elif item.kind == "statement":
            out.append(_laid_out_statement(item.text, limit))
        elif item.kind or item.text.lstrip().startswith("#"):
            out.append(item.text)  # a decorator, a comment: _Wrap leaves them
        else:
            return None
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _laid_out_statement(text: str, limit: int) -> str:
    """A statement (its lines, indented) laid out again by black at the width its indentation leaves, as _Wrap
    lays out a SimpleStatementLine; as it is when black cannot or its strings would change. Kept for the
    process, as format_statement."""
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    code = text[len(indent) :]
    width = limit - len(indent)
    laid_out = format_statement(code, width)
    if laid_out is None or any(len(line) > width for line in laid_out.splitlines()):
        return text
    try:
        tree = ast.parse(laid_out)
    except SyntaxError:
        return text
    if len(tree.body) != 1 or layout.blocks(tree.body[0]) or _strings(laid_out) != _strings(code):
        return text
    return layout.indented(laid_out, indent)


_STRING_LINE = re.compile(
    r"""^(?P<indent>\s+)(?P<prefix>[rRuUfF]{0,2})(?P<quote>["'])(?P<body>.*)(?P=quote)(?P<rest>[,)\]]*)$"""
)


def split_lengthened_strings(code: str, original_lines: set[str], limit: int) -> str:
    """A string a rewrite lengthened past the limit (`f"{settings.AUTH_USER_MODEL} ..."`), alone on a line inside
    brackets, cut in two at a space, the parts one under the other; kept when the module would not read the
    same to Python (same constants, same f-string parts)."""
    lines = code.splitlines(keepends=True)
    changed = False
    for i, line in enumerate(lines):
        text = line.rstrip("\r\n")
        m = _STRING_LINE.match(text)
        if m is None or len(text) <= limit or text.rstrip() in original_lines:
            continue
        indent, prefix, quote, body = (
            m.group("indent"),
            m.group("prefix"),
            m.group("quote"),
            m.group("body"),
        )
        room = limit - len(indent) - len(prefix) - 2
        cut = _cut(body, room, "f" in prefix.lower())
        if cut is None:
            continue
        first, second = body[:cut], body[cut:]
        ending = line[len(text) :]
        lines[i] = "%s%s%s%s%s\n%s%s%s%s%s%s%s" % (
            indent,
            _prefix(prefix, first),
            quote,
            first,
            quote,
            indent,
            _prefix(prefix, second),
            quote,
            second,
            quote,
            m.group("rest"),
            ending,
        )
        changed = True
    if not changed:
        return code
    new = "".join(lines)
    try:
        same = ast.dump(ast.parse(new)) == ast.dump(ast.parse(code))
    except SyntaxError:
        same = False
    return new if same else code


def _cut(body: str, room: int, formatted: bool) -> int | None:
    """Just after the last space that leaves at most `room` characters before it, outside an f-string's
    braces, with something after it; None if there is none."""
    depth, best = 0, None
    for i, char in enumerate(body):
        if formatted and char in "{}":
            depth += 1 if char == "{" else -1
        elif char == " " and depth == 0 and i + 1 <= room and i + 1 < len(body):
            best = i + 1
    return best


def _prefix(prefix: str, part: str) -> str:
    """The string's prefix for one part: an f-string part without braces is a plain string."""
    return prefix if "{" in part or "}" in part else prefix.replace("f", "").replace("F", "")
