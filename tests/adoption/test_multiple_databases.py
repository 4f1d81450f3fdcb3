"""Every database alias comes over with `migrate --database ALIAS`: one that holds everything is adopted
like default; one where the routers keep the user model out only gets the migration recorded."""

from __future__ import annotations

import json

from tests.support.checks import assert_same_rows
from tests.support.databases import SQLITE


def test_each_alias_is_adopted_by_its_own_migrate(old_project):
    project = old_project(SQLITE, aliases=("default", "other", "archive"))
    p = project.project
    seed_other = json.loads(open(project.seed_file("other")).read())
    before_other = p.inside("snapshot", database="other")
    project.swap()

    p.manage("migrate")
    other = p.manage("migrate", "--database", "other")
    dry = p.manage("adopt_user_table", "--database", "archive", "--dry-run")
    assert "-- Would adopt auth_user on database 'archive':" in dry.stdout
    archive = p.manage("migrate", "--database", "archive")

    assert "Adopting auth_user for accounts.User on database 'other':" in other.stdout
    assert_same_rows(
        before_other,
        p.inside("snapshot", database="other"),
        "accounts",
        seed_other["user_content_type_id"],
    )
    assert "Record accounts.0001_initial as applied" in archive.stdout
    assert "Rename content type" not in archive.stdout  # no content types live there
    recorded = project.backend.query(
        project.db_names["archive"],
        project.root,
        "SELECT name FROM django_migrations WHERE app = 'accounts'",
    )
    assert recorded == [("0001_initial",)]
    for alias in ("other", "archive"):
        assert "Adopting" not in p.manage("migrate", "--database", alias).stdout
