"""Plan: every change in memory, a diff git applies, written all or nothing, put back exactly."""

from __future__ import annotations

import subprocess

from codemods.core.plan import Plan


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
            and ".git/" not in p.as_posix() + "/"}


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
