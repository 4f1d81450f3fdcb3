"""Admin URL names admin:auth_user_* and admin paths .../admin/auth/user/, in Python and in templates, name the new app."""

from __future__ import annotations

import re

import libcst as cst

from ...core.files import PYTHON, SETTINGS, TEMPLATE
from ...core.transform import PythonTransform, TextTransform
from ._common import AUTH_WORD, TEMPLATE_TAG_SOURCE, code_of, edit_string, fstring_shape

ADMIN_URL_NAME = re.compile(r"admin:auth_user_(\w+)")
# Any admin path of auth's User, rewritten or not (what is left of them becomes a note).
ADMIN_USER_PATH = re.compile(r"admin/auth/user\b")
# A template name under it (admin/auth/user/change_form.html) is no URL: never rewritten as one.
ADMIN_USER_TEMPLATE = re.compile(r"admin/auth/user/([\w-]+\.\w+)(?![\w/.-])")
# The templates the admin looks up under admin/<app_label>/<model_name>/ (ModelAdmin's views, actions.py and
# the inclusion tags of templatetags/base.py). UserAdmin names add_form.html and change_password.html under
# admin/auth/user/ itself, so those keep working after the swap.
ADMIN_MODEL_TEMPLATES = frozenset(
    {
        "change_form.html",
        "change_list.html",
        "delete_confirmation.html",
        "object_history.html",
        "popup_response.html",
        "delete_selected_confirmation.html",
        "actions.html",
        "change_form_object_tools.html",
        "change_list_object_tools.html",
        "change_list_results.html",
        "date_hierarchy.html",
        "pagination.html",
        "prepopulated_fields_js.html",
        "search_form.html",
        "submit_line.html",
    }
)
# The admin's own layout: `auth/user` right after the segment `admin/`, which starts the text, follows a `/`, or
# follows a placeholder (f"/{BASE_PATH}admin/auth/user/"). `/api/auth/user/` is some other view.
_ADMIN_SEGMENT_PATH = re.compile(r"(?<![^/}])admin/auth/user(?![\w.-])")
# `auth/user` starting the text that follows a placeholder which is the admin's root (f"{ADMIN_URL}auth/user/").
_LEADING_USER_PATH = re.compile(r"^auth/user(?![\w.-])")
# UserAdmin reverses this name itself, so it resolves after the swap too.
KEPT_ADMIN_URL = "password_change"


def rename_admin_urls(text: str, label: str) -> str:
    """admin:auth_user_<suffix> -> admin:<label>_user_<suffix>, but admin:auth_user_password_change."""
    return ADMIN_URL_NAME.sub(
        lambda m: (
            m.group(0) if m.group(1) == KEPT_ADMIN_URL else "admin:%s_user_%s" % (label, m.group(1))
        ),
        text,
    )


ADMIN_TEMPLATE_NAME = (
    "template name admin/auth/user/%s: after the swap the admin looks it up as admin/%s/user/%s, where the tool "
    "moves the project's own template of that name; if this names that template, rename it here"
)


def admin_path_note(text: str, at: int, label: str, path_note: str) -> str | None:
    """The note for the admin path of auth's User left at `at`: path_note, or for a template name that the
    admin looks up by the model's path, where it went; None for any other template name (UserAdmin's own, a
    project's include), which keeps working."""
    match = ADMIN_USER_TEMPLATE.match(text, at)
    if match is None:
        return path_note
    if match.group(1) not in ADMIN_MODEL_TEMPLATES:
        return None
    return ADMIN_TEMPLATE_NAME % (match.group(1), label, match.group(1))


def is_path(text: str) -> bool:
    """A path or URL, not prose: no whitespace."""
    return bool(text) and not any(c.isspace() for c in text)


def rename_admin_paths(text: str, label: str, after_admin_root: bool = False) -> str:
    """admin/auth/user -> admin/<label>/user in a path; with after_admin_root, a leading auth/user too."""
    if ADMIN_USER_TEMPLATE.search(text):
        return text
    text = _ADMIN_SEGMENT_PATH.sub("admin/%s/user" % label, text)
    return _LEADING_USER_PATH.sub("%s/user" % label, text) if after_admin_root else text


def names_admin(code: str) -> bool:
    """Does a placeholder's code name the admin (ADMIN_URL, reverse("admin:index"), {% url 'admin:index' %})?"""
    return "admin" in code.lower()


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
    TITLE = "Admin URL names admin:auth_user_* and literal admin paths, in Python and templates"
    RUNS_AFTER = ("permission_strings",)
    ROLES = frozenset({PYTHON, SETTINGS})
    STATEMENT_LOCAL = True
    PATTERN = _PATTERN
    LITERALS = ("admin:auth_user_", "auth/user")
    METADATA_DEPENDENCIES = ()

    @classmethod
    def keep_pattern(cls, options, file, tree):
        # What it reads: auth's admin URL names and paths.
        return re.compile(AUTH_WORD)

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


# A quoted string in a template (an HTML attribute's value, a JavaScript or template-language string) with no
# whitespace outside template tags: a path or URL, not prose. A tag's opening is never read as plain characters,
# so each part of the text matches one way only.
_QUOTED_PATH = re.compile(r"""(["'])((?:%s|(?!\1|\{[{%%])[^\s<>])*)\1""" % TEMPLATE_TAG_SOURCE)
# A template tag that may be the admin's root, right before auth/user: {% url 'admin:index' %}auth/user/
_TAG_THEN_USER_PATH = re.compile(r"(\{\{[^{}]*\}\}|\{%[^{}]*%\})auth/user(?![\w.-])")

TEMPLATE_ADMIN_PATH = (
    "admin path admin/auth/user/ in a template, left as it is (not a quoted path, or it does not start at the "
    "admin's root); after the swap the user admin is at /admin/%s/user/; use {%% url 'admin:%s_user_changelist' "
    "%%} (or admin:%s_user_change with the user's id)"
)


class AdminUrlTemplates(TextTransform):
    """Admin URL names anywhere in a template; admin paths in its quoted paths, the others noted."""

    ROLES = frozenset({TEMPLATE})
    PATTERN = re.compile(r"admin:auth_user_|auth/user\b", re.I)
    FOLDED_LITERALS = ("auth",)

    def transform(self, text: str) -> str:
        # The paths first, so that the notes are placed in the template as it was written.
        return rename_admin_urls(self._admin_paths(text), self.options.label)

    def _admin_paths(self, text: str) -> str:
        """Quoted paths rewritten; a note for every admin path of the user left, at its place in text."""
        label = self.options.label
        pieces, last, done = [], 0, []
        for quoted in _QUOTED_PATH.finditer(text):
            body = quoted.group(2)
            if "auth/user" not in body:
                continue
            new = _TAG_THEN_USER_PATH.sub(
                lambda m: m.group(1) + label + "/user" if names_admin(m.group(1)) else m.group(0),
                body,
            )
            new = rename_admin_paths(new, label)
            if new != body:
                pieces += [text[last : quoted.start(2)], new]
                last = quoted.end(2)
                if not ADMIN_USER_PATH.search(new):
                    done.append((quoted.start(2), quoted.end(2)))
        for match in ADMIN_USER_PATH.finditer(text):
            if any(start <= match.start() < end for start, end in done):
                continue
            message = admin_path_note(
                text, match.start(), label, TEMPLATE_ADMIN_PATH % (label, label, label)
            )
            if message is not None:
                self.note_at(text, match.start(), message)
        return "".join(pieces) + text[last:]
