"""Files are read the way Python reads them and written back in their own encoding, BOM and line endings."""

from __future__ import annotations

import subprocess

import pytest

from codemods.core.files import decode
from codemods.core.plan import Plan
from codemods.swap_user.main import main

from ..projects import git_init, write_project

LATIN1_MODULE = (
    b"# -*- coding: latin-1 -*-\n"
    b"# Caf\xe9 owners\n"
    b"from django.contrib.auth.models import User\n"
    b"\n"
    b"\n"
    b"def owners():\n"
    b"    return User.objects.filter(is_staff=True)\n"
)


@pytest.mark.parametrize(
    "data, python, text, encoding",
    [
        (b"x = 1\n", True, "x = 1\n", "utf-8"),
        (b"# coding: latin-1\nx = '\xe9'\n", True, "# coding: latin-1\nx = '\xe9'\n", "iso-8859-1"),
        (
            b"# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
            True,
            "# vim: set fileencoding=cp1252 :\nx = '\u20ac'\n",
            "cp1252",
        ),
        (b"\xef\xbb\xbfx = 1\r\n", True, "x = 1\r\n", "utf-8-sig"),
        (b"{{ user }}\r\n", False, "{{ user }}\r\n", "utf-8"),
        (b"\xef\xbb\xbf[]", False, "[]", "utf-8-sig"),
        (b"caf\xe9\n", False, "caf\xe9\n", "latin-1"),
        (b"\xff\xfea\x00", False, "\ufeffa", "utf-16-le"),
    ],
)
def test_decode_round_trips(data, python, text, encoding):
    source = decode(data, python)
    assert (source.text, source.encoding) == (text, encoding)
    assert source.encode() == data


@pytest.mark.parametrize(
    "data", [b"# coding: no-such-codec\n", b"x = '\xe9'\n", b"# coding: ascii\nx = '\xe9'\n"]
)
def test_noop_decode_python_that_python_cannot_read(data):
    assert decode(data, True) is None


def test_diff_keeps_encoding_bom_and_line_endings(tmp_path):
    files = {
        "crlf.py": b"a = 1\r\nb = 2\r\n",
        "bom.py": b"\xef\xbb\xbfa = 1\nb = 2\n",
        "latin.py": b"# coding: latin-1\n# caf\xe9\na = 1\n",
        "feed.py": b"a = 1\n\x0c\nb = 2\n",
    }
    plan = Plan(tmp_path)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        source = decode(data, True)
        plan.edit(name, source.text, source.text.replace("a = 1", "a = 10"), source.encoding)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "patch.diff").write_bytes(plan.diff())
    subprocess.run(["git", "apply", "patch.diff"], cwd=tmp_path, check=True)
    for name, data in files.items():
        assert (tmp_path / name).read_bytes() == data.replace(b"a = 1", b"a = 10")


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "mini")
    (root / "blog" / "owners.py").write_bytes(LATIN1_MODULE)
    (root / "blog" / "crlf.py").write_bytes(
        b"from django.contrib.auth.models import User\r\n\r\nADMINS = User.objects.none()\r\n"
    )
    (root / "blog" / "bom.py").write_bytes(
        b"\xef\xbb\xbffrom django.contrib.auth.models import User\n\nX = User\n"
    )
    git_init(root)
    return root


def test_writing_run_keeps_each_files_encoding(project, capsys):
    code = main([str(project), "--no-branch", "-q"])
    capsys.readouterr()
    assert code == 0
    owners = (project / "blog" / "owners.py").read_bytes()
    assert owners.startswith(b"# -*- coding: latin-1 -*-\n# Caf\xe9 owners\n")
    assert b"get_user_model()" in owners
    assert (project / "blog" / "bom.py").read_bytes().startswith(b"\xef\xbb\xbf")
    crlf = (project / "blog" / "crlf.py").read_bytes()
    assert b"get_user_model" in crlf and b"\n" not in crlf.replace(b"\r\n", b"")


def test_diff_of_latin1_bom_and_crlf_files_applies(project, capsysbinary):
    code = main([str(project), "--diff"])
    out = capsysbinary.readouterr().out
    assert code == 0
    owners = (project / "blog" / "owners.py").read_bytes()
    (project / "swap.diff").write_bytes(out)
    subprocess.run(["git", "apply", "swap.diff"], cwd=project, check=True)
    rewritten = (project / "blog" / "owners.py").read_bytes()
    assert rewritten != owners
    assert b"# Caf\xe9 owners\n" in rewritten  # still latin-1
    assert b"get_user_model()" in rewritten
    assert rewritten.decode("latin-1").encode("latin-1") == rewritten
    crlf = (project / "blog" / "crlf.py").read_bytes()
    assert b"get_user_model" in crlf and b"\n" not in crlf.replace(b"\r\n", b"")
    bom = (project / "blog" / "bom.py").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf") and b"get_user_model" in bom
