"""Admin URL names admin:auth_user_* and admin paths .../admin/auth/user/ in Python name the new app."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON, SETTINGS
from ...core.transform import PythonTransform
from ._common import (
    ADMIN_USER_PATH,
    admin_path_note,
    code_of,
    edit_string,
    fstring_shape,
    is_path,
    names_admin,
    rename_admin_paths,
    rename_admin_urls,
)

_PATTERN = re.compile(r"admin:auth_user_|auth/user\b")
# An admin URL name put together at run time: "admin:auth_user_%s", f"admin:auth_user_{action}".
_BUILT = re.compile(r"admin:auth_user_(?!\w)")

ADMIN_PATH = (
    "admin path admin/auth/user/ left as it is (the string is more than a path, or the path does not start at the"
    ' admin\'s root); after the swap the user admin is at /admin/%s/user/; use reverse("admin:%s_user_changelist")'
    " (or admin:%s_user_change with the user's id)"
)
BUILT = (
    "admin URL name built from 'admin:auth_user_'; after the swap the user admin's URL names are "
    "'admin:%s_user_<suffix>' (only admin:auth_user_password_change stays); build it from 'admin:%s_user_'"
)
ESCAPED = (
    "%s holds an admin URL name or path of auth's User; escape sequences keep it from being rewritten as text; "
    "write admin:%s_user_<suffix> (or the path /admin/%s/user/) here"
)


class AdminUrls(PythonTransform):
    TITLE = "Admin URL names admin:auth_user_* and literal admin paths"
    RUNS_AFTER = ("permission_strings",)
    ROLES = frozenset({PYTHON, SETTINGS})
    PATTERN = _PATTERN
    LITERALS = ("admin:auth_user_", "auth/user")
    METADATA_DEPENDENCIES = ()

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: auth's admin URL names and paths.
        return re.compile("auth", re.I)

    def _check(self, node: cst.CSTNode, text: str) -> None:
        label = self.options.label
        path = ADMIN_USER_PATH.search(text)
        if path is not None:
            message = admin_path_note(text, path.start(), label, ADMIN_PATH % (label, label, label))
            if message is not None:
                self.note(node, message)
        if _BUILT.search(text):
            self.note(node, BUILT % (label, label))

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString):
        value = original_node.evaluated_value
        if not isinstance(value, str):
            return updated_node
        label = self.options.label
        path = is_path(value)

        def rename(text: str) -> str:
            text = rename_admin_urls(text, label)
            return rename_admin_paths(text, label) if path else text

        new = edit_string(updated_node, rename)
        if new is None:
            self.note(original_node, ESCAPED % (original_node.value, label, label))
            return updated_node
        self._check(original_node, new.evaluated_value)
        return new

    def leave_FormattedStringText(self, original_node, updated_node):
        return updated_node.with_changes(
            value=rename_admin_urls(updated_node.value, self.options.label)
        )

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ):
        texts = [p.value for p in original_node.parts if isinstance(p, cst.FormattedStringText)]
        if is_path("".join(texts)):
            parts = list(updated_node.parts)
            for i, part in enumerate(parts):
                if isinstance(part, cst.FormattedStringText):
                    root = i > 0 and names_admin(code_of(parts[i - 1]))
                    parts[i] = part.with_changes(
                        value=rename_admin_paths(part.value, self.options.label, root)
                    )
            updated_node = updated_node.with_changes(parts=parts)
        self._check(original_node, fstring_shape(updated_node))
        return updated_node
