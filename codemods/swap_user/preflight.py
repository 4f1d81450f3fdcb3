"""Refusals, each one line, decided before anything is written."""

from __future__ import annotations

import importlib.util
import keyword
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core import django as django_run
from ..core import git
from ..core.django import DjangoFacts
from ..core.plan import Plan
from ..core.project import Project

DEFAULT_LABELS = ("accounts", "users")
_CUSTOM_USER = re.compile(r"class\s+User\s*\([^)]*AbstractUser[^)]*\)")
_ADOPTS_TABLE = re.compile(r"""db_table\s*=\s*["']auth_user["']""")


class Refusal(Exception):
    """The tool will not run on this project as it is; the message says why and what to do."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # shown with -v: the output behind the message


@dataclass(frozen=True)
class NewApp:
    label: str
    module: str  # dotted module, e.g. "accounts" or "hc.users"
    folder: Path  # absolute
    already_swapped: bool = False  # the app exists: an earlier run made it


def user_model_setting(project: Project, probed: DjangoFacts | None) -> str:
    if probed is not None:
        return probed.auth_user_model
    value = project.namespace.values.get("AUTH_USER_MODEL", "auth.User")
    return value if isinstance(value, str) else "auth.User"


def _is_our_model(folder: Path) -> bool:
    """Does this app hold a User(AbstractUser) that adopts auth_user (made by an earlier run)?"""
    models = folder / "models.py"
    try:
        text = models.read_text(encoding="utf-8")
    except OSError:
        return False
    return bool(_CUSTOM_USER.search(text) and _ADOPTS_TABLE.search(text))


def _labels(project: Project, probed: DjangoFacts | None) -> dict[str, str]:
    """Installed app labels -> their module, from Django when it started, else read statically."""
    if probed is not None:
        return {a.label: a.name for a in probed.apps}
    return {a.label: a.module for a in project.apps}


def _installed_app(
    project: Project, probed: DjangoFacts | None, label: str
) -> tuple[str | None, Path | None]:
    """(module, folder) of the installed app with this label: Django's answer, else the files'."""
    if probed is not None:
        for installed in probed.apps:
            if installed.label == label and installed.path:
                folder = Path(installed.path)
                try:
                    folder.resolve().relative_to(project.root)
                except ValueError:
                    return installed.name, None  # not part of the project: not ours
                return installed.name, folder
    app = next((a for a in project.apps if a.label == label), None)
    return (app.module, app.path) if app is not None else (None, None)


def choose_app(
    project: Project, requested: str | None, probed: DjangoFacts | None, python: str | None = None
) -> NewApp:
    """The new app: an earlier run's, the requested label, else accounts, else users."""
    setting = user_model_setting(project, probed)
    labels = _labels(project, probed)
    folder, package = project.apps_parent()
    if setting.lower() != "auth.user":
        label, _, model = setting.partition(".")
        module, path = _installed_app(project, probed, label)
        if model == "User" and path is not None and _is_our_model(path):
            if requested is not None and requested != label:
                raise Refusal(
                    "the project was already swapped to %s; --app-label %s does not match"
                    % (setting, requested)
                )
            return NewApp(label, module, path, already_swapped=True)
        raise Refusal(
            "AUTH_USER_MODEL is already %r, a custom user model; swap_user moves projects that use auth.User"
            % setting
        )
    if requested is not None:
        _check_label(requested)
        if requested in labels:
            raise Refusal(
                "app label %r is taken by %s; pass another --app-label"
                % (requested, labels[requested])
            )
        shadowed = None if package else _importable(project, requested, python)
        if shadowed:
            raise Refusal(
                "--app-label %s would hide the module %s (%s) from the project; pass another --app-label"
                % (requested, requested, shadowed)
            )
        return _new_app(requested, folder, package)
    taken = []
    for label in DEFAULT_LABELS:
        shadowed = None if package else _importable(project, label, python)
        if label in labels:
            taken.append("%s (%s)" % (label, labels[label]))
        elif (folder / label).exists():
            taken.append("%s (folder %s exists)" % (label, _rel(project, folder / label)))
        elif shadowed:
            taken.append("%s (module %s)" % (label, shadowed))
        else:
            return _new_app(label, folder, package)
    raise Refusal("app labels %s are taken; pass --app-label NAME" % " and ".join(taken))


def default_app(project: Project) -> NewApp:
    """The app swap_user makes when nothing else decides (the doctor names it where swap_user would refuse)."""
    folder, package = project.apps_parent()
    return NewApp(
        DEFAULT_LABELS[0],
        "%s.%s" % (package, DEFAULT_LABELS[0]) if package else DEFAULT_LABELS[0],
        folder / DEFAULT_LABELS[0],
    )


def _new_app(label: str, folder: Path, package: str) -> NewApp:
    target = folder / label
    if target.exists():
        raise Refusal("folder %s already exists; pass another --app-label" % target)
    return NewApp(label, "%s.%s" % (package, label) if package else label, target)


def _check_label(label: str) -> None:
    if not label.isidentifier() or keyword.iskeyword(label) or label != label.lower():
        raise Refusal(
            "--app-label %r is not a valid app label (a lowercase Python identifier)" % label
        )


def _importable(project: Project, name: str, python: str | None) -> str | None:
    """Where a top-level module of this name is found (the standard library's, an installed package's), by
    this Python and by the project's: a new app of that name would hide it."""
    own = project.path_for_module(name)
    if own is not None:
        return _rel(project, own)
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        return spec.origin or name
    interpreter = django_run.project_python(project, python)
    if interpreter == sys.executable:
        return None
    script = "import importlib.util as u, sys; s = u.find_spec(sys.argv[1]); print(s and (s.origin or sys.argv[1]))"
    try:
        found = subprocess.run(
            [interpreter, "-c", script, name],
            cwd=project.workdir,
            stdin=subprocess.DEVNULL,
            env=django_run.project_env(project),
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    origin = found.stdout.strip() if found.returncode == 0 else ""
    return origin if origin and origin != "None" else None


def check_clean(project: Project, allow_dirty: bool) -> None:
    """Refuse to write over uncommitted work: the diff of this run must be reviewable on its own."""
    if allow_dirty or not git.is_work_tree(project.root):
        return
    changed = git.uncommitted(project.root)
    if changed:
        more = " and %d more" % (len(changed) - 3) if len(changed) > 3 else ""
        raise Refusal(
            "git shows uncommitted changes (%s%s); commit or stash them, or pass --allow-dirty"
            % (", ".join(changed[:3]), more)
        )


def _rel(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


def start_django(project: Project, settings: str | None, python: str | None) -> DjangoFacts:
    """A writing run ends with Django's makemigrations and check: refuse now if the project's Django cannot start."""
    probed, run = django_run.probe(project, settings, python)
    if probed is None:
        raise Refusal(
            "Django could not start with %s: %s"
            % (django_run.project_python(project, python), run.last_error()),
            run.output,
        )
    return probed


def check_writable(project: Project, plan: Plan) -> None:
    """Every file the plan writes or removes, and the folder it is replaced in, must be writable."""
    for rel in plan.paths():
        target = project.root / rel
        folder = target.parent
        while not folder.exists():
            folder = folder.parent
        for place in ([target] if target.exists() else []) + [folder]:
            if not os.access(place, os.W_OK):
                raise Refusal(
                    "%s cannot be written (%s); make it writable and run again"
                    % (_rel(project, place), _why_not_writable(place))
                )


def _why_not_writable(path: Path) -> str:
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return "read-only file system"
    return "permission denied, or immutable"
