"""The pull-request description tells what the run did, with the names and commands of this project."""

from __future__ import annotations

from codemods.core.plan import Plan
from codemods.swap_user.describe import Command, Record, markdown
from codemods.swap_user.preflight import NewApp


def record(tmp_path, **kwargs):
    app = NewApp("people", "people", tmp_path / "people")
    return Record(tmp_path, app, Plan(tmp_path), [], [], **kwargs)


def test_the_migration_is_named_as_django_wrote_it(tmp_path):
    text = markdown(record(tmp_path, migrations=["people/migrations/0001_users.py"]))
    assert "records `people.0001_users` as applied" in text
    assert "Record people.0001_users as applied" in text
    assert "lists `[X] 0001_users`" in text
    assert "0001_initial" not in text


def test_deploy_steps_use_the_projects_own_command(tmp_path):
    text = markdown(
        record(
            tmp_path,
            manage="coldfront",
            test_commands=["coldfront test"],
            commands=[Command("python manage.py check", 0)],
        )
    )
    assert "run the usual `coldfront migrate`" in text
    assert "`coldfront showmigrations people`" in text
    assert "`coldfront adopt_user_table --reverse`" in text
    assert "run `coldfront test` before merging" in text
    assert "python manage.py" not in text.replace("`python manage.py check` (exit 0)", "")
