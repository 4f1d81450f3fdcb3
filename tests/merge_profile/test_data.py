"""The data, end to end on the mini project (SQLite; the samples run it on PostgreSQL and MariaDB): after
`migrate` every profile's values are on its user (and its many-to-many rows), users without a profile have the
defaults, reversing the migration gives the profiles back as they were, code that goes through the profile still
works, and a user without a profile changed after the merge gets one back on reversal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codemods.merge_profile.main import main
from tests.support.databases import SQLITE, new_name
from tests.support.project import DjangoProject

from .projects import build_template, manage, swapped_project

INSIDE = Path(__file__).with_name("inside.py")
SPEC = {
    "profile_table": "profiles_profile",
    "link": "user_id",
    "profile_pk": "id",
    "columns": [
        ["bio", "bio"],
        ["theme", "theme"],
        ["reports", "reports"],
        ["score", "score"],
        ["team_id", "team_id"],
    ],
    "user_table": "auth_user",
    "user_pk": "id",
    "profile_m2m": [["profiles_profile_books", "profile_id", "book_id"]],
    "user_m2m": [["auth_user_books", "user_id", "book_id"]],
}
DEFAULTS = ["", "light", 1, None, None]  # what a user without a profile gets


def database_env(backend, root: Path) -> dict[str, str]:
    name = new_name("merge")
    backend.create(name, root.parent)
    entry = backend.settings(name, root.parent)
    return {
        "DB_ENGINE": entry["ENGINE"].rpartition(".")[2],
        "MINI_DB": entry["NAME"],
        "DB_HOST": entry.get("HOST", ""),
        "DB_PORT": entry.get("PORT", ""),
        "DB_USER": entry.get("USER", ""),
        "DB_PASSWORD": entry.get("PASSWORD", ""),
    }, name


def inside(root: Path, db_env: dict, command: str, arg: dict | None = None):
    project = DjangoProject(root, settings_module="mini.settings", env=db_env)
    return json.loads(
        project.run(str(INSIDE), command, json.dumps(arg or {}), timeout=300)
        .stdout.strip()
        .splitlines()[-1]
    )


def migrate(root: Path, db_env: dict, *args: str):
    return manage(root, "migrate", *args, env=db_env).stdout


@pytest.mark.slow
def test_every_value_moves_and_comes_back(tmp_path, tmp_path_factory, capsys):
    backend = SQLITE
    root = swapped_project(tmp_path, build_template(tmp_path_factory.getbasetemp()))
    db_env, name = database_env(backend, root)
    try:
        migrate(root, db_env)
        seeded = inside(root, db_env, "seed")
        before = inside(root, db_env, "snapshot", SPEC)
        assert len(before["profiles"]) == seeded["profiles"] < seeded["users"]

        code = main([str(root), "-q"])
        assert code == 0, capsys.readouterr().err
        migrate(root, db_env)
        after = inside(root, db_env, "snapshot", SPEC)
        for user_id, values in before["profiles"].items():
            assert after["users"][user_id] == values, user_id
        without = set(after["users"]) - set(before["profiles"])
        assert without and all(after["users"][u] == DEFAULTS for u in without)
        assert after["profiles"] == before["profiles"]  # the profile's columns stay as they were

        migrate(root, db_env, "profiles", "0001_initial")
        back = inside(root, db_env, "snapshot", SPEC)
        assert back["profiles"] == before["profiles"]
        assert (
            back["profile_count"] == before["profile_count"]
        )  # no profile made for users that had none

        migrate(root, db_env)
        without = sorted(without, key=int)
        changed, untouched = without[0], without[1]
        layer = inside(root, db_env, "layer")
        assert layer == {
            "via_get": True,
            "via_accessor": True,
            "display": True,
            "form": [200, "from the form"],
            "saved": "written through the profile",
            "saved_update_fields": "dark",
            "new_user_profile": True,
            "create_kwargs": "made",
            "queries": {
                "q_apart": True,
                "exclude": True,
                "update": [True, [-1]],
                "update_others": True,
                "values": True,
                "values_list": True,
                "order_by": True,
                "f_annotate": True,
                "aggregate": True,
                "grouped": True,
                "one_query": [1, True],
            },
            "serializer": {
                "read": True,
                "invalid_choice": True,
                "written": ["from the API", True, True],
                "all_fields": ["bio", "books", "id", "reports", "score", "team", "theme", "user"],
            },
            "old_accessor": True,
            "historical": True,
            "fixture": ["from a fixture", True, True],
        }

        # A user without a profile changed after the merge gets one back on reversal; an unchanged one does not.
        manage(
            root,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; get_user_model().objects"
            ".filter(pk=%s).update(bio='written after the merge')" % changed,
            db=Path(db_env["MINI_DB"]),
        )
        migrate(root, db_env, "profiles", "0001_initial")
        back = inside(root, db_env, "snapshot", SPEC)
        assert back["profiles"][changed] == ["written after the merge", "light", 1, None, None]
        assert untouched not in back["profiles"]
    finally:
        backend.drop(name, root.parent)
