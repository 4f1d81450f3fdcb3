"""Project discovery (core/project.py, core/settings_reader.py): settings, INSTALLED_APPS, where apps live."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from codemods.core.project import ProjectError, discover

MANAGE = """\
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "%s")
"""


def make(root: Path, settings_module: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manage.py").write_text(MANAGE % settings_module)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def apps_of(root: Path) -> list[str]:
    return discover(root).installed_apps


@pytest.mark.parametrize(
    "settings",
    [
        'INSTALLED_APPS = ["django.contrib.auth", "blog"]',
        'INSTALLED_APPS = ("django.contrib.auth", "blog")',
        'INSTALLED_APPS = ["django.contrib.auth"]\nINSTALLED_APPS += ["blog"]',
        'BASE = ["django.contrib.auth"]\nINSTALLED_APPS = BASE + ["blog"]',
        'BASE = ("django.contrib.auth",)\nINSTALLED_APPS = [*BASE, "blog"]',
        'INSTALLED_APPS = ["django.contrib.auth"]\nINSTALLED_APPS.append("blog")',
        'INSTALLED_APPS = ["django.contrib.auth"]\nif DEBUG:\n    INSTALLED_APPS += ["blog"]',
    ],
    ids=["list", "tuple", "augmented", "concatenation", "starred", "append", "both-branches"],
)
def test_installed_apps_however_written(tmp_path, settings):
    make(
        tmp_path,
        "site.settings",
        {"site/__init__.py": "", "site/settings.py": "DEBUG = False\n" + settings},
    )
    assert apps_of(tmp_path) == ["django.contrib.auth", "blog"]


@pytest.mark.parametrize(
    "extra",
    [
        'INSTALLED_APPS += [f"allauth.socialaccount.providers.{p}" for p in PROVIDERS]',
        "INSTALLED_APPS.extend(load_plugins())",
        "INSTALLED_APPS = INSTALLED_APPS + load_plugins()",
    ],
    ids=["comprehension", "extend-call", "plus-call"],
)
def test_apps_added_by_code_keep_the_known_ones(tmp_path, extra):
    make(
        tmp_path,
        "site.settings",
        {
            "site/__init__.py": "",
            "site/settings.py": 'PROVIDERS = ["github"]\nINSTALLED_APPS = ["django.contrib.auth", "blog"]\n'
            + extra,
        },
    )
    assert apps_of(tmp_path) == ["django.contrib.auth", "blog"]


def test_split_settings_package_star_imports(tmp_path):
    make(
        tmp_path,
        "site.settings.dev",
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": 'INSTALLED_APPS = ("django.contrib.auth", "blog")\n',
            "site/settings/dev.py": 'from .base import *\n\nINSTALLED_APPS += ("debug_tools",)\n',
        },
    )
    project = discover(tmp_path)
    assert project.installed_apps == ["django.contrib.auth", "blog", "debug_tools"]
    assert {"site/settings/base.py", "site/settings/dev.py"} <= project.settings_paths


def test_new_apps_go_beside_apps_nested_in_a_package(tmp_path):
    # settings at the top, apps under the project's package: the new app joins the apps
    make(
        tmp_path,
        "settings.main",
        {
            "settings/__init__.py": "",
            "settings/main.py": "from .base import *\n\nINSTALLED_APPS += [x for x in EXTRA]\n",
            "settings/base.py": 'EXTRA = []\nINSTALLED_APPS = ["django.contrib.auth", "gym.core", "gym.diary"]\n',
            "gym/__init__.py": "",
            "gym/core/__init__.py": "",
            "gym/diary/__init__.py": "",
        },
    )
    project = discover(tmp_path)
    assert [a.label for a in project.local_apps] == ["core", "diary"]
    assert project.apps_parent() == (tmp_path.resolve() / "gym", "gym")


def test_a_settings_module_imported_as_a_module(tmp_path):
    make(
        tmp_path,
        "site.settings",
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "from .base import *\n\nif DEBUG:\n    from .dev import *\n",
            "site/settings/base.py": 'DEBUG = True\nINSTALLED_APPS = ("django.contrib.auth", "site.blog")\n',
            "site/settings/dev.py": 'from . import base\n\nINSTALLED_APPS = base.INSTALLED_APPS + ("debug_toolbar",)\n',
            "site/blog/__init__.py": "",
        },
    )
    project = discover(tmp_path)
    assert project.installed_apps == ["django.contrib.auth", "site.blog", "debug_toolbar"]
    assert project.apps_parent() == (tmp_path.resolve() / "site", "site")


@pytest.mark.parametrize(
    "extra",
    [
        'INSTALLED_APPS = tuple(app for app in INSTALLED_APPS if app != "watson")',
        "INSTALLED_APPS = without_unused(INSTALLED_APPS)",
    ],
    ids=["filter", "call"],
)
def test_apps_filtered_by_code_keep_the_known_ones(tmp_path, extra):
    make(
        tmp_path,
        "site.settings",
        {
            "site/__init__.py": "",
            "site/settings.py": 'INSTALLED_APPS = ("django.contrib.auth", "blog", "watson")\nif X:\n    '
            + extra,
        },
    )
    assert apps_of(tmp_path) == ["django.contrib.auth", "blog", "watson"]


def test_settings_classes(tmp_path):
    make(
        tmp_path,
        "site.settings",
        {
            "site/__init__.py": "",
            "site/settings.py": """\
                class Helper:
                    NAME = "not a setting"


                class Base(Configuration):
                    AUTH_USER_MODEL = "accounts.User"

                    @property
                    def INSTALLED_APPS(self):
                        apps = ["django.contrib.auth", "site.blog"]
                        if self.DEBUG:
                            apps.append("debug_toolbar")
                        return apps


                class Dev(Base):
                    INSTALLED_APPS = Base.INSTALLED_APPS + ["django_extensions"]
                """,
        },
    )
    project = discover(tmp_path)
    assert project.installed_apps == [
        "django.contrib.auth",
        "site.blog",
        "debug_toolbar",
        "django_extensions",
    ]
    assert project.namespace.values["AUTH_USER_MODEL"] == "accounts.User"
    assert "NAME" not in project.namespace.values


def test_new_apps_go_inside_an_app_that_holds_the_settings(tmp_path):
    make(
        tmp_path,
        "dojo.settings.settings",
        {
            "dojo/__init__.py": "",
            "dojo/settings/__init__.py": "",
            "dojo/settings/settings.py": 'INSTALLED_APPS = ["django.contrib.auth", "dojo"]\n',
        },
    )
    assert discover(tmp_path).apps_parent() == (tmp_path.resolve() / "dojo", "dojo")


def test_flat_and_src_layouts(tmp_path):
    flat = make(
        tmp_path / "flat",
        "site.settings",
        {
            "site/__init__.py": "",
            "site/settings.py": 'INSTALLED_APPS = ["blog"]\n',
            "blog/__init__.py": "",
        },
    )
    assert discover(flat).apps_parent() == (flat.resolve(), "")
    src = make(
        tmp_path / "src_layout",
        "site.settings",
        {
            "src/site/__init__.py": "",
            "src/site/settings.py": 'INSTALLED_APPS = ["blog"]\n',
            "src/blog/__init__.py": "",
        },
    )
    assert discover(src).apps_parent() == (src.resolve() / "src", "")


SITE = {"site/__init__.py": "", "site/settings.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n'}


NAMED_OUTSIDE = [
    (
        "site/wsgi.py",
        'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
    ),
    ("site/asgi.py", 'import os\n\nos.environ["DJANGO_SETTINGS_MODULE"] = "site.settings"\n'),
    ("pytest.ini", "[pytest]\nDJANGO_SETTINGS_MODULE = site.settings\n"),
    ("pyproject.toml", '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "site.settings"\n'),
    ("setup.cfg", "[tool:pytest]\nDJANGO_SETTINGS_MODULE=site.settings\n"),
    ("tox.ini", "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE=site.settings\n"),
    (".env", "DEBUG=1\nDJANGO_SETTINGS_MODULE=site.settings\n"),
    (".env.example", "export DJANGO_SETTINGS_MODULE='site.settings'\n"),
    (".devcontainer.json", '{"containerEnv": {"DJANGO_SETTINGS_MODULE": "site.settings"}}\n'),
    (
        ".devcontainer/devcontainer.json",
        '{\n  "remoteEnv": {\n    "DJANGO_SETTINGS_MODULE": "site.settings"\n  }\n}\n',
    ),
]


@pytest.mark.parametrize("name, text", NAMED_OUTSIDE, ids=[name for name, _ in NAMED_OUTSIDE])
def test_settings_named_outside_manage_py(tmp_path, name, text):
    make(tmp_path, "unused", {**SITE, name: text})
    (tmp_path / "manage.py").write_text("import sys\n")  # leaves it to the environment
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text(".env\n")  # a .env is rarely committed, and still read
    project = discover(tmp_path)
    assert (project.settings_module, project.settings_source) == ("site.settings", name)


def test_settings_package_with_one_development_module(tmp_path):
    make(
        tmp_path,
        "unused",
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/base.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n',
            "site/settings/development.py": "from .base import *\n",
            "site/settings/production.py": "from .base import *\n",
        },
    )
    (tmp_path / "manage.py").write_text("import sys\n")
    project = discover(tmp_path)
    assert project.settings_module == "site.settings.development"
    assert (
        project.settings_source
        == "site/settings/development.py, the settings package's only development module"
    )


def test_manage_py_then_entry_points_then_test_configuration(tmp_path):
    make(
        tmp_path,
        "site.settings",
        {
            **SITE,
            "site/other.py": "",
            "site/wsgi.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.other")\n',
            "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = site.settings\n",
        },
    )
    assert discover(tmp_path).settings_source == "manage.py"
    (tmp_path / "manage.py").write_text("import sys\n")
    assert discover(tmp_path).settings_source == "site/wsgi.py"


def test_no_settings_module_named_anywhere(tmp_path):
    make(tmp_path, "unused", SITE)
    (tmp_path / "manage.py").write_text("import sys\n")
    with pytest.raises(
        ProjectError, match="no settings module is named in .*: pass --settings MODULE"
    ):
        discover(tmp_path)


def test_not_a_project(tmp_path):
    with pytest.raises(ProjectError, match="no manage.py"):
        discover(tmp_path)


def test_manage_py_one_folder_down(tmp_path):
    make(
        tmp_path / "src",
        "site.settings",
        {"site/__init__.py": "", "site/settings.py": 'INSTALLED_APPS = ["blog"]\n'},
    )
    project = discover(tmp_path)
    assert project.manage_py == tmp_path.resolve() / "src/manage.py"
    assert project.workdir == tmp_path.resolve() / "src"
    assert project.settings_module == "site.settings"


def test_several_manage_py_one_folder_down_is_refused(tmp_path):
    for name in ("one", "two"):
        make(
            tmp_path / name,
            "site.settings",
            {"site/__init__.py": "", "site/settings.py": "INSTALLED_APPS = []\n"},
        )
    with pytest.raises(ProjectError, match="several a folder down"):
        discover(tmp_path)


@pytest.mark.parametrize(
    "settings, expected",
    [
        ('INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]', True),
        (
            'INSTALLED_APPS = ["django.contrib.admin.apps.SimpleAdminConfig", "django.contrib.auth"]',
            True,
        ),
        ('INSTALLED_APPS = [\n    "django.contrib.auth",\n    # "django.contrib.admin",\n]', False),
        ('INSTALLED_APPS = ["django.contrib.auth"]\nINSTALLED_APPS += plugins()', True),
    ],
    ids=["listed", "config-class", "commented-out", "unknown-entries"],
)
def test_may_install(tmp_path, settings, expected):
    make(tmp_path, "site.settings", {"site/__init__.py": "", "site/settings.py": settings})
    assert discover(tmp_path).may_install("django.contrib.admin") is expected


def test_may_install_looks_at_other_settings_modules(tmp_path):
    make(
        tmp_path,
        "site.settings.dev",
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "",
            "site/settings/dev.py": 'INSTALLED_APPS = ["django.contrib.auth"]\n',
            "site/settings/prod.py": 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]\n',
        },
    )
    assert discover(tmp_path).may_install("django.contrib.admin")
