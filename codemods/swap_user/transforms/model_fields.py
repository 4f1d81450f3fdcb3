"""Relation fields to auth's User (the class or "auth.User") point at settings.AUTH_USER_MODEL."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON
from ...core.transform import PythonTransform
from ._common import (
    AUTH_WORD,
    callee_name,
    is_auth_user,
    is_user_model_string,
    rewrite_away,
    user_model_setting,
    user_words,
    wants_user,
)

# ForeignKey, OneToOneField, ManyToManyField and their third-party kin (TreeForeignKey, AutoOneToOneField,
# ParentalKey, SortedManyToManyField, ...): recognised by name, then by their target being auth's User.
RELATION_FIELD = re.compile(
    r"(ForeignKey|OneToOneField|ManyToManyField|ForeignObject|Key|ToOneField|ToManyField)$"
)
_STRING = re.compile(r"""["']auth\.user["']""", re.I)
_FIELD_CALL = re.compile(
    r"(ForeignKey|OneToOneField|ManyToManyField|ForeignObject|Key|ToOneField|ToManyField)\s*\("
)


class ModelFields(PythonTransform):
    TITLE = "Relation fields → settings.AUTH_USER_MODEL"
    RUNS_AFTER = ("settings",)
    ROLES = frozenset({PYTHON})
    STATEMENT_LOCAL = True
    PATTERN = _FIELD_CALL
    LITERALS = ("Key", "Field", "ForeignObject")
    LIGHT_SCOPE = True  # it only asks qualified names

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: relation fields to User or "auth.User".
        return re.compile(AUTH_WORD + "|" + user_words(options, file, tree))

    def __init__(self, context, options, file):
        super().__init__(context, options, file)
        self.targets: dict[int, int] = {}  # id(relation field call) -> index of its user argument

    @classmethod
    def wants(cls, text, options, file):
        return super().wants(text, options, file) and (
            wants_user(text, options, file) or _STRING.search(text) is not None
        )

    def _is_user_target(self, node: cst.BaseExpression) -> bool:
        return is_user_model_string(node) or is_auth_user(self, node)

    def _target(self, call: cst.Call) -> int | None:
        """Index of the argument that names auth's User as the relation's target, if any."""
        name = callee_name(call)
        if name is None or not RELATION_FIELD.search(name):
            return None
        for i, arg in enumerate(call.args):
            is_target = (arg.keyword is None and arg.star == "" and i == 0) or (
                arg.keyword is not None and arg.keyword.value == "to"
            )
            if is_target and self._is_user_target(arg.value):
                return i
        return None

    def visit_Call(self, node: cst.Call) -> None:
        # Said before the children are left, so user_class does not rewrite the target itself.
        index = self._target(node)
        if index is not None:
            self.targets[id(node)] = index
            rewrite_away(self, node.args[index].value)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        index = self.targets.pop(id(original_node), None)
        if index is None:
            return updated_node
        args = list(updated_node.args)
        args[index] = args[index].with_changes(value=user_model_setting(self))
        return updated_node.with_changes(args=args)
