"""--app-label: refused up front when it is not a label, or when a top-level app of that name would hide a module."""

from __future__ import annotations

import json
import os
import sys

from codemods.swap_user.main import main

from .projects import git_init, tree_digest, write_project


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def project_python(tmp_path, packages: list[str]) -> str:
    """An interpreter that, like a project's virtualenv, can import packages this one cannot."""
    site = tmp_path / "site-packages"
    for name in packages:
        (site / name).mkdir(parents=True)
        (site / name / "__init__.py").write_text("")
    wrapper = tmp_path / "python"
    wrapper.write_text(
        '#!/bin/sh\nPYTHONPATH=%s${PYTHONPATH:+:$PYTHONPATH} exec %s "$@"\n'
        % (site, sys.executable)
    )
    wrapper.chmod(0o755)
    return str(wrapper)


def test_a_label_that_hides_a_standard_module_is_refused(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    git_init(root)
    before = tree_digest(root)
    code, out, err = run(capsys, root, "--app-label", "json", "--dry-run")
    assert code == 2 and out == ""
    origin = json.__file__
    assert (
        err
        == "error: --app-label json would hide the module json (%s) from the project; pass another "
        "--app-label; nothing was changed\n" % origin
    )
    assert tree_digest(root) == before


def test_a_label_that_hides_a_package_of_the_projects_python_is_refused(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    python = project_python(tmp_path, ["payments"])
    code, _, err = run(capsys, root, "--app-label", "payments", "--python", python, "--dry-run")
    assert code == 2
    assert err.startswith(
        "error: --app-label payments would hide the module payments (%s) from the project;"
        % os.path.join(tmp_path, "site-packages", "payments", "__init__.py")
    )


def test_a_default_label_that_hides_a_package_is_passed_over(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    python = project_python(tmp_path, ["accounts"])
    code, _, err = run(capsys, root, "--python", python, "--dry-run")
    assert code == 0
    assert "Would create users/models.py" in err


def test_an_empty_label_is_refused(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    code, _, err = run(capsys, root, "--app-label", "", "--dry-run")
    assert code == 2
    assert (
        err == "error: --app-label '' is not a valid app label (a lowercase Python identifier); "
        "nothing was changed\n"
    )


def test_a_label_inside_the_projects_package_hides_nothing(tmp_path, capsys):
    root = write_project(
        tmp_path / "mini",
        extra={
            "blog/__init__.py": None,
            "blog/apps.py": None,
            "blog/models.py": None,
            "mini/blog/__init__.py": "",
            "mini/blog/models.py": "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n"
            "class Post(models.Model):\n    author = models.ForeignKey(User, models.CASCADE)\n",
        },
    )
    settings = root / "mini/settings.py"
    settings.write_text(settings.read_text().replace('"blog",', '"mini.blog",'))
    code, _, err = run(capsys, root, "--app-label", "json", "--dry-run")
    assert code == 0, err
    assert "Would create mini/json/models.py" in err


def test_a_label_that_hides_a_module_of_the_project_is_refused(tmp_path, capsys):
    root = write_project(tmp_path / "mini", extra={"payments.py": "RATE = 1\n"})
    code, _, err = run(capsys, root, "--app-label", "payments", "--dry-run")
    assert code == 2
    assert (
        err
        == "error: --app-label payments would hide the module payments (payments.py) from the project; "
        "pass another --app-label; nothing was changed\n"
    )
