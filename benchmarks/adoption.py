"""Time the adoption of auth_user against a dumpdata/loaddata copy, on a big pre-swap database.

For each backend: a minimal project on auth.User (the one tests/adoption builds) gets a database with
--users users and as many rows in a table with a foreign key to them (library_book), filled with bulk SQL.
Then, with the swapped code (the new app rendered from the tool's templates, makemigrations once):

  (a) adoption: plain `manage.py migrate` on that database (the whole command, Django start-up included);
  (b) copy: what people do without the tool. `dumpdata auth.user library.book` with the old code, the
      model name rewritten to the new app in the dump, `migrate` of an empty database with the new code,
      `loaddata`. On --copy-users users (default: --users): loaddata saves one object at a time, so on big
      counts it takes long; a smaller count is printed as such.

    python benchmarks/adoption.py [--users 1000000] [--copy-users N] [--backends sqlite,postgres,mariadb]
                                  [--series 5.2]

Needs the servers the tests use (tests/support/databases.py); a backend whose server does not answer is
skipped with the reason. Venvs come from tests/support/venvs.py (.cache/venvs).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adoption.oldproject import OldProject  # noqa: E402
from tests.support.databases import BACKENDS, new_name, unavailable  # noqa: E402

# Columns of auth_user but id, in the order of the SELECTs below.
USER_COLUMNS = (
    "password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
    "date_joined"
)
PASSWORD = "md5$benchsalt$0123456789abcdef0123456789abcdef"


def fill_sql(backend: str, count: int) -> list[str]:
    """Bulk SQL that adds `count` users and one book per user (author = that user)."""
    if backend == "postgres":
        return [
            "INSERT INTO auth_user (%s) SELECT '%s' || i, NULL, false, 'bench' || lpad(i::text, 8, '0'), "
            "'First', 'Last', 'bench' || i || '@example.com', false, true, now() "
            "FROM generate_series(1, %d) AS i" % (USER_COLUMNS, PASSWORD, count),
            "INSERT INTO library_book (title, author_id, editor_id) SELECT 'Book ' || id, id, NULL FROM auth_user",
        ]
    if backend == "mariadb":
        return [
            "INSERT INTO auth_user (%s) SELECT CONCAT('%s', seq), NULL, 0, CONCAT('bench', LPAD(seq, 8, '0')), "
            "'First', 'Last', CONCAT('bench', seq, '@example.com'), 0, 1, NOW(6) "
            "FROM seq_1_to_%d" % (USER_COLUMNS, PASSWORD, count),
            "INSERT INTO library_book (title, author_id, editor_id) SELECT CONCAT('Book ', id), id, NULL "
            "FROM auth_user",
        ]
    return [
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
        "INSERT INTO auth_user (%s) SELECT '%s' || i, NULL, 0, 'bench' || substr('0000000' || i, -8), "
        "'First', 'Last', 'bench' || i || '@example.com', 0, 1, datetime('now') FROM n"
        % (count, USER_COLUMNS, PASSWORD),
        "INSERT INTO library_book (title, author_id, editor_id) SELECT 'Book ' || id, id, NULL FROM auth_user",
    ]


def timed(what, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    print("    %-52s %8.2f s" % (what, seconds), flush=True)
    return seconds, result


def use_database(project: OldProject, name: str) -> None:
    project.db_names["default"] = name
    project.write_databases()


def old_database(project: OldProject, count: int) -> str:
    """A new database migrated with the old code and filled with `count` users and books."""
    name = new_name("bench")
    project.backend.create(name, project.root)
    use_database(project, name)
    project.project.manage("migrate", "-v", "0")
    timed(
        "fill %d users + %d books (bulk SQL)" % (count, count),
        project.backend.execute,
        name,
        project.root,
        fill_sql(project.backend.name, count),
    )
    return name


def rewrite_dump(source: Path, target: Path, label: str) -> None:
    """The dump's auth.user objects, renamed to the new app's model (streamed, line by line)."""
    with source.open() as lines, target.open("w") as out:
        for line in lines:
            out.write(line.replace('"model": "auth.user"', '"model": "%s.user"' % label, 1))


def bench_backend(backend, series: str, users: int, copy_users: int, workdir: Path) -> dict:
    print("%s (Django %s)" % (backend.name, series), flush=True)
    project = OldProject(workdir / backend.name, series, backend)
    project.build(seed=False)
    created = list(project.created)
    p = project.project
    try:
        adopt_db = old_database(project, users)
        created.append(adopt_db)
        copy_db = adopt_db
        if copy_users != users:
            copy_db = old_database(project, copy_users)
            created.append(copy_db)
        use_database(project, copy_db)
        dump, renamed = project.root / "dump.jsonl", project.root / "renamed.jsonl"
        dump_s, _ = timed(
            "copy: dumpdata (old code, %d users + books)" % copy_users,
            p.manage,
            "dumpdata",
            "auth.user",
            "library.book",
            "--format",
            "jsonl",
            "-o",
            str(dump),
        )

        project.swap()  # the new code: app, settings, makemigrations once
        rewrite_s, _ = timed(
            "copy: rewrite auth.user -> accounts.user in the dump",
            rewrite_dump,
            dump,
            renamed,
            project.label,
        )
        fresh = new_name("bench")
        backend.create(fresh, project.root)
        created.append(fresh)
        use_database(project, fresh)
        migrate_s, _ = timed(
            "copy: migrate an empty database (new code)", p.manage, "migrate", "-v", "0"
        )
        load_s, _ = timed("copy: loaddata", p.manage, "loaddata", str(renamed), "-v", "0")

        use_database(project, adopt_db)
        adopt_s, result = timed(
            "adoption: plain migrate (%d users + books)" % users, p.manage, "migrate"
        )
        assert "Adopting auth_user" in result.stdout, result
        return {
            "backend": backend.name,
            "users": users,
            "adoption": adopt_s,
            "copy_users": copy_users,
            "copy": dump_s + rewrite_s + migrate_s + load_s,
            "loaddata": load_s,
            "dumpdata": dump_s,
        }
    finally:
        for name in created:
            backend.drop(name, project.root)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument(
        "--copy-users", type=int, help="users for the dumpdata/loaddata copy (default --users)"
    )
    parser.add_argument("--backends", default="sqlite,postgres,mariadb")
    parser.add_argument("--series", default="5.2", help="Django series (a venv under .cache/venvs)")
    args = parser.parse_args(argv)
    copy_users = args.copy_users or args.users
    results = []
    workdir = Path(tempfile.mkdtemp(prefix="bench-adoption-"))
    try:
        for backend in BACKENDS:
            if backend.name not in args.backends.split(","):
                continue
            reason = unavailable(backend.name)
            if reason:
                print("%s: skipped: %s" % (backend.name, reason))
                continue
            results.append(bench_backend(backend, args.series, args.users, copy_users, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(
        "%-9s %10s %11s %11s %15s %18s"
        % ("backend", "users", "adoption", "copy users", "dump/load copy", "copy, linear to users")
    )
    for r in results:
        # The copy's cost is per object (one query per object and many-to-many field each way), so it
        # scales linearly; the extrapolation is labelled as such.
        linear = r["copy"] * r["users"] / r["copy_users"]
        print(
            "%-9s %10d %9.2f s %11d %13.2f s %16.0f s"
            % (r["backend"], r["users"], r["adoption"], r["copy_users"], r["copy"], linear)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
