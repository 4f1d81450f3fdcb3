"""From the transforms' results to one plan: the edits, the new app, and the notes."""

from __future__ import annotations

from ..core.files import MIGRATION, PYTHON, SETTINGS, read_text
from ..core.fmt import configured_lines_after_imports, configured_single_quotes
from ..core.notes import Note
from ..core.plan import Plan
from ..core.project import Project
from ..core.runner import FileResult
from . import index, scaffold
from .options import SwapOptions
from .preflight import NewApp


def build_options(project: Project, app: NewApp, line_length: int, configured: int | None = None) -> SwapOptions:
    """Options for every transform: the new app, and the names that mean auth's User in this project."""
    python = [f.path for f in project.files if f.role in (PYTHON, SETTINGS)]
    # Migrations may use auth's User too, but nothing takes names from them: they re-export nothing.
    migrations = frozenset(f.path for f in project.files if f.role == MIGRATION)
    modules = {}
    for path in [*python, *sorted(migrations)]:
        modules[path] = (project.module_name(project.root / path), path.endswith("__init__.py"))
    found = index.build(
        project.root,
        list(modules),
        modules.__getitem__,
        lambda p: read_text(project.root, p),
        exporting=lambda p: p not in migrations,
    )
    after_imports = configured_lines_after_imports(project.root)
    first_party = frozenset(m.split(".")[0] for m, _ in modules.values() if m) | {app.module.split(".")[0]}
    return SwapOptions(
        label=app.label,
        app_module=app.module,
        user_names=found.user_names,
        reexporters=found.reexporters,
        user_files=found.user_files,
        settings_paths=project.settings_paths,
        first_party=first_party,
        line_length=line_length,
        configured_line_length=configured,
        single_quotes=configured_single_quotes(project.root),
        lines_after_imports=after_imports if after_imports in (1, 2) else 1,
    )


def collect_plan(
    project: Project, app: NewApp, options: SwapOptions, results: list[FileResult]
) -> tuple[Plan, list[Note]]:
    plan = Plan(project.root)
    notes: list[Note] = []
    facts: list[tuple] = []
    for r in results:
        notes.extend(r.notes)
        facts.extend(r.facts)
        if r.changed:
            plan.edit(r.path, r.old_text, r.new_text, r.encoding)
    app_dir = project.rel(app.folder)
    admins = list(dict.fromkeys((f[1], f[2]) for f in facts if f[0] == "user_admin"))
    forms = sorted({f[1] for f in facts if f[0] == "auth_forms"})
    if len(admins) > 1:
        shown = ", ".join("%s.%s" % a for a in admins)
        notes.append(Note(app_dir + "/admin.py", 1, 1, "the project registered several admins for auth's User "
                          "(%s); %s.%s is registered; merge the others into it" % (shown, *admins[0]),
                          "admin_registration"))
    if not app.already_swapped:
        for rel, text in scaffold.render_templates(options, options.line_length).items():
            plan.create("%s/%s" % (app_dir, rel), text)
        if admins or project.may_install("django.contrib.admin"):
            plan.create(app_dir + "/admin.py", scaffold.render_admin(options, admins[0] if admins else None,
                                                                      options.line_length))
    elif admins:
        notes.append(Note(app_dir + "/admin.py", 1, 1, "found a registration of auth's User (%s.%s) after the "
                          "swap; register it here with admin.site.register(User, %s)" % (*admins[0], admins[0][1]),
                          "admin_registration"))
    if forms and not (app.folder / "forms.py").exists():
        plan.create(app_dir + "/forms.py", scaffold.render_forms(options, forms, options.line_length))
    elif forms and app.already_swapped:
        text = read_text(project.root, app_dir + "/forms.py") or ""
        missing = [n for n in forms if "class %s(" % n not in text]
        if missing:
            notes.append(Note(app_dir + "/forms.py", 1, 1, "add %s bound to the new User (see the other forms "
                              "here)" % ", ".join(missing), "auth_forms"))
    return plan, sorted(set(notes))


def migration_paths(project: Project, app: NewApp) -> list[str]:
    folder = app.folder / "migrations"
    if not folder.is_dir():
        return []
    return sorted(project.rel(p) for p in folder.glob("[0-9]*.py"))


__all__ = ["build_options", "collect_plan", "migration_paths"]
