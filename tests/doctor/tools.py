"""Tiny projects for the doctor's tests: each reproduces one failure for real, with the project's own Django.

`unswapped`, `pending` and `swapped` are session templates (see conftest.py), copied into each test's tmp_path:
MINI from tests/projects.py, migrated, with two users (ann holds auth.change_user); `pending` is that after
swap_user, before any migrate; `swapped` is `pending` migrated (adopted).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path

from codemods.doctor.main import main
from tests.support.project import DjangoProject

SEED = """\
from django.contrib.auth.models import Permission, User
ann = User.objects.create_user("ann", password="x", is_staff=True)
ann.user_permissions.add(Permission.objects.get(codename="change_user", content_type__app_label="auth"))
User.objects.create_user("bob", password="x")
"""


@dataclass
class Ran:
    returncode: int
    output: str

    @property
    def last_line(self) -> str:
        lines = [line for line in self.output.splitlines() if line.strip()]
        return lines[-1] if lines else ""


def manage(root: Path, *args: str, extra_env: dict[str, str] | None = None) -> Ran:
    """`python manage.py ...` in the project, as a person would run it (on its own database file)."""
    done = DjangoProject(root, env={"MINI_DB": None}).manage(
        *args, check=False, env=extra_env, timeout=300
    )
    return Ran(done.returncode, done.stdout + done.stderr)


def shell(root: Path, code: str, extra_env: dict[str, str] | None = None) -> Ran:
    return manage(root, "shell", "-v", "0", "-c", textwrap.dedent(code), extra_env=extra_env)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, (old, text)
    path.write_text(text.replace(old, new))


def copy(template: Path, tmp_path: Path, name: str = "p") -> Path:
    target = tmp_path / name
    shutil.copytree(template, target)
    return target


def sql(root: Path, statement: str, params: tuple = ()) -> list:
    """A statement on the project's SQLite database (to build a broken state, never in the doctor)."""
    with sqlite3.connect(root / "db.sqlite3") as db:
        return db.execute(statement, params).fetchall()


def record_first_migration(root: Path, label: str = "accounts") -> None:
    """What a recipe says to do by hand: insert the row, skip the content type."""
    sql(
        root,
        "INSERT INTO django_migrations (app, name, applied) VALUES (?, '0001_initial', '2024-01-01')",
        (label,),
    )


@dataclass
class Report:
    code: int
    data: dict

    @property
    def codes(self) -> list[str]:
        return [f["code"] for f in self.data["findings"]]

    def finding(self, code: str) -> dict:
        found = [f for f in self.data["findings"] if f["code"] == code]
        assert found, "no %s in %s" % (code, json.dumps(self.data["findings"], indent=1))
        return found[0]

    def text(self, code: str) -> str:
        f = self.finding(code)
        return " ".join([f["what"], f["why"], f["fix"]])


def doctor(capsys, root: Path, *args: str) -> Report:
    """The doctor in this process (its Django runs in a subprocess), its JSON report and exit code."""
    capsys.readouterr()
    code = main([str(root), "--format", "json", *args])
    out, _err = capsys.readouterr()
    return Report(code, json.loads(out))


def doctor_text(capsys, root: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(root), *args])
    out, _err = capsys.readouterr()
    return code, out


def hand_swap(root: Path) -> None:
    """A swap started by hand: a plain accounts.User, installed and named by AUTH_USER_MODEL, nothing else."""
    write(root, "accounts/__init__.py", "")
    write(
        root,
        "accounts/models.py",
        """\
        from django.contrib.auth.models import AbstractUser


        class User(AbstractUser):
            pass
        """,
    )
    edit(root, "mini/settings.py", '    "blog",\n', '    "blog",\n    "accounts",\n')
    edit(
        root,
        "mini/settings.py",
        "USE_TZ = True\n",
        'USE_TZ = True\nAUTH_USER_MODEL = "accounts.User"\n',
    )
