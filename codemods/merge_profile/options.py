"""What every merge_profile transform knows: the user model, the profile, and the fields that move."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MovedField:
    name: str
    attname: str
    many_to_many: bool
    definition: str  # as declared on the user
    imports: tuple[tuple[str, str | None, str | None], ...] = ()  # (module, name or None, alias)


@dataclass(frozen=True)
class MergeOptions:
    user_label: str = "accounts.User"
    user_module: str = "accounts.models"
    user_class: str = "User"
    profile_label: str = "profiles.Profile"
    profile_module: str = "profiles.models"
    profile_class: str = "Profile"
    link: str = "user"  # the profile's one-to-one field
    accessor: str = "profile"  # user.<accessor> is the profile
    layer_module: str = "profiles.merged_fields"  # the generated compatibility layer
    fields: tuple[MovedField, ...] = ()
    first_party: frozenset[str] = frozenset()
    line_length: int = 88
    configured_line_length: int | None = None
    single_quotes: bool = False

    @property
    def moved_names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def moved(self, name: str) -> MovedField | None:
        return next((f for f in self.fields if f.name == name or f.attname == name), None)
