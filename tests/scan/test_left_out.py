"""Files git leaves out of the change: untracked and ignored files are never rewritten nor committed; each one
that names auth's User is a note. Virtualenvs and caches are never read."""

from __future__ import annotations

import json
import subprocess

from codemods.core.files import ignored_files, list_files
from codemods.swap_user.main import main

from ..projects import git_init, write_project

IMPORT = (
    "from django.contrib.auth.models import User\n\nSTAFF = User.objects.filter(is_staff=True)\n"
)


def git(root, *args):
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def test_listing_separates_tracked_untracked_and_ignored(tmp_path):
    root = write_project(tmp_path / "p", {"a.py": "", "ignored.log": "", "kept/b.py": ""})
    git_init(root)
    (root / ".gitignore").write_text("*.log\nlocal/\n.venv/\nenv/\nnode_modules/\n")
    files = {
        "new.py": "",
        "newdir/c.py": "",
        "newdir/trace.log": "",
        "local/settings.py": "",
        "debug.log": "",
        ".venv/pyvenv.cfg": "",
        ".venv/lib/x.py": "",
        "env/pyvenv.cfg": "",
        "env/lib/y.py": "",
        "node_modules/pkg/index.js": "",
        "tools/venv2/pyvenv.cfg": "",
        "tools/venv2/lib/z.py": "",
    }
    write_project(root, files)
    listing = list_files(root)
    assert listing.files == [".gitignore", "a.py", "ignored.log", "kept/b.py"]
    assert listing.untracked == [
        "new.py",
        "newdir/c.py",
    ]  # tools/venv2 is a virtualenv: never listed
    assert ignored_files(root, listing) == ["debug.log", "local/settings.py", "newdir/trace.log"]


def test_listing_of_a_folder_inside_the_repository(tmp_path):
    repo = write_project(tmp_path / "repo", {"site/manage.py": "", "other/x.py": ""})
    git_init(repo)
    (repo / ".gitignore").write_text("*.log\n")
    write_project(repo, {"site/new.py": "", "site/run.log": "", "other/new.py": ""})
    listing = list_files(repo / "site")
    assert (listing.files, listing.untracked, ignored_files(repo / "site", listing)) == (
        ["manage.py"],
        ["new.py"],
        ["run.log"],
    )


def test_noop_listing_outside_git_has_every_file(tmp_path):
    root = write_project(
        tmp_path / "p", {"a.py": "", "b/c.html": "", ".venv/pyvenv.cfg": "", ".venv/d.py": ""}
    )
    listing = list_files(root)
    assert (listing.files, listing.untracked, ignored_files(root, listing)) == (
        ["a.py", "b/c.html"],
        [],
        [],
    )


def test_untracked_and_ignored_files_are_left_alone_and_noted(tmp_path, capsys):
    root = write_project(tmp_path / "mini")
    git_init(root)
    (root / ".gitignore").write_text("__pycache__/\n*.sqlite3\nlocal/\n.venv/\n")
    git(
        root,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-qam",
        "ignore local/",
    )
    left_out = {
        "blog/scratch.py": IMPORT,  # untracked
        "local/try_users.py": IMPORT,  # ignored
        "local/notes.md": "nothing about users\n",  # ignored, names nothing
        ".venv/pyvenv.cfg": "",
        ".venv/lib/site.py": IMPORT,  # an ignored virtualenv: never read
        "env/pyvenv.cfg": "",
        "env/lib/site.py": IMPORT,  # an untracked virtualenv: never read
    }
    write_project(root, left_out)

    code, out, err = main([str(root), "--report", "json"]), *capsys.readouterr()
    assert code == 0, err
    for rel, text in left_out.items():
        assert (root / rel).read_text() == text, rel
    committed = git(root, "log", "--name-only", "--format=", "main..swap-user-model").split()
    assert "blog/models.py" in committed
    assert not [p for p in committed if p in left_out]
    notes = {n["path"]: n for n in json.loads(out)["notes"]}
    assert sorted(notes) == ["blog/scratch.py", "local/try_users.py"]
    assert (notes["blog/scratch.py"]["line"], notes["blog/scratch.py"]["col"]) == (1, 40)
    assert notes["blog/scratch.py"]["transform"] == "untracked"
    assert notes["blog/scratch.py"]["message"].startswith(
        "untracked file (not in git), not changed: "
    )
    assert notes["local/try_users.py"]["transform"] == "ignored"
    assert notes["local/try_users.py"]["message"].startswith("file ignored by git, not changed: ")
    assert "blog/scratch.py:1:40: note: untracked file" in err
