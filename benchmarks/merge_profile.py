"""Time merge_profile's data migration on a big database, beside a row-by-row copy.

For each backend: the mini project of tests/merge_profile (already on a custom user, with a profile of five
columns and a many-to-many field) gets a database with --users users, each with a profile and every tenth
with one many-to-many row, filled with bulk SQL. Then `python -m codemods.merge_profile` rewrites the project
and, timed as whole `manage.py migrate` commands (Django start-up included):

  (a) AddFields: `migrate accounts`, Django's own migration adding the columns to the user's table;
  (b) row by row: what a hand-written RunPython does, one `User.objects.filter(pk=...).update(...)` per profile,
      in one transaction, on --row-by-row profiles, extrapolated to --users and printed as such;
  (c) the tool's data migration: `migrate profiles` (the profile's columns made nullable, the set-based copy);
  (d) its reverse: `migrate profiles 0001_initial`.

    python benchmarks/merge_profile.py [--users 1000000] [--row-by-row 20000] [--backends sqlite,postgres,mariadb]

Needs the servers the tests use (tests/support/databases.py); a backend whose server does not answer is
skipped with the reason. Django is the one of the interpreter that runs the script.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.merge_profile.projects import build_template, swapped_project  # noqa: E402
from tests.support.databases import BACKENDS, new_name, unavailable  # noqa: E402

USER_COLUMNS = (
    "password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
    "date_joined"
)
PASSWORD = "md5$benchsalt$0123456789abcdef0123456789abcdef"

ROW_BY_ROW = r"""
import os, time
from django.contrib.auth import get_user_model
from django.db import connection, transaction
User = get_user_model()
limit = int(os.environ["BENCH_ROWS"])
start = time.perf_counter()
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT user_id, bio, theme, reports, score, team_id FROM profiles_profile ORDER BY id LIMIT %s",
                       [limit])
        rows = cursor.fetchall()
    for user_id, bio, theme, reports, score, team_id in rows:
        User.objects.filter(pk=user_id).update(bio=bio, theme=theme, reports=reports, score=score, team_id=team_id)
print("@@rows %d %.3f" % (len(rows), time.perf_counter() - start))
"""


def fill_sql(backend: str, count: int) -> list[str]:
    """`count` users, a profile for each, a many-to-many row for every tenth profile."""
    if backend == "postgres":
        users = (
            "INSERT INTO auth_user (%s) SELECT '%s', NULL, false, 'bench' || i, '', '', '', false, true, now() "
            "FROM generate_series(1, %d) AS i" % (USER_COLUMNS, PASSWORD, count)
        )
        profiles = (
            "INSERT INTO profiles_profile (user_id, bio, theme, reports, score, team_id) SELECT id, "
            "'bio ' || id, CASE WHEN id %% 2 = 0 THEN 'dark' ELSE 'light' END, id %% 3 = 0, id %% 100, NULL "
            "FROM auth_user"
        )
    elif backend == "mariadb":
        users = (
            "INSERT INTO auth_user (%s) SELECT '%s', NULL, 0, CONCAT('bench', seq), '', '', '', 0, 1, NOW(6) "
            "FROM seq_1_to_%d" % (USER_COLUMNS, PASSWORD, count)
        )
        profiles = (
            "INSERT INTO profiles_profile (user_id, bio, theme, reports, score, team_id) SELECT id, "
            "CONCAT('bio ', id), IF(id %% 2 = 0, 'dark', 'light'), id %% 3 = 0, id %% 100, NULL FROM auth_user"
        )
    else:
        users = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
            "INSERT INTO auth_user (%s) SELECT '%s', NULL, 0, 'bench' || i, '', '', '', 0, 1, datetime('now') "
            "FROM n" % (count, USER_COLUMNS, PASSWORD)
        )
        profiles = (
            "INSERT INTO profiles_profile (user_id, bio, theme, reports, score, team_id) SELECT id, "
            "'bio ' || id, CASE WHEN id %% 2 = 0 THEN 'dark' ELSE 'light' END, id %% 3 = 0, id %% 100, NULL "
            "FROM auth_user"
        )
    profiles = profiles.replace("%%", "%")
    return [
        users,
        profiles,
        "INSERT INTO profiles_book (title) VALUES ('one book')",
        "INSERT INTO profiles_profile_books (profile_id, book_id) SELECT p.id, b.id FROM profiles_profile p, "
        "profiles_book b WHERE p.id % 10 = 0",
    ]


def timed(what: str, function, *args):
    start = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - start
    print("    %-60s %9.2f s" % (what, seconds), flush=True)
    return seconds, result


def bench_backend(backend, users: int, row_by_row: int, workdir: Path) -> dict:
    print("%s (Django of %s)" % (backend.name, sys.executable), flush=True)
    root = swapped_project(workdir / backend.name, build_template(workdir))
    name = new_name("bench")
    backend.create(name, workdir)
    entry = backend.settings(name, workdir)
    env = dict(
        os.environ,
        DB_ENGINE=entry["ENGINE"].rpartition(".")[2],
        MINI_DB=entry["NAME"],
        DB_HOST=entry.get("HOST", ""),
        DB_PORT=entry.get("PORT", ""),
        DB_USER=entry.get("USER", ""),
        DB_PASSWORD=entry.get("PASSWORD", ""),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["BENCH_ROWS"] = str(row_by_row)

    def manage(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=root, env=env, capture_output=True, text=True
        )
        proc.stdout = proc.stdout or ""
        if proc.returncode:
            raise SystemExit("manage.py %s failed:\n%s" % (" ".join(args), proc.stderr[-3000:]))
        return proc.stdout

    try:
        manage("migrate", "-v", "0")
        timed(
            "fill %d users and profiles (bulk SQL)" % users,
            backend.execute,
            name,
            workdir,
            fill_sql(backend.name, users),
        )
        tool = subprocess.run(
            [sys.executable, "-m", "codemods.merge_profile", str(root), "-q", "--no-branch"],
            env={**env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
        if tool.returncode:
            raise SystemExit("merge_profile failed:\n%s" % tool.stderr[-3000:])
        add, _ = timed(
            "(a) migrate accounts: Django's AddFields", manage, "migrate", "accounts", "-v", "0"
        )
        _, out = timed(
            "(b) row by row, %d profiles" % row_by_row, manage, "shell", "-c", ROW_BY_ROW
        )
        line = [x for x in out.splitlines() if x.startswith("@@rows")][0].split()
        rows, loop = int(line[1]), float(line[2])
        per_row = loop / max(rows, 1)
        how = "the loop alone, every row" if rows >= users else "extrapolated from %d rows" % rows
        print(
            "    %-60s %9.2f s  (%s: %.1f us a row)"
            % ("    -> row by row, %d profiles" % users, per_row * users, how, per_row * 1e6),
            flush=True,
        )
        copy, _ = timed(
            "(c) migrate profiles: the tool's data migration",
            manage,
            "migrate",
            "profiles",
            "-v",
            "0",
        )
        back, _ = timed(
            "(d) migrate profiles 0001_initial: its reverse",
            manage,
            "migrate",
            "profiles",
            "0001_initial",
            "-v",
            "0",
        )
        return {
            "backend": backend.name,
            "add": add,
            "row_by_row": per_row * users,
            "copy": copy,
            "reverse": back,
        }
    finally:
        backend.drop(name, workdir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--row-by-row", type=int, default=20_000)
    parser.add_argument("--backends", default="sqlite,postgres,mariadb")
    args = parser.parse_args(argv)
    wanted = args.backends.split(",")
    results = []
    workdir = Path(tempfile.mkdtemp(prefix="merge-profile-bench-"))
    try:
        for backend in BACKENDS:
            if backend.name not in wanted:
                continue
            reason = unavailable(backend.name)
            if reason:
                print("%s: skipped (%s)" % (backend.name, reason))
                continue
            results.append(bench_backend(backend, args.users, args.row_by_row, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    every = args.row_by_row >= args.users
    print(
        "\n%-9s %14s %22s %16s %12s"
        % (
            "backend",
            "AddFields",
            "row by row" if every else "row by row (extrap.)",
            "data migration",
            "reverse",
        )
    )
    for r in results:
        print(
            "%-9s %12.1f s %20.1f s %14.1f s %10.1f s"
            % (r["backend"], r["add"], r["row_by_row"], r["copy"], r["reverse"])
        )
    print(
        "(%d users, each with a profile; the row-by-row time is %s)"
        % (
            args.users,
            (
                "its loop's, over every profile"
                if every
                else "extrapolated from --row-by-row %d profiles" % args.row_by_row
            ),
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
