"""Issue 12 end to end on a sample project: swap, migrate, `swap_user --finish`, migrate, `--finish --rename-table`,
migrate, on SQLite, PostgreSQL and MariaDB (one Django series each, every series once). In a copy of the sample (a
git repository):

1. the old code migrated and filled (the sample's seed_demo, then tests/support/inside.py seed), a row snapshot
   and a digest of every table;
2. swap_user, plain `manage.py migrate` (the adoption), `swap_user --finish` with the run's interpreter, then
   plain `manage.py migrate` again: Django's own command now, with nothing to apply;
3. every row about users (users and password hashes, groups, permissions and grants, the admin log, every
   foreign-key column to the user) as before the swap, only the adoption's two bookkeeping tables changed;
   people log in and keep their permissions under the new label; makemigrations --check is clean; a database
   built from zero by the finished code has the same schema as the upgraded one;
4. `--finish --rename-table` on its own branch, then plain `migrate`: the same rows under the new table names
   (accounts_user and its two many-to-many tables), every foreign key to the user pointing at accounts_user
   (introspection), people still log in, a new user gets the next id; a database built from zero by the final
   migrations has the same schema; `migrate accounts 0001_initial` renames the tables back, and forward again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.checks import adopting_lines, assert_people_can_work, assert_same_rows
from tests.support.databases import MARIADB, POSTGRES, SQLITE, env_without_test_runner, new_name
from tests.support.project import DjangoProject
from tests.support.venvs import django_python
from tests.test_samples_databases import (
    ADOPTION_TABLES,
    LABEL,
    REPO,
    SAMPLE_PROJECTS,
    Findings,
    changed_rows,
    copy_sample,
    database_environment,
    run_param,
    run_tool,
)

RUNS = [("bookclub", SQLITE, "5.2"), ("bookclub", POSTGRES, "6.1"), ("bookclub", MARIADB, "4.2")]
TRANSITION = (
    "adoption.py",
    "management/commands/migrate.py",
    "management/commands/makemigrations.py",
    "management/commands/adopt_user_table.py",
)


RENAMED = {
    "auth_user": "accounts_user",
    "auth_user_groups": "accounts_user_groups",
    "auth_user_user_permissions": "accounts_user_user_permissions",
}


def renamed(key: str) -> str:
    """A table name, or "table.column", as it is after the rename."""
    table, dot, column = key.partition(".")
    return RENAMED.get(table, table) + dot + column


def run_finish(root, sample, python, env, *extra: str) -> subprocess.CompletedProcess:
    argv = [
        sys.executable,
        "-m",
        "codemods.swap_user",
        str(root),
        "--finish",
        "--python",
        str(python),
        *extra,
    ]
    if sample.tool_settings:
        argv += ["--settings", sample.tool_settings]
    return subprocess.run(
        argv,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("sample_name, backend, series", [run_param(*run) for run in RUNS])
def test_swap_finish_rename(sample_name, backend, series, tmp_path, request):
    backend.require()
    sample = SAMPLE_PROJECTS[sample_name]
    python = django_python(series)
    folder = tmp_path
    root = copy_sample(sample.name, tmp_path / "repo")
    db, fresh_db = new_name(sample.name), new_name(sample.name + "_fresh")
    request.addfinalizer(lambda: [backend.drop(name, folder) for name in (db, fresh_db)])
    backend.create(db, folder)
    env = database_environment(backend, db, folder)
    fresh_env = database_environment(backend, fresh_db, folder)
    project = DjangoProject(
        root,
        python,
        sample.settings,
        env={"PYTHONPATH": str((root / sample.import_root).resolve()), **env},
    )
    tool_env = dict(env_without_test_runner(), **env)

    # 1. The old code, migrated and filled; everything, before.
    project.manage("migrate", "-v", "0")
    project.manage("seed_demo")
    seed = project.inside("seed")
    seed["passwords"] = dict(
        seed["passwords"], **{user: sample.demo_password for user in sample.demo_users}
    )
    seed_file = folder / "seed.json"
    seed_file.write_text(json.dumps(seed))
    old_type = seed["user_content_type_id"]
    before = project.inside("snapshot,digest")

    # 2. Swap, migrate (adopts), finish, migrate (Django's own).
    swap = run_tool(root, sample, python, tool_env)
    assert swap.returncode == 0, swap.stderr[-6000:]
    adopting = project.manage("migrate")
    assert adopting_lines(adopting.stdout), adopting.stdout
    finish = run_finish(root, sample, python, tool_env)
    assert finish.returncode == 0, finish.stderr[-6000:]
    app = next(root.rglob("%s/models.py" % LABEL)).parent

    def build_fresh():
        backend.create(fresh_db, folder)
        result = project.manage("migrate", env=fresh_env)
        return result, project.inside("schema", env=fresh_env)

    with ThreadPoolExecutor(max_workers=1) as pool:
        fresh_future = pool.submit(build_fresh)
        migrate = project.manage("migrate")
        after = project.inside("snapshot,digest,verify,schema", "--seed", str(seed_file))
        pending = project.manage("makemigrations", "--check", "--dry-run", check=False)
        owner = project.manage(
            "shell",
            "-c",
            "from django.core.management import get_commands; " "print(get_commands()['migrate'])",
        )
        fresh_migrate, fresh_schema = fresh_future.result()

    findings = Findings()

    def transition_code_gone():
        assert (
            "Checked database 'default' (%s): adopted" % backend_vendor(backend) in finish.stderr
        ), finish.stderr
        for rel in TRANSITION:
            assert not (app / rel).exists(), rel
        for rel in ("models.py", "admin.py", "apps.py", "migrations/0001_initial.py"):
            assert (app / rel).exists(), rel
        assert owner.stdout.strip().splitlines()[-1] == "django.core", owner.stdout

    def plain_migrate_has_nothing_to_do():
        assert "No migrations to apply." in migrate.stdout, migrate.stdout
        assert not adopting_lines(migrate.stdout), migrate.stdout

    def same_rows():
        assert_same_rows(before["snapshot"], after["snapshot"], LABEL, old_type)
        changed = {t for t in before["digest"] if before["digest"][t] != after["digest"].get(t)}
        assert set(after["digest"]) == set(before["digest"])
        assert changed <= ADOPTION_TABLES, "rows changed in %s" % sorted(changed - ADOPTION_TABLES)

    def people_can_work():
        assert_people_can_work(after["verify"], seed, LABEL, old_type)
        assert after["verify"]["admin_change_page"] == 200

    def nothing_pending():
        assert pending.returncode == 0 and "No changes detected" in pending.stdout, str(pending)

    def fresh_schema_matches():
        assert "Applying %s.0001_initial" % LABEL in fresh_migrate.stdout, fresh_migrate.stdout
        assert fresh_schema == after["schema"]

    findings.check("the transition code is gone, the rest stays", transition_code_gone)
    findings.check("plain migrate after --finish", plain_migrate_has_nothing_to_do)
    findings.check(
        "rows unchanged since before the swap",
        same_rows,
        lambda: changed_rows(before["snapshot"], after["snapshot"]),
    )
    findings.check("people can work", people_can_work, lambda: after["verify"])
    findings.check("makemigrations --check", nothing_pending)
    findings.check(
        "fresh database schema",
        fresh_schema_matches,
        lambda: {
            t: {"fresh": fresh_schema.get(t), "upgraded": after["schema"].get(t)}
            for t in sorted(set(fresh_schema) | set(after["schema"]))
            if fresh_schema.get(t) != after["schema"].get(t)
        },
    )

    # 4. The rename, on a branch of its own after the finish, then plain migrate.
    finished = project.inside(
        "snapshot,digest,schema"
    )  # after stage 3's logins, which set last_login
    rename = run_finish(
        root, sample, python, tool_env, "--rename-table", "--branch", "rename-user-table"
    )
    assert rename.returncode == 0, rename.stderr[-6000:]
    with ThreadPoolExecutor(max_workers=1) as pool:
        final_db = new_name(sample.name + "_final")
        request.addfinalizer(lambda: backend.drop(final_db, folder))
        final_env = database_environment(backend, final_db, folder)

        def build_final():
            backend.create(final_db, folder)
            project.manage("migrate", "-v", "0", env=final_env)
            return project.inside("schema", env=final_env)

        final_future = pool.submit(build_final)
        renaming = project.manage("migrate")
        moved = project.inside("snapshot,digest,verify,schema", "--seed", str(seed_file))
        created = project.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "print(get_user_model().objects.create_user('after_rename', password='x').pk)",
        )
        top_id = max(int(pk) for pk in finished["snapshot"]["tables"]["auth_user"])
        backwards = project.manage("migrate", LABEL, "0001_initial")
        back_count = backend.query(db, folder, "SELECT COUNT(*) FROM auth_user")
        forwards = project.manage("migrate")
        final_schema = final_future.result()

    def renamed_in_place():
        assert (
            "Applying %s.0002_rename_user_table... OK" % LABEL in renaming.stdout
        ), renaming.stdout
        assert moved["snapshot"]["user_table"] == "accounts_user"
        for table, rows in finished["snapshot"]["tables"].items():
            assert moved["snapshot"]["tables"][renamed(table)] == rows, "rows of %s changed" % table
        assert moved["snapshot"]["user_references"] == {
            renamed(column): values
            for column, values in finished["snapshot"]["user_references"].items()
        }
        assert moved["snapshot"]["content_types"] == finished["snapshot"]["content_types"]
        changed = {
            t
            for t in finished["digest"]
            if finished["digest"][t] != moved["digest"].get(renamed(t))
        }
        assert changed == {"django_migrations"}, sorted(changed)

    def foreign_keys_follow():
        targets = {
            column: target[1]
            for table in moved["schema"].values()
            for column, target in table["relations"].items()
        }
        assert "auth_user" not in set(targets.values()), targets
        assert set(moved["schema"]) == {renamed(t) for t in finished["schema"]}
        for table, info in finished["schema"].items():
            assert moved["schema"][renamed(table)]["columns"] == info["columns"], table
            assert {c: [t[0], renamed(t[1]), *t[2:]] for c, t in info["relations"].items()} == (
                moved["schema"][renamed(table)]["relations"]
            ), table

    def people_still_work():
        assert_people_can_work(moved["verify"], seed, LABEL, old_type)
        assert int(created.stdout.strip().splitlines()[-1]) == top_id + 1, created.stdout

    def final_schema_matches():
        assert final_schema == moved["schema"]

    def reversible():
        assert (
            "Unapplying %s.0002_rename_user_table... OK" % LABEL in backwards.stdout
        ), backwards.stdout
        assert back_count == [(len(finished["snapshot"]["tables"]["auth_user"]) + 1,)]
        assert (
            "Applying %s.0002_rename_user_table... OK" % LABEL in forwards.stdout
        ), forwards.stdout

    findings.check(
        "the rename kept every row",
        renamed_in_place,
        lambda: changed_rows(
            {
                "tables": {renamed(t): r for t, r in finished["snapshot"]["tables"].items()},
                "user_references": {
                    renamed(c): v for c, v in finished["snapshot"]["user_references"].items()
                },
            },
            moved["snapshot"],
        ),
    )
    findings.check(
        "foreign keys point at the renamed table", foreign_keys_follow, lambda: moved["schema"]
    )
    findings.check("people still work after the rename", people_still_work, lambda: moved["verify"])
    findings.check(
        "fresh database from the final migrations",
        final_schema_matches,
        lambda: {
            t: {"fresh": final_schema.get(t), "upgraded": moved["schema"].get(t)}
            for t in sorted(set(final_schema) | set(moved["schema"]))
            if final_schema.get(t) != moved["schema"].get(t)
        },
    )
    findings.check("the rename migrates backwards and forwards", reversible)

    snapshot = before["snapshot"]
    print(
        "%s on %s, Django %s: %d users, %d columns pointing at them, %d tables digested, %d schemas compared"
        % (
            sample.name,
            backend.name,
            series,
            len(snapshot["tables"][snapshot["user_table"]]),
            len(snapshot["user_references"]),
            len(before["digest"]),
            len(after["schema"]),
        )
    )
    findings.assert_none()


def backend_vendor(backend) -> str:
    return {"sqlite": "sqlite", "postgres": "postgresql", "mariadb": "mysql"}[backend.name]
