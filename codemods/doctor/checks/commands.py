"""D6: the user app's migrate command (the adoption step) must be the one `manage.py migrate` runs.

An app's management command overrides Django's, and the earliest app in INSTALLED_APPS wins. Django says which
one wins when it starts; otherwise the order is read from the settings and the apps' folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..context import Context
from ..findings import ERROR, Finding


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.swapped:
        return
    app = ctx.app_by_label(ctx.user_label)
    if app is None or app.path is None or not _has_migrate(app.path):
        return  # no adoption step to shadow
    winner = _winner(ctx)
    if winner is None or winner == app.module:
        return
    at = ctx.assignment("INSTALLED_APPS")
    yield Finding(
        "D601",
        ERROR,
        "manage.py migrate runs %s's migrate command, not %s's, which adopts existing databases"
        % (winner, app.module),
        "the earliest app in INSTALLED_APPS wins a command name, so the adoption step never runs and migrate "
        "stops with InconsistentMigrationHistory on every existing database",
        "put %s first in INSTALLED_APPS: its migrate adopts, then hands over to %s's"
        % (app.entry, winner),
        path=at[0] if at else None,
        line=at[1] if at else None,
    )


def _has_migrate(folder: Path) -> bool:
    return (folder / "management" / "commands" / "migrate.py").is_file()


def _winner(ctx: Context) -> str | None:
    """The app whose migrate command runs: Django's answer, else the first app with one."""
    if ctx.django is not None:
        winner = (ctx.django.get("commands") or {}).get("migrate")
        return None if winner in (None, "django.core") else winner
    located = ctx.third_party
    for app in ctx.apps:
        folder = app.path
        if folder is None and app.module in located and located[app.module].path:
            folder = Path(located[app.module].path)
        if folder is not None and _has_migrate(folder):
            return app.module
    return None
