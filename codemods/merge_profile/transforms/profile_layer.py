"""The profile's moved fields become properties that read and write the user's, and saving it saves them."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from ...core import scheduled
from ._common import ClassBodyTransform, add_import, field_assignment, with_first_base

PROPERTY = "FieldOnUser"
MIXIN = "SavesFieldsOnUser"


class ProfileLayer(ClassBodyTransform):
    TITLE = "Compatibility layer: the profile's moved fields read and write the user's"
    RUNS_AFTER = ("user_fields",)
    MODULE, CLASS = "profile_module", "profile_class"
    # removing the moved fields asks which imports they used (LibCST's RemovedNodeVisitor)
    METADATA_DEPENDENCIES = (ScopeProvider,)

    def edit_class(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        body: list[cst.CSTNode] = []
        first = True
        for original, stmt in zip(original_node.body.body, updated_node.body.body):
            assigned = field_assignment(stmt)
            moved = self.options.moved(assigned[0]) if assigned else None
            if (
                moved is None
                or moved.name != assigned[0]
                or not isinstance(assigned[1], cst.Call)
                or (isinstance(assigned[1].func, cst.Name) and assigned[1].func.value == PROPERTY)
            ):
                body.append(stmt)
                continue
            self._forget_names(field_assignment(original)[1])
            new = self.parse_statement(
                "%s = %s(%s)\n" % (moved.name, PROPERTY, self._quoted(moved.name))
            )
            leading = list(stmt.leading_lines)
            if first:
                leading.append(
                    cst.EmptyLine(
                        comment=cst.Comment(
                            "# Moved to %s (codemods.merge_profile): these read and write the user's fields, for one "
                            "release." % self.options.user_label
                        )
                    )
                )
                first = False
            body.append(new.with_changes(leading_lines=leading))
            extra = [moved.attname] if moved.attname != moved.name else []
            extra += ["get_%s_display" % moved.name] if moved.choices else []
            for name in extra:
                body.append(
                    self.parse_statement("%s = %s(%s)\n" % (name, PROPERTY, self._quoted(name)))
                )
        if first:
            return updated_node  # nothing moved here (a second run)
        add_import(self, self.options.layer_module, PROPERTY)
        add_import(self, self.options.layer_module, MIXIN)
        return with_first_base(updated_node, MIXIN).with_changes(
            body=updated_node.body.with_changes(body=body)
        )

    def _quoted(self, name: str) -> str:
        return ("'%s'" if self.options.style.single_quotes else '"%s"') % name

    def _forget_names(self, call: cst.Call) -> None:
        """Imports only the moved definitions used may go (the runner keeps those whose name the file still writes)."""
        for node in _names(call):
            scheduled.remove_unused_import_by_node(self.context, node)


def _names(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Collect(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            found.append(n)

    node.visit(Collect())
    return found
