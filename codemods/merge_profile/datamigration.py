"""The files merge_profile generates: the profile app's compatibility layer and the migration that copies
the data (the user's AddFields are Django's own makemigrations')."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from ..core.fmt import format_python
from ..core.style import ProjectStyle
from .moves import Move

TEMPLATES = Path(__file__).parent / "templates"


def migration_number(name: str | None) -> int:
    match = re.match(r"\d+", name or "")
    return int(match.group(0)) if match else 0


def user_migration_name(user: dict, profile: dict) -> str:
    """The name Django's makemigrations gives the user's AddFields with --name (its own numbering)."""
    leaf = user["leaf_migration"]
    return "%04d_%s" % (
        migration_number(leaf[1] if leaf else None) + 1,
        user_migration_suffix(profile),
    )


def user_migration_suffix(profile: dict) -> str:
    return "fields_from_%s" % profile["model_name"]


def data_migration_name(profile: dict) -> str:
    leaf = profile["leaf_migration"]
    return "%04d_move_%s_to_user" % (
        migration_number(leaf[1] if leaf else None) + 1,
        profile["model_name"],
    )


def render_migration(user: dict, profile: dict, moves: list[Move], style: ProjectStyle) -> str:
    concrete = [m.name for m in moves if not m.many_to_many]
    many = [m.name for m in moves if m.many_to_many]
    relaxed = [m for m in moves if m.relax_profile_column]
    model = profile["model_name"]
    imports = sorted({i for m in relaxed for i in _imports_of(m)})
    alter = "".join(
        "migrations.AlterField(model_name=%r, name=%r, field=%s),\n"
        % (model, m.name, m.relax_profile_column.replace("django.db.models.deletion.", "models."))
        for m in relaxed
    )
    remove = "".join(
        "migrations.RemoveField(model_name=%r, name=%r),\n" % (model, m.name) for m in moves
    )
    leaf = profile["leaf_migration"]
    text = Template((TEMPLATES / "migration.py.tpl").read_text(encoding="utf-8")).substitute(
        profile_label=profile["label"],
        user_label=user["label"],
        user_migration_label="%s.%s" % (user["app_label"], user_migration_name(user, profile)),
        link=profile["link"]["name"],
        fields=repr(concrete),
        many_to_many=repr(many),
        dependencies="(%r, %r),\n(%r, %r),"
        % (leaf[0], leaf[1], user["app_label"], user_migration_name(user, profile)),
        alter_fields=alter,
        remove_fields=remove,
        extra_imports="\n".join(imports),
    )
    return format_python(text, style)


def _imports_of(move: Move) -> list[str]:
    """What a nullable definition needs beyond `models` (django.db.models.deletion is read as models.*), as
    Django's migration writer gave it: `import datetime` for a timedelta in choices, settings for a swappable
    model."""
    found = [
        i
        for i in move.relax_imports
        if i not in ("from django.db import models", "import django.db.models.deletion")
    ]
    if (
        "settings." in (move.relax_profile_column or "")
        and "from django.conf import settings" not in found
    ):
        found.append("from django.conf import settings")
    return found


def render_layer(user: dict, profile: dict, style: ProjectStyle) -> str:
    text = Template((TEMPLATES / "merged_fields.py.tpl").read_text(encoding="utf-8")).substitute(
        profile_label=profile["label"],
        profile_class=profile["object_name"],
        user_label=user["label"],
        user_class=user["object_name"],
        link=profile["link"]["name"],
        old_accessors=repr(old_accessors(profile)),
    )
    return format_python(text, style)


def old_accessors(profile: dict) -> dict[str, str]:
    """{moved relation: the reverse accessor its target had for profiles}, for relations without a related_name
    (`gym.userprofile_set`): on the user the target's accessor is another (`gym.user_set`)."""
    return {
        f["name"]: f["accessor"]
        for f in profile["fields"] + profile["many_to_many"]
        if f["is_relation"] and not f.get("related_name") and f.get("accessor")
    }
