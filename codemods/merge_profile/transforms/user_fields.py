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
            self.helpers.extend(f.helpers)
        for module, name, alias in dict.fromkeys(i for f in new for i in f.imports):
            add_import(self, module, name, alias)  # once: `gettext_lazy as _` of every field
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

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.helpers: list[str] = []

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        """The functions the new fields name (moves._forwarded) go right before the user's class."""
        helpers = [
            h
            for h in dict.fromkeys(self.helpers)
            if "def %s(" % h.split("(")[0][4:] not in original_node.code
        ]
        if not helpers:
            return updated_node
        body = list(updated_node.body)
        at = next(
            (
                i
                for i, stmt in enumerate(body)
                if isinstance(stmt, cst.ClassDef) and stmt.name.value == self.options.user_class
            ),
            len(body),
        )
        new = [
            cst.parse_statement(h).with_changes(
                leading_lines=[cst.EmptyLine(indent=False)] * (2 if i else 0)
            )
            for i, h in enumerate(helpers)
        ]
        if at < len(body):
            new[0] = new[0].with_changes(leading_lines=body[at].leading_lines)
            body[at] = body[at].with_changes(
                leading_lines=[cst.EmptyLine(indent=False), cst.EmptyLine(indent=False)]
            )
        body[at:at] = new
        return updated_node.with_changes(body=body)


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
