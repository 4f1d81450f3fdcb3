"""D1: AUTH_USER_MODEL and the model it names, read from the settings and models files (no import)."""

from __future__ import annotations

import difflib
from typing import Iterator

from ...core.models_reader import ModelClass
from ..context import Context
from ..findings import ERROR, WARNING, Finding
from .migrations import read_migrations
from .references import left_over

ADOPTED_TABLE = "auth_user"
NOT_INSTALLED = (
    "Django stops at start-up with ImproperlyConfigured: AUTH_USER_MODEL refers to model '%s' that has not been "
    "installed"
)


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.swapped:
        yield from _before_swap(ctx)
        return
    if ctx.setting is None:
        return  # computed at run time: the files cannot say
    model = ctx.user_model_class
    if model is None:
        yield from _missing_model(ctx)
        return
    yield from _hand_swap(ctx, model)
    yield from _model_shape(ctx, model)


# -- not swapped -------------------------------------------------------------------------------------


def _before_swap(ctx: Context) -> Iterator[Finding]:
    if ctx.setting is None:
        return
    if ctx.swap_refusal:
        yield Finding(
            "D107",
            WARNING,
            "swap_user would refuse this project: %s" % ctx.swap_refusal,
            "it writes nothing until this is settled",
            "settle it as the message says, then run python -m codemods.swap_user",
        )
    if not ctx.installed_known:
        return
    setting_at = ctx.assignment("INSTALLED_APPS")
    for app in ctx.local_apps:
        for cls in ctx.concrete_models(app):
            if ctx.is_user_model(cls) is not True:
                continue
            label = "%s.%s" % (app.label, cls.name)
            clash = (
                "Django keeps using auth.User, so both models get the groups and user_permissions reverse "
                "accessors: manage.py check fails with fields.E304 (reverse accessor clashes)"
            )
            if cls.meta.get("db_table") == ADOPTED_TABLE:
                clash += ", and both claim the auth_user table (models.E028)"
            where = " in %s" % setting_at[0] if setting_at else ""
            yield Finding(
                "D101",
                ERROR,
                "AUTH_USER_MODEL is not set, but %s is a user model" % label,
                clash + "; logins still use auth.User",
                'set AUTH_USER_MODEL = "%s"%s, with %s first in INSTALLED_APPS; on an existing database its first '
                "migration must then be recorded and the auth | user content type renamed (swap_user's adoption "
                "step does both)" % (label, where, app.entry),
                path=cls.path,
                line=cls.line,
            )


# -- a swap started by hand -------------------------------------------------------------------------


def _hand_swap(ctx: Context, model: ModelClass) -> Iterator[Finding]:
    """AUTH_USER_MODEL names a model swap_user did not make, references to auth's User remain, and no database
    has the new model yet: reverting loses nothing, and swap_user does the rest, adoption included.
    """
    if ctx.fixable_by_swap_user:
        return
    left = left_over(ctx)
    unmigrated = _unmigrated(ctx)
    if not left or unmigrated is None:
        return
    setting = ctx.setting or ""
    files = len({s.path for s in left})
    at = ctx.assignment("AUTH_USER_MODEL")
    yield Finding(
        "D108",
        ERROR,
        "the swap to %s was started by hand and not finished: %d reference%s to auth's User remain%s in %d file%s"
        % (
            setting,
            len(left),
            "" if len(left) == 1 else "s",
            "s" if len(left) == 1 else "",
            files,
            "" if files == 1 else "s",
        ),
        "%s, so reverting loses nothing; swap_user takes on only projects on auth.User or its own swap, so --fix "
        "cannot help, and finishing by hand means rewriting each reference and adopting each existing database, "
        "whose users are in auth_user" % unmigrated,
        "revert AUTH_USER_MODEL to auth.User and remove the hand-made %s (%s, with its app if it holds nothing "
        "else), then run python -m codemods.swap_user, which rewrites these references and adopts existing "
        "databases" % (model.name, model.path),
        path=at[0] if at else None,
        line=at[1] if at else None,
    )


def _unmigrated(ctx: Context) -> str | None:
    """Why no database has the user model yet, None when one may have it (the one Django reads is asked)."""
    app = ctx.app_by_label(ctx.user_label)
    if app is None or app.path is None:
        return None
    if not read_migrations(ctx, app.path / "migrations"):
        return "%s has no migrations: no database has %s" % (ctx.user_label, ctx.setting)
    db = ctx.database
    if (
        db is None
        or "auth.0001_initial" not in db.get("recorded", [])
        or all(db.get("user_first_recorded") or [True])
    ):
        return None
    return "database '%s' still holds auth's users and has not applied %s" % (
        db["alias"],
        ", ".join(db.get("user_first") or []),
    )


# -- AUTH_USER_MODEL names nothing --------------------------------------------------------------------


def _missing_model(ctx: Context) -> Iterator[Finding]:
    setting = ctx.setting or ""
    at = ctx.assignment("AUTH_USER_MODEL")
    path, line = at if at else (None, None)
    label, _, name = setting.partition(".")
    if not name or "." in name:
        yield Finding(
            "D102",
            ERROR,
            "AUTH_USER_MODEL = %r is not of the form 'app_label.ModelName'" % setting,
            "Django stops at start-up with ImproperlyConfigured: AUTH_USER_MODEL must be of the form "
            "'app_label.model_name'",
            _suggestion(ctx, setting),
            path=path,
            line=line,
        )
        return
    app = ctx.app_by_label(label)
    if app is not None and app.path is None:
        return  # a third-party app: its models are not read here (D001 says if Django cannot find it)
    if app is None and ctx.installed_known:
        folder = _uninstalled_app(ctx, label, name)
        if folder is not None:
            module, cls = folder
            at_apps = ctx.assignment("INSTALLED_APPS")
            yield Finding(
                "D103",
                ERROR,
                "AUTH_USER_MODEL = %r names the app %s, which is not in INSTALLED_APPS (%s:%d defines %s)"
                % (setting, label, cls.path, cls.line, cls.name),
                NOT_INSTALLED % setting,
                'add "%s" to INSTALLED_APPS, first%s'
                % (module, " (%s:%d)" % at_apps if at_apps else ""),
                path=path,
                line=line,
            )
            return
    if app is None and not ctx.installed_known:
        return
    yield Finding(
        "D102",
        ERROR,
        "AUTH_USER_MODEL = %r names no model: %s"
        % (
            setting,
            (
                "no installed app has the label %s" % label
                if app is None
                else "%s has no model %s" % (label, name)
            ),
        ),
        NOT_INSTALLED % setting,
        _suggestion(ctx, setting),
        path=path,
        line=line,
    )


def _suggestion(ctx: Context, setting: str) -> str:
    users, others = [], []
    for app in ctx.local_apps:
        for cls in ctx.concrete_models(app):
            (users if ctx.is_user_model(cls) else others).append("%s.%s" % (app.label, cls.name))
    pool = users or others
    lowered = {c.lower(): c for c in pool}
    close = difflib.get_close_matches(setting.lower(), list(lowered), n=1, cutoff=0.5)
    if close:
        return 'did you mean AUTH_USER_MODEL = "%s"?' % lowered[close[0]]
    if users:
        return "name one of the project's user models: %s" % ", ".join(users)
    return "name an installed model that subclasses AbstractUser (or AbstractBaseUser)"


def _uninstalled_app(ctx: Context, label: str, name: str) -> tuple[str, ModelClass] | None:
    """(module, class) of a package of the project named `label` whose models define `name`."""
    for f in ctx.project.files:
        parts = f.parts
        module_file = len(parts) >= 2 and parts[-2:] == (label, "models.py")
        package = len(parts) >= 3 and parts[-3:] == (label, "models", "__init__.py")
        if module_file or package:
            folder = ctx.project.root.joinpath(*parts[: parts.index(label) + 1])
            module = ctx.project.module_name(folder / "__init__.py") or label
            for module_name in ctx.models_modules(module, folder):
                for cls in ctx.models.classes(module_name):
                    if cls.name.lower() == name.lower():
                        return module, cls
    return None


# -- the model's shape --------------------------------------------------------------------------------


def _model_shape(ctx: Context, model: ModelClass) -> Iterator[Finding]:
    setting = ctx.setting or ""
    if ctx.is_user_model(model) is False:
        yield Finding(
            "D104",
            ERROR,
            "AUTH_USER_MODEL = %r names %s, which does not subclass AbstractBaseUser"
            % (setting, model.name),
            "auth needs its fields and methods (password, last_login, USERNAME_FIELD, REQUIRED_FIELDS, "
            "is_authenticated): manage.py check crashes with AttributeError: type object '%s' has no attribute "
            "'REQUIRED_FIELDS', and logins fail" % model.name,
            "subclass django.contrib.auth.models.AbstractUser (or AbstractBaseUser with PermissionsMixin)",
            path=model.path,
            line=model.line,
        )
    if model.meta.get("db_table") != ADOPTED_TABLE:
        return
    if model.name != "User":
        column = "%s_id" % model.name.lower()
        yield Finding(
            "D105",
            ERROR,
            "%s adopts the auth_user table but is named %s, not User" % (setting, model.name),
            "its many-to-many tables keep their names from db_table (auth_user_groups) but take their column "
            "from the class name (%s instead of user_id): on an existing database user.groups.all() fails "
            "with no such column: auth_user_groups.%s, while check and makemigrations stay silent"
            % (column, column),
            'rename the class to User (keep db_table) and AUTH_USER_MODEL to "%s.User"'
            % ctx.user_label,
            path=model.path,
            line=model.line,
        )
    kind, source = _id_field(ctx, model)
    if kind.endswith("BigAutoField"):
        yield Finding(
            "D106",
            WARNING,
            "%s adopts auth_user with a BigAutoField id (%s)" % (setting, source),
            "auth_user.id is an integer column: the app's first migration claims bigint, so fresh installs get "
            "bigint ids and upgraded databases keep integer ones, with no warning from Django",
            'pin default_auto_field = "django.db.models.AutoField" on the app\'s AppConfig (as auth does) '
            "before its first migration is made",
            path=model.path,
            line=model.line,
        )


def _id_field(ctx: Context, model: ModelClass) -> tuple[str, str]:
    """(the id field's class, where that comes from)."""
    declared = model.fields.get("id")
    if declared is not None and declared.call.endswith("AutoField"):
        return declared.call, "declared at %s:%d" % (model.path, declared.line)
    app = ctx.app_by_label(ctx.user_label)
    if app is not None:
        value = ctx.app_config_attribute(app, "default_auto_field")
        if isinstance(value, str):
            return value, "the app's default_auto_field"
    value = ctx.setting_value("DEFAULT_AUTO_FIELD")
    if isinstance(value, str):
        at = ctx.assignment("DEFAULT_AUTO_FIELD")
        return value, "DEFAULT_AUTO_FIELD%s, which the app does not override" % (
            " at %s:%d" % at if at else ""
        )
    return "django.db.models.AutoField", "Django's default"
