"""D3: the user app's first migration, migrations that hard-code auth.User, the database's history."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from .tools import copy, doctor, edit, manage, write

USERS_APP = """\
    from django.apps import AppConfig


    class UsersConfig(AppConfig):
        name = "users"
        default_auto_field = "django.db.models.AutoField"
    """
TEAM = """\
    from django.contrib.auth.models import AbstractUser
    from django.db import models


    class Team(models.Model):
        name = models.CharField(max_length=50)
    """
USER = """\


    class User(AbstractUser):
        pass
    """
BLOG_MODELS = """\
    from django.conf import settings
    from django.db import models


    class Post(models.Model):
        author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        title = models.CharField(max_length=100)
    """


def _hand_made_users_app(root, first_migration: str | None):
    """A project started on a custom user model by hand, users.User, which users.0002 creates; no database."""
    (root / "db.sqlite3").unlink()
    write(root, "blog/models.py", BLOG_MODELS)
    write(root, "users/__init__.py", "")
    write(root, "users/apps.py", USERS_APP)
    write(root, "users/migrations/__init__.py", "")
    write(root, "users/models.py", TEAM if first_migration is None else TEAM.splitlines(True)[0])
    edit(root, "mini/settings.py", "INSTALLED_APPS = [\n", 'INSTALLED_APPS = [\n    "users",\n')
    if first_migration is None:
        assert manage(root, "makemigrations", "users").returncode == 0
    else:
        write(root, "users/migrations/0001_initial.py", first_migration)
    (root / "users/models.py").write_text(
        (root / "users/models.py").read_text() + textwrap.dedent(USER)
    )
    edit(
        root,
        "mini/settings.py",
        "USE_TZ = True\n",
        'USE_TZ = True\nAUTH_USER_MODEL = "users.User"\n',
    )
    made = manage(root, "makemigrations", "users")
    assert made.returncode == 0 and "users/migrations/0002_" in made.output, made.output


def test_d301_user_model_not_in_the_first_migration(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    _hand_made_users_app(root, None)
    ran = manage(root, "migrate")
    assert ran.last_line == "ValueError: Related model 'users.user' cannot be resolved"
    report = doctor(capsys, root, "--static")
    found = report.finding("D301")
    assert found["path"] == "users/migrations/0001_initial.py"
    assert found["what"] == (
        "users.0001_initial does not create the user model User "
        "(users/migrations/0002_user.py creates it)"
    )


@pytest.mark.parametrize("latin_1", [False, True])
def test_d303_empty_placeholder_first_migration(unswapped, tmp_path, capsys, latin_1):
    root = copy(unswapped, tmp_path)
    _hand_made_users_app(
        root,
        """\
        from django.db import migrations


        class Migration(migrations.Migration):
            initial = True
            dependencies = []
            operations = []
        """,
    )
    if latin_1:  # read as Python reads it, not skipped as not UTF-8
        first = root / "users/migrations/0001_initial.py"
        first.write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + first.read_bytes())
    ran = manage(root, "migrate")
    assert ran.last_line == "ValueError: Related model 'users.user' cannot be resolved"
    found = doctor(capsys, root, "--static").finding("D303")
    assert found["what"].startswith(
        "users.0001_initial is an empty placeholder and does not create User"
    )


def test_d302_not_adopted_yet_with_the_adoption_step(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    # The generated app's makemigrations says what Django's own would only show as InconsistentMigrationHistory.
    ran = manage(root, "makemigrations", "--check")
    assert ran.last_line == (
        "CommandError: database 'default' still has to be adopted by the accounts app: run "
        "`manage.py migrate` first (it adopts it, then migrates), then makemigrations; nothing "
        "was changed"
    )
    report = doctor(capsys, root)
    found = report.finding("D302")
    assert found["severity"] == "warning"
    assert found["fixable_by"] == "adoption"
    assert (
        "Record accounts.0001_initial as applied; Rename content type auth.user (id 4) to accounts.user"
        in found["why"]
    )
    assert report.codes == ["D302"]


def test_d302_not_adopted_without_an_adoption_step(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    shutil.rmtree(root / "accounts" / "management")
    (root / "accounts" / "adoption.py").unlink()
    ran = manage(root, "migrate")
    assert (
        "InconsistentMigrationHistory: Migration admin.0001_initial is applied before its dependency "
        "accounts.0001_initial" in ran.last_line
    )
    found = doctor(capsys, root).finding("D302")
    assert found["severity"] == "error"
    assert found["fixable_by"] is None
    assert found["why"].startswith(
        "migrate, makemigrations, --fake and --fake-initial all stop with "
        "InconsistentMigrationHistory"
    )


def test_d304_data_migration_loads_auth_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/migrations/0002_staff.py",
        """\
        from django.db import migrations


        def forwards(apps, schema_editor):
            User = apps.get_model("auth", "User")
            User.objects.filter(is_staff=True).update(is_active=True)


        class Migration(migrations.Migration):
            dependencies = [("blog", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
            operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
        """,
    )
    fresh = manage(root, "migrate", extra_env={"MINI_DB": str(tmp_path / "fresh.sqlite3")})
    assert (
        fresh.last_line
        == "AttributeError: Manager isn't available; 'auth.User' has been swapped for "
        "'accounts.User'"
    )
    found = doctor(capsys, root, "--static").finding("D304")
    assert (found["path"], found["line"]) == ("blog/migrations/0002_staff.py", 5)


def test_d305_migrations_not_applied(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    edit(
        root,
        "blog/models.py",
        "    title = models.CharField(max_length=100)\n",
        "    title = models.CharField(max_length=100)\n    body = models.TextField(default='')\n",
    )
    assert manage(root, "makemigrations", "blog", "--name", "body").returncode == 0
    ran = manage(root, "migrate", "--check")
    assert ran.returncode == 1 and "blog.0002_body" in manage(root, "migrate", "--plan").output
    report = doctor(capsys, root)
    assert (
        report.finding("D305")["what"]
        == "1 migration is not applied to database 'default': blog.0002_body"
    )
    assert report.codes == ["D305"]


def test_d306_model_change_without_a_migration(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    edit(
        root,
        "blog/models.py",
        "    title = models.CharField(max_length=100)\n",
        "    title = models.CharField(max_length=100)\n    body = models.TextField(default='')\n",
    )
    ran = manage(root, "makemigrations", "--check", "--dry-run")
    assert ran.returncode == 1 and "Migrations for 'blog':" in ran.output
    found = doctor(capsys, root).finding("D306")
    assert found["what"] == "the models of blog changed without a migration: Add field body to post"
    assert found["path"] == "blog/migrations"
