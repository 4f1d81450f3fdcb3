"""--fix hands the fixable findings to swap_user and to the adoption step, then diagnoses again."""

from __future__ import annotations

import sys

from ..projects import tree_digest
from .test_database import ANN_CAN
from .tools import (
    copy,
    doctor,
    doctor_text,
    hand_swap,
    manage,
    record_first_migration,
    shell,
    write,
)


def test_fix_adopts_a_pending_database(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    report = doctor(capsys, root, "--fix")
    assert report.code == 0, report.data["findings"]
    assert report.data["fixed"] == ["python manage.py adopt_user_table (exit 0)"]
    assert manage(root, "makemigrations", "--check").returncode == 0


def test_fix_merges_duplicate_content_types(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    (root / "accounts/management/commands/migrate.py").unlink()
    record_first_migration(root)
    assert manage(root, "migrate", "-v", "0").returncode == 0
    assert shell(root, ANN_CAN).last_line == "False"
    report = doctor(capsys, root, "--fix")
    assert report.code == 0, report.data["findings"]
    assert shell(root, ANN_CAN).last_line == "True"


def test_fix_hands_references_to_swap_user(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    write(
        root,
        "blog/queries.py",
        """\
        from django.contrib.auth.models import User


        def staff():
            return list(User.objects.filter(is_staff=True))
        """,
    )
    assert doctor(capsys, root, "--static").codes == ["D210"]
    report = doctor(
        capsys, root, "--fix", "--python", sys.executable
    )  # swap_user is given the same interpreter
    assert report.code == 0, report.data["findings"]
    assert report.data["fixed"][0].startswith(
        "python -m codemods.swap_user %s --no-branch --python %s (exit 0)" % (root, sys.executable)
    )
    assert "get_user_model()" in (root / "blog/queries.py").read_text()
    assert shell(root, "from blog.queries import staff; print(len(staff()))").last_line == "1"


def test_fix_says_why_nothing_was_fixed_on_a_swap_started_by_hand(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    hand_swap(root)
    before = tree_digest(root)
    code, out = doctor_text(capsys, root, "--static", "--fix")
    assert code == 1
    assert out.splitlines()[0] == (
        "fixed: nothing; no finding here can be fixed automatically: swap_user does not take on a swap started by "
        "hand; follow the first finding (mini/settings.py:47): revert AUTH_USER_MODEL to auth.User, then run "
        "python -m codemods.swap_user"
    )
    assert out.splitlines()[1].endswith("[D108]")
    assert tree_digest(root) == before
    report = doctor(capsys, root, "--static", "--fix")
    assert report.data["fixed"] == []
    assert report.data["not_fixed"].startswith(
        "no finding here can be fixed automatically: swap_user does not "
    )
