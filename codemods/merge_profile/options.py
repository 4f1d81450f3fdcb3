"""What every merge_profile transform knows: the user model, the profile, and the fields that move."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.style import ProjectStyle


@dataclass(frozen=True)
class MovedField:
    name: str
    attname: str
    many_to_many: bool
    definition: str  # as declared on the user
    imports: tuple[tuple[str, str | None, str | None], ...] = ()  # (module, name or None, alias)
    choices: bool = False  # get_<name>_display() moves with it
    helpers: tuple[
        str, ...
    ] = ()  # functions of the user's module the definition names (moves._forwarded)


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
    # the link is the profile's primary key (a fixture row's "pk" is its user's)
    link_pk: bool = False
    link_to_field: str | None = None  # the user's field the link holds, when not its primary key
    # the user's natural key in fixtures (["ada"]), None if it has none
    username_field: str | None = "username"
    layer_module: str = "profiles.merged_fields"  # the generated compatibility layer
    # Models other than the user with an attribute named like the accessor: `x.profile.bio` may not be a user's.
    accessor_elsewhere: tuple[str, ...] = ()
    profile_forms: frozenset[str] = frozenset()  # qualified names of ModelForms of the profile
    # other qualified names of the profile: packages that re-export it (`wger.core.models.UserProfile`)
    profile_aliases: frozenset[str] = frozenset()
    # names of foreign keys to the user in any model (`author`)
    user_relations: frozenset[str] = frozenset()
    fields: tuple[MovedField, ...] = ()
    first_party: frozenset[str] = frozenset()
    style: ProjectStyle = ProjectStyle()  # the project's formatter, sorter, line length and quotes

    @property
    def moved_names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def moved(self, name: str) -> MovedField | None:
        return next((f for f in self.fields if f.name == name or f.attname == name), None)

    def reads_on_user(self, name: str) -> bool:
        """Is `profile.<name>` now the user's: a moved field, its attname, or its get_<name>_display?"""
        return self.moved(name) is not None or any(
            f.choices and name == "get_%s_display" % f.name for f in self.fields
        )

    @property
    def profile_qualified(self) -> str:
        return "%s.%s" % (self.profile_module, self.profile_class)

    @property
    def profile_names(self) -> frozenset[str]:
        """Every qualified name of the profile: its own and its re-exports'."""
        return self.profile_aliases | {self.profile_qualified}
