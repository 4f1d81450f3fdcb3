"""Give every reader who signed up before profiles existed an empty profile."""

from django.db import migrations


def create_missing_profiles(apps, schema_editor):
    User = apps.get_model("auth", "User")
    ReaderProfile = apps.get_model("clubs", "ReaderProfile")
    db = schema_editor.connection.alias
    with_profile = ReaderProfile.objects.using(db).values_list("user_id", flat=True)
    ReaderProfile.objects.using(db).bulk_create(
        [ReaderProfile(user=user) for user in User.objects.using(db).exclude(pk__in=with_profile)]
    )


class Migration(migrations.Migration):

    dependencies = [
        ("clubs", "0002_readerprofile"),
    ]

    operations = [
        migrations.RunPython(create_missing_profiles, migrations.RunPython.noop),
    ]
