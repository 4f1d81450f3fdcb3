"""Scenarios the adoption tests stage inside a test project's own process (run as a script, like
tests/support/inside.py: standard library and Django only).

    python scenarios.py duplicate   # someone ran a plain Django migrate once: a second user content type
    python scenarios.py grants      # who holds what, by permission string, and where admin log rows point
"""

from __future__ import annotations

import json
import sys

import django


def duplicate() -> dict:
    """Record the new app's first migration by hand and run Django's own migrate (not the app's), as someone
    who worked around InconsistentMigrationHistory would: post_migrate creates a second content type for the
    user model, with four new permissions. Then people use them: grants and an admin log entry."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.commands.migrate import Command as DjangoMigrate
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    User = get_user_model()
    label = User._meta.app_label
    MigrationRecorder(connection).record_applied(label, "0001_initial")
    call_command(DjangoMigrate(), verbosity=0, interactive=False)

    new_type = ContentType.objects.get(app_label=label, model="user")
    old_type = ContentType.objects.get(app_label="auth", model="user")

    def new(codename):
        return Permission.objects.get(content_type=new_type, codename=codename)

    export = Permission.objects.create(
        content_type=new_type, codename="export_user", name="Can export user"
    )
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["seed_staff", "seed_plain", "seed_u01", "seed_u02", "seed_admin"]
        )
    }
    users["seed_staff"].user_permissions.add(new("change_user"))  # already holds auth's change_user
    users["seed_plain"].user_permissions.add(new("delete_user"))  # holds nothing else
    users["seed_u01"].user_permissions.add(export)
    Group.objects.get(name="seed-user-editors").permissions.add(new("change_user"))  # a double
    Group.objects.get(name="seed-readers").permissions.add(new("add_user"))
    LogEntry.objects.create(
        user=users["seed_admin"],
        content_type=new_type,
        object_id=str(users["seed_u02"].pk),
        object_repr="seed_u02",
        action_flag=CHANGE,
        change_message="[]",
    )
    return {
        "old_content_type": old_type.pk,
        "new_content_type": new_type.pk,
        "export_permission": export.pk,
    }


def grants() -> dict:
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    User = get_user_model()
    through_users = User._meta.get_field("user_permissions").remote_field.through
    through_groups = Group._meta.get_field("permissions").remote_field.through

    def names(permissions):
        return sorted("%s.%s" % (p.content_type.app_label, p.codename) for p in permissions)

    return {
        "users": {
            u.username: names(u.user_permissions.all()) for u in User.objects.order_by("username")
        },
        "groups": {g.name: names(g.permissions.all()) for g in Group.objects.order_by("name")},
        "user_grant_rows": through_users.objects.count(),
        "group_grant_rows": through_groups.objects.count(),
        "permission_ids": {
            "%s.%s" % (p.content_type.app_label, p.codename): p.pk
            for p in Permission.objects.select_related("content_type")
        },
        "admin_log_by_content_type": sorted(
            LogEntry.objects.values_list("content_type_id", flat=True)
        ),
    }


if __name__ == "__main__":
    django.setup()
    json.dump(
        {"duplicate": duplicate, "grants": grants}[sys.argv[1]](),
        sys.stdout,
        indent=1,
        sort_keys=True,
    )
