"""The merge_profile transforms, in the order they run on a file."""

from __future__ import annotations

from .accessor_fields import AccessorFields
from .fixtures import Fixtures
from .profile_admin import ProfileAdmin
from .profile_forms import ProfileForms
from .profile_get import ProfileGet
from .profile_layer import ProfileLayer
from .profile_notes import ProfileNotes
from .profile_queries import ProfileQueries
from .templates import Templates
from .user_fields import UserFields

TRANSFORMS: list[type] = [
    UserFields,
    ProfileLayer,
    ProfileNotes,
    ProfileGet,
    ProfileQueries,
    AccessorFields,
    ProfileForms,
    ProfileAdmin,
    Templates,
    Fixtures,
]
