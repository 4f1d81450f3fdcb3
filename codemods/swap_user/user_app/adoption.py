"""Bring an existing database over to this app's User without moving a row.

This app's User (AUTH_USER_MODEL) keeps django.contrib.auth's table, `auth_user`
(Meta.db_table), so an existing database already holds every user; only Django's
bookkeeping disagrees with the new code. Two rows fix it, in one transaction, before
`migrate` checks the history:

1. `django_migrations` records this app's first migration as applied. Without that row
   `migrate` stops with InconsistentMigrationHistory (admin's migrations, and every
   migration with a foreign key to the user, now depend on it), and would then try to
   create `auth_user` a second time.
2. The content type ('auth', 'user') becomes (<this app's label>, 'user') in place,
   keeping its id, so its permissions, every user's and group's grants of them, and
   the admin log entries follow the model. If `post_migrate` already made a second
   (<label>, 'user') row (a plain Django migrate ran once), that row is merged into
   the old one first: grants and every row pointing at it move over, doubles are
   dropped, then it is deleted.

This app's `migrate` command runs the adoption first, so every database (a developer's,
CI's kept test databases, staging, production) comes over with a plain `manage.py
migrate`. A fresh database needs nothing: migrate builds auth_user from this app's first
migration. `manage.py adopt_user_table` runs the same step alone, prints its SQL
(--dry-run), or undoes it (--reverse). Every step is idempotent: a database where the
migration is recorded but the content type not yet renamed is finished, not refused.

It refuses with one line (AdoptionRefused, a CommandError) and changes nothing when:
- AUTH_USER_MODEL does not name this app's model;
- the app's first migration on disk is a squash, or the app has two first migrations;
- the first migration does not put the user model on auth_user (Meta.db_table changed);
- django_migrations records a later migration of this app but not its first;
- django_migrations records auth.0001_initial but not every dependency of the first
  migration (the previous release's migrations never ran here: deploy it, migrate, then
  deploy this one);
- django_migrations records auth.0001_initial but auth_user, or another table the first
  migration takes over (auth_user_groups, auth_user_user_permissions), is missing;
- a table of this app that the first migration does not take over already exists
  (<label>_user from an earlier attempt, say);
- auth_user exists but django_migrations records no auth migration at all.
Where the project's routers keep the user model off a database, no table is expected
there: only the migration is recorded, as migrate records every migration everywhere.
Undoing refuses while later migrations of this app are recorded.

Transition code: delete this module and the migrate, makemigrations and
adopt_user_table commands once every environment has run `migrate` with this
release; `swap_user --finish` checks the databases it can reach, then deletes them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import find_commands
from django.core.management.base import CommandError
from django.db import router, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

# auth.User's table and content type, fixed since Django's first release.
AUTH_USER_TABLE = "auth_user"
AUTH_USER_CONTENT_TYPE = ("auth", "user")
AUTH_FIRST_MIGRATION = ("auth", "0001_initial")
MIGRATIONS_TABLE = MigrationRecorder.Migration._meta.db_table
CONTENT_TYPE_TABLE = ContentType._meta.db_table
PERMISSION_TABLE = Permission._meta.db_table


class AdoptionRefused(CommandError):
    """The database is in a state the adoption does not understand; nothing changed."""


@dataclass(frozen=True)
class Statement:
    summary: str  # what it does, for people
    sql: str  # with %s placeholders, run through Django's cursor
    params: tuple = ()


@dataclass(frozen=True)
class FirstMigration:
    key: tuple  # (this app's label, "0001_initial")
    dependencies: frozenset  # keys of its parents in the migration graph
    tables: frozenset  # what it creates on a fresh database, so adopts here


@dataclass(frozen=True)
class Database:
    alias: str
    tables: frozenset
    recorded: frozenset  # (app, name) of every migration recorded as applied


def adopt(connection, dry_run=False):
    """Adopt the user table on `connection`; return the statements run (or to run)."""
    return _apply(connection, plan_adoption, dry_run)


def unadopt(connection, dry_run=False):
    """Undo: forget the migration record, give the content type back to auth."""
    return _apply(connection, plan_reversal, dry_run)


def _apply(connection, plan, dry_run):
    # Read and change in one transaction: a failure half-way leaves nothing behind.
    with transaction.atomic(using=connection.alias):
        statements = plan(connection)
        if not dry_run:
            with connection.cursor() as cursor:
                for statement in statements:
                    execute_statement(cursor, statement)
    if statements and not dry_run:
        # The SQL went around the ORM: forget content types this process cached.
        ContentType.objects.clear_cache()
    return statements


def execute_statement(cursor, statement):
    # One call per statement, so that a test can make any one of them fail.
    cursor.execute(statement.sql, statement.params)


def describe(statements, connection, with_sql=False):
    """Lines for people: each statement's summary, and its SQL if asked."""
    lines = []
    for statement in statements:
        lines.append(statement.summary)
        if with_sql:
            lines.append("    %s;" % readable_sql(statement, connection))
    return lines


def readable_sql(statement, connection):
    """The SQL with its parameters inlined, for reading (it runs with them apart)."""
    return statement.sql % tuple(_literal(value) for value in statement.params)


def _literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return str(value)
    return "'%s'" % str(value).replace("'", "''")


def _sql(connection, text, *names):
    """`text` with each {} replaced by a quoted table or column name."""
    return text.format(*(connection.ops.quote_name(name) for name in names))


def _refusal(db, problem):
    return AdoptionRefused(
        "cannot adopt auth_user on database '%s': %s; nothing was changed" % (db.alias, problem)
    )


# What the code says: the user model and this app's first migration.


def user_model():
    """The live user model, refusing when AUTH_USER_MODEL is not this app's."""
    this_app = apps.get_containing_app_config(__name__)
    model = apps.get_model(settings.AUTH_USER_MODEL)
    if model._meta.app_label != this_app.label:
        raise AdoptionRefused(
            "AUTH_USER_MODEL is %s, not a model of %s: the adoption does not apply; "
            "nothing was changed" % (settings.AUTH_USER_MODEL, this_app.label)
        )
    return model


def first_migration(label):
    """The app's first migration as the code has it; None if it has none to run.

    The graph is built without a database, so no database's history can skew it.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    roots = loader.graph.root_nodes(label)
    if not roots:
        # No migration yet, or migrations disabled (MIGRATION_MODULES, pytest-django's
        # --nomigrations): nothing to adopt; migrate itself says what is missing.
        return None
    if len(roots) > 1:
        names = ", ".join(name for _, name in roots)
        raise AdoptionRefused(
            "%s has more than one first migration (%s); nothing was changed" % (label, names)
        )
    key = roots[0]
    if loader.graph.nodes[key].replaces:
        raise AdoptionRefused(
            "%s.%s is a squashed migration: the adoption must record the original "
            "first migration; nothing was changed" % key
        )
    parents = loader.graph.node_map[key].parents
    return FirstMigration(
        key, frozenset(parent.key for parent in parents), _tables_created(loader, key)
    )


def _tables_created(loader, key):
    """Tables of the app's models, many-to-many tables included, after `key`."""
    tables = set()
    for model in loader.project_state(key, at_end=True).apps.get_models():
        if model._meta.app_label != key[0]:
            continue
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.m2m_db_table())
    return frozenset(tables)


def read_database(connection):
    with connection.cursor() as cursor:
        tables = frozenset(connection.introspection.table_names(cursor))
    recorded = frozenset(MigrationRecorder(connection).applied_migrations())
    return Database(connection.alias, tables, recorded)


# Adopting.


def plan_adoption(connection):
    """Statements that bring the database over; none if fresh or already adopted."""
    model = user_model()
    first = first_migration(model._meta.app_label)
    if first is None:
        return []
    db = read_database(connection)
    statements = plan_migration_record(connection, db, model, first)
    if first.key in db.recorded or statements:
        new = (model._meta.app_label, model._meta.model_name)
        statements += plan_content_type_move(connection, db, AUTH_USER_CONTENT_TYPE, new)
    return statements


def plan_migration_record(connection, db, model, first):
    """Record the first migration when the database already has what it creates."""
    label, name = first.key
    if first.key in db.recorded:
        return []
    later = sorted(n for app, n in db.recorded if app == label)
    if later:
        raise _refusal(
            db,
            "django_migrations records %s.%s but not %s.%s" % (label, later[0], label, name),
        )
    # Where routers keep the user model off this database, migrate creates no table
    # but still records every migration: only the history needs to be consistent.
    holds_users = router.allow_migrate_model(db.alias, model)
    if AUTH_FIRST_MIGRATION not in db.recorded:
        present = sorted(first.tables & db.tables)
        if holds_users and present:
            raise _refusal(
                db,
                "%s exists but django_migrations records no auth migration" % ", ".join(present),
            )
        # Nothing to adopt: migrate builds the tables from the first migration.
        return []
    missing = sorted(first.dependencies - db.recorded)
    if missing:
        raise _refusal(
            db,
            "%s.%s depends on %s, not applied here: deploy the previous release and "
            "migrate first" % (label, name, ", ".join("%s.%s" % key for key in missing)),
        )
    if holds_users:
        _check_tables(db, first)
    return [_record(connection, first.key)]


def _check_tables(db, first):
    label = first.key[0]
    if AUTH_USER_TABLE not in db.tables:
        raise _refusal(
            db,
            "django_migrations says auth.0001_initial is applied "
            "but there is no auth_user table",
        )
    if AUTH_USER_TABLE not in first.tables:
        raise _refusal(db, "%s.%s does not use the table auth_user" % first.key)
    missing = sorted(first.tables - db.tables)
    if missing:
        raise _refusal(
            db,
            "%s.%s creates %s, which this database does not have: it may only take "
            "over auth_user and its many-to-many tables"
            % (label, first.key[1], ", ".join(missing)),
        )
    strays = sorted(_tables_of_app(db, label) - first.tables)
    if strays:
        raise _refusal(
            db,
            "%s already exists here, before %s is adopted (an earlier attempt?)"
            % (", ".join(strays), label),
        )


def _tables_of_app(db, label):
    """Tables named after the app that no other installed app owns."""
    owned_elsewhere = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label != label
    }
    return {
        table
        for table in db.tables
        if table.startswith(label + "_") and table not in owned_elsewhere
    }


def _record(connection, key):
    applied = connection.ops.adapt_datetimefield_value(timezone.now())
    return Statement(
        "Record %s.%s as applied" % key,
        _sql(
            connection,
            "INSERT INTO {} ({}, {}, {}) VALUES (%s, %s, %s)",
            MIGRATIONS_TABLE,
            "app",
            "name",
            "applied",
        ),
        key + (applied,),
    )


# Undoing.


def plan_reversal(connection):
    """Forget the first migration's record; give the content type back to auth."""
    model = user_model()
    label = model._meta.app_label
    first = first_migration(label)
    if first is None:
        raise AdoptionRefused(
            "%s has no migrations, so no adoption to undo; nothing was changed" % label
        )
    db = read_database(connection)
    later = sorted(n for app, n in db.recorded if app == label and n != first.key[1])
    if later:
        raise AdoptionRefused(
            "cannot undo the adoption on database '%s': %s.%s is applied; unapply "
            "this app's later migrations first (manage.py migrate %s %s); nothing "
            "was changed" % (db.alias, label, later[0], label, first.key[1])
        )
    statements = []
    if first.key in db.recorded:
        sql = "DELETE FROM {} WHERE {} = %s AND {} = %s"
        statements.append(
            Statement(
                "Forget that %s.%s is applied" % first.key,
                _sql(connection, sql, MIGRATIONS_TABLE, "app", "name"),
                first.key,
            )
        )
    new = (label, model._meta.model_name)
    statements += plan_content_type_move(connection, db, new, AUTH_USER_CONTENT_TYPE)
    return statements


# Content types.


def plan_content_type_move(connection, db, source, target):
    """Rename content type `source` to `target` in place, merging a `target` row."""
    if CONTENT_TYPE_TABLE not in db.tables:
        return []  # contenttypes does not live on this database
    ids = _content_type_ids(connection, [source, target])
    if source not in ids:
        return []  # already moved, or never made here
    statements = []
    if target in ids:
        statements += plan_merge(connection, db, keep=ids[source], drop=ids[target])
    sql = "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s"
    statements.append(
        Statement(
            "Rename content type %s.%s (id %s) to %s.%s" % (source + (ids[source],) + target),
            _sql(connection, sql, CONTENT_TYPE_TABLE, "app_label", "model", "id"),
            target + (ids[source],),
        )
    )
    return statements


def _content_type_ids(connection, natural_keys):
    """{(app_label, model): id} of those of `natural_keys` that exist."""
    found = {}
    sql = _sql(
        connection,
        "SELECT {} FROM {} WHERE {} = %s AND {} = %s",
        "id",
        CONTENT_TYPE_TABLE,
        "app_label",
        "model",
    )
    with connection.cursor() as cursor:
        for key in natural_keys:
            cursor.execute(sql, key)
            row = cursor.fetchone()
            if row:
                found[key] = row[0]
    return found


def plan_merge(connection, db, keep, drop):
    """Fold content type `drop` into `keep`: its permissions and their grants, then
    every row pointing at it, then the row itself."""
    statements = []
    grant_tables = _grant_tables(db)
    kept_permissions = _permissions(connection, keep)
    for codename, drop_id in sorted(_permissions(connection, drop).items()):
        keep_id = kept_permissions.get(codename)
        if keep_id is None:
            # Only the duplicate has it (a new Meta.permissions entry): keep the row.
            statements.append(_move_permission(connection, codename, drop_id, keep))
            continue
        for grants in grant_tables:
            statements += _plan_grant_move(connection, grants, drop_id, keep_id)
        handled = {(grants.table, grants.permission) for grants in grant_tables}
        statements += _plan_repoint(connection, db, PERMISSION_TABLE, drop_id, keep_id, handled)
        statements.append(_delete(connection, PERMISSION_TABLE, drop_id, "permission " + codename))
    handled = {(PERMISSION_TABLE, "content_type_id")}
    statements += _plan_repoint(connection, db, CONTENT_TYPE_TABLE, drop, keep, handled)
    statements.append(_delete(connection, CONTENT_TYPE_TABLE, drop, "content type"))
    return statements


def _permissions(connection, content_type_id):
    """{codename: id} of the permissions of a content type."""
    sql = _sql(
        connection,
        "SELECT {}, {} FROM {} WHERE {} = %s",
        "codename",
        "id",
        PERMISSION_TABLE,
        "content_type_id",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type_id])
        return dict(cursor.fetchall())


def _move_permission(connection, codename, permission_id, content_type_id):
    return Statement(
        "Move permission %s (id %s) to content type %s"
        % (codename, permission_id, content_type_id),
        _sql(
            connection,
            "UPDATE {} SET {} = %s WHERE {} = %s",
            PERMISSION_TABLE,
            "content_type_id",
            "id",
        ),
        (content_type_id, permission_id),
    )


def _delete(connection, table, pk, what):
    return Statement(
        "Delete duplicate %s (id %s)" % (what, pk),
        _sql(connection, "DELETE FROM {} WHERE {} = %s", table, "id"),
        (pk,),
    )


@dataclass(frozen=True)
class GrantTable:
    table: str  # auth_user_user_permissions or auth_group_permissions
    owner: str  # user_id or group_id
    permission: str  # permission_id
    pk: str


def _grant_tables(db):
    """The users' and the groups' permission tables, as the models name them."""
    fields = [
        user_model()._meta.get_field("user_permissions"),
        Group._meta.get_field("permissions"),
    ]
    return [
        GrantTable(
            field.m2m_db_table(),
            field.m2m_column_name(),
            field.m2m_reverse_name(),
            field.remote_field.through._meta.pk.column,
        )
        for field in fields
        if field.m2m_db_table() in db.tables
    ]


def _plan_grant_move(connection, grants, drop_id, keep_id):
    """Move grants of permission `drop_id` to `keep_id`; drop those held twice."""
    names = (grants.pk, grants.table, grants.table, grants.owner, grants.owner)
    names += (grants.permission, grants.permission)
    # Read the doubles first: MySQL refuses a DELETE whose subquery reads its table.
    doubles_sql = _sql(
        connection,
        "SELECT d.{} FROM {} d INNER JOIN {} k ON k.{} = d.{} AND k.{} = %s " "WHERE d.{} = %s",
        *names,
    )
    count_sql = _sql(
        connection,
        "SELECT COUNT(*) FROM {} WHERE {} = %s",
        grants.table,
        grants.permission,
    )
    with connection.cursor() as cursor:
        cursor.execute(doubles_sql, [keep_id, drop_id])
        doubles = sorted(row[0] for row in cursor.fetchall())
        cursor.execute(count_sql, [drop_id])
        count = cursor.fetchone()[0]
    statements = []
    for start in range(0, len(doubles), 500):
        end = start + 500
        chunk = tuple(doubles[start:end])
        placeholders = ", ".join(["%s"] * len(chunk))
        statements.append(
            Statement(
                "Delete %d grant(s) in %s held through permission %s too"
                % (len(chunk), grants.table, keep_id),
                _sql(
                    connection,
                    "DELETE FROM {} WHERE {} IN (%s)" % placeholders,
                    grants.table,
                    grants.pk,
                ),
                chunk,
            )
        )
    if count > len(doubles):
        statements.append(
            Statement(
                "Move %d grant(s) in %s from permission %s to %s"
                % (count - len(doubles), grants.table, drop_id, keep_id),
                _sql(
                    connection,
                    "UPDATE {} SET {} = %s WHERE {} = %s",
                    grants.table,
                    grants.permission,
                    grants.permission,
                ),
                (keep_id, drop_id),
            )
        )
    return statements


def _plan_repoint(connection, db, target_table, old_id, new_id, handled):
    """Point every other foreign key to row `old_id` of `target_table` at `new_id`:
    admin log entries, generic relations, third-party tables."""
    statements = []
    for table, column in _references(connection, db, target_table):
        if (table, column) in handled:
            continue
        count_sql = _sql(connection, "SELECT COUNT(*) FROM {} WHERE {} = %s", table, column)
        with connection.cursor() as cursor:
            cursor.execute(count_sql, [old_id])
            count = cursor.fetchone()[0]
        if count:
            statements.append(
                Statement(
                    "Point %d row(s) of %s.%s from %s %s to %s"
                    % (count, table, column, target_table, old_id, new_id),
                    _sql(
                        connection,
                        "UPDATE {} SET {} = %s WHERE {} = %s",
                        table,
                        column,
                        column,
                    ),
                    (new_id, old_id),
                )
            )
    return statements


def _references(connection, db, target_table):
    """(table, column) of every foreign key to `target_table`, by introspection."""
    found = []
    with connection.cursor() as cursor:
        for table in sorted(db.tables):
            relations = connection.introspection.get_relations(cursor, table)
            # {column: (referenced column, referenced table[, on delete (6.1+)])}
            found += [
                (table, column) for column, target in relations.items() if target[1] == target_table
            ]
    return found


def shadowed_command(name, module_name):
    """The Command class Django would run for `name` if this app did not define one.

    get_commands() lets the earliest app in INSTALLED_APPS win, so it is the first other
    app with management/commands/<name>.py, else django.core's. It is looked up when the
    command loads, so the project's settings decide, not the generated file.
    """
    this_app = apps.get_containing_app_config(module_name)
    for app_config in apps.get_app_configs():
        commands = find_commands(os.path.join(app_config.path, "management"))
        if app_config is not this_app and name in commands:
            module = "%s.management.commands.%s" % (app_config.name, name)
            return import_module(module).Command
    return import_module("django.core.management.commands.%s" % name).Command
