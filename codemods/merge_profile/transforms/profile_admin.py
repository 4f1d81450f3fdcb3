"""Admin lookups of moved fields follow the link or drop it; the profile admin's M2M widgets drop them.

list_filter, search_fields, ordering and date_hierarchy follow the link on the profile's admin and drop the
accessor on the user's; filter_horizontal and filter_vertical of the profile's admin lose moved fields, with a
note."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import elsewhere_message, field_assignment, is_profile, with_string, without_accessor

OPTIONS = frozenset({"list_filter", "search_fields", "ordering", "date_hierarchy"})
# Widgets of the profile's own form fields: a moved many-to-many field is no field of that form any more
# (admin.E019 at `check`: tandoor's filter_horizontal = ('plan_share', 'shopping_share')); it goes from them.
WIDGETS = frozenset({"filter_horizontal", "filter_vertical"})
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
            if on_profile and assigned and assigned[0] in WIDGETS:
                stmt = self._without_moved(stmt, assigned, original_node)
                if stmt is None:
                    continue
            elif assigned and assigned[0] in OPTIONS:
                new = self._follow(assigned[1], on_profile, original_node)
                if new is not assigned[1]:
                    small = stmt.body[0]
                    stmt = stmt.with_changes(body=[small.with_changes(value=new)])
            body.append(stmt)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def _without_moved(self, stmt, assigned, where: cst.ClassDef):
        """`filter_horizontal = (...)` of the profile's admin without the moved fields; None when none is left."""
        name, value = assigned
        if not isinstance(value, (cst.List, cst.Tuple)):
            return stmt
        moved = [
            e.value.evaluated_value
            for e in value.elements
            if isinstance(e.value, cst.SimpleString)
            and isinstance(e.value.evaluated_value, str)
            and self.options.moved(e.value.evaluated_value) is not None
        ]
        if not moved:
            return stmt
        self.note(
            where,
            "%s named %s, which moved to %s: dropped from the profile's admin, whose form no longer has "
            "them; edit them in the user's admin (add them to its %s there)"
            % (name, ", ".join(moved), self.options.user_label, name),
        )
        kept = [
            e
            for e in value.elements
            if not (isinstance(e.value, cst.SimpleString) and e.value.evaluated_value in moved)
        ]
        if not kept:
            return None
        if isinstance(value, cst.Tuple) and len(kept) == 1:
            kept = [kept[0].with_changes(comma=cst.Comma())]
        elif kept[-1].comma is not cst.MaybeSentinel.DEFAULT and value.elements[-1].comma is (
            cst.MaybeSentinel.DEFAULT
        ):
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        small = stmt.body[0]
        return stmt.with_changes(body=[small.with_changes(value=value.with_changes(elements=kept))])

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
