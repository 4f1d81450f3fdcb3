"""The pull-request description (Markdown) and the JSON report of --finish: what was removed, which databases
were checked, how to check the others, and what a forgotten one will see."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ... import __version__
from ...core.notes import Note
from ...core.plan import Plan, WriteError
from ..delivery import Delivery
from ..describe import Command, new_description_path
from .databases import DatabaseState
from .detect import SwappedApp

DEFAULT_BRANCH = "finish-user-swap"


@dataclass
class Record:
    root: Path
    app: SwappedApp
    plan: Plan
    notes: list[Note]
    databases: list[DatabaseState]
    commands: list[Command] = field(default_factory=list)
    delivery: Delivery | None = None
    exit_status: int = 0
    mode: str = "write"
    manage: str = "python manage.py"
    rename_migration: str | None = None  # "accounts.0002_rename_user_table" with --rename-table
    migrations: list[str] = field(default_factory=list)  # written by Django's makemigrations

    @property
    def label(self) -> str:
        return self.app.label

    @property
    def first(self) -> tuple[str, str]:
        app, _, name = self.app.first_migration.partition(".")
        return app, name


def check_query(label: str, name: str) -> str:
    """One SELECT, the same on SQLite, PostgreSQL and MySQL/MariaDB: 1 and 0 on a database that has adopted."""
    return (
        "SELECT (SELECT COUNT(*) FROM django_migrations WHERE app = '%s' AND name = '%s') AS adopted, "
        "(SELECT COUNT(*) FROM django_content_type WHERE app_label = 'auth' AND model = 'user') AS auth_user_type;"
        % (label, name)
    )


def markdown(record: Record) -> str:
    label, manage = record.label, record.manage
    app_label, first = record.first
    app_dir = record.app.folder.relative_to(record.root).as_posix()
    removed = sorted(record.plan.deletes)
    lines = [
        "# Finish the swap to %s.User: remove the adoption step%s"
        % (label, ", rename auth_user to %s_user" % label if record.rename_migration else ""),
        "",
        "## Summary",
        "",
        (
            (
                "The swap to `%s.User` shipped transition code: an adoption step that brought each existing database "
                "over on its first `migrate` (`%s/adoption.py`), the `migrate` and `makemigrations` commands that run it, "
                "and the operator command `adopt_user_table`. Every database the tool could reach has adopted "
                "`auth_user`, so this removes them. `manage.py migrate` and `makemigrations` are the commands they "
                "shadowed again (Django's, or another installed app's)." % (label, app_dir)
            )
            if removed
            else (
                "The transition code of the swap to `%s.User` (the adoption step and its commands) was removed by an "
                "earlier run; this one renames the table." % label
            )
        ),
        "",
        "Stays: the user model (`%s/models.py`, still on the `auth_user` table), its migrations, its admin and "
        "the app config. No database changes: nothing is migrated by this change." % app_dir,
        "",
        "## Removed",
        "",
    ]
    lines += ["- `%s`" % path for path in removed] or [
        "- nothing: it was removed by an earlier run"
    ]
    lines += ["", "## Databases checked before the change", ""]
    lines += ["- %s" % _db_line(db) for db in record.databases] or ["- none configured"]
    lines += [
        "",
        "## Check the environments the tool could not reach",
        "",
        "Every environment with a database (each developer's, CI's kept test databases, staging, production) must "
        "have run `migrate` with the release that has the adoption step, before this change is deployed there. "
        "Check each one with either:",
        "",
        "- `python -m codemods.doctor PATH` with that environment's settings (`--settings MODULE`, or its "
        "`DJANGO_SETTINGS_MODULE` and database variables), on the release before this change: it reports a "
        "database that has not adopted `auth_user` as an error (D302);",
        "- or this query, on the database itself:",
        "",
        "  ```sql",
        "  " + check_query(app_label, first),
        "  ```",
        "",
        "  An adopted database answers `adopted = 1` and `auth_user_type = 0`.",
        "",
        "## What a forgotten environment will see",
        "",
        "A database that never ran `migrate` with the adoption step cannot be adopted by this code any more: "
        "`%s migrate` stops before it changes anything with" % manage,
        "",
        "```",
        "django.db.migrations.exceptions.InconsistentMigrationHistory: Migration admin.0001_initial is applied "
        "before its dependency %s.%s on database 'default'." % (app_label, first),
        "```",
        "",
        "(or the same for another app with a foreign key to the user). To recover, deploy the previous release "
        "(the one with `%s/adoption.py`) there and run its `%s migrate` once: it adopts the database. Then deploy "
        "this release again; its `migrate` goes on as usual. Nothing is lost in between."
        % (app_dir, manage),
        "",
        "## Roll back",
        "",
        "Revert this change: the adoption step comes back. No database changed, so nothing else is needed.",
    ]
    if record.rename_migration:
        lines += _rename_section(record)
    if record.notes:
        lines += ["", "## Needs a person", ""]
        lines += ["- [ ] `%s:%d` %s" % (n.path, n.line, n.message) for n in record.notes]
    if record.commands:
        lines += [
            "",
            "## Verified",
            "",
            "The tool ran, on the changed project, with the project's interpreter:",
            "",
        ]
        lines += ["- `%s` (exit %d)" % (c.line, c.exit_code) for c in record.commands]
    if record.delivery is not None and record.delivery.commits:
        lines += ["", "## Commits on `%s`" % record.delivery.branch, ""]
        lines += ["- %s %s" % (sha, subject) for sha, subject in record.delivery.commits]
    lines += [
        "",
        "_Generated by codemods %s (`python -m codemods.swap_user --finish`)._" % __version__,
        "",
    ]
    return "\n".join(lines)


def _db_line(db: DatabaseState) -> str:
    return "`%s` (%s): %s%s" % (db.alias, db.vendor, db.state, " (%s)" % db.why if db.why else "")


def commit_message(record: Record) -> str:
    label = record.label
    return (
        "Remove the adoption step of %s: every database has adopted auth_user\n\n"
        "The adoption module, the migrate and makemigrations commands that ran it, and the operator\n"
        "command adopt_user_table were transition code for the swap to %s.User. The databases the\n"
        "tool could reach have all recorded %s and renamed the auth | user content\n"
        "type; see the pull-request description for how to check the others."
        % (label, label, record.app.first_migration)
    )


def rename_commit_message(record: Record) -> str:
    label, table = record.label, "%s_user" % record.label
    return (
        "Rename auth_user to %s: %s.User no longer sets db_table\n\n"
        "%s is Django's own makemigrations: one AlterModelTable, which renames auth_user and\n"
        "its two many-to-many tables on every backend, and back when it is unapplied. Index,\n"
        "constraint and sequence names keep their auth_user prefix, which is harmless."
        % (table, label, record.rename_migration)
    )


def _rename_section(record: Record) -> list[str]:
    label, manage, table = record.label, record.manage, "%s_user" % record.label
    app_label = record.rename_migration.split(".", 1)[0]
    first = record.first[1]
    previous = sorted(Path(p).stem for p in _earlier_migrations(record)) or [first]
    return [
        "",
        "## Rename of the table",
        "",
        '`%s.User` no longer sets `Meta.db_table = "auth_user"`, and Django\'s makemigrations wrote `%s`: one '
        "`AlterModelTable`, which renames `auth_user` to `%s`, and `auth_user_groups` and "
        "`auth_user_user_permissions` to `%s_groups` and `%s_user_permissions`, on SQLite, PostgreSQL and "
        "MySQL/MariaDB; the other tables' foreign keys follow the rename."
        % (label, record.rename_migration, table, table, table),
        "",
        "- Deploy: the usual `%s migrate`, in a release of its own after the removal above has reached every "
        "environment, or in the same one when the team says so. The tables are renamed in place: no row is "
        "copied." % manage,
        "- Left alone on purpose: the names of indexes, constraints and PostgreSQL's id sequence keep their "
        "`auth_user` prefix. They are harmless (Django finds them by introspection), and renaming them by hand "
        "is what broke other projects' upgrade paths.",
        "- Roll back: `%s migrate %s %s` renames the tables back; then revert this change."
        % (manage, app_label, previous[-1]),
        '- Everything the tool found that names `auth_user` and may break is under "Needs a person"; raw SQL, '
        "views and triggers, and installed packages that hard-code the name must follow the new one.",
    ]


def _earlier_migrations(record: Record) -> list[str]:
    folder = record.app.folder / "migrations"
    name = record.rename_migration.split(".", 1)[1]
    return [p.name for p in folder.glob("[0-9]*.py") if p.stem < name]


def report(record: Record, description: Path | None) -> dict:
    delivery = record.delivery
    return {
        "tool": "codemods.swap_user",
        "command": "finish",
        "version": __version__,
        "mode": record.mode,
        "exit_status": record.exit_status,
        "project": str(record.root),
        "app": {
            "label": record.label,
            "module": record.app.module,
            "folder": record.app.folder.relative_to(record.root).as_posix(),
        },
        "auth_user_model": record.app.user_model_label,
        "files_removed": sorted(record.plan.deletes),
        "files_changed": sorted(record.plan.edits),
        "databases": [
            {"alias": d.alias, "vendor": d.vendor, "state": d.state, "why": d.why}
            for d in record.databases
        ],
        "check_query": check_query(*record.first),
        "rename": (
            {
                "table": "%s_user" % record.label,
                "migration": record.rename_migration,
                "files_created": list(record.migrations),
            }
            if record.rename_migration
            else None
        ),
        "notes": [n.as_dict() for n in record.notes],
        "commands": [{"command": c.line, "exit_code": c.exit_code} for c in record.commands],
        "branch": delivery.branch if delivery else None,
        "commits": [{"sha": sha, "subject": s} for sha, s in delivery.commits] if delivery else [],
        "working_tree_only": bool(delivery and not delivery.on_branch),
        "description": str(description) if description else None,
    }


def description_path(record: Record, git_dir: Path | None) -> Path:
    """A new file for each run, outside the tracked tree (as the swap's)."""
    branch = (
        record.delivery.branch if record.delivery and record.delivery.branch else DEFAULT_BRANCH
    )
    return new_description_path(record.root, git_dir, branch)


def write_description(record: Record, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(markdown(record))
    except OSError as exc:
        raise WriteError(
            "could not write the pull-request description %s: %s" % (target, exc.strerror or exc)
        ) from exc


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
