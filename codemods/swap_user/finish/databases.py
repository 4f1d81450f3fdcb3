"""What the project's own Django says: its user model, and whether each database it can reach has adopted
auth_user (the adoption records the app's first migration and renames the ('auth', 'user') content type).

One subprocess, `manage.py shell -c` through core.django's bootstrap (an SQLite file that does not exist is
not created), with the project's interpreter and settings. Every query is a SELECT inside a transaction that
is rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core import django as django_run
from ...core.project import Project

MARKER = "@@codemods-finish@@"

# Runs inside `manage.py shell -c`.
SCRIPT = r"""
import json, os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management import get_commands
from django.db import connections, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def _err(exc):
    text = str(exc).strip().splitlines()
    return "%%s: %%s" %% (type(exc).__name__, text[0] if text else "")


User = get_user_model()
label = User._meta.app_label
graph = MigrationLoader(None, ignore_no_migrations=True).graph
roots = graph.root_nodes(label)
first = roots[0] if len(roots) == 1 else None
out = {
    "auth_user_model": settings.AUTH_USER_MODEL,
    "user": {
        "label": label,
        "app": User._meta.app_config.name,
        "path": User._meta.app_config.path,
        "name": User.__name__,
        "db_table": User._meta.db_table,
        "abstract_user": issubclass(User, AbstractUser),
    },
    "first_migrations": ["%%s.%%s" %% key for key in roots],
    "first_squashed": bool(first and graph.nodes[first].replaces),
    "migrate": get_commands().get("migrate"),
    "databases": [],
}


def _state(alias):
    conn = connections[alias]
    db = {"alias": alias, "vendor": conn.vendor}
    if conn.vendor == "sqlite":
        name = str(conn.settings_dict.get("NAME") or "")
        if not name or name == ":memory:" or "mode=memory" in name:
            return dict(db, state="not checked", why="in memory")
        if not name.startswith("file:") and not os.path.exists(name):
            return dict(db, state="not checked", why="its SQLite file %%s does not exist" %% name)
    try:
        conn.ensure_connection()
    except Exception as exc:
        return dict(db, state="not checked", why="cannot be reached (%%s)" %% _err(exc))
    with transaction.atomic(using=alias):
        try:
            tables = set(conn.introspection.table_names())
            if MigrationRecorder.Migration._meta.db_table not in tables:
                return dict(db, state="empty", why="never migrated: " + _builds(alias))
            recorded = set(MigrationRecorder(conn).applied_migrations())
            db["adoption_recorded"] = first in recorded
            db["auth_recorded"] = ("auth", "0001_initial") in recorded
            types = []
            from django.contrib.contenttypes.models import ContentType

            if ContentType._meta.db_table in tables:
                rows = ContentType.objects.using(alias).filter(
                    app_label__in=["auth", label], model=User._meta.model_name
                ).order_by("id")
                types = [[row.app_label, row.model, row.pk] for row in rows]
            db["user_content_types"] = types
            db["auth_user_objects"] = _objects_naming_auth_user(conn)
        finally:
            transaction.set_rollback(True, using=alias)
    if db["adoption_recorded"]:
        if any(app == "auth" for app, _model, _pk in db["user_content_types"]):
            return dict(db, state="not adopted", why="%%s.%%s is recorded but the content type auth.user is "
                        "still there (%%d user content types)" %% (first + (len(db["user_content_types"]),)))
        return dict(db, state="adopted")
    if db["auth_recorded"]:
        return dict(db, state="not adopted", why="django_migrations does not record %%s.%%s" %% first)
    return dict(db, state="empty", why="no auth migration recorded: " + _builds(alias))


def _builds(alias):
    # What migrate does on a database with no auth history: the routers may keep the user model off it.
    if router.allow_migrate_model(alias, User):
        return "migrate builds it from scratch"
    return "the project's routers keep the user model off it, so there is nothing to adopt"


# Views and triggers whose SQL names auth_user: a table rename may leave them pointing at nothing.
OBJECT_QUERIES = {
    "sqlite": "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql LIKE %%s",
    "postgresql": (
        "SELECT 'view', viewname FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "AND definition LIKE %%s UNION ALL SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_proc p "
        "ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND p.prosrc LIKE %%s"
    ),
    "mysql": (
        "SELECT 'view', TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND "
        "VIEW_DEFINITION LIKE %%s UNION ALL SELECT 'trigger', TRIGGER_NAME FROM information_schema.TRIGGERS "
        "WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_STATEMENT LIKE %%s"
    ),
}


def _objects_naming_auth_user(conn):
    sql = OBJECT_QUERIES.get(conn.vendor)
    if sql is None:
        return [["?", "views and triggers of %%s are not read" %% conn.vendor]]
    with conn.cursor() as cursor:
        cursor.execute(sql, ["%%auth_user%%"] * sql.count("%%s"))
        return sorted([str(kind), str(name)] for kind, name in cursor.fetchall())


def _packages_naming_auth_user():
    # Installed apps outside the project (Django's own aside) whose code or migrations spell auth_user.
    import re

    pattern = re.compile(r"\bauth_user(?:_groups|_user_permissions)?\b")
    root = os.path.realpath(%(root)r)
    found = []
    for config in apps.get_app_configs():
        path = os.path.realpath(config.path)
        in_project = path.startswith(root + os.sep) and "site-packages" not in path.split(os.sep)
        if config.name.startswith("django.") or in_project:
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(f for f in files if f.endswith(".py")):
                try:
                    with open(os.path.join(folder, name), encoding="utf-8") as fh:
                        lines = fh.read().splitlines()
                except (OSError, UnicodeDecodeError):
                    continue
                hit = next((i for i, line in enumerate(lines, 1) if pattern.search(line)), None)
                if hit is not None:
                    found.append([config.name, os.path.join(folder, name), hit])
    return found


out["packages_naming_auth_user"] = _packages_naming_auth_user()

for alias in connections:
    try:
        out["databases"].append(_state(alias))
    except Exception as exc:
        out["databases"].append({"alias": alias, "state": "not checked", "why": "reading it failed (%%s)" %% _err(exc)})

print(%(marker)r + json.dumps(out))
"""


@dataclass(frozen=True)
class DatabaseState:
    """One alias of DATABASES: adopted, not adopted, empty (migrate builds it), or not checked (and why)."""

    alias: str
    vendor: str
    state: str
    why: str = ""
    user_content_types: tuple = ()
    auth_user_objects: tuple = ()  # (kind, name) of views and triggers whose SQL names auth_user

    @property
    def checked(self) -> bool:
        return self.state != "not checked"

    def line(self) -> str:
        return "database '%s' (%s): %s%s" % (
            self.alias,
            self.vendor,
            self.state,
            ": %s" % self.why if self.why else "",
        )


@dataclass
class Facts:
    auth_user_model: str
    user: dict
    first_migrations: list[str]
    first_squashed: bool
    migrate: str | None
    databases: list[DatabaseState]
    packages_naming_auth_user: list[
        tuple[str, str, int]
    ]  # (app module, file, line) outside the project


def read(
    project: Project, settings: str | None, python: str | None
) -> tuple[Facts | None, django_run.DjangoRun]:
    """Start the project's Django once; None when it does not start."""
    script = SCRIPT % {"marker": MARKER, "root": str(project.root)}
    run = django_run.run_manage(project, ["shell", "-c", script], settings, python=python)
    found = django_run.marked_json(run.output, MARKER)
    if found is None:
        return None, run
    databases = [
        DatabaseState(
            d["alias"],
            d.get("vendor", "?"),
            d["state"],
            d.get("why", ""),
            tuple(tuple(t) for t in d.get("user_content_types", ())),
            tuple(tuple(o) for o in d.get("auth_user_objects", ())),
        )
        for d in found["databases"]
    ]
    return (
        Facts(
            found["auth_user_model"],
            found["user"],
            found["first_migrations"],
            found["first_squashed"],
            found["migrate"],
            databases,
            [tuple(p) for p in found["packages_naming_auth_user"]],
        ),
        run,
    )
