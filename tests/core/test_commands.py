"""How a project runs its management commands and its tests, read from its files."""

from __future__ import annotations

import textwrap

from codemods.core.commands import management_command, suite_commands
from codemods.core.project import discover

from ..projects import write_project

MANAGE = """\
    import os
    import sys


    def manage():
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mini.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)


    def version():
        print("1.0")
"""


def project(tmp_path, extra):
    return discover(
        write_project(tmp_path / "p", extra={k: textwrap.dedent(v) for k, v in extra.items()})
    )


def test_console_script_in_pyproject(tmp_path):
    p = project(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "mini"\n\n[project.scripts]\nmini = "mini:manage"\n',
            "mini/__init__.py": MANAGE,
        },
    )
    assert management_command(p) == "mini"
    assert suite_commands(p) == ["mini test"]


def test_console_script_in_setup_cfg_through_the_management_module(tmp_path):
    p = project(
        tmp_path,
        {
            "setup.cfg": (
                "[metadata]\nname = mini\n\n[options.entry_points]\n"
                "console_scripts =\n    mini-admin = mini.cli:main\n"
            ),
            "mini/cli.py": "import sys\n\nfrom django.core import management\n\n\ndef main():\n"
            "    management.execute_from_command_line(sys.argv)\n",
        },
    )
    assert management_command(p) == "mini-admin"


def test_console_script_in_setup_py(tmp_path):
    p = project(
        tmp_path,
        {
            "setup.py": "from setuptools import setup\n\nsetup(name='mini', entry_points={'console_scripts': "
            "['mini = mini:manage', 'mini-version = mini:version']})\n",
            "mini/__init__.py": MANAGE,
        },
    )
    assert management_command(p) == "mini"


def test_noop_a_console_script_that_runs_something_else(tmp_path):
    p = project(
        tmp_path,
        {
            "pyproject.toml": '[project.scripts]\nmini-version = "mini:version"\n',
            "mini/__init__.py": MANAGE,
        },
    )
    assert management_command(p) == "python manage.py"


def test_pytest_configured_in_pyproject_and_a_make_target(tmp_path):
    p = project(
        tmp_path,
        {
            "pyproject.toml": "[tool.pytest.ini_options]\naddopts = '-q'\n",
            "Makefile": "lint:\n\truff .\n\ntest:\n\tpytest\n",
        },
    )
    assert suite_commands(p) == ["pytest", "make test"]


def test_django_test_runner_when_nothing_else_is_configured(tmp_path):
    p = project(tmp_path, {"setup.cfg": "[flake8]\nmax-line-length = 100\n"})
    assert suite_commands(p) == ["python manage.py test"]


def test_noxfile_and_tox(tmp_path):
    p = project(
        tmp_path, {"tox.ini": "[testenv]\ncommands = python manage.py test\n", "noxfile.py": ""}
    )
    assert suite_commands(p) == ["python manage.py test", "tox", "nox"]
