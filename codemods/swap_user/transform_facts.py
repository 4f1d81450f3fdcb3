"""What the transforms tell the pipeline (`self.fact(...)`), beyond their edits and notes: one frozen class per
kind, gathered from every file's result before the new app is scaffolded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, TypeVar


@dataclass(frozen=True)
class UserAdmin:
    """The project registers auth's User with this admin class: the new app registers its User with it."""

    module: str
    name: str


@dataclass(frozen=True)
class AuthForm:
    """Code uses this auth form for the user (UserCreationForm, ...): the new app needs one bound to its User."""

    name: str


@dataclass(frozen=True)
class Installed:
    """This settings module installs the new app (or already did)."""

    path: str


@dataclass(frozen=True)
class Refuse:
    """INSTALLED_APPS or AUTH_USER_MODEL cannot be edited safely here: the run refuses before writing."""

    path: str
    line: int
    why: str


Fact = UserAdmin | AuthForm | Installed | Refuse
F = TypeVar("F", UserAdmin, AuthForm, Installed, Refuse)


def of_kind(facts: Iterable[object], kind: type[F]) -> list[F]:
    return [f for f in facts if isinstance(f, kind)]
