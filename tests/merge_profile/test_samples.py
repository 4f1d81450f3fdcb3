"""The profile samples end to end, each on one database with one Django series (every database and every series
once): swap_user, migrate, merge_profile (a second run changes nothing), migrate; every profile value is then on
its user, users without a profile have the defaults, the sample's own tests pass, and reversing the data migration
gives the profiles back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.projects import copy_project, tree_digest
from tests.support.databases import (
    MARIADB,
    POSTGRES,
    SQLITE,
    database_environment,
    env_without_test_runner,
    new_name,
)
from tests.support.project import DjangoProject
from tests.support.venvs import django_python

SAMPLES = Path(__file__).resolve().parents[2] / "sample_repos"
INSIDE = Path(__file__).with_name("inside.py")
ANY = "*"  # a default computed when the column was added (auto_now): not compared

SPECS = {
    "newsletter": {
        "app": "mailing",
        "settings": "newsletter.settings",
        "profile_table": "mailing_preferences",
        "link": "user_id",
        "profile_pk": "id",
        "columns": [
            [c, c]
            for c in (
                "frequency",
                "theme",
                "language",
                "email_digest",
                "email_mentions",
                "email_marketing",
                "show_avatars",
                "compact_lists",
                "items_per_page",
                "updated_at",
            )
        ],
        "defaults": ["weekly", "system", "en", 1, 1, 0, 1, 0, 25, ANY],
        "rewritten": {
            "mailing/templates/mailing/home.html": "user.preferences.",
            "mailing/views.py": ".preferences.",
        },
    },
    "guildhall": {
        "app": "guilds",
        "settings": "guildhall.settings",
        "profile_table": "guilds_profile",
        "link": "user_id",
        "profile_pk": "id",
        "columns": [[c, c] for c in ("guild_id", "mentor_id", "bio", "joined_on", "level")],
        "profile_m2m": [["guilds_profile_skills", "profile_id", "skill_id"]],
        "user_m2m": [["auth_user_skills", "user_id", "skill_id"]],
        "defaults": [None, None, "", None, 1],
        "rewritten": {
            "guilds/templates/guilds/me.html": "user.profile.",
            "guilds/views.py": "Profile.objects.get",
        },
    },
    "oldforum": {
        "app": "forum",
        "settings": "oldforum.settings",
        "profile_table": "forum_forumprofile",
        "link": "user_id",
        "profile_pk": "user_id",
        "columns": [
            [c, c] for c in ("signature", "title", "website", "show_signature", "posts_count")
        ],
        "defaults": ["", "", "", 1, 0],
        "rewritten": {"forum/templates/forum/topic.html": "forum_profile."},
    },
}
for spec in SPECS.values():
    spec.update(user_table="auth_user", user_pk="id")

# Each sample once, every database and every Django series once; CODEMODS_EVERY_DATABASE=1 runs each sample on
# every database (nine runs, the series rotated), too long for every CI run.
RUNS = [("newsletter", SQLITE, "4.2"), ("guildhall", POSTGRES, "5.2"), ("oldforum", MARIADB, "6.1")]
if os.environ.get("CODEMODS_EVERY_DATABASE"):
    RUNS = [
        (name, backend, RUNS[(i + j) % 3][2])
        for i, (name, _, _) in enumerate(RUNS)
        for j, (_, backend, _) in enumerate(RUNS)
    ]


def _param(sample, backend, series):
    marks = [pytest.mark.slow] + (
        [getattr(pytest.mark, backend.name)] if backend is not SQLITE else []
    )
    return pytest.param(
        sample, backend, series, id="%s-%s-django%s" % (sample, backend.name, series), marks=marks
    )


class Sample:
    def __init__(self, name: str, root: Path, python: Path, env: dict[str, str]) -> None:
        self.name, self.root, self.python, self.env = name, root, python, env
        self.spec = SPECS[name]

    def run(
        self, *argv: str, env: dict | None = None, check: bool = True
    ) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [*argv],
            cwd=self.root,
            env={
                **env_without_test_runner(),
                **self.env,
                **(env or {}),
                "PYTHONDONTWRITEBYTECODE": "1",
            },
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert not check or proc.returncode == 0, "%s\n%s\n%s" % (
            " ".join(argv),
            proc.stdout[-3000:],
            proc.stderr[-5000:],
        )
        return proc

    def manage(self, *args: str, env: dict | None = None, check: bool = True):
        return DjangoProject(self.root, self.python, env=self.env).manage(
            *args, check=check, env=env, timeout=900
        )

    def tool(self, command: str, *args: str):
        return self.run(
            sys.executable,
            "-m",
            "codemods.%s" % command,
            str(self.root),
            "--python",
            str(self.python),
            *args,
            env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )

    def snapshot(self) -> dict:
        proc = self.run(
            str(self.python),
            str(INSIDE),
            "snapshot",
            json.dumps(self.spec),
            env={"DJANGO_SETTINGS_MODULE": self.spec["settings"], "PYTHONPATH": str(self.root)},
        )
        return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name,backend,series", [_param(*run) for run in RUNS])
def test_sample(name, backend, series, tmp_path):
    backend.require()
    python = django_python(series)
    root = tmp_path / name
    copy_project(SAMPLES / name, root)
    db = new_name("merge")
    backend.create(db, tmp_path)
    env = database_environment(backend, db, tmp_path)
    sample = Sample(name, root, python, env)
    spec = sample.spec
    try:
        sample.manage("migrate")
        sample.manage("seed_demo")
        sample.tool("swap_user")
        sample.manage("migrate")
        before = sample.snapshot()

        merged = sample.tool("merge_profile", "-q")
        assert "merge_profile: merged" in merged.stderr
        for path, gone in spec["rewritten"].items():
            assert gone not in (root / path).read_text(), (path, merged.stderr)
        digest = tree_digest(root)
        again = sample.tool("merge_profile")
        assert again.stderr.strip().splitlines()[-1].endswith("nothing to do")
        assert tree_digest(root) == digest
        sample.manage("migrate")
        after = sample.snapshot()
        for user_id, values in before["profiles"].items():
            assert after["users"][user_id] == values, user_id
        without = set(after["users"]) - set(before["profiles"])
        assert without, "the sample has users without a profile"
        for user_id in without:
            assert [v for v, d in zip(after["users"][user_id], spec["defaults"]) if d != ANY] == [
                d for d in spec["defaults"] if d != ANY
            ] + [], user_id
            assert not any(
                isinstance(v, list) for v in after["users"][user_id]
            )  # no many-to-many rows

        tests = sample.manage(
            "test",
            "--noinput",
            env={"DB_ENGINE": "sqlite3", "DB_NAME": str(tmp_path / "t.sqlite3")},
            check=False,
        )
        assert tests.returncode == 0, tests.stderr[-5000:]

        sample.manage("migrate", spec["app"], "0001_initial")
        back = sample.snapshot()
        assert back["profiles"] == before["profiles"]
        assert back["profile_count"] == before["profile_count"]
    finally:
        backend.drop(db, tmp_path)
