import pytest

from codemods.swap_user.transform_facts import Installed, Refuse
from codemods.swap_user.transforms.settings import Settings

from .tools import apply, check_noop, check_transformed, options

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


def facts_of(result, kind):
    return [f for f in result.facts if isinstance(f, kind)]


def test_configuration_class_attribute():
    result = check_transformed(
        Settings,
        """\
        from configurations import Configuration


        class Base(Configuration):
            DEBUG = False
            INSTALLED_APPS = [
                "django.contrib.auth",
                "blog",
            ]


        class Dev(Base):
            DEBUG = True
            INSTALLED_APPS = Base.INSTALLED_APPS + ["debug_toolbar"]
        """,
        """\
        from configurations import Configuration


        class Base(Configuration):
            DEBUG = False
            INSTALLED_APPS = [
                "accounts",
                "django.contrib.auth",
                "blog",
            ]

            AUTH_USER_MODEL = "accounts.User"


        class Dev(Base):
            DEBUG = True
            INSTALLED_APPS = Base.INSTALLED_APPS + ["debug_toolbar"]
        """,
        path=PATH,
        settings=True,
    )
    assert facts_of(result, Installed) == [Installed(PATH)] and not facts_of(result, Refuse)


def test_class_attribute_default_user_model_is_replaced():
    check_transformed(
        Settings,
        """\
        class Base(Configuration):
            INSTALLED_APPS = ("django.contrib.auth",)
            AUTH_USER_MODEL = "auth.User"
        """,
        """\
        class Base(Configuration):
            INSTALLED_APPS = ("accounts", "django.contrib.auth",)
            AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_property_that_builds_a_list():
    # readthedocs' CommunityBaseSettings
    check_transformed(
        Settings,
        """\
        class CommunityBaseSettings(Settings):
            SITE_ID = 1

            @property
            def INSTALLED_APPS(self):  # noqa
                apps = [
                    "django.contrib.auth",
                    "readthedocs.core",
                ]
                if ext:
                    apps.append("readthedocsext.cdn")
                return apps

            @property
            def USE_PROMOS(self):
                return "readthedocsext.donate" in self.INSTALLED_APPS
        """,
        """\
        class CommunityBaseSettings(Settings):
            SITE_ID = 1

            @property
            def INSTALLED_APPS(self):  # noqa
                apps = [
                    "readthedocs.accounts",
                    "django.contrib.auth",
                    "readthedocs.core",
                ]
                if ext:
                    apps.append("readthedocsext.cdn")
                return apps

            AUTH_USER_MODEL = "accounts.User"

            @property
            def USE_PROMOS(self):
                return "readthedocsext.donate" in self.INSTALLED_APPS
        """,
        path=PATH,
        settings=True,
        options=options(app_module="readthedocs.accounts"),
    )


def test_property_that_returns_a_literal():
    check_transformed(
        Settings,
        """\
        class Base(Settings):
            @property
            def INSTALLED_APPS(self):
                return ("django.contrib.auth",)
        """,
        """\
        class Base(Settings):
            @property
            def INSTALLED_APPS(self):
                return ("accounts", "django.contrib.auth",)

            AUTH_USER_MODEL = "accounts.User"
        """,
        path=PATH,
        settings=True,
    )


def test_noop_property_that_extends_a_base_class():
    result = check_noop(
        Settings,
        """\
        class Dev(Base):
            @property
            def INSTALLED_APPS(self):
                return super().INSTALLED_APPS + ["debug_toolbar"]
        """,
        path=PATH,
        settings=True,
    )
    assert not facts_of(result, Installed) and not facts_of(result, Refuse)


@pytest.mark.parametrize(
    "source, line, why",
    [
        (
            "class Base(Configuration):\n    DEBUG = True\n    INSTALLED_APPS = values.ListValue(['django.contrib.auth'])\n",
            3,
            "INSTALLED_APPS is not a list or tuple the tool can add to",
        ),
        (
            "class Base(Settings):\n    @property\n    def INSTALLED_APPS(self):\n        if X:\n"
            "            return ['a']\n        return ['b']\n",
            3,
            "INSTALLED_APPS is a property the tool cannot add to (it does not end in its only return)",
        ),
        (
            "class Base(Settings):\n    @property\n    def INSTALLED_APPS(self):\n        return load()\n",
            3,
            "(it returns neither a list nor a name bound to one)",
        ),
        (
            "class Base(Settings):\n    @property\n    def INSTALLED_APPS(self):\n        apps = ['a']\n"
            "        if X:\n            apps = ['b']\n        return apps\n",
            3,
            "(apps is assigned more than once)",
        ),
        (
            "class Base(Settings):\n    INSTALLED_APPS = ['a']\n\n    @property\n"
            "    def AUTH_USER_MODEL(self):\n        return 'auth.User'\n",
            5,
            "AUTH_USER_MODEL is a method; make it a class attribute",
        ),
        (
            "INSTALLED_APPS = ['a']\nAUTH_USER_MODEL = env('USER_MODEL', default='auth.User')\n",
            2,
            "AUTH_USER_MODEL is computed",
        ),
    ],
    ids=[
        "call",
        "two-returns",
        "returns-a-call",
        "rebound",
        "user-model-property",
        "user-model-computed",
    ],
)
def test_what_cannot_be_edited_is_refused_with_its_line(source, line, why):
    _, result = apply(Settings, source, path=PATH, settings=True)
    [refusal] = facts_of(result, Refuse)
    assert (refusal.path, refusal.line) == (PATH, line)
    assert why in refusal.why and refusal.why.endswith(", and run again")
