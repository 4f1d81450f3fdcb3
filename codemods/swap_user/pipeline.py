"""The swap, one step after another: facts -> app -> style -> index -> rewrite -> scaffold -> plan.

Each step takes what the steps before it gave and does its work once: Django starts once to say what it knows
(`facts`, writing runs only), the style is read once (`style`), the project index is built once (`index`), the
transforms run once (`rewrite`), the new app is rendered once (`scaffold`), and `plan` only puts the pieces
together. `main.py` runs every step and then writes; the doctor runs them up to `rewrite`, to see what swap_user
would change.
"""

from __future__ import annotations

import functools
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from ..core.cli import module_of
from ..core.django import DjangoFacts
from ..core.files import MIGRATION, PYTHON, SETTINGS, SourceFile, decode, read_text
from ..core.fmt import format_created, lay_out_rewritten, lays_out, restyle_rewritten
from ..core.notes import Note
from ..core.plan import Plan
from ..core.project import Project
from ..core.runner import FileResult, Selection, select_and_run
from ..core.style import ProjectStyle
from ..core.style import read_style as read_project_style
from . import index as project_index
from . import preflight
from . import scaffold as templates
from .changes import admin_template_moves, check_settings
from .options import SwapOptions
from .preflight import NewApp
from .transform_facts import AuthForm, UserAdmin, of_kind
from .transforms import TRANSFORMS

Progress = Callable[[str, int, int], None]


# -- facts -------------------------------------------------------------------------------------------------
def django_facts(project: Project, settings: str | None, python: str | None) -> DjangoFacts:
    """What the project's Django says (a writing run ends with its makemigrations and check: refuse now if it
    cannot start)."""
    return preflight.start_django(project, settings, python)


# -- app ---------------------------------------------------------------------------------------------------
def choose_app(
    project: Project, requested: str | None, facts: DjangoFacts | None, python: str | None = None
) -> NewApp:
    """The new app (or an earlier run's); refuses when there is none to choose."""
    return preflight.choose_app(project, requested, facts, python)


# -- style -------------------------------------------------------------------------------------------------
def read_style(project: Project, app: NewApp, python: str | None = None) -> ProjectStyle:
    """The project's style, read once, as its tools read it for the new app's folder; the project's top-level
    modules and the new app's are first party (`python`: the project's interpreter, whose environment may hold
    its formatters)."""
    find = module_of(project)
    first_party = {app.module.split(".")[0]}
    for f in project.files:
        if f.role in (PYTHON, SETTINGS, MIGRATION):
            module = find(f.path)[0]
            if module:
                first_party.add(module.split(".")[0])
    return read_project_style(project.root, app.folder.parent, frozenset(first_party), python)


# -- index -------------------------------------------------------------------------------------------------
def index(project: Project, app: NewApp, style: ProjectStyle) -> SwapOptions:
    """What every transform knows: the new app, the names that mean auth's User in this project (an ast pass
    over its Python files), and the style."""
    sources = [f.path for f in project.files if f.role in (PYTHON, SETTINGS)]
    # Migrations may use auth's User too, but nothing takes names from them: they re-export nothing.
    migrations = frozenset(f.path for f in project.files if f.role == MIGRATION)
    found = project_index.build(
        project.root,
        [*sources, *sorted(migrations)],
        module_of(project),
        lambda p: read_text(project.root, p),
        exporting=lambda p: p not in migrations,
    )
    return SwapOptions(
        label=app.label,
        app_module=app.module,
        user_names=found.user_names,
        reexporters=found.reexporters,
        user_files=found.user_files,
        settings_paths=project.settings_paths,
        style=style,
    )


# -- rewrite -----------------------------------------------------------------------------------------------
@dataclass
class Rewrite:
    selection: Selection
    results: list[FileResult]

    @property
    def facts(self) -> list:
        """What the transforms reported (transform_facts.py), file after file."""
        return [fact for r in self.results for fact in r.facts]


def rewrite(
    project: Project,
    options: SwapOptions,
    files: Sequence[SourceFile] | None = None,
    processes: int | None = None,
    progress: Progress | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Rewrite:
    """Every transform over the files that may need it (all the project's, unless `files` says), in memory;
    `meanwhile` runs in this process while the transforms run in the pool."""
    selection, results = select_and_run(
        project.root,
        project.files if files is None else files,
        TRANSFORMS,
        options,
        module_of(project),
        options.style,
        processes=processes,
        progress=progress,
        meanwhile=meanwhile,
        finish=(
            functools.partial(_lay_out, project.root, options.style)
            if lays_out(options.style)
            else None
        ),
    )
    return Rewrite(selection, results)


def _restyled(r: FileResult) -> bool:
    """Is the file's new text one that plan() settles with the project's formatters?"""
    return r.changed and r.path.endswith(".py") and r.encoding == "utf-8"


def _lay_out(root: Path, style: ProjectStyle, r: FileResult) -> FileResult:
    """In the worker that rewrote the file: black's layout of what changed (the restyle's black step, early)."""
    if _restyled(r):
        r.laid_out = lay_out_rewritten(root, style, r.path, r.new_text)
    return r


# -- scaffold ----------------------------------------------------------------------------------------------
@dataclass
class Scaffold:
    files: dict[str, str] = field(
        default_factory=dict
    )  # path -> text of a file of the new app, in its style
    notes: list[Note] = field(default_factory=list)


def scaffold(
    project: Project,
    app: NewApp,
    options: SwapOptions,
    facts: list,
    laid_out: dict[str, str] | None = None,
) -> Scaffold:
    """The new app's files (its models, adoption, admin, forms), from the templates and what the transforms
    found; refuses first when no settings module takes the app. `laid_out`: files of the app already in the
    project's style (template_files, made while the transforms ran)."""
    check_settings(app, facts)
    app_dir = project.rel(app.folder)
    laid_out = laid_out or {}
    with ThreadPoolExecutor(
        max_workers=4
    ) as pool:  # the project's formatters run as processes: overlap them
        pending: dict[str, Future[str]] = {}

        def create(rel: str, text: str) -> None:
            path = "%s/%s" % (app_dir, rel)
            if path not in laid_out:
                pending[path] = pool.submit(format_created, project.root, path, text, options.style)

        out = _scaffold(project, app, options, facts, create)
        out.files.update((path, laid_out[path]) for path in sorted(laid_out))
        out.files.update((path, future.result()) for path, future in pending.items())
    return out


def template_files(project: Project, app: NewApp, options: SwapOptions) -> dict[str, str]:
    """The new app's files that do not depend on what the transforms find, in the project's style, by path."""
    if app.already_swapped:
        return {}
    app_dir = project.rel(app.folder)
    with ThreadPoolExecutor(max_workers=4) as pool:
        pending = {
            path: pool.submit(format_created, project.root, path, text, options.style)
            for path, text in (
                ("%s/%s" % (app_dir, rel), text)
                for rel, text in templates.render_templates(options, formatted=False).items()
            )
        }
        return {path: future.result() for path, future in pending.items()}


def _scaffold(
    project: Project,
    app: NewApp,
    options: SwapOptions,
    facts: list,
    create: Callable[[str, str], None],
) -> Scaffold:
    out = Scaffold()
    app_dir = project.rel(app.folder)

    admins = list(dict.fromkeys((f.module, f.name) for f in of_kind(facts, UserAdmin)))
    forms = sorted({f.name for f in of_kind(facts, AuthForm)})
    if len(admins) > 1:
        shown = ", ".join("%s.%s" % a for a in admins)
        out.notes.append(
            Note(
                app_dir + "/admin.py",
                1,
                1,
                "the project registered several admins for auth's User "
                "(%s); %s.%s is registered; merge the others into it" % (shown, *admins[0]),
                "admin_registration",
            )
        )
    if not app.already_swapped:
        for rel, text in templates.render_templates(options, formatted=False).items():
            create(rel, text)  # unformatted: cheap, and skipped where template_files laid them out
        if admins or project.may_install("django.contrib.admin"):
            create("admin.py", templates.render_admin(options, admins[0] if admins else None))
    elif admins:
        out.notes.append(
            Note(
                app_dir + "/admin.py",
                1,
                1,
                "found a registration of auth's User (%s.%s) after the "
                "swap; register it here with admin.site.register(User, %s)"
                % (*admins[0], admins[0][1]),
                "admin_registration",
            )
        )
    if forms and not (app.folder / "forms.py").exists():
        create("forms.py", templates.render_forms(options, forms))
    elif forms and app.already_swapped:
        text = read_text(project.root, app_dir + "/forms.py") or ""
        missing = [n for n in forms if "class %s(" % n not in text]
        if missing:
            out.notes.append(
                Note(
                    app_dir + "/forms.py",
                    1,
                    1,
                    "add %s bound to the new User (see the other forms "
                    "here)" % ", ".join(missing),
                    "auth_forms",
                )
            )
    return out


# -- plan --------------------------------------------------------------------------------------------------
def plan(
    project: Project,
    app: NewApp,
    options: SwapOptions,
    results: list[FileResult],
    new_app: Scaffold,
    processes: int | None = None,
) -> tuple[Plan, list[Note]]:
    """One plan: the rewritten files (settled by the project's own tools, black in `processes`), the admin
    templates moved to the new app's path, the new app's files; and every note, sorted."""
    out = Plan(project.root)
    moves, notes = admin_template_moves(project, app.label)
    moved: dict[str, tuple[str, str]] = {}  # a moved template's rewritten text, and its encoding
    rewritten = {r.path: r.new_text for r in results if _restyled(r)}
    restyled = restyle_rewritten(
        project.root,
        rewritten,
        options.style,
        processes,
        laid_out={r.path: r.laid_out for r in results if r.laid_out is not None},
    )
    for r in results:
        if r.path in moves:  # said of the template where it will be
            notes.extend(replace(n, path=moves[r.path][0]) for n in r.notes)
        else:
            notes.extend(r.notes)
        if r.changed and r.path in moves:
            moved[r.path] = (r.new_text, r.encoding)
        elif r.changed:
            out.edit(r.path, r.old_text, restyled.get(r.path, r.new_text), r.encoding)
    for old, (new, data) in moves.items():
        source = decode(data, python=False)
        text, encoding = moved.get(old) or (source.text, source.encoding)
        out.move(old, data, new, text, encoding)
    for path, text in new_app.files.items():
        out.create(path, text)
    return out, sorted(set(notes + new_app.notes))
