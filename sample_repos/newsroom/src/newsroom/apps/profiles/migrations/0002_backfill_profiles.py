"""Accounts created before profiles existed get one now."""

from django.db import migrations


def backfill(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Profile = apps.get_model("newsroom_profiles", "Profile")
    db = schema_editor.connection.alias
    for user in User.objects.using(db).filter(profile__isnull=True):
        full_name = f"{user.first_name} {user.last_name}".strip()
        Profile.objects.using(db).create(user=user, display_name=full_name)


class Migration(migrations.Migration):

    dependencies = [
        ("newsroom_profiles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
