"""A minimal project on auth's User, built in a temporary folder, and swapped by hand the way the tool does.

The project: admin, auth, contenttypes, sessions, messages and an app `library` whose Book has a foreign
key, a nullable foreign key and a many-to-many to the user; BigAutoField as DEFAULT_AUTO_FIELD (so that the
new app's AutoField pin matters); MD5 password hashing so that logins are fast to check (the hash itself is
what must survive). Its databases: `default`, and optionally `other` (everything, like default) and
`archive` (sessions only, by a router).

`OldProject.build()` writes the old code, migrates every database and seeds `default` (and `other`);
`OldProject.swap()` renders the new app from the tool's templates, puts it first in INSTALLED_APPS, sets
AUTH_USER_MODEL and runs `makemigrations <label>` once, as the tool does.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from codemods.swap_user.options import SwapOptions
from codemods.swap_user.scaffold import render_admin, render_templates
from tests.support.databases import Backend, new_name
from tests.support.project import DjangoProject
from tests.support.venvs import django_python

MANAGE_PY = """\
#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

SETTINGS_PY = """\
import json
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "adoption-tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]
INSTALLED_APPS = %(installed_apps)s
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "proj.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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
DATABASES = json.loads((BASE_DIR / "databases.json").read_text())
if any(db["ENGINE"].endswith("mysql") for db in DATABASES.values()):
    import pymysql

    pymysql.install_as_MySQLdb()
DATABASE_ROUTERS = ["proj.routers.ArchiveRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
STATIC_URL = "/static/"
%(swap)s"""

ROUTERS_PY = '''\
class ArchiveRouter:
    """The `archive` database holds sessions only; every other database holds everything."""

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == "archive":
            return app_label == "sessions"
        return None
'''

URLS_PY = """\
from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
"""

LIBRARY_APPS_PY = """\
import os
from importlib import import_module

from django.apps import AppConfig, apps
from django.conf import settings


class LibraryConfig(AppConfig):
    name = "library"

    def ready(self):
        # Tests make the adoption fail after N statements to prove it leaves the database as it was.
        fail_after = os.environ.get("ADOPTION_FAIL_AFTER")
        if fail_after:
            fail_adoption_after(int(fail_after))


def fail_adoption_after(count):
    label = settings.AUTH_USER_MODEL.split(".")[0]
    adoption = import_module(apps.get_app_config(label).name + ".adoption")
    original = adoption.execute_statement
    done = []

    def failing(cursor, statement):
        if len(done) >= count:
            raise RuntimeError("injected failure after %d statement(s)" % count)
        original(cursor, statement)
        done.append(statement)

    adoption.execute_statement = failing
"""

LIBRARY_MODELS_PY = """\
from django.conf import settings
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="books")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="edited"
    )
    readers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="read_books", blank=True)
"""

LIBRARY_SEED_PY = """\
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from library.models import Book


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        users = list(get_user_model().objects.using(database).order_by("pk"))
        with transaction.atomic(using=database):
            for i, user in enumerate(users):
                book = Book.objects.using(database).create(
                    title="Book %d" % i, author=user, editor=users[(i + 1) % len(users)] if i % 2 else None
                )
                book.readers.set(users[i : i + 3])
"""

LIBRARY_TESTS_PY = """\
from django.contrib.auth import get_user_model
from django.test import TestCase

from library.models import Book


class UserModelTests(TestCase):
    def test_user_and_book(self):
        user = get_user_model().objects.create_user("reader", password="pw-reader-1")
        Book.objects.create(title="t", author=user).readers.add(user)
        self.assertTrue(self.client.login(username="reader", password="pw-reader-1"))
        self.assertEqual(user.read_books.count(), 1)
        print("TESTED-USER-MODEL", get_user_model()._meta.label)
"""

LIBRARY_TEST_PYTEST_PY = """\
from django.contrib.auth import get_user_model

from library.models import Book


def test_user_and_book(db, client):
    user = get_user_model().objects.create_user("reader", password="pw-reader-1")
    Book.objects.create(title="t", author=user).readers.add(user)
    assert client.login(username="reader", password="pw-reader-1")
    assert user.read_books.count() == 1
    print("TESTED-USER-MODEL", get_user_model()._meta.label)
"""

LIBRARY_MIGRATE_PY = '''\
"""The project's own migrate: a pre-flight line, with an option of its own, then Django's."""
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder


class Command(DjangoMigrate):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--preflight-note", default="-")

    def handle(self, *args, **options):
        recorded = MigrationRecorder(connections[options["database"]]).applied_migrations()
        self.stdout.write(
            "library pre-flight: note=%s apps=%s"
            % (options["preflight_note"], ",".join(sorted({app for app, _ in recorded})))
        )
        return super().handle(*args, **options)
'''

PYTEST_INI = """\
[pytest]
python_files = test_pytest.py
"""

OLD_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "library",
]


@dataclass
class OldProject:
    root: Path
    series: str
    backend: Backend
    label: str = "accounts"
    app_module: str = "accounts"
    aliases: tuple[str, ...] = ("default",)
    migrate_override: bool = False
    db_names: dict[str, str] = field(default_factory=dict)
    swapped: bool = False
    created: list[str] = field(default_factory=list)  # every database made, to drop them all

    def __post_init__(self):
        self.project = DjangoProject(self.root, django_python(self.series), "proj.settings")
        for alias in self.aliases:
            self.db_names.setdefault(alias, new_name())

    # Code.

    def write_code(self) -> None:
        p = self.project
        p.write("manage.py", MANAGE_PY)
        p.write("pytest.ini", PYTEST_INI)
        p.write("proj/__init__.py", "")
        p.write("proj/urls.py", URLS_PY)
        p.write("proj/routers.py", ROUTERS_PY)
        p.write("library/__init__.py", "")
        p.write("library/apps.py", LIBRARY_APPS_PY)
        p.write("library/models.py", LIBRARY_MODELS_PY)
        p.write(
            "library/admin.py",
            "from django.contrib import admin\n\nfrom .models import Book\n\nadmin.site.register(Book)\n",
        )
        p.write("library/tests.py", LIBRARY_TESTS_PY)
        p.write("library/test_pytest.py", LIBRARY_TEST_PYTEST_PY)
        p.write("library/migrations/__init__.py", "")
        p.write("library/management/__init__.py", "")
        p.write("library/management/commands/__init__.py", "")
        p.write("library/management/commands/seed_library.py", LIBRARY_SEED_PY)
        if self.migrate_override:
            p.write("library/management/commands/migrate.py", LIBRARY_MIGRATE_PY)
        self.write_settings()
        self.write_databases()

    def write_settings(self) -> None:
        apps = ([self.app_module] if self.swapped else []) + OLD_APPS
        swap = 'AUTH_USER_MODEL = "%s.User"\n' % self.label if self.swapped else ""
        self.project.write(
            "proj/settings.py",
            SETTINGS_PY % {"installed_apps": json.dumps(apps, indent=4), "swap": swap},
        )

    def write_databases(self) -> None:
        databases = {
            alias: self.backend.settings(name, self.root) for alias, name in self.db_names.items()
        }
        self.project.write("databases.json", json.dumps(databases, indent=1))

    def app_folder(self) -> Path:
        return self.root.joinpath(*self.app_module.split("."))

    # Databases.

    def build(self, seed: bool = True) -> None:
        """The old code, its migrations, and migrated (and seeded) databases."""
        self.write_code()
        for name in self.db_names.values():
            self.create_database(name)
        self.project.manage("makemigrations", "library", "-v", "0")
        for alias in self.db_names:
            self.project.manage("migrate", "--database", alias, "-v", "0")
        if seed:
            for alias in self.seeded_aliases():
                self.seed_info = self.project.inside("seed", database=alias)
                (self.root / ("seed-%s.json" % alias)).write_text(json.dumps(self.seed_info))
                self.project.manage("seed_library", "--database", alias)

    def seeded_aliases(self) -> list[str]:
        return [alias for alias in self.aliases if alias != "archive"]

    def seed_file(self, alias: str = "default") -> str:
        return str(self.root / ("seed-%s.json" % alias))

    def create_database(self, name: str) -> None:
        self.created.append(name)
        self.backend.create(name, self.root)

    def drop_databases(self) -> None:
        for name in dict.fromkeys(self.created + list(self.db_names.values())):
            self.backend.drop(name, self.root)

    def copy_to(self, root: Path) -> "OldProject":
        """This project and copies of its databases under `root` (SQLite and PostgreSQL only)."""
        shutil.copytree(self.root, root, ignore=shutil.ignore_patterns("*.sqlite3", "__pycache__"))
        copy = OldProject(
            root,
            self.series,
            self.backend,
            self.label,
            self.app_module,
            self.aliases,
            self.migrate_override,
            swapped=self.swapped,
        )
        for alias, name in self.db_names.items():
            copy.created.append(copy.db_names[alias])
            self.backend.copy(name, copy.db_names[alias], self.root, root)
        copy.write_databases()
        return copy

    # The swap, as the tool does it.

    def swap(self, makemigrations: bool = True) -> None:
        options = SwapOptions(label=self.label, app_module=self.app_module)
        folder = self.app_folder()
        for relative, text in render_templates(options).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (folder / "admin.py").write_text(render_admin(options, None), encoding="utf-8")
        for parent in list(folder.relative_to(self.root).parents)[:-1]:
            init = self.root / parent / "__init__.py"
            if not init.exists():
                init.write_text("")
        self.swapped = True
        self.write_settings()
        if makemigrations:
            self.project.manage("makemigrations", self.label, "-v", "0")

    def with_fresh_database(self, alias: str = "default") -> str:
        """Point `alias` at a new, empty database; return its name."""
        name = new_name()
        self.db_names[alias] = name
        self.create_database(name)
        self.write_databases()
        return name
