"""D4: the database, read and never written: the user's content types and grants, missing profiles."""

from __future__ import annotations

from codemods.doctor.checks.database import receiver_conditions

from .tools import copy, doctor, edit, manage, record_first_migration, shell, write

ANN_CAN = """\
    from django.contrib.auth import get_user_model
    ann = get_user_model().objects.get(username="ann")
    print(ann.has_perm("accounts.change_user"))
    """


def test_d401_two_content_types_for_the_user(pending, tmp_path, capsys):
    # A recipe: record the new app's migration by hand, then run Django's own migrate.
    root = copy(pending, tmp_path)
    (root / "accounts/management/commands/migrate.py").unlink()
    record_first_migration(root)
    assert manage(root, "migrate", "-v", "0").returncode == 0
    assert shell(root, ANN_CAN).last_line == "False"
    report = doctor(capsys, root)
    found = report.finding("D401")
    assert found["what"] == (
        "database 'default' has two content types for the user: auth | user (id 4: 4 permissions, 1 grant) and "
        "accounts | user (id 8: 4 permissions, 0 grants)"
    )
    assert "(change_user (1 user, 0 groups))" in found["why"]
    assert found["fixable_by"] == "adoption"
    assert report.code == 1


def test_d402_grants_left_on_the_old_content_type(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    record_first_migration(root)  # by hand, without the content type
    assert shell(root, ANN_CAN).last_line == "False"
    found = doctor(capsys, root).finding("D402")
    assert found["severity"] == "error"
    assert found["what"] == (
        "database 'default' still files the user's permissions under auth | user (id 4: 4 "
        "permissions, 1 grant): change_user (1 user, 0 groups)"
    )
    assert found["fixable_by"] == "adoption"


def test_d403_users_without_a_profile(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    edit(
        root,
        "blog/models.py",
        "class Post(models.Model):",
        """\
class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)


@receiver(post_save, sender=User)
def create_profile(sender, instance, created, **kwargs):
    if created:
        Profile.objects.create(user=instance)


class Post(models.Model):""",
    )
    edit(
        root,
        "blog/models.py",
        "from django.db import models\n",
        "from django.db import models\nfrom django.db.models.signals import post_save\n"
        "from django.dispatch import receiver\n",
    )
    assert manage(root, "makemigrations", "blog", "-v", "0").returncode == 0
    assert manage(root, "migrate", "-v", "0").returncode == 0
    ran = shell(
        root,
        """\
        from django.contrib.auth.models import User
        User.objects.get(username="ann").profile
        """,
    )
    assert (
        ran.last_line
        == "django.contrib.auth.models.User.profile.RelatedObjectDoesNotExist: User has no profile."
    )
    report = doctor(capsys, root)
    found = report.finding("D403")
    assert found["what"] == "2 of 2 users in database 'default' have no blog.Profile (user.profile)"
    assert (found["path"], found["line"]) == ("blog/models.py", 12)
    assert report.codes == ["D403"]


def test_d403_receiver_that_creates_for_some_users_only_is_info(tmp_path):
    path = write(
        tmp_path,
        "signals.py",
        """\
        def create_agent_settings(sender, instance, created, raw=False, **kwargs):
            if raw or not instance.is_staff:
                return
            AgentSettings.objects.get_or_create(user=instance)


        @receiver(post_save, sender=User)
        def create_profile(sender, instance, created, **kwargs):
            if created:
                Profile.objects.create(user=instance)
        """,
    )
    assert receiver_conditions(str(path), 1) == ["raw or not instance.is_staff"]
    assert receiver_conditions(str(path), 7) == []  # `created` says nothing about the user
