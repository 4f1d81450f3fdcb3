"""D3: the user app's migrations (read from the files), migrations that hard-code auth.User (swap_user's
migrations transform in check mode), and the database's migration history (read by the project's Django).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Iterator

from ...core.models_reader import dotted
from ...swap_user.finish.detect import adoption_removed_by
from ..context import Context, parse_python
from ..findings import BY_ADOPTION, ERROR, WARNING, Finding
from .references import MIGRATIONS, site_findings


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.swapped and ctx.setting is not None:
        yield from _first_migration(ctx)
        yield from site_findings(ctx, ctx.scan.by_transform(MIGRATIONS))
    yield from _history(ctx)
    yield from _missing_migrations(ctx)


# -- the user model in its app's first migration (D301, D303) ---------------------------------------------


@dataclass
class MigrationFile:
    name: str
    path: str
    line: int
    dependencies: list[tuple[str, str]] = field(default_factory=list)
    creates: list[str] = field(default_factory=list)
    operations: int | None = None  # None: not a literal list


def read_migrations(ctx: Context, folder) -> list[MigrationFile]:
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith(("_", "~")):
            continue
        tree = parse_python(path)
        if tree is None:
            continue
        cls = next(
            (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Migration"), None
        )
        if cls is None:
            continue
        found = MigrationFile(path.stem, ctx.project.rel(path), cls.lineno)
        for stmt in cls.body:
            if not (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
            ):
                continue
            name, value = stmt.targets[0].id, stmt.value
            if name == "dependencies" and isinstance(value, (ast.List, ast.Tuple)):
                for item in value.elts:
                    if (
                        isinstance(item, ast.Tuple)
                        and len(item.elts) == 2
                        and all(isinstance(e, ast.Constant) for e in item.elts)
                    ):
                        found.dependencies.append((item.elts[0].value, item.elts[1].value))
            elif name == "operations" and isinstance(value, (ast.List, ast.Tuple)):
                found.operations = len(value.elts)
                for op in value.elts:
                    if isinstance(op, ast.Call) and (dotted(op.func) or "").endswith("CreateModel"):
                        first = op.args[0] if op.args else None
                        created = next((k.value for k in op.keywords if k.arg == "name"), first)
                        if isinstance(created, ast.Constant) and isinstance(created.value, str):
                            found.creates.append(created.value.lower())
        out.append(found)
    return out


def _first_migration(ctx: Context) -> Iterator[Finding]:
    app = ctx.app_by_label(ctx.user_label)
    model = ctx.user_model_class
    if app is None or app.path is None or model is None:
        return
    label, name = ctx.user_label, model.name
    migrations = read_migrations(ctx, app.path / "migrations")
    if not migrations:
        yield Finding(
            "D301",
            ERROR,
            "%s, the app of AUTH_USER_MODEL, has no migrations" % label,
            "every migration that depends on the user model (admin's, and each swappable_dependency) needs one: "
            "migrate stops with ValueError: Dependency on app with no migrations: %s" % label,
            "run manage.py makemigrations %s once, before any database is touched (on an existing database the "
            "new migration must then be recorded: swap_user's adoption step does it)" % label,
            path=model.path,
            line=model.line,
        )
        return
    roots = [m for m in migrations if not any(dep[0] == label for dep in m.dependencies)]
    if (
        not roots
        or any(name.lower() in m.creates for m in roots)
        or any(m.operations is None for m in roots)
    ):
        return
    first = roots[0]
    later = next((m for m in migrations if name.lower() in m.creates), None)
    where = " (%s creates it)" % later.path if later else ""
    why = (
        "Django resolves every swappable_dependency(settings.AUTH_USER_MODEL) to the app's first migration: on a "
        "fresh or test database admin's and every other app's migrations can run before %s exists, and migrate "
        "fails with ValueError: Related model '%s.%s' cannot be resolved"
        % (name, label, name.lower())
    )
    fix = (
        "create %s in %s.%s: delete the app's migrations and run manage.py makemigrations %s once (existing "
        "databases then need that migration recorded, the adoption step)"
        % (name, label, first.name, label)
    )
    if first.operations == 0:
        yield Finding(
            "D303",
            ERROR,
            "%s.%s is an empty placeholder and does not create %s%s"
            % (label, first.name, name, where),
            why,
            fix,
            path=first.path,
            line=first.line,
        )
    else:
        yield Finding(
            "D301",
            ERROR,
            "%s.%s does not create the user model %s%s" % (label, first.name, name, where),
            why,
            fix,
            path=first.path,
            line=first.line,
        )


# -- the database's history (D302, D305) ----------------------------------------------------------------


def _history(ctx: Context) -> Iterator[Finding]:
    db = ctx.database
    if db is None:
        return
    first_keys = db.get("user_first", [])
    not_recorded = [
        key for key, done in zip(first_keys, db.get("user_first_recorded", [])) if not done
    ]
    inconsistent = db.get("inconsistent")
    user = (ctx.django or {}).get("user") or {}
    existing_table = user.get("db_table") in db.get("tables", []) and "auth.0001_initial" in db.get(
        "recorded", []
    )
    reported = False
    if inconsistent or (ctx.swapped and not_recorded and existing_table):
        reported = True
        yield _unadopted(ctx, db, inconsistent, not_recorded)
    unapplied = [m for m in db.get("unapplied", []) if not (reported and m in first_keys)]
    if unapplied:
        shown = ", ".join(unapplied[:6]) + (
            " and %d more" % (len(unapplied) - 6) if len(unapplied) > 6 else ""
        )
        yield Finding(
            "D305",
            WARNING,
            "%d migration%s not applied to database '%s': %s"
            % (len(unapplied), "s are" if len(unapplied) > 1 else " is", db["alias"], shown),
            "the code expects tables and columns this database does not have yet",
            "run manage.py migrate",
            where="database '%s'" % db["alias"],
        )


def _unadopted(
    ctx: Context, db: dict, inconsistent: str | None, not_recorded: list[str]
) -> Finding:
    where = "database '%s'" % db["alias"]
    key = not_recorded[0] if not_recorded else None
    about_user = key is not None and (inconsistent is None or key in inconsistent)
    if not about_user:
        return Finding(
            "D302",
            ERROR,
            "the migration history of %s is inconsistent: %s" % (where, inconsistent),
            "migrate and makemigrations stop with InconsistentMigrationHistory before doing anything",
            "record or unapply the migrations it names so that every applied migration's dependencies are "
            "applied",
            where=where,
        )
    error = (
        "InconsistentMigrationHistory: %s" % inconsistent
        if inconsistent
        else 'a migrate that creates auth_user again (table "auth_user" already exists)'
    )
    adoption = db.get("adoption")
    commands = (ctx.django or {}).get("commands") or {}
    app_name = ctx.user_app_name()
    table = ((ctx.django or {}).get("user") or {}).get("db_table")
    what = "%s is not recorded in %s, %s" % (
        key,
        where,
        (
            "though migrations that depend on it are"
            if inconsistent
            else "which already has %s" % table
        ),
    )
    if isinstance(adoption, dict) and "refused" in adoption:
        return Finding(
            "D302",
            ERROR,
            what,
            "Django's own migrate stops with %s, and the app's adoption step "
            "refuses: %s" % (error, adoption["refused"]),
            "settle what the adoption step says, then run " "manage.py migrate",
            where=where,
        )
    if isinstance(adoption, dict) and commands.get("migrate") == app_name:
        steps = "; ".join(adoption.get("statements", [])) or "nothing"
        return Finding(
            "D302",
            WARNING,
            what + ": this database has not been adopted yet",
            "Django's own migrate would stop with %s; this project's migrate (%s) adopts it first: %s"
            % (error, app_name, steps),
            "run manage.py migrate (or manage.py adopt_user_table on its own)",
            where=where,
            fixer=BY_ADOPTION if commands.get("adopt_user_table") else None,
        )
    if isinstance(adoption, dict) and commands.get("adopt_user_table"):
        return Finding(
            "D302",
            ERROR,
            what,
            "manage.py migrate runs %s's migrate command, not the adoption step, and stops with %s"
            % (commands.get("migrate"), error),
            "run manage.py adopt_user_table, then manage.py migrate (and see D601)",
            where=where,
            fixer=BY_ADOPTION,
        )
    if table != "auth_user":
        return Finding(
            "D302",
            ERROR,
            what,
            "migrate, makemigrations, --fake and --fake-initial all stop with %s" % error,
            "the user model's table %s is new, so recording the migration would leave it empty while every user "
            'stays in auth_user: adopt auth_user instead (Meta.db_table = "auth_user", the class named User, as '
            "swap_user does), or copy the rows in a data migration before recording anything"
            % table,
            where=where,
        )
    removed = _adoption_removed_by(ctx) if adoption is None else None
    if removed is not None:
        return Finding(
            "D302",
            ERROR,
            what
            + ": it never ran the adoption step, which commit %s removed (swap_user --finish)"
            % removed,
            "migrate, makemigrations, --fake and --fake-initial all stop with %s" % error,
            "deploy the release before %s here (git checkout %s^), run its manage.py migrate once (it adopts the "
            "database), then deploy this release again" % (removed, removed),
            where=where,
        )
    return Finding(
        "D302",
        ERROR,
        what,
        "migrate, makemigrations, --fake and --fake-initial all stop with %s" % error,
        "in one transaction, record %s in django_migrations (every dependency of it is applied) and rename the "
        "django_content_type row ('auth', 'user') to ('%s', '%s') in place; swap_user's adoption step "
        "(adoption.py and its migrate command) does both on every database"
        % (key, ctx.user_label, (ctx.user_model_name or "user").lower()),
        where=where,
    )


def _adoption_removed_by(ctx: Context) -> str | None:
    """The commit that deleted the user app's adoption module (swap_user --finish does), when git knows one."""
    app = ctx.app_by_label(ctx.user_label)
    if app is None or app.path is None or (app.path / "adoption.py").exists():
        return None
    return adoption_removed_by(ctx.project, app.path / "adoption.py")


# -- model changes without a migration (D306) ------------------------------------------------------------


def _missing_migrations(ctx: Context) -> Iterator[Finding]:
    if ctx.django is None:
        return
    for label, operations in (ctx.django.get("missing_migrations") or {}).items():
        app = ctx.app_by_label(label)
        path = (
            ctx.project.rel(app.path / "migrations")
            if app is not None and app.path is not None
            else None
        )
        shown = "; ".join(operations[:4]) + (
            "; and %d more" % (len(operations) - 4) if len(operations) > 4 else ""
        )
        local = app is not None and app.path is not None
        yield Finding(
            "D306",
            WARNING,
            "the models of %s changed without a migration: %s" % (label, shown),
            "makemigrations --check fails, and the database stays behind the models",
            (
                "run manage.py makemigrations %s" % label
                if local
                else "%s is not part of the project: its migrations cannot be written here (see D501)"
                % label
            ),
            path=path,
        )
