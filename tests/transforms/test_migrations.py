from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.swap_user.transforms.migrations import Migrations
from codemods.swap_user.transforms.user_class import UserClass

from .tools import apply, check_noop, check_transformed, notes_of, options

PATH = "blog/migrations/0003_data.py"


def test_data_migration_get_model():
    check_transformed(
        Migrations,
        """\
        from __future__ import annotations

        from typing import Any

        from django.apps.registry import Apps
        from django.db import migrations
        from django.db.models.functions import Lower


        def convert_emails(apps: Apps, schema_editor: Any) -> None:
            User = apps.get_model("auth", "User")
            User.objects.exclude(email=Lower("email")).update(email=Lower("email"))


        class Migration(migrations.Migration):
            dependencies = [
                ("accounts", "0048_alter_profile_user"),
            ]

            operations = [
                migrations.RunPython(convert_emails, migrations.RunPython.noop),
            ]
        """,
        """\
        from __future__ import annotations

        from typing import Any

        from django.apps.registry import Apps
        from django.conf import settings
        from django.db import migrations
        from django.db.models.functions import Lower


        def convert_emails(apps: Apps, schema_editor: Any) -> None:
            User = apps.get_model(settings.AUTH_USER_MODEL)
            User.objects.exclude(email=Lower("email")).update(email=Lower("email"))


        class Migration(migrations.Migration):
            dependencies = [
                ("accounts", "0048_alter_profile_user"),
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.RunPython(convert_emails, migrations.RunPython.noop),
            ]
        """,
        path="hc/accounts/migrations/0049_convert_email_lowercase.py",
        options=options(label="users"),
    )


def test_keeps_auth_dependency_and_existing_swappable_dependency():
    check_transformed(
        Migrations,
        """\
        from django.conf import settings
        from django.db import migrations


        def set_default_owner(apps, schema_editor):
            Space = apps.get_model('cookbook', 'Space')
            User = apps.get_model('auth', 'user')
            Group = apps.get_model('auth', 'Group')


        class Migration(migrations.Migration):
            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
                ('auth', '0012_alter_user_first_name_max_length'),
                ('cookbook', '0110_auto_20210221_1406'),
            ]

            operations = [
                migrations.RunPython(set_default_owner),
            ]
        """,
        """\
        from django.conf import settings
        from django.db import migrations


        def set_default_owner(apps, schema_editor):
            Space = apps.get_model('cookbook', 'Space')
            User = apps.get_model(settings.AUTH_USER_MODEL)
            Group = apps.get_model('auth', 'Group')


        class Migration(migrations.Migration):
            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
                ('auth', '0012_alter_user_first_name_max_length'),
                ('cookbook', '0110_auto_20210221_1406'),
            ]

            operations = [
                migrations.RunPython(set_default_owner),
            ]
        """,
        path="cookbook/migrations/0111_space_created_by.py",
    )


def test_get_model_variants():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            a = apps.get_model("auth.User")
            b = apps.get_model(app_label="auth", model_name="user")
            c = apps.get_model(
                "auth",
                "User",
            )


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post")]
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.db import migrations


        def forwards(apps, schema_editor):
            a = apps.get_model(settings.AUTH_USER_MODEL)
            b = apps.get_model(settings.AUTH_USER_MODEL)
            c = apps.get_model(
                settings.AUTH_USER_MODEL,
            )


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_proxy_bases():
    check_transformed(
        Migrations,
        """\
        import django.contrib.auth.models
        from django.db import migrations


        class Migration(migrations.Migration):

            dependencies = [
                ("auth", "0012_alter_user_first_name_max_length"),
            ]

            operations = [
                migrations.CreateModel(
                    name="Member",
                    fields=[],
                    options={"proxy": True, "indexes": [], "constraints": []},
                    bases=("auth.user",),
                    managers=[
                        ("objects", django.contrib.auth.models.UserManager()),
                    ],
                ),
            ]
        """,
        """\
        import django.contrib.auth.models
        from django.conf import settings
        from django.db import migrations


        class Migration(migrations.Migration):

            dependencies = [
                ("auth", "0012_alter_user_first_name_max_length"),
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.CreateModel(
                    name="Member",
                    fields=[],
                    options={"proxy": True, "indexes": [], "constraints": []},
                    bases=(settings.AUTH_USER_MODEL,),
                    managers=[
                        ("objects", django.contrib.auth.models.UserManager()),
                    ],
                ),
            ]
        """,
        path="blog/migrations/0001_initial.py",
    )


def test_multi_table_child_and_relation_fields():
    check_transformed(
        Migrations,
        """\
        import annoying.fields
        from django.db import migrations, models
        from django.db.models import deletion


        class Migration(migrations.Migration):

            dependencies = [
                ('cookbook', '0142_alter_userpreference_search_style'),
            ]

            operations = [
                migrations.CreateModel(
                    name='Staff',
                    fields=[
                        ('user_ptr', models.OneToOneField(auto_created=True, on_delete=deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='auth.user')),
                    ],
                    bases=('auth.user', models.Model),
                ),
                migrations.CreateModel(
                    name='UserSpace',
                    fields=[
                        ('user', annoying.fields.AutoOneToOneField(on_delete=deletion.CASCADE, primary_key=True, serialize=False, to='auth.user')),
                        ('owner', models.ForeignKey('auth.User', on_delete=deletion.CASCADE)),
                        ('group', models.ForeignKey(on_delete=deletion.CASCADE, to='auth.group')),
                    ],
                ),
            ]
        """,
        """\
        import annoying.fields
        from django.conf import settings
        from django.db import migrations, models
        from django.db.models import deletion


        class Migration(migrations.Migration):

            dependencies = [
                ('cookbook', '0142_alter_userpreference_search_style'),
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.CreateModel(
                    name='Staff',
                    fields=[
                        ('user_ptr', models.OneToOneField(auto_created=True, on_delete=deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.AUTH_USER_MODEL)),
                    ],
                    bases=(settings.AUTH_USER_MODEL, models.Model),
                ),
                migrations.CreateModel(
                    name='UserSpace',
                    fields=[
                        ('user', annoying.fields.AutoOneToOneField(on_delete=deletion.CASCADE, primary_key=True, serialize=False, to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=deletion.CASCADE)),
                        ('group', models.ForeignKey(on_delete=deletion.CASCADE, to='auth.group')),
                    ],
                ),
            ]
        """,
        path="cookbook/migrations/0143_build_full_text_index.py",
    )


def test_alter_field_comment_and_commented_dependency():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [  # keep the order
                ("blog", "0003_post_author"),  # the field
                # ("blog", "0002_old"),
            ]

            operations = [
                migrations.AlterField(
                    model_name="post",
                    name="author",
                    field=models.ForeignKey(on_delete=models.CASCADE, to="auth.User"),
                ),
            ]
        """,
        """\
        from django.conf import settings
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [  # keep the order
                ("blog", "0003_post_author"),  # the field
                # ("blog", "0002_old"),
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.AlterField(
                    model_name="post",
                    name="author",
                    field=models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL),
                ),
            ]
        """,
        path="blog/migrations/0004_alter_post_author.py",
    )


def test_creates_dependencies_when_missing():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model("auth", "User").objects.filter(email="").delete()


        class Migration(migrations.Migration):

            operations = [
                migrations.RunPython(forwards),
            ]
        """,
        """\
        from django.conf import settings
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model(settings.AUTH_USER_MODEL).objects.filter(email="").delete()


        class Migration(migrations.Migration):

            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.RunPython(forwards),
            ]
        """,
        path=PATH,
    )


def test_fills_an_empty_list():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model("auth", "User")


        class Migration(migrations.Migration):
            initial = True

            dependencies = [
            ]

            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model(settings.AUTH_USER_MODEL)


        class Migration(migrations.Migration):
            initial = True

            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_tuple_and_tab_indentation():
    check_transformed(
        Migrations,
        "from django.db import migrations\n"
        "\n"
        "def forwards(apps, schema_editor):\n"
        '\tapps.get_model("auth", "User")\n'
        "\n"
        "class Migration(migrations.Migration):\n"
        "\tdependencies = (\n"
        '\t\t("blog", "0002_post"),\n'
        "\t)\n"
        "\toperations = [migrations.RunPython(forwards)]\n",
        "from django.conf import settings\n"
        "from django.db import migrations\n"
        "\n"
        "def forwards(apps, schema_editor):\n"
        "\tapps.get_model(settings.AUTH_USER_MODEL)\n"
        "\n"
        "class Migration(migrations.Migration):\n"
        "\tdependencies = (\n"
        '\t\t("blog", "0002_post"),\n'
        "\t\tmigrations.swappable_dependency(settings.AUTH_USER_MODEL),\n"
        "\t)\n"
        "\toperations = [migrations.RunPython(forwards)]\n",
        path=PATH,
    )


def test_migrations_module_alias():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations as m


        def forwards(apps, schema_editor):
            apps.get_model("auth", "User")


        class Migration(m.Migration):
            dependencies = []
            operations = [m.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.db import migrations as m


        def forwards(apps, schema_editor):
            apps.get_model(settings.AUTH_USER_MODEL)


        class Migration(m.Migration):
            dependencies = [m.swappable_dependency(settings.AUTH_USER_MODEL)]
            operations = [m.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_dependency_on_the_new_app_counts():
    check_transformed(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model("auth", "User")


        class Migration(migrations.Migration):
            dependencies = [("users", "0001_initial")]
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.db import migrations


        def forwards(apps, schema_editor):
            apps.get_model(settings.AUTH_USER_MODEL)


        class Migration(migrations.Migration):
            dependencies = [("users", "0001_initial")]
            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
        options=options(label="users"),
    )


# -- notes --------------------------------------------------------------------------------------------------


# -- auth's User class: user_class makes it get_user_model(), this transform adds the dependency ----------------


def test_user_class_imported_becomes_the_user_model_with_its_dependency():
    # Group stays the real class: a historical User from apps.get_model() would not accept it in add().
    check_transformed(
        (Migrations, UserClass),
        """\
        from django.contrib.auth.models import Group, User
        from django.db import migrations


        def forwards(apps, schema_editor):
            for user in User.objects.filter(is_staff=True):
                user.groups.add(*Group.objects.filter(name="staff"))


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post")]
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db import migrations

        User = get_user_model()


        def forwards(apps, schema_editor):
            for user in User.objects.filter(is_staff=True):
                user.groups.add(*Group.objects.filter(name="staff"))


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_user_class_through_module_alias():
    check_transformed(
        (Migrations, UserClass),
        """\
        from django.contrib.auth import models as auth_models
        from django.db import migrations


        def forwards(apps, schema_editor):
            auth_models.User.objects.all()


        class Migration(migrations.Migration):
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import migrations


        def forwards(apps, schema_editor):
            get_user_model().objects.all()


        class Migration(migrations.Migration):
            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_user_class_imported_but_unused_needs_no_dependency():
    check_transformed(
        (Migrations, UserClass),
        """\
        from django.contrib.auth.models import Group, User
        from django.db import migrations


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post")]
            operations = []
        """,
        """\
        from django.contrib.auth.models import Group
        from django.db import migrations


        class Migration(migrations.Migration):
            dependencies = [("blog", "0002_post")]
            operations = []
        """,
        path=PATH,
    )


def test_user_class_in_a_helper_module_without_migration_class_is_noted():
    result = check_transformed(
        (Migrations, UserClass),
        """\
        from django.contrib.auth.models import User


        def staff():
            return User.objects.filter(is_staff=True)
        """,
        """\
        from django.contrib.auth import get_user_model

        User = get_user_model()


        def staff():
            return User.objects.filter(is_staff=True)
        """,
        path="blog/migrations/_helpers.py",
    )
    assert [n.split(": note: ")[0] for n in notes_of(result)] == ["blog/migrations/_helpers.py:1:1"]


def test_note_content_type_lookups():
    result = check_noop(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            Permission = apps.get_model("auth", "Permission")
            a = ContentType.objects.get_by_natural_key("auth", "user")
            b = ContentType.objects.filter(app_label="auth", model="user")
            c = Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
            d = Permission.objects.get_by_natural_key("change_user", "auth", "user")
            e = ContentType.objects.filter(app_label="auth", model="group")
        """,
        path=PATH,
        options=options(label="users"),
    )
    message = (
        "note: content type looked up as ('auth', 'user'); after the swap the user content type is ('users', "
        "'user'); take app label and model from settings.AUTH_USER_MODEL.lower().split(\".\") and add "
        "migrations.swappable_dependency(settings.AUTH_USER_MODEL) to dependencies [migrations]"
    )
    assert notes_of(result) == [
        "blog/migrations/0003_data.py:%d:9: %s" % (line, message) for line in (7, 8, 9, 10)
    ]


def test_note_settings_name_taken():
    result = check_noop(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor, settings=None):
            apps.get_model("auth", "User")
        """,
        path=PATH,
    )
    assert notes_of(result) == [
        "blog/migrations/0003_data.py:5:5: note: auth's User named here; after the swap the user model is "
        "accounts.User, but `settings` here is not django.conf.settings, so it was left as it is; use "
        "django.conf.settings.AUTH_USER_MODEL and migrations.swappable_dependency(...) by hand [migrations]"
    ]


def test_note_dependencies_not_a_literal():
    result = check_transformed(
        Migrations,
        """\
        from django.db import migrations

        from .base import DEPENDENCIES


        def forwards(apps, schema_editor):
            apps.get_model("auth", "User")


        class Migration(migrations.Migration):
            dependencies = DEPENDENCIES + [("blog", "0002_post")]
            operations = [migrations.RunPython(forwards)]
        """,
        """\
        from django.conf import settings
        from django.db import migrations

        from .base import DEPENDENCIES


        def forwards(apps, schema_editor):
            apps.get_model(settings.AUTH_USER_MODEL)


        class Migration(migrations.Migration):
            dependencies = DEPENDENCIES + [("blog", "0002_post")]
            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )
    assert notes_of(result) == [
        "blog/migrations/0003_data.py:10:1: note: this migration now loads the user model, which after the swap "
        "accounts's first migration creates, but its dependencies are not a list or tuple written out in the "
        "class; add migrations.swappable_dependency(settings.AUTH_USER_MODEL) to its dependencies by hand "
        "[migrations]"
    ]


def test_note_helper_module_without_migration_class():
    result = check_transformed(
        Migrations,
        """\
        def staff(apps):
            return apps.get_model("auth", "User").objects.filter(is_staff=True)
        """,
        """\
        from django.conf import settings


        def staff(apps):
            return apps.get_model(settings.AUTH_USER_MODEL).objects.filter(is_staff=True)
        """,
        path="blog/migrations/_helpers.py",
    )
    assert [n.split(": note: ")[1] for n in notes_of(result)] == [
        "this migration now loads the user model, which after the swap accounts's first migration creates, but "
        "this file has no Migration class (the migrations that run this code need it); add "
        "migrations.swappable_dependency(settings.AUTH_USER_MODEL) to its dependencies by hand [migrations]"
    ]


# -- no-ops -------------------------------------------------------------------------------------------------


def test_noop_generated_relations():
    check_noop(
        Migrations,
        """\
        from django.conf import settings
        from django.db import migrations, models


        class Migration(migrations.Migration):
            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
                ("auth", "0012_alter_user_first_name_max_length"),
            ]

            operations = [
                migrations.AddField(
                    model_name="post",
                    name="author",
                    field=models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name="post",
                    name="groups",
                    field=models.ManyToManyField(to="auth.group"),
                ),
            ]
        """,
        path=PATH,
    )


def test_noop_other_auth_models_and_strings():
    check_noop(
        Migrations,
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            Group = apps.get_model("auth", "Group")
            Permission = apps.get_model(app_label="auth", model_name="permission")
            label = "auth.user"


        class Migration(migrations.Migration):
            dependencies = [("auth", "0012_alter_user_first_name_max_length")]
            operations = [migrations.RunPython(forwards)]
        """,
        path=PATH,
    )


def test_noop_outside_migrations():
    check_noop(
        Migrations,
        """\
        from django.apps import apps

        User = apps.get_model("auth", "User")
        """,
        path="blog/utils.py",
    )


# -- with real Django ---------------------------------------------------------------------------------------

PYTHON = sys.executable  # the interpreter running the tests has Django

SEED_MIGRATION = """\
from django.db import migrations


def seed(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Post = apps.get_model("blog", "Post")
    author = User.objects.create(username="seed", email="seed@example.com")
    Post.objects.create(title="hello", author_name=author.username)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("blog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
"""

PROJECT = {
    "proj_settings.py": """\
        SECRET_KEY = "test"
        INSTALLED_APPS = ["users", "blog", "django.contrib.auth", "django.contrib.contenttypes"]
        AUTH_USER_MODEL = "users.User"
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        USE_TZ = True
        """,
    "users/__init__.py": "",
    "users/apps.py": """\
        from django.apps import AppConfig


        class UsersConfig(AppConfig):
            name = "users"
            default_auto_field = "django.db.models.AutoField"
        """,
    "users/models.py": """\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        """,
    "users/migrations/__init__.py": "",
    "blog/__init__.py": "",
    "blog/models.py": """\
        from django.db import models


        class Post(models.Model):
            title = models.CharField(max_length=100)
            author_name = models.CharField(max_length=150)
        """,
    "blog/migrations/__init__.py": "",
    "blog/migrations/0001_initial.py": """\
        from django.db import migrations, models


        class Migration(migrations.Migration):
            initial = True
            dependencies = []
            operations = [
                migrations.CreateModel(
                    name="Post",
                    fields=[
                        ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
                        ("title", models.CharField(max_length=100)),
                        ("author_name", models.CharField(max_length=150)),
                    ],
                ),
            ]
        """,
}


def _django(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root), "DJANGO_SETTINGS_MODULE": "proj_settings"}
    return subprocess.run(
        [PYTHON, "-m", "django", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _python(root: Path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root), "DJANGO_SETTINGS_MODULE": "proj_settings"}
    return subprocess.run(
        [PYTHON, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def _project(root: Path, seed: str) -> None:
    for rel, text in PROJECT.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    (root / "blog/migrations/0002_seed.py").write_text(seed)
    made = _django(
        root, "makemigrations", "users"
    )  # the new app's 0001: the user model on table auth_user
    assert made.returncode == 0, made.stderr


@pytest.mark.slow
def test_rewritten_data_migration_migrates_a_fresh_database(tmp_path):
    rewritten, result = apply(
        Migrations,
        SEED_MIGRATION,
        path="blog/migrations/0002_seed.py",
        options=options(label="users"),
    )
    assert "apps.get_model(settings.AUTH_USER_MODEL)" in rewritten
    assert "migrations.swappable_dependency(settings.AUTH_USER_MODEL)" in rewritten
    assert notes_of(result) == []

    before = tmp_path / "before"
    _project(before, SEED_MIGRATION)
    failed = _django(before, "migrate")
    # As it was, the data migration breaks fresh and test databases.
    assert failed.returncode != 0
    assert "'auth.User' has been swapped for 'users.User'" in failed.stderr

    # The dependency matters: without it the migration runs before the user model exists.
    without = tmp_path / "without_dependency"
    _project(
        without,
        rewritten.replace(
            "        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n", ""
        ),
    )
    failed = _django(without, "migrate")
    assert failed.returncode != 0
    assert "LookupError" in failed.stderr

    after = tmp_path / "after"
    _project(after, rewritten)
    migrated = _django(after, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    check = _python(
        after,
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from blog.models import Post\n"
        "User = get_user_model()\n"
        "print(User.objects.get().username, Post.objects.get().author_name, User._meta.db_table)\n",
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.split() == ["seed", "seed", "auth_user"]
