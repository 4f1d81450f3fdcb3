"""Relation fields to auth's User (the class or "auth.User") point at settings.AUTH_USER_MODEL."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import callee_name, is_auth_user, is_user_model_string, user_model_setting, wants_user

# ForeignKey, OneToOneField, ManyToManyField and their third-party kin (TreeForeignKey, AutoOneToOneField,
# ParentalKey, SortedManyToManyField, ...): recognised by name, then by their target being auth's User.
RELATION_FIELD = re.compile(r"(ForeignKey|OneToOneField|ManyToManyField|ForeignObject|Key|ToOneField|ToManyField)$")
_STRING = re.compile(r"""["']auth\.user["']""", re.I)
_FIELD_CALL = re.compile(r"(ForeignKey|OneToOneField|ManyToManyField|ForeignObject|Key|ToOneField|ToManyField)\s*\(")


class ModelFields(PythonTransform):
    ROLES = frozenset({PYTHON})

    @classmethod
    def wants(cls, text, options, file):
        if file.role not in cls.ROLES or _FIELD_CALL.search(text) is None:
            return False
        return wants_user(text, options, file) or _STRING.search(text) is not None

    def _is_user_target(self, node: cst.BaseExpression) -> bool:
        return is_user_model_string(node) or is_auth_user(self, node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = callee_name(original_node)
        if name is None or not RELATION_FIELD.search(name):
            return updated_node
        args = list(updated_node.args)
        for i, (orig, arg) in enumerate(zip(original_node.args, args)):
            is_target = (orig.keyword is None and orig.star == "" and i == 0) or (
                orig.keyword is not None and orig.keyword.value == "to"
            )
            if is_target and self._is_user_target(orig.value):
                self.consume(orig.value)
                args[i] = arg.with_changes(value=user_model_setting(self))
                return updated_node.with_changes(args=args)
        return updated_node
