"""Generate a large Django project, deterministically, for the swap_user speed benchmark.

    python benchmarks/genproject.py OUT_DIR [--modules N] [--seed S] [--large K]

The project has the shape of a real one: `manage.py`, split settings (`config/settings/base.py` with
`INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS`, and dev/test/prod variants), and 40-60 apps under `apps/`, each with
models, managers, admin, views, forms, serializers, urls, signals, services, selectors, utils, tasks,
permissions, management commands, template tags, a `migrations/` folder with many migrations and a `tests/`
package with many test modules; plus templates, fixtures and the odd non-Python file. Everything is committed in
a fresh git repository (fixed author and dates, so the same seed gives the same commit).

References to auth's User have a realistic density: most files never mention it; in a few user-facing apps the
models, admin, forms, views, signals and some tests import `from django.contrib.auth.models import User` (or
take it from `apps.core.compat`, a re-exporting module), use FKs to it, `@receiver(post_save, sender=User)`,
permission strings "auth.change_user" and admin URL names; a few data migrations load
`apps.get_model("auth", "User")`; one module defines a local `class User` of its own. Many other files only
say UserProfile, `request.user`, `get_user_model()` or `settings.AUTH_USER_MODEL`: they must be cheap to skip.

With --large K the project also holds K modules of several thousand lines each in the `users` app (a legacy
layer: a proxy of User, dozens of models with FKs to it, views, signal handlers and helpers), where references
to auth's User are dense and some imported names are also bound locally (a parameter, a class attribute), as
in real code that grew for years: the rewrite's cost there must follow the references, not the lines.

The counts printed at the end (modules, lines, lines in files that reference auth's User) are also written to
OUT_DIR/.benchmark.json, which benchmarks/rewrite.py reads when it reuses a generated project.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import keyword
import os
import random
import re
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the output changes, so that cached projects (benchmarks/rewrite.py) are made anew.
GENERATOR_VERSION = 2
DEFAULT_MODULES = 2500
DEFAULT_SEED = 1

APP_NAMES = [
    "billing",
    "invoices",
    "payments",
    "subscriptions",
    "catalog",
    "inventory",
    "orders",
    "shipping",
    "returns",
    "reviews",
    "notifications",
    "messaging",
    "comments",
    "teams",
    "organizations",
    "projects",
    "tasks",
    "calendars",
    "events",
    "bookings",
    "search",
    "analytics",
    "reports",
    "audit",
    "integrations",
    "webhooks",
    "support",
    "tickets",
    "knowledge",
    "blog",
    "pages",
    "media",
    "uploads",
    "exports",
    "imports",
    "scheduling",
    "coupons",
    "loyalty",
    "referrals",
    "newsletters",
    "surveys",
    "feedback",
    "onboarding",
    "compliance",
    "documents",
    "contracts",
    "locations",
    "vendors",
    "warehouses",
    "pricing",
    "taxes",
    "currencies",
    "dashboards",
    "flags",
    "moderation",
    "forums",
    "chat",
    "wishlists",
    "carts",
    "promotions",
    "partners",
    "leads",
    "campaigns",
]
# Apps whose code is about people: the ones that reference auth's User directly.
USER_FACING = [
    "teams",
    "organizations",
    "tickets",
    "comments",
    "reviews",
    "messaging",
    "forums",
    "audit",
    "bookings",
    "moderation",
    "support",
    "chat",
]
NOUNS = [
    "Plan",
    "Entry",
    "Event",
    "Batch",
    "Rule",
    "Schedule",
    "Record",
    "Attachment",
    "Note",
    "Tag",
    "Category",
    "Policy",
    "Snapshot",
    "Period",
    "Adjustment",
    "Request",
    "Template",
    "Channel",
    "Rate",
    "Export",
    "Version",
    "Step",
    "Stage",
    "Slot",
    "Item",
    "Line",
    "Group",
    "Assignment",
    "Reminder",
    "Quota",
    "Setting",
    "Approval",
    "Checklist",
    "Rating",
    "Estimate",
    "Milestone",
    "Contact",
    "Address",
    "Label",
    "Revision",
]
WORDS = [
    "draft",
    "pending",
    "active",
    "archived",
    "expired",
    "cancelled",
    "approved",
    "rejected",
    "queued",
    "failed",
    "completed",
    "scheduled",
    "paused",
    "open",
    "closed",
    "review",
    "published",
    "hidden",
    "locked",
    "retry",
]
ADJECTIVES = [
    "recent",
    "stale",
    "overdue",
    "visible",
    "billable",
    "pending",
    "flagged",
    "featured",
    "shared",
    "pinned",
    "expiring",
    "unassigned",
    "public",
    "primary",
]
VERBS = [
    "archive",
    "approve",
    "reject",
    "publish",
    "recalculate",
    "sync",
    "notify",
    "close",
    "reopen",
    "duplicate",
    "export",
    "refresh",
    "assign",
    "escalate",
    "expire",
    "lock",
    "unlock",
    "merge",
]
TEXT_FIELDS = [
    "title",
    "name",
    "reference",
    "code",
    "label",
    "summary",
    "source",
    "kind",
    "external_id",
    "color",
    "slug_hint",
    "channel",
    "region",
    "locale",
]
NUM_FIELDS = [
    "amount",
    "quantity",
    "position",
    "score",
    "weight",
    "priority",
    "attempts",
    "capacity",
    "duration_minutes",
    "limit",
]
DATE_FIELDS = [
    "starts_at",
    "ends_at",
    "due_at",
    "completed_at",
    "published_at",
    "expires_at",
    "last_synced_at",
    "reviewed_at",
]
BOOL_FIELDS = [
    "is_active",
    "is_archived",
    "is_public",
    "is_featured",
    "is_locked",
    "requires_review",
    "send_reminders",
    "is_default",
]
PEOPLE_FIELDS = [
    "owner",
    "author",
    "assignee",
    "reviewer",
    "created_by",
    "approved_by",
    "requested_by",
]


def db_name(app: str, model: str, field: str, suffix: str) -> str:
    """An index or constraint name: readable, at most 30 characters, unique in the project (Django E030)."""
    digest = hashlib.sha1(("%s.%s.%s.%s" % (app, model, field, suffix)).encode()).hexdigest()[:6]
    return "%s_%s_%s_%s" % (model[:10], field[:6], digest, suffix[:4])


def camel(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_"))


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith(("sses", "xes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def plural(name: str) -> str:
    if name.endswith("y") and not name.endswith(("ay", "ey", "oy")):
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "ch")):
        return name + "es"
    return name + "s"


def imp(module: str, names) -> list[str]:
    """`from module import a, b`, wrapped the way black wraps it when it is too long."""
    names = list(names)
    line = "from %s import %s" % (module, ", ".join(names))
    if len(line) <= 100:
        return [line]
    return ["from %s import (" % module] + ["    %s," % n for n in names] + [")"]


class Src:
    """Lines of Python with an indentation level."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.level = 0

    def __call__(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(("    " * self.level + line) if line else "")

    @contextmanager
    def block(self, header: str):
        self(header)
        self.level += 1
        yield
        self.level -= 1

    def blank(self, n: int = 1) -> None:
        self.lines.extend([""] * n)

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def docstring(src: Src, text: str) -> None:
    src('"""%s"""' % text)


# -- the plan: apps, their models and their fields ---------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # char, text, slug, decimal, int, bool, datetime, date, json, email, url, uuid, status, fk, user
    target: str | None = None  # for fk: "Model" or "app.Model"
    null: bool = False
    related: str | None = None

    def model_code(self, user_name: str) -> str:
        k = self.kind
        if k == "char":
            return "models.CharField(max_length=%d, blank=%s)" % (
                120 if "name" in self.name else 64,
                self.null,
            )
        if k == "text":
            return "models.TextField(blank=True)"
        if k == "slug":
            return "models.SlugField(max_length=80, unique=True)"
        if k == "decimal":
            return 'models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))'
        if k == "int":
            return "models.PositiveIntegerField(default=0)"
        if k == "bool":
            return "models.BooleanField(default=%s)" % (
                self.name in ("is_active", "send_reminders")
            )
        if k == "datetime":
            return "models.DateTimeField(null=True, blank=True, db_index=True)"
        if k == "created":
            return "models.DateTimeField(auto_now_add=True)"
        if k == "updated":
            return "models.DateTimeField(auto_now=True)"
        if k == "date":
            return "models.DateField(null=True, blank=True)"
        if k == "json":
            return "models.JSONField(default=dict, blank=True)"
        if k == "email":
            return "models.EmailField(blank=True)"
        if k == "url":
            return "models.URLField(blank=True)"
        if k == "uuid":
            return "models.UUIDField(default=uuid.uuid4, editable=False, unique=True)"
        if k == "status":
            return (
                "models.CharField(max_length=20, choices=Status.choices, default=Status.%s)"
                % "DRAFT"
            )
        if k == "fk":
            if self.null:
                return (
                    'models.ForeignKey(\n    "%s",\n    on_delete=models.SET_NULL,\n    null=True,\n    blank=True,\n'
                    '    related_name="%s",\n)' % (self.target, self.related)
                )
            return 'models.ForeignKey("%s", on_delete=models.CASCADE, related_name="%s")' % (
                self.target,
                self.related,
            )
        if k == "user":
            if self.null:
                return (
                    "models.ForeignKey(\n    %s,\n    on_delete=models.SET_NULL,\n    null=True,\n"
                    '    blank=True,\n    related_name="%s",\n)' % (user_name, self.related)
                )
            return 'models.ForeignKey(%s, on_delete=models.PROTECT, related_name="%s")' % (
                user_name,
                self.related,
            )
        raise ValueError(k)

    def migration_code(self, app: str) -> str:
        k = self.kind
        if k == "status":
            return (
                'models.CharField(choices=[("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],'
                ' default="draft", max_length=20)'
            )
        if k == "fk":
            target = self.target if "." in self.target else "%s.%s" % (app, self.target.lower())
            if self.null:
                return (
                    "models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, "
                    'related_name="%s", to="%s")' % (self.related, target.lower())
                )
            return (
                'models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="%s", to="%s")'
                % (self.related, target.lower())
            )
        if k == "user":
            if self.null:
                return (
                    "models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, "
                    'related_name="%s", to=settings.AUTH_USER_MODEL)' % self.related
                )
            return (
                'models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="%s", '
                "to=settings.AUTH_USER_MODEL)" % self.related
            )
        code = self.model_code("User").replace("Status.choices", "[]")
        code = code.replace('Decimal("0.00")', 'decimal.Decimal("0.00")')
        return code


@dataclass
class Model:
    name: str
    fields: list[Field]
    app: str

    @property
    def snake(self) -> str:
        return snake(self.name)

    @property
    def has_status(self) -> bool:
        return any(f.kind == "status" for f in self.fields)

    @property
    def people(self) -> list[Field]:
        return [f for f in self.fields if f.kind == "user"]

    def first(self, *kinds: str) -> Field | None:
        return next((f for f in self.fields if f.kind in kinds), None)

    @property
    def label_field(self) -> str:
        f = self.first("char")
        return f.name if f else "pk"


@dataclass
class App:
    name: str
    stem: str
    models: list[Model] = field(default_factory=list)
    user_facing: bool = False
    n_migrations: int = 2
    n_tests: int = 2
    commands: list[str] = field(default_factory=list)
    config_entry: bool = False  # INSTALLED_APPS names its AppConfig class

    @property
    def module(self) -> str:
        return "apps.%s" % self.name

    @property
    def config_class(self) -> str:
        return camel(self.name) + "Config"


# Modules every app has (besides migrations 0001..., tests/test_*.py and management commands).
FIXED_APP_MODULES = [
    "__init__.py",
    "apps.py",
    "models.py",
    "managers.py",
    "admin.py",
    "views.py",
    "forms.py",
    "serializers.py",
    "urls.py",
    "signals.py",
    "services.py",
    "selectors.py",
    "utils.py",
    "tasks.py",
    "permissions.py",
    "constants.py",
    "api/__init__.py",
    "api/views.py",
    "api/urls.py",
    "management/__init__.py",
    "management/commands/__init__.py",
    "templatetags/__init__.py",
    "templatetags/{app}_tags.py",
    "migrations/__init__.py",
    "tests/__init__.py",
    "tests/factories.py",
]
COMMANDS_PER_APP = 2


class Project:
    """Everything generated: files by relative path, and which Python files reference auth's User."""

    def __init__(self, seed: int, modules: int, large: int = 0) -> None:
        self.seed = seed
        self.large = large
        self.rng = random.Random("plan:%d" % seed)
        self.files: dict[str, str] = {}
        self.user_refs: set[str] = set()
        self.apps: list[App] = []
        self.plan(modules)

    def rng_for(self, *key: object) -> random.Random:
        return random.Random(":".join([str(self.seed), *map(str, key)]))

    def add(self, path: str, text: str, user_ref: bool = False) -> None:
        assert path not in self.files, path
        self.files[path] = text
        if user_ref:
            self.user_refs.add(path)

    # -- the plan ------------------------------------------------------------------------------
    def plan(self, modules: int) -> None:
        rng = self.rng
        n_apps = max(4, min(60, round(modules / 48)))
        others = rng.sample(APP_NAMES, n_apps - 2)
        names = ["core", "users"] + others
        facing = [n for n in USER_FACING if n in others][: max(1, round(n_apps * 0.08))]
        for name in names:
            stem = camel(singular(name))
            app = App(name, stem, user_facing=name in facing or name == "users")
            app.config_entry = rng.random() < 0.3
            verbs = rng.sample(VERBS, COMMANDS_PER_APP)
            app.commands = ["%s_%s" % (v, plural(singular(name))) for v in verbs]
            self.apps.append(app)
        by_name = {a.name: a for a in self.apps}
        # models first (cross-app FKs need every app's models)
        for app in self.apps:
            r = self.rng_for("models", app.name)
            if app.name == "core":
                names_ = ["Tenant", "AuditEntry", "SiteSetting", "Attachment"]
            elif app.name == "users":
                names_ = ["UserProfile", "UserPreference", "LoginEvent", "Invitation", "UserDevice"]
            else:
                names_ = [app.stem] + [app.stem + n for n in r.sample(NOUNS, r.randint(5, 11))]
            app.models = [Model(n, [], app.name) for n in names_]
        for app in self.apps:
            r = self.rng_for("fields", app.name)
            for i, model in enumerate(app.models):
                fields: list[Field] = []
                if app.name == "users" and model.name == "UserProfile":
                    fields.append(Field("user", "user", related="profile"))
                    fields.append(Field("locale", "char"))
                fields.append(Field(r.choice(["name", "title"]), "char"))
                if r.random() < 0.6:
                    fields.append(Field("slug", "slug"))
                if r.random() < 0.7:
                    fields.append(Field("status", "status"))
                for fname in r.sample(TEXT_FIELDS[2:], r.randint(1, 3)):
                    fields.append(Field(fname, "char", null=r.random() < 0.5))
                fields.append(Field("description", "text"))
                for fname in r.sample(NUM_FIELDS, r.randint(1, 3)):
                    fields.append(Field(fname, "decimal" if fname == "amount" else "int"))
                for fname in r.sample(DATE_FIELDS, r.randint(1, 2)):
                    fields.append(Field(fname, "datetime"))
                for fname in r.sample(BOOL_FIELDS, r.randint(1, 2)):
                    fields.append(Field(fname, "bool"))
                if r.random() < 0.4:
                    fields.append(Field("metadata", "json"))
                if r.random() < 0.25:
                    fields.append(Field("uuid", "uuid"))
                if i > 0:
                    parent = app.models[r.randrange(i)]
                    fname = snake(parent.name).replace(snake(app.stem) + "_", "") or "parent"
                    fname += "_ref" if keyword.iskeyword(fname) else ""
                    fields.append(Field(fname, "fk", parent.name, related=plural(model.snake)))
                if r.random() < 0.35:
                    other = by_name[r.choice([a.name for a in self.apps if a.name != app.name])]
                    if other.models:
                        target = r.choice(other.models)
                        fname = target.snake + ("_ref" if keyword.iskeyword(target.snake) else "")
                        fields.append(
                            Field(
                                fname,
                                "fk",
                                "%s.%s" % (other.name, target.name),
                                null=True,
                                related="%s_%s" % (app.name, plural(model.snake)),
                            )
                        )
                if app.name != "core" and (r.random() < 0.75 or app.user_facing):
                    for j, pname in enumerate(r.sample(PEOPLE_FIELDS, r.randint(1, 2))):
                        fields.append(
                            Field(
                                pname,
                                "user",
                                null=j > 0,
                                related="%s_as_%s" % (plural(model.snake), pname),
                            )
                        )
                fields.append(Field("created_at", "created"))
                fields.append(Field("updated_at", "updated"))
                # unique field names, first wins
                seen: set[str] = set()
                model.fields = [f for f in fields if not (f.name in seen or seen.add(f.name))]
        # module budget: fixed modules, then migrations and tests share what is left
        fixed = len(FIXED_APP_MODULES) + COMMANDS_PER_APP
        project_level = len(self.project_python_paths())
        extra = max(0, modules - project_level - fixed * len(self.apps))
        weights = [rng.uniform(0.6, 1.6) * (1.3 if a.user_facing else 1.0) for a in self.apps]
        slots = [max(4, int(extra * w / sum(weights))) for w in weights]
        short = extra - sum(slots)
        i = 0
        while short > 0:
            slots[i % len(slots)] += 1
            short -= 1
            i += 1
        while short < 0 and any(
            n > 4 for n in slots
        ):  # small projects keep 4 per app (2 + 2) anyway
            j = i % len(slots)
            if slots[j] > 4:
                slots[j] -= 1
                short += 1
            i += 1
        for app, n in zip(self.apps, slots):
            app.n_migrations = max(2, round(n * rng.uniform(0.38, 0.5)))
            app.n_tests = n - app.n_migrations

    def project_python_paths(self) -> list[str]:
        return [
            "manage.py",
            "conftest.py",
            "config/__init__.py",
            "config/urls.py",
            "config/wsgi.py",
            "config/asgi.py",
            "config/settings/__init__.py",
            "config/settings/base.py",
            "config/settings/dev.py",
            "config/settings/test.py",
            "config/settings/prod.py",
            "apps/__init__.py",
            "apps/core/compat.py",
            "scripts/__init__.py",
            "scripts/backfill_tenants.py",
            "scripts/report_active_people.py",
        ]

    # -- generation ----------------------------------------------------------------------------
    def generate(self) -> None:
        self.gen_project_files()
        for app in self.apps:
            AppWriter(self, app).write()
        for i in range(self.large):
            self.add(
                "apps/users/legacy_%d.py" % (i + 1),
                large_module(self.rng_for("large", i), i),
                user_ref=True,
            )

    def gen_project_files(self) -> None:
        apps = self.apps
        self.add("manage.py", MANAGE_PY)
        self.add("config/__init__.py", "")
        self.add("config/wsgi.py", WSGI_PY % {"kind": "WSGI", "mod": "wsgi"})
        self.add("config/asgi.py", WSGI_PY % {"kind": "ASGI", "mod": "asgi"})
        self.add("config/settings/__init__.py", "")
        local = ",\n".join(
            '    "%s"' % ("%s.apps.%s" % (a.module, a.config_class) if a.config_entry else a.module)
            for a in apps
        )
        self.add("config/settings/base.py", SETTINGS_BASE % {"local_apps": local})
        self.add("config/settings/dev.py", SETTINGS_DEV)
        self.add("config/settings/test.py", SETTINGS_TEST)
        self.add("config/settings/prod.py", SETTINGS_PROD)
        urls = "\n".join('    path("%s/", include("%s.urls")),' % (a.name, a.module) for a in apps)
        api = "\n".join(
            '    path("api/%s/", include("%s.api.urls")),' % (a.name, a.module) for a in apps
        )
        self.add("config/urls.py", URLS_PY % {"urls": urls, "api": api})
        self.add("apps/__init__.py", "")
        self.add("apps/core/compat.py", COMPAT_PY, user_ref=True)
        self.add("conftest.py", CONFTEST_PY)
        self.add("scripts/__init__.py", "")
        self.add("scripts/backfill_tenants.py", SCRIPT_BACKFILL)
        self.add("scripts/report_active_people.py", SCRIPT_REPORT, user_ref=True)
        self.add("pyproject.toml", PYPROJECT)
        self.add(
            "pytest.ini",
            "[pytest]\nDJANGO_SETTINGS_MODULE = config.settings.test\n"
            "python_files = test_*.py\naddopts = --reuse-db\n",
        )
        self.add(
            "requirements.txt", "Django>=4.2,<6\npsycopg[binary]>=3.1\nredis>=5\nsentry-sdk>=1.40\n"
        )
        self.add(
            "README.md",
            "# Atlas\n\nThe back office: %d apps under `apps/`.\n\n```\npython manage.py "
            "migrate\npython manage.py runserver\n```\n" % len(apps),
        )
        self.add(".gitignore", "*.pyc\n__pycache__/\n*.sqlite3\n/media/\n/staticfiles/\n.env\n")
        self.add(".github/workflows/ci.yml", CI_YML)
        self.add("docker-compose.yml", COMPOSE_YML)
        self.add("static/js/site.js", SITE_JS)
        self.add(
            "static/css/site.css",
            "body { font-family: system-ui, sans-serif; }\n.nav a { margin: 0 .5rem; }\n",
        )
        nav = "\n".join(
            "      <a href=\"{%% url '%s:index' %%}\">%s</a>" % (a.name, camel(a.name))
            for a in apps
        )
        self.add("templates/base.html", BASE_HTML % {"nav": nav})
        self.add("templates/includes/account_menu.html", ACCOUNT_MENU_HTML)
        self.add("templates/registration/login.html", LOGIN_HTML)
        self.add(
            "templates/404.html",
            '{% extends "base.html" %}\n{% block content %}<h1>Not found</h1>' "{% endblock %}\n",
        )
        self.add(
            "docs/architecture.md",
            "# Architecture\n\nEvery app keeps its business rules in services.py and"
            " its read paths in selectors.py.\n",
        )


class AppWriter:
    def __init__(self, project: Project, app: App) -> None:
        self.p = project
        self.app = app
        self.r = project.rng_for("code", app.name)
        self.base = "apps/%s/" % app.name

    def add(self, rel: str, text: str, user_ref: bool = False) -> None:
        self.p.add(self.base + rel, text, user_ref)

    def refers(self, kind: str) -> bool:
        """Does this module of a user-facing app reference auth's User?"""
        if not self.app.user_facing:
            return False
        odds = {
            "models": 0.95,
            "admin": 0.8,
            "forms": 0.6,
            "views": 0.5,
            "services": 0.3,
            "signals": 0.7,
            "permissions": 0.5,
            "command": 0.25,
            "test": 0.28,
            "selectors": 0.25,
            "serializers": 0.2,
        }
        return self.r.random() < odds[kind]

    def user_import(self) -> str:
        """How a module that refers to auth's User gets it: usually from auth, sometimes the re-export."""
        if self.r.random() < 0.25:
            return "from apps.core.compat import User"
        return "from django.contrib.auth.models import User"

    def write(self) -> None:
        app = self.app
        self.add("__init__.py", "")
        self.add("apps.py", self.apps_py())
        self.models_py()
        self.managers_py()
        self.admin_py()
        self.views_py()
        self.forms_py()
        self.serializers_py()
        self.add("urls.py", self.urls_py())
        self.signals_py()
        self.services_py()
        self.selectors_py()
        self.add("utils.py", self.utils_py())
        self.add("tasks.py", CORE_TASKS_PY if app.name == "core" else self.tasks_py())
        self.permissions_py()
        self.add("constants.py", self.constants_py())
        self.add("api/__init__.py", "")
        self.add("api/views.py", self.api_views_py())
        self.add("api/urls.py", self.api_urls_py())
        self.add("management/__init__.py", "")
        self.add("management/commands/__init__.py", "")
        for cmd in app.commands:
            self.command_py(cmd)
        self.add("templatetags/__init__.py", "")
        self.add("templatetags/%s_tags.py" % app.name, self.templatetags_py())
        self.add("migrations/__init__.py", "")
        self.migrations()
        self.add("tests/__init__.py", "")
        self.factories_py()
        self.tests()
        self.templates()
        self.fixtures()
        if app.name == "users":
            self.add("backends.py", USERS_BACKENDS_PY, user_ref=True)
        if app.name == "integrations" or (
            app.name == self.p.apps[2].name and "integrations" not in [a.name for a in self.p.apps]
        ):
            self.add("clients.py", self.remote_user_clients_py())
            self.add("directory_sync.py", DIRECTORY_SYNC_PY % {"module": app.module})

    # -- small modules -------------------------------------------------------------------------
    def apps_py(self) -> str:
        s = Src()
        s("from django.apps import AppConfig", "", "")
        with s.block("class %s(AppConfig):" % self.app.config_class):
            s('default_auto_field = "django.db.models.BigAutoField"')
            s('name = "%s"' % self.app.module)
            s('label = "%s"' % self.app.name)
            s('verbose_name = "%s"' % camel(self.app.name))
            s("")
            with s.block("def ready(self):"):
                s("from . import signals  # noqa: F401")
        return s.text()

    def constants_py(self) -> str:
        r = self.r
        s = Src()
        docstring(s, "Constants of the %s app." % self.app.name)
        s("")
        s("from datetime import timedelta", "", "")
        for m in self.app.models:
            s("%s_PAGE_SIZE = %d" % (m.snake.upper(), r.choice([20, 25, 50, 100])))
        s("")
        s("CACHE_TIMEOUT = %d" % r.choice([60, 300, 900, 3600]))
        s("RETRY_DELAYS = (%s)" % ", ".join("timedelta(seconds=%d)" % d for d in (5, 30, 120, 600)))
        s("MAX_EXPORT_ROWS = %d" % r.choice([5000, 10000, 50000]))
        s("")
        with s.block("STATUS_LABELS = {"):
            for w in r.sample(WORDS, 6):
                s('"%s": "%s",' % (w, w.capitalize()))
        s("}")
        s("")
        s(
            "EXPORT_COLUMNS = [%s]"
            % ", ".join('"%s"' % f.name for f in self.app.models[0].fields[:6])
        )
        return s.text()

    # -- models --------------------------------------------------------------------------------
    def models_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("models")
        user_name = "User" if refers else "settings.AUTH_USER_MODEL"
        s = Src()
        docstring(s, "Models of the %s app." % app.name)
        s("")
        s("from __future__ import annotations", "")
        s("import uuid", "from decimal import Decimal", "")
        s("from django.conf import settings")
        if refers:
            s(self.user_import())
        s(
            "from django.core.exceptions import ValidationError",
            "from django.db import models",
            "from django.urls import reverse",
            "from django.utils import timezone",
            "from django.utils.translation import gettext_lazy as _",
            "",
        )
        s(*imp(".managers", ["%sQuerySet" % m.name for m in app.models]))
        s("", "")
        for m in app.models:
            self.model_class(s, m, user_name, refers)
            s.blank(2)
        if refers and app.name == "users":
            with s.block("class StaffMember(User):"):
                docstring(s, "A staff account seen from the back office: same row, staff helpers.")
                s("")
                with s.block("class Meta:"):
                    s("proxy = True", 'ordering = ["username"]')
                s("")
                with s.block("def display_name(self) -> str:"):
                    s("return self.get_full_name() or self.username")
                s("")
                with s.block("def admin_url(self) -> str:"):
                    s('return reverse("admin:auth_user_change", args=[self.pk])')
        self.add("models.py", s.text(), refers)

    def model_class(self, s: Src, m: Model, user_name: str, refers: bool) -> None:
        r = self.r
        with s.block("class %s(models.Model):" % m.name):
            docstring(s, "A %s of the %s app." % (snake(m.name).replace("_", " "), self.app.name))
            s("")
            if m.has_status:
                with s.block("class Status(models.TextChoices):"):
                    for w in ["draft", "active", "archived"]:
                        s('%s = "%s", _("%s")' % (w.upper(), w, w.capitalize()))
                s("")
            if refers and r.random() < 0.2:
                user_name = '"auth.User"'
            for f in m.fields:
                code = f.model_code(user_name)
                s("%s = %s" % (f.name, code.replace("\n", "\n" + "    " * s.level)))
            s("")
            s("objects = %sQuerySet.as_manager()" % m.name)
            s("")
            with s.block("class Meta:"):
                s('ordering = ["-created_at"]')
                s('verbose_name = _("%s")' % snake(m.name).replace("_", " "))
                s('verbose_name_plural = _("%s")' % plural(snake(m.name).replace("_", " ")))
                idx = [f for f in m.fields if f.kind in ("datetime", "status", "fk", "user")][:2]
                if idx:
                    with s.block("indexes = ["):
                        for f in idx:
                            s(
                                'models.Index(fields=["%s", "created_at"], name="%s"),'
                                % (f.name, db_name(m.app, m.snake, f.name, "idx"))
                            )
                    s("]")
                if m.first("slug") is None and r.random() < 0.4:
                    with s.block("constraints = ["):
                        s(
                            'models.UniqueConstraint(fields=["%s", "created_at"], name="%s"),'
                            % (
                                m.label_field if m.label_field != "pk" else "id",
                                db_name(m.app, m.snake, "label", "uniq"),
                            )
                        )
                    s("]")
            s("")
            with s.block("def __str__(self) -> str:"):
                s("return str(self.%s)" % m.label_field)
            s("")
            with s.block("def get_absolute_url(self) -> str:"):
                s('return reverse("%s:%s-detail", args=[self.pk])' % (self.app.name, m.snake))
            kinds = ["clean", "property", "classmethod", "summary", "save"]
            kinds += ["transition"] if m.has_status else []
            kinds += ["people"] if m.people else []
            for kind in r.sample(kinds, r.randint(2, min(5, len(kinds)))):
                s("")
                self.model_method(s, m, kind)

    def model_method(self, s: Src, m: Model, kind: str) -> None:
        r = self.r
        if kind == "clean":
            dt = [f for f in m.fields if f.kind == "datetime"]
            with s.block("def clean(self) -> None:"):
                s("super().clean()")
                s("errors = {}")
                if len(dt) >= 2:
                    with s.block(
                        "if self.%s and self.%s and self.%s < self.%s:"
                        % (dt[0].name, dt[1].name, dt[1].name, dt[0].name)
                    ):
                        s('errors["%s"] = _("Must be after %s.")' % (dt[1].name, dt[0].name))
                num = m.first("int", "decimal")
                if num:
                    with s.block("if self.%s is not None and self.%s < 0:" % (num.name, num.name)):
                        s('errors["%s"] = _("Cannot be negative.")' % num.name)
                with s.block("if errors:"):
                    s("raise ValidationError(errors)")
        elif kind == "property":
            dt = m.first("datetime")
            name = r.choice([a for a in ADJECTIVES if "is_" + a not in {f.name for f in m.fields}])
            s("@property")
            with s.block("def is_%s(self) -> bool:" % name):
                if dt:
                    s("if self.%s is None:" % dt.name, "    return False")
                    s("return self.%s <= timezone.now()" % dt.name)
                else:
                    s("return bool(self.pk) and self.updated_at > self.created_at")
        elif kind == "transition":
            verb = r.choice(VERBS)
            with s.block("def %s(self, *, commit: bool = True) -> None:" % verb):
                docstring(s, "Move to the next status and record when it happened.")
                with s.block("if self.status == self.Status.ARCHIVED:"):
                    s(
                        'raise ValidationError(_("An archived %s cannot change."))'
                        % snake(m.name).replace("_", " ")
                    )
                s("self.status = self.Status.ACTIVE")
                s('update_fields = ["status", "updated_at"]')
                with s.block("if commit:"):
                    s("self.save(update_fields=update_fields)")
        elif kind == "classmethod":
            s("@classmethod")
            with s.block(
                "def for_tenant(cls, tenant_id: int, *, limit: int | None = None) -> list[%s]:"
                % m.name
            ):
                s('qs = cls.objects.filter(tenant_id=tenant_id).order_by("-created_at")')
                s("items = [obj for obj in qs[:limit] if obj.pk]")
                s("return items")
        elif kind == "people":
            f = m.people[0]
            with s.block("def is_%s(self, user) -> bool:" % f.name):
                docstring(s, "Is this the %s (staff can act as one)?" % f.name.replace("_", " "))
                s("return user.is_staff or self.%s_id == user.pk" % f.name)
        elif kind == "save":
            slug = m.first("slug")
            with s.block("def save(self, *args, **kwargs):"):
                if slug:
                    with s.block("if not self.slug:"):
                        s("from django.utils.text import slugify", "")
                        s("self.slug = slugify(str(self))[:80] or uuid.uuid4().hex[:12]")
                for f in m.fields:
                    if f.kind == "char" and f.null:
                        s('self.%s = (self.%s or "").strip()' % (f.name, f.name))
                        break
                s("super().save(*args, **kwargs)")
        else:
            fields = [f.name for f in m.fields if f.kind in ("char", "int", "decimal", "bool")][:5]
            with s.block("def as_summary(self) -> dict[str, object]:"):
                with s.block("return {"):
                    s('"id": self.pk,')
                    for f in fields:
                        s('"%s": self.%s,' % (f, f))
                    s('"url": self.get_absolute_url(),')
                s("}")

    def managers_py(self) -> None:
        app = self.app
        s = Src()
        docstring(s, "Query sets of the %s app: the reusable filters." % app.name)
        s("")
        s(
            "from __future__ import annotations",
            "",
            "from datetime import timedelta",
            "",
            "from django.db import models",
            "from django.db.models import Count, Q",
            "from django.utils import timezone",
            "",
            "",
        )
        for m in app.models:
            with s.block("class %sQuerySet(models.QuerySet):" % m.name):
                if m.first("bool"):
                    b = m.first("bool")
                    with s.block(
                        "def %s(self):" % b.name.replace("is_", "")
                        if b.name.startswith("is_")
                        else "def with_%s(self):" % b.name
                    ):
                        s("return self.filter(%s=True)" % b.name)
                    s("")
                if m.has_status:
                    with s.block("def live(self):"):
                        s('return self.exclude(status__in=["archived", "draft"])')
                    s("")
                with s.block("def recent(self, days: int = 30):"):
                    s("since = timezone.now() - timedelta(days=days)")
                    s("return self.filter(created_at__gte=since)")
                s("")
                with s.block("def search(self, term: str):"):
                    with s.block("if not term:"):
                        s("return self")
                    chars = [f.name for f in m.fields if f.kind in ("char", "text")][:3]
                    s("query = " + " | ".join("Q(%s__icontains=term)" % c for c in chars))
                    s("return self.filter(query)")
                if m.people:
                    s("")
                    f = m.people[0]
                    with s.block("def for_user(self, user):"):
                        with s.block("if user.is_superuser:"):
                            s("return self")
                        s("return self.filter(%s=user)" % f.name)
                    s("")
                    with s.block("def counts_by_%s(self) -> dict[int, int]:" % f.name):
                        s('rows = self.values("%s_id").annotate(n=Count("id"))' % f.name)
                        s('return {row["%s_id"]: row["n"] for row in rows}' % f.name)
            s.blank(2)
        self.add("managers.py", s.text())

    # -- admin ---------------------------------------------------------------------------------
    def admin_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("admin")
        s = Src()
        s("from django.contrib import admin")
        if app.name == "users" and refers:
            s("from django.contrib.auth.admin import UserAdmin as BaseUserAdmin")
        if refers:
            s(self.user_import())
        s(
            "from django.urls import reverse",
            "from django.utils.html import format_html",
            "from django.utils.translation import gettext_lazy as _",
            "",
        )
        s(*imp(".models", [m.name for m in app.models]))
        s("", "")
        for m in app.models[:-1] if len(app.models) > 3 else app.models:
            self.model_admin(s, m, refers)
            s.blank(2)
        if app.name == "users" and refers:
            with s.block("class ProfileInline(admin.StackedInline):"):
                s("model = UserProfile", "can_delete = False", 'fk_name = "user"', "extra = 0")
            s.blank(2)
            s("admin.site.unregister(User)", "", "")
            s("@admin.register(User)")
            with s.block("class UserAdmin(BaseUserAdmin):"):
                s("inlines = [ProfileInline]")
                s(
                    'list_display = ("username", "email", "first_name", "last_name", "is_staff", "last_login")'
                )
                s('list_filter = BaseUserAdmin.list_filter + ("profile__locale",)')
                s("")
                with s.block("def get_inline_instances(self, request, obj=None):"):
                    s("if obj is None:", "    return []")
                    s("return super().get_inline_instances(request, obj)")
        self.add("admin.py", s.text(), refers)

    def model_admin(self, s: Src, m: Model, refers: bool) -> None:
        r = self.r
        s("@admin.register(%s)" % m.name)
        with s.block("class %sAdmin(admin.ModelAdmin):" % m.name):
            shown = [
                f.name for f in m.fields if f.kind in ("char", "status", "bool", "int", "datetime")
            ][:5]
            s("list_display = (%s)" % ", ".join('"%s"' % n for n in shown + ["created_at"]))
            filt = [f.name for f in m.fields if f.kind in ("status", "bool")][:3]
            if filt:
                s("list_filter = (%s,)" % ", ".join('"%s"' % n for n in filt))
            search = [f.name for f in m.fields if f.kind == "char"][:3]
            if search:
                s("search_fields = (%s,)" % ", ".join('"%s"' % n for n in search))
            rel = [f.name for f in m.fields if f.kind in ("fk", "user")]
            if rel:
                s("raw_id_fields = (%s,)" % ", ".join('"%s"' % n for n in rel))
            s('readonly_fields = ("created_at", "updated_at")')
            s('date_hierarchy = "created_at"')
            if m.people and refers:
                f = m.people[0]
                s("")
                s(
                    '@admin.display(description=_("%s"), ordering="%s__username")'
                    % (f.name.replace("_", " "), f.name)
                )
                with s.block("def %s_link(self, obj):" % f.name):
                    s("if obj.%s_id is None:" % f.name, '    return "-"')
                    s('url = reverse("admin:auth_user_change", args=[obj.%s_id])' % f.name)
                    s("return format_html('<a href=\"{}\">{}</a>', url, obj.%s)" % f.name)
                s("")
                with s.block("def formfield_for_foreignkey(self, db_field, request, **kwargs):"):
                    with s.block('if db_field.name == "%s":' % f.name):
                        s(
                            'kwargs["queryset"] = User.objects.filter(is_active=True).order_by("username")'
                        )
                    s("return super().formfield_for_foreignkey(db_field, request, **kwargs)")
            if r.random() < 0.5 and m.has_status:
                s("")
                s('actions = ["mark_archived"]')
                s("")
                s('@admin.action(description=_("Archive selected"))')
                with s.block("def mark_archived(self, request, queryset):"):
                    s('updated = queryset.update(status="archived")')
                    s('self.message_user(request, _("%(n)d archived.") % {"n": updated})')

    # -- views ---------------------------------------------------------------------------------
    def views_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("views")
        s = Src()
        docstring(s, "Views of the %s app." % app.name)
        s("")
        s(
            "from __future__ import annotations",
            "",
            "import json",
            "from http import HTTPStatus",
            "",
        )
        s("from django.contrib import messages")
        if refers:
            s(self.user_import())
        s("from django.contrib.auth.decorators import login_required, permission_required")
        s("from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin")
        s(
            "from django.core.paginator import Paginator",
            "from django.db import transaction",
            "from django.http import HttpRequest, HttpResponse, JsonResponse",
            "from django.shortcuts import get_object_or_404, redirect, render",
            "from django.urls import reverse_lazy",
            "from django.views.decorators.http import require_http_methods, require_POST",
            "from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView",
            "",
        )
        s("from . import selectors, services")
        s(*imp(".constants", ["%s_PAGE_SIZE" % m.snake.upper() for m in app.models[:4]]))
        s(*imp(".forms", ["%sForm" % m.name for m in app.models[:4]]))
        s(*imp(".models", [m.name for m in app.models[:4]]))
        s("", "")
        s("@login_required")
        with s.block("def index(request: HttpRequest) -> HttpResponse:"):
            m = app.models[0]
            s("items = selectors.visible_%s(request.user)" % plural(m.snake))
            s(
                'page = Paginator(items, %s_PAGE_SIZE).get_page(request.GET.get("page"))'
                % m.snake.upper()
            )
            s('return render(request, "%s/index.html", {"page": page})' % app.name)
        for m in app.models[:4]:
            s.blank(2)
            self.cbv(s, m)
        s.blank(2)
        m = app.models[0]
        s("@login_required", '@require_http_methods(["GET", "POST"])')
        with s.block("def %s_bulk(request: HttpRequest) -> HttpResponse:" % m.snake):
            s('ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]')
            with s.block('if request.method == "POST" and ids:'):
                with s.block("with transaction.atomic():"):
                    s("done = services.bulk_update_%s(ids, actor=request.user)" % plural(m.snake))
                s('messages.success(request, "%d updated." % done)')
                s('return redirect("%s:index")' % app.name)
            s('return render(request, "%s/bulk.html", {"ids": ids})' % app.name)
        s.blank(2)
        s("@require_POST", "@login_required")
        with s.block("def %s_json(request: HttpRequest, pk: int) -> JsonResponse:" % m.snake):
            s(
                'obj = get_object_or_404(%s.objects.for_user(request.user) if hasattr(%s.objects, "for_user") '
                "else %s.objects, pk=pk)" % (m.name, m.name, m.name)
            )
            s("try:")
            s('    payload = json.loads(request.body or "{}")')
            s("except ValueError:")
            s('    return JsonResponse({"error": "invalid json"}, status=HTTPStatus.BAD_REQUEST)')
            s("changed = services.apply_%s_changes(obj, payload, actor=request.user)" % m.snake)
            s('return JsonResponse({"id": obj.pk, "changed": sorted(changed)})')
        if refers:
            s.blank(2)
            s('@permission_required("auth.view_user", raise_exception=True)')
            with s.block("def people(request: HttpRequest) -> HttpResponse:"):
                s('term = request.GET.get("q", "").strip()')
                s(
                    'people = User.objects.filter(is_active=True).order_by("last_name", "first_name")'
                )
                with s.block("if term:"):
                    s("people = people.filter(username__icontains=term)")
                s("rows = [")
                s('    {"id": u.pk, "name": u.get_full_name() or u.username, "email": u.email}')
                s("    for u in people[:200]")
                s("]")
                s(
                    'return render(request, "%s/people.html", {"rows": rows, "term": term})'
                    % app.name
                )
            s.blank(2)
            s("@login_required")
            with s.block("def person(request: HttpRequest, user_id: int) -> HttpResponse:"):
                s("person = get_object_or_404(User, pk=user_id, is_active=True)")
                s("items = selectors.visible_%s(person)[:20]" % plural(m.snake))
                s(
                    'return render(request, "%s/person.html", {"person": person, "items": items})'
                    % app.name
                )
        self.add("views.py", s.text(), refers)

    def cbv(self, s: Src, m: Model) -> None:
        app = self.app
        with s.block("class %sListView(LoginRequiredMixin, ListView):" % m.name):
            s(
                "model = %s" % m.name,
                "paginate_by = %s_PAGE_SIZE" % m.snake.upper(),
                'template_name = "%s/%s_list.html"' % (app.name, m.snake),
            )
            s("")
            with s.block("def get_queryset(self):"):
                s("qs = super().get_queryset()")
                s('term = self.request.GET.get("q", "")')
                s("qs = qs.search(term)")
                if m.people:
                    s("qs = qs.for_user(self.request.user)")
                s("return qs")
        s.blank(2)
        with s.block("class %sDetailView(LoginRequiredMixin, DetailView):" % m.name):
            s("model = %s" % m.name, 'context_object_name = "%s"' % m.snake)
            s("")
            with s.block("def get_context_data(self, **kwargs):"):
                s("context = super().get_context_data(**kwargs)")
                s(
                    'context["can_edit"] = self.request.user.has_perm("%s.change_%s")'
                    % (app.name, m.name.lower())
                )
                s('context["history"] = selectors.history_for(self.object)[:10]')
                s("return context")
        s.blank(2)
        with s.block(
            "class %sCreateView(LoginRequiredMixin, PermissionRequiredMixin, CreateView):" % m.name
        ):
            s(
                "model = %s" % m.name,
                "form_class = %sForm" % m.name,
                'permission_required = "%s.add_%s"' % (app.name, m.name.lower()),
            )
            s("")
            with s.block("def form_valid(self, form):"):
                if m.people:
                    s("form.instance.%s = self.request.user" % m.people[0].name)
                s("response = super().form_valid(form)")
                s('messages.success(self.request, "Saved.")')
                s("return response")
        s.blank(2)
        with s.block(
            "class %sUpdateView(LoginRequiredMixin, PermissionRequiredMixin, UpdateView):" % m.name
        ):
            s(
                "model = %s" % m.name,
                "form_class = %sForm" % m.name,
                'permission_required = "%s.change_%s"' % (app.name, m.name.lower()),
            )
        s.blank(2)
        with s.block(
            "class %sDeleteView(LoginRequiredMixin, PermissionRequiredMixin, DeleteView):" % m.name
        ):
            s(
                "model = %s" % m.name,
                'success_url = reverse_lazy("%s:index")' % app.name,
                'permission_required = "%s.delete_%s"' % (app.name, m.name.lower()),
            )

    # -- forms ---------------------------------------------------------------------------------
    def forms_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("forms")
        s = Src()
        s("from __future__ import annotations", "", "from django import forms")
        if refers:
            s(self.user_import())
        s("from django.utils.translation import gettext_lazy as _", "")
        s(*imp(".models", [m.name for m in app.models]))
        s("", "")
        for m in app.models:
            with s.block("class %sForm(forms.ModelForm):" % m.name):
                editable = [
                    f.name for f in m.fields if f.kind not in ("created", "updated", "uuid", "user")
                ][:8]
                with s.block("class Meta:"):
                    s("model = %s" % m.name)
                    s("fields = [%s]" % ", ".join('"%s"' % n for n in editable))
                    text = [f.name for f in m.fields if f.kind == "text"]
                    if text:
                        s('widgets = {"%s": forms.Textarea(attrs={"rows": 4})}' % text[0])
                s("")
                char = m.first("char")
                if char:
                    with s.block("def clean_%s(self):" % char.name):
                        s('value = (self.cleaned_data.get("%s") or "").strip()' % char.name)
                        with s.block("if len(value) < 2:"):
                            s('raise forms.ValidationError(_("Too short."))')
                        s("return value")
                    s("")
                with s.block("def clean(self):"):
                    s("cleaned = super().clean()")
                    nums = [f.name for f in m.fields if f.kind in ("int", "decimal")]
                    for n in nums[:2]:
                        with s.block(
                            'if cleaned.get("%s") is not None and cleaned["%s"] < 0:' % (n, n)
                        ):
                            s('self.add_error("%s", _("Cannot be negative."))' % n)
                    s("return cleaned")
            s.blank(2)
        m = app.models[0]
        with s.block("class %sFilterForm(forms.Form):" % m.name):
            s('q = forms.CharField(required=False, label=_("Search"))')
            if m.has_status:
                s(
                    'status = forms.ChoiceField(required=False, choices=[("", "---")] + list(%s.Status.choices))'
                    % m.name
                )
            s(
                'created_after = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))'
            )
            if refers:
                s("owner = forms.ModelChoiceField(")
                s(
                    '    queryset=User.objects.filter(is_active=True).order_by("username"), required=False'
                )
                s(")")
            s("")
            with s.block("def filters(self) -> dict[str, object]:"):
                s("data = self.cleaned_data if self.is_valid() else {}")
                s('out = {key: value for key, value in data.items() if value not in (None, "")}')
                s('out.pop("q", None)')
                s("return out")
        if refers:
            s.blank(2)
            with s.block("class InviteForm(forms.Form):"):
                s("email = forms.EmailField()")
                s("message = forms.CharField(widget=forms.Textarea, required=False)")
                s("")
                with s.block("def clean_email(self):"):
                    s('email = self.cleaned_data["email"].lower()')
                    with s.block(
                        "if User.objects.filter(email__iexact=email, is_active=False).exists():"
                    ):
                        s('raise forms.ValidationError(_("This account is disabled."))')
                    s("return email")
        self.add("forms.py", s.text(), refers)

    # -- serializers, urls, signals ------------------------------------------------------------
    def serializers_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("serializers")
        s = Src()
        docstring(s, "Plain serializers for the JSON API: model instance <-> dict.")
        s("")
        s(
            "from __future__ import annotations",
            "",
            "from dataclasses import dataclass, field",
            "from decimal import Decimal",
            "from typing import Any, ClassVar, Iterable",
            "",
        )
        if refers:
            s(self.user_import(), "")
        s(*imp(".models", [m.name for m in app.models]))
        s("", "")
        with s.block("class Serializer:"):
            s("fields: ClassVar[tuple[str, ...]] = ()")
            s("")
            with s.block("def __init__(self, instance=None, *, many: bool = False):"):
                s("self.instance = instance", "self.many = many")
            s("")
            s("@property")
            with s.block("def data(self) -> Any:"):
                with s.block("if self.many:"):
                    s("return [self.to_dict(obj) for obj in self.instance]")
                s("return self.to_dict(self.instance)")
            s("")
            with s.block("def to_dict(self, obj) -> dict[str, Any]:"):
                s("out = {}")
                with s.block("for name in self.fields:"):
                    s("value = getattr(obj, name)")
                    with s.block("if isinstance(value, Decimal):"):
                        s("value = str(value)")
                    with s.block('elif hasattr(value, "isoformat"):'):
                        s("value = value.isoformat()")
                    s("out[name] = value")
                s("return out")
        for m in app.models:
            s.blank(2)
            with s.block("class %sSerializer(Serializer):" % m.name):
                names = [f.name for f in m.fields if f.kind not in ("fk", "user", "json")]
                s("fields = (%s)" % ", ".join('"%s"' % n for n in ["id"] + names[:7]))
                if m.people:
                    s("")
                    with s.block("def to_dict(self, obj) -> dict[str, Any]:"):
                        s("out = super().to_dict(obj)")
                        f = m.people[0]
                        s(
                            'out["%s"] = {"id": obj.%s_id, "name": str(obj.%s) if obj.%s_id else None}'
                            % (f.name, f.name, f.name, f.name)
                        )
                        s("return out")
        if refers:
            s.blank(2)
            with s.block("class PersonSerializer(Serializer):"):
                s('fields = ("id", "username", "first_name", "last_name", "email")')
                s("")
                s("@classmethod")
                with s.block("def for_ids(cls, ids: Iterable[int]) -> list[dict[str, Any]]:"):
                    s("return cls(User.objects.filter(pk__in=list(ids)), many=True).data")
        self.add("serializers.py", s.text(), refers)

    def urls_py(self) -> str:
        app = self.app
        s = Src()
        s("from django.urls import path", "", "from . import views", "")
        s('app_name = "%s"' % app.name, "")
        with s.block("urlpatterns = ["):
            s('path("", views.index, name="index"),')
            for m in app.models[:4]:
                base = m.snake.replace("_", "-")
                s(
                    'path("%s/", views.%sListView.as_view(), name="%s-list"),'
                    % (base, m.name, m.snake)
                )
                s(
                    'path("%s/new/", views.%sCreateView.as_view(), name="%s-create"),'
                    % (base, m.name, m.snake)
                )
                s(
                    'path("%s/<int:pk>/", views.%sDetailView.as_view(), name="%s-detail"),'
                    % (base, m.name, m.snake)
                )
                s(
                    'path("%s/<int:pk>/edit/", views.%sUpdateView.as_view(), name="%s-update"),'
                    % (base, m.name, m.snake)
                )
                s(
                    'path("%s/<int:pk>/delete/", views.%sDeleteView.as_view(), name="%s-delete"),'
                    % (base, m.name, m.snake)
                )
            m = app.models[0]
            s('path("bulk/", views.%s_bulk, name="bulk"),' % m.snake)
            s('path("<int:pk>.json", views.%s_json, name="json"),' % m.snake)
        s("]")
        return s.text()

    def signals_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("signals")
        s = Src()
        s("import logging", "")
        s("from django.core.cache import cache")
        if refers:
            s(self.user_import())
        s(
            "from django.db.models.signals import post_delete, post_save, pre_save",
            "from django.dispatch import receiver",
            "",
        )
        s(*imp(".models", [m.name for m in app.models[:3]]))
        s("")
        s("logger = logging.getLogger(__name__)", "", "")
        for m in app.models[:3]:
            s("@receiver(post_save, sender=%s)" % m.name)
            with s.block("def %s_saved(sender, instance, created, **kwargs):" % m.snake):
                s('cache.delete_many(["%s:%%s" %% instance.pk, "%s:index"])' % (m.snake, app.name))
                with s.block("if created:"):
                    s('logger.info("%s %%s created", instance.pk)' % m.name)
            s.blank(2)
        m = app.models[0]
        s("@receiver(post_delete, sender=%s)" % m.name)
        with s.block("def %s_deleted(sender, instance, **kwargs):" % m.snake):
            s('cache.delete("%s:%%s" %% instance.pk)' % m.snake)
        if refers:
            s.blank(2)
            s("@receiver(post_save, sender=User)")
            with s.block("def user_saved(sender, instance, created, **kwargs):"):
                docstring(s, "Keep the %s caches in step with account changes." % app.name)
                s('cache.delete("%s:people")' % app.name)
                with s.block("if created and instance.is_staff:"):
                    s(
                        'logger.info("staff account %s joined %s", instance.username)'
                        % ("%s", app.name)
                    )
            s.blank(2)
            s("@receiver(pre_save, sender=User)")
            with s.block("def user_deactivating(sender, instance, **kwargs):"):
                with s.block("if instance.pk and not instance.is_active:"):
                    s('cache.delete("%s:people:%%s" %% instance.pk)' % app.name)
        self.add("signals.py", s.text(), refers)

    # -- services, selectors, utils, tasks, permissions ------------------------------------------
    def services_py(self) -> None:
        app, r = self.app, self.r
        refers = app.user_facing and self.refers("services")
        s = Src()
        docstring(s, "Business rules of the %s app: every write goes through here." % app.name)
        s("")
        s(
            "from __future__ import annotations",
            "",
            "import logging",
            "from dataclasses import dataclass",
            "from datetime import timedelta",
            "from decimal import Decimal",
            "from typing import Any, Iterable, Sequence",
            "",
        )
        profile = app.name not in ("users", "core") and r.random() < 0.35
        if refers:
            s(self.user_import())
        else:
            s("from django.contrib.auth import get_user_model")
        s(
            "from django.db import transaction",
            "from django.db.models import F, Sum",
            "from django.utils import timezone",
            "",
        )
        if profile:
            s("from apps.users.models import UserProfile")
        s(*imp(".models", [m.name for m in app.models]))
        s("")
        s("logger = logging.getLogger(__name__)")
        if not refers:
            s("User = get_user_model()")
        s("", "")
        s("@dataclass(frozen=True)")
        with s.block("class Outcome:"):
            s("changed: int", "skipped: int = 0", "errors: tuple[str, ...] = ()")
            s("")
            s("@property")
            with s.block("def ok(self) -> bool:"):
                s("return not self.errors")
        for m in app.models:
            s.blank(2)
            self.service_functions(s, m)
        if profile:
            s.blank(2)
            with s.block("def locale_for(user) -> str:"):
                docstring(s, "The UserProfile locale of request.user, for %s e-mails." % app.name)
                with s.block("try:"):
                    s('return UserProfile.objects.only("locale").get(user=user).locale or "en"')
                with s.block("except UserProfile.DoesNotExist:"):
                    s('return "en"')
        if refers:
            s.blank(2)
            with s.block("def deactivate_person(user_id: int, *, actor) -> None:"):
                docstring(
                    s, "Close an account's access to %s without deleting what it made." % app.name
                )
                s("user = User.objects.select_for_update().get(pk=user_id)")
                s("user.is_active = False")
                s('user.save(update_fields=["is_active"])')
                s('logger.info("%%s deactivated %%s in %s", actor.pk, user.pk)' % app.name)
        self.add("services.py", s.text(), refers)

    def service_functions(self, s: Src, m: Model) -> None:
        r = self.r
        plural_ = plural(m.snake)
        s("@transaction.atomic")
        with s.block("def create_%s(*, actor, **data: Any) -> %s:" % (m.snake, m.name)):
            docstring(s, "Create a %s on behalf of actor." % m.snake.replace("_", " "))
            allowed = [f.name for f in m.fields if f.kind not in ("created", "updated", "uuid")]
            s("allowed = {%s}" % ", ".join('"%s"' % n for n in allowed[:8]))
            s("unknown = sorted(set(data) - allowed)")
            with s.block("if unknown:"):
                s('raise ValueError("unknown fields: %s" % ", ".join(unknown))')
            if m.people:
                s('data.setdefault("%s", actor)' % m.people[0].name)
            s("obj = %s(**data)" % m.name)
            s("obj.full_clean()")
            s("obj.save()")
            s('logger.info("%s %%s created by %%s", obj.pk, getattr(actor, "pk", None))' % m.name)
            s("return obj")
        s.blank(2)
        with s.block("def bulk_update_%s(ids: Sequence[int], *, actor) -> int:" % plural_):
            s("qs = %s.objects.filter(pk__in=ids)" % m.name)
            if m.has_status:
                s(
                    'return qs.exclude(status="archived").update(status="active", updated_at=timezone.now())'
                )
            else:
                s("return qs.update(updated_at=timezone.now())")
        s.blank(2)
        with s.block(
            "def apply_%s_changes(obj: %s, payload: dict[str, Any], *, actor) -> set[str]:"
            % (m.snake, m.name)
        ):
            editable = [f.name for f in m.fields if f.kind in ("char", "text", "int", "bool")][:6]
            s("editable = {%s}" % ", ".join('"%s"' % n for n in editable))
            s(
                "changed = {key for key, value in payload.items() if key in editable and getattr(obj, key) != value}"
            )
            with s.block("for key in changed:"):
                s("setattr(obj, key, payload[key])")
            with s.block("if changed:"):
                s("obj.full_clean()")
                s('obj.save(update_fields=sorted(changed | {"updated_at"}))')
            s("return changed")
        s.blank(2)
        with s.block("def %s_report(qs=None) -> list[dict[str, object]]:" % m.snake):
            docstring(
                s,
                "Rows for the %s export: one per object, then a totals row."
                % m.snake.replace("_", " "),
            )
            s("qs = qs if qs is not None else %s.objects.all()" % m.name)
            s("rows = [")
            s("    {")
            s('        "id": obj.pk,')
            s('        "label": str(obj),')
            for f in [f for f in m.fields if f.kind in ("char", "int", "bool", "status")][:4]:
                s('        "%s": obj.%s,' % (f.name, f.name))
            s('        "created": obj.created_at.date().isoformat(),')
            s("    }")
            s('    for obj in qs.order_by("pk").iterator()')
            s("]")
            nums = [f.name for f in m.fields if f.kind == "int"][:2]
            s('totals: dict[str, object] = {"id": "total", "label": len(rows)}')
            for n in nums:
                s('totals["%s"] = sum(row.get("%s") or 0 for row in rows)' % (n, n))
            s("return rows + [totals]")
        num = m.first("int", "decimal")
        if num and r.random() < 0.7:
            s.blank(2)
            with s.block(
                "def total_%s(items: Iterable[%s]) -> %s:"
                % (num.name, m.name, "Decimal" if num.kind == "decimal" else "int")
            ):
                s(
                    "return sum((item.%s for item in items if item.%s is not None), %s)"
                    % (num.name, num.name, 'Decimal("0")' if num.kind == "decimal" else "0")
                )
        if r.random() < 0.5:
            s.blank(2)
            with s.block("def purge_old_%s(days: int = 365) -> Outcome:" % plural_):
                s("cutoff = timezone.now() - timedelta(days=days)")
                s("stale = %s.objects.filter(updated_at__lt=cutoff)" % m.name)
                if m.has_status:
                    s('stale = stale.filter(status="archived")')
                s("count, _ = stale.delete()")
                s("return Outcome(changed=count)")

    def selectors_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("selectors")
        s = Src()
        docstring(s, "Read paths of the %s app." % app.name)
        s("")
        s(
            "from __future__ import annotations",
            "",
            "from django.db.models import Count, Prefetch, QuerySet",
        )
        if refers:
            s(self.user_import())
        s("")
        s(*imp(".models", [m.name for m in app.models]))
        s("", "")
        for m in app.models:
            with s.block("def visible_%s(user) -> QuerySet[%s]:" % (plural(m.snake), m.name)):
                s("qs = %s.objects.all()" % m.name)
                with s.block("if not user.is_staff:"):
                    if m.people:
                        s("qs = qs.filter(%s=user)" % m.people[0].name)
                    elif m.first("bool"):
                        s("qs = qs.filter(%s=True)" % m.first("bool").name)
                    else:
                        s("qs = qs.none()")
                s('return qs.order_by("-created_at")')
            s.blank(2)
        with s.block("def history_for(obj) -> list[dict[str, object]]:"):
            s("return [")
            s('    {"field": field.name, "value": getattr(obj, field.attname)}')
            s("    for field in obj._meta.concrete_fields")
            s('    if not field.name.endswith("_at")')
            s("]")
        if refers:
            s.blank(2)
            m = app.models[0]
            with s.block("def people_with_%s() -> QuerySet[User]:" % plural(m.snake)):
                s(
                    'return User.objects.filter(is_active=True).annotate(n=Count("pk")).order_by("-n")'
                )
        self.add("selectors.py", s.text(), refers)

    def utils_py(self) -> str:
        r = self.r
        s = Src()
        docstring(s, "Small helpers with no database access.")
        s("")
        s(
            "from __future__ import annotations",
            "",
            "import csv",
            "import hashlib",
            "import io",
            "import re",
            "from collections import defaultdict",
            "from datetime import date, datetime, timedelta",
            "from typing import Iterable, Iterator, Mapping, TypeVar",
            "",
        )
        s('T = TypeVar("T")', '_SLUG = re.compile(r"[^a-z0-9]+")', "", "")
        helpers = [
            self.util_chunks,
            self.util_slug,
            self.util_csv,
            self.util_group,
            self.util_digest,
            self.util_weeks,
            self.util_merge,
            self.util_percent,
        ]
        for h in r.sample(helpers, r.randint(5, len(helpers))):
            h(s)
            s.blank(2)
        return s.text()

    def util_chunks(self, s: Src) -> None:
        with s.block("def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:"):
            docstring(s, "Yield lists of at most size items.")
            s("batch: list[T] = []")
            with s.block("for item in items:"):
                s("batch.append(item)")
                with s.block("if len(batch) == size:"):
                    s("yield batch", "batch = []")
            with s.block("if batch:"):
                s("yield batch")

    def util_slug(self, s: Src) -> None:
        with s.block("def slug(text: str, max_length: int = 50) -> str:"):
            s('return _SLUG.sub("-", text.lower()).strip("-")[:max_length]')

    def util_csv(self, s: Src) -> None:
        with s.block(
            "def to_csv(rows: Iterable[Mapping[str, object]], columns: list[str]) -> str:"
        ):
            s("buffer = io.StringIO()")
            s('writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")')
            s("writer.writeheader()")
            with s.block("for row in rows:"):
                s(
                    'writer.writerow({key: "" if value is None else value for key, value in row.items()})'
                )
            s("return buffer.getvalue()")

    def util_group(self, s: Src) -> None:
        with s.block("def group_by(items: Iterable[T], key) -> dict[object, list[T]]:"):
            s("groups: dict[object, list[T]] = defaultdict(list)")
            with s.block("for item in items:"):
                s("groups[key(item)].append(item)")
            s("return dict(groups)")

    def util_digest(self, s: Src) -> None:
        with s.block("def digest(*parts: object) -> str:"):
            s('joined = "|".join(str(p) for p in parts)')
            s('return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]')

    def util_weeks(self, s: Src) -> None:
        with s.block("def week_starts(start: date, end: date) -> list[date]:"):
            s("first = start - timedelta(days=start.weekday())")
            s("return [first + timedelta(weeks=n) for n in range(((end - first).days // 7) + 1)]")

    def util_merge(self, s: Src) -> None:
        with s.block(
            "def merge_settings(base: Mapping[str, object], *overrides: Mapping[str, object]) -> dict:"
        ):
            s("merged = dict(base)")
            with s.block("for override in overrides:"):
                with s.block("for key, value in override.items():"):
                    with s.block(
                        "if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):"
                    ):
                        s("merged[key] = merge_settings(merged[key], value)")
                    with s.block("else:"):
                        s("merged[key] = value")
            s("return merged")

    def util_percent(self, s: Src) -> None:
        with s.block("def percent(part: float, whole: float, digits: int = 1) -> float:"):
            s("if not whole:", "    return 0.0")
            s("return round(100.0 * part / whole, digits)")
        s.blank(2)
        with s.block("def parse_when(value: str | None) -> datetime | None:"):
            s("if not value:", "    return None")
            with s.block('for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):'):
                with s.block("try:"):
                    s("return datetime.strptime(value, fmt)")
                with s.block("except ValueError:"):
                    s("continue")
            s("return None")

    def tasks_py(self) -> str:
        app = self.app
        s = Src()
        docstring(s, "Background jobs of the %s app, run by the worker." % app.name)
        s("")
        s(
            "import logging",
            "",
            "from apps.core.tasks import background_task",
            "",
            "from . import services",
            "from .models import %s" % app.models[0].name,
            "",
        )
        s("logger = logging.getLogger(__name__)", "", "")
        m = app.models[0]
        s('@background_task(queue="%s", retries=3)' % app.name)
        with s.block("def refresh_%s(ids: list[int]) -> int:" % plural(m.snake)):
            s("done = 0")
            with s.block("for obj in %s.objects.filter(pk__in=ids).iterator():" % m.name):
                with s.block("try:"):
                    s("obj.full_clean()")
                with s.block("except Exception:"):
                    s('logger.exception("%s %%s is invalid", obj.pk)' % m.name)
                    s("continue")
                s("done += 1")
            s("return done")
        s.blank(2)
        s('@background_task(queue="%s")' % app.name)
        with s.block("def nightly_cleanup() -> None:"):
            s("for name in dir(services):")
            s('    if name.startswith("purge_old_"):')
            s("        outcome = getattr(services, name)()")
            s('        logger.info("%s: %s", name, outcome)')
        return s.text()

    def permissions_py(self) -> None:
        app = self.app
        refers = app.user_facing and self.refers("permissions")
        s = Src()
        docstring(s, "Who may do what in the %s app." % app.name)
        s("")
        s("from __future__ import annotations", "")
        s("from django.core.exceptions import PermissionDenied", "")
        for m in app.models[:4]:
            s("", "")
            with s.block("def can_edit_%s(user, obj) -> bool:" % m.snake):
                s("if not user.is_authenticated:", "    return False")
                s(
                    'if user.has_perm("%s.change_%s"):' % (app.name, m.name.lower()),
                    "    return True",
                )
                if m.people:
                    s("return obj.%s_id == user.pk" % m.people[0].name)
                else:
                    s("return user.is_staff")
        s("", "")
        with s.block("def require(check, user, obj=None) -> None:"):
            with s.block("if not check(user, obj):"):
                s("raise PermissionDenied")
        if refers:
            s("", "")
            with s.block("def can_manage_people(user, obj=None) -> bool:"):
                docstring(
                    s, "Account managers may edit other people's accounts from %s." % app.name
                )
                s(
                    'return user.has_perm("auth.change_user") or user.has_perm("auth.view_user") and user.is_staff'
                )
        self.add("permissions.py", s.text(), refers)

    # -- api -----------------------------------------------------------------------------------
    def api_views_py(self) -> str:
        app = self.app
        s = Src()
        docstring(s, "JSON endpoints of the %s app." % app.name)
        s("")
        s(
            "from django.contrib.auth.decorators import login_required",
            "from django.http import JsonResponse",
            "from django.shortcuts import get_object_or_404",
            "from django.views.decorators.http import require_GET",
            "",
            "from .. import selectors",
            "from ..serializers import %s"
            % ", ".join("%sSerializer" % m.name for m in app.models[:3]),
            "",
            "",
        )
        for m in app.models[:3]:
            s("@require_GET", "@login_required")
            with s.block("def %s_list(request):" % m.snake):
                s("qs = selectors.visible_%s(request.user)" % plural(m.snake))
                s('limit = min(int(request.GET.get("limit", 50)), 500)')
                s(
                    'return JsonResponse({"results": %sSerializer(qs[:limit], many=True).data})'
                    % m.name
                )
            s.blank(2)
            s("@require_GET", "@login_required")
            with s.block("def %s_detail(request, pk: int):" % m.snake):
                s(
                    "obj = get_object_or_404(selectors.visible_%s(request.user), pk=pk)"
                    % plural(m.snake)
                )
                s("return JsonResponse(%sSerializer(obj).data)" % m.name)
            s.blank(2)
        return s.text()

    def api_urls_py(self) -> str:
        s = Src()
        s("from django.urls import path", "", "from . import views", "")
        s('app_name = "%s-api"' % self.app.name, "")
        with s.block("urlpatterns = ["):
            for m in self.app.models[:3]:
                s('path("%s/", views.%s_list),' % (plural(m.snake), m.snake))
                s('path("%s/<int:pk>/", views.%s_detail),' % (plural(m.snake), m.snake))
        s("]")
        return s.text()

    # -- commands, template tags -----------------------------------------------------------------
    def command_py(self, name: str) -> None:
        app = self.app
        refers = app.user_facing and self.refers("command")
        m = app.models[0]
        s = Src()
        s("from __future__ import annotations", "", "from datetime import timedelta", "")
        if refers:
            s(self.user_import())
        s(
            "from django.core.management.base import BaseCommand, CommandError",
            "from django.db import transaction",
            "from django.utils import timezone",
            "",
            "from %s.models import %s" % (app.module, m.name),
            "",
            "",
        )
        with s.block("class Command(BaseCommand):"):
            s('help = "%s"' % name.replace("_", " ").capitalize())
            s("")
            with s.block("def add_arguments(self, parser):"):
                s('parser.add_argument("--days", type=int, default=30)')
                s('parser.add_argument("--dry-run", action="store_true")')
                s('parser.add_argument("--limit", type=int, default=None)')
                if refers:
                    s('parser.add_argument("--username", help="only this person\'s rows")')
            s("")
            with s.block("def handle(self, *args, **options):"):
                s('if options["days"] < 1:')
                s('    raise CommandError("--days must be at least 1")')
                s('since = timezone.now() - timedelta(days=options["days"])')
                s("qs = %s.objects.filter(created_at__gte=since)" % m.name)
                if refers and m.people:
                    with s.block('if options["username"]:'):
                        with s.block("try:"):
                            s('person = User.objects.get(username=options["username"])')
                        with s.block("except User.DoesNotExist:"):
                            s('raise CommandError("no such user: %s" % options["username"])')
                        s("qs = qs.filter(%s=person)" % m.people[0].name)
                s('if options["limit"]:', '    qs = qs[: options["limit"]]')
                s("count = 0")
                with s.block("with transaction.atomic():"):
                    with s.block("for obj in qs.iterator():"):
                        s("count += 1")
                        s(
                            'if not options["dry_run"]:',
                            '    obj.save(update_fields=["updated_at"])',
                        )
                    s('if options["dry_run"]:', "    transaction.set_rollback(True)")
                s('self.stdout.write(self.style.SUCCESS(f"{count} rows processed"))')
        self.add("management/commands/%s.py" % name, s.text(), refers)

    def templatetags_py(self) -> str:
        app = self.app
        s = Src()
        s(
            "from django import template",
            "from django.utils.html import format_html",
            "",
            "from ..constants import STATUS_LABELS",
            "",
        )
        s("register = template.Library()", "", "")
        s("@register.filter")
        with s.block("def status_label(value: str) -> str:"):
            s('return STATUS_LABELS.get(value, value.replace("_", " ").capitalize())')
        s.blank(2)
        s("@register.simple_tag(takes_context=True)")
        with s.block("def owned_by_me(context, obj) -> bool:"):
            s('request = context.get("request")')
            s('return bool(request and getattr(obj, "owner_id", None) == request.user.pk)')
        s.blank(2)
        s('@register.inclusion_tag("%s/_badge.html")' % app.name)
        with s.block('def badge(obj, size: str = "sm"):'):
            s('return {"obj": obj, "size": size, "label": str(obj)}')
        s.blank(2)
        s("@register.filter")
        with s.block("def pill(value):"):
            s("return format_html('<span class=\"pill pill-{}\">{}</span>', value, value)")
        return s.text()

    # -- migrations ----------------------------------------------------------------------------
    def migrations(self) -> None:
        app, r = self.app, self.r
        names: list[str] = []
        user_data_migrations = {"users": 2, "teams": 1, "organizations": 1, "audit": 1, "core": 1}
        n_user_data = user_data_migrations.get(app.name, 0)
        legacy = app.user_facing and app.name != "users" and r.random() < 0.3
        for i in range(1, app.n_migrations + 1):
            if i == 1:
                name = "0001_initial"
                text = self.initial_migration(legacy)
                ref = legacy
            else:
                kind = r.choice(
                    [
                        "add_field",
                        "alter_field",
                        "add_index",
                        "data",
                        "options",
                        "rename",
                        "add_field",
                        "create_model",
                        "create_model",
                    ]
                )
                if n_user_data and i >= 3 and i % 3 == 0:
                    kind = "user_data"
                    n_user_data -= 1
                m = r.choice(app.models)
                name, text = self.migration(i, kind, m, names[-1])
                ref = kind == "user_data"
            names.append(name)
            self.add("migrations/%s.py" % name, text, ref)

    def initial_migration(self, legacy: bool) -> str:
        app = self.app
        s = Src()
        s(
            "# Generated by Django 3.2.%d on 2021-0%d-1%d 10:%02d"
            % (
                self.r.randint(1, 20),
                self.r.randint(1, 9),
                self.r.randint(0, 9),
                self.r.randint(0, 59),
            ),
            "",
        )
        s("import decimal", "import uuid", "")
        s(
            "import django.db.models.deletion",
            "from django.conf import settings",
            "from django.db import migrations, models",
            "",
            "",
        )
        with s.block("class Migration(migrations.Migration):"):
            s("initial = True", "")
            with s.block("dependencies = ["):
                if any(m.people for m in app.models):
                    s("migrations.swappable_dependency(settings.AUTH_USER_MODEL),")
            s("]", "")
            with s.block("operations = ["):
                for m in app.models:
                    with s.block("migrations.CreateModel("):
                        s('name="%s",' % m.name)
                        with s.block("fields=["):
                            s(
                                '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, '
                                'verbose_name="ID")),'
                            )
                            for f in m.fields:
                                if f.kind == "fk" and "." in (f.target or ""):
                                    continue  # cross-app FKs come in later migrations
                                code = f.migration_code(app.name)
                                if legacy and f.kind == "user":
                                    code = code.replace(
                                        "to=settings.AUTH_USER_MODEL", 'to="auth.User"'
                                    )
                                s(
                                    '("%s", %s),'
                                    % (f.name, code.replace("\n", " ").replace("        ", ""))
                                )
                        s("],")
                        with s.block("options={"):
                            s('"verbose_name": "%s",' % snake(m.name).replace("_", " "))
                            s('"ordering": ["-created_at"],')
                        s("},")
                    s("),")
            s("]")
        return s.text()

    def migration(self, i: int, kind: str, m: Model, previous: str) -> tuple[str, str]:
        app, r = self.app, self.r
        s = Src()
        s(
            "# Generated by Django 4.%d.%d on 202%d-%02d-%02d %02d:%02d"
            % (
                r.randint(0, 2),
                r.randint(1, 9),
                r.randint(2, 4),
                r.randint(1, 12),
                r.randint(1, 28),
                r.randint(0, 23),
                r.randint(0, 59),
            ),
            "",
        )
        body = Src()
        deps = ['("%s", "%s"),' % (app.name, previous)]
        imports = ["from django.db import migrations, models"]
        if kind == "add_field":
            f = r.choice(m.fields)
            new = "%s_%s" % (
                r.choice(ADJECTIVES),
                r.choice(["note", "count", "flag", "at", "code"]),
            )
            code = {
                "note": 'models.TextField(blank=True, default="")',
                "count": "models.PositiveIntegerField(default=0)",
                "flag": "models.BooleanField(default=False)",
                "at": "models.DateTimeField(blank=True, null=True)",
                "code": "models.CharField(blank=True, max_length=32)",
            }[new.rsplit("_", 1)[1]]
            name = "%04d_%s_%s" % (i, m.snake, new)
            ops = [
                (
                    "migrations.AddField(",
                    ['model_name="%s",' % m.name.lower(), 'name="%s",' % new, "field=%s," % code],
                )
            ]
            for other in r.sample(app.models, min(len(app.models), r.randint(0, 3))):
                extra = "%s_%s" % (
                    r.choice(ADJECTIVES),
                    r.choice(["note", "count", "flag", "at", "code"]),
                )
                ops.append(
                    (
                        "migrations.AddField(",
                        [
                            'model_name="%s",' % other.name.lower(),
                            'name="%s",' % extra,
                            "field=models.%s,"
                            % r.choice(
                                [
                                    "BooleanField(default=False)",
                                    "PositiveIntegerField(default=0)",
                                    'CharField(blank=True, default="", max_length=64)',
                                    "DateTimeField(blank=True, null=True)",
                                ]
                            ),
                        ],
                    )
                )
            if r.random() < 0.5:
                ops.append(self.alter_op(f, m, imports, deps))
        elif kind == "alter_field":
            fields = r.sample(m.fields, min(len(m.fields), r.randint(1, 4)))
            name = "%04d_alter_%s_%s" % (i, m.snake, fields[0].name)
            ops = [self.alter_op(f, m, imports, deps) for f in fields]
        elif kind == "create_model":
            new = (
                m.name
                + r.choice(["History", "Archive", "Link", "Comment", "Import", "Snapshot"])
                + str(i)
            )
            name = "%04d_%s" % (i, snake(new))
            imports.insert(0, "import django.db.models.deletion")
            fields = [
                '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, '
                'verbose_name="ID")),'
            ]
            for f in r.sample(m.fields, min(len(m.fields), r.randint(5, 11))):
                if f.kind in ("fk", "user", "uuid", "decimal"):
                    continue
                fields.append('("%s", %s),' % (f.name, f.migration_code(app.name)))
            fields.append(
                '("%s", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, '
                'related_name="%s", to="%s.%s")),'
                % (m.snake, plural(snake(new)), app.name, m.name.lower())
            )
            ops = [
                (
                    "migrations.CreateModel(",
                    ['name="%s",' % new, "fields=["]
                    + ["    " + f for f in fields]
                    + ["],", 'options={"ordering": ["-created_at"]},'],
                )
            ]
            if r.random() < 0.5:
                ops.append(
                    (
                        "migrations.AddIndex(",
                        [
                            'model_name="%s",' % new.lower(),
                            'index=models.Index(fields=["created_at"], name="%s"),'
                            % db_name(app.name, snake(new), "created_at", str(i)),
                        ],
                    )
                )
        elif kind == "add_index":
            f = r.choice(m.fields)
            name = "%04d_%s_%s_idx" % (i, m.snake, f.name)
            ops = [
                (
                    "migrations.AddIndex(",
                    [
                        'model_name="%s",' % m.name.lower(),
                        'index=models.Index(fields=["%s", "-created_at"], name="%s"),'
                        % (f.name, db_name(m.app, m.snake, f.name, str(i))),
                    ],
                )
            ]
        elif kind == "options":
            name = "%04d_alter_%s_options" % (i, m.snake)
            ops = [
                (
                    "migrations.AlterModelOptions(",
                    [
                        'name="%s",' % m.name.lower(),
                        'options={"ordering": ["-created_at"], "verbose_name": "%s", '
                        '"verbose_name_plural": "%s"},'
                        % (
                            snake(m.name).replace("_", " "),
                            plural(snake(m.name).replace("_", " ")),
                        ),
                    ],
                )
            ]
        elif kind == "rename":
            old = r.choice(["legacy_code", "old_reference", "tmp_flag"])
            name = "%04d_remove_%s_%s" % (i, m.snake, old)
            ops = [
                (
                    "migrations.RemoveField(",
                    ['model_name="%s",' % m.name.lower(), 'name="%s",' % old],
                )
            ]
        elif kind == "data":
            name = "%04d_backfill_%s" % (i, plural(m.snake))
            ops = [("migrations.RunPython(", ["backfill, migrations.RunPython.noop,"])]
            with body.block("def backfill(apps, schema_editor):"):
                body('%s = apps.get_model("%s", "%s")' % (m.name, app.name, m.name))
                body("db = schema_editor.connection.alias")
                body("batch = []")
                with body.block(
                    "for obj in %s.objects.using(db).filter(updated_at__isnull=True).iterator():"
                    % m.name
                ):
                    body("obj.updated_at = obj.created_at", "batch.append(obj)")
                    with body.block("if len(batch) >= 500:"):
                        body('%s.objects.using(db).bulk_update(batch, ["updated_at"])' % m.name)
                        body("batch = []")
                with body.block("if batch:"):
                    body('%s.objects.using(db).bulk_update(batch, ["updated_at"])' % m.name)
            body.blank(2)
        else:  # user_data: a data migration that loads auth's User
            name = "%04d_backfill_%s_people" % (i, plural(m.snake))
            ops = [("migrations.RunPython(", ["forwards, migrations.RunPython.noop,"])]
            deps.append('("auth", "0012_alter_user_first_name_max_length"),')
            with body.block("def forwards(apps, schema_editor):"):
                body('User = apps.get_model("auth", "User")')
                body('%s = apps.get_model("%s", "%s")' % (m.name, app.name, m.name))
                body("db = schema_editor.connection.alias")
                body(
                    'fallback = User.objects.using(db).filter(is_superuser=True).order_by("pk").first()'
                )
                body("if fallback is None:", "    return")
                if m.people:
                    f = m.people[0].name
                    body(
                        "%s.objects.using(db).filter(%s__isnull=True).update(%s=fallback)"
                        % (m.name, f, f)
                    )
                else:
                    body(
                        'staff = list(User.objects.using(db).filter(is_staff=True).values_list("pk", flat=True))'
                    )
                    body(
                        "%s.objects.using(db).filter(pk__in=staff).update(updated_at=None)" % m.name
                    )
            body.blank(2)
        imports = list(dict.fromkeys(imports))
        deps = list(dict.fromkeys(deps))
        plain = sorted(x for x in imports if x.startswith("import "))
        froms = [x for x in imports if x.startswith("from ")]
        s(*plain)
        if plain:
            s("")
        s(*froms)
        s("", "")
        s.lines.extend(body.lines)
        with s.block("class Migration(migrations.Migration):"):
            with s.block("dependencies = ["):
                s(*deps)
            s("]", "")
            with s.block("operations = ["):
                for head, args in ops:
                    with s.block(head):
                        s(*args)
                    s("),")
            s("]")
        return name, s.text()

    def alter_op(
        self, f: Field, m: Model, imports: list[str], deps: list[str]
    ) -> tuple[str, list[str]]:
        """An AlterField operation; the imports and dependencies it needs are added in place."""
        if f.kind in ("fk", "user"):
            imports.insert(0, "import django.db.models.deletion")
            if f.kind == "user":
                imports.insert(1, "from django.conf import settings")
                deps.insert(0, "migrations.swappable_dependency(settings.AUTH_USER_MODEL),")
        if f.kind == "decimal":
            imports.insert(0, "import decimal")
        if f.kind == "uuid":
            imports.insert(0, "import uuid")
        return (
            "migrations.AlterField(",
            [
                'model_name="%s",' % m.name.lower(),
                'name="%s",' % f.name,
                "field=%s," % f.migration_code(self.app.name),
            ],
        )

    # -- tests ---------------------------------------------------------------------------------
    def factories_py(self) -> None:
        app = self.app
        refers = app.user_facing
        s = Src()
        docstring(s, "Objects for the %s tests, with sensible defaults." % app.name)
        s("")
        s("from __future__ import annotations", "", "import itertools", "")
        if refers:
            s(self.user_import())
        else:
            s("from django.contrib.auth import get_user_model")
        s(
            "",
            "from %s.models import %s" % (app.module, ", ".join(m.name for m in app.models[:4])),
            "",
        )
        s("_seq = itertools.count(1)", "", "")
        with s.block("def make_user(**overrides):"):
            s("n = next(_seq)")
            s(
                'data = {"username": f"person{n}", "email": f"person{n}@example.com", "password": "pw"}'
            )
            s("data.update(overrides)")
            s("return %s.objects.create_user(**data)" % ("User" if refers else "get_user_model()"))
        for m in app.models[:4]:
            s.blank(2)
            with s.block("def make_%s(**overrides) -> %s:" % (m.snake, m.name)):
                s("n = next(_seq)")
                with s.block("data = {"):
                    for f in m.fields:
                        if f.kind == "char" and not f.null:
                            s('"%s": f"%s {n}",' % (f.name, f.name.replace("_", " ")))
                        elif f.kind == "slug":
                            s('"slug": f"%s-{n}",' % m.snake.replace("_", "-"))
                        elif f.kind == "user" and not f.null:
                            s('"%s": overrides.pop("%s", None) or make_user(),' % (f.name, f.name))
                s("}")
                for f in m.fields:
                    if f.kind == "fk" and "." not in (f.target or ""):
                        t = next(x for x in app.models if x.name == f.target)
                        if t in app.models[:4] and t is not m:
                            s(
                                'data["%s"] = overrides.pop("%s", None) or make_%s()'
                                % (f.name, f.name, t.snake)
                            )
                s("data.update(overrides)")
                s("return %s.objects.create(**data)" % m.name)
        self.add("tests/factories.py", s.text(), refers)

    def tests(self) -> None:
        app = self.app
        kinds = [
            "models",
            "views",
            "forms",
            "services",
            "api",
            "selectors",
            "permissions",
            "signals",
            "commands",
        ]
        used: set[str] = set()
        for i in range(app.n_tests):
            m = app.models[i % len(app.models)]
            kind = kinds[(i // len(app.models)) % len(kinds)]
            name = "test_%s_%s" % (kind, m.snake)
            while name in used:
                name += "_more"
            used.add(name)
            refers = app.user_facing and self.refers("test")
            self.add("tests/%s.py" % name, self.test_module(kind, m, refers), refers)

    def test_module(self, kind: str, m: Model, refers: bool) -> str:
        app, r = self.app, self.r
        s = Src()
        s(
            "from __future__ import annotations",
            "",
            "from datetime import timedelta",
            "from decimal import Decimal",
            "",
        )
        if refers:
            s(self.user_import())
        s(
            "from django.core.exceptions import ValidationError",
            "from django.test import TestCase",
            "from django.urls import reverse",
            "from django.utils import timezone",
            "",
        )
        s("from %s import services" % app.module, "from %s.models import %s" % (app.module, m.name))
        s("from .factories import make_user", "", "")
        factory = "make_%s" % m.snake if m in app.models[:4] else None
        with s.block("class %s%sTests(TestCase):" % (m.name, camel(kind))):
            s("@classmethod")
            with s.block("def setUpTestData(cls):"):
                if refers:
                    s('cls.user = User.objects.create_user("reader", "reader@example.com", "pw")')
                    s(
                        'cls.staff = User.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)'
                    )
                else:
                    s("cls.user = make_user()", "cls.staff = make_user(is_staff=True)")
            s("")
            with s.block("def setUp(self):"):
                s("self.client.force_login(self.user)")
            for j in range(r.randint(13, 24)):
                s("")
                self.test_method(s, kind, m, j, refers, factory)
        if r.random() < 0.55:
            s.blank(2)
            with s.block("class %s%sEdgeCaseTests(TestCase):" % (m.name, camel(kind))):
                docstring(s, "Corner cases found in production, one test each.")
                s("")
                with s.block("def setUp(self):"):
                    s("self.user = make_user()")
                    s("self.client.force_login(self.user)")
                for j in range(r.randint(4, 9)):
                    s("")
                    self.test_method(s, kind, m, 100 + j, False, factory)
        return s.text()

    def test_method(
        self, s: Src, kind: str, m: Model, j: int, refers: bool, factory: str | None
    ) -> None:
        app, r = self.app, self.r
        shape = r.choice(
            [
                "create",
                "list",
                "detail",
                "validation",
                "loop",
                "perm",
                "service",
                "json",
                "workflow",
                "bulk",
                "serializer",
            ]
        )
        name = "test_%s_%s_%d" % (shape, r.choice(ADJECTIVES), j)
        with s.block("def %s(self):" % name):
            if shape == "create":
                s("before = %s.objects.count()" % m.name)
                s(
                    'response = self.client.post(reverse("%s:%s-create"), {})' % (app.name, m.snake)
                    if m in app.models[:3]
                    else 'response = self.client.get(reverse("%s:index"))' % app.name
                )
                s("self.assertIn(response.status_code, (200, 302, 403))")
                s("self.assertGreaterEqual(%s.objects.count(), before)" % m.name)
            elif shape == "list":
                s(
                    'response = self.client.get(reverse("%s:index"), {"q": "%s"})'
                    % (app.name, r.choice(WORDS))
                )
                s("self.assertEqual(response.status_code, 200)")
                s('self.assertIn("page", response.context)')
                s('self.assertLessEqual(len(response.context["page"].object_list), 100)')
            elif shape == "detail" and m in app.models[:3]:
                s('url = reverse("%s:%s-detail", args=[999999])' % (app.name, m.snake))
                s("response = self.client.get(url)")
                s("self.assertEqual(response.status_code, 404)")
            elif shape == "validation":
                s("obj = %s()" % m.name)
                with s.block("with self.assertRaises(ValidationError) as caught:"):
                    s("obj.full_clean()")
                s("errors = caught.exception.message_dict")
                s("required = sorted(key for key, value in errors.items() if value)")
                s("self.assertTrue(required)")
            elif shape == "loop":
                s("cases = [")
                for w in r.sample(WORDS, 4):
                    s('    ("%s", %s),' % (w, r.choice(["True", "False"])))
                s("]")
                with s.block("for value, expected in cases:"):
                    with s.block("with self.subTest(value=value):"):
                        s("self.assertEqual(bool(value) and expected, expected)")
            elif shape == "perm":
                if refers:
                    s('self.assertFalse(self.user.has_perm("auth.change_user"))')
                    s("self.client.force_login(self.staff)")
                    s('response = self.client.get(reverse("admin:auth_user_changelist"))')
                    s("self.assertIn(response.status_code, (200, 302))")
                else:
                    s(
                        'self.assertFalse(self.user.has_perm("%s.delete_%s"))'
                        % (app.name, m.name.lower())
                    )
                    s("self.assertTrue(self.staff.is_staff)")
            elif shape == "workflow" and factory:
                s("obj = %s()" % factory)
                fields = [f for f in m.fields if f.kind in ("char", "int", "bool")][:3]
                s("payload = {")
                for f in fields:
                    value = {
                        "char": '"%s"' % r.choice(WORDS),
                        "int": str(r.randint(1, 99)),
                        "bool": r.choice(["True", "False"]),
                    }[f.kind]
                    s('    "%s": %s,' % (f.name, value))
                s("}")
                s("changed = services.apply_%s_changes(obj, payload, actor=self.user)" % m.snake)
                s("obj.refresh_from_db()")
                with s.block("for key in changed:"):
                    s("self.assertEqual(getattr(obj, key), payload[key])")
                s("self.assertLessEqual(changed, set(payload))")
                s("self.assertGreaterEqual(obj.updated_at, obj.created_at)")
            elif shape == "bulk" and factory:
                n = r.randint(3, 12)
                s("objs = [%s() for _ in range(%d)]" % (factory, n))
                s("ids = [obj.pk for obj in objs]")
                s("updated = services.bulk_update_%s(ids, actor=self.user)" % plural(m.snake))
                s("self.assertLessEqual(updated, %d)" % n)
                s("fresh = {obj.pk: obj for obj in %s.objects.filter(pk__in=ids)}" % m.name)
                s("self.assertEqual(sorted(fresh), sorted(ids))")
                with s.block("for obj in objs:"):
                    s("self.assertIn(obj.pk, fresh)")
            elif shape == "serializer":
                s("from %s.serializers import %sSerializer" % (app.module, m.name), "")
                if factory:
                    s("obj = %s()" % factory)
                    s("data = %sSerializer(obj).data" % m.name)
                    s('self.assertEqual(data["id"], obj.pk)')
                    s("self.assertTrue(all(isinstance(key, str) for key in data))")
                else:
                    s("data = %sSerializer([], many=True).data" % m.name)
                    s("self.assertEqual(data, [])")
            elif shape == "service":
                if factory:
                    s("obj = %s()" % factory)
                    s(
                        'changed = services.apply_%s_changes(obj, {"unknown": 1}, actor=self.user)'
                        % m.snake
                    )
                    s("self.assertEqual(changed, set())")
                else:
                    s(
                        "self.assertEqual(services.bulk_update_%s([], actor=self.user), 0)"
                        % plural(m.snake)
                    )
            else:
                s("since = timezone.now() - timedelta(days=%d)" % r.randint(1, 90))
                s("recent = %s.objects.recent(days=%d)" % (m.name, r.randint(1, 90)))
                s("self.assertFalse(any(obj.created_at < since for obj in recent))")
                s('self.assertEqual(Decimal("0.00") + 0, Decimal("0"))')

    # -- templates and fixtures ----------------------------------------------------------------
    def templates(self) -> None:
        app = self.app
        t = "templates/%s/" % app.name
        self.add(t + "index.html", INDEX_HTML % {"app": app.name, "title": camel(app.name)})
        self.add(
            t + "bulk.html",
            '{% extends "base.html" %}\n{% block content %}\n<form method="post">'
            '{% csrf_token %}\n{% for id in ids %}<input type="hidden" name="ids" value="{{ id }}">'
            "{% endfor %}\n<button>Update {{ ids|length }}</button>\n</form>\n{% endblock %}\n",
        )
        self.add(t + "_badge.html", '<span class="badge badge-{{ size }}">{{ label }}</span>\n')
        for m in app.models[:3]:
            self.add(
                t + "%s_list.html" % m.snake,
                LIST_HTML
                % {"app": app.name, "m": m.snake, "title": snake(m.name).replace("_", " ")},
            )
            self.add(t + "%s_detail.html" % m.snake, DETAIL_HTML % {"app": app.name, "m": m.snake})
            self.add(t + "%s_form.html" % m.snake, FORM_HTML % {"app": app.name})
        if app.user_facing:
            self.add(t + "people.html", PEOPLE_HTML % {"app": app.name})
            self.add(
                t + "person.html",
                '{%% extends "base.html" %%}\n{%% block content %%}\n<h1>{{ person.get_full_name'
                " }}</h1>\n{%% if perms.auth.change_user %%}<a href=\"{%% url 'admin:auth_user_change' person.pk "
                '%%}">Edit account</a>{%% endif %%}\n{%% include "%s/_items.html" %%}\n{%% endblock %%}\n'
                % app.name,
            )
            self.add(
                t + "_items.html",
                "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>\n",
            )
        self.add(
            t + "email/notification.txt",
            "Hello {{ user.get_short_name|default:user.username }},\n\n"
            "{{ message }}\n\n-- the %s team\n" % app.name,
        )

    def fixtures(self) -> None:
        app, r = self.app, self.r
        rows = []
        pk = 1
        for m in app.models[:3]:
            for _ in range(r.randint(3, 8)):
                fields = {}
                for f in m.fields:
                    if f.kind == "char":
                        fields[f.name] = "%s %d" % (f.name, pk)
                    elif f.kind == "slug":
                        fields[f.name] = "%s-%d" % (m.snake.replace("_", "-"), pk)
                    elif f.kind == "bool":
                        fields[f.name] = r.random() < 0.5
                    elif f.kind == "int":
                        fields[f.name] = r.randint(0, 100)
                    elif f.kind == "user" and not f.null:
                        fields[f.name] = 1
                    elif f.kind in ("created", "updated"):
                        fields[f.name] = "2023-01-01T00:00:00Z"
                rows.append(
                    {"model": "%s.%s" % (app.name, m.name.lower()), "pk": pk, "fields": fields}
                )
                pk += 1
        self.add("fixtures/%s.json" % app.name, json.dumps(rows, indent=2) + "\n")
        if app.name == "users":
            people = [
                {
                    "model": "auth.user",
                    "pk": n,
                    "fields": {
                        "username": "person%d" % n,
                        "email": "person%d@example.com" % n,
                        "is_staff": n == 1,
                        "is_superuser": n == 1,
                        "password": "pbkdf2_sha256$600000$seed$" + "x" * 20,
                        "date_joined": "2023-01-01T00:00:00Z",
                    },
                }
                for n in range(1, 6)
            ]
            self.add("fixtures/people.json", json.dumps(people, indent=2) + "\n")

    def remote_user_clients_py(self) -> str:
        """A module with its own class User (a remote API's user): not auth's, and must stay as it is."""
        s = Src()
        docstring(s, "Client for the directory service: its users are not ours.")
        s("")
        s(
            "from __future__ import annotations",
            "",
            "from dataclasses import dataclass, field",
            "import json",
            "from urllib.request import Request, urlopen",
            "",
            "",
        )
        s("@dataclass(frozen=True)")
        with s.block("class User:"):
            docstring(s, "A person in the remote directory.")
            s("")
            s(
                "remote_id: str",
                "email: str",
                'display_name: str = ""',
                "groups: tuple[str, ...] = ()",
            )
            s("")
            s("@classmethod")
            with s.block("def from_json(cls, data: dict) -> User:"):
                s(
                    'return cls(data["id"], data["email"].lower(), data.get("name", ""), tuple(data.get("groups", ())))'
                )
        s.blank(2)
        s("@dataclass")
        with s.block("class DirectoryClient:"):
            s(
                "base_url: str",
                "token: str",
                "timeout: float = 10.0",
                "_cache: dict = field(default_factory=dict)",
            )
            s("")
            with s.block("def user(self, remote_id: str) -> User:"):
                with s.block("if remote_id not in self._cache:"):
                    s(
                        'req = Request(f"{self.base_url}/users/{remote_id}", headers={"Authorization": self.token})'
                    )
                    with s.block("with urlopen(req, timeout=self.timeout) as resp:"):
                        s("self._cache[remote_id] = User.from_json(json.load(resp))")
                s("return self._cache[remote_id]")
            s("")
            with s.block("def users(self, ids: list[str]) -> list[User]:"):
                s("return [self.user(i) for i in ids]")
        return s.text()


# -- fixed texts ------------------------------------------------------------------------------------------

MANAGE_PY = '''#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
'''

WSGI_PY = '''"""%(kind)s config for the project."""

import os

from django.core.%(mod)s import get_%(mod)s_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_%(mod)s_application()
'''

SETTINGS_BASE = '''"""Settings shared by every environment."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-benchmark-key")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

LOCAL_APPS = [
%(local_apps)s,
]

INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "apps.users.backends.EmailBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
'''

SETTINGS_DEV = """from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
INTERNAL_IPS = ["127.0.0.1"]

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
"""

SETTINGS_TEST = """from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
"""

SETTINGS_PROD = """import os

from .base import *  # noqa: F401,F403
from .base import DATABASES

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

DATABASES["default"] = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": os.environ.get("DB_NAME", "atlas"),
    "HOST": os.environ.get("DB_HOST", "localhost"),
    "USER": os.environ.get("DB_USER", "atlas"),
    "PASSWORD": os.environ.get("DB_PASSWORD", ""),
}
"""

URLS_PY = '''"""The project's URLs: one include per app, and the JSON API under /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
%(urls)s
%(api)s
]
'''

COMPAT_PY = '''"""Auth names the apps import from one place.

Import `User`, `Group` and `Permission` from here rather than from django.contrib.auth.models.
"""

from django.contrib.auth.models import Group, Permission, User

__all__ = ["Group", "Permission", "User"]
'''

CONFTEST_PY = """import pytest


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("staff", "staff@example.com", "pw", is_staff=True)


@pytest.fixture
def logged_in_client(client, staff_user):
    client.force_login(staff_user)
    return client
"""

SCRIPT_BACKFILL = '''"""One-off: give every row without a tenant the default tenant. Run with manage.py shell < this file."""

from apps.core.models import Tenant

DEFAULT = Tenant.objects.order_by("pk").first()


def main() -> None:
    if DEFAULT is None:
        print("no tenant")
        return
    print("default tenant:", DEFAULT)


if __name__ == "__main__":
    main()
'''

SCRIPT_REPORT = '''"""One-off report: active people per month of sign-up."""

from collections import Counter

from django.contrib.auth.models import User


def main() -> None:
    months = Counter(u.date_joined.strftime("%Y-%m") for u in User.objects.filter(is_active=True).only("date_joined"))
    for month, count in sorted(months.items()):
        print(month, count)


if __name__ == "__main__":
    main()
'''

USERS_BACKENDS_PY = '''"""Log in with an e-mail address as well as a username."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or "@" not in username:
            return None
        try:
            user = User.objects.get(email__iexact=username)
        except (User.DoesNotExist, User.MultipleObjectsReturned):
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
'''

PYPROJECT = """[tool.black]
line-length = 100

[tool.isort]
profile = "black"
known_first_party = ["apps", "config"]
"""

CI_YML = """name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements.txt
      - run: python manage.py check && pytest -q
"""

COMPOSE_YML = """services:
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: atlas
      POSTGRES_USER: atlas
      POSTGRES_PASSWORD: atlas
  web:
    build: .
    command: python manage.py runserver 0.0.0.0:8000
    depends_on: [db]
"""

SITE_JS = """document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
"""

BASE_HTML = """{%% load static %%}<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{%% block title %%}Atlas{%% endblock %%}</title>
  <link rel="stylesheet" href="{%% static 'css/site.css' %%}">
</head>
<body>
  <nav class="nav">
%(nav)s
    {%% include "includes/account_menu.html" %%}
  </nav>
  {%% if messages %%}<ul class="messages">{%% for message in messages %%}<li>{{ message }}</li>{%% endfor %%}</ul>{%% endif %%}
  <main>{%% block content %%}{%% endblock %%}</main>
  <script src="{%% static 'js/site.js' %%}"></script>
</body>
</html>
"""

ACCOUNT_MENU_HTML = """{% if request.user.is_authenticated %}
  <span>{{ request.user.get_full_name|default:request.user.username }}</span>
  {% if perms.auth.view_user %}<a href="{% url 'admin:auth_user_changelist' %}">People</a>{% endif %}
  <form method="post" action="{% url 'logout' %}">{% csrf_token %}<button>Log out</button></form>
{% else %}
  <a href="{% url 'login' %}">Log in</a>
{% endif %}
"""

LOGIN_HTML = """{% extends "base.html" %}
{% block content %}
<form method="post">{% csrf_token %}{{ form.as_p }}<button>Log in</button></form>
{% endblock %}
"""

INDEX_HTML = """{%% extends "base.html" %%}
{%% load %(app)s_tags %%}
{%% block title %%}%(title)s{%% endblock %%}
{%% block content %%}
<h1>%(title)s</h1>
<form method="get"><input name="q" value="{{ request.GET.q }}"><button>Search</button></form>
<table>
  {%% for obj in page %%}
  <tr>
    <td><a href="{{ obj.get_absolute_url }}">{{ obj }}</a></td>
    <td>{{ obj.status|status_label }}</td>
    <td>{{ obj.created_at|date:"Y-m-d" }}</td>
    <td>{%% if owned_by_me obj %%}mine{%% endif %%}</td>
  </tr>
  {%% empty %%}
  <tr><td colspan="4">Nothing yet.</td></tr>
  {%% endfor %%}
</table>
{%% if page.has_next %%}<a href="?page={{ page.next_page_number }}">More</a>{%% endif %%}
{%% endblock %%}
"""

LIST_HTML = """{%% extends "base.html" %%}
{%% block content %%}
<h1>%(title)s</h1>
<a href="{%% url '%(app)s:%(m)s-create' %%}">New</a>
<ul>
{%% for obj in object_list %%}
  <li><a href="{%% url '%(app)s:%(m)s-detail' obj.pk %%}">{{ obj }}</a> {{ obj.updated_at|timesince }} ago</li>
{%% endfor %%}
</ul>
{%% include "%(app)s/_badge.html" with label=page_obj.number size="xs" %%}
{%% endblock %%}
"""

DETAIL_HTML = """{%% extends "base.html" %%}
{%% block content %%}
<h1>{{ %(m)s }}</h1>
<dl>
{%% for row in history %%}<dt>{{ row.field }}</dt><dd>{{ row.value }}</dd>{%% endfor %%}
</dl>
{%% if can_edit %%}<a href="{%% url '%(app)s:%(m)s-update' %(m)s.pk %%}">Edit</a>{%% endif %%}
{%% endblock %%}
"""

FORM_HTML = """{%% extends "base.html" %%}
{%% block content %%}
<form method="post">{%% csrf_token %%}{{ form.as_p }}<button>Save</button></form>
<a href="{%% url '%(app)s:index' %%}">Cancel</a>
{%% endblock %%}
"""

PEOPLE_HTML = """{%% extends "base.html" %%}
{%% block content %%}
<h1>People</h1>
<table>
{%% for row in rows %%}
  <tr>
    <td><a href="{%% url '%(app)s:index' %%}?person={{ row.id }}">{{ row.name }}</a></td>
    <td>{{ row.email }}</td>
    {%% if perms.auth.change_user %%}<td><a href="{%% url 'admin:auth_user_change' row.id %%}">Edit</a></td>{%% endif %%}
  </tr>
{%% endfor %%}
</table>
{%% endblock %%}
"""

DIRECTORY_SYNC_PY = '''"""Mirror the remote directory's users into profiles. `User` here is the directory's."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from %(module)s.clients import DirectoryClient, User


def matching_accounts(client: DirectoryClient, remote_ids: list[str]) -> dict[str, int]:
    remote: list[User] = client.users(remote_ids)
    by_email = {u.email: u for u in remote}
    accounts = get_user_model().objects.filter(email__in=list(by_email)).values_list("email", "pk")
    return {by_email[email].remote_id: pk for email, pk in accounts}
'''

CORE_TASKS_PY = '''"""A tiny background-task decorator: runs inline in tests, queues otherwise."""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable

from django.conf import settings

logger = logging.getLogger(__name__)
_REGISTRY: dict[str, Callable[..., Any]] = {}


def background_task(queue: str = "default", retries: int = 0):
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        name = "%s.%s" % (func.__module__, func.__qualname__)
        _REGISTRY[name] = func

        @functools.wraps(func)
        def delay(*args: Any, **kwargs: Any) -> Any:
            if getattr(settings, "TASKS_ALWAYS_EAGER", True):
                return func(*args, **kwargs)
            logger.info("queued %s on %s", name, queue)
            return None

        func.delay = delay  # type: ignore[attr-defined]
        func.retries = retries  # type: ignore[attr-defined]
        return func

    return decorate
'''


# -- large modules: a legacy layer of several thousand lines with dense references to auth's User ---------------

LARGE_MODULE_MODELS = 60  # models per module: about 4,000 lines


def large_module(r: random.Random, index: int) -> str:
    """One module of several thousand lines that uses auth's User everywhere (see --large)."""
    src = Src()
    docstring(
        src,
        "Legacy layer %d: records, their views and the helpers that grew around them."
        % (index + 1),
    )
    src.blank()
    src("import logging")
    src("from datetime import timedelta")
    src.blank()
    src("from django.conf import settings")
    if index % 2:
        src("from apps.core.compat import User")
    else:
        src("from django.contrib.auth.models import Group, User")
    src("from django.db import models")
    src("from django.db.models.signals import post_save")
    src("from django.dispatch import receiver")
    src("from django.http import HttpResponseForbidden, JsonResponse")
    src("from django.shortcuts import get_object_or_404")
    src("from django.utils import timezone")
    src.blank()
    src("logger = logging.getLogger(__name__)")
    src.blank(2)
    proxy = "Legacy%dUser" % (index + 1)
    with src.block("class %s(User):" % proxy):
        docstring(src, "The people of this layer, with the queries it needs.")
        src.blank()
        with src.block("class Meta:"):
            src("proxy = True", 'ordering = ["username"]')
        src.blank()
        with src.block("def display_name(self):"):
            src("return self.get_full_name() or self.username")
        src.blank()
        src("@classmethod")
        with src.block("def active(cls):"):
            src("return cls.objects.filter(is_active=True)")
    src.blank(2)
    for m in range(LARGE_MODULE_MODELS):
        name = "Record%d%s" % (index + 1, camel(r.choice(NOUNS)) + str(m))
        people = r.sample(PEOPLE_FIELDS, 2)
        with src.block("class %s(models.Model):" % name):
            src("name = models.CharField(max_length=200)")
            src(
                '%s = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")'
                % people[0]
            )
            target = r.choice(['"auth.User"', "User", "settings.AUTH_USER_MODEL", proxy])
            src(
                '%s = models.ForeignKey(%s, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")'
                % (people[1], target)
            )
            if r.random() < 0.4:
                src('watchers = models.ManyToManyField(User, blank=True, related_name="+")')
            src("created_at = models.DateTimeField(auto_now_add=True)")
            if (
                r.random() < 0.3
            ):  # a class attribute named like an imported name: the name is bound twice
                src('timezone = models.CharField(max_length=64, default="UTC")')
            src.blank()
            with src.block("class Meta:"):
                src('ordering = ["-created_at"]')
            src.blank()
            with src.block("def __str__(self):"):
                src("return self.name")
            src.blank()
            with src.block("def can_edit(self, user):"):
                with src.block("if not isinstance(user, User) or not user.is_active:"):
                    src("return False")
                src("return user.is_superuser or user.pk == self.%s_id" % people[0])
            src.blank()
            with src.block("def reassign(self, username):"):
                src("new_owner = User.objects.get(username=username)")
                src("self.%s = new_owner" % people[0])
                src('self.save(update_fields=["%s"])' % people[0])
                src("return new_owner")
            src.blank()
            with src.block("def recent_editors(self, days=30):"):
                src("since = timezone.now() - timedelta(days=days)")
                src(
                    "return %s.objects.filter(last_login__gte=since).exclude(pk=self.%s_id)"
                    % (r.choice(["User", proxy]), people[0])
                )
        src.blank(2)
        if r.random() < 0.5:
            with src.block("def %s_detail(request, pk):" % snake(name)):
                src("record = get_object_or_404(%s, pk=pk)" % name)
                with src.block("if not record.can_edit(request.user):"):
                    src("return HttpResponseForbidden()")
                src(
                    'owners = User.objects.filter(pk=record.%s_id).values_list("username", flat=True)'
                    % people[0]
                )
                src('return JsonResponse({"name": record.name, "owners": list(owners)})')
            src.blank(2)
        if r.random() < 0.3:
            src("@receiver(post_save, sender=User)")
            with src.block(
                "def %s_on_user_saved(sender, instance, created, **kwargs):" % snake(name)
            ):
                with src.block("if created:"):
                    src(
                        "%s.objects.create(name=instance.username, %s=instance)" % (name, people[0])
                    )
            src.blank(2)
        if r.random() < 0.25:  # a parameter named like an imported name
            with src.block("def %s_export(records, settings=None):" % snake(name)):
                src('limit = (settings or {}).get("limit", 100)')
                src("return [(r.name, r.%s_id) for r in records[:limit]]" % people[0])
            src.blank(2)
        with src.block("def %s_summary(queryset):" % snake(name)):
            src('"""Counts per owner, for the weekly report."""')
            src("counts = {}")
            with src.block('for row in queryset.select_related("%s"):' % people[0]):
                src("key = row.%s.username if row.%s_id else None" % (people[0], people[0]))
                src("counts[key] = counts.get(key, 0) + 1")
            src('logger.info("%%d owners", len(counts))')
            src("return counts")
        src.blank(2)
    if index % 2 == 0:
        with src.block("def staff_group():"):
            src('return Group.objects.get_or_create(name="staff")[0]')
        src.blank(2)
    return src.text()


def generate(
    out: Path,
    modules: int = DEFAULT_MODULES,
    seed: int = DEFAULT_SEED,
    quiet: bool = False,
    large: int = 0,
) -> dict:
    """Write the project into out (which must be empty or absent), commit it, and return its counts."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit("%s is not empty" % out)
    project = Project(seed, modules, large)
    project.generate()
    py = {p: t for p, t in project.files.items() if p.endswith(".py")}
    for path, text in py.items():
        try:
            ast.parse(text, filename=path)
        except SyntaxError as exc:  # a bug of the generator: say where
            raise SystemExit(
                "generated invalid Python in %s:%s: %s\n%s" % (path, exc.lineno, exc.msg, text)
            )
    out.mkdir(parents=True, exist_ok=True)
    for path, text in sorted(project.files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    lines = {p: t.count("\n") for p, t in py.items()}
    counts = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "large_modules": large,
        "apps": len(project.apps),
        "user_facing_apps": [a.name for a in project.apps if a.user_facing],
        "modules": len(py),
        "lines": sum(lines.values()),
        "bytes": sum(len(t.encode("utf-8")) for t in py.values()),
        "migrations": sum(1 for p in py if "/migrations/0" in p),
        "test_modules": sum(1 for p in py if "/tests/test_" in p),
        "templates": sum(
            1 for p in project.files if p.endswith((".html", ".txt")) and "templates/" in p
        ),
        "fixtures": sum(1 for p in project.files if "/fixtures/" in p),
        "user_ref_modules": len([p for p in project.user_refs if p.endswith(".py")]),
        "user_ref_lines": sum(lines[p] for p in project.user_refs if p.endswith(".py")),
        "user_ref_files": sorted(project.user_refs),
    }
    counts["user_ref_share"] = round(counts["user_ref_lines"] / max(1, counts["lines"]), 4)
    (out / ".benchmark.json").write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    _git_commit(out)
    if not quiet:
        print(summary(counts))
    return counts


def _git_commit(out: Path) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
        GIT_AUTHOR_DATE="2024-01-01T00:00:00Z",
        GIT_COMMITTER_DATE="2024-01-01T00:00:00Z",
    )

    def run(*a):
        return subprocess.run(["git", *a], cwd=out, env=env, check=True, capture_output=True)

    run("init", "-q", "-b", "main")
    # The counts file is the benchmark's, not the project's: keep it out of git status without a .gitignore line.
    (out / ".git" / "info" / "exclude").write_text(".benchmark.json\n", encoding="utf-8")
    run("add", "-A")
    run("-c", "commit.gpgsign=false", "commit", "-q", "-m", "Initial import")


def summary(counts: dict) -> str:
    return (
        "%(modules)d Python modules, %(lines)d lines (%(bytes)d bytes) in %(apps)d apps; "
        "%(migrations)d migrations, %(test_modules)d test modules, %(templates)d templates, "
        "%(fixtures)d fixtures; auth's User referenced in %(user_ref_modules)d modules holding "
        "%(user_ref_lines)d lines (%(pct).1f%% of Python lines)"
        % dict(counts, pct=100 * counts["user_ref_share"])
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder to create (must be empty or absent)")
    p.add_argument(
        "--modules", type=int, default=DEFAULT_MODULES, help="Python modules (default %(default)s)"
    )
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)"
    )
    p.add_argument(
        "--large",
        type=int,
        default=0,
        help="modules of several thousand lines dense with references to "
        "auth's User, in the users app (default %(default)s)",
    )
    args = p.parse_args(argv)
    generate(args.out, args.modules, args.seed, large=args.large)
    return 0


if __name__ == "__main__":
    sys.exit(main())
