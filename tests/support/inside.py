"""Checks that run inside a Django project's own process: seed a database, digest its rows, introspect its
schema, and verify that people can still work with it.

Run as a script with the project's interpreter, from the project's folder, with DJANGO_SETTINGS_MODULE set:

    python /path/to/tests/support/inside.py seed|snapshot|digest|schema|verify [--database ALIAS] [...]
    python /path/to/tests/support/inside.py snapshot,verify,digest ...   # several, in that order

It prints one JSON document on stdout ({command: result} for several). It uses only the standard library and Django (4.2 to 6.x), works on
any project that uses auth's or a custom `AbstractUser`, and is run as a file, never imported from the
repository, so that nothing of `codemods` is importable in the project's process.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import hashlib
import json
import sys
import uuid

import django

SEED_PASSWORDS = {
    # username: password; each gets its own hash, everyone else shares one (hashing is slow on purpose)
    "seed_admin": "admin-pass-1",
    "seed_staff": "staff-pass-2",
    "seed_grouped": "grouped-pass-3",
    "seed_plain": "plain-pass-4",
}
SHARED_PASSWORD = "shared-pass-5"
BULK_USERS = 40
USER_PERMISSIONS = (
    "change_user",
    "view_user",
)  # what seed_staff holds directly, seed_grouped through a group


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "commands", help="one or more of %s, comma-separated" % ", ".join(sorted(COMMANDS))
    )
    parser.add_argument("--database", default="default")
    parser.add_argument("--seed", help="the JSON `seed` printed (for verify)")
    args = parser.parse_args(argv)
    commands = args.commands.split(",")
    unknown = sorted(set(commands) - set(COMMANDS))
    if unknown:
        parser.error("unknown command(s): %s" % ", ".join(unknown))
    django.setup()
    from django.db import transaction

    results = {}
    for command in commands:
        # One transaction each: seeding is many small writes (SQLite syncs at every commit).
        with transaction.atomic(using=args.database):
            results[command] = COMMANDS[command](args)
    result = results[commands[0]] if len(commands) == 1 else results
    json.dump(result, sys.stdout, indent=1, sort_keys=True, default=str)
    sys.stdout.write("\n")
    return 0


# Values, rows and tables.


def canonical(value):
    """A value as the same text whatever the backend's driver handed over."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    if callable(value):  # Django 6.1's on-delete handlers in get_relations()
        return getattr(value, "__name__", str(value))
    return value


def row_digest(row) -> str:
    text = json.dumps([canonical(v) for v in row], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def table_rows(connection, table: str) -> dict[str, str]:
    """{primary key (or the whole row): digest of the row} for every row of `table`."""
    with connection.cursor() as cursor:
        pk = connection.introspection.get_primary_key_column(cursor, table)
        cursor.execute("SELECT * FROM %s" % quote(connection, table))
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    key_index = columns.index(pk) if pk in columns else None
    out = {}
    for row in rows:
        key = str(canonical(row[key_index])) if key_index is not None else row_digest(row)
        out[key] = row_digest(row)
    return out


def references(connection, target_table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to `target_table`, by introspection."""
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            relations = connection.introspection.get_relations(cursor, table)
            # {column: (referenced column, referenced table[, on delete since Django 6.1])}
            found += [
                (table, column) for column, target in relations.items() if target[1] == target_table
            ]
    return found


def column_values(connection, table: str, column: str) -> dict[str, object]:
    with connection.cursor() as cursor:
        pk = connection.introspection.get_primary_key_column(cursor, table)
        key = quote(connection, pk) if pk else "NULL"
        cursor.execute(
            "SELECT %s, %s FROM %s" % (key, quote(connection, column), quote(connection, table))
        )
        rows = cursor.fetchall()
    if pk:
        return {str(canonical(k)): canonical(v) for k, v in rows}
    return {str(i): v for i, v in enumerate(sorted(canonical(v) for _, v in rows))}


# Commands.


def seed(args) -> dict:
    """Users with known passwords, groups, user and group grants (auth.change_user among them), admin log
    entries on users and groups, and a logged-in session. Made with the ORM on the project's current code.
    """
    from django.apps import apps
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    db = args.database
    User = get_user_model()
    user_type = ContentType.objects.db_manager(db).get_for_model(User)
    group_type = ContentType.objects.db_manager(db).get_for_model(Group)

    def perm(codename, content_type=user_type):
        return Permission.objects.using(db).get(content_type=content_type, codename=codename)

    moment = timezone.now().replace(microsecond=0) - datetime.timedelta(days=30)
    users = {}
    for username, password in SEED_PASSWORDS.items():
        users[username] = User(
            username=username, password=make_password(password), email=username + "@example.com"
        )
    shared = make_password(SHARED_PASSWORD)
    for i in range(BULK_USERS):
        name = "seed_u%02d" % i
        users[name] = User(
            username=name,
            password=shared,
            email=name + "@example.com",
            first_name="First%d" % i,
            last_name="Last%d" % i,
            is_active=i % 7 != 3,
            date_joined=moment + datetime.timedelta(hours=i),
            last_login=moment + datetime.timedelta(days=1, minutes=i) if i % 2 else None,
        )
    users["seed_admin"].is_staff = users["seed_admin"].is_superuser = True
    users["seed_staff"].is_staff = users["seed_grouped"].is_staff = True
    for user in users.values():
        user.save(using=db)

    editors = Group.objects.using(db).create(name="seed-user-editors")
    readers = Group.objects.using(db).create(name="seed-readers")
    Group.objects.using(db).create(name="seed-empty")
    editors.permissions.set([perm(c) for c in USER_PERMISSIONS])
    readers.permissions.set([perm("view_user"), perm("view_group", group_type)])
    users["seed_staff"].user_permissions.set([perm(c) for c in USER_PERMISSIONS])
    users["seed_grouped"].groups.add(editors)
    for i in range(BULK_USERS):
        user = users["seed_u%02d" % i]
        if i % 3 == 0:
            user.groups.add(readers)
        if i % 5 == 0:
            user.groups.add(editors)
        if i % 4 == 1:
            user.user_permissions.add(perm("add_user"), perm("change_group", group_type))

    if apps.is_installed("django.contrib.admin"):
        seed_admin_log(db, users, editors, user_type, group_type, moment)
    session = session_store()()
    session[SESSION_KEY] = users["seed_plain"]._meta.pk.value_to_string(users["seed_plain"])
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = users["seed_plain"].get_session_auth_hash()
    session.save()
    return {
        "passwords": SEED_PASSWORDS,
        "change_user_holders": ["seed_staff", "seed_grouped", "seed_admin"],
        "no_change_user": ["seed_plain", "seed_u01"],
        "staff": "seed_staff",
        "session_key": session.session_key,
        "session_user": "seed_plain",
        "user_content_type_id": user_type.pk,
        "user_ids": {name: user.pk for name, user in users.items()},
    }


def seed_admin_log(db, users, group, user_type, group_type, moment):
    """Twelve admin log entries by seed_admin, half on users, half on a group."""
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

    admin = users["seed_admin"]
    for i in range(12):
        target, content_type = (
            (users["seed_u%02d" % i], user_type) if i % 2 else (group, group_type)
        )
        LogEntry.objects.using(db).create(
            action_time=moment + datetime.timedelta(minutes=i),
            user=admin,
            content_type=content_type,
            object_id=str(target.pk),
            object_repr=str(target)[:200],
            action_flag=CHANGE if i % 3 else ADDITION,
            change_message='[{"changed": {"fields": ["Email"]}}]',
        )


def session_store():
    """The project's SessionStore class (database, cache, signed cookies...)."""
    from importlib import import_module

    from django.conf import settings

    return import_module(settings.SESSION_ENGINE).SessionStore


def snapshot(args) -> dict:
    """Row digests of everything about users that the swap must keep: the user table (password hashes
    included), its many-to-many tables, groups, permissions and their grants, the admin log, the content
    types (as rows, to read), and every foreign-key column to the user table."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db import connections

    connection = connections[args.database]
    User = get_user_model()
    tables = [User._meta.db_table, Group._meta.db_table, Permission._meta.db_table]
    for field in (
        User._meta.get_field("groups"),
        User._meta.get_field("user_permissions"),
        Group._meta.get_field("permissions"),
    ):
        tables.append(field.m2m_db_table())
    existing = set(connection.introspection.table_names())
    if "django_admin_log" in existing:
        tables.append("django_admin_log")
    result = {"user_table": User._meta.db_table, "tables": {}, "user_references": {}}
    for table in tables:
        result["tables"][table] = table_rows(connection, table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        result["content_types"] = {str(pk): [app, model] for pk, app, model in cursor.fetchall()}
    for table, column in references(connection, User._meta.db_table):
        result["user_references"]["%s.%s" % (table, column)] = column_values(
            connection, table, column
        )
    return result


def digest(args) -> dict:
    """{table: digest of all its rows}, for every table: equal digests mean an untouched database."""
    from django.db import connections

    connection = connections[args.database]
    out = {}
    for table in sorted(connection.introspection.table_names()):
        rows = table_rows(connection, table)
        out[table] = "%d:%s" % (
            len(rows),
            hashlib.sha256(json.dumps(sorted(rows.items())).encode()).hexdigest()[:20],
        )
    return out


def schema(args) -> dict:
    """Columns (types, sizes, nullability), foreign keys and constraints (without their names) of the user
    table and of every table with a foreign key to it (its many-to-many tables among them)."""
    from django.contrib.auth import get_user_model
    from django.db import connections

    connection = connections[args.database]
    user_table = get_user_model()._meta.db_table
    tables = {user_table} | {table for table, _ in references(connection, user_table)}
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            description = connection.introspection.get_table_description(cursor, table)
            constraints = connection.introspection.get_constraints(cursor, table).values()
            out[table] = {
                # By name: the order differs legitimately (SQLite's table remakes move altered columns last).
                "columns": {
                    info.name: {k: canonical(v) for k, v in info._asdict().items()}
                    for info in description
                },
                "relations": {
                    column: [canonical(part) for part in target]
                    for column, target in sorted(
                        connection.introspection.get_relations(cursor, table).items()
                    )
                },
                "constraints": sorted(
                    json.dumps(
                        {
                            k: c.get(k)
                            for k in (
                                "columns",
                                "primary_key",
                                "unique",
                                "foreign_key",
                                "check",
                                "index",
                                "type",
                            )
                        },
                        sort_keys=True,
                        default=str,
                    )
                    for c in constraints
                ),
            }
    return out


def verify(args) -> dict:
    """What people notice: logins, permissions, the user admin, the user content type, a live session."""
    from django.apps import apps
    from django.contrib.auth import authenticate, get_user, get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client, RequestFactory
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS), as Django's test runner does
    seed_info = json.loads(open(args.seed).read())
    User = get_user_model()
    label, model_name = User._meta.app_label, User._meta.model_name
    result = {"user_model": User._meta.label, "authenticate": {}, "client_login": {}, "perms": {}}
    for username, password in seed_info["passwords"].items():
        result["authenticate"][username] = (
            authenticate(username=username, password=password) is not None
        )
        result["client_login"][username] = Client().login(username=username, password=password)
    for username in seed_info["change_user_holders"] + seed_info["no_change_user"]:
        user = User.objects.get(username=username)
        result["perms"][username] = {
            "%s.change_user" % label: user.has_perm("%s.change_user" % label),
            "auth.change_user": user.has_perm("auth.change_user"),
        }
    result["admin_change_page"] = None
    if apps.is_installed("django.contrib.admin"):
        client = Client()
        staff = seed_info["staff"]
        client.login(username=staff, password=seed_info["passwords"][staff])
        url = reverse(
            "admin:%s_%s_change" % (label, model_name), args=[seed_info["user_ids"]["seed_u01"]]
        )
        result["admin_change_page"] = client.get(url).status_code
    result["user_content_types"] = sorted(
        [ct.pk, ct.app_label]
        for ct in ContentType.objects.filter(model=model_name, app_label__in=["auth", label])
    )
    request = RequestFactory().get("/")
    request.session = session_store()(seed_info["session_key"])
    session_user = get_user(request)
    result["session_user"] = session_user.get_username() if session_user.is_authenticated else None
    return result


def commands(args) -> dict:
    """Which app's command runs for `migrate` (and `makemigrations`): "django.core" for Django's own."""
    from django.core.management import get_commands

    return {name: get_commands().get(name) for name in ("migrate", "makemigrations")}


def new_user(args) -> int:
    """Create a user named `after_<n>` and return its id: the table's id sequence still works."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    name = "after_%d" % User.objects.count()
    return User.objects.create_user(name, password="x").pk


COMMANDS = {
    "seed": seed,
    "snapshot": snapshot,
    "digest": digest,
    "schema": schema,
    "verify": verify,
    "commands": commands,
    "new_user": new_user,
}

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
