"""The swap_user transforms. On one file the runner applies the text ones first, then the Python ones in one
traversal, in this order: user_class is the last Python one, so it sees which uses of User the others consumed.
"""

from __future__ import annotations

from .admin_layout import AdminLayout
from .admin_registration import AdminRegistration
from .admin_urls import AdminUrls
from .auth_forms import AuthForms
from .content_types import ContentTypes
from .fixtures import Fixtures
from .migrations import Migrations
from .model_fields import ModelFields
from .model_strings import ModelStrings
from .permission_strings import PermissionStrings
from .settings import Settings
from .signals import Signals
from .templates import Templates
from .user_class import UserClass

TRANSFORMS: list[type] = [
    Settings,
    ModelFields,
    Signals,
    AdminRegistration,
    AuthForms,
    ContentTypes,
    ModelStrings,
    PermissionStrings,
    AdminUrls,
    AdminLayout,
    Migrations,
    UserClass,
    Templates,
    Fixtures,
]
