"""Test databases come over too: `manage.py test` (fresh, and --keepdb with a test database the old code
kept) and pytest-django (--create-db, and --reuse-db with an old kept database)."""

from __future__ import annotations

import pytest

from .conftest import SERVER_BACKENDS


def kept_database(project):
    return "test_%s" % project.db_names["default"]


def user_content_type_and_record(project):
    db = kept_database(project)
    query = project.backend.query
    content_types = query(
        db, project.root, "SELECT app_label FROM django_content_type WHERE model = 'user'"
    )
    recorded = query(db, project.root, "SELECT name FROM django_migrations WHERE app = 'accounts'")
    return content_types, recorded


@pytest.mark.slow
@pytest.mark.parametrize("backend", SERVER_BACKENDS)
def test_manage_py_test_fresh_and_keepdb(old_project, backend):
    project = old_project(backend)
    p = project.project
    p.manage("test", "library", "--keepdb", "--noinput")  # the old code keeps its test database
    project.swap()

    kept = p.manage("test", "library", "--keepdb", "--noinput", "-v", "2")
    assert "TESTED-USER-MODEL accounts.User" in kept.stdout + kept.stderr
    assert "Adopting auth_user for accounts.User" in kept.stdout + kept.stderr
    assert user_content_type_and_record(project) == ([("accounts",)], [("0001_initial",)])

    fresh = p.manage("test", "library", "--noinput")
    assert "TESTED-USER-MODEL accounts.User" in fresh.stdout + fresh.stderr
    assert "Adopting" not in fresh.stdout + fresh.stderr


@pytest.mark.slow
@pytest.mark.parametrize("backend", SERVER_BACKENDS)
def test_pytest_django_create_db_and_reuse_db(old_project, backend):
    project = old_project(backend)
    p = project.project
    p.pytest("--reuse-db")  # the old code creates a test database and keeps it
    assert user_content_type_and_record(project) == ([("auth",)], [])
    project.swap()

    reused = p.pytest("--reuse-db", "-s")
    assert "TESTED-USER-MODEL accounts.User" in reused.stdout
    assert user_content_type_and_record(project) == ([("accounts",)], [("0001_initial",)])

    created = p.pytest("--create-db", "-s")  # built from zero (and dropped at the end)
    assert "TESTED-USER-MODEL accounts.User" in created.stdout
