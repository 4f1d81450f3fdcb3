"""Create the "KB editors" group and put every current staff member in it."""

from django.db import migrations

GROUP_NAME = "KB editors"


def create_editors_group(apps, schema_editor):
    User = apps.get_model("auth.User")
    Group = apps.get_model("auth", "Group")
    db = schema_editor.connection.alias
    editors, _ = Group.objects.using(db).get_or_create(name=GROUP_NAME)
    editors.user_set.add(*User.objects.using(db).filter(is_staff=True, is_active=True))


def remove_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("kb", "0002_article_last_editor"),
    ]

    operations = [
        migrations.RunPython(create_editors_group, remove_editors_group),
    ]
