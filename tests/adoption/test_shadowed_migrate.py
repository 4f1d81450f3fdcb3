"""A project whose own app overrides `migrate` keeps its behaviour: the adoption runs first, then the
project's command (with its own options), then Django's."""

from __future__ import annotations

from tests.support.databases import SQLITE


def test_hands_over_to_the_projects_own_migrate(old_project):
    project = old_project(SQLITE, migrate_override=True, swapped=True)
    p = project.project

    result = p.manage("migrate", "--preflight-note", "hello")

    lines = result.stdout.splitlines()
    adopting = lines.index("Adopting auth_user for accounts.User on database 'default':")
    preflight = next(
        i for i, line in enumerate(lines) if line.startswith("library pre-flight: note=hello")
    )
    assert adopting < preflight
    # By the time the project's command runs, the history is already consistent.
    assert "apps=accounts,admin,auth," in lines[preflight]
    assert "Operations to perform:" in result.stdout


def test_help_names_both(old_project):
    project = old_project(SQLITE, migrate_override=True, swapped=True)
    out = project.project.manage("migrate", "--help").stdout
    assert "--preflight-note" in out
    assert "Adopts auth_user for accounts" in out
