"""D2: references to auth's User left in a swapped project, each with the failure Django shows for it, and the
circular import a string reference breaks. These checks read files only (--static)."""

from __future__ import annotations

from .tools import copy, doctor, edit, manage, shell, write


def test_d201_relation_to_auth_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/models.py",
        """\
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(User, on_delete=models.CASCADE)
            title = models.CharField(max_length=100)
        """,
    )
    ran = manage(root, "check")
    assert (
        "(fields.E301) Field defines a relation with the model 'auth.User', which has been swapped out."
        in ran.output
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D201")
    assert (found["path"], found["line"]) == ("blog/models.py", 6)
    assert found["what"] == (
        "a relation field points at auth's User: "
        "`author = models.ForeignKey(User, on_delete=models.CASCADE)`"
    )
    assert found["fixable_by"] == "swap_user"
    assert report.code == 1


def test_d202_signal_receiver_for_auth_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/signals.py",
        """\
        from django.contrib.auth.models import User
        from django.db.models.signals import post_save
        from django.dispatch import receiver

        FIRED = []


        @receiver(post_save, sender=User)
        def on_user_saved(sender, instance, **kwargs):
            FIRED.append(instance.username)
        """,
    )
    ran = shell(
        root,
        """\
        from django.contrib.auth import get_user_model
        from blog.signals import FIRED
        get_user_model().objects.create_user("carol")
        print("fired for", FIRED)
        """,
    )
    assert ran.last_line == "fired for []"
    found = doctor(capsys, root, "--static").finding("D202")
    assert (found["path"], found["line"]) == ("blog/signals.py", 8)


def test_d203_admin_unregisters_auth_user(swapped, tmp_path, capsys):
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
    ran = manage(root, "migrate")
    assert (
        ran.last_line
        == "django.contrib.admin.exceptions.NotRegistered: The model User is not registered"
    )
    found = doctor(capsys, root, "--static").finding("D203")
    assert (found["path"], found["line"]) == ("blog/admin.py", 4)
    assert "NotRegistered" in found["why"]


def test_d204_user_creation_form(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/forms.py",
        """\
        from django.contrib.auth.forms import UserCreationForm


        class SignupForm(UserCreationForm):
            pass
        """,
    )
    ran = shell(
        root,
        """\
        from blog.forms import SignupForm
        SignupForm(data={"username": "dan", "password1": "a-Long-pass-42", "password2": "a-Long-pass-42"}).is_valid()
        """,
    )
    assert (
        ran.last_line
        == "AttributeError: Manager isn't available; 'auth.User' has been swapped for 'accounts.User'"
    )
    found = doctor(capsys, root, "--static").finding("D204")
    assert found["path"] == "blog/forms.py"


def test_d205_model_string(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/stats.py",
        """\
        from django.apps import apps


        def user_count():
            return apps.get_model("auth.User").objects.count()
        """,
    )
    ran = shell(root, "from blog.stats import user_count; user_count()")
    assert (
        ran.last_line
        == "AttributeError: Manager isn't available; 'auth.User' has been swapped for 'accounts.User'"
    )
    found = doctor(capsys, root, "--static").finding("D205")
    assert (found["path"], found["line"]) == ("blog/stats.py", 5)


def test_d206_permission_string(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/rules.py",
        """\
        def can_edit_users(user):
            return user.has_perm("auth.change_user")
        """,
    )
    ran = shell(
        root,
        """\
        from django.contrib.auth import get_user_model
        from blog.rules import can_edit_users
        ann = get_user_model().objects.get(username="ann")
        print(ann.has_perm("accounts.change_user"), can_edit_users(ann))
        """,
    )
    assert ran.last_line == "True False"
    found = doctor(capsys, root, "--static").finding("D206")
    assert (
        found["what"]
        == 'a permission names auth.<action>_user: `return user.has_perm("auth.change_user")`'
    )
    assert found["fix"].startswith("name it accounts.<action>_user")


def test_d207_admin_url_name(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/links.py",
        """\
        from django.urls import reverse


        def users_admin():
            return reverse("admin:auth_user_changelist")
        """,
    )
    ran = shell(root, "from blog.links import users_admin; users_admin()")
    assert ran.last_line.startswith(
        "django.urls.exceptions.NoReverseMatch: Reverse for 'auth_user_changelist' " "not found."
    )
    found = doctor(capsys, root, "--static").finding("D207")
    assert (found["path"], found["line"]) == ("blog/links.py", 5)


def test_d208_template(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/templates/blog/staff.html",
        """\
        {% if perms.auth.change_user %}<a href="{% url 'admin:auth_user_changelist' %}">users</a>{% endif %}
        """,
    )
    ran = shell(
        root,
        """\
        from django.template.loader import render_to_string
        render_to_string("blog/staff.html", {"perms": {"auth": {"change_user": True}}})
        """,
    )
    assert "NoReverseMatch: Reverse for 'auth_user_changelist' not found." in ran.last_line
    found = doctor(capsys, root, "--static").finding("D208")
    assert (found["path"], found["line"]) == ("blog/templates/blog/staff.html", 1)


def test_d209_fixture(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/fixtures/staff.json",
        """\
        [{"model": "auth.user", "pk": 50, "fields": {"username": "eve", "password": "!", "groups": [],
          "user_permissions": []}}]
        """,
    )
    ran = manage(root, "loaddata", "staff")
    assert ran.last_line.endswith("'NoneType' object has no attribute '_meta'")
    found = doctor(capsys, root, "--static").finding("D209")
    assert (found["path"], found["line"]) == ("blog/fixtures/staff.json", 1)


def test_d210_auth_user_class_at_run_time(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/queries.py",
        """\
        from django.contrib.auth.models import User


        def staff():
            return list(User.objects.filter(is_staff=True))
        """,
    )
    ran = shell(root, "from blog.queries import staff; staff()")
    assert (
        ran.last_line
        == "AttributeError: Manager isn't available; 'auth.User' has been swapped for 'accounts.User'"
    )
    found = doctor(capsys, root, "--static").finding("D210")
    assert (
        found["what"]
        == "auth's User class is used here: `from django.contrib.auth.models import User`"
    )


def test_d211_content_type_look_up(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/audit.py",
        """\
        from django.contrib.contenttypes.models import ContentType


        def user_content_type():
            return ContentType.objects.get_by_natural_key("auth", "user")
        """,
    )
    ran = shell(root, "from blog.audit import user_content_type; user_content_type()")
    assert ran.last_line == (
        "django.contrib.contenttypes.models.ContentType.DoesNotExist: ContentType matching "
        "query does not exist."
    )
    found = doctor(capsys, root, "--static").finding("D211")
    assert (found["path"], found["line"]) == ("blog/audit.py", 5)


def test_d212_settings_variant_without_the_user_app(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "mini/settings_ci.py",
        """\
        from .settings import *  # noqa

        INSTALLED_APPS = [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "blog",
        ]
        """,
    )
    ran = manage(root, "check", "--settings", "mini.settings_ci")
    assert ran.last_line.endswith(
        "AUTH_USER_MODEL refers to model 'accounts.User' that has not been installed"
    )
    found = doctor(capsys, root, "--static").finding("D212")
    assert (found["path"], found["line"]) == ("mini/settings_ci.py", 3)


def test_d220_circular_import_through_the_user_model(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    edit(
        root,
        "accounts/models.py",
        "from django.contrib.auth.models import AbstractUser\n",
        "from django.contrib.auth.models import AbstractUser\nfrom django.db import models\n\n"
        "from blog.models import Post\n",
    )
    edit(
        root,
        "accounts/models.py",
        "    class Meta(AbstractUser.Meta):",
        "    favourite = models.ForeignKey(Post, null=True, on_delete=models.SET_NULL, related_name='+')\n\n"
        "    class Meta(AbstractUser.Meta):",
    )
    ran = manage(root, "check")
    assert ran.last_line == (
        "django.core.exceptions.ImproperlyConfigured: AUTH_USER_MODEL refers to model "
        "'accounts.User' that has not been installed"
    )
    found = doctor(capsys, root, "--static").finding("D220")
    assert (found["path"], found["line"]) == ("accounts/models.py", 6)  # under the module docstring
    assert found["what"].startswith(
        "circular import through the user model's module: accounts.models -> "
        "blog.models (blog/models.py:"
    )
    assert "calls get_user_model() while it is imported" in found["what"]


def test_d210_points_at_the_import_when_its_replacement_lands_elsewhere(swapped, tmp_path, capsys):
    # get_user_model's import sorts above auth's, and `User = get_user_model()` goes below the imports: the diff is
    # a deleted import and code inserted two lines further down.
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/queries.py",
        """\
        from django.contrib import messages
        from django.contrib.auth.decorators import login_required
        from django.contrib.auth.models import User

        from blog.models import Post


        def staff():
            return list(User.objects.filter(is_staff=True))
        """,
    )
    found = doctor(capsys, root, "--static").finding("D210")
    assert (found["path"], found["line"]) == ("blog/queries.py", 3)
    assert (
        found["what"]
        == "auth's User class is used here: `from django.contrib.auth.models import User`"
    )


def test_noop_d210_for_an_import_only_the_admin_registration_used(swapped, tmp_path, capsys):
    # swap_user deletes the import once the registration is gone: D203 is the finding, not a second one.
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/admin.py",
        """\
        from django.contrib import admin
        from django.contrib.auth.admin import UserAdmin
        from django.contrib.auth.models import User

        from blog.models import Post

        admin.site.unregister(User)
        """,
    )
    report = doctor(capsys, root, "--static")
    assert [(f["code"], f["line"]) for f in report.data["findings"]] == [("D203", 7)]


def test_d210_in_a_latin_1_module(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    (root / "blog/legacy.py").write_bytes(
        b"# -*- coding: latin-1 -*-\n"
        b"# caf\xe9\n"
        b"from django.contrib.auth.models import User\n"
        b"\n"
        b"\n"
        b"def staff():\n"
        b"    return list(User.objects.filter(is_staff=True))\n"
    )
    ran = shell(root, "from blog.legacy import staff; staff()")
    assert (
        ran.last_line
        == "AttributeError: Manager isn't available; 'auth.User' has been swapped for 'accounts.User'"
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D210")
    assert (found["path"], found["line"]) == ("blog/legacy.py", 3)
    assert report.code == 1


def test_d107_a_module_not_in_the_encoding_it_declares(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    (root / "blog/legacy.py").write_bytes(
        b'from django.contrib.auth.models import User\n\nCAFE = "caf\xe9"\n'
    )
    assert (
        "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xe9"
        in shell(root, "import blog.legacy").last_line
    )
    report = doctor(capsys, root, "--static")
    found = report.finding("D107")
    assert (found["path"], found["severity"]) == ("blog/legacy.py", "warning")
    assert report.code == 1
