"""D6: another app's migrate command shadows the adoption step."""

from __future__ import annotations

from .tools import copy, doctor, edit, manage, write


def test_d601_migrate_command_shadows_the_adoption_step(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    write(root, "ops/__init__.py", "")
    write(root, "ops/management/__init__.py", "")
    write(root, "ops/management/commands/__init__.py", "")
    write(
        root,
        "ops/management/commands/migrate.py",
        """\
        from django.core.management.commands.migrate import Command as MigrateCommand


        class Command(MigrateCommand):
            help = "Pre-flight checks, then migrate."
        """,
    )
    edit(root, "mini/settings.py", "INSTALLED_APPS = [\n", 'INSTALLED_APPS = [\n    "ops",\n')
    ran = manage(root, "migrate")
    assert ran.last_line.startswith(
        "django.db.migrations.exceptions.InconsistentMigrationHistory: Migration "
        "admin.0001_initial is applied before its dependency accounts.0001_initial"
    )
    report = doctor(capsys, root)
    found = report.finding("D601")
    assert found["what"] == (
        "manage.py migrate runs ops's migrate command, not accounts's, which adopts existing "
        "databases"
    )
    assert found["path"] == "mini/settings.py"
    assert report.finding("D302")["severity"] == "error"
    # Without Django, the order is read from the settings and the folders.
    assert doctor(capsys, root, "--static").finding("D601") == found
