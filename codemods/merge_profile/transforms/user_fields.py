"""The user model's class gets each field of the profile, declared as on the profile."""

from __future__ import annotations

import libcst as cst

from ._common import ClassBodyTransform, add_import, field_assignment


class UserFields(ClassBodyTransform):
    TITLE = "Profile fields declared on the user model"
    MODULE, CLASS = "user_module", "user_class"

    def edit_class(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
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
        comment = cst.EmptyLine(
            comment=cst.Comment(
                "# From %s: merged into the user (codemods.merge_profile)."
                % self.options.profile_label
            )
        )
        at = _insert_at(body)
        statements[0] = statements[0].with_changes(
            leading_lines=[cst.EmptyLine(indent=False), comment]
        )
        if at < len(body) and not body[at].leading_lines:
            body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        body[at:at] = statements
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))


def _insert_at(body: list[cst.CSTNode]) -> int:
    """After the class's last field, else before its first nested class or method, else at the end."""
    fields = [
        i
        for i, stmt in enumerate(body)
        if (a := field_assignment(stmt)) and isinstance(a[1], cst.Call)
    ]
    if fields:
        return fields[-1] + 1
    for i, stmt in enumerate(body):
        if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
            return i
    return len(body)
