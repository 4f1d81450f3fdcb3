"""The command line: healthy projects report nothing, exit codes, output formats, and nothing is ever written."""

from __future__ import annotations

import os
import subprocess
import sys

from codemods.doctor.findings import CODES
from codemods.doctor.main import main

from ..projects import tree_digest
from .tools import copy, doctor, doctor_text, manage


def test_healthy_unswapped_project_reports_nothing(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    assert manage(root, "check").returncode == 0
    report = doctor(capsys, root)
    assert report.code == 0
    assert report.data["findings"] == []
    assert report.data["skipped"] == []
    assert report.data["swapped"] is False
    code, out = doctor_text(capsys, root)
    assert code == 0
    assert out.startswith(
        "doctor: nothing wrong; AUTH_USER_MODEL = auth.User; swap_user would rewrite "
    )
    assert "create the app accounts" in out


def test_healthy_swapped_project_reports_nothing(swapped, tmp_path, capsys):
    root = copy(swapped, tmp_path)
    assert manage(root, "check").returncode == 0
    report = doctor(capsys, root)
    assert report.code == 0, report.data["findings"]
    assert report.data["findings"] == []
    assert report.data["skipped"] == []
    assert report.data["auth_user_model"] == "accounts.User"


def test_doctor_writes_nothing_not_even_to_the_database(pending, tmp_path, capsys):
    # The pending project is where the doctor asks the adoption step what it would do (a dry run).
    root = copy(pending, tmp_path)
    before = tree_digest(root)
    report = doctor(capsys, root)
    assert report.code == 1
    assert tree_digest(root) == before


def test_static_never_starts_django(unswapped, tmp_path, capsys):
    root = copy(unswapped, tmp_path)
    (root / "mini" / "settings.py").write_text(
        "raise RuntimeError('settings imported')\n" + (root / "mini" / "settings.py").read_text()
    )
    report = doctor(capsys, root, "--static")
    assert report.code == 0
    skipped = report.data["skipped"]
    assert len(skipped) == 1 and "D001" in skipped[0]["codes"] and "D401" in skipped[0]["codes"]
    assert skipped[0]["reason"] == "--static: Django was not started"


def test_text_output_one_line_per_finding_then_the_summary(pending, tmp_path, capsys):
    root = copy(pending, tmp_path)
    code, out = doctor_text(capsys, root)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("database 'default': warning: accounts.0001_initial is not recorded")
    assert lines[0].endswith("[D302]")
    assert lines[-1].startswith("doctor: 1 warning; AUTH_USER_MODEL = accounts.User; Django ")
    assert lines[-1].endswith("; 1 fixable with --fix")


def test_list_checks(capsys):
    assert main(["--list-checks"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(CODES)


def test_not_a_django_project(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == "error: %s is not a Django project: no manage.py in it (pass --settings MODULE if it has "
        "none)\n" % tmp_path
    )


def test_a_reader_that_stops_early_ends_the_doctor_quietly():
    # `--list-checks | head -1`, with the reader gone before the doctor writes.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        ran = subprocess.run(
            [sys.executable, "-m", "codemods.doctor", "--list-checks"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert ran.stderr == ""
    assert ran.returncode == 141
