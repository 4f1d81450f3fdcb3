"""`makemigrations` before `migrate` on an old database says what to do instead of a bare
InconsistentMigrationHistory, and changes nothing."""

from __future__ import annotations

from tests.support.databases import SQLITE


def test_makemigrations_before_migrate_says_to_migrate_first(old_project):
    project = old_project(SQLITE, swapped=True)

    early = project.project.manage("makemigrations", "--check", "--dry-run", check=False)

    assert early.returncode == 1
    assert early.last_error_line == (
        "CommandError: database 'default' still has to be adopted by the accounts app: run `manage.py migrate` "
        "first (it adopts it, then migrates), then makemigrations; nothing was changed"
    )
    assert "InconsistentMigrationHistory" not in early.stderr
    project.project.manage("migrate")
    later = project.project.manage("makemigrations", "--check", "--dry-run")
    assert "No changes detected" in later.stdout


def test_makemigrations_on_a_fresh_database_is_the_stock_command(old_project):
    project = old_project(SQLITE, swapped=True)
    project.with_fresh_database()

    result = project.project.manage("makemigrations", "--check", "--dry-run")

    assert "No changes detected" in result.stdout
