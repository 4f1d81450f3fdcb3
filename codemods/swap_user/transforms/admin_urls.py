"""Admin URL names admin:auth_user_* in Python name the new app's label."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON, SETTINGS
from ...core.transform import PythonTransform
from ._common import ADMIN_USER_PATH, edit_string, fstring_shape, rename_admin_urls

_PATTERN = re.compile(r"admin:auth_user_|/admin/auth/user\b")
# An admin URL name put together at run time: "admin:auth_user_%s", f"admin:auth_user_{action}".
_BUILT = re.compile(r"admin:auth_user_(?!\w)")

ADMIN_PATH = (
    "admin path /admin/auth/user/ in a string; after the swap the user admin is at /admin/%s/user/; "
    'use reverse("admin:%s_user_changelist") (or admin:%s_user_change with the user\'s id)'
)
BUILT = (
    "admin URL name built from 'admin:auth_user_'; after the swap the user admin's URL names are "
    "'admin:%s_user_<suffix>' (only admin:auth_user_password_change stays); build it from 'admin:%s_user_'"
)
ESCAPED = (
    "%s holds an admin URL name of auth's User; escape sequences keep it from being rewritten as text; "
    "write admin:%s_user_<suffix> here"
)


class AdminUrls(PythonTransform):
    ROLES = frozenset({PYTHON, SETTINGS})
    PATTERN = _PATTERN
    LITERALS = ("admin:auth_user_", "/admin/auth/user")
    METADATA_DEPENDENCIES = ()

    def _rename(self, text: str) -> str:
        return rename_admin_urls(text, self.options.label)

    def _check(self, node: cst.CSTNode, text: str) -> None:
        label = self.options.label
        if ADMIN_USER_PATH.search(text):
            self.note(node, ADMIN_PATH % (label, label, label))
        if _BUILT.search(text):
            self.note(node, BUILT % (label, label))

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString):
        value = original_node.evaluated_value
        if isinstance(value, str):
            self._check(original_node, value)
        new = edit_string(updated_node, self._rename)
        if new is None:
            self.note(original_node, ESCAPED % (original_node.value, self.options.label))
            return updated_node
        return new

    def leave_FormattedStringText(self, original_node, updated_node):
        return updated_node.with_changes(value=self._rename(updated_node.value))

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ):
        self._check(original_node, fstring_shape(original_node))
        return updated_node
