"""What every check reads: the project as its files say, its user model, swap_user's scan, its Django's answers.

Everything is read once, on first use. The static parts never import the project; `start_django` runs the
project's Django once in a subprocess (see probe.py) and records why, when it cannot.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from ..core import django as django_run
from ..core.django import DjangoFacts
from ..core.files import read_text
from ..core.models_reader import ModelClass, ModelIndex
from ..core.project import App, Project
from ..core.settings_reader import UNKNOWN
from ..swap_user import pipeline, preflight, scaffold
from . import probe, rewrites
from .findings import CODES, NEEDS_DJANGO

AUTH_USER = "auth.User"
# A model is a user model when one of these is among its ancestors.
USER_BASES = frozenset(
    {
        "django.contrib.auth.models.AbstractUser",
        "django.contrib.auth.models.AbstractBaseUser",
        "django.contrib.auth.base_user.AbstractBaseUser",
    }
)


def parse_python(path: Path) -> ast.Module | None:
    """A Python file's syntax tree, read as Python reads it (coding line, BOM); None when it cannot be."""
    text = read_text(path.parent, path.name)
    try:
        return None if text is None else ast.parse(text)
    except (SyntaxError, ValueError):
        return None


@dataclass(frozen=True)
class Skipped:
    codes: tuple[str, ...]
    reason: str


class Context:
    def __init__(
        self,
        project: Project,
        settings: str | None = None,
        jobs: int | None = None,
        python: str | None = None,
    ) -> None:
        self.project = project
        self.settings = settings
        self.jobs = jobs
        self.python = python  # the project's interpreter, when it is not found in the project
        self.django: dict | None = None  # the facts probe.django_facts read, when Django started
        self.facts: DjangoFacts | None = None  # the part of them swap_user reads, typed
        self.django_run: django_run.DjangoRun | None = None
        self.skipped: list[Skipped] = []
        self.memo: dict = {}  # what a check family computes once for itself

    # -- settings -----------------------------------------------------------------------------------
    @property
    def setting(self) -> str | None:
        """AUTH_USER_MODEL: Django's value when it started, else as the settings files say ("auth.User" when
        unset); None when the files compute it."""
        if self.facts is not None:
            return self.facts.auth_user_model
        values = self.project.namespace.values
        if "AUTH_USER_MODEL" not in values:
            # Unset, unless the settings build themselves in ways the files do not show (INSTALLED_APPS too).
            return AUTH_USER if self.installed_known else None
        value = values["AUTH_USER_MODEL"]
        return value if isinstance(value, str) else None

    @property
    def swapped(self) -> bool:
        return self.setting is not None and self.setting.lower() != AUTH_USER.lower()

    @property
    def user_label(self) -> str:
        """The app label of the user model (swapped), or of the app swap_user would create."""
        if self.swapped and self.setting:
            return self.setting.partition(".")[0]
        return self.swap_app.label

    @property
    def user_model_name(self) -> str:
        return self.setting.partition(".")[2] if self.swapped and self.setting else "User"

    @property
    def installed_known(self) -> bool:
        if self.django is not None:
            return True
        value = self.project.namespace.values.get("INSTALLED_APPS")
        return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)

    def assignment(self, name: str) -> tuple[str, int] | None:
        """(path, line) of the last assignment of a setting, in the primary settings' files."""
        for a in reversed(self.project.namespace.assignments):
            if a.name == name:
                try:
                    return self.project.rel(a.path), a.node.lineno
                except ValueError:
                    return None
        return None

    @cached_property
    def primary_settings_files(self) -> frozenset[str]:
        out = set()
        for path in self.project.namespace.files:
            try:
                out.add(self.project.rel(path))
            except ValueError:
                continue
        return frozenset(out)

    def setting_value(self, name: str, default=None):
        value = self.project.namespace.values.get(name, default)
        return None if value is UNKNOWN else value

    # -- apps and models ------------------------------------------------------------------------------
    @property
    def apps(self) -> list[App]:
        """INSTALLED_APPS: as Django loaded them when it started (settings the files cannot evaluate), else as
        the files say."""
        if self.django is None:
            return self.project.apps
        if "apps" not in self.memo:
            static = {a.module: a for a in self.project.apps}
            self.memo["apps"] = [
                App(
                    static[name].entry if name in static else name,
                    name,
                    label,
                    Path(path) if path and self.relative(path) is not None else None,
                )
                for label, name, path, *_dist in self.django["apps"]
            ]
        return self.memo["apps"]

    @property
    def local_apps(self) -> list[App]:
        return [a for a in self.apps if a.is_local]

    def app_by_label(self, label: str) -> App | None:
        return next((a for a in self.apps if a.label == label), None)

    @cached_property
    def models(self) -> ModelIndex:
        def load(module: str):
            path = self.project.path_for_module(module)
            if path is None or not path.is_file():
                return None
            rel = self.project.rel(path)
            text = read_text(self.project.root, rel)
            return None if text is None else (rel, text, path.name == "__init__.py")

        return ModelIndex(load)

    def models_modules(self, module: str, folder: Path | None) -> list[str]:
        """`<app>.models` and, for a models package, its submodules."""
        names = [module + ".models"]
        if folder is not None and (folder / "models").is_dir():
            for path in sorted((folder / "models").rglob("*.py")):
                name = self.project.module_name(path)
                if name and name not in names:
                    names.append(name)
        return names

    def app_models(self, app: App) -> list[ModelClass]:
        out = []
        for module in self.models_modules(app.module, app.path):
            out.extend(self.models.classes(module))
        return out

    def concrete_models(self, app: App) -> list[ModelClass]:
        return [
            c
            for c in self.app_models(app)
            if not c.abstract
            and c.name != "Meta"
            and self.models.inherits(
                c, {"django.db.models.Model", "django.db.models.base.Model"} | USER_BASES
            )
            is not False
        ]

    def is_user_model(self, cls: ModelClass) -> bool | None:
        return self.models.inherits(cls, USER_BASES)

    @cached_property
    def user_model_class(self) -> ModelClass | None:
        """The class AUTH_USER_MODEL names, read from the files (swapped projects with a local user app)."""
        if not self.swapped:
            return None
        app = self.app_by_label(self.user_label)
        if app is None or app.path is None:
            return None
        wanted = self.user_model_name.lower()
        return next((c for c in self.app_models(app) if c.name.lower() == wanted), None)

    def app_config_attribute(self, app: App, name: str) -> object:
        """A literal attribute of the app's AppConfig class in its apps.py (default_auto_field, say)."""
        tree = parse_python(app.path / "apps.py") if app.path is not None else None
        if tree is None:
            return None
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            if app.config_class and node.name != app.config_class:
                continue
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
                    if any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                        return stmt.value.value
        return None

    # -- swap_user ------------------------------------------------------------------------------------
    @cached_property
    def _choice(self) -> tuple[preflight.NewApp | None, str | None]:
        try:
            return pipeline.choose_app(self.project, None, self.facts), None
        except preflight.Refusal as exc:
            return None, str(exc)

    @property
    def swap_refusal(self) -> str | None:
        return self._choice[1]

    @property
    def fixable_by_swap_user(self) -> bool:
        """swap_user would take this project on (a swap it made earlier, or auth.User)."""
        return self._choice[0] is not None

    @cached_property
    def swap_app(self) -> preflight.NewApp:
        """The user app the transforms name: the project's own when swapped, else the one swap_user would make."""
        if self.swapped and self.setting:
            label = self.setting.partition(".")[0]
            app = self.app_by_label(label)
            module = app.module if app is not None else label
            folder = (
                app.path if app is not None and app.path is not None else self.project.root / label
            )
            return preflight.NewApp(label, module, folder, already_swapped=True)
        chosen = self._choice[0]
        return chosen if chosen is not None else preflight.default_app(self.project)

    @cached_property
    def options(self):
        """swap_user's pipeline up to its index: what every transform knows."""
        style = pipeline.read_style(self.project, self.swap_app, self.python)
        return pipeline.index(self.project, self.swap_app, style)

    @cached_property
    def scan(self) -> rewrites.Scan:
        """What every swap_user transform would change in the project (swap_user's rewrite step, in memory), and
        what it would leave to a person."""
        files = [f for f in self.project.files if f.path not in self.generated_files]
        return rewrites.scan(
            pipeline.rewrite(self.project, self.options, files, processes=self.jobs), self.options
        )

    @cached_property
    def generated_files(self) -> frozenset[str]:
        """The user app's files exactly as swap_user generates them (its adoption step): nothing to find there."""
        if not self.swapped or not self.swap_app.folder.is_dir():
            return frozenset()
        try:
            app_dir = self.project.rel(self.swap_app.folder)
        except ValueError:
            return frozenset()
        rendered = scaffold.render_templates(self.options)
        return frozenset(
            "%s/%s" % (app_dir, rel)
            for rel, text in rendered.items()
            if read_text(self.project.root, "%s/%s" % (app_dir, rel)) == text
        )

    # -- third-party apps ------------------------------------------------------------------------
    @cached_property
    def third_party(self) -> dict[str, probe.Located]:
        """Installed apps that are not part of the project (Django's own excluded): where Django loaded them
        from when it started, else located by the project's interpreter (a failure is recorded as skipped).
        """
        if self.django is not None:
            return {
                name: probe.Located(path, dist, version)
                for _label, name, path, dist, version in self.django["apps"]
                if not name.startswith("django.") and path and self.relative(path) is None
            }
        modules = [
            a.module
            for a in self.project.apps
            if not a.is_local and not a.module.startswith("django.")
        ]
        found, error = probe.locate_apps(self.project, list(dict.fromkeys(modules)), self.python)
        if error:
            self.skip(("D501",), "the installed packages could not be located: %s" % error)
        return found

    # -- the project's Django ---------------------------------------------------------------------
    def start_django(self) -> None:
        facts, run = probe.django_facts(self.project, self.settings, self.python)
        self.django, self.django_run = facts, run
        if facts is None:
            self.skip(NEEDS_DJANGO, "Django could not start (%s)" % run.last_error())
            self.note_static_limits()
            return
        self.facts = replace(
            DjangoFacts.from_json(facts), migrate=(facts.get("commands") or {}).get("migrate")
        )
        database = facts.get("database") or {}
        if "skipped" in database:
            self.skip(("D302", "D305", "D401", "D402", "D403"), database["skipped"])

    @property
    def database(self) -> dict | None:
        """What the probe read from the default database, None when it could not."""
        if self.django is None:
            return None
        db = self.django.get("database") or {}
        return None if "skipped" in db else db

    def relative(self, path: str) -> str | None:
        """A path relative to the project's root, None when it is outside."""
        try:
            return Path(path).resolve().relative_to(self.project.root).as_posix()
        except (ValueError, OSError):
            return None

    def note_static_limits(self) -> None:
        """Say what the files alone cannot tell, when Django is not there to tell it."""
        if self.setting is None:
            self.skip(
                tuple(c for c in CODES if c[:2] in ("D1", "D2", "D3") and c != "D107") + ("D601",),
                "the settings files do not say what AUTH_USER_MODEL is (it is computed when they run), and "
                "Django did not start",
            )
        elif not self.installed_known:
            self.skip(
                ("D101", "D103", "D501"),
                "INSTALLED_APPS is computed when the settings run, and Django did not start",
            )

    def skip(self, codes: tuple[str, ...], reason: str) -> None:
        self.skipped.append(Skipped(tuple(codes), reason))

    def user_app_name(self) -> str | None:
        """The dotted module of the user app, from Django when it started, else from the files."""
        if self.django and "user" in self.django:
            return self.django["user"]["app"]
        app = self.app_by_label(self.user_label)
        return app.module if app is not None else None
