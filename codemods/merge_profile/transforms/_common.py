"""Helpers the merge_profile transforms share."""

from __future__ import annotations

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor


def module_level_class(node: cst.ClassDef, stack: list[cst.CSTNode], name: str) -> bool:
    return node.name.value == name and not stack


def field_assignment(stmt: cst.CSTNode) -> tuple[str, cst.BaseExpression] | None:
    """(name, value) of `name = <call>` (or an annotated one) in a class body."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value, small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
        return small.target.value, small.value
    return None


def add_import(transform, module: str, name: str | None, alias: str | None = None) -> None:
    AddImportsVisitor.add_needed_import(transform.context, module, name, alias)
