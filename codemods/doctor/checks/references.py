"""D2: references to auth's User that swap_user rewrites, found by its own transforms in check mode.

In a swapped project every such reference is left over and breaks (an error each). Before a swap they are what
swap_user will rewrite, which is no problem; only what it would leave to a person (its notes) is reported.
Also: a circular import through the user model's module, which a string reference would break.
"""

from __future__ import annotations

import ast
from typing import Iterator

from ...core.files import TEMPLATE
from ...core.models_reader import absolute_module, dotted
from ..context import Context, parse_python
from ..findings import BY_SWAP_USER, ERROR, WARNING, Finding

# transform (templates: any in a template) -> (code, what, why, fix); {label}, {model} and {app} are filled in.
KINDS: dict[str, tuple[str, str, str, str]] = {
    "model_fields": (
        "D201",
        "a relation field points at auth's User",
        "the system check fails with fields.E301: Field defines a relation with the model 'auth.User', which "
        "has been swapped out",
        "point it at settings.AUTH_USER_MODEL",
    ),
    "signals": (
        "D202",
        "a model signal receiver has auth's User as sender",
        "auth's User is swapped out, so the sender never matches and the receiver silently stops firing",
        "use sender=settings.AUTH_USER_MODEL (model signals resolve the lazy label)",
    ),
    "admin_registration": (
        "D203",
        "the admin registers or unregisters auth's User",
        "admin.site.unregister(User) raises NotRegistered while the admin loads, so every management command "
        "fails, migrate included; admin.site.register(User, ...) is silently ignored and the user admin is gone",
        "register {model} in {app}/admin.py (UserAdmin works on it), guarded by admin.site.is_registered",
    ),
    "auth_forms": (
        "D204",
        "a form uses Django's UserCreationForm/UserChangeForm, whose Meta.model is auth's User",
        "UserCreationForm.is_valid() raises AttributeError: Manager isn't available; 'auth.User' has been "
        "swapped for '{model}'",
        "subclass it with class Meta(UserCreationForm.Meta): model = get_user_model()",
    ),
    "model_strings": (
        "D205",
        "a string names the model auth.User",
        "it names the swapped-out model: get_model() gives a class whose manager raises Manager isn't "
        "available; 'auth.User' has been swapped for '{model}', and label comparisons never match",
        "use settings.AUTH_USER_MODEL",
    ),
    "permission_strings": (
        "D206",
        "a permission names auth.<action>_user",
        'the user permissions belong to the {label} app now: has_perm("auth.change_user") is False for '
        "everyone, so this check silently denies",
        "name it {label}.<action>_user",
    ),
    "admin_urls": (
        "D207",
        "an admin URL name is admin:auth_user_*",
        "it no longer resolves (NoReverseMatch); the user admin's names are admin:{label}_user_* (only "
        "admin:auth_user_password_change stays)",
        "use admin:{label}_user_*",
    ),
    "templates": (
        "D208",
        "a template checks perms.auth.*_user or names admin:auth_user_*",
        "perms.auth.change_user is False now and {{% url 'admin:auth_user_...' %}} raises NoReverseMatch",
        "use perms.{label}.<action>_user and admin:{label}_user_*",
    ),
    "fixtures": (
        "D209",
        'a fixture has "model": "auth.user" rows',
        "loaddata fails on rows with groups or user_permissions ('NoneType' object has no attribute '_meta'), "
        "and the rows name the swapped-out model",
        'name the model "{model_lower}" (and natural keys ["{label}", "user"])',
    ),
    "user_class": (
        "D210",
        "auth's User class is used here",
        "it is swapped out: User.objects raises AttributeError: Manager isn't available; 'auth.User' has been "
        "swapped for '{model}', and isinstance() checks are always False",
        "use get_user_model() (or import the new model)",
    ),
    "content_types": (
        "D211",
        "a content type look-up names auth's User",
        'the user\'s content type is ({label}, user) now: a look-up of ("auth", "user") raises '
        "ContentType.DoesNotExist, and get_for_model(auth's User) quietly re-creates an auth | user row",
        "use ContentType.objects.get_for_model(get_user_model())",
    ),
    "settings": (
        "D212",
        'this settings module does not install {app} or sets AUTH_USER_MODEL = "auth.User"',
        "run with it, Django stops with AUTH_USER_MODEL refers to model '{model}' that has not been installed, "
        "or runs on auth.User against a swapped database",
        'install {app} first in INSTALLED_APPS and set AUTH_USER_MODEL = "{model}"',
    ),
    "migrations": (
        "D304",
        "a migration hard-codes auth.User",
        'on a fresh or test database apps.get_model("auth", "User") gives the swapped-out model (Manager '
        "isn't available; 'auth.User' has been swapped for '{model}') and to=\"auth.User\" disagrees with the "
        "models; production never notices, CI does",
        "use apps.get_model(settings.AUTH_USER_MODEL) and migrations.swappable_dependency(settings.AUTH_USER_MODEL)",
    ),
}
CODE = {name: kind[0] for name, kind in KINDS.items()}
# In a template every kind (a permission, an admin URL name or path, a model label) is reported as the one
# template kind: what breaks there, and how to fix it, is said in the template's terms.
TEMPLATES = "templates"
# Reported by the migrations family (the issue files it there), from the same scan.
MIGRATIONS = "migrations"


def kind(transform: str, role: str) -> str:
    """The KINDS entry of a transform's site or note in a file of that role."""
    return TEMPLATES if role == TEMPLATE else transform


def fill(ctx: Context, text: str) -> str:
    model = ctx.setting if ctx.swapped and ctx.setting else "%s.User" % ctx.swap_app.label
    return text.format(
        label=ctx.user_label, model=model, model_lower=model.lower(), app=ctx.swap_app.module
    )


def site_findings(ctx: Context, sites) -> Iterator[Finding]:
    for site in sites:
        code, what, why, fix = KINDS[kind(site.transform, site.role)]
        if ctx.fixable_by_swap_user:
            fix += "; python -m codemods.doctor --fix (or swap_user) rewrites it"
        yield Finding(
            code,
            ERROR,
            "%s: `%s`" % (fill(ctx, what), site.snippet),
            fill(ctx, why),
            fill(ctx, fix),
            path=site.path,
            line=site.line,
            fixer=BY_SWAP_USER if ctx.fixable_by_swap_user else None,
        )


def left_over(ctx: Context) -> list:
    """Every reference to auth's User that swap_user would rewrite, but in the primary settings (D1's)."""
    return [
        s
        for s in ctx.scan.sites
        if not (s.transform == "settings" and s.path in ctx.primary_settings_files)
    ]


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.setting is None:
        return  # which model the references should name is not known
    scan = ctx.scan
    if ctx.swapped:
        yield from site_findings(ctx, [s for s in left_over(ctx) if s.transform != MIGRATIONS])
    for note in scan.notes:
        code = CODE.get(kind(note.transform, scan.roles.get(note.path, "")), "D210")
        prefix = (
            "left for a person after the swap"
            if ctx.swapped
            else "swap_user will leave this to a person"
        )
        yield Finding(
            code, WARNING, "%s: %s" % (prefix, note.message), path=note.path, line=note.line
        )
    for path, error in scan.unparsed:
        yield Finding(
            "D107",
            WARNING,
            "%s:%s does not parse" % (path, error),
            "it may hold a reference to auth's User, so swap_user refuses to run while it does not parse",
            "fix the syntax (or move the file out of the project)",
            path=path,
            line=_line(error),
        )
    for path in scan.unreadable:
        yield Finding(
            "D107",
            WARNING,
            "%s cannot be decoded in the encoding it declares (UTF-8 when it declares none)" % path,
            "swap_user cannot read it, so a reference to auth's User in it is neither rewritten nor reported",
            "declare its encoding on its first or second line (# -*- coding: latin-1 -*-) or save it as UTF-8",
            path=path,
        )
    for path, crash in scan.crashed:
        yield Finding(
            "D107",
            WARNING,
            "a swap_user transform failed on this file: %s" % crash,
            "swap_user would stop with an internal error",
            "report it with the file",
            path=path,
        )
    if ctx.swapped:
        yield from _circular(ctx)


def _line(error: str) -> int | None:
    head = error.split(":", 1)[0]
    return int(head) if head.isdigit() else None


# -- circular imports through the user model's module -----------------------------------------------------


def _circular(ctx: Context) -> Iterator[Finding]:
    model = ctx.user_model_class
    if model is None:
        return
    graph = _ImportGraph(ctx)
    start = model.module
    # Breadth first from the user model's module: the first module that needs the user model back closes the loop.
    parents: dict[str, tuple[str, int]] = {}
    queue = [start]
    seen = {start}
    while queue:
        module = queue.pop(0)
        for target, line in graph.edges(module):
            if target == start and module != start:
                yield _cycle_finding(ctx, model, graph, parents, module, line, "imports it back")
                return
            if target in seen:
                continue
            seen.add(target)
            parents[target] = (module, line)
            if graph.calls_get_user_model(target):
                yield _cycle_finding(
                    ctx,
                    model,
                    graph,
                    parents,
                    target,
                    graph.calls_get_user_model(target),
                    "calls get_user_model() while it is imported",
                )
                return
            queue.append(target)


def _cycle_finding(ctx, model, graph, parents, last: str, last_line: int, how: str) -> Finding:
    chain = [last]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]][0])
    chain.reverse()  # the user model's module first
    first_hop = chain[1] if len(chain) > 1 else last
    import_line = parents.get(first_hop, (model.module, model.line))[1]
    shown = " -> ".join(chain + ([model.module] if how == "imports it back" else []))
    last_path = graph.path(last) or last
    error = (
        "ImportError: cannot import name ... from partially initialized module '%s' (most likely due to a "
        "circular import)" % model.module
        if how == "imports it back"
        else "ImproperlyConfigured: AUTH_USER_MODEL refers to model '%s' that has not been installed"
        % ctx.setting
    )
    return Finding(
        "D220",
        ERROR,
        "circular import through the user model's module: %s (%s:%d %s)"
        % (shown, last_path, last_line, how),
        "Django imports %s to load %s, and the chain needs the user model before that module has finished: %s"
        % (model.module, ctx.setting, error),
        "in %s name the related models by string ('app_label.Model') instead of importing %s; in %s use "
        "settings.AUTH_USER_MODEL rather than the class" % (model.module, first_hop, last),
        path=model.path,
        line=import_line,
    )


class _ImportGraph:
    """Module-level imports between the project's modules (not under `if TYPE_CHECKING:`)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._trees: dict[str, tuple[str, ast.Module, bool] | None] = {}

    def _tree(self, module: str):
        if module not in self._trees:
            self._trees[module] = None
            path = self.ctx.project.path_for_module(module)
            tree = parse_python(path) if path is not None else None
            if tree is not None:
                self._trees[module] = (self.ctx.project.rel(path), tree, path.name == "__init__.py")
        return self._trees[module]

    def path(self, module: str) -> str | None:
        found = self._tree(module)
        return found[0] if found else None

    def _is_module(self, module: str) -> bool:
        return self._tree(module) is not None

    def edges(self, module: str) -> list[tuple[str, int]]:
        found = self._tree(module)
        if found is None:
            return []
        _, tree, is_package = found
        out = []
        for stmt in _module_level(tree.body):
            targets = []
            if isinstance(stmt, ast.ImportFrom):
                source = absolute_module(module, is_package, stmt.level, stmt.module)
                if source:
                    targets.append(source)
                    targets += [
                        n
                        for n in ("%s.%s" % (source, a.name) for a in stmt.names)
                        if self._is_module(n)
                    ]
            elif isinstance(stmt, ast.Import):
                targets += [alias.name for alias in stmt.names]
            for target in targets:
                parts = target.split(".")
                for i in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b first
                    name = ".".join(parts[:i])
                    if name != module and self._is_module(name):
                        out.append((name, stmt.lineno))
        return list(dict.fromkeys(out))

    def calls_get_user_model(self, module: str) -> int:
        """The line of a module-level get_user_model() call, else 0."""
        found = self._tree(module)
        if found is None:
            return 0
        for stmt in _module_level(found[1].body):
            if isinstance(
                stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)
            ):
                continue
            for node in _walk_outside_functions(stmt):
                if isinstance(node, ast.Call) and (dotted(node.func) or "").endswith(
                    "get_user_model"
                ):
                    return node.lineno
        return 0


def _module_level(body):
    for stmt in body:
        if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
            yield from _module_level(stmt.orelse)
            continue
        if isinstance(stmt, (ast.If, ast.Try)):
            yield from _module_level(stmt.body)
            yield from _module_level(getattr(stmt, "orelse", []))
            for handler in getattr(stmt, "handlers", []):
                yield from _module_level(handler.body)
            continue
        yield stmt


def _walk_outside_functions(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                stack.append(child)
