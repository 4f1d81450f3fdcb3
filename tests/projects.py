"""Tiny Django projects written into tmp_path for CLI tests (the sample_repos are for end-to-end runs), and the
tests' one way to make a project's git work tree: write_project or copy_project, git_init."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import textwrap
from pathlib import Path

MINI = {
    "manage.py": """\
        #!/usr/bin/env python
        import os
        import sys

        if __name__ == "__main__":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mini.settings")
            from django.core.management import execute_from_command_line

            execute_from_command_line(sys.argv)
        """,
    "mini/__init__.py": "",
    "mini/settings.py": """\
        import os
        from pathlib import Path

        BASE_DIR = Path(__file__).resolve().parent.parent
        SECRET_KEY = "not-secret"
        DEBUG = True
        ALLOWED_HOSTS = ["*"]

        INSTALLED_APPS = [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "blog",
        ]

        MIDDLEWARE = [
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ]
        ROOT_URLCONF = "mini.urls"
        TEMPLATES = [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ]
        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.environ.get("MINI_DB", BASE_DIR / "db.sqlite3"),
            }
        }
        DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
        USE_TZ = True
        """,
    "mini/urls.py": """\
        from django.contrib import admin
        from django.urls import path

        urlpatterns = [path("admin/", admin.site.urls)]
        """,
    "blog/__init__.py": "",
    "blog/apps.py": """\
        from django.apps import AppConfig


        class BlogConfig(AppConfig):
            name = "blog"
        """,
    "blog/models.py": """\
        from django.contrib.auth.models import User
        from django.db import models


        class Post(models.Model):
            author = models.ForeignKey(User, on_delete=models.CASCADE)
            title = models.CharField(max_length=100)

            def others(self):
                return User.objects.exclude(pk=self.author_id)
        """,
    "blog/views.py": """\
        from django.contrib.auth.decorators import permission_required
        from django.http import HttpResponse


        @permission_required("auth.change_user")
        def staff(request):
            return HttpResponse("ok")
        """,
    "blog/migrations/__init__.py": "",
    "blog/migrations/0001_initial.py": """\
        from django.conf import settings
        from django.db import migrations, models
        import django.db.models.deletion


        class Migration(migrations.Migration):
            initial = True

            dependencies = [
                migrations.swappable_dependency(settings.AUTH_USER_MODEL),
            ]

            operations = [
                migrations.CreateModel(
                    name="Post",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=100)),
                        ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                ),
            ]
        """,
}


def write_project(
    root: Path, files: dict[str, str] = MINI, extra: dict[str, str | None] | None = None
) -> Path:
    """Write a project; `extra` adds files or, with None, removes them."""
    merged: dict[str, str | None] = dict(files)
    merged.update(extra or {})
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def git_init(root: Path) -> None:
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    (root / ".gitignore").write_text("__pycache__/\n*.sqlite3\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *env, "commit", "-q", "-m", "initial"], cwd=root, check=True)


def copy_project(source: Path, root: Path) -> Path:
    """A git work tree at root with source's files (no caches, no databases), committed."""
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3"))
    git_init(root)
    return root


def tree_digest(root: Path) -> dict[str, str]:
    """Every file's bytes, hashed (outside .git and caches): proof that nothing was written."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir() or rel.startswith(".git/") or "__pycache__" in rel:
            continue
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
