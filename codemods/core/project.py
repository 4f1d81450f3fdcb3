"""Discover a Django project from its files: root, settings modules, installed apps and their folders."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import files as files_mod
from .settings_reader import UNKNOWN, SettingsNamespace, read_settings, strings_of

SETTINGS_IN_PYTHON = re.compile(
    r"""["']DJANGO_SETTINGS_MODULE["']\s*(?:[,:]|\]\s*=)\s*f?["']([\w.]+)["']"""
)
SETTINGS_IN_CONFIG = re.compile(
    r"""^\s*(?:export\s+)?DJANGO_SETTINGS_MODULE\s*[=:]\s*["']?([\w.]+)["']?""", re.M
)
# Where teams name the settings module, in the order the tool believes them: the command it runs, the deploy
# entry points, the test runner's configuration, then the development environment.
SETTINGS_SOURCES = (
    ("manage.py",),
    ("wsgi.py", "asgi.py"),
    ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "conftest.py"),
    (".env", ".env.example", ".env.sample", ".devcontainer.json", "devcontainer.json"),
)
_DEVELOPMENT_MODULE = re.compile(r"(?:^|/)settings/(?:development|dev|local)\.py$")


class ProjectError(Exception):
    """The folder is not a Django project the tool can work on; the message is one line for the user."""


@dataclass
class App:
    """One entry of INSTALLED_APPS."""

    entry: str
    module: str
    label: str
    path: Path | None  # the app's package folder when it is part of the project
    config_class: str | None = None

    @property
    def is_local(self) -> bool:
        return self.path is not None


@dataclass
class Project:
    root: Path
    manage_py: Path | None
    source_roots: list[Path]
    settings_module: str | None
    settings_files: list[Path]
    installed_apps: list[str]
    apps: list[App]
    namespace: SettingsNamespace
    django_version: str | None
    files: list[files_mod.SourceFile] = field(
        default_factory=list
    )  # the files the tool reads and may rewrite
    # where the settings module was named: a file, or "--settings"
    settings_source: str | None = None
    listing: files_mod.Listing = field(default_factory=lambda: files_mod.Listing([]))

    # -- modules and paths ----------------------------------------------------------------------
    @property
    def workdir(self) -> Path:
        """Where the project's commands run: manage.py's folder (a developer runs it from there)."""
        return self.manage_py.parent if self.manage_py is not None else self.root

    def module_name(self, path: Path) -> str | None:
        """The dotted module name of a file under one of the source roots (asked of every file: compared as
        text, as PurePath.relative_to compares parts)."""
        path = path if path.is_absolute() else self.root / path
        text = str(path)
        for root in sorted(self.source_roots, key=lambda p: len(p.parts), reverse=True):
            prefix = str(root).rstrip(os.sep) + os.sep
            if not text.startswith(prefix) or len(text) == len(prefix):
                continue
            parts = text[len(prefix) :].split(os.sep)
            name = parts[-1]
            dot = name.rfind(".")
            if 0 < dot < len(name) - 1:  # PurePath.with_suffix("")
                parts[-1] = name[:dot]
            if parts and parts[-1] == "__init__":
                parts.pop()
            if parts and all(p.isidentifier() for p in parts):
                return ".".join(parts)
        return None

    def path_for_module(self, module: str) -> Path | None:
        """The file (module.py or package/__init__.py, or a namespace folder) of a project module."""
        parts = module.split(".")
        for root in self.source_roots:
            base = root.joinpath(*parts)
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    return candidate
            if base.is_dir() and any(base.glob("*.py")):
                return base
        return None

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @property
    def settings_paths(self) -> frozenset[str]:
        out = set()
        for p in self.settings_files:
            try:
                out.add(self.rel(p))
            except ValueError:
                continue
        return frozenset(out)

    @property
    def labels(self) -> set[str]:
        return {a.label for a in self.apps}

    def may_install(self, module: str) -> bool:
        """Is the app at module in INSTALLED_APPS, or may it be among the entries code adds there?"""
        value = self.namespace.values.get("INSTALLED_APPS", UNKNOWN)
        if not isinstance(value, (list, tuple)) or UNKNOWN in value:
            return True
        if any(app.module == module for app in self.apps):
            return True
        # Another settings module (prod.py beside dev.py) may name it: a string on a line that is not a comment.
        named = re.compile(r"""^[^#\n]*["']%s(?:\.apps\.\w+)?["']""" % re.escape(module), re.M)
        return any(
            named.search(path.read_text(encoding="utf-8", errors="replace"))
            for path in self.settings_files
        )

    @property
    def local_apps(self) -> list[App]:
        return [a for a in self.apps if a.is_local]

    def apps_parent(self) -> tuple[Path, str]:
        """Where the project keeps its apps: a folder and its dotted package ('' for a source root)."""
        local = [a for a in self.local_apps if a.path is not None]
        if not local:
            settings = self.settings_module or ""
            package = settings.rpartition(".")[0]
            found = self.path_for_module(package) if package else None
            if found is not None:
                folder = found.parent if found.is_file() else found
                return folder.parent, package.rpartition(".")[0]
            return self.root, ""
        # An app that holds the settings is the project's package (`dojo` with `dojo.settings`): apps go in it.
        top = (self.settings_module or "").split(".")[0]
        parents = [a.module.split(".")[: None if a.module == top else -1] for a in local]
        prefix: list[str] = []
        for parts in zip(*parents):
            if len(set(parts)) != 1:
                break
            prefix.append(parts[0])
        app = local[0]
        levels = len(app.module.split(".")) - len(prefix)  # how far the app sits below the prefix
        return app.path.parents[levels - 1] if levels else app.path, ".".join(prefix)


# -- discovery ------------------------------------------------------------------------------------


def _settings_candidates(root: Path, listing: list[str], workdir: Path) -> list[tuple[str, str]]:
    """(module, the file that names it) for every settings module the project names, most believed first;
    else its settings package's only development module."""
    found: list[tuple[str, str]] = []
    listed = set(listing)
    for names in SETTINGS_SOURCES:
        tier = [rel for rel in listing if rel.rsplit("/", 1)[-1] in names]
        # Files git ignores (.env) still name what the developer's manage.py loads.
        for folder in dict.fromkeys((root, workdir)):
            tier += [
                r
                for r in (_rel(folder / n, root) for n in names)
                if r not in listed and (root / r).is_file()
            ]
        tier.sort(key=lambda rel: (rel.count("/"), names.index(rel.rsplit("/", 1)[-1]), rel))
        for rel in tier:
            try:
                text = (root / rel).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            pattern = SETTINGS_IN_PYTHON if rel.endswith((".py", ".json")) else SETTINGS_IN_CONFIG
            for m in pattern.finditer(text):
                if m.group(1) not in [module for module, _ in found]:
                    found.append((m.group(1), rel))
    if not found:
        development = [rel for rel in listing if _DEVELOPMENT_MODULE.search(rel)]
        if len(development) == 1:
            path = root / development[0]
            base = workdir if inside(path, workdir) else root
            module = ".".join(path.relative_to(base).with_suffix("").parts)
            found.append(
                (module, "%s, the settings package's only development module" % development[0])
            )
    return found


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _source_roots(root: Path, settings_modules: list[str]) -> list[Path]:
    roots = [root]
    src = root / "src"
    if src.is_dir():
        roots.append(src)
    for module in settings_modules:
        parts = module.split(".")
        for base in list(roots) + [
            p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
        ]:
            target = base.joinpath(*parts)
            if target.with_suffix(".py").is_file() or (target / "__init__.py").is_file():
                if base not in roots:
                    roots.append(base)
                break
    return roots


def _read_app_config(module_path: Path, class_name: str | None) -> tuple[str | None, str | None]:
    """(name, label) of an AppConfig class in an apps.py, read statically."""
    try:
        tree = ast.parse(module_path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None, None
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    if class_name:
        classes = [c for c in classes if c.name == class_name]
    else:
        configs = [c for c in classes if any("AppConfig" in ast.unparse(b) for b in c.bases)]
        defaults = [
            c
            for c in configs
            if any(
                isinstance(s, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "default" for t in s.targets)
                and isinstance(s.value, ast.Constant)
                and s.value.value is True
                for s in c.body
            )
        ]
        classes = defaults or (configs if len(configs) == 1 else [])
    if not classes:
        return None, None
    attrs: dict[str, str] = {}
    for stmt in classes[0].body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
            for t in stmt.targets:
                if isinstance(t, ast.Name) and isinstance(stmt.value.value, str):
                    attrs[t.id] = stmt.value.value
    return attrs.get("name"), attrs.get("label")


def _resolve_app(entry: str, project: Project) -> App:
    parts = entry.split(".")
    # "pkg.apps.PkgConfig": a dotted path to an AppConfig class
    if len(parts) >= 2 and parts[-1][:1].isupper():
        config_module = ".".join(parts[:-1])
        config_path = project.path_for_module(config_module)
        if config_path is not None and config_path.is_file():
            name, label = _read_app_config(config_path, parts[-1])
            module = name or (".".join(parts[:-2]) if parts[-2] == "apps" else config_module)
            folder = project.path_for_module(module)
            folder = folder.parent if folder is not None and folder.is_file() else folder
            return App(entry, module, label or module.rpartition(".")[2], folder, parts[-1])
        module = ".".join(parts[:-2]) if len(parts) > 2 and parts[-2] == "apps" else config_module
        return App(entry, module, module.rpartition(".")[2], None, parts[-1])
    folder = project.path_for_module(entry)
    if folder is not None:
        pkg = folder.parent if folder.is_file() else folder
        label = None
        if (pkg / "apps.py").is_file():
            _, label = _read_app_config(pkg / "apps.py", None)
        return App(entry, entry, label or parts[-1], pkg)
    return App(entry, entry, parts[-1], None)


def _django_version() -> str | None:
    try:
        return importlib.metadata.version("django")
    except importlib.metadata.PackageNotFoundError:
        return None


def discover(path: Path, settings_module: str | None = None) -> Project:
    """Find the project rooted at path; raise ProjectError with one line when it is not one."""
    root = path.resolve()
    if not root.is_dir():
        raise ProjectError("%s is not a folder" % path)
    listed = files_mod.list_files(root)
    listing = (
        listed.found
    )  # an untracked manage.py or settings module still tells where the project is
    manage_py = _manage_py(root, listing, path, settings_module)
    named = _settings_candidates(root, listing, manage_py.parent if manage_py is not None else root)
    if settings_module:
        named = [(settings_module, "--settings")] + [c for c in named if c[0] != settings_module]
    candidates = [module for module, _ in named]
    roots = _source_roots(root, candidates)
    if manage_py is not None and manage_py.parent not in roots:
        roots.append(manage_py.parent)  # manage.py puts its folder on sys.path
    project = Project(
        root=root,
        manage_py=manage_py,
        source_roots=roots,
        settings_module=None,
        settings_files=[],
        installed_apps=[],
        apps=[],
        namespace=SettingsNamespace(),
        django_version=_django_version(),
    )

    def resolve(module: str, importer: Path, level: int) -> Path | None:
        if level:
            base = importer.parent
            for _ in range(level - 1):
                base = base.parent
            target = base.joinpath(*module.split(".")) if module else base
            for cand in (target.with_suffix(".py"), target / "__init__.py"):
                if cand.is_file():
                    return cand
            return None
        found = project.path_for_module(module) if module else None
        return found if found is not None and found.is_file() else None

    primary = None
    for module, source in named:
        p = project.path_for_module(module)
        if p is not None and p.is_file():
            primary = (module, p)
            project.settings_source = source
            break
    if primary is None:
        if candidates:
            raise ProjectError(
                "settings module %s (named in %s) was not found under %s (pass --settings MODULE)"
                % (named[0][0], named[0][1], path)
            )
        raise ProjectError(
            "no settings module is named in %s's manage.py, wsgi.py, asgi.py, pytest or tox configuration, .env "
            "or devcontainer.json: pass --settings MODULE" % path
        )
    project.settings_module = primary[0]
    ns = read_settings(primary[1], resolve)
    project.namespace = ns
    settings_files = [f for f in ns.files if inside(f, root)]
    # Other settings modules of the project (dev/prod/test variants) that define INSTALLED_APPS.
    for rel in listing:
        if not rel.endswith(".py") or files_mod.role_of(rel) != files_mod.PYTHON:
            continue
        p = root / rel
        if p in settings_files:
            continue
        if _defines_installed_apps(p):
            settings_files.append(p)
            for extra in read_settings(p, resolve).files:
                if inside(extra, root) and extra not in settings_files:
                    settings_files.append(extra)
    project.settings_files = settings_files
    project.installed_apps = strings_of(ns.values.get("INSTALLED_APPS"))
    project.apps = [_resolve_app(entry, project) for entry in project.installed_apps]
    project.listing = listed
    project.files = files_mod.project_files(root, project.settings_paths, listed.files)
    return project


def _manage_py(
    root: Path, listing: list[str], path: Path, settings_module: str | None
) -> Path | None:
    """manage.py at the top, else the only one a folder down (src/manage.py, backend/manage.py)."""
    if (root / "manage.py").is_file():
        return root / "manage.py"
    nested = sorted(rel for rel in listing if rel.count("/") == 1 and rel.endswith("/manage.py"))
    if len(nested) == 1:
        return root / nested[0]
    if settings_module:
        return None
    if nested:
        raise ProjectError(
            "%s has no manage.py at the top but several a folder down (%s): run on one of those folders"
            % (path, ", ".join(nested))
        )
    raise ProjectError(
        "%s is not a Django project: no manage.py in it (pass --settings MODULE if it has none)"
        % path
    )


def inside(path: Path, root: Path) -> bool:
    """Is path (resolved) under root?"""
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        return False


_INSTALLED_APPS_ASSIGN = re.compile(rb"^INSTALLED_APPS\s*(?::[^=\n]*)?\+?=", re.M)


def _defines_installed_apps(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return bool(_INSTALLED_APPS_ASSIGN.search(data))
