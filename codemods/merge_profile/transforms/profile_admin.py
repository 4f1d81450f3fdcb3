"""Admin lookups of moved fields (list_filter, search_fields, ordering, date_hierarchy) follow the link or drop it."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import elsewhere_message, field_assignment, is_profile, with_string, without_accessor

OPTIONS = frozenset({"list_filter", "search_fields", "ordering", "date_hierarchy"})
SEARCH_PREFIXES = "^=@"


class ProfileAdmin(PythonTransform):
    TITLE = "Admin lookups of moved fields"
    RUNS_AFTER = ("profile_forms",)
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return (
            super().wants(text, options, file) and options.profile_class in text and "admin" in text
        )

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.registered: set[str] = set()  # admin classes registered for the profile in this module

    def visit_Module(self, node: cst.Module) -> None:
        # admin.site.register(Profile, ProfileAdmin), usually after the class: read before the classes are left
        for stmt in node.body:
            if not (
                isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr)
            ):
                continue
            call = stmt.body[0].value
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "register"
                and len(call.args) >= 2
                and isinstance(call.args[1].value, cst.Name)
                and is_profile(self, call.args[0].value)
            ):
                self.registered.add(call.args[1].value.value)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        on_profile = self._for_profile(original_node)
        if not on_profile and not any(
            "Admin" in cst.Module([]).code_for_node(b.value)
            or "Inline" in cst.Module([]).code_for_node(b.value)
            for b in original_node.bases
        ):
            return updated_node
        body = []
        for stmt in updated_node.body.body:
            assigned = field_assignment(stmt)
            if assigned and assigned[0] in OPTIONS:
                new = self._follow(assigned[1], on_profile, original_node)
                if new is not assigned[1]:
                    small = stmt.body[0]
                    stmt = stmt.with_changes(body=[small.with_changes(value=new)])
            body.append(stmt)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def _for_profile(self, node: cst.ClassDef) -> bool:
        if node.name.value in self.registered:
            return True
        for deco in node.decorators:
            call = deco.decorator
            if isinstance(call, cst.Call) and call.args and is_profile(self, call.args[0].value):
                return True
        return any(
            (a := field_assignment(s)) and a[0] == "model" and is_profile(self, a[1])
            for s in node.body.body
        )

    def _follow(
        self, value: cst.BaseExpression, on_profile: bool, where: cst.CSTNode
    ) -> cst.BaseExpression:
        """On the profile's admin a moved field follows the link (`user__bio`); elsewhere (the user's admin) a
        path through the profile drops its accessor (`profile__bio` -> `bio`)."""
        if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
            path = value.evaluated_value
            prefix = path[0] if path[:1] and path[0] in "-" + SEARCH_PREFIXES else ""
            rest = path[len(prefix) :]
            if on_profile and self.options.moved(rest.split("__")[0]) is not None:
                return with_string(value, "%s%s__%s" % (prefix, self.options.link, rest))
            shorter = None if on_profile else without_accessor(self.options, rest)
            if shorter is not None and self.options.accessor_elsewhere:
                self.note(
                    where,
                    elsewhere_message(self.options, "admin lookup %r" % path, rest.split("__")[-1]),
                )
            elif shorter is not None:
                return with_string(value, prefix + shorter)
            return value
        if isinstance(value, cst.BinaryOperation):  # UserAdmin.list_filter + ("profile__theme",)
            left, right = self._follow(value.left, on_profile, where), self._follow(
                value.right, on_profile, where
            )
            if left is not value.left or right is not value.right:
                return value.with_changes(left=left, right=right)
            return value
        if isinstance(value, (cst.List, cst.Tuple)):
            elements = [
                e.with_changes(value=self._follow(e.value, on_profile, where))
                for e in value.elements
            ]
            if any(a.value is not b.value for a, b in zip(elements, value.elements)):
                return value.with_changes(elements=elements)
        return value
