"""Not mechanical, so a note: the profile's save() and managers, its admins and inlines, other classes bound to it."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import binds_profile, code_of, field_assignment, is_serializer


class ProfileNotes(PythonTransform):
    TITLE = "Profile save(), managers, admins and bound classes (notes only)"
    RUNS_AFTER = ("profile_layer",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and options.profile_class in text

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.depth = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += 1
        options = self.options
        if (
            self.depth == 1
            and self.file.module == options.profile_module
            and node.name.value == options.profile_class
        ):
            self._profile_class(node)
            return
        # a serializer's note is profile_serializers'
        if binds_profile(self, node) and not is_serializer(node):
            self._uses_profile(node)

    def leave_ClassDef(self, original_node, updated_node):
        self.depth -= 1
        return updated_node

    def _profile_class(self, node: cst.ClassDef) -> None:
        o = self.options
        moved = ", ".join(f.name for f in o.fields)
        for stmt in node.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == "save":
                self.note(
                    stmt,
                    "%s.save() is the project's own: the fields it sets (%s) now live on %s and are "
                    "saved by SavesFieldsOnUser when it calls super().save(); check that it does, and move "
                    "what it computes to the user's save()"
                    % (o.profile_class, moved, o.user_label),
                )
            assigned = field_assignment(stmt)
            callee = (
                code_of(assigned[1].func) if assigned and isinstance(assigned[1], cst.Call) else ""
            )
            if "Manager" in callee and callee not in ("models.Manager", "Manager"):
                self.note(
                    stmt,
                    "manager %s.%s: its queries of the moved fields (%s) follow the link through the "
                    "compatibility layer for this release; before it goes, write them as %s__<field> or run them "
                    "on %s" % (o.profile_class, assigned[0], moved, o.link, o.user_label),
                )

    def _uses_profile(self, node: cst.ClassDef) -> None:
        o = self.options
        bases = " ".join(code_of(b.value) for b in node.bases)
        if "Inline" in bases:
            self.note(
                node,
                "admin inline %s edits %s, whose fields (%s) now live on %s: remove it from the user "
                "admin's inlines and add the fields to that admin's fieldsets"
                % (
                    node.name.value,
                    o.profile_label,
                    ", ".join(f.name for f in o.fields),
                    o.user_label,
                ),
            )
        elif "Admin" in bases:
            self.note(
                node,
                "admin %s of %s: its options that name the moved fields (list_display, fields, "
                "search_fields, ...) must use %s__<field> or move to the user's admin"
                % (node.name.value, o.profile_label, o.link),
            )
        elif "Form" not in bases:
            self.note(
                node,
                "%s is bound to %s, whose fields (%s) now live on %s; bind it to the user model, or "
                "read them through %s"
                % (
                    node.name.value,
                    o.profile_label,
                    ", ".join(f.name for f in o.fields),
                    o.user_label,
                    o.link,
                ),
            )
