"""Run-time uses of auth's User class go through get_user_model(); its import goes or becomes `User = get_user_model()`."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.codemod.visitors import RemoveImportsVisitor
from libcst.metadata import ImportAssignment, ScopeProvider

from ...core.files import PYTHON, SETTINGS
from ...core.imports import end_of_import_block, statement_without, without_alias
from ...core.transform import PythonTransform
from ..options import AUTH_MODELS
from ._common import get_user_model_call, is_auth_user, wants_user


@dataclass
class _LinePlan:
    """What happens to one import line that binds auth's User."""

    drop: dict[int, set[int]] = field(default_factory=dict)  # id(ImportFrom) -> alias indexes to drop
    after: list[str] = field(default_factory=list)  # statements that replace the dropped bindings


class UserClass(PythonTransform):
    ROLES = frozenset({PYTHON, SETTINGS})
    RUNS_ALONE = True  # it must see which uses the other transforms left
    METADATA_DEPENDENCIES = (ScopeProvider,)

    @classmethod
    def wants(cls, text, options, file):
        return file.role in cls.ROLES and wants_user(text, options, file)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.imports: dict[int, list[tuple[int, str, bool]]] = {}  # id(ImportFrom) -> (alias index, bound, used)
        self.lines: dict[int, _LinePlan] = {}  # id(original SimpleStatementLine) -> plan
        self.module_level: set[int] = set()
        self.exported: set[str] = set()
        self._depth = 0  # indented blocks around the current statement
        self._type_checking = 0  # `if TYPE_CHECKING:` blocks around it

    # -- planning (on the original tree, with scope metadata) --------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self.exported = _dunder_all(node)
        for scope in {s for s in self.metadata[ScopeProvider].values() if s is not None}:
            for assignment in scope.assignments:
                if isinstance(assignment, ImportAssignment) and isinstance(assignment.node, cst.ImportFrom):
                    self._note_import(assignment)

    def _note_import(self, assignment: ImportAssignment) -> None:
        imp = assignment.node
        if isinstance(imp.names, cst.ImportStar):
            return
        source = self.file.absolute("." * len(imp.relative) + (_dotted(imp.module) if imp.module else ""))
        if source != AUTH_MODELS:
            return  # re-exports keep working: the re-exporting module keeps a `User` binding
        for index, alias in enumerate(imp.names):
            if alias.evaluated_name == "User" and (alias.evaluated_alias or "User") == assignment.name:
                self.imports.setdefault(id(imp), []).append((index, assignment.name, bool(assignment.references)))

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._depth += 1

    def leave_IndentedBlock(self, original_node, updated_node):
        self._depth -= 1
        return updated_node

    def visit_If(self, node: cst.If) -> None:
        test = node.test
        name = test.attr.value if isinstance(test, cst.Attribute) else getattr(test, "value", None)
        self._type_checking += name == "TYPE_CHECKING"

    def leave_If(self, original_node, updated_node):
        test = original_node.test
        name = test.attr.value if isinstance(test, cst.Attribute) else getattr(test, "value", None)
        self._type_checking -= name == "TYPE_CHECKING"
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        found = [(small, self.imports[id(small)]) for small in node.body if id(small) in self.imports]
        if not found:
            return
        plan = self.lines.setdefault(id(node), _LinePlan())
        at_top = self._depth == 0
        if at_top:
            self.module_level.add(id(node))
        for imp, aliases in found:
            for index, bound, used in aliases:
                plan.drop.setdefault(id(imp), set()).add(index)
                keep = used or (at_top and (self.file.module in self.options.reexporters or bound in self.exported))
                if not keep:
                    continue
                if self._type_checking:
                    suffix = "" if bound == "User" else " as %s" % bound
                    plan.after.append("from %s import User%s" % (self.options.models_module, suffix))
                else:
                    get_user_model_call(self)
                    plan.after.append("%s = get_user_model()" % bound)

    # -- attribute uses: auth_models.User -> get_user_model() --------------------------------------
    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if original_node.attr.value == "User" and is_auth_user(self, original_node):
            RemoveImportsVisitor.remove_unused_import_by_node(self.context, original_node)
            return get_user_model_call(self)
        return updated_node

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # never rewrite the module path of an import as if it were an attribute use

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    # -- imports ----------------------------------------------------------------------------------
    def _rewrite_line(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        """(the line without the dropped names or None, the statements that replace them)."""
        plan = self.lines[id(original)]
        line: cst.SimpleStatementLine | None = updated
        for orig_small, new_small in zip(original.body, updated.body):
            drops = plan.drop.get(id(orig_small))
            if not drops or line is None:
                continue
            smaller: cst.ImportFrom | None = new_small
            for index in sorted(drops, reverse=True):
                smaller = without_alias(smaller, index) if smaller is not None else None
            if smaller is None:
                line = statement_without(line, new_small)
            else:
                line = line.with_changes(body=[smaller if s is new_small else s for s in line.body])
        return line, [self.parse_statement(src + "\n") for src in plan.after]

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) not in self.lines or id(original_node) in self.module_level:
            return updated_node
        line, extra = self._rewrite_line(original_node, updated_node)
        out = ([line] if line is not None else []) + extra
        if not out:
            return cst.RemovalSentinel.REMOVE
        if line is None:
            out[0] = out[0].with_changes(leading_lines=original_node.leading_lines)
        return cst.FlattenSentinel(out)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.module_level:
            return updated_node
        body: list[cst.BaseStatement] = []
        pending: dict[int, list[cst.BaseStatement]] = {}  # original index -> statements to insert before it
        carry: list[cst.EmptyLine] = []
        for i, (orig, upd) in enumerate(zip(original_node.body, updated_node.body)):
            for stmt in pending.pop(i, []):
                body.append(stmt)
            if carry:
                upd = upd.with_changes(leading_lines=_merge_leading(carry, upd.leading_lines))
                carry = []
            if id(orig) not in self.module_level:
                body.append(upd)
                continue
            line, extra = self._rewrite_line(orig, upd)
            if line is None:
                carry = list(upd.leading_lines)
            else:
                body.append(line)
            if extra:
                end = end_of_import_block(original_node.body, i)
                extra = [extra[0].with_changes(leading_lines=[cst.EmptyLine()]), *extra[1:]]
                pending.setdefault(end, []).extend(extra)
        for stmts in pending.values():
            body.extend(stmts)
        footer = updated_node.footer
        if any(line.comment is not None for line in carry):
            footer = [*carry, *footer]
        return updated_node.with_changes(body=body, footer=footer)


def _merge_leading(carry: list[cst.EmptyLine], own) -> list[cst.EmptyLine]:
    """Leading lines of a removed statement move to the next one; comments are never lost."""
    if any(line.comment is not None for line in carry):
        return [*carry, *own]
    return list(own) if own else carry


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return "%s.%s" % (_dotted(node.value), node.attr.value)
    return ""


def _dunder_all(module: cst.Module) -> set[str]:
    names: set[str] = set()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, (cst.Assign, cst.AugAssign)):
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                if any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
                    for node in _strings_in(small.value):
                        names.add(node)
    return names


def _strings_in(node: cst.CSTNode) -> list[str]:
    out = []
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        for el in node.elements:
            if isinstance(el.value, cst.SimpleString) and isinstance(el.value.evaluated_value, str):
                out.append(el.value.evaluated_value)
    return out
