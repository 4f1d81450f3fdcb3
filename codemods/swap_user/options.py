"""What every transform needs to know about the swap: the new app, and which names mean auth's User."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.style import ProjectStyle

AUTH_USER = "django.contrib.auth.models.User"
AUTH_MODELS = "django.contrib.auth.models"


@dataclass(frozen=True)
class SwapOptions:
    label: str = "accounts"  # the new app's label
    app_module: str = "accounts"  # the new app's dotted module ("hc.users" for a nested app)
    # Fully qualified names bound to auth's User: auth's own, and project modules that re-export it.
    user_names: frozenset[str] = frozenset({AUTH_USER})
    # Project modules whose module-level `User` is auth's (someone may import it from there).
    reexporters: frozenset[str] = frozenset()
    # Files that bind auth's User by import or reach it through a module alias; None: decide from text.
    user_files: frozenset[str] | None = None
    settings_paths: frozenset[str] = field(default_factory=frozenset)
    style: ProjectStyle = (
        ProjectStyle()
    )  # how the project's own formatter, import sorter and linters want code

    @property
    def user_model_label(self) -> str:
        return "%s.User" % self.label

    @property
    def models_module(self) -> str:
        return "%s.models" % self.app_module

    @property
    def forms_module(self) -> str:
        return "%s.forms" % self.app_module
