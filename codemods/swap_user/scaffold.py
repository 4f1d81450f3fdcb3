"""The new app: rendered from templates/app, adjusted to what the transforms found, formatted with black."""

from __future__ import annotations

from pathlib import Path
from string import Template

from ..core.fmt import format_python
from .options import SwapOptions

TEMPLATES = Path(__file__).parent / "templates" / "app"

AUTH_FORMS = ("UserCreationForm", "UserChangeForm", "BaseUserCreationForm", "AdminUserCreationForm")


def app_class_name(label: str) -> str:
    return "".join(part.capitalize() for part in label.split("_")) + "Config"


def substitutions(options: SwapOptions) -> dict[str, str]:
    return {
        "label": options.label,
        "app_module": options.app_module,
        "app_class": app_class_name(options.label),
        "user_model_label": options.user_model_label,
    }


def render_templates(options: SwapOptions) -> dict[str, str]:
    """Every file under templates/app, as {path inside the app: text}; Python files go through black."""
    subs = substitutions(options)
    out: dict[str, str] = {}
    for tpl in sorted(TEMPLATES.rglob("*.tpl")):
        rel = tpl.relative_to(TEMPLATES).as_posix()[: -len(".tpl")]
        text = Template(tpl.read_text(encoding="utf-8")).substitute(subs)
        out[rel] = (
            format_python(text, options.style) if rel.endswith(".py") and text.strip() else text
        )
    return out


def render_admin(options: SwapOptions, user_admin: tuple[str, str] | None) -> str:
    """admin.py: the project's own UserAdmin subclass when it had one, else Django's UserAdmin."""
    if user_admin is None:
        source = (
            '"""The user admin: Django\'s UserAdmin, registered for this app\'s User."""\n\n'
            "from django.contrib import admin\n"
            "from django.contrib.auth.admin import UserAdmin\n\n"
            "from .models import User\n\n"
            "admin.site.register(User, UserAdmin)\n"
        )
    else:
        module, cls = user_admin
        source = (
            '"""The project\'s own user admin, registered for this app\'s User."""\n\n'
            "from django.contrib import admin\n\n"
            "from %s import %s\n\n"
            "from .models import User\n\n"
            "admin.site.register(User, %s)\n" % (module, cls, cls)
        )
    return format_python(source, options.style)


def render_forms(options: SwapOptions, names: list[str]) -> str:
    """forms.py: Django's user forms bound to the new model (their Meta.model is auth's User)."""
    parts = [
        '"""Django\'s user forms bound to this app\'s User (theirs name auth\'s User)."""\n\n'
        "from django.contrib.auth import forms as auth_forms\n\n"
        "from .models import User\n"
    ]
    for name in [n for n in AUTH_FORMS if n in names]:
        parts.append(
            "\n\nclass %s(auth_forms.%s):\n"
            "    class Meta(auth_forms.%s.Meta):\n"
            "        model = User\n" % (name, name, name)
        )
    return format_python("".join(parts), options.style)
