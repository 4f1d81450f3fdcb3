"""Permission strings auth.<action>_user, in Python and in templates (perms.auth.*_user), name the new app's label."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON, SETTINGS, TEMPLATE
from ...core.transform import PythonTransform, TextTransform
from ._common import AUTH_WORD, edit_string, fstring_shape

PERMISSION_NAME = re.compile(r"\bauth\.((?:add|change|delete|view)_user)\b")

_PATTERN = re.compile(
    r"\bauth\.(?:(?:add|change|delete|view)_user\b|%s_user\b|\{[^{}\n]*\}_user\b)"
)
# A permission name put together at run time: "auth.%s_user", "auth.{}_user", f"auth.{action}_user".
_BUILT = re.compile(r"\bauth\.(?:%s|\{[^{}]*\})_user\b")

ESCAPED = (
    "%s holds a permission of auth's User; escape sequences keep it from being rewritten as text; "
    "write %s.<action>_user here"
)
BUILT = (
    "permission name built from 'auth.' and '_user'; after the swap the user permissions belong to the "
    "'%s' app; build it from '%s.' instead"
)


def rename_permissions(text: str, label: str) -> str:
    """auth.<action>_user -> <label>.<action>_user."""
    return PERMISSION_NAME.sub(lambda m: "%s.%s" % (label, m.group(1)), text)


class PermissionStrings(PythonTransform):
    TITLE = "Permission strings auth.*_user in Python and templates"
    RUNS_AFTER = ("model_strings",)
    ROLES = frozenset({PYTHON, SETTINGS})
    STATEMENT_LOCAL = True
    PATTERN = _PATTERN
    LITERALS = ("auth.",)
    METADATA_DEPENDENCIES = ()

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: "auth.<action>_user" strings.
        return re.compile(AUTH_WORD)

    def _rename(self, text: str) -> str:
        return rename_permissions(text, self.options.label)

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString):
        value = original_node.evaluated_value
        if isinstance(value, str) and _BUILT.search(value):
            self.note(original_node, BUILT % (self.options.label, self.options.label))
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
        if _BUILT.search(fstring_shape(original_node)):
            self.note(original_node, BUILT % (self.options.label, self.options.label))
        return updated_node


class PermissionTemplates(TextTransform):
    """perms.auth.<action>_user and "auth.<action>_user" anywhere in a template."""

    ROLES = frozenset({TEMPLATE})
    PATTERN = re.compile(r"\bauth\.(?:add|change|delete|view)_user\b", re.I)
    FOLDED_LITERALS = ("auth",)
    RUNS_AFTER = ("admin_urls",)  # whose notes are placed in the template as it was written

    def transform(self, text: str) -> str:
        return rename_permissions(text, self.options.label)
