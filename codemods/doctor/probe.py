"""What only the project's own Python can tell: where its third-party apps live, and what its Django says.

Both run in subprocesses with the project's interpreter. `locate_apps` imports nothing of the project (it asks
importlib where a package is). `django_facts` starts the project's Django once, through `manage.py shell -c`,
and reads: the user model, the management commands, the system checks, model changes without a migration and,
when the database can be reached, its migration history, content types and profiles. It never writes: every
query is a SELECT inside a transaction that is rolled back, and an SQLite file that does not exist is not
created.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

from ..core import django as django_run
from ..core.project import Project

MARKER = "@@codemods-doctor@@"

LOCATE = r"""
import importlib.metadata, importlib.util, json, os, sys
modules = json.loads(sys.argv[1])
try:
    dists = importlib.metadata.packages_distributions()
except Exception:
    dists = {}
out = {}
for module in modules:
    top, _, rest = module.partition(".")
    try:
        spec = importlib.util.find_spec(top)  # a top-level name: finding it imports nothing
    except Exception as exc:
        out[module] = {"error": "%s: %s" % (type(exc).__name__, exc)}
        continue
    if spec is None or not (spec.submodule_search_locations or spec.origin):
        out[module] = {"error": "not importable with this interpreter"}
        continue
    if spec.submodule_search_locations:
        base = os.path.join(list(spec.submodule_search_locations)[0], *rest.split(".")) if rest else (
            list(spec.submodule_search_locations)[0])
    else:
        base = spec.origin
    dist = (dists.get(top) or [None])[0]
    try:
        version = importlib.metadata.version(dist) if dist else None
    except Exception:
        version = None
    out[module] = {"path": base, "dist": dist, "version": version}
print(sys.argv[2] + json.dumps(out))
"""

# Runs inside `manage.py shell -c`; DATABASE is filled in by django_facts.
SCRIPT = r"""
import importlib, json, os, traceback

DATABASE = %(database)r
out = {}


def _err(exc):
    text = str(exc).strip().splitlines()
    return "%%s: %%s" %% (type(exc).__name__, text[0] if text else "")


import django
from django.apps import apps
from django.conf import settings

out["django"] = django.get_version()
out["auth_user_model"] = settings.AUTH_USER_MODEL
try:
    import importlib.metadata

    _dists = importlib.metadata.packages_distributions()
except Exception:
    _dists = {}


def _dist(name):
    dist = (_dists.get(name.partition(".")[0]) or [None])[0]
    try:
        return [dist, importlib.metadata.version(dist)] if dist else [None, None]
    except Exception:
        return [dist, None]


out["apps"] = [[a.label, a.name, a.path] + _dist(a.name) for a in apps.get_app_configs()]
try:
    from django.core.management import get_commands

    _commands = get_commands()
    out["commands"] = {name: _commands.get(name) for name in ("migrate", "adopt_user_table")}
except Exception as exc:
    out["commands_error"] = _err(exc)

User = None
try:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.base_user import AbstractBaseUser

    User = get_user_model()
    _pk = type(User._meta.pk)
    out["user"] = {
        "label": User._meta.label,
        "app_label": User._meta.app_label,
        "app": User._meta.app_config.name,
        "name": User.__name__,
        "model_name": User._meta.model_name,
        "db_table": User._meta.db_table,
        "pk": "%%s.%%s" %% (_pk.__module__, _pk.__name__),
        "base_user": issubclass(User, AbstractBaseUser),
    }
except Exception as exc:
    out["user_error"] = _err(exc)

try:
    from django.core import checks

    out["checks"] = [
        {"id": m.id, "level": m.level, "msg": m.msg, "hint": m.hint, "obj": None if m.obj is None else str(m.obj)}
        for m in checks.run_checks()
        if m.level >= checks.ERROR and not m.is_silenced()
    ]
except Exception as exc:
    out["checks_error"] = _err(exc)

try:
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    # What `makemigrations --check --dry-run` computes, without its consistency check against a database.
    _loader = MigrationLoader(None, ignore_no_migrations=True)
    _detector = MigrationAutodetector(
        _loader.project_state(), ProjectState.from_apps(apps), NonInteractiveMigrationQuestioner(dry_run=True)
    )
    _changes = _detector.changes(graph=_loader.graph)
    out["missing_migrations"] = {
        label: [op.describe() for m in found for op in m.operations] for label, found in sorted(_changes.items())
    }
except Exception as exc:
    out["missing_migrations_error"] = _err(exc)


def _section(db, name, alias, read):
    from django.db import transaction

    try:
        with transaction.atomic(using=alias):  # a savepoint: one failed query does not spoil the rest
            db[name] = read()
    except Exception as exc:
        db[name + "_error"] = _err(exc)


def _database(alias):
    from django.db import connections, transaction
    from django.db.migrations.exceptions import InconsistentMigrationHistory
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    conn = connections[alias]
    db = {"alias": alias, "vendor": conn.vendor}
    if conn.vendor == "sqlite":
        name = str(conn.settings_dict.get("NAME") or "")
        if not name or name == ":memory:" or "mode=memory" in name:
            return {"skipped": "database '%%s' is in memory" %% alias}
        if not name.startswith("file:") and not os.path.exists(name):
            return {"skipped": "the SQLite file of database '%%s' does not exist yet (%%s)" %% (alias, name)}
    try:
        conn.ensure_connection()
    except Exception as exc:
        return {"skipped": "database '%%s' cannot be reached (%%s)" %% (alias, _err(exc))}
    tables = set(conn.introspection.table_names())
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return {"skipped": "database '%%s' was never migrated (no django_migrations table)" %% alias}
    user_table = User._meta.db_table if User is not None else None
    db["tables"] = sorted(t for t in tables if t.startswith(("auth_", "django_")) or t == user_table)
    with transaction.atomic(using=alias):
        try:
            recorded = set(MigrationRecorder(conn).applied_migrations())
            labels = ("auth", User._meta.app_label) if User is not None else ("auth",)
            db["recorded"] = sorted("%%s.%%s" %% key for key in recorded if key[0] in labels)

            def consistency():
                loader = MigrationLoader(conn, ignore_no_migrations=True)
                try:
                    loader.check_consistent_history(conn)
                except InconsistentMigrationHistory as exc:
                    return str(exc)
                return None

            _section(db, "inconsistent", alias, consistency)

            def unapplied():
                executor = MigrationExecutor(conn)
                plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
                return ["%%s.%%s" %% (m.app_label, m.name) for m, backwards in plan if not backwards]

            _section(db, "unapplied", alias, unapplied)
            if User is not None:
                first = MigrationLoader(None, ignore_no_migrations=True).graph.root_nodes(User._meta.app_label)
                db["user_first"] = ["%%s.%%s" %% key for key in first]
                db["user_first_recorded"] = [key in recorded for key in first]
                _section(db, "adoption", alias, lambda: _adoption(conn))
                _section(db, "content_types", alias, lambda: _content_types(tables))
                _section(db, "profiles", alias, _profiles)
        finally:
            transaction.set_rollback(True, using=alias)
    return db


def _adoption(conn):
    # The user app's own adoption step (generated by swap_user), asked what it would do: dry_run writes nothing.
    name = User._meta.app_config.name + ".adoption"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    if not hasattr(module, "adopt"):
        return None
    try:
        return {"statements": [s.summary for s in module.adopt(conn, dry_run=True)]}
    except Exception as exc:
        return {"refused": str(exc)}


def _content_types(tables):
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    if ContentType._meta.db_table not in tables or Permission._meta.db_table not in tables:
        return None
    keys = {("auth", "user"), (User._meta.app_label, User._meta.model_name)}
    found = {}
    for ct in ContentType.objects.filter(app_label__in=[k[0] for k in keys], model__in=[k[1] for k in keys]):
        if (ct.app_label, ct.model) not in keys:
            continue
        perms = []
        for perm in Permission.objects.filter(content_type_id=ct.pk).order_by("codename"):
            users = 0
            if hasattr(User, "user_permissions"):
                users = User.user_permissions.through.objects.filter(permission_id=perm.pk).count()
            groups = Group.permissions.through.objects.filter(permission_id=perm.pk).count()
            perms.append([perm.codename, users, groups])
        found["%%s.%%s" %% (ct.app_label, ct.model)] = {"id": ct.pk, "permissions": perms}
    return found


def _post_save_receivers():
    # The receivers of the user model, and of auth's User (a swapped project's receiver may still name it).
    from django.contrib.auth import models as auth_models
    from django.db.models.signals import post_save

    found = []
    for sender in dict.fromkeys([User, auth_models.User]):
        try:
            live = post_save._live_receivers(sender)
        except Exception:
            continue
        if isinstance(live, tuple):  # Django 5.0+: (sync receivers, async receivers)
            live = [r for group in live for r in group]
        found += [r for r in live if r not in found]
    return found


def _profiles():
    # One-to-one models of the user that a post_save receiver creates, and the users that have none.
    import inspect
    import re

    receivers = []
    for func in _post_save_receivers():
        try:
            receivers.append((func, inspect.getsource(func)))
        except (OSError, TypeError):
            continue
    found = []
    manager = User._default_manager
    for rel in User._meta.related_objects:
        if not rel.one_to_one or getattr(rel, "parent_link", False):
            continue
        model = rel.related_model
        creates = re.compile(r"\b%%s\s*(\.objects\.(create|get_or_create|update_or_create)\s*)?\(" %% model.__name__)
        for func, source in receivers:
            if not creates.search(source):
                continue
            query = rel.field.related_query_name()
            found.append({
                "model": model._meta.label,
                "field": rel.field.name,
                "accessor": rel.get_accessor_name(),
                "receiver": [inspect.getsourcefile(func), func.__code__.co_firstlineno],
                "users": manager.count(),
                "missing": manager.filter(**{query + "__isnull": True}).count(),
            })
            break
    return found


try:
    out["database"] = _database(DATABASE)
except Exception as exc:
    out["database"] = {"skipped": "reading the database failed (%%s)" %% _err(exc)}

print(%(marker)r + json.dumps(out))
"""


@dataclass
class Located:
    path: str | None
    dist: str | None = None
    version: str | None = None
    error: str | None = None

    @property
    def package(self) -> str:
        if self.dist:
            return "%s %s" % (self.dist, self.version) if self.version else self.dist
        return "?"


def locate_apps(
    project: Project, modules: list[str], python: str | None = None
) -> tuple[dict[str, Located], str | None]:
    """Where each installed module lives for the project's interpreter; (found, why not)."""
    if not modules:
        return {}, None
    python = python or django_run.project_python(project)
    try:
        proc = subprocess.run(
            [python, "-c", LOCATE, json.dumps(modules), MARKER],
            cwd=project.workdir,
            env=django_run.project_env(project),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {}, "could not run %s (%s)" % (python, exc)
    for line in proc.stdout.splitlines():
        if line.startswith(MARKER):
            raw = json.loads(line[len(MARKER) :])
            found = {
                m: Located(v.get("path"), v.get("dist"), v.get("version"), v.get("error"))
                for m, v in raw.items()
            }
            return found, None
    return {}, "%s failed: %s" % (python, (proc.stderr.strip().splitlines() or ["no output"])[-1])


def django_facts(
    project: Project, settings: str | None, python: str | None = None, database: str = "default"
) -> tuple[dict | None, django_run.DjangoRun]:
    """Start the project's Django once and read everything the dynamic checks need; None when it fails."""
    script = SCRIPT % {"database": database, "marker": MARKER}
    run = django_run.run_manage(project, ["shell", "-c", script], settings, python=python)
    return django_run.marked_json(run.output, MARKER), run
