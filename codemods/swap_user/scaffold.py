"""The new app: user_app's modules and the templates/app ones, adjusted to what the transforms found, formatted with black."""

from __future__ import annotations

from pathlib import Path
from string import Template

from ..core.fmt import format_python
from .options import SwapOptions

# The new app's code that is the same in every project: real modules of this package, importable and linted
# here, copied into the project in its style.
USER_APP = Path(__file__).parent / "user_app"
# What varies (the app config's name and label) is rendered from templates.
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


def fixed_modules() -> dict[str, Path]:
    """{path inside the app: source} of every module of user_app, copied as it is."""
    return {
        path.relative_to(USER_APP).as_posix(): path
        for path in sorted(USER_APP.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def render_templates(options: SwapOptions, formatted: bool = True) -> dict[str, str]:
    """The new app's generic files, as {path inside the app: text}: user_app's modules as they are, the
    templates under templates/app filled in; Python files go through black at the project's settings unless
    not `formatted` (for a caller that formats them anyway: fmt.format_created).
    """
    subs = substitutions(options)
    sources = {rel: path.read_text(encoding="utf-8") for rel, path in fixed_modules().items()}
    for tpl in sorted(TEMPLATES.rglob("*.tpl")):
        rel = tpl.relative_to(TEMPLATES).as_posix()[: -len(".tpl")]
        sources[rel] = Template(tpl.read_text(encoding="utf-8")).substitute(subs)
    return {
        rel: (
            format_python(text, options.style)
            if formatted and rel.endswith(".py") and text.strip()
            else text
        )
        for rel, text in sorted(sources.items())
    }


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
