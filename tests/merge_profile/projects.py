"""A tiny project already on a custom user model, with a profile, for merge_profile's tests.

`swapped_project(tmp_path)` copies a template built once per session (its migrations made by Django's own
makemigrations), so each test starts from a git repository with the migrations in it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.projects import MINI, copy_project, write_project
from tests.support.project import DjangoProject

DATABASES = """\
        DB_ENGINE = os.environ.get("DB_ENGINE", "sqlite3")
        if DB_ENGINE == "mysql":
            import pymysql

            pymysql.install_as_MySQLdb()
        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends." + DB_ENGINE,
                "NAME": os.environ.get("MINI_DB", BASE_DIR / "db.sqlite3"),
                "HOST": os.environ.get("DB_HOST", ""),
                "PORT": os.environ.get("DB_PORT", ""),
                "USER": os.environ.get("DB_USER", ""),
                "PASSWORD": os.environ.get("DB_PASSWORD", ""),
            }
        }
"""
_MINI_SETTINGS = MINI["mini/settings.py"]
_START = _MINI_SETTINGS.index("        DATABASES = {")
_END = _MINI_SETTINGS.index("        DEFAULT_AUTO_FIELD")
SETTINGS = (_MINI_SETTINGS[:_START] + DATABASES + _MINI_SETTINGS[_END:]).replace(
    '            "blog",\n', '            "blog",\n            "profiles",\n'
).replace(
    "        INSTALLED_APPS = [\n", '        INSTALLED_APPS = [\n            "accounts",\n'
).rstrip(
    " "
) + '        AUTH_USER_MODEL = "accounts.User"\n'

FILES = {
    **{k: v for k, v in MINI.items() if not k.startswith("blog/migrations/0")},
    "mini/settings.py": SETTINGS,
    "mini/urls.py": """\
        from django.contrib import admin
        from django.urls import path

        from profiles.views import settings_page

        urlpatterns = [path("admin/", admin.site.urls), path("profile/", settings_page)]
        """,
    "blog/models.py": """\
        from django.conf import settings
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            title = models.CharField(max_length=100)
        """,
    "blog/views.py": """\
        from django.http import HttpResponse


        def home(request):
            return HttpResponse("ok")
        """,
    "accounts/__init__.py": "",
    "accounts/apps.py": """\
        from django.apps import AppConfig


        class AccountsConfig(AppConfig):
            name = "accounts"
            default_auto_field = "django.db.models.AutoField"
        """,
    "accounts/models.py": '''\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            """The project's user model."""

            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        ''',
    "accounts/migrations/__init__.py": "",
    "profiles/__init__.py": "",
    "profiles/apps.py": """\
        from django.apps import AppConfig


        class ProfilesConfig(AppConfig):
            name = "profiles"

            def ready(self):
                from . import signals  # noqa: F401
        """,
    "profiles/models.py": """\
        from django.conf import settings
        from django.db import models


        class Team(models.Model):
            name = models.CharField(max_length=50)


        class Book(models.Model):
            title = models.CharField(max_length=50)


        class Profile(models.Model):
            class Theme(models.TextChoices):
                LIGHT = "light", "Light"
                DARK = "dark", "Dark"

            user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            bio = models.TextField(blank=True)
            theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.LIGHT)
            reports = models.BooleanField(default=True)
            score = models.IntegerField(null=True, blank=True)
            team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="profiles")
            books = models.ManyToManyField(Book, blank=True)

            def __str__(self):
                return "Profile of %s" % self.user
        """,
    "profiles/signals.py": """\
        from django.conf import settings
        from django.db.models.signals import post_save
        from django.dispatch import receiver

        from .models import Profile


        @receiver(post_save, sender=settings.AUTH_USER_MODEL)
        def create_profile(sender, instance, created, raw=False, **kwargs):
            if created and not raw:
                Profile.objects.get_or_create(user=instance)
        """,
    "profiles/migrations/__init__.py": "",
    "profiles/forms.py": """\
        from django import forms

        from .models import Profile


        class ProfileForm(forms.ModelForm):
            class Meta:
                model = Profile
                fields = ["bio", "theme", "reports"]
        """,
    "profiles/views.py": """\
        from django.shortcuts import render

        from .forms import ProfileForm
        from .models import Profile


        def settings_page(request):
            form = ProfileForm(request.POST or None, instance=request.user.profile)
            if form.is_valid():
                form.save()
            dark = Profile.objects.filter(theme="dark").count()
            return render(request, "profiles/home.html", {"form": form, "dark": dark, "bio": request.user.profile.bio})
        """,
    "profiles/templates/profiles/home.html": """\
        <p class="{{ user.profile.theme }}">{{ user.profile.get_theme_display }}: {{ bio }}</p>
        {% for book in user.profile.books.all %}{{ book.title }}{% endfor %}
        """,
}

_TEMPLATES: dict[tuple, Path] = {}


def manage(
    root: Path,
    *args: str,
    db: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
):
    """`python manage.py ...` in the project; db: the SQLite file it uses."""
    extra = {**({"MINI_DB": str(db)} if db is not None else {}), **(env or {})}
    return DjangoProject(root).manage(*args, check=check, env=extra)


def build_template(base: Path, files: dict[str, str | None] | None = None) -> Path:
    """The project with its initial migrations, made once per distinct set of files."""
    key = tuple(sorted((files or {}).items(), key=lambda kv: kv[0]))
    if key not in _TEMPLATES:
        root = write_project(base / ("template%d" % len(_TEMPLATES)) / "mini", FILES, files)
        manage(root, "makemigrations", db=root / "make.sqlite3")
        (root / "make.sqlite3").unlink(missing_ok=True)
        _TEMPLATES[key] = root
    return _TEMPLATES[key]


def swapped_project(tmp_path: Path, template: Path) -> Path:
    return copy_project(template, tmp_path / "mini")


def dedent(text: str) -> str:
    return textwrap.dedent(text)
