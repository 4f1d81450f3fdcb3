"""`<user>.profile.<field>` in Python reads and writes the field on the user itself, where `<user>` is one."""

from __future__ import annotations

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import elsewhere_message, names_a_user, not_known_message


class AccessorFields(PythonTransform):
    TITLE = "`<user>.profile.<field>` read and written on the user"
    RUNS_AFTER = ("profile_queries",)
    ROLES = frozenset({PYTHON})
    METADATA_DEPENDENCIES = ()

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and (".%s." % options.accessor) in text

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.classes: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self.classes.pop()
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        inner = updated_node.value
        name = updated_node.attr.value
        if not (
            isinstance(inner, cst.Attribute)
            and inner.attr.value == self.options.accessor
            and self.options.reads_on_user(name)
        ):
            return updated_node
        what = "`.%s.%s`" % (self.options.accessor, name)
        if self.options.accessor_elsewhere:
            self.note(original_node, elsewhere_message(self.options, what, name))
            return updated_node
        user = self._user(inner.value)
        if (
            user is None
        ):  # self.profile of a test case or a view: the profile itself, read through the layer
            return updated_node
        if not user:
            self.note(original_node, not_known_message(self.options, what, name))
            return updated_node
        return updated_node.with_changes(value=inner.value)

    def _user(self, node: cst.BaseExpression) -> bool | None:
        """Is `node` a user (True), unknown (False), or `self` of a class other than the user model (None)?"""
        if isinstance(node, cst.Name) and node.value == "self":
            inside_user = self.file.module == self.options.user_module and self.classes[:1] == [
                self.options.user_class
            ]
            return True if inside_user else None
        if isinstance(node, cst.Name):
            return names_a_user(self.options, node.value)
        if isinstance(node, cst.Attribute):
            return names_a_user(self.options, node.attr.value)
        return False
