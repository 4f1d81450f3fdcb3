"""`swap_user --finish` on the tiny project, with this interpreter's Django on SQLite: the transition code goes once
every database has adopted, each refusal is one line with the tree unchanged, and a forgotten database sees what
the description says and recovers as it says."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods.swap_user.main import main

from .projects import MINI, git_init, tree_digest, write_project

TRANSITION = [
    "accounts/adoption.py",
    "accounts/management/__init__.py",
    "accounts/management/commands/__init__.py",
    "accounts/management/commands/adopt_user_table.py",
    "accounts/management/commands/makemigrations.py",
    "accounts/management/commands/migrate.py",
]
# A second database, used when MINI_OTHER_DB is set.
TWO_DATABASES = textwrap.dedent(MINI["mini/settings.py"]) + textwrap.dedent("""\
    if os.environ.get("MINI_OTHER_DB"):
        DATABASES["other"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["MINI_OTHER_DB"]}
    """)


def git(root: Path, *args: str) -> str:
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(
        ["git", *env, *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def manage(root: Path, *args: str, db: Path, other: Path | None = None, check: bool = True):
    env = {"MINI_DB": str(db), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    if other is not None:
        env["MINI_OTHER_DB"] = str(other)
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def finish_template(tmp_path_factory):
    """The tiny project on two databases: migrated by the old code, swapped (committed on swap-user-model), and
    each database kept as the old code left it (old.sqlite3) and as the swap's migrate left it (new.sqlite3).
    """
    base = tmp_path_factory.mktemp("finish")
    root = write_project(base / "mini", extra={"mini/settings.py": TWO_DATABASES})
    git_init(root)
    old = base / "old.sqlite3"
    manage(root, "migrate", "-v", "0", db=old)
    manage(
        root,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('root', 'r@example.invalid', 'pw')",
        db=old,
    )
    swap = subprocess.run(
        [sys.executable, "-m", "codemods.swap_user", str(root), "-q"],
        capture_output=True,
        text=True,
        env={"MINI_DB": str(old), "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert swap.returncode == 0, swap.stderr
    new = base / "new.sqlite3"
    shutil.copyfile(old, new)
    manage(root, "migrate", "-v", "0", db=new)
    return base


@pytest.fixture
def project(finish_template, tmp_path, monkeypatch):
    """A copy of the swapped project whose default database has adopted; no second database."""
    shutil.copytree(finish_template, tmp_path / "t", symlinks=True)
    base = tmp_path / "t"
    monkeypatch.setenv("MINI_DB", str(base / "new.sqlite3"))
    monkeypatch.delenv("MINI_OTHER_DB", raising=False)
    return base / "mini"


def test_removes_the_transition_code_once_every_database_has_adopted(project, capsys):
    code, _, err = run(capsys, project, "--finish")
    assert code == 0, err
    for path in TRANSITION:
        assert not (project / path).exists(), path
    assert not (project / "accounts" / "management").exists()
    for kept in (
        "accounts/models.py",
        "accounts/admin.py",
        "accounts/apps.py",
        "accounts/migrations/0001_initial.py",
    ):
        assert (project / kept).exists(), kept
    assert "Checked database 'default' (sqlite): adopted" in err
    assert (
        "$ python manage.py check" in err
        and "$ python manage.py makemigrations accounts --check --dry-run" in err
    )
    assert git(project, "branch", "--show-current").strip() == "finish-user-swap"
    assert git(project, "log", "--format=%s", "swap-user-model..finish-user-swap").splitlines() == [
        "Remove the adoption step of accounts: every database has adopted auth_user"
    ]
    assert sorted(git(project, "show", "--name-only", "--format=", "HEAD").split()) == TRANSITION
    assert git(project, "status", "--porcelain") == ""
    described = re.search(r"Pull-request description: (\S+)", err).group(1)
    text = Path(described).read_text()
    for path in TRANSITION:
        assert "- `%s`" % path in text
    assert "InconsistentMigrationHistory" in text and "previous release" in text
    assert "`default` (sqlite): adopted" in text
    # Django's own migrate now, and nothing to do on the adopted database.
    db = project.parent / "new.sqlite3"
    migrate = manage(project, "migrate", db=db)
    assert "No migrations to apply." in migrate.stdout and "dopt" not in migrate.stdout
    # A second run changes nothing.
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish")
    assert code == 0 and err.strip().endswith("already finished; nothing to do"), err
    assert tree_digest(project) == before


def test_refused_while_a_database_has_not_adopted(project, capsys, monkeypatch):
    monkeypatch.setenv("MINI_DB", str(project.parent / "old.sqlite3"))
    before, head = tree_digest(project), git(project, "rev-parse", "HEAD")
    code, _, err = run(capsys, project, "--finish")
    assert code == 2
    assert err.splitlines()[-1] == (
        "error: database 'default' has not adopted auth_user: django_migrations does not record "
        "accounts.0001_initial; run `manage.py migrate` there with the current release first; nothing was changed"
    )
    assert tree_digest(project) == before and git(project, "rev-parse", "HEAD") == head
    assert "finish-user-swap" not in git(project, "branch")


def test_refused_naming_the_other_database_that_has_not_adopted(project, capsys, monkeypatch):
    monkeypatch.setenv("MINI_OTHER_DB", str(project.parent / "old.sqlite3"))
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish", "--dry-run")
    assert code == 2
    assert err.splitlines()[-1].startswith("error: database 'other' has not adopted auth_user")
    assert tree_digest(project) == before


def test_refused_when_the_content_type_was_split(project, capsys):
    # A plain Django migrate (not the app's) made accounts | user beside the old auth | user row.
    with sqlite3.connect(project.parent / "new.sqlite3") as connection:
        connection.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES ('auth', 'user')"
        )
    code, _, err = run(capsys, project, "--finish")
    assert code == 2
    assert (
        "error: database 'default' has not adopted auth_user: accounts.0001_initial is recorded but the "
        "content type auth.user is still there (2 user content types)" in err
    )


def test_a_database_that_does_not_exist_is_not_checked(project, capsys, monkeypatch):
    monkeypatch.setenv("MINI_OTHER_DB", str(project.parent / "missing.sqlite3"))
    code, out, err = run(capsys, project, "--finish", "--dry-run", "--report", "json")
    assert code == 0, err
    report = json.loads(out)
    states = {d["alias"]: d["state"] for d in report["databases"]}
    assert states == {"default": "adopted", "other": "not checked"}
    assert [(n["path"], n["message"].split(";")[0]) for n in report["notes"]] == [
        (
            "database 'other'",
            "not checked: its SQLite file %s does not exist" % (project.parent / "missing.sqlite3"),
        )
    ]
    assert not (project.parent / "missing.sqlite3").exists()


@pytest.mark.parametrize("routed", [False, True], ids=["no-router", "router-keeps-users-off"])
def test_a_database_without_history_says_what_migrate_will_do_there(
    project, capsys, monkeypatch, routed
):
    other = project.parent / "legacy.sqlite3"
    sqlite3.connect(other).close()  # an empty database: no django_migrations
    monkeypatch.setenv("MINI_OTHER_DB", str(other))
    if routed:
        (project / "mini" / "routers.py").write_text(
            "class Legacy:\n"
            "    def allow_migrate(self, db, app_label, **hints):\n"
            '        return db != "other"\n'
        )
        settings = project / "mini" / "settings.py"
        settings.write_text(settings.read_text() + '\nDATABASE_ROUTERS = ["mini.routers.Legacy"]\n')
    code, out, err = run(capsys, project, "--finish", "--dry-run", "--report", "json")
    assert code == 0, err
    why = {d["alias"]: (d["state"], d["why"]) for d in json.loads(out)["databases"]}
    expected = (
        "the project's routers keep the user model off it, so there is nothing to adopt"
        if routed
        else "migrate builds it from scratch"
    )
    assert why["other"] == ("empty", "never migrated: " + expected)


def test_refused_on_a_project_still_on_auth_user(tmp_path, capsys, monkeypatch):
    root = write_project(tmp_path / "mini")
    git_init(root)
    monkeypatch.setenv("MINI_DB", str(tmp_path / "db.sqlite3"))
    before = tree_digest(root)
    code, _, err = run(capsys, root, "--finish")
    assert code == 2
    assert err.splitlines()[-1] == (
        "error: AUTH_USER_MODEL is auth.User: the project was not swapped; run "
        "swap_user without --finish first; nothing was changed"
    )
    assert tree_digest(root) == before


CUSTOM_USER = {
    "mini/settings.py": textwrap.dedent(MINI["mini/settings.py"]).replace(
        '"blog",', '"people",\n    "blog",'
    )
    + 'AUTH_USER_MODEL = "people.User"\n',
    "people/__init__.py": "",
    "people/models.py": """\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            class Meta(AbstractUser.Meta):
                db_table = "auth_user"
        """,
    "people/migrations/__init__.py": "",
}


def test_refused_on_a_custom_user_the_tool_did_not_make(tmp_path, capsys, monkeypatch):
    # It even adopts auth_user, but by hand: no adoption module, so nothing of the tool's to remove.
    root = write_project(tmp_path / "mini", extra=CUSTOM_USER)
    git_init(root)
    monkeypatch.setenv("MINI_DB", str(tmp_path / "db.sqlite3"))
    before = tree_digest(root)
    code, _, err = run(capsys, root, "--finish")
    assert code == 2
    assert err.splitlines()[-1] == (
        "error: AUTH_USER_MODEL is people.User, and people has no adoption module "
        "(people/adoption.py): the project was not swapped by swap_user; nothing was "
        "changed"
    )
    assert tree_digest(root) == before


def test_refused_when_the_user_no_longer_adopts_auth_user(project, capsys):
    models = project / "accounts" / "models.py"
    models.write_text(models.read_text().replace('db_table = "auth_user"', 'db_table = "people"'))
    git(project, "commit", "-qam", "own table")
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish")
    assert code == 2
    assert err.splitlines()[-1].startswith(
        "error: accounts.User does not adopt auth_user the way swap_user made it"
    )
    assert "it is User on table people" in err
    assert tree_digest(project) == before


def test_refused_when_the_project_imports_the_adoption_module(project, capsys):
    (project / "blog" / "checks.py").write_text("from accounts.adoption import adopt\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "uses it")
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish")
    assert code == 2
    assert err.splitlines()[-1] == (
        "error: blog/checks.py:1: imports accounts.adoption, which --finish removes; "
        "stop using it first (the adoption is done on every database the tool checks); "
        "nothing was changed"
    )
    assert tree_digest(project) == before


def test_read_only_modes_write_nothing(project, capsys):
    before, branches = tree_digest(project), git(project, "branch")
    code, out, err = run(capsys, project, "--finish", "--check")
    assert code == 1, err
    code, out, err = run(capsys, project, "--finish", "--diff")
    assert code == 0, err
    assert "deleted file mode 100644" in out and "--- a/accounts/adoption.py" in out
    code, out, err = run(capsys, project, "--finish", "--dry-run", "--report", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["files_removed"] == TRANSITION and report["mode"] == "dry-run"
    assert report["check_query"].startswith(
        "SELECT (SELECT COUNT(*) FROM django_migrations WHERE app = 'accounts'"
    )
    assert "Would remove accounts/adoption.py" in err
    assert tree_digest(project) == before and git(project, "branch") == branches


def test_keeps_the_project_own_commands_and_notes_an_edited_override(project, capsys):
    (project / "accounts/management/commands/cleanup_users.py").write_text(
        "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n"
        "    def handle(self, *args, **options):\n        pass\n"
    )
    migrate = project / "accounts/management/commands/migrate.py"
    migrate.write_text(migrate.read_text() + "\n\nPREFLIGHT = True\n")
    (project / "deploy.sh").write_text(
        "python manage.py migrate\npython manage.py adopt_user_table\n"
    )
    git(project, "add", "-A")
    git(project, "commit", "-qm", "own command")
    edited = migrate.read_text()
    code, out, err = run(capsys, project, "--finish", "--report", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["files_removed"] == [p for p in TRANSITION if "__init__" not in p]
    assert (project / "accounts/management/commands/cleanup_users.py").exists()
    notes = [(n["path"], n["line"], n["transform"]) for n in report["notes"]]
    assert notes == [
        (
            "accounts/management/commands/migrate.py",
            edited[: edited.index("PREFLIGHT")].count("\n") + 1,
            "finish",
        ),
        ("deploy.sh", 2, "finish"),
    ], report["notes"]


def test_a_failing_check_puts_everything_back(project, capsys):
    # A change of the user model without its migration: makemigrations --check fails after the removal.
    models = project / "accounts" / "models.py"
    text = models.read_text()
    assert "    class Meta(" in text
    text = text.replace(
        "import AbstractUser\n", "import AbstractUser\nfrom django.db import models\n"
    )
    models.write_text(
        text.replace(
            "    class Meta(", "    nickname = models.TextField(default='')\n\n    class Meta("
        )
    )
    git(project, "commit", "-qam", "pending change")
    before, head, branches = (
        tree_digest(project),
        git(project, "rev-parse", "HEAD"),
        git(project, "branch"),
    )
    code, _, err = run(capsys, project, "--finish")
    assert code == 3, err
    assert err.splitlines()[-1].startswith(
        "error: makemigrations --check failed after removing the transition code"
    )
    assert err.splitlines()[-1].endswith("; the tree is as it was")
    assert tree_digest(project) == before
    assert git(project, "rev-parse", "HEAD") == head and git(project, "branch") == branches


def test_pending_changes_of_other_apps_are_left_as_they_were(project, capsys):
    # A model change the project had not made a migration for, in an app the finish does not touch: it is
    # pending before the finish and after it, and the finish goes ahead (makemigrations --check is the user app's).
    models = project / "blog" / "models.py"
    field = "title = models.CharField(max_length=100)"
    models.write_text(
        models.read_text().replace(field, field + "\n    body = models.TextField(default='')")
    )
    git(project, "commit", "-qam", "a change of blog without its migration")
    code, _, err = run(capsys, project, "--finish", "--rename-table")
    assert code == 0, err
    assert "$ python manage.py makemigrations accounts --check --dry-run" in err
    assert (project / "accounts/migrations/0002_rename_user_table.py").exists()
    assert not (project / "accounts" / "management").exists()
    pending = manage(
        project,
        "makemigrations",
        "--check",
        "--dry-run",
        db=project.parent / "new.sqlite3",
        check=False,
    )
    assert pending.returncode == 1 and "Add field body to post" in pending.stdout, pending.stdout
    assert "accounts" not in pending.stdout


def test_a_forgotten_database_fails_as_described_and_recovers_as_described(project, capsys):
    code, _, err = run(capsys, project, "--finish")
    assert code == 0, err
    text = Path(re.search(r"Pull-request description: (\S+)", err).group(1)).read_text()
    forgotten = project.parent / "old.sqlite3"  # never ran the adoption step
    query = re.search(r"```sql\n\s*(SELECT .*?);\n", text).group(1)
    with sqlite3.connect(forgotten) as connection:
        assert connection.execute(query).fetchall() == [(0, 1)]
    with sqlite3.connect(project.parent / "new.sqlite3") as connection:
        assert connection.execute(query).fetchall() == [(1, 0)]
    failed = manage(project, "migrate", db=forgotten, check=False)
    assert failed.returncode != 0
    said = re.search(
        r"```\n(django\.db\.migrations\.exceptions\.InconsistentMigrationHistory: .*)\n```", text
    ).group(1)
    assert said in failed.stderr, failed.stderr[-2000:]
    # The doctor, run on the finished release against that database, says what happened and what to do.
    doctor = subprocess.run(
        [sys.executable, "-m", "codemods.doctor", str(project)],
        capture_output=True,
        text=True,
        env={"MINI_DB": str(forgotten), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    finish_commit = git(project, "rev-parse", "--short", "HEAD").strip()
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert (
        "it never ran the adoption step, which commit %s removed (swap_user --finish)"
        % finish_commit
        in doctor.stdout + doctor.stderr
    ), (doctor.stdout + doctor.stderr)
    assert (
        "fix: deploy the release before %s here (git checkout %s^), run its manage.py migrate once"
        % (finish_commit, finish_commit)
        in doctor.stdout + doctor.stderr
    )
    # The recovery: the previous release's migrate once, then this release's.
    git(project, "switch", "-q", "swap-user-model")
    manage(project, "migrate", db=forgotten)
    git(project, "switch", "-q", "finish-user-swap")
    manage(project, "migrate", db=forgotten)
    with sqlite3.connect(forgotten) as connection:
        assert connection.execute(query).fetchall() == [(1, 0)]
        assert connection.execute("SELECT username FROM auth_user").fetchall() == [("root",)]


def test_the_doctor_reports_a_database_that_has_not_adopted(project, monkeypatch):
    # What the description tells the team to run on the release before --finish.
    monkeypatch.setenv("MINI_DB", str(project.parent / "old.sqlite3"))
    doctor = subprocess.run(
        [sys.executable, "-m", "codemods.doctor", str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert doctor.returncode == 1
    assert "[D302]" in doctor.stdout + doctor.stderr


def sqlite_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def tables(db: Path) -> set[str]:
    return {
        name for (name,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
    }


def test_finish_and_rename_the_table_together(project, capsys):
    db = project.parent / "new.sqlite3"
    code, out, err = run(capsys, project, "--finish", "--rename-table", "--report", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["rename"] == {
        "table": "accounts_user",
        "migration": "accounts.0002_rename_user_table",
        "files_created": ["accounts/migrations/0002_rename_user_table.py"],
    }
    assert git(project, "log", "--format=%s", "swap-user-model..finish-user-swap").splitlines() == [
        "Rename auth_user to accounts_user: accounts.User no longer sets db_table",
        "Remove the adoption step of accounts: every database has adopted auth_user",
    ]
    assert sorted(git(project, "show", "--name-only", "--format=", "HEAD").split()) == [
        "accounts/migrations/0002_rename_user_table.py",
        "accounts/models.py",
    ]
    assert "db_table" not in (project / "accounts/models.py").read_text()
    migration = (project / "accounts/migrations/0002_rename_user_table.py").read_text()
    assert "migrations.AlterModelTable(" in migration and "table=None" in migration
    assert git(project, "status", "--porcelain") == ""
    # Deployed: the three tables renamed, other tables' foreign keys follow, the rows are there.
    manage(project, "migrate", db=db)
    found = tables(db)
    assert {"accounts_user", "accounts_user_groups", "accounts_user_user_permissions"} <= found
    assert not {t for t in found if t.startswith("auth_user")}
    for table in ("blog_post", "django_admin_log", "accounts_user_groups"):
        targets = {row[2] for row in sqlite_rows(db, "PRAGMA foreign_key_list(%s)" % table)}
        assert "accounts_user" in targets and "auth_user" not in targets, (table, targets)
    assert sqlite_rows(db, "SELECT username FROM accounts_user") == [("root",)]
    manage(
        project,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('new', password='pw')",
        db=db,
    )
    # Reversible: the previous migration renames the tables back.
    manage(project, "migrate", "accounts", "0001_initial", db=db)
    assert {"auth_user", "auth_user_groups", "auth_user_user_permissions"} <= tables(db)
    assert sqlite_rows(db, "SELECT username FROM auth_user ORDER BY id") == [("root",), ("new",)]
    manage(project, "migrate", db=db)
    # A second run: nothing to do.
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish", "--rename-table")
    assert code == 0 and err.strip().endswith("already finished and renamed; nothing to do"), err
    assert tree_digest(project) == before


def test_rename_after_an_earlier_finish(project, capsys):
    code, _, err = run(capsys, project, "--finish")
    assert code == 0, err
    code, _, err = run(
        capsys, project, "--finish", "--rename-table", "--branch", "rename-user-table"
    )
    assert code == 0, err
    assert git(
        project, "log", "--format=%s", "finish-user-swap..rename-user-table"
    ).splitlines() == ["Rename auth_user to accounts_user: accounts.User no longer sets db_table"]
    text = Path(re.search(r"Pull-request description: (\S+)", err).group(1)).read_text()
    assert (
        "## Rename of the table" in text
        and "`python manage.py migrate accounts 0001_initial`" in text
    )
    assert "keep their `auth_user` prefix" in text


def test_rename_reports_raw_sql_and_views_before_writing(project, capsys):
    (project / "blog" / "reports.py").write_text(
        '"""Counts from auth_user, in SQL."""\n\nfrom django.db import connection\n\n\ndef users():\n'
        '    with connection.cursor() as cursor:\n        cursor.execute("SELECT COUNT(*) FROM auth_user")\n'
        "        return cursor.fetchone()[0]\n"
    )
    git(project, "add", "-A")
    git(project, "commit", "-qm", "reports")
    with sqlite3.connect(project.parent / "new.sqlite3") as connection:
        connection.execute("CREATE VIEW staff AS SELECT id FROM auth_user WHERE is_staff")
    before = tree_digest(project)
    code, out, err = run(
        capsys, project, "--finish", "--rename-table", "--dry-run", "--report", "json"
    )
    assert code == 0, err
    notes = [(n["path"], n["line"], n["col"]) for n in json.loads(out)["notes"]]
    assert notes == [("blog/reports.py", 8, 24), ("database 'default'", 1, 1)], notes
    assert "database 'default':1:1: note: view staff names auth_user in its SQL" in err
    assert tree_digest(project) == before


def test_rename_refused_when_the_model_does_not_say_auth_user(project, capsys):
    models = project / "accounts" / "models.py"
    models.write_text(
        models.read_text()
        .replace('db_table = "auth_user"', "db_table = TABLE")
        .replace("class User(", 'TABLE = "auth_user"\n\n\nclass User(')
    )
    git(project, "commit", "-qam", "a constant")
    before = tree_digest(project)
    code, _, err = run(capsys, project, "--finish", "--rename-table")
    assert code == 2
    assert err.splitlines()[-1] == (
        "error: accounts/models.py: the class User does not set Meta.db_table = "
        '"auth_user" as the swap made it; --rename-table removes that line only; '
        "nothing was changed"
    )
    assert tree_digest(project) == before


def test_rename_table_needs_finish(project, capsys):
    code, _, err = run(capsys, project, "--rename-table")
    assert code == 2 and err.splitlines()[-1].startswith("error: --rename-table goes with --finish")


def test_rename_reports_an_installed_package_that_names_auth_user(
    project, capsys, tmp_path, monkeypatch
):
    # A third-party app outside the project, found on the path as an installed package would be.
    site = tmp_path / "site"
    (site / "legacy_reports").mkdir(parents=True)
    (site / "legacy_reports" / "__init__.py").write_text("")
    (site / "legacy_reports" / "queries.py").write_text(
        '"""Reports."""\n\nUSERS = "SELECT id FROM auth_user"\n'
    )
    # Names that are not the table (an attribute, a comment, a docstring): not a note (actstream's tests
    # have `self.auth_user = self.user1`).
    (site / "legacy_reports" / "tests.py").write_text(
        '"""Tests that log in as auth_user."""\n\n\nclass ReportTests:\n'
        "    def setUp(self):\n"
        "        self.auth_user = self.user1  # auth_user logs in\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(site))
    settings = project / "mini" / "settings.py"
    settings.write_text(settings.read_text().replace('"blog",', '"blog",\n    "legacy_reports",'))
    git(project, "commit", "-qam", "a package")
    code, out, err = run(
        capsys, project, "--finish", "--rename-table", "--dry-run", "--report", "json"
    )
    assert code == 0, err
    notes = json.loads(out)["notes"]
    assert [(n["path"], n["line"]) for n in notes] == [
        (str((site / "legacy_reports" / "queries.py").resolve()), 3)
    ]
    assert "installed package legacy_reports names auth_user" in notes[0]["message"]
