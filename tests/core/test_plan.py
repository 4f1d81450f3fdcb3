"""Plan: every change in memory, a diff git applies, written all or nothing, put back exactly."""

from __future__ import annotations

import os
import subprocess

import pytest

from codemods.core.plan import Plan, WriteError


def _tree(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".git/" not in p.as_posix() + "/"
    }


def test_apply_and_revert_edit_create_delete(tmp_path):
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "templates/admin/auth/user").mkdir(parents=True)
    (tmp_path / "templates/admin/auth/user/change_form.html").write_bytes(b"{% extends x %}\n")
    before = _tree(tmp_path)
    plan = Plan(tmp_path)
    plan.edit("a.py", "a = 1\n", "a = 2\n")
    plan.create("new/b.py", "b = 1\n")
    plan.delete("templates/admin/auth/user/change_form.html", b"{% extends x %}\n")
    plan.create("templates/admin/accounts/user/change_form.html", "{% extends x %}\n")
    assert plan.check_current() == []
    plan.apply()
    assert (tmp_path / "a.py").read_text() == "a = 2\n"
    assert (tmp_path / "new/b.py").read_text() == "b = 1\n"
    assert not (tmp_path / "templates/admin/auth").exists()
    assert (tmp_path / "templates/admin/accounts/user/change_form.html").exists()
    plan.revert()
    assert _tree(tmp_path) == before
    assert not (tmp_path / "new").exists() and not (tmp_path / "templates/admin/accounts").exists()


def test_diff_of_a_move_applies(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old/t.html").write_bytes(b"one\r\ntwo")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    plan = Plan(tmp_path)
    plan.delete("old/t.html", b"one\r\ntwo")
    plan.create("new/t.html", "one\r\ntwo")
    (tmp_path / "p.diff").write_bytes(plan.diff())
    subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, check=True)
    assert not (tmp_path / "old/t.html").exists()
    assert (tmp_path / "new/t.html").read_bytes() == b"one\r\ntwo"


def test_check_current_sees_a_file_changed_since(tmp_path):
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "gone.txt").write_text("x")
    plan = Plan(tmp_path)
    plan.edit("a.py", "a = 1\n", "a = 2\n")
    plan.delete("gone.txt", b"x")
    plan.create("c.py", "")
    (tmp_path / "a.py").write_text("a = 3\n")
    (tmp_path / "gone.txt").write_text("y")
    (tmp_path / "c.py").write_text("")
    assert sorted(plan.check_current()) == ["a.py", "c.py", "gone.txt"]


def test_apply_and_revert_keep_each_files_encoding_line_endings_and_mode(tmp_path):
    latin = b"# coding: latin-1\n# caf\xe9\nfrom django.contrib.auth.models import User\n"
    bom = b"\xef\xbb\xbfx = 1\r\ny = 2\r\n"
    (tmp_path / "latin.py").write_bytes(latin)
    (tmp_path / "bom.py").write_bytes(bom)
    (tmp_path / "run.py").write_bytes(b"#!/usr/bin/env python\nx = 1\n")
    os.chmod(tmp_path / "run.py", 0o755)
    before = _tree(tmp_path)
    plan = Plan(tmp_path)
    plan.edit(
        "latin.py",
        latin.decode("latin-1"),
        latin.decode("latin-1").replace("auth.models", "accounts.models"),
        "latin-1",
    )
    plan.edit("bom.py", "x = 1\r\ny = 2\r\n", "x = 1\r\ny = 3\r\n", "utf-8-sig")
    plan.edit("run.py", "#!/usr/bin/env python\nx = 1\n", "#!/usr/bin/env python\nx = 2\n")
    plan.create("new.py", "# caf\xe9\n", "latin-1")
    assert plan.check_current() == []
    plan.apply()
    assert (tmp_path / "latin.py").read_bytes() == latin.replace(b"auth.models", b"accounts.models")
    assert (tmp_path / "bom.py").read_bytes() == b"\xef\xbb\xbfx = 1\r\ny = 3\r\n"
    assert (tmp_path / "new.py").read_bytes() == b"# caf\xe9\n"
    assert (tmp_path / "run.py").stat().st_mode & 0o7777 == 0o755
    plan.revert()
    assert _tree(tmp_path) == before
    assert (tmp_path / "run.py").stat().st_mode & 0o7777 == 0o755


def test_move_apply_and_revert(tmp_path):
    old = tmp_path / "blog/templates/admin/auth/user/change_form.html"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"{% extends 'admin/auth/user/change_form.html' %}\r\n")
    os.chmod(old, 0o640)
    (old.parent / "__pycache__").mkdir()  # left behind by a tool: no reason to keep the folder
    (old.parent / "__pycache__/x.pyc").write_bytes(b"")
    (tmp_path / "blog/templates/admin/base.html").write_bytes(b"base\n")
    plan = Plan(tmp_path)
    plan.move(
        "blog/templates/admin/auth/user/change_form.html",
        old.read_bytes(),
        "blog/templates/admin/accounts/user/change_form.html",
        "{% extends 'admin/accounts/user/change_form.html' %}\r\n",
    )
    assert plan.moves == {
        "blog/templates/admin/accounts/user/change_form.html": "blog/templates/admin/auth/user/change_form.html"
    }
    assert plan.paths() == [
        "blog/templates/admin/accounts/user/change_form.html",
        "blog/templates/admin/auth/user/change_form.html",
    ]
    plan.apply()
    new = tmp_path / "blog/templates/admin/accounts/user/change_form.html"
    assert new.read_bytes() == b"{% extends 'admin/accounts/user/change_form.html' %}\r\n"
    assert not (
        tmp_path / "blog/templates/admin/auth"
    ).exists()  # the empty folders go, up to what is not empty
    assert (tmp_path / "blog/templates/admin/base.html").exists()
    plan.revert()
    assert old.read_bytes() == b"{% extends 'admin/auth/user/change_form.html' %}\r\n"
    assert old.stat().st_mode & 0o7777 == 0o640
    assert not (tmp_path / "blog/templates/admin/accounts").exists()


def test_a_failed_apply_puts_everything_back(tmp_path):
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "gone.txt").write_text("x")
    before = _tree(tmp_path)
    plan = Plan(tmp_path)
    plan.edit("a.py", "a = 1\n", "a = 2\n")
    plan.create("new/b.py", "b = 1\n")
    plan.delete("gone.txt", b"x")
    plan.delete("missing.txt", b"y")  # someone removed it since the plan was made
    with pytest.raises(WriteError, match="^could not write missing.txt: "):
        plan.apply()
    assert _tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.py",
        "gone.txt",
    ]  # no folder, no temporary file
    plan.revert()  # harmless after an apply that did not finish
    assert _tree(tmp_path) == before


def test_edits_of_one_file_keep_its_first_text(tmp_path):
    plan = Plan(tmp_path)
    plan.edit("a.py", "a = 1\n", "a = 2\n", "latin-1")
    plan.edit("a.py", "a = 2\n", "a = 3\n", "latin-1")
    assert plan.edits == {"a.py": ("a = 1\n", "a = 3\n")}
    plan.edit("a.py", "a = 3\n", "a = 1\n", "latin-1")  # back where it started: nothing to write
    assert plan.empty and plan.encodings == {}
