"""codemods/swap_user/user_app, the transition code every swapped project gets, tested as a module: installed as
it is in one Django process (label `accounts`, SQLite), the adoption planned, run, dry-run, reversed and
refused, and its three commands called, without generating a project."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# One Django process: each scenario records what it saw under its name; the tests below read them.
SCRIPT = textwrap.dedent("""
    import io, json, os, sys
    from pathlib import Path

    import django
    from django.apps import AppConfig
    from django.conf import settings

    here = Path(sys.argv[1])
    sys.path.insert(0, str(here))
    (here / "user_app_migrations").mkdir()
    (here / "user_app_migrations" / "__init__.py").write_text("")
    (here / "appconfig.py").write_text(
        "from django.apps import AppConfig\\n"
        "class Accounts(AppConfig):\\n"
        "    name = 'codemods.swap_user.user_app'\\n"
        "    label = 'accounts'\\n"
        "    default_auto_field = 'django.db.models.AutoField'\\n"
    )
    settings.configure(
        INSTALLED_APPS=[
            "appconfig.Accounts",
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
        ],
        AUTH_USER_MODEL="accounts.User",
        MIGRATION_MODULES={"accounts": "user_app_migrations"},
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(here / "db.sqlite3")}},
        SECRET_KEY="user-app-modules",
        USE_TZ=True,
    )
    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from codemods.swap_user.user_app import adoption

    seen = {}
    quiet = {"stdout": io.StringIO(), "verbosity": 0}

    def state():
        recorded = MigrationRecorder(connection).migration_qs.filter(
            app="accounts", name="0001_initial"
        ).exists()
        types = sorted(
            (ct.app_label, ct.model, ct.id) for ct in ContentType.objects.filter(model="user")
        )
        return {"recorded": recorded, "user_types": types}

    def old_database():
        # What the previous release left: the user's content type under auth, no record of accounts.
        MigrationRecorder(connection).migration_qs.filter(app="accounts").delete()
        ContentType.objects.filter(app_label="accounts", model="user").update(app_label="auth")
        ContentType.objects.clear_cache()

    call_command("makemigrations", "accounts", **quiet)
    call_command("migrate", **quiet)
    get_user_model().objects.create_user("ada", password="pw")
    seen["fresh"] = {"state": state(), "pending": len(adoption.plan_adoption(connection))}

    old_database()
    before = state()
    summaries = [s.summary for s in adoption.plan_adoption(connection)]
    dry = adoption.adopt(connection, dry_run=True)
    after_dry = state()
    out = io.StringIO()
    try:
        call_command("makemigrations", "accounts", "--check", "--dry-run", stdout=out)
        makemigrations = "ran"
    except CommandError as err:
        makemigrations = str(err)
    call_command("migrate", stdout=out)
    seen["old"] = {
        "before": before,
        "plan": summaries,
        "dry_run_statements": len(dry),
        "after_dry_run": after_dry,
        "makemigrations": makemigrations,
        "after_migrate": state(),
        "migrate_output": out.getvalue(),
        "pending_after": len(adoption.plan_adoption(connection)),
        "user_kept": get_user_model().objects.filter(username="ada").exists(),
    }

    reversed_ = adoption.unadopt(connection)
    ContentType.objects.clear_cache()
    seen["reversed"] = {"statements": len(reversed_), "state": state()}
    adoption.adopt(connection)

    try:
        call_command("migrate", "accounts", "zero", **quiet)
        seen["zero"] = "ran"
    except CommandError as err:
        seen["zero"] = str(err)

    from django.core.management import get_commands, load_command_class

    seen["help"] = load_command_class(get_commands()["adopt_user_table"], "adopt_user_table").help

    old_database()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE auth_user_groups")
    try:
        adoption.adopt(connection)
        seen["refused"] = None
    except adoption.AdoptionRefused as err:
        seen["refused"] = str(err)
    seen["after_refusal"] = state()
    print(json.dumps(seen))
    """)


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    here = tmp_path_factory.mktemp("user_app")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(here)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_fresh_database_needs_no_adoption(seen):
    fresh = seen["fresh"]
    assert fresh["pending"] == 0
    assert fresh["state"]["recorded"] is True
    assert [t[:2] for t in fresh["state"]["user_types"]] == [["accounts", "user"]]


def test_an_old_database_is_adopted_by_plain_migrate_keeping_the_content_type(seen):
    old = seen["old"]
    (auth_type,) = old["before"]["user_types"]
    assert old["before"]["recorded"] is False and auth_type[:2] == ["auth", "user"]
    assert len(old["plan"]) == 2
    assert old["dry_run_statements"] == 2
    assert old["after_dry_run"] == old["before"]
    assert old["after_migrate"]["recorded"] is True
    assert old["after_migrate"]["user_types"] == [["accounts", "user", auth_type[2]]]
    assert "Adopting auth_user for accounts.User" in old["migrate_output"]
    assert old["pending_after"] == 0
    assert old["user_kept"] is True


def test_makemigrations_says_to_migrate_first_on_an_old_database(seen):
    message = seen["old"]["makemigrations"]
    assert "still has to be adopted by the accounts app" in message
    assert "run `manage.py migrate` first" in message


def test_unadopt_restores_the_old_bookkeeping(seen):
    reversed_ = seen["reversed"]
    assert reversed_["statements"] == 2
    assert reversed_["state"]["recorded"] is False
    assert [t[:2] for t in reversed_["state"]["user_types"]] == [["auth", "user"]]


def test_migrate_to_zero_is_refused_with_the_way_back(seen):
    assert "adopt_user_table --reverse" in seen["zero"]


def test_the_operator_command_names_the_label_it_read_at_run_time(seen):
    assert "Record accounts's first migration as applied" in seen["help"]
    assert "matches accounts.User" in seen["help"]


def test_a_missing_table_is_refused_and_nothing_changes(seen):
    assert "auth_user_groups" in seen["refused"] and "nothing was changed" in seen["refused"]
    assert seen["after_refusal"]["recorded"] is False
    assert [t[:2] for t in seen["after_refusal"]["user_types"]] == [["auth", "user"]]
