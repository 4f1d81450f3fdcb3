"""From the transforms' results to one plan: the edits, the new app, and the notes."""

from __future__ import annotations

from dataclasses import replace

from ..core.files import MIGRATION, PYTHON, SETTINGS, TEMPLATE, decode, read_text
from ..core.fmt import format_created, restyle_rewritten
from ..core.notes import Note
from ..core.plan import Plan
from ..core.project import Project
from ..core.runner import FileResult
from ..core.style import read_style
from . import index, scaffold
from .options import SwapOptions
from .preflight import NewApp, Refusal
from .transforms._common import ADMIN_MODEL_TEMPLATES

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


def build_options(project: Project, app: NewApp, python: str | None = None) -> SwapOptions:
    """Options for every transform: the new app, the names that mean auth's User in this project, and its style
    (`python`: the project's interpreter, whose environment may hold its formatters)."""
    sources = [f.path for f in project.files if f.role in (PYTHON, SETTINGS)]
    # Migrations may use auth's User too, but nothing takes names from them: they re-export nothing.
    migrations = frozenset(f.path for f in project.files if f.role == MIGRATION)
    modules = {}
    for path in [*sources, *sorted(migrations)]:
        modules[path] = (project.module_name(project.root / path), path.endswith("__init__.py"))
    found = index.build(
        project.root,
        list(modules),
        modules.__getitem__,
        lambda p: read_text(project.root, p),
        exporting=lambda p: p not in migrations,
    )
    first_party = frozenset(m.split(".")[0] for m, _ in modules.values() if m) | {app.module.split(".")[0]}
    return SwapOptions(
        label=app.label,
        app_module=app.module,
        user_names=found.user_names,
        reexporters=found.reexporters,
        user_files=found.user_files,
        settings_paths=project.settings_paths,
        style=read_style(project.root, app.folder.parent, first_party, python),
    )


def collect_plan(
    project: Project, app: NewApp, options: SwapOptions, results: list[FileResult]
) -> tuple[Plan, list[Note]]:
    plan = Plan(project.root)
    moves, notes = _admin_template_moves(project, app.label)
    facts: list[tuple] = []
    moved: dict[str, tuple[str, str]] = {}  # a moved template's rewritten text, and its encoding
    rewritten = {r.path: r.new_text for r in results if r.changed and r.path.endswith(".py") and r.encoding == "utf-8"}
    restyled = restyle_rewritten(project.root, rewritten, options.style)
    for r in results:
        if r.path in moves:  # said of the template where it will be
            notes.extend(replace(n, path=moves[r.path][0]) for n in r.notes)
        else:
            notes.extend(r.notes)
        facts.extend(r.facts)
        if r.changed and r.path in moves:
            moved[r.path] = (r.new_text, r.encoding)
        elif r.changed:
            plan.edit(r.path, r.old_text, restyled.get(r.path, r.new_text), r.encoding)
    _check_settings(app, facts)
    for old, (new, data) in moves.items():
        source = decode(data, python=False)
        text, encoding = moved.get(old) or (source.text, source.encoding)
        plan.move(old, data, new, text, encoding)
    app_dir = project.rel(app.folder)
    admins = list(dict.fromkeys((f[1], f[2]) for f in facts if f[0] == "user_admin"))
    forms = sorted({f[1] for f in facts if f[0] == "auth_forms"})
    if len(admins) > 1:
        shown = ", ".join("%s.%s" % a for a in admins)
        notes.append(Note(app_dir + "/admin.py", 1, 1, "the project registered several admins for auth's User "
                          "(%s); %s.%s is registered; merge the others into it" % (shown, *admins[0]),
                          "admin_registration"))
    if not app.already_swapped:
        for rel, text in scaffold.render_templates(options).items():
            _create(plan, project, "%s/%s" % (app_dir, rel), text, options)
        if admins or project.may_install("django.contrib.admin"):
            _create(plan, project, app_dir + "/admin.py", scaffold.render_admin(options, admins[0] if admins else None),
                    options)
    elif admins:
        notes.append(Note(app_dir + "/admin.py", 1, 1, "found a registration of auth's User (%s.%s) after the "
                          "swap; register it here with admin.site.register(User, %s)" % (*admins[0], admins[0][1]),
                          "admin_registration"))
    if forms and not (app.folder / "forms.py").exists():
        _create(plan, project, app_dir + "/forms.py", scaffold.render_forms(options, forms), options)
    elif forms and app.already_swapped:
        text = read_text(project.root, app_dir + "/forms.py") or ""
        missing = [n for n in forms if "class %s(" % n not in text]
        if missing:
            notes.append(Note(app_dir + "/forms.py", 1, 1, "add %s bound to the new User (see the other forms "
                              "here)" % ", ".join(missing), "auth_forms"))
    return plan, sorted(set(notes))


def _create(plan: Plan, project: Project, path: str, text: str, options: SwapOptions) -> None:
    plan.create(path, format_created(project.root, path, text, options.style))


def _admin_template_moves(project: Project, label: str) -> tuple[dict[str, tuple[str, bytes]], list[Note]]:
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


def _check_settings(app: NewApp, facts: list[tuple]) -> None:
    """Refuse, before anything is written, when no settings module takes the new app (the settings transform's
    facts): AUTH_USER_MODEL would name a model Django does not know."""
    refusals = sorted(f[1:] for f in facts if f[0] == "refuse")
    if refusals:
        raise Refusal("%s:%d: %s" % refusals[0])
    if not app.already_swapped and not any(f[0] == "installed" for f in facts):
        raise Refusal("no settings module in the project defines an INSTALLED_APPS the tool can add %s to; define "
                      "it in one (or pass --settings MODULE for the one that does)" % app.module)


def migration_paths(project: Project, app: NewApp) -> list[str]:
    folder = app.folder / "migrations"
    if not folder.is_dir():
        return []
    return sorted(project.rel(p) for p in folder.glob("[0-9]*.py"))


__all__ = ["build_options", "collect_plan", "migration_paths"]
