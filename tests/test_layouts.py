"""Layouts of real projects, swapped by `--diff`, the diff applied, then `--check`: nothing more to do."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from codemods.swap_user.main import main

from .projects import git_init, write_project

MANAGE = """\
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "%s")
"""

MODELS = (
    "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n"
    "class Post(models.Model):\n    author = models.ForeignKey(User, models.CASCADE)\n"
)


def make(root: Path, settings_module: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "manage.py").write_text(MANAGE % settings_module)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text))
    git_init(root)
    return root


def blog_project(tmp_path: Path, settings: str) -> Path:
    """mysite.settings (the text given) and a blog app with a foreign key to auth's User."""
    files = {
        "mysite/__init__.py": "",
        "blog/__init__.py": "",
        "blog/models.py": MODELS,
        "mysite/settings.py": settings,
    }
    return make(tmp_path / "p", "mysite.settings", files)


def swap_by_diff(root: Path, capsys) -> str:
    """Apply what `--diff` prints; return the stderr of the `--check` that follows, which must exit 0."""
    assert main([str(root), "--diff"]) == 0
    diff = capsys.readouterr().out
    subprocess.run(["git", "apply", "-"], input=diff, text=True, cwd=root, check=True)
    code = main([str(root), "--check"])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


def test_apps_in_the_projects_package_and_settings_read_through_a_module_import(tmp_path, capsys):
    root = make(
        tmp_path / "p",
        "site.settings",
        {
            "site/__init__.py": "",
            "site/blog/__init__.py": "",
            "site/blog/models.py": MODELS,
            "site/settings/__init__.py": """\
                from .base import *

                if DEBUG:
                    try:
                        from .dev import *
                    except ImportError:
                        pass
            """,
            "site/settings/base.py": """\
                DEBUG = False
                INSTALLED_APPS = (
                    "site.blog",
                    "django.contrib.auth",
                    "django.contrib.contenttypes",
                )
            """,
            "site/settings/dev.py": """\
                from . import base

                INSTALLED_APPS = base.INSTALLED_APPS + ("debug_toolbar",)
            """,
        },
    )
    err = swap_by_diff(root, capsys)
    assert (root / "site/accounts/models.py").is_file() and not (root / "accounts").exists()
    assert '    "site.accounts",\n    "site.blog",' in (root / "site/settings/base.py").read_text()
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("swap_user: would rewrite 0 files, would create 0; ")
    )


def test_one_app_that_holds_the_settings_and_a_filtered_installed_apps(tmp_path, capsys):
    root = make(
        tmp_path / "p",
        "dojo.settings.settings",
        {
            "dojo/__init__.py": "",
            "dojo/models.py": MODELS,
            "dojo/settings/__init__.py": "",
            "dojo/settings/settings.py": """\
                import os

                INSTALLED_APPS = (
                    "django.contrib.auth",
                    "django.contrib.contenttypes",
                    "dojo",
                    "watson",
                )
                if not os.environ.get("WATSON"):
                    INSTALLED_APPS = tuple(app for app in INSTALLED_APPS if app != "watson")
            """,
        },
    )
    swap_by_diff(root, capsys)
    assert (root / "dojo/accounts/models.py").is_file()
    assert (
        '    "dojo.accounts",\n    "django.contrib.auth",'
        in (root / "dojo/settings/settings.py").read_text()
    )


def test_settings_class_whose_installed_apps_is_a_property(tmp_path, capsys):
    # readthedocs: a base class of settings, a subclass per environment, exported with load_settings()
    root = make(
        tmp_path / "p",
        "site.settings.dev",
        {
            "site/__init__.py": "",
            "site/core/__init__.py": "",
            "site/core/settings.py": """\
                class Settings:
                    @classmethod
                    def load_settings(cls, module_name):
                        pass
            """,
            "site/blog/__init__.py": "",
            "site/blog/models.py": MODELS,
            "site/settings/__init__.py": "",
            "site/settings/base.py": """\
                from site.core.settings import Settings


                class BaseSettings(Settings):
                    DEBUG = False

                    @property
                    def INSTALLED_APPS(self):
                        apps = [
                            "django.contrib.auth",
                            "django.contrib.contenttypes",
                            "site.core",
                            "site.blog",
                        ]
                        if self.DEBUG:
                            apps.append("debug_toolbar")
                        return apps
            """,
            "site/settings/dev.py": """\
                from .base import BaseSettings


                class DevSettings(BaseSettings):
                    DEBUG = True


                DevSettings.load_settings(__name__)
            """,
        },
    )
    swap_by_diff(root, capsys)
    base = (root / "site/settings/base.py").read_text()
    assert '            "site.accounts",\n            "django.contrib.auth",' in base
    assert '        return apps\n\n    AUTH_USER_MODEL = "accounts.User"\n' in base
    assert (root / "site/accounts/models.py").is_file()


def test_configuration_classes(tmp_path, capsys):
    # django-configurations
    root = blog_project(
        tmp_path,
        """\
                from configurations import Configuration


                class Base(Configuration):
                    INSTALLED_APPS = [
                        "django.contrib.auth",
                        "django.contrib.contenttypes",
                        "blog",
                    ]


                class Dev(Base):
                    DEBUG = True
                    INSTALLED_APPS = Base.INSTALLED_APPS + ["debug_toolbar"]


                class Prod(Base):
                    DEBUG = False
            """,
    )
    swap_by_diff(root, capsys)
    settings = (root / "mysite/settings.py").read_text()
    assert '        "accounts",\n        "django.contrib.auth",' in settings
    assert '    ]\n\n    AUTH_USER_MODEL = "accounts.User"\n\n\nclass Dev(Base):' in settings


def test_settings_the_tool_cannot_edit_are_refused_before_anything_is_written(tmp_path, capsys):
    root = blog_project(
        tmp_path,
        """\
                from configurations import Configuration, values


                class Base(Configuration):
                    INSTALLED_APPS = values.ListValue(["django.contrib.auth", "blog"])
            """,
    )
    for mode in ("--diff", "--check"):
        assert main([str(root), mode]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert (
            err
            == "error: mysite/settings.py:5: INSTALLED_APPS is not a list or tuple the tool can add to; "
            "write it as one (or as a property that returns one), and run again; nothing was changed\n"
        )


def test_settings_that_only_extend_an_outside_list_are_refused(tmp_path, capsys):
    root = blog_project(
        tmp_path, 'from company_defaults.settings import *\n\nINSTALLED_APPS += ["blog"]\n'
    )
    assert main([str(root), "--diff"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err
        == "error: no settings module in the project defines an INSTALLED_APPS the tool can add accounts "
        "to; define it in one (or pass --settings MODULE for the one that does); nothing was changed\n"
    )


def test_settings_named_only_in_a_devcontainer(tmp_path, capsys):
    # babybuddy: manage.py leaves the settings module to the environment that .devcontainer.json sets up
    root = write_project(
        tmp_path / "mini",
        extra={
            ".devcontainer.json": '{"containerEnv": {"DJANGO_SETTINGS_MODULE": "mini.settings"}}\n',
        },
    )
    manage = root / "manage.py"
    manage.write_text(
        manage.read_text().replace(
            'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mini.settings")', "pass"
        )
    )
    git_init(root)
    code = main([str(root), "--no-branch"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.splitlines()[0] == "Settings: mini.settings (from .devcontainer.json)"
    # Django's own commands ran with it
    assert "Created accounts/migrations/0001_initial.py (by Django's makemigrations)" in err
