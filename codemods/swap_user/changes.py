"""What the pipeline's plan step (pipeline.py) decides apart from the transforms: the admin templates that move,
the refusal when no settings module takes the new app, and the new app's migrations."""

from __future__ import annotations

from ..core.files import TEMPLATE, decode
from ..core.notes import Note
from ..core.project import Project
from .preflight import NewApp, Refusal
from .transform_facts import Installed, Refuse, of_kind
from .transforms.admin_urls import ADMIN_MODEL_TEMPLATES

TEMPLATE_TAKEN = (
    "%s already exists: the admin uses it for the new User, and no longer %s, an override for auth's User; "
    "merge this one into it and delete it"
)
TEMPLATE_UNREADABLE = (
    "an admin template override for auth's User, which the admin no longer uses after the swap; it could not "
    "be read as text to move it: move it to %s by hand"
)
TEMPLATE_APP_WIDE = (
    "an admin template for every model of the auth app, Users included; after the swap Users belong to the %s "
    "app and this one applies to Groups only; copy it to %s if the user admin needs it"
)


def admin_template_moves(
    project: Project, label: str
) -> tuple[dict[str, tuple[str, bytes]], list[Note]]:
    """The project's admin templates for auth's User that the admin finds by the model's path
    (<templates>/admin/auth/user/change_form.html, ...): each goes to admin/<label>/user/ in the same folder,
    with its bytes (path -> (new path, bytes)). Notes for what cannot move, and for auth's app-wide
    templates, which stop applying to Users."""
    moves: dict[str, tuple[str, bytes]] = {}
    notes: list[Note] = []
    for f in project.files:
        parts = f.parts
        if f.role != TEMPLATE or len(parts) < 4 or parts[-1] not in ADMIN_MODEL_TEMPLATES:
            continue
        if parts[-4:-1] == ("admin", "auth", "user"):
            new = "/".join([*parts[:-3], label, "user", parts[-1]])
            try:
                data = (project.root / f.path).read_bytes()
            except OSError:
                data = None
            if (project.root / new).exists():
                notes.append(Note(f.path, 1, 1, TEMPLATE_TAKEN % (new, f.path), "templates"))
            elif data is None or decode(data, python=False) is None:
                notes.append(Note(f.path, 1, 1, TEMPLATE_UNREADABLE % new, "templates"))
            else:
                moves[f.path] = (new, data)
        elif parts[-3:-1] == ("admin", "auth"):
            new = "/".join([*parts[:-2], label, parts[-1]])
            notes.append(Note(f.path, 1, 1, TEMPLATE_APP_WIDE % (label, new), "templates"))
    return moves, notes


def check_settings(app: NewApp, facts: list) -> None:
    """Refuse, before anything is written, when no settings module takes the new app (the settings transform's
    facts): AUTH_USER_MODEL would name a model Django does not know."""
    refusals = sorted((f.path, f.line, f.why) for f in of_kind(facts, Refuse))
    if refusals:
        raise Refusal("%s:%d: %s" % refusals[0])
    if not app.already_swapped and not of_kind(facts, Installed):
        raise Refusal(
            "no settings module in the project defines an INSTALLED_APPS the tool can add %s to; define "
            "it in one (or pass --settings MODULE for the one that does)" % app.module
        )


def migration_paths(project: Project, app: NewApp) -> list[str]:
    folder = app.folder / "migrations"
    if not folder.is_dir():
        return []
    return sorted(project.rel(p) for p in folder.glob("[0-9]*.py"))


__all__ = ["admin_template_moves", "check_settings", "migration_paths"]
