"""Run-time uses of auth's User class go through get_user_model(); its import goes or becomes `User = get_user_model()`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import libcst as cst
from libcst.metadata import ImportAssignment, ScopeProvider

from ...core import scheduled
from ...core.files import MIGRATION, PYTHON, SETTINGS
from ...core.imports import (
    already_imported,
    dotted_name,
    end_of_import_block,
    is_import_line,
    statement_without,
    without_alias,
    without_leading_blanks,
)
from ...core.transform import PythonTransform
from ..options import AUTH_MODELS
from ._common import get_user_model_call, is_auth_user, user_words, wants_user


@dataclass
class _Binding:
    """One name an import binds to auth's User."""

    index: int  # position of the name in its import
    bound: str
    reads: list[cst.CSTNode] | None  # where the name is read (None: counted by the light analysis)


@dataclass
class _LinePlan:
    """What happens to one import line that binds auth's User."""

    # id(ImportFrom) -> alias indexes to drop
    drop: dict[int, set[int]] = field(default_factory=dict)
    after: list[str] = field(default_factory=list)  # statements that replace the dropped bindings
    calls_get_user_model: bool = False  # one of them is `name = get_user_model()`


class UserClass(PythonTransform):
    TITLE = "The class itself → get_user_model(); imports left unused dropped"
    RUNS_LAST = True  # it sees which uses of User the others consumed (self.consume)
    ROLES = frozenset({PYTHON, SETTINGS, MIGRATION})
    STATEMENT_LOCAL = True
    METADATA_DEPENDENCIES = (ScopeProvider,)
    # imports and their reads come from the light analysis when the file allows it
    LIGHT_SCOPE = True

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: its User imports, and the reads and `.User` attributes that decide them.
        return re.compile(user_words(options, file, tree))

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and wants_user(text, options, file)

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        # id(ImportFrom) -> its bindings of auth's User
        self.imports: dict[int, list[_Binding]] = {}
        # id(line) -> (at module level, under TYPE_CHECKING)
        self.lines: dict[int, tuple[bool, bool]] = {}
        # id(block) -> its import lines to rewrite
        self.pending: dict[int, list[cst.SimpleStatementLine]] = {}
        # ids of the Module / IndentedBlocks around the current statement
        self.blocks: list[int] = []
        self.exported: set[str] = set()
        self._type_checking = 0  # `if TYPE_CHECKING:` blocks around the current statement
        # ids of the get_user_model() calls that replaced attribute uses
        self.calls: set[int] = set()

    # -- what binds auth's User (scope analysis of the original tree) -----------------------------
    def visit_Module(self, node: cst.Module) -> None:
        self.blocks.append(id(node))
        self.exported = _dunder_all(node)
        if ScopeProvider not in self.metadata:
            return  # the light analysis: imports are noted as their lines are visited
        for scope in {s for s in self.metadata[ScopeProvider].values() if s is not None}:
            for assignment in scope.assignments:
                if isinstance(assignment, ImportAssignment) and isinstance(
                    assignment.node, cst.ImportFrom
                ):
                    reads = [access.node for access in assignment.references]
                    self._note_import(assignment.node, assignment.name, reads)

    def _note_import(self, imp: cst.ImportFrom, name: str, reads: list[cst.CSTNode] | None) -> None:
        if isinstance(imp.names, cst.ImportStar):
            return
        source = self.file.absolute(
            "." * len(imp.relative) + (dotted_name(imp.module) if imp.module else "")
        )
        if source != AUTH_MODELS:
            return  # re-exports keep working: the re-exporting module keeps a `User` binding
        for index, alias in enumerate(imp.names):
            if alias.evaluated_name == "User" and (alias.evaluated_alias or "User") == name:
                self.imports.setdefault(id(imp), []).append(_Binding(index, name, reads))

    def _still_used(self, binding: _Binding) -> bool:
        """A use that no transform of this traversal has rewritten away (FK targets, senders...)."""
        if binding.reads is None:  # every read of an imported name is the import's (light analysis)
            return self.light.reads(binding.bound) > self.consumed_reads(binding.bound)
        return any(not self.consumed(node) for node in binding.reads)

    def _plan(self, line: cst.SimpleStatementLine) -> _LinePlan:
        """Decided when the line's block is left: every use in it has been seen by every transform."""
        at_top, type_checking = self.lines[id(line)]
        plan = _LinePlan()
        for small in line.body:
            for b in self.imports.get(id(small), []):
                plan.drop.setdefault(id(small), set()).add(b.index)
                reexported = at_top and (
                    self.file.module in self.options.reexporters or b.bound in self.exported
                )
                if not (self._still_used(b) or reexported):
                    continue
                if type_checking:
                    suffix = "" if b.bound == "User" else " as %s" % b.bound
                    plan.after.append(
                        "from %s import User%s" % (self.options.models_module, suffix)
                    )
                else:
                    get_user_model_call(self)
                    plan.after.append("%s = get_user_model()" % b.bound)
                    plan.calls_get_user_model = True
        return plan

    # -- where each import line stands --------------------------------------------------------------
    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(id(node))

    def visit_If(self, node: cst.If) -> None:
        self._type_checking += _is_type_checking(node)

    def leave_If(self, original_node, updated_node):
        self._type_checking -= _is_type_checking(original_node)
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if ScopeProvider not in self.metadata:
            for small in node.body:
                if isinstance(small, cst.ImportFrom) and not isinstance(
                    small.names, cst.ImportStar
                ):
                    for alias in small.names:
                        self._note_import(
                            small, alias.evaluated_alias or alias.evaluated_name, None
                        )
        if any(id(small) in self.imports for small in node.body):
            self.lines[id(node)] = (len(self.blocks) == 1, self._type_checking > 0)
            self.pending.setdefault(self.blocks[-1], []).append(node)

    # -- attribute uses: auth_models.User -> get_user_model() --------------------------------------
    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if (
            original_node.attr.value == "User"
            and not self.consumed(original_node)
            and is_auth_user(self, original_node)
        ):
            scheduled.remove_unused_import_by_node(self.context, original_node)
            call = cst.Call(func=cst.Name("get_user_model"))
            self.calls.add(id(call))
            return call
        return updated_node

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # never rewrite the module path of an import as if it were an attribute use

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    # -- imports, rewritten when their block is left -------------------------------------------------
    def _rewrite_line(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        """(the line without the dropped names or None, the statements that replace them, whether one of them
        calls get_user_model())."""
        plan = self._plan(original)
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
        return (
            line,
            [self.parse_statement(src + "\n") for src in plan.after],
            plan.calls_get_user_model,
        )

    def _rewrite_block(
        self, block_id: int, body: list, at_top: bool, header: Sequence = ()
    ) -> list | None:
        """The block's statements with its import lines rewritten, or None when it has none to rewrite.

        The lines are found in the block as the other transforms left it (they may have removed or
        added statements around them), by comparing the import statements themselves, which no
        transform of the traversal changes."""
        lines = self.pending.pop(block_id, [])
        if not lines:
            return None
        body = list(body)
        for orig in lines:
            at = _find_line(body, orig)
            if at is None:
                continue
            line, extra, calls = self._rewrite_line(orig, body[at])
            # A module's first statement has its comments in the module's header; the last one is its own.
            heading = body[at].leading_lines or (header[-1:] if at == 0 else ())
            if line is None and at_top and calls and _has_comment(heading):
                # The line sat under a heading (`# Django`): its successor import takes its place there.
                if not already_imported(body, "django.contrib.auth", "get_user_model"):
                    line = body[at].with_changes(body=[_GET_USER_MODEL_IMPORT])
            if (
                not at_top
                and extra
                and line is None
                and at + 1 < len(body)
                and is_import_line(body[at + 1])
            ):
                # Among a function's imports: the assignment goes after them, the comments stay on them.
                end = end_of_import_block(body, at)
                body[end:end] = extra
                extra = []
            added = []
            if at_top and extra:
                end = end_of_import_block(body, at)
                blank = [cst.EmptyLine()] * self.options.style.lines_after_imports
                added = [extra[0].with_changes(leading_lines=blank), *extra[1:]]
                body[end:end] = added
                extra = []
            if line is None:
                lead = body[at].leading_lines
                del body[at]
                if extra:
                    extra[0] = extra[0].with_changes(leading_lines=lead)
                elif at < len(body):
                    merged = _merge_leading(lead, body[at].leading_lines)
                    if at_top and at == 0 and not any(body[at] is e for e in added):
                        # the module's first statement now (not an assignment placed after the imports,
                        # whose blank lines are for the import to come): no blank line above it
                        merged = without_leading_blanks(merged)
                    body[at] = body[at].with_changes(leading_lines=merged)
                elif _has_comment(lead):
                    body.append(cst.SimpleStatementLine([cst.Pass()], leading_lines=lead))
                body[at:at] = extra
            else:
                body[at] = line
                body[at + 1 : at + 1] = extra
        return body

    def leave_IndentedBlock(self, original_node, updated_node):
        self.blocks.pop()
        body = self._rewrite_block(id(original_node), updated_node.body, at_top=False)
        if body is None:
            return updated_node
        return updated_node.with_changes(body=body or [cst.SimpleStatementLine([cst.Pass()])])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        self.blocks.pop()
        # A statement another transform removed (admin.site.unregister(auth_models.User)) takes its
        # get_user_model() call with it: import it only for the calls that are left.
        if self.calls and _holds_call(updated_node, self.calls):
            get_user_model_call(self)
        body = self._rewrite_block(
            id(original_node), updated_node.body, at_top=True, header=updated_node.header
        )
        return updated_node if body is None else updated_node.with_changes(body=body)


_GET_USER_MODEL_IMPORT = cst.parse_statement(
    "from django.contrib.auth import get_user_model\n"
).body[0]


class _FindCall(cst.CSTVisitor):
    def __init__(self, ids: set[int]) -> None:
        super().__init__()
        self.ids = ids
        self.found = False

    def visit_Call(self, node: cst.Call) -> bool:
        self.found |= id(node) in self.ids
        return not self.found


def _holds_call(tree: cst.CSTNode, ids: set[int]) -> bool:
    finder = _FindCall(ids)
    tree.visit(finder)
    return finder.found


def _has_comment(lines) -> bool:
    return any(line.comment is not None for line in lines)


def _find_line(body: list, original: cst.SimpleStatementLine) -> int | None:
    imports = [s for s in original.body if isinstance(s, cst.ImportFrom)]
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == len(original.body):
            if all(any(s.deep_equals(imp) for s in stmt.body) for imp in imports):
                return i
    return None


def _is_type_checking(node: cst.If) -> bool:
    test = node.test
    name = test.attr.value if isinstance(test, cst.Attribute) else getattr(test, "value", None)
    return name == "TYPE_CHECKING"


def _merge_leading(carry: list[cst.EmptyLine], own) -> list[cst.EmptyLine]:
    """Leading lines of a removed statement move to the next one; comments are never lost."""
    if _has_comment(carry):
        return [*carry, *own]
    return list(own) if own else carry


def _dunder_all(module: cst.Module) -> set[str]:
    names: set[str] = set()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, (cst.Assign, cst.AugAssign)):
                targets = (
                    [t.target for t in small.targets]
                    if isinstance(small, cst.Assign)
                    else [small.target]
                )
                if any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
                    names.update(_strings_in(small.value))
    return names


def _strings_in(node: cst.CSTNode) -> list[str]:
    out = []
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        for el in node.elements:
            if isinstance(el.value, cst.SimpleString) and isinstance(el.value.evaluated_value, str):
                out.append(el.value.evaluated_value)
    return out
