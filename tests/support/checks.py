"""Assertions on what tests/support/inside.py reports, shared by the adoption and end-to-end tests."""

from __future__ import annotations


def assert_same_rows(before: dict, after: dict, label: str, old_content_type_id: int) -> None:
    """Every row about users is as it was; only the user content type changed app, keeping its id."""
    for table, rows in before["tables"].items():
        assert after["tables"][table] == rows, "rows of %s changed" % table
    assert after["user_references"] == before["user_references"]
    expected_types = dict(before["content_types"])
    assert expected_types[str(old_content_type_id)] == ["auth", "user"]
    expected_types[str(old_content_type_id)] = [label, "user"]
    assert after["content_types"] == expected_types


def assert_people_can_work(
    verified: dict, seed: dict, label: str, old_content_type_id: int
) -> None:
    """Logins, permissions under the new label, the user admin, one user content type, a live session."""
    assert verified["user_model"] == "%s.User" % label
    assert all(verified["authenticate"].values()), verified["authenticate"]
    assert all(verified["client_login"].values()), verified["client_login"]
    for username in seed["change_user_holders"]:
        assert verified["perms"][username]["%s.change_user" % label], username
    for username in seed["no_change_user"]:
        assert not verified["perms"][username]["%s.change_user" % label], username
    assert verified["admin_change_page"] in (200, None)  # None: the project has no admin
    assert verified["user_content_types"] == [[old_content_type_id, label]]
    assert verified["session_user"] == seed["session_user"]


def adopting_lines(stdout: str) -> list[str]:
    """The lines of `migrate` output that say the adoption ran (or would run)."""
    return [
        line
        for line in stdout.splitlines()
        if "adopt auth_user" in line or "Adopting auth_user" in line
    ]
