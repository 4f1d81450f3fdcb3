"""After a swap, the project's own linters and formatters find nothing new in the files the tool changed or
created: its ruff (import sorting, unused imports, line length, format) and its license headers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from codemods.swap_user.main import main

from .projects import MINI, write_project

pytestmark = pytest.mark.slow

SPDX = "# SPDX-FileCopyrightText: 2024 Acme Inc.\n#\n# SPDX-License-Identifier: MIT\n\n"
RUFF = """\
[tool.ruff]
line-length = 120

[tool.ruff.lint]
select = ["E", "F", "I", "W"]

[tool.ruff.format]
quote-style = "single"
"""
VIEWS = """\
    from django.contrib.auth import logout as auth_logout
    from django.contrib.auth.models import User
    from django.http import HttpResponse


    def leave(request):
        auth_logout(request)
        return HttpResponse(str(User.objects.count()))
    """
MODELS = """\
    import django.contrib.auth.models
    from django.db import models


    class Post(models.Model):
        author = models.ForeignKey(django.contrib.auth.models.User, on_delete=models.CASCADE)
        title = models.CharField(max_length=100)
    """


def ruff(root: Path, *args: str) -> str:
    executable = Path(sys.executable).parent / "ruff"
    proc = subprocess.run([str(executable), *args], cwd=root, capture_output=True, text=True)
    return proc.stdout


def findings(root: Path, files: list[str]) -> set[tuple[str, str]]:
    checked = json.loads(
        ruff(root, "check", "--no-cache", "--output-format", "json", "--exit-zero", *files)
    )
    found = {(Path(d["filename"]).relative_to(root).as_posix(), d["code"]) for d in checked}
    unformatted = ruff(root, "format", "--check", "--no-cache", *files)
    return found | {
        (path, "format")
        for path in re.findall(
            r"^(?:Would reformat: | *--> )(.+?)(?::\d+:\d+)?$", unformatted, re.M
        )
    }


def texts(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.py")}


@pytest.fixture
def project(tmp_path):
    files = {
        **MINI,
        "blog/views.py": VIEWS,
        "blog/models.py": MODELS,
        "pyproject.toml": RUFF,
        "blog/migrations/0001_initial.py": None,
    }
    root = write_project(tmp_path / "mini", extra=files)
    for path in root.rglob(
        "*.py"
    ):  # every file carries the license header (after manage.py's #! line)
        text = path.read_text()
        shebang = text.partition("\n")[0] + "\n" if text.startswith("#!") else ""
        if text:
            path.write_text(shebang + SPDX + text[len(shebang) :])
    return root


def test_changed_and_created_files_pass_the_projects_ruff(project):
    ruff(project, "format", "--no-cache", ".")  # the project as its own formatter keeps it
    before = texts(project)
    assert main([str(project), "--no-branch", "-q"]) == 0
    after = texts(project)
    changed = sorted(p for p in after if p in before and after[p] != before[p])
    created = sorted(p for p in after if p not in before)
    assert "blog/views.py" in changed and "accounts/migrations/0001_initial.py" in created
    assert findings(project, changed + created) == set()
    assert (
        "from django.contrib.auth import get_user_model\nfrom django.contrib.auth import logout as auth_logout\n"
        in after["blog/views.py"]
    )
    assert "import django.contrib.auth.models" not in after["blog/models.py"]  # its last use went
    for path in created:
        assert after[path].startswith(SPDX.rstrip("\n") + "\n"), path
