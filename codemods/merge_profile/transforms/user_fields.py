"""The user model's class gets each field of the profile, declared as on the profile."""

from __future__ import annotations

import libcst as cst

from ...core.transform import PythonTransform
from ._common import add_import, field_assignment


class UserFields(PythonTransform):
    METADATA_DEPENDENCIES = ()

    @classmethod
    def wants(cls, text, options, file):
        return file.module == options.user_module and ("class %s" % options.user_class) in text

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.depth = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self.depth -= 1
        return updated_node

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        self.depth -= 1
        if self.depth or original_node.name.value != self.options.user_class:
            return updated_node
        body = list(updated_node.body.body)
        present = {a[0] for a in map(field_assignment, body) if a}
        new = [f for f in self.options.fields if f.name not in present]
        if not new:
            return updated_node
        statements = []
        for f in new:
            statements.append(self.parse_statement("%s = %s\n" % (f.name, f.definition)))
            for module, name, alias in f.imports:
                add_import(self, module, name, alias)
        comment = cst.EmptyLine(comment=cst.Comment(
            "# From %s: merged into the user (codemods.merge_profile)." % self.options.profile_label))
        at = _insert_at(body)
        statements[0] = statements[0].with_changes(leading_lines=[cst.EmptyLine(indent=False), comment])
        if at < len(body) and not body[at].leading_lines:
            body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        body[at:at] = statements
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))


def _insert_at(body: list[cst.CSTNode]) -> int:
    """After the class's last field, else before its first nested class or method, else at the end."""
    fields = [i for i, stmt in enumerate(body) if (a := field_assignment(stmt)) and isinstance(a[1], cst.Call)]
    if fields:
        return fields[-1] + 1
    for i, stmt in enumerate(body):
        if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
            return i
    return len(body)
