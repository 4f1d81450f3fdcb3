"""A second user content type made by a plain Django migrate is merged into the old one: grants and admin
log entries move over (no grant doubled), the duplicates go, the old id stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SERVER_BACKENDS

SCENARIOS = str(Path(__file__).resolve().parent / "scenarios.py")


def run_scenario(project, name):
    return json.loads(project.project.run(SCENARIOS, name).stdout)


def as_new_label(permission_strings, label="accounts"):
    """What auth's user permissions are called once the content type is the new app's."""
    out = set()
    for perm in permission_strings:
        app, codename = perm.split(".")
        out.add(
            "%s.%s" % (label, codename) if app == "auth" and codename.endswith("_user") else perm
        )
    return sorted(out)


@pytest.mark.parametrize("backend", SERVER_BACKENDS)
def test_merges_a_duplicate_content_type(old_project, backend):
    project = old_project(backend, swapped=True)
    p = project.project
    staged = run_scenario(project, "duplicate")
    before = run_scenario(project, "grants")
    assert "auth.change_user" in before["users"]["seed_staff"]
    assert "accounts.change_user" in before["users"]["seed_staff"]

    # A failure half-way through the merge leaves everything as it was.
    digest = p.inside("digest")
    failed = p.manage("migrate", check=False, env={"ADOPTION_FAIL_AFTER": "3"})
    assert failed.returncode == 1 and "injected failure after 3 statement(s)" in failed.stderr
    assert p.inside("digest") == digest

    result = p.manage("migrate", "-v", "2")
    assert "Delete duplicate content type (id %d)" % staged["new_content_type"] in result.stdout
    assert (
        "Rename content type auth.user (id %d) to accounts.user" % staged["old_content_type"]
        in result.stdout
    )
    after = run_scenario(project, "grants")

    assert after["users"] == {user: as_new_label(perms) for user, perms in before["users"].items()}
    assert after["groups"] == {
        group: as_new_label(perms) for group, perms in before["groups"].items()
    }
    # seed_staff and seed-user-editors held change_user twice: one row each is gone, nothing else.
    assert after["user_grant_rows"] == before["user_grant_rows"] - 1
    assert after["group_grant_rows"] == before["group_grant_rows"] - 1
    # The old permissions keep their ids; the custom one, only on the new content type, keeps its own.
    for codename in ("add_user", "change_user", "delete_user", "view_user"):
        assert (
            after["permission_ids"]["accounts.%s" % codename]
            == before["permission_ids"]["auth.%s" % codename]
        )
    assert after["permission_ids"]["accounts.export_user"] == staged["export_permission"]
    assert not any(
        perm.startswith("auth.") and perm.endswith("_user") for perm in after["permission_ids"]
    )
    # Admin log entries on the duplicate now point at the old content type.
    assert after["admin_log_by_content_type"] == sorted(
        staged["old_content_type"] if ct == staged["new_content_type"] else ct
        for ct in before["admin_log_by_content_type"]
    )
    rows = project.backend.query(
        project.db_names["default"],
        project.root,
        "SELECT id, app_label FROM django_content_type WHERE model = 'user'",
    )
    assert rows == [(staged["old_content_type"], "accounts")]
