from codemods.swap_user.transforms.settings import Settings

from .tools import check_noop, check_transformed, options

PATH = "mysite/settings.py"


def test_list_gets_the_app_first_and_the_setting_after_it():
    check_transformed(
        Settings,
        """\
        DEBUG = True

        INSTALLED_APPS = [
            "django.contrib.admin",
            "django.contrib.auth",
            "blog",
        ]

        MIDDLEWARE = []
        """,
        """\
        DEBUG = True

        INSTALLED_APPS = [
            "accounts",
            "django.contrib.admin",
            "django.contrib.auth",
            "blog",
        ]

        AUTH_USER_MODEL = "accounts.User"

        MIDDLEWARE = []
        """,
        path=PATH,
        settings=True,
    )


def test_tuple_with_single_quotes_and_nested_app():
    check_transformed(
        Settings,
        """\
        INSTALLED_APPS = ('django.contrib.auth', 'hc.accounts',)
        """,
        """\
        INSTALLED_APPS = ('hc.users', 'django.contrib.auth', 'hc.accounts',)

        AUTH_USER_MODEL = 'users.User'
        """,
        path=PATH,
        settings=True,
        options=options(label="users", app_module="hc.users"),
    )


def test_explicit_default_setting_is_replaced():
    check_transformed(
        Settings,
        """\
        INSTALLED_APPS = ["django.contrib.auth"]
        AUTH_USER_MODEL = "auth.User"  # the default, written out
        """,
        """\
        INSTALLED_APPS = ["accounts", "django.contrib.auth"]
        AUTH_USER_MODEL = "accounts.User"  # the default, written out
        """,
        path=PATH,
        settings=True,
    )


def test_concatenation_of_named_lists():
    check_transformed(
        Settings,
        """\
        DJANGO_APPS = [
            "django.contrib.auth",
        ]
        LOCAL_APPS = ["blog"]
        INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS
        """,
        """\
        DJANGO_APPS = [
            "accounts",
            "django.contrib.auth",
        ]
        LOCAL_APPS = ["blog"]
        INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS

        AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_starred_list():
    check_transformed(
        Settings,
        """\
        BASE = ["django.contrib.auth"]
        INSTALLED_APPS = [*BASE, "blog"]
        """,
        """\
        BASE = ["django.contrib.auth"]
        INSTALLED_APPS = ["accounts", *BASE, "blog"]

        AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_value_that_cannot_be_edited_gets_a_prepending_line():
    check_transformed(
        Settings,
        """\
        INSTALLED_APPS = list(load_apps())
        """,
        """\
        INSTALLED_APPS = list(load_apps())
        INSTALLED_APPS = ["accounts", *INSTALLED_APPS]

        AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_noop_derived_settings_module():
    check_noop(
        Settings,
        """\
        from .base import *

        INSTALLED_APPS += ["debug_toolbar"]
        """,
        path="mysite/settings/dev.py",
        settings=True,
    )


def test_noop_already_installed():
    check_noop(
        Settings,
        """\
        INSTALLED_APPS = ["accounts", "django.contrib.auth"]

        AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_noop_outside_settings_modules():
    check_noop(Settings, 'INSTALLED_APPS = ["a"]\n', path="docs/conf.py")
