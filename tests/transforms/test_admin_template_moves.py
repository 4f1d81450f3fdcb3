"""Admin template overrides for auth's User move to admin/<label>/user/, where the admin looks after the swap."""

from __future__ import annotations

import subprocess

import pytest

from codemods.swap_user.main import main

from ..projects import git_init, write_project

OLD = "blog/templates/admin/auth/user/"
NEW = "blog/templates/admin/accounts/user/"
# Latin-1 with CRLF line endings and no reference to rewrite: it moves byte for byte.
CHANGE_LIST = "{% extends 'admin/change_list.html' %}\r\n{% block object-tools %}Liste des \xe9l\xe8ves{% endblock %}"
EXTRA = {
    OLD + "change_form.html": """\
        {% extends "admin/change_form.html" %}
        {% block after_field_sets %}{% if perms.auth.change_user %}<p>Staff only</p>{% endif %}{% endblock %}
        """,
    # UserAdmin names this one itself (add_form_template): it keeps working where it is.
    OLD + "add_form.html": '{% extends "admin/change_form.html" %}\n',
    # For every model of auth: after the swap, for Groups only.
    "blog/templates/admin/auth/change_list.html": '{% extends "admin/change_list.html" %}\n',
}


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "mini", extra=EXTRA)
    (root / OLD / "change_list.html").write_bytes(CHANGE_LIST.encode("latin-1"))
    git_init(root)
    return root


def git(root, *args, **kw):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True, **kw).stdout


def test_diff_moves_the_overrides_and_applies(project, capsysbinary):
    assert main([str(project), "--diff"]) == 0
    diff, err = capsysbinary.readouterr()
    assert b"\ndeleted file mode 100644\n--- a/%schange_list.html\n" % OLD.encode() in diff
    git(project, "apply", "--index", input=diff)
    assert not (project / OLD / "change_list.html").exists()
    assert (project / NEW / "change_list.html").read_bytes() == CHANGE_LIST.encode("latin-1")
    assert (project / NEW / "change_form.html").read_text() == (
        '{% extends "admin/change_form.html" %}\n'
        "{% block after_field_sets %}{% if perms.accounts.change_user %}<p>Staff only</p>{% endif %}{% endblock %}\n"
    )
    assert (project / OLD / "add_form.html").exists()
    assert (
        b"blog/templates/admin/auth/change_list.html:1:1: note: an admin template for every model of the auth app"
        in err
    )


def test_writing_run_leaves_the_new_path_only(project, capsys):
    assert main([str(project)]) == 0
    err = capsys.readouterr().err
    assert "Moving %schange_list.html to %schange_list.html\n" % (OLD, NEW) in err
    assert ", moved 2;" in err
    assert git(project, "status", "--porcelain") == b""  # the move is committed, both halves
    committed = git(project, "show", "--stat", "--format=", "HEAD~1").decode()
    assert (
        "%schange_list.html" % OLD in committed
        or "{auth => accounts}/user/change_list.html" in committed
    )
    assert sorted(p.name for p in (project / NEW).iterdir()) == [
        "change_form.html",
        "change_list.html",
    ]
    assert sorted(p.name for p in (project / OLD).iterdir()) == ["add_form.html"]
    assert (project / NEW / "change_list.html").read_bytes() == CHANGE_LIST.encode("latin-1")
