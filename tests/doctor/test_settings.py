"""D0 and D1: Django's start and system checks, AUTH_USER_MODEL and the model it names."""

from __future__ import annotations

import re
import shutil

from codemods.swap_user.main import main as swap_user

from .tools import copy, doctor, edit, hand_swap, manage, shell, sql, write

ACCOUNTS_USER = """\
    from django.contrib.auth.models import AbstractUser


    class User(AbstractUser):
        class Meta(AbstractUser.Meta):
            db_table = "auth_user"
    """


def test_d001_django_does_not_start(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/admin.py",
        """\
        from django.contrib import admin
        from django.contrib.auth.models import User

        admin.site.unregister(User)
        """,
    )
    ran = manage(root, "check")
    assert ran.returncode == 1
    assert (
        "django.contrib.admin.exceptions.NotRegistered: The model User is not registered"
        in ran.output
    )
    report = doctor(capsys, root)
    assert report.code == 1
    assert report.finding("D001")["what"] == (
        "Django does not start: django.contrib.admin.exceptions.NotRegistered: The model User is not registered"
    )
    [skipped] = report.data["skipped"]
    assert skipped["codes"] == ["D002", "D302", "D305", "D306", "D401", "D402", "D403"]
    assert skipped["reason"].startswith(
        "Django could not start (django.contrib.admin.exceptions.NotRegistered"
    )
    assert "D203" in report.codes  # the cause, found without Django


def test_d002_system_check_error(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(
        root,
        "blog/models.py",
        "models.ForeignKey(settings.AUTH_USER_MODEL",
        "models.ForeignKey('auth.User'",
    )
    ran = manage(root, "check")
    assert (
        "blog.Post.author: (fields.E301) Field defines a relation with the model 'auth.User', which has been "
        "swapped out." in ran.output
    )
    report = doctor(capsys, root)
    assert report.finding("D002")["what"] == (
        "blog.Post.author: Field defines a relation with the model 'auth.User', which has been swapped out. "
        "(fields.E301)"
    )
    assert (
        report.finding("D002")["fix"]
        == "Update the relation to point at 'settings.AUTH_USER_MODEL'."
    )


def test_d101_user_model_without_auth_user_model(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    write(root, "accounts/__init__.py", "")
    write(root, "accounts/models.py", ACCOUNTS_USER)
    edit(root, "mini/settings.py", "INSTALLED_APPS = [\n", 'INSTALLED_APPS = [\n    "accounts",\n')
    ran = manage(root, "check")
    assert (
        "(fields.E304) Reverse accessor 'Group.user_set' for 'accounts.User.groups' clashes"
        in ran.output
    )
    assert (
        "(models.E028) db_table 'auth_user' is used by multiple models: accounts.User, auth.User."
        in ran.output
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D101")
    assert (found["path"], found["line"]) == ("accounts/models.py", 4)
    assert found["what"] == "AUTH_USER_MODEL is not set, but accounts.User is a user model"
    assert 'set AUTH_USER_MODEL = "accounts.User" in mini/settings.py' in found["fix"]


def test_d102_typo_in_auth_user_model(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(
        root,
        "mini/settings.py",
        'AUTH_USER_MODEL = "accounts.User"',
        'AUTH_USER_MODEL = "acounts.User"',
    )
    ran = manage(root, "check")
    assert ran.last_line == (
        "django.core.exceptions.ImproperlyConfigured: AUTH_USER_MODEL refers to model 'acounts.User' that has "
        "not been installed"
    )
    report = doctor(capsys, root)
    found = report.finding("D102")
    assert found["path"] == "mini/settings.py"
    assert (
        found["what"]
        == "AUTH_USER_MODEL = 'acounts.User' names no model: no installed app has the label acounts"
    )
    assert found["fix"] == 'did you mean AUTH_USER_MODEL = "accounts.User"?'
    assert "D001" in report.codes


def test_d103_user_app_not_installed(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(root, "mini/settings.py", '    "accounts",\n', "")
    ran = manage(root, "check")
    assert ran.last_line.endswith(
        "AUTH_USER_MODEL refers to model 'accounts.User' that has not been installed"
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D103")
    assert found["what"].startswith(
        "AUTH_USER_MODEL = 'accounts.User' names the app accounts, which is not in "
        "INSTALLED_APPS (accounts/models.py:"
    )
    assert found["fix"].startswith('add "accounts" to INSTALLED_APPS, first (mini/settings.py:')
    assert "D102" not in report.codes


def test_d104_user_model_is_not_a_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "accounts/models.py",
        """\
        from django.db import models


        class User(models.Model):
            username = models.CharField(max_length=150, unique=True)

            class Meta:
                db_table = "auth_user"
        """,
    )
    ran = manage(root, "check")
    assert ran.last_line == "AttributeError: type object 'User' has no attribute 'REQUIRED_FIELDS'"
    report = doctor(capsys, root)
    found = report.finding("D104")
    assert (found["path"], found["line"]) == ("accounts/models.py", 4)
    assert report.finding("D002")["what"] == (
        "Django's system checks crash: AttributeError: type object 'User' has no attribute 'REQUIRED_FIELDS'"
    )


def test_d105_adopting_model_not_named_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(root, "accounts/models.py", "class User(AbstractUser):", "class Account(AbstractUser):")
    # Django writes the migration with black when black is on PATH: either quote style.
    migration = root / "accounts/migrations/0001_initial.py"
    migration.write_text(
        re.sub(r"""name=(['"])User\1,""", r"name=\1Account\1,", migration.read_text(), count=1)
    )
    edit(
        root, "accounts/admin.py", "from .models import User", "from .models import Account as User"
    )
    edit(
        root,
        "mini/settings.py",
        'AUTH_USER_MODEL = "accounts.User"',
        'AUTH_USER_MODEL = "accounts.Account"',
    )
    sql(root, "UPDATE django_content_type SET model = 'account' WHERE app_label = 'accounts'")
    assert manage(root, "check").returncode == 0  # silent
    ran = shell(
        root,
        """\
        from accounts.models import Account
        print(Account.objects.get(username="ann").groups.count())
        """,
    )
    assert (
        ran.last_line
        == "django.db.utils.OperationalError: no such column: auth_user_groups.account_id"
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D105")
    assert (
        found["what"]
        == "accounts.Account adopts the auth_user table but is named Account, not User"
    )
    assert "no such column: auth_user_groups.account_id" in found["why"]


def test_d106_adopting_model_with_big_auto_field(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(root, "accounts/apps.py", '    default_auto_field = "django.db.models.AutoField"\n', "")
    ran = manage(root, "makemigrations", "--check", "--dry-run", "accounts")
    assert ran.returncode == 1
    assert (
        "~ Alter field id on user" in ran.output
    )  # the first migration says AutoField, the model BigAutoField
    report = doctor(capsys, root, "--static")
    found = report.finding("D106")
    assert found["severity"] == "warning"
    assert found["what"] == (
        "accounts.User adopts auth_user with a BigAutoField id (DEFAULT_AUTO_FIELD at "
        "mini/settings.py:47, which the app does not override)"
    )


def test_d107_swap_user_would_refuse(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    for label in ("accounts", "users"):
        write(root, "%s/__init__.py" % label, "")
        write(root, "%s/models.py" % label, "")
        edit(root, "mini/settings.py", '    "blog",\n', '    "blog",\n    "%s",\n' % label)
    from codemods.swap_user.main import main as swap_user

    assert swap_user([str(root), "--check"]) == 2
    assert (
        "app labels accounts (accounts) and users (users) are taken; pass --app-label NAME"
        in capsys.readouterr().err
    )
    report = doctor(capsys, root, "--static")
    assert report.finding("D107")["what"] == (
        "swap_user would refuse this project: app labels accounts (accounts) and users (users) are taken; pass "
        "--app-label NAME"
    )
    assert report.code == 1


def test_noop_d106_when_the_app_config_is_latin_1(swapped, tmp_path, capsys):
    # The app's default_auto_field pins AutoField; read as UTF-8, apps.py would be skipped and the settings'
    # BigAutoField taken instead.
    root = copy(swapped, tmp_path)
    apps = root / "accounts/apps.py"
    apps.write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + apps.read_bytes())
    assert manage(root, "makemigrations", "--check", "--dry-run", "accounts").returncode == 0
    report = doctor(capsys, root, "--static")
    assert report.codes == []


def test_d108_a_swap_started_by_hand(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    hand_swap(root)
    assert (
        "(fields.E301) Field defines a relation with the model 'auth.User'"
        in manage(root, "check").output
    )
    assert swap_user([str(root), "--check"]) == 2
    report = doctor(capsys, root, "--static")
    assert report.codes[0] == "D108"
    found = report.finding("D108")
    assert (found["path"], found["line"], found["severity"]) == ("mini/settings.py", 47, "error")
    assert found["what"] == (
        "the swap to accounts.User was started by hand and not finished: 3 references to "
        "auth's User remain in 2 files"
    )
    assert found["why"].startswith(
        "accounts has no migrations: no database has accounts.User, so reverting "
        "loses nothing; swap_user takes on only projects on auth.User or its own swap"
    )
    assert found["fix"].startswith(
        "revert AUTH_USER_MODEL to auth.User and remove the hand-made User "
        "(accounts/models.py, with its app if it holds nothing else), then run "
        "python -m codemods.swap_user"
    )
    # The advice works: reverted, the project is one swap_user takes on and finishes.
    shutil.rmtree(root / "accounts")
    edit(root, "mini/settings.py", '    "accounts",\n', "")
    edit(root, "mini/settings.py", 'AUTH_USER_MODEL = "accounts.User"\n', "")
    assert swap_user([str(root), "--no-branch", "-q"]) == 0
    assert doctor(capsys, root, "--static").codes == []


def test_d108_when_the_database_has_not_applied_the_hand_made_app(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    hand_swap(root)
    _relate_to_the_setting(root)
    assert manage(root, "makemigrations", "accounts").returncode == 0
    assert "InconsistentMigrationHistory" in manage(root, "migrate").last_line
    found = doctor(capsys, root).finding("D108")
    assert found["what"].endswith("2 references to auth's User remain in 2 files")
    assert found["why"].startswith(
        "database 'default' still holds auth's users and has not applied "
        "accounts.0001_initial, so reverting loses nothing"
    )


def test_noop_d108_for_a_project_that_runs_on_its_own_user_model(unswapped, tmp_path, capsys):
    # The same project with its database made on accounts.User: reverting would lose its users.
    root = copy(unswapped, tmp_path)
    hand_swap(root)
    _relate_to_the_setting(root)
    assert manage(root, "makemigrations", "accounts").returncode == 0
    (root / "db.sqlite3").unlink()
    assert manage(root, "migrate").returncode == 0
    report = doctor(capsys, root)
    assert sorted(report.codes) == ["D206", "D210"]


def _relate_to_the_setting(root):
    """Post.author on settings.AUTH_USER_MODEL (other references stay): makemigrations can run again."""
    edit(
        root,
        "blog/models.py",
        "models.ForeignKey(User,",
        "models.ForeignKey(settings.AUTH_USER_MODEL,",
    )
    edit(
        root,
        "blog/models.py",
        "from django.contrib.auth",
        "from django.conf import settings\nfrom django.contrib.auth",
    )
