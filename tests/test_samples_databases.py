"""Issues 3 and 12, end to end on the sample projects and every database: an existing database of each sample,
full of data, goes through the tool and a plain `manage.py migrate` without a row changing, people keep working,
a second `migrate` does nothing, and a database built from zero by the new code has the same schema; then
`--finish` and `--rename-table` on the same database keep every row and the schema a fresh database gets.

Nine runs: each sample once on each database, the Django series rotated so that every (database, series) pair
appears exactly once (RUNS). Each run, in a copy of the sample under tmp (a git repository, as the tool expects):

1. with the run's Django venv, `manage.py migrate` on a new database (the OLD code), the sample's own
   `seed_demo` (its rows pointing at users), then tests/support/inside.py `seed` (users with known passwords,
   groups, user and group grants with auth.change_user among them, admin log entries, a session);
2. a row snapshot (users with password hashes, both user M2M tables, groups, permissions and grants, admin
   log, content types, every foreign-key column to auth_user) and a digest of every table;
3. `python -m codemods.swap_user ROOT --python VENV_PYTHON` run as a user would, from the interpreter running
   pytest, with the same DB_* environment (its makemigrations runs against the old database);
4. plain `manage.py migrate`; then the same snapshot and digests; a second plain `migrate`, which must adopt
   nothing and change no row; then what people notice (logins, permissions under the new label, the admin
   change page of a user for a staff user, one user content type with its old id, the old session);
5. `makemigrations --check --dry-run` against the upgraded database;
6. `migrate` on a new, empty database with the same code, built while steps 4 and 5 run, and the schema of
   the user table, its M2M tables and every table pointing at it compared with the upgraded database's;
7. issue 12's follow-ups on the same database: `swap_user --finish` (the transition code goes, the rest stays,
   the databases it reaches are checked), then plain `migrate`, Django's own command now, with nothing to apply:
   no row of any table changes, the schema is still the fresh one, people work, makemigrations is clean;
8. a view and a trigger whose SQL names auth_user are reported by `--finish --rename-table --dry-run`
   (introspection, on each backend), then dropped; `--finish --rename-table` on its own branch, then plain
   `migrate`: the same rows under the new table names
   (accounts_user and its two many-to-many tables), every foreign key to the user pointing at accounts_user
   (introspection), people still log in, a new user gets the next id (the id sequence followed); a database
   built from zero by the final migrations has the same schema; `migrate accounts 0001_initial` renames the
   tables back, and forward again.

SQLite runs everywhere; PostgreSQL and MariaDB runs skip, with the reason, when their servers do not answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.projects import copy_project
from tests.support.checks import adopting_lines, assert_people_can_work, assert_same_rows
from tests.support.databases import (
    MARIADB,
    POSTGRES,
    SQLITE,
    Backend,
    database_environment,
    env_without_test_runner,
    new_name,
)
from tests.support.project import DjangoProject
from tests.support.venvs import DJANGO_SERIES, django_python, django_version

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_repos"
LABEL = "accounts"


@dataclass(frozen=True)
class Sample:
    name: str
    settings: str  # DJANGO_SETTINGS_MODULE of every process the test starts
    tool_settings: str | None  # --settings for the tool (None: manage.py's default)
    import_root: str  # where the project's packages are, relative to its root
    demo_password: str  # seed_demo's password for everyone it creates
    demo_users: tuple[str, ...]  # some of them, to log in after the swap


SAMPLE_PROJECTS = {
    s.name: s
    for s in (
        Sample(
            "bookclub", "bookclub.settings", None, ".", "bookclub-demo-pass", ("ada", "librarian")
        ),
        Sample(
            "helpdesk",
            "helpdesk.settings.test",
            "helpdesk.settings.test",
            ".",
            "helpdesk-demo-pass",
            ("alice", "sam"),  # sam is a multi-table Staff child of the user
        ),
        Sample("newsroom", "newsroom.settings", None, "src", "newsroom-demo-pass", ("ida",)),
    )
}

# (sample, database, Django series): each sample on each database once, each (database, series) pair once.
RUNS = [
    ("bookclub", SQLITE, "4.2"),
    ("bookclub", POSTGRES, "5.2"),
    ("bookclub", MARIADB, "6.1"),
    ("helpdesk", SQLITE, "5.2"),
    ("helpdesk", POSTGRES, "6.1"),
    ("helpdesk", MARIADB, "4.2"),
    ("newsroom", SQLITE, "6.1"),
    ("newsroom", POSTGRES, "4.2"),
    ("newsroom", MARIADB, "5.2"),
]

# Tables whose rows the adoption changes on purpose; every other table must keep every row.
ADOPTION_TABLES = {"django_migrations", "django_content_type"}


def run_param(sample: str, backend: Backend, series: str):
    marks = [pytest.mark.slow]
    if backend is not SQLITE:
        marks.append(getattr(pytest.mark, backend.name))
    return pytest.param(
        sample, backend, series, id="%s-%s-django%s" % (sample, backend.name, series), marks=marks
    )


def copy_sample(name: str, parent: Path) -> Path:
    return copy_project(SAMPLES / name, parent / name)


def run_tool(
    root: Path, sample: Sample, python: Path, env: dict[str, str]
) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "codemods.swap_user", str(root)]
    if sample.tool_settings:
        argv += ["--settings", sample.tool_settings]
    argv += ["--python", str(python)]
    return subprocess.run(
        argv,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def recorded_migrations(backend: Backend, db: str, folder: Path) -> set[tuple[str, str]]:
    return {
        tuple(row) for row in backend.query(db, folder, "SELECT app, name FROM django_migrations")
    }


class Findings:
    """Checks that do not stop the run: every one is made, and the test fails with all that failed."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, what: str, function, context=None) -> None:
        """Run `function`; on an AssertionError keep its message and `context()` (what was compared)."""
        try:
            function()
        except AssertionError as error:
            text = "%s: %s" % (what, error)
            if context is not None:
                text += "\n" + json.dumps(context(), indent=1, sort_keys=True, default=str)[:6000]
            self.failures.append(text)

    def assert_none(self) -> None:
        if self.failures:
            pytest.fail("\n\n".join(self.failures), pytrace=False)


def changed_rows(before: dict, after: dict) -> dict:
    """{table: keys of rows added, removed or changed} between two inside.py snapshots."""
    out = {}
    for table, rows in before["tables"].items():
        new = after["tables"].get(table, {})
        keys = sorted(k for k in set(rows) | set(new) if rows.get(k) != new.get(k))
        if keys:
            out[table] = keys[:20]
    for column, values in before["user_references"].items():
        new = after["user_references"].get(column, {})
        keys = sorted(k for k in set(values) | set(new) if values.get(k) != new.get(k))
        if keys:
            out[column] = keys[:20]
    return out


def test_the_runs_cover_every_database_and_series():
    """Each sample on each database once; each (database, Django series) pair once."""
    assert sorted((s, b.name) for s, b, _ in RUNS) == sorted(
        (s, b.name) for s in SAMPLE_PROJECTS for b in (SQLITE, POSTGRES, MARIADB)
    )
    assert sorted((b.name, v) for _, b, v in RUNS) == sorted(
        (b.name, v) for b in (SQLITE, POSTGRES, MARIADB) for v in DJANGO_SERIES
    )


@pytest.mark.parametrize("sample_name, backend, series", [run_param(*run) for run in RUNS])
def test_sample_upgrades_in_place(sample_name, backend, series, tmp_path, request):
    backend.require()
    sample = SAMPLE_PROJECTS[sample_name]
    python = django_python(series)
    version = django_version(python)
    timings: dict[str, float] = {}
    started = time.monotonic()

    def lap(step: str) -> None:
        nonlocal started
        now = time.monotonic()
        timings[step] = round(now - started, 1)
        started = now

    folder = tmp_path  # SQLite files and the seed file live here, outside the git work tree
    root = copy_sample(sample.name, tmp_path / "repo")
    old_db, fresh_db = new_name(sample.name), new_name(sample.name + "_fresh")
    request.addfinalizer(lambda: [backend.drop(db, folder) for db in (old_db, fresh_db)])
    backend.create(old_db, folder)
    old_env = database_environment(backend, old_db, folder)
    fresh_env = database_environment(backend, fresh_db, folder)
    import_path = {"PYTHONPATH": str((root / sample.import_root).resolve())}
    project = DjangoProject(root, python, sample.settings, env={**import_path, **old_env})

    # 1. The old code, migrated and filled.
    project.manage("migrate", "-v", "0")
    project.manage("seed_demo")
    seed = project.inside("seed")
    assert seed["user_content_type_id"], seed
    verify_info = dict(seed)
    verify_info["passwords"] = dict(
        seed["passwords"], **{user: sample.demo_password for user in sample.demo_users}
    )
    seed_file = folder / "seed.json"
    seed_file.write_text(json.dumps(verify_info))
    old_type = seed["user_content_type_id"]
    lap("old migrate and seed")

    # 2. Everything, before.
    before = project.inside("snapshot,digest")
    migrations_before = recorded_migrations(backend, old_db, folder)
    assert ("auth", "0012_alter_user_first_name_max_length") in migrations_before
    lap("snapshot")

    # 3. The tool, as a user runs it.
    tool_env = dict(env_without_test_runner(), **old_env)
    tool = run_tool(root, sample, python, tool_env)
    assert tool.returncode == 0, "swap_user exited %d\n%s\n%s" % (
        tool.returncode,
        tool.stdout[-4000:],
        tool.stderr[-8000:],
    )
    initial = sorted(root.rglob("%s/migrations/0001_initial.py" % LABEL))
    assert len(initial) == 1, tool.stderr
    assert ("Generated by Django %s" % version) in initial[0].read_text(), (
        "the migration was not generated by the run's Django %s" % version
    )
    lap("swap_user")

    # 6 (in the background). A database built from zero by the same code.
    def build_fresh():
        backend.create(fresh_db, folder)
        result = project.manage("migrate", env=fresh_env)
        return result, project.inside("schema", env=fresh_env)

    with ThreadPoolExecutor(max_workers=1) as pool:
        fresh_future = pool.submit(build_fresh)

        # 4. Plain migrate on the old database, then everything again; a second migrate changes nothing
        # (taken before verify, which logs people in).
        migrate = project.manage("migrate")
        after = project.inside("snapshot,digest")
        migrations_after = recorded_migrations(backend, old_db, folder)
        again = project.manage("migrate")
        again_state = project.inside("digest,verify,schema", "--seed", str(seed_file))
        after.update(verify=again_state["verify"], schema=again_state["schema"])
        lap("migrate and checks")

        # 5. Nothing left for makemigrations.
        pending = project.manage("makemigrations", "--check", "--dry-run", check=False)
        lap("makemigrations --check")

        fresh_migrate, fresh_schema = fresh_future.result()
    lap("fresh database (waited)")

    findings = Findings()

    def adoption_ran():
        lines = adopting_lines(migrate.stdout)
        assert lines, migrate.stdout
        assert "Record %s.0001_initial as applied" % LABEL in migrate.stdout, migrate.stdout
        assert (
            "Rename content type auth.user (id %s) to %s.user" % (old_type, LABEL) in migrate.stdout
        ), migrate.stdout

    def second_migrate_does_nothing():
        assert not adopting_lines(again.stdout), again.stdout
        changed = {t for t in after["digest"] if again_state["digest"].get(t) != after["digest"][t]}
        assert again_state["digest"] == after["digest"], "rows changed in %s" % sorted(changed)

    def history():
        assert migrations_after - migrations_before == {(LABEL, "0001_initial")}
        assert migrations_before <= migrations_after

    def same_rows():
        assert_same_rows(before["snapshot"], after["snapshot"], LABEL, old_type)
        # The sample's own rows too, and everything else: only the adoption's two tables changed.
        assert set(after["digest"]) == set(before["digest"])
        changed = {t for t in before["digest"] if before["digest"][t] != after["digest"][t]}
        assert changed <= ADOPTION_TABLES, "rows changed in %s" % sorted(changed - ADOPTION_TABLES)

    def user_references_are_there():
        # The sample's own foreign keys to the user are among those compared, with rows in them.
        refs = before["snapshot"]["user_references"]
        own = {c for c in refs if not c.startswith(("auth_", "django_"))}
        assert own, sorted(refs)
        assert any(values for column, values in refs.items() if column in own), refs

    def people_can_work():
        verified = after["verify"]
        assert_people_can_work(verified, verify_info, LABEL, old_type)
        assert verified["admin_change_page"] == 200, verified["admin_change_page"]
        for user in sample.demo_users:
            assert verified["authenticate"][user] and verified["client_login"][user], user

    def nothing_pending():
        assert pending.returncode == 0, str(pending)
        assert "No changes detected" in pending.stdout, str(pending)

    def fresh_schema_matches():
        assert not adopting_lines(fresh_migrate.stdout), fresh_migrate.stdout
        assert "Applying %s.0001_initial" % LABEL in fresh_migrate.stdout, fresh_migrate.stdout
        upgraded = after["schema"]
        assert sorted(fresh_schema) == sorted(upgraded)
        for table in upgraded:
            assert fresh_schema[table] == upgraded[table], "schema of %s differs" % table

    findings.check("plain migrate adopted the database", adoption_ran)
    findings.check("a second migrate does nothing", second_migrate_does_nothing)
    findings.check(
        "migration history",
        history,
        lambda: {
            "added": migrations_after - migrations_before,
            "lost": migrations_before - migrations_after,
        },
    )
    findings.check(
        "rows unchanged",
        same_rows,
        lambda: {
            "changed rows": changed_rows(before["snapshot"], after["snapshot"]),
            "content types before": before["snapshot"]["content_types"],
            "content types after": after["snapshot"]["content_types"],
        },
    )
    findings.check("sample rows pointing at users", user_references_are_there)
    findings.check("people can work", people_can_work, lambda: after["verify"])
    findings.check("makemigrations --check", nothing_pending)
    findings.check(
        "fresh database schema",
        fresh_schema_matches,
        lambda: {
            table: {"fresh": fresh_schema.get(table), "upgraded": after["schema"].get(table)}
            for table in sorted(set(fresh_schema) | set(after["schema"]))
            if fresh_schema.get(table) != after["schema"].get(table)
        },
    )
    snapshot = before["snapshot"]
    print(
        "%s on %s, Django %s: %d users, %d columns pointing at them (%d of the sample's), %d tables "
        "digested, schema of %d tables compared; seconds: %s"
        % (
            sample.name,
            backend.name,
            version,
            len(snapshot["tables"][snapshot["user_table"]]),
            len(snapshot["user_references"]),
            len([c for c in snapshot["user_references"] if not c.startswith(("auth_", "django_"))]),
            len(before["digest"]),
            len(after["schema"]),
            timings,
        )
    )
    findings.assert_none()

    # 7 and 8. The follow-ups.
    follow_ups = FollowUps(sample, backend, project, folder, python, old_db, tool_env, seed_file)
    follow_ups.finish(verify_info, old_type, fresh_schema)
    follow_ups.rename_table(verify_info, old_type)


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


# A view and a trigger whose SQL names auth_user, on each backend: (create, drop) statements.
AUTH_USER_OBJECTS = {
    "sqlite": (
        [
            "CREATE VIEW staff_names AS SELECT username FROM auth_user WHERE is_staff",
            "CREATE TRIGGER user_touched AFTER UPDATE ON auth_user BEGIN SELECT 1; END",
        ],
        ["DROP VIEW staff_names", "DROP TRIGGER user_touched"],
    ),
    "postgres": (
        [
            "CREATE VIEW staff_names AS SELECT username FROM auth_user WHERE is_staff",
            "CREATE FUNCTION count_users() RETURNS trigger AS $$ BEGIN PERFORM count(*) FROM auth_user; "
            "RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER user_touched AFTER UPDATE ON auth_user FOR EACH ROW "
            "EXECUTE PROCEDURE count_users()",
        ],
        [
            "DROP VIEW staff_names",
            "DROP TRIGGER user_touched ON auth_user",
            "DROP FUNCTION count_users()",
        ],
    ),
    "mariadb": (
        [
            "CREATE VIEW staff_names AS SELECT username FROM auth_user WHERE is_staff",
            "CREATE TRIGGER user_touched AFTER UPDATE ON auth_user FOR EACH ROW "
            "SET @users = (SELECT COUNT(*) FROM auth_user)",
        ],
        ["DROP VIEW staff_names", "DROP TRIGGER user_touched"],
    ),
}


def renamed(key: str) -> str:
    """A table name, or "table.column", as it is after the rename."""
    table, dot, column = key.partition(".")
    return RENAMED.get(table, table) + dot + column


def backend_vendor(backend: Backend) -> str:
    return {"sqlite": "sqlite", "postgres": "postgresql", "mariadb": "mysql"}[backend.name]


@dataclass
class FollowUps:
    """Steps 7 and 8 on a database the swap brought over (step 4): --finish, then --rename-table."""

    sample: Sample
    backend: Backend
    project: DjangoProject
    folder: Path
    python: Path
    db: str
    env: dict[str, str]
    seed_file: Path

    def tool(self, *extra: str) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "codemods.swap_user", str(self.project.root), "--finish"]
        argv += ["--python", str(self.python), *extra]
        if self.sample.tool_settings:
            argv += ["--settings", self.sample.tool_settings]
        return subprocess.run(
            argv,
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )

    def finish(self, seed: dict, old_type: int, fresh_schema: dict) -> None:
        project = self.project
        before = project.inside("snapshot,digest")  # after step 4's logins, which set last_login
        finish = self.tool()
        assert finish.returncode == 0, finish.stderr[-6000:]
        app = next(project.root.rglob("%s/models.py" % LABEL)).parent
        migrate = project.manage("migrate")
        # verify logs people in: it comes last.
        after = project.inside(
            "snapshot,digest,schema,commands,verify", "--seed", str(self.seed_file)
        )
        verified = after["verify"]
        pending = project.manage("makemigrations", "--check", "--dry-run", check=False)
        findings = Findings()

        def transition_code_gone():
            checked = "Checked database 'default' (%s): adopted" % backend_vendor(self.backend)
            assert checked in finish.stderr, finish.stderr
            for rel in TRANSITION:
                assert not (app / rel).exists(), rel
            for rel in ("models.py", "admin.py", "apps.py", "migrations/0001_initial.py"):
                assert (app / rel).exists(), rel
            assert after["commands"] == {"migrate": "django.core", "makemigrations": "django.core"}

        def plain_migrate_has_nothing_to_do():
            assert "No migrations to apply." in migrate.stdout, migrate.stdout
            assert not adopting_lines(migrate.stdout), migrate.stdout

        def no_row_changes():
            assert after["snapshot"] == before["snapshot"]
            changed = {t for t in before["digest"] if before["digest"][t] != after["digest"].get(t)}
            assert after["digest"] == before["digest"], "rows changed in %s" % sorted(changed)

        def people_can_work():
            assert_people_can_work(verified, seed, LABEL, old_type)
            assert verified["admin_change_page"] == 200

        def nothing_pending():
            assert pending.returncode == 0 and "No changes detected" in pending.stdout, str(pending)

        findings.check("the transition code is gone, the rest stays", transition_code_gone)
        findings.check("plain migrate after --finish", plain_migrate_has_nothing_to_do)
        findings.check(
            "--finish and migrate change no row",
            no_row_changes,
            lambda: changed_rows(before["snapshot"], after["snapshot"]),
        )
        findings.check(
            "the schema is still a fresh database's",
            lambda: _same_schema(fresh_schema, after["schema"]),
            lambda: _schema_differences(fresh_schema, after["schema"]),
        )
        findings.check("people can work after --finish", people_can_work, lambda: verified)
        findings.check("makemigrations --check after --finish", nothing_pending)
        findings.assert_none()

    def objects_naming_auth_user_are_reported(self) -> None:
        """A view and a trigger whose SQL names auth_user, found by introspection before anything is written
        (dropped again before the rename)."""
        creates, drops = AUTH_USER_OBJECTS[self.backend.name]
        self.backend.execute(self.db, self.folder, creates)
        try:
            dry = self.tool("--rename-table", "--dry-run", "--report", "json")
        finally:
            self.backend.execute(self.db, self.folder, drops)
        assert dry.returncode == 0, dry.stderr[-6000:]
        found = [
            note["message"]
            for note in json.loads(dry.stdout)["notes"]
            if note["path"] == "database 'default'"
        ]
        for kind, name in (("view", "staff_names"), ("trigger", "user_touched")):
            assert any(
                message.startswith("%s %s names auth_user in its SQL" % (kind, name))
                for message in found
            ), found

    def rename_table(self, seed: dict, old_type: int) -> None:
        project, backend, folder = self.project, self.backend, self.folder
        self.objects_naming_auth_user_are_reported()
        finished = project.inside("snapshot,digest,schema")  # after step 7's logins
        rename = self.tool("--rename-table", "--branch", "rename-user-table")
        assert rename.returncode == 0, rename.stderr[-6000:]
        final_db = new_name(self.sample.name + "_final")
        final_env = database_environment(backend, final_db, folder)

        def build_final():
            backend.create(final_db, folder)
            project.manage("migrate", "-v", "0", env=final_env)
            return project.inside("schema", env=final_env)

        try:
            with ThreadPoolExecutor(max_workers=1) as pool:
                final_future = pool.submit(build_final)
                renaming = project.manage("migrate")
                moved = project.inside(
                    "snapshot,digest,verify,schema,new_user", "--seed", str(self.seed_file)
                )
                top_id = max(int(pk) for pk in finished["snapshot"]["tables"]["auth_user"])
                backwards = project.manage("migrate", LABEL, "0001_initial")
                back_count = backend.query(self.db, folder, "SELECT COUNT(*) FROM auth_user")
                forwards = project.manage("migrate")
                final_schema = final_future.result()
        finally:
            backend.drop(final_db, folder)

        def renamed_in_place():
            applied = "Applying %s.0002_rename_user_table... OK" % LABEL
            assert applied in renaming.stdout, renaming.stdout
            assert moved["snapshot"]["user_table"] == "accounts_user"
            for table, rows in finished["snapshot"]["tables"].items():
                assert moved["snapshot"]["tables"][renamed(table)] == rows, "rows of %s" % table
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
                assert {
                    c: [t[0], renamed(t[1]), *t[2:]] for c, t in info["relations"].items()
                } == moved["schema"][renamed(table)]["relations"], table

        def people_still_work():
            assert_people_can_work(moved["verify"], seed, LABEL, old_type)
            assert moved["new_user"] == top_id + 1, moved["new_user"]

        def reversible():
            unapplied = "Unapplying %s.0002_rename_user_table... OK" % LABEL
            assert unapplied in backwards.stdout, backwards.stdout
            assert back_count == [(len(finished["snapshot"]["tables"]["auth_user"]) + 1,)]
            applied = "Applying %s.0002_rename_user_table... OK" % LABEL
            assert applied in forwards.stdout, forwards.stdout

        findings = Findings()
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
        findings.check(
            "people still work after the rename", people_still_work, lambda: moved["verify"]
        )
        findings.check(
            "fresh database from the final migrations",
            lambda: _same_schema(final_schema, moved["schema"]),
            lambda: _schema_differences(final_schema, moved["schema"]),
        )
        findings.check("the rename migrates backwards and forwards", reversible)
        findings.assert_none()
        print(
            "%s on %s: --finish and --rename-table kept %d users, %d columns pointing at them, %d tables"
            % (
                self.sample.name,
                backend.name,
                len(finished["snapshot"]["tables"]["auth_user"]),
                len(finished["snapshot"]["user_references"]),
                len(finished["digest"]),
            )
        )


def _same_schema(fresh: dict, upgraded: dict) -> None:
    assert sorted(fresh) == sorted(upgraded)
    for table in upgraded:
        assert fresh[table] == upgraded[table], "schema of %s differs" % table


def _schema_differences(fresh: dict, upgraded: dict) -> dict:
    return {
        t: {"fresh": fresh.get(t), "upgraded": upgraded.get(t)}
        for t in sorted(set(fresh) | set(upgraded))
        if fresh.get(t) != upgraded.get(t)
    }
