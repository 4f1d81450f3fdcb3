"""Issue 12, first slice, end to end on a sample project: swap, migrate, `swap_user --finish`, migrate, on SQLite,
PostgreSQL and MariaDB (one Django series each, every series once). In a copy of the sample (a git repository):

1. the old code migrated and filled (the sample's seed_demo, then tests/support/inside.py seed), a row snapshot
   and a digest of every table;
2. swap_user, plain `manage.py migrate` (the adoption), `swap_user --finish` with the run's interpreter, then
   plain `manage.py migrate` again: Django's own command now, with nothing to apply;
3. every row about users (users and password hashes, groups, permissions and grants, the admin log, every
   foreign-key column to the user) as before the swap, only the adoption's two bookkeeping tables changed;
   people log in and keep their permissions under the new label; makemigrations --check is clean; a database
   built from zero by the finished code has the same schema as the upgraded one.
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
TRANSITION = ("adoption.py", "management/commands/migrate.py", "management/commands/makemigrations.py",
              "management/commands/adopt_user_table.py")


def run_finish(root, sample, python, env) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "codemods.swap_user", str(root), "--finish", "--python", str(python)]
    if sample.tool_settings:
        argv += ["--settings", sample.tool_settings]
    return subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("sample_name, backend, series", [run_param(*run) for run in RUNS])
def test_swap_migrate_finish_migrate(sample_name, backend, series, tmp_path, request):
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
    project = DjangoProject(root, python, sample.settings,
                            env={"PYTHONPATH": str((root / sample.import_root).resolve()), **env})
    tool_env = dict(env_without_test_runner(), **env)

    # 1. The old code, migrated and filled; everything, before.
    project.manage("migrate", "-v", "0")
    project.manage("seed_demo")
    seed = project.inside("seed")
    seed["passwords"] = dict(seed["passwords"], **{user: sample.demo_password for user in sample.demo_users})
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
        owner = project.manage("shell", "-c", "from django.core.management import get_commands; "
                               "print(get_commands()['migrate'])")
        fresh_migrate, fresh_schema = fresh_future.result()

    findings = Findings()

    def transition_code_gone():
        assert "Checked database 'default' (%s): adopted" % backend_vendor(backend) in finish.stderr, finish.stderr
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
    findings.check("rows unchanged since before the swap", same_rows,
                   lambda: changed_rows(before["snapshot"], after["snapshot"]))
    findings.check("people can work", people_can_work, lambda: after["verify"])
    findings.check("makemigrations --check", nothing_pending)
    findings.check("fresh database schema", fresh_schema_matches,
                   lambda: {t: {"fresh": fresh_schema.get(t), "upgraded": after["schema"].get(t)}
                            for t in sorted(set(fresh_schema) | set(after["schema"]))
                            if fresh_schema.get(t) != after["schema"].get(t)})
    snapshot = before["snapshot"]
    print("%s on %s, Django %s: %d users, %d columns pointing at them, %d tables digested, %d schemas compared"
          % (sample.name, backend.name, series, len(snapshot["tables"][snapshot["user_table"]]),
             len(snapshot["user_references"]), len(before["digest"]), len(after["schema"])))
    findings.assert_none()


def backend_vendor(backend) -> str:
    return {"sqlite": "sqlite", "postgres": "postgresql", "mariadb": "mysql"}[backend.name]
