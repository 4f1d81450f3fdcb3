"""The generated app carries everything the databases need and nothing of codemods; a nested app module
with another label works the same way."""

from __future__ import annotations

import ast
import json

from codemods.core.style import ProjectStyle
from codemods.swap_user.options import SwapOptions
from codemods.swap_user.scaffold import render_templates
from tests.support.checks import assert_people_can_work, assert_same_rows
from tests.support.databases import SQLITE

ADOPTION_FILES = [
    "adoption.py",
    "management/__init__.py",
    "management/commands/__init__.py",
    "management/commands/migrate.py",
    "management/commands/adopt_user_table.py",
]


def test_adoption_files_are_rendered_and_standalone():
    files = render_templates(SwapOptions(label="users", app_module="hc.users"))
    for name in ADOPTION_FILES:
        assert name in files
        tree = ast.parse(files[name])
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(module.startswith("codemods") for module in imported), name
        assert "codemods" not in files[name]
    # The transition code reads the app's label at run time: the same text whatever the app is called.
    other = render_templates(SwapOptions(label="members", app_module="proj.members"))
    for name in ADOPTION_FILES:
        assert other[name] == files[name], name
    assert 'label = "users"' in files["apps.py"]
    assert 'label = "members"' in other["apps.py"]


def test_single_quoted_rendering_is_the_same_code():
    # for projects whose formatter wants 'single' quotes: only the quote characters differ
    double = render_templates(SwapOptions(label="users", app_module="hc.users"))
    single = render_templates(
        SwapOptions(label="users", app_module="hc.users", style=ProjectStyle(single_quotes=True))
    )
    assert double.keys() == single.keys()
    changed = 0
    for name, text in double.items():
        if name.endswith(".py") and text.strip():
            assert ast.dump(ast.parse(single[name])) == ast.dump(ast.parse(text)), name
            changed += single[name] != text
    assert changed >= 3
    assert "db_table = 'auth_user'" in single["models.py"]


def test_nested_app_module_with_its_own_label(old_project):
    project = old_project(SQLITE, label="users", app_module="proj.users")
    p = project.project
    seed = json.loads(open(project.seed_file()).read())
    before = p.inside("snapshot")
    project.swap()

    result = p.manage("migrate")

    assert "Adopting auth_user for users.User on database 'default':" in result.stdout
    assert_same_rows(before, p.inside("snapshot"), "users", seed["user_content_type_id"])
    assert_people_can_work(
        p.inside("verify", "--seed", project.seed_file()),
        seed,
        "users",
        seed["user_content_type_id"],
    )
