"""The database servers the end-to-end tests run Django against: SQLite always, PostgreSQL and MariaDB when
their servers answer.

PostgreSQL: 127.0.0.1:5432, user postgres, trust authentication. MariaDB: 127.0.0.1:3306, user root, empty
password, reached through PyMySQL (the test project's settings call `pymysql.install_as_MySQLdb()`).
`backend.require()` skips the calling test with the reason when a server does not answer; CI has both.

A `Backend` makes and drops databases by name and writes the `DATABASES` entry Django needs for one. Names
are unique per call to `new_name()`, across pytest-xdist workers too, and `drop()` also drops Django's
`test_<name>` database.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
MY_HOST, MY_PORT, MY_USER = "127.0.0.1", 3306, "root"


def new_name(prefix: str = "adopt") -> str:
    """A database name no other test, worker or run uses (the worker's id says who left one behind)."""
    return "%s_%s_%s" % (
        prefix,
        os.environ.get("PYTEST_XDIST_WORKER", "main"),
        uuid.uuid4().hex[:10],
    )


@dataclass(frozen=True)
class Backend:
    name: str  # "sqlite", "postgres", "mariadb"

    # What Django is told.

    def settings(self, db: str, folder: Path) -> dict:
        """The DATABASES entry for database `db` (SQLite: a file in `folder`)."""
        if self.name == "sqlite":
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(folder / ("%s.sqlite3" % db)),
                # A file, not memory, so that --keepdb and --reuse-db keep something.
                "TEST": {"NAME": str(folder / ("test_%s.sqlite3" % db))},
            }
        if self.name == "postgres":
            return {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": db,
                "USER": PG_USER,
                "HOST": PG_HOST,
                "PORT": str(PG_PORT),
            }
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": db,
            "USER": MY_USER,
            "PASSWORD": "",
            "HOST": MY_HOST,
            "PORT": str(MY_PORT),
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {"CHARSET": "utf8mb4"},
        }

    # Availability.

    def require(self) -> None:
        """Skip the calling test, with the reason, when the server does not answer."""
        reason = unavailable(self.name)
        if reason:
            pytest.skip(reason)

    # Databases.

    def create(self, db: str, folder: Path) -> None:
        if self.name == "sqlite":
            return  # SQLite creates the file on first connection
        self._admin(
            "CREATE DATABASE %s" % self._quote(db)
            + (
                " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                if self.name == "mariadb"
                else ""
            )
        )

    def drop(self, db: str, folder: Path) -> None:
        if self.name == "sqlite":
            for name in ("%s.sqlite3" % db, "test_%s.sqlite3" % db):
                (folder / name).unlink(missing_ok=True)
            return
        for name in (db, "test_%s" % db):
            if self.name == "postgres":
                self._admin("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self._quote(name))
            else:
                self._admin("DROP DATABASE IF EXISTS %s" % self._quote(name))

    def copy(self, source: str, target: str, source_folder: Path, target_folder: Path) -> None:
        """A new database `target` with the tables and rows of `source` (which nobody may be using)."""
        if self.name == "sqlite":
            shutil.copyfile(
                source_folder / ("%s.sqlite3" % source), target_folder / ("%s.sqlite3" % target)
            )
        elif self.name == "postgres":
            self._admin(
                "CREATE DATABASE %s TEMPLATE %s" % (self._quote(target), self._quote(source))
            )
        else:
            raise NotImplementedError("MariaDB has no cheap copy: build the database again")

    def execute(self, db: str, folder: Path, statements: list[str]) -> None:
        """Run SQL on database `db` directly, foreign-key checks off (tests break databases on purpose)."""
        if self.name == "sqlite":
            import sqlite3

            connection = sqlite3.connect(folder / ("%s.sqlite3" % db))
            try:
                for sql in statements:
                    connection.execute(sql)
                connection.commit()
            finally:
                connection.close()
            return
        connection = self._connect(db)
        try:
            with connection.cursor() as cursor:
                if self.name == "mariadb":
                    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
                for sql in statements:
                    cursor.execute(sql)
            connection.commit()
        finally:
            connection.close()

    def query(self, db: str, folder: Path, sql: str) -> list[tuple]:
        """Rows of one SELECT on database `db`, read directly (not through Django)."""
        if self.name == "sqlite":
            import sqlite3

            connection = sqlite3.connect(folder / ("%s.sqlite3" % db))
            try:
                return [tuple(row) for row in connection.execute(sql).fetchall()]
            finally:
                connection.close()
        connection = self._connect(db)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return [tuple(row) for row in cursor.fetchall()]
        finally:
            connection.close()

    def _quote(self, name: str) -> str:
        return ('"%s"' if self.name == "postgres" else "`%s`") % name

    def _admin(self, sql: str) -> None:
        connection = self._connect(None)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    def _connect(self, db: str | None):
        if self.name == "postgres":
            import psycopg

            return psycopg.connect(
                host=PG_HOST,
                port=PG_PORT,
                user=PG_USER,
                dbname=db or "postgres",
                autocommit=db is None,
                connect_timeout=3,
            )
        import pymysql

        return pymysql.connect(
            host=MY_HOST,
            port=MY_PORT,
            user=MY_USER,
            password="",
            database=db,
            autocommit=db is None,
            connect_timeout=3,
        )


SQLITE, POSTGRES, MARIADB = Backend("sqlite"), Backend("postgres"), Backend("mariadb")
BACKENDS = (SQLITE, POSTGRES, MARIADB)


@functools.cache
def unavailable(name: str) -> str | None:
    """Why backend `name` cannot be used here, or None when it can."""
    if name == "sqlite":
        return None
    host, port = (PG_HOST, PG_PORT) if name == "postgres" else (MY_HOST, MY_PORT)
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as error:
        return "%s server does not answer at %s:%s (%s)" % (name, host, port, error)
    try:
        Backend(name)._admin("SELECT 1")
    except Exception as error:  # a server that answers but refuses us is as good as absent
        return "%s server at %s:%s refused the test user: %s" % (name, host, port, error)
    return None


def backend_param(backend: Backend):
    """A pytest param for `backend`, marked with its server's marker."""
    marks = [] if backend.name == "sqlite" else [getattr(pytest.mark, backend.name)]
    return pytest.param(backend, id=backend.name, marks=marks)


def database_environment(backend: Backend, db: str, folder: Path) -> dict[str, str]:
    """The DB_* variables the samples' settings read, for database `db` (SQLite: a file in `folder`)."""
    entry = backend.settings(db, folder)
    return {
        "DB_ENGINE": entry["ENGINE"],
        "DB_NAME": entry["NAME"],
        "DB_HOST": entry.get("HOST", ""),
        "DB_PORT": entry.get("PORT", ""),
        "DB_USER": entry.get("USER", ""),
        "DB_PASSWORD": entry.get("PASSWORD", ""),
    }


def env_without_test_runner() -> dict[str, str]:
    """os.environ without what the outer pytest sets, for Django processes of their own."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_")) and key not in ("PYTHONPATH",)
    }
