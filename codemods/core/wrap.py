"""Statements the transforms made longer than the project's lines are laid out again by black, one by one.

`ForeignKey(User, ...)` becoming `ForeignKey(settings.AUTH_USER_MODEL, ...)` can push a line past the
project's limit, and its formatter check would then fail in CI. Only such statements are touched; the rest of
the file keeps its bytes.
"""

from __future__ import annotations

import libcst as cst

from .fmt import format_statement

DEFAULT_LIMIT = 88


def limit_for(original: str, configured: int | None) -> int:
    """The configured line length, else black's, unless the file already has longer lines."""
    if configured:
        return configured
    longest = max((len(line) for line in original.splitlines()), default=0)
    return max(DEFAULT_LIMIT, longest)


class _Wrap(cst.CSTTransformer):
    def __init__(self, module: cst.Module, original_lines: set[str], limit: int) -> None:
        super().__init__()
        self.module = module
        self.original_lines = original_lines
        self.limit = limit
        self.indents = [""]

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        step = node.indent if node.indent is not None else self.module.default_indent
        self.indents.append(self.indents[-1] + step)

    def leave_IndentedBlock(self, original_node, updated_node):
        self.indents.pop()
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        indent = self.indents[-1]
        bare = updated_node.with_changes(leading_lines=[])
        code = self.module.code_for_node(bare)
        lines = code.splitlines()
        if not any(len(indent) + len(line) > self.limit for line in lines):
            return updated_node
        if all((indent + line).rstrip() in self.original_lines for line in lines):
            return updated_node  # long before the change: not ours to reflow
        width = self.limit - len(indent)
        laid_out = format_statement(code, width)
        if laid_out is None or any(len(line) > width for line in laid_out.splitlines()):
            return updated_node
        try:
            new = cst.parse_statement(laid_out, config=self.module.config_for_parsing)
        except cst.ParserSyntaxError:
            return updated_node
        if not isinstance(new, cst.SimpleStatementLine):
            return updated_node
        return new.with_changes(leading_lines=updated_node.leading_lines)


def wrap_long_statements(tree: cst.Module, code: str, original: str, configured: int | None) -> str:
    """The new code (`tree` is its tree) with the statements it made too long laid out again."""
    limit = limit_for(original, configured)
    original_lines = {line.rstrip() for line in original.splitlines()}
    if not any(len(line) > limit and line.rstrip() not in original_lines for line in code.splitlines()):
        return code
    return tree.visit(_Wrap(tree, original_lines, limit)).code
