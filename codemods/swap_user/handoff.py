"""Hand the rewritten project to Django: makemigrations for the new app, once, then check."""

from __future__ import annotations

import re
from typing import Callable

from ..core import django as django_run
from ..core.django import DjangoFacts
from ..core.fmt import format_created
from ..core.notes import Note
from ..core.project import Project
from ..core.report import Reporter
from ..core.style import ProjectStyle
from .changes import migration_paths
from .describe import Command
from .preflight import NewApp

DJANGO_MIGRATE = "django.core"  # who runs `migrate` when no installed app has its own


class HandoffError(Exception):
    """Django refused the rewritten project."""


def new_migrations(project: Project, app: NewApp, before: list[str] | None = None) -> list[str]:
    return [p for p in migration_paths(project, app) if p not in (before or [])]


def removal_of_new_migrations(project: Project, app: NewApp) -> Callable[[], None]:
    """The undo of makemigrations: remove the app's migrations that are not there yet (when this is called)."""
    before = migration_paths(project, app)

    def remove() -> None:
        for rel in new_migrations(project, app, before):
            (project.root / rel).unlink(missing_ok=True)

    return remove


def run(
    project: Project,
    app: NewApp,
    settings: str | None,
    reporter: Reporter,
    commands: list[Command],
    python: str | None = None,
    style: ProjectStyle = ProjectStyle(),
) -> list[str]:
    """makemigrations <label> when the app has no migration yet, then check. Returns created files; the
    migration is laid out as the files the tool creates (Django's own black may disagree with the project's).
    """
    before = migration_paths(project, app)
    created: list[str] = []
    if not before:
        mm = _manage(project, ["makemigrations", app.label], settings, python, reporter, commands)
        created = new_migrations(project, app, before)
        if not mm.ok:
            raise HandoffError("makemigrations %s failed: %s" % (app.label, mm.last_error()))
        problem = _check_initial(project, created)
        if problem:
            raise HandoffError(problem)
        for rel in created:
            path = project.root / rel
            path.write_text(
                format_created(project.root, rel, path.read_text(encoding="utf-8"), style),
                encoding="utf-8",
            )
    check = _manage(project, ["check"], settings, python, reporter, commands)
    if not check.ok:
        raise HandoffError("manage.py check failed after the rewrite: %s" % check.last_error())
    return created


def _manage(
    project: Project,
    args: list[str],
    settings: str | None,
    python: str | None,
    reporter: Reporter,
    commands: list[Command],
) -> django_run.DjangoRun:
    done = django_run.run_manage(project, args, settings, python=python)
    commands.append(Command(django_run.command_line(done.argv, project.root), done.returncode))
    reporter.event("$ %s" % commands[-1].line)
    reporter.block(done.output)
    return done


def migrate_owner_note(
    project: Project,
    app: NewApp,
    settings: str | None,
    python: str | None,
    before: DjangoFacts | None = None,
) -> Note | None:
    """The adoption runs only if `manage.py migrate` is the new app's: say so when another app's wins.

    Django runs the `migrate` of the first installed app that has one, else its own. When no app had one before
    the rewrite (`before`, Django's answer then), the new app, which has one and is the only app the rewrite
    installs, wins: Django need not start again to say so."""
    if before is not None and before.migrate == DJANGO_MIGRATE and not app.already_swapped:
        return None
    probed, run = django_run.probe(project, settings, python)
    if probed is None:
        return None
    owner = probed.migrate
    if owner in (app.module, None):
        return None
    where = project.rel(project.settings_files[0]) if project.settings_files else "settings"
    return Note(
        where,
        1,
        1,
        "`manage.py migrate` runs %s's migrate command, not %s's, so existing databases "
        "would not be adopted; list %s before %s in INSTALLED_APPS"
        % (owner, app.label, app.module, owner),
        "settings",
    )


def _check_initial(project: Project, created: list[str]) -> str | None:
    """The first migration must create User on auth_user with an integer AutoField id."""
    if len(created) != 1:
        return "makemigrations wrote %d migrations for the new app, expected one: %s" % (
            len(created),
            ", ".join(created) or "none",
        )
    text = (project.root / created[0]).read_text(encoding="utf-8")
    if not re.search(r"""["']db_table["']\s*:\s*["']auth_user["']""", text):
        return "%s does not create the model on the auth_user table" % created[0]
    if "BigAutoField" in text or "AutoField" not in text:
        return "%s does not give the user an AutoField id (auth_user.id is an integer)" % created[0]
    return None
