"""--fix hands the fixable findings to swap_user and to the adoption step, then diagnoses again."""

from __future__ import annotations

from .tools import copy, doctor, manage, record_first_migration, shell, write
from .test_database import ANN_CAN


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
    write(root, "blog/queries.py", """\
        from django.contrib.auth.models import User


        def staff():
            return list(User.objects.filter(is_staff=True))
        """)
    assert doctor(capsys, root, "--static").codes == ["D210"]
    report = doctor(capsys, root, "--fix")
    assert report.code == 0, report.data["findings"]
    assert report.data["fixed"][0].startswith("python -m codemods.swap_user %s --no-branch (exit 0)" % root)
    assert "get_user_model()" in (root / "blog/queries.py").read_text()
    assert shell(root, "from blog.queries import staff; print(len(staff()))").last_line == "1"
