"""A database in a state the adoption does not understand gets a one-line refusal and is left untouched;
the states it understands (half adopted) are finished."""

from __future__ import annotations

import re

import pytest

from tests.support.checks import adopting_lines
from tests.support.databases import SQLITE

# (id, SQL that puts an old database in the state, what the one-line refusal says)
REFUSALS = [
    (
        "auth_user_missing",
        ["DROP TABLE auth_user"],
        "django_migrations says auth.0001_initial is applied but there is no auth_user table",
    ),
    (
        "auth_migrations_incomplete",
        [
            "DELETE FROM django_migrations WHERE app = 'auth' AND name = '0012_alter_user_first_name_max_length'"
        ],
        "depends on auth.0012_alter_user_first_name_max_length, not applied here: deploy the previous release",
    ),
    (
        "no_auth_history",
        ["DELETE FROM django_migrations WHERE app = 'auth'"],
        "exists but django_migrations records no auth migration",
    ),
    (
        "user_m2m_table_missing",
        ["DROP TABLE auth_user_groups"],
        "creates auth_user_groups, which this database does not have",
    ),
    (
        "app_table_exists",
        ["CREATE TABLE accounts_user (id integer PRIMARY KEY)"],
        "accounts_user already exists here, before accounts is adopted",
    ),
    (
        "later_migration_recorded",
        [
            "INSERT INTO django_migrations (app, name, applied) VALUES ('accounts', '0002_later', '2024-01-01')"
        ],
        "django_migrations records accounts.0002_later but not accounts.0001_initial",
    ),
]


def break_database(project, statements):
    project.backend.execute(project.db_names["default"], project.root, statements)


@pytest.mark.parametrize("statements, message", [pytest.param(s, m, id=i) for i, s, m in REFUSALS])
def test_refuses_and_changes_nothing(old_project, statements, message):
    project = old_project(SQLITE, swapped=True)
    p = project.project
    break_database(project, statements)
    digest = p.inside("digest")

    result = p.manage("migrate", check=False)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result
    assert result.last_error_line.startswith(
        "AdoptionRefused: cannot adopt auth_user on database 'default': "
    )
    assert message in result.last_error_line
    assert result.last_error_line.endswith("; nothing was changed")
    assert p.inside("digest") == digest


def test_refuses_to_unapply_the_app(old_project):
    project = old_project(SQLITE, swapped=True)
    p = project.project
    p.manage("migrate")
    digest = p.inside("digest")

    result = p.manage("migrate", "accounts", "zero", "--noinput", check=False)

    assert result.returncode == 1
    assert "CommandError: migrate accounts zero would unapply admin" in result.last_error_line
    assert "adopt_user_table --reverse" in result.last_error_line
    assert p.inside("digest") == digest


def test_finishes_a_half_adopted_database(old_project):
    """The migration recorded (by hand, say) but the content type not renamed: finish, don't refuse."""
    project = old_project(SQLITE, swapped=True)
    p = project.project
    break_database(
        project,
        [
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('accounts', '0001_initial', '2024-01-01 00:00:00')"
        ],
    )

    result = p.manage("migrate")

    assert "Record accounts.0001_initial" not in result.stdout
    assert "Rename content type auth.user" in result.stdout
    rows = project.backend.query(
        project.db_names["default"],
        project.root,
        "SELECT app_label FROM django_content_type WHERE model = 'user'",
    )
    assert rows == [("accounts",)]


def test_fresh_database_needs_nothing(old_project):
    project = old_project(SQLITE, swapped=True)
    project.with_fresh_database()

    result = project.project.manage("migrate")

    assert not adopting_lines(result.stdout)
    assert "Applying accounts.0001_initial... OK" in result.stdout


def test_control_django_own_migrate_fails_on_the_same_database(old_project):
    """Without the adoption, Django's own migrate stops on the history (so the other tests mean something)."""
    project = old_project(SQLITE, swapped=True)
    stock = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.core.management.commands.migrate import Command\n"
        "call_command(Command())\n"
    )
    result = project.project.run("-c", stock, check=False)
    assert result.returncode == 1
    assert (
        "InconsistentMigrationHistory: Migration admin.0001_initial is applied before its dependency "
        "accounts.0001_initial" in result.stderr
    )


def move_user_table(migrations):
    path = migrations / "0001_initial.py"
    text = re.sub(
        r"""(['"])db_table\1: (['"])auth_user\2""",
        r"'db_table': 'accounts_people'",
        path.read_text(),
    )
    assert "accounts_people" in text
    path.write_text(text)


def add_second_first_migration(migrations):
    (migrations / "0001_other.py").write_text(
        "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        "    dependencies = [('auth', '0012_alter_user_first_name_max_length')]\n"
        "    operations = []\n"
    )


def squash_first_migration(migrations):
    text = (migrations / "0001_initial.py").read_text()
    header = "class Migration(migrations.Migration):\n"
    text = text.replace(header, header + "    replaces = [('accounts', '0001_initial')]\n")
    (migrations / "0001_squashed_0001_initial.py").write_text(text)


# (id, change to the new app's migrations, what the refusal says)
CODE_REFUSALS = [
    (
        "first_migration_elsewhere",
        move_user_table,
        "accounts.0001_initial does not use the table auth_user",
    ),
    (
        "two_first_migrations",
        add_second_first_migration,
        "accounts has more than one first migration",
    ),
    ("squashed_first_migration", squash_first_migration, "is a squashed migration"),
]


@pytest.mark.parametrize("change, message", [pytest.param(c, m, id=i) for i, c, m in CODE_REFUSALS])
def test_refuses_migrations_it_cannot_adopt_with(old_project, change, message):
    project = old_project(SQLITE, swapped=True)
    change(project.app_folder() / "migrations")
    digest = project.project.inside("digest")

    result = project.project.manage("migrate", check=False)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result
    assert result.last_error_line.startswith("AdoptionRefused: ")
    assert message in result.last_error_line
    assert project.project.inside("digest") == digest
