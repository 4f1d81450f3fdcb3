"""`manage.py adopt_user_table` (--dry-run, run, --reverse), and migrate's --plan and --check, which promise
to change nothing."""

from __future__ import annotations

import json

import pytest

from tests.support.checks import adopting_lines
from tests.support.databases import SQLITE

from .conftest import ALL_BACKENDS, SERVER_BACKENDS


@pytest.mark.parametrize("backend", ALL_BACKENDS)
def test_failure_half_way_leaves_the_database_as_it_was(old_project, backend):
    project = old_project(backend, swapped=True)
    p = project.project
    digest = p.inside("digest")

    failed = p.manage("migrate", check=False, env={"ADOPTION_FAIL_AFTER": "1"})

    assert failed.returncode == 1
    assert "injected failure after 1 statement(s)" in failed.stderr
    assert p.inside("digest") == digest
    assert adopting_lines(p.manage("migrate").stdout)


@pytest.mark.parametrize("backend", SERVER_BACKENDS)
def test_dry_run_run_and_reverse(old_project, backend):
    project = old_project(backend, swapped=True)
    p = project.project
    old_digest = p.inside("digest")

    dry = p.manage("adopt_user_table", "--dry-run")
    assert "-- Record accounts.0001_initial as applied" in dry.stdout
    assert "INSERT INTO " in dry.stdout and "UPDATE " in dry.stdout
    assert p.inside("digest") == old_digest

    done = p.manage("adopt_user_table")
    assert "Record accounts.0001_initial as applied" in done.stdout
    assert "Rename content type auth.user" in done.stdout
    assert "Nothing to adopt auth_user" in p.manage("adopt_user_table").stdout
    migrated = p.manage("migrate")
    assert not adopting_lines(migrated.stdout)
    seed = json.loads(open(project.seed_file()).read())
    assert p.inside("verify", "--seed", project.seed_file())["perms"]["seed_staff"][
        "accounts.change_user"
    ]

    dry_reverse = p.manage("adopt_user_table", "--reverse", "--dry-run")
    assert "DELETE FROM " in dry_reverse.stdout
    adopted_digest = p.inside("digest")
    assert adopted_digest != old_digest

    reverse = p.manage("adopt_user_table", "--reverse")
    assert "Forget that accounts.0001_initial is applied" in reverse.stdout
    assert "Now deploy the previous release" in reverse.stdout
    # The two bookkeeping tables are back to their old rows exactly; nothing else moved (logins by
    # `verify` above changed last_login and sessions, as they would in production).
    reversed_digest = p.inside("digest")
    for table in ("django_migrations", "django_content_type"):
        assert reversed_digest[table] == old_digest[table]
    assert {
        t: d
        for t, d in reversed_digest.items()
        if t not in ("django_migrations", "django_content_type")
    } == {
        t: d
        for t, d in adopted_digest.items()
        if t not in ("django_migrations", "django_content_type")
    }
    project.swapped = False
    project.write_settings()  # the previous release: auth.User, no new app
    old_code = p.manage("migrate")
    assert "No migrations to apply" in old_code.stdout
    verified = p.inside("verify", "--seed", project.seed_file())
    assert verified["user_model"] == "auth.User"
    assert verified["perms"]["seed_staff"]["auth.change_user"]
    assert verified["user_content_types"] == [[seed["user_content_type_id"], "auth"]]


def test_plan_and_check_change_nothing(old_project):
    project = old_project(SQLITE, swapped=True)
    p = project.project
    digest = p.inside("digest")

    plan = p.manage("migrate", "--plan")
    assert (
        "Would adopt auth_user for accounts.User on database 'default' (rolled back):"
        in plan.stdout
    )
    assert "Planned operations:" in plan.stdout
    check = p.manage("migrate", "--check", check=False)
    assert check.returncode == 1
    assert p.inside("digest") == digest

    p.manage("migrate")
    assert p.manage("migrate", "--check").returncode == 0
