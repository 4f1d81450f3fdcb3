"""Templates: perms.auth.*_user, admin URL names, admin paths and "auth.User" labels in tags name the new app."""

from __future__ import annotations

import re

from ...core.files import TEMPLATE
from ...core.transform import TextTransform
from ._common import (
    ADMIN_USER_PATH,
    admin_path_note,
    names_admin,
    rename_admin_paths,
    rename_admin_urls,
    rename_permissions,
)

_PATTERN = re.compile(
    r"\bauth\.(?:add|change|delete|view)_user\b|admin:auth_user_|auth/user\b|[\"']auth\.user[\"']",
    re.I,
)
# A Django or Jinja2 tag ({{ ... }}, {% ... %}, over lines too). An unclosed one ends at the next opening, so
# that no text is scanned twice.
_TAG_SOURCE = r"\{\{(?:(?!\{\{|\}\})[\s\S])*\}\}|\{%(?:(?!\{%|%\})[\s\S])*%\}"
# A quoted string (an HTML attribute's value, a JavaScript or template-language string) with no whitespace
# outside template tags: a path or URL, not prose. A tag's opening is never read as plain characters, so each
# part of the text matches one way only.
_QUOTED_PATH = re.compile(r"""(["'])((?:%s|(?!\1|\{[{%%])[^\s<>])*)\1""" % _TAG_SOURCE)
# A template tag that may be the admin's root, right before auth/user: {% url 'admin:index' %}auth/user/
_TAG_THEN_USER_PATH = re.compile(r"(\{\{[^{}]*\}\}|\{%[^{}]*%\})auth/user(?![\w.-])")
# A model label is only rewritten inside a tag, never in the text around them.
_TAG = re.compile(_TAG_SOURCE)
_MODEL_LABEL = re.compile(r"""(["'])auth\.(user)\1""", re.I)

ADMIN_PATH = (
    "admin path admin/auth/user/ in a template, left as it is (not a quoted path, or it does not start at the "
    "admin's root); after the swap the user admin is at /admin/%s/user/; use {%% url 'admin:%s_user_changelist' "
    "%%} (or admin:%s_user_change with the user's id)"
)


class Templates(TextTransform):
    TITLE = 'Templates: perms.auth.*_user, admin URL names and paths, "auth.User" labels in tags'
    ROLES = frozenset({TEMPLATE})
    PATTERN = _PATTERN

    def transform(self, text: str) -> str:
        label = self.options.label
        text = self._admin_paths(text)
        text = _TAG.sub(
            lambda tag: _MODEL_LABEL.sub(lambda m: _label(m, label), tag.group(0)), text
        )
        return rename_admin_urls(rename_permissions(text, label), label)

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
                text, match.start(), label, ADMIN_PATH % (label, label, label)
            )
            if message is not None:
                self.note_at(text, match.start(), message)
        return "".join(pieces) + text[last:]


def _label(match: re.Match, label: str) -> str:
    """The new label in the literal's quotes; the model name keeps its case ("auth.user" is a label_lower)."""
    return "%s%s.%s%s" % (match.group(1), label, match.group(2), match.group(1))
