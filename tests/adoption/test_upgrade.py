"""The core promise, on every Django series and database: plain `migrate` brings an existing database over
without losing a row, people keep working, a second run does nothing, and a fresh database built by the
same command has the same schema."""

from __future__ import annotations

import json

import pytest

from tests.support.checks import adopting_lines, assert_people_can_work, assert_same_rows
from tests.support.databases import MARIADB, POSTGRES, SQLITE, backend_param
from tests.support.venvs import DJANGO_SERIES


@pytest.mark.slow
@pytest.mark.parametrize("backend", [backend_param(b) for b in (SQLITE, POSTGRES, MARIADB)])
@pytest.mark.parametrize("series", DJANGO_SERIES)
def test_plain_migrate_adopts_an_existing_database(old_project, backend, series):
    project = old_project(backend, series)
    p = project.project
    seed = json.loads(open(project.seed_file()).read())
    before = p.inside("snapshot")

    project.swap()
    result = p.manage("migrate")

    assert adopting_lines(result.stdout), result.stdout
    assert "Record accounts.0001_initial as applied" in result.stdout
    # verify logs people in (last_login, sessions): the digest is taken after it.
    upgraded = p.inside("snapshot,verify,digest", "--seed", project.seed_file())
    assert_same_rows(before, upgraded["snapshot"], "accounts", seed["user_content_type_id"])
    assert_people_can_work(upgraded["verify"], seed, "accounts", seed["user_content_type_id"])

    # Nothing left for makemigrations (which, like migrate, checks the history: only after adoption).
    p.manage("makemigrations", "--check", "--dry-run")

    # Idempotent: the second run finds nothing to adopt and changes nothing.
    again = p.manage("migrate")
    assert not adopting_lines(again.stdout), again.stdout
    after_again = p.inside("digest,schema")
    assert after_again["digest"] == upgraded["digest"]

    # A fresh database, built by the same command from zero, has the same schema.
    upgraded_schema = after_again["schema"]
    project.with_fresh_database()
    fresh = p.manage("migrate")
    assert not adopting_lines(fresh.stdout)
    assert p.inside("schema") == upgraded_schema
