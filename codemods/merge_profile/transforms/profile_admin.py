"""The profile admin's list_filter, search_fields, ordering and date_hierarchy follow the link to moved fields."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import field_assignment, is_profile, with_string

OPTIONS = frozenset({"list_filter", "search_fields", "ordering", "date_hierarchy"})
SEARCH_PREFIXES = "^=@"


class ProfileAdmin(PythonTransform):
    ROLES = frozenset({PYTHON})
    LIGHT_SCOPE = True

    @classmethod
    def wants(cls, text, options, file):
        return file.role in cls.ROLES and options.profile_class in text and "admin" in text

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.registered: set[str] = set()  # admin classes registered for the profile in this module

    def visit_Module(self, node: cst.Module) -> None:
        # admin.site.register(Profile, ProfileAdmin), usually after the class: read before the classes are left
        for stmt in node.body:
            if not (isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr)):
                continue
            call = stmt.body[0].value
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == \
                    "register" and len(call.args) >= 2 and isinstance(call.args[1].value, cst.Name) \
                    and is_profile(self, call.args[0].value):
                self.registered.add(call.args[1].value.value)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        if not self._for_profile(original_node):
            return updated_node
        body = []
        for stmt in updated_node.body.body:
            assigned = field_assignment(stmt)
            if assigned and assigned[0] in OPTIONS:
                new = self._follow(assigned[1])
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
        return any((a := field_assignment(s)) and a[0] == "model" and is_profile(self, a[1]) for s in node.body.body)

    def _follow(self, value: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(value, cst.SimpleString):
            path = value.evaluated_value
            prefix = path[0] if path[:1] in ("-",) or (path[:1] and path[0] in SEARCH_PREFIXES) else ""
            rest = path[len(prefix):]
            if isinstance(path, str) and self.options.moved(rest.split("__")[0]) is not None:
                return with_string(value, "%s%s__%s" % (prefix, self.options.link, rest))
            return value
        if isinstance(value, (cst.List, cst.Tuple)):
            elements = [e.with_changes(value=self._follow(e.value)) for e in value.elements]
            if any(a.value is not b.value for a, b in zip(elements, value.elements)):
                return value.with_changes(elements=elements)
        return value
