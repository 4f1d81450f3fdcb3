"""Files git leaves out of the change: untracked and ignored files are never rewritten nor committed; each one
that names auth's User is a note. Virtualenvs and caches are never read."""

from __future__ import annotations

from codemods.core.files import ignored_files, list_files

from ..projects import git_init, write_project


def test_listing_separates_tracked_untracked_and_ignored(tmp_path):
    root = write_project(tmp_path / "p", {"a.py": "", "ignored.log": "", "kept/b.py": ""})
    git_init(root)
    (root / ".gitignore").write_text("*.log\nlocal/\n.venv/\nenv/\nnode_modules/\n")
    files = {
        "new.py": "", "newdir/c.py": "", "local/settings.py": "", "debug.log": "",
        ".venv/pyvenv.cfg": "", ".venv/lib/x.py": "", "env/pyvenv.cfg": "", "env/lib/y.py": "",
        "node_modules/pkg/index.js": "", "tools/venv2/pyvenv.cfg": "", "tools/venv2/lib/z.py": "",
    }
    write_project(root, files)
    listing = list_files(root)
    assert listing.files == [".gitignore", "a.py", "ignored.log", "kept/b.py"]
    assert listing.untracked == ["new.py", "newdir/c.py"]  # tools/venv2 is a virtualenv: never listed
    assert ignored_files(root) == ["debug.log", "local/settings.py"]


def test_noop_listing_outside_git_has_every_file(tmp_path):
    root = write_project(tmp_path / "p", {"a.py": "", "b/c.html": "", ".venv/pyvenv.cfg": "", ".venv/d.py": ""})
    listing = list_files(root)
    assert (listing.files, listing.untracked, ignored_files(root)) == (["a.py", "b/c.html"], [], [])
