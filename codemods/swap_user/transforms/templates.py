"""Templates: permission checks perms.auth.*_user and admin URL names admin:auth_user_* name the new app."""

from __future__ import annotations

import re

from ...core.files import TEMPLATE
from ...core.transform import TextTransform
from ._common import ADMIN_USER_PATH, rename_admin_urls, rename_permissions

_PATTERN = re.compile(
    r"\bauth\.(?:add|change|delete|view)_user\b|admin:auth_user_|/admin/auth/user\b"
)

ADMIN_PATH = (
    "admin path /admin/auth/user/ in a template; after the swap the user admin is at /admin/%s/user/; "
    "use {%% url 'admin:%s_user_changelist' %%} (or admin:%s_user_change with the user's id)"
)


class Templates(TextTransform):
    ROLES = frozenset({TEMPLATE})
    PATTERN = _PATTERN

    def transform(self, text: str) -> str:
        label = self.options.label
        for match in ADMIN_USER_PATH.finditer(text):
            self.note_at(text, match.start(), ADMIN_PATH % (label, label, label))
        return rename_admin_urls(rename_permissions(text, label), label)
