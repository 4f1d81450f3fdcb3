"""The merge_profile transforms, in the order they run on a file."""

from __future__ import annotations

from .profile_layer import ProfileLayer
from .user_fields import UserFields

TRANSFORMS: list[type] = [
    UserFields,
    ProfileLayer,
]
