"""The final scan: every spelling of auth's User in every kind of text file and encoding is found at its place,
and after a run each one is either rewritten or reported."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from codemods.core.files import decode
from codemods.core.notes import line_col
from codemods.swap_user import residual
from codemods.swap_user.main import main

from ..projects import git_init, write_project

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def expected_sites() -> list[tuple[str, int, int, str]]:
    sites = []
    for line in (HERE / "expected.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            where, kind = line.rsplit(": ", 1)
            path, row, col = where.rsplit(":", 2)
            sites.append((path, int(row), int(col), kind))
    return sites


def corpus_files() -> dict[str, bytes]:
    """The corpus as a project holds it: `x.py.txt` is `x.py` (kept out of linters and pytest here)."""
    out = {}
    for p in sorted(CORPUS.rglob("*")):
        if p.is_file():
            rel = p.relative_to(CORPUS).as_posix()
            out[rel[: -len(".txt")] if rel.endswith(".py.txt") else rel] = p.read_bytes()
    return out


def corpus_project(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "mini")
    for rel, data in corpus_files().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    git_init(root)
    return root


def test_scan_finds_every_spelling_at_its_place():
    found = []
    for path, data in corpus_files().items():
        text = decode(data, path.endswith(".py")).text
        for hit in residual.hits(path, text):
            found.append((path, *line_col(text, hit.offset), hit.kind))
    assert sorted(found) == sorted(expected_sites())


@pytest.mark.parametrize(
    "source, line, col",
    [
        ("from django.contrib.auth.models import User\n", 1, 40),
        ("from django.contrib.auth.models import *\n", 1, 40),
        ("from django.contrib.auth.models import (\n    Group,\n    User,\n)\n", 3, 5),
        ("import django.contrib.auth.models as m\nx = m.User\n", 2, 5),
        ("from django.contrib.auth import models as am\nx = am.User\n", 2, 5),
        ("from django.contrib import auth\nx = auth.models.User\n", 2, 5),
        ("from django.contrib import (\n    admin,\n    auth,\n)\nx = auth.models.User\n", 5, 5),
        ("import django.contrib.auth\nx = django.contrib.auth.models.User\n", 2, 5),
        ("import django.contrib.auth as a\nx = a.models.User\n", 2, 5),
        ("def f():\n    from django.contrib.auth import models\n    return models.User\n", 3, 12),
    ],
)
def test_each_import_alone_is_found(source, line, col):
    """Each alias on its own in a module (the text prefilter must let every one through to ast)."""
    assert [line_col(source, h.offset) for h in residual.hits("m.py", source)] == [(line, col)]


@pytest.mark.parametrize(
    "source",
    [
        "from django.db import models\nx = models.User\n",
        "from django.contrib.auth import get_user_model\nUser = get_user_model()\n",
        "from django.contrib.auth.models import Group, Permission\n",
        "class User:\n    pass\n\n\nx = User\n",
        "import django.contrib.admin\nx = django.contrib.admin.models.User\n",
    ],
)
def test_noop_other_users(source):
    assert residual.hits("m.py", source) == []


def test_python_that_does_not_parse_is_read_as_text():
    text = (HERE / "broken" / "legacy.py.txt").read_text()
    assert [(line_col(text, h.offset), h.kind) for h in residual.hits("legacy.py", text)] == [
        ((3, 40), "import")
    ]


def _removed_lines(diff: bytes) -> dict[str, set[int]]:
    """path -> the lines of the original file that the diff removes or changes."""
    removed: dict[str, set[int]] = {}
    path, old = None, 0
    for line in diff.decode("latin-1").split("\n"):
        if line.startswith("--- "):
            path = line[6:] if line.startswith("--- a/") else None
        elif line.startswith("@@ "):
            old = int(re.match(r"@@ -(\d+)", line).group(1))
        elif path and line.startswith("-"):
            removed.setdefault(path, set()).add(old)
            old += 1
        elif path and line.startswith(" "):
            old += 1
    return removed


def test_each_site_is_rewritten_or_reported(tmp_path, capsysbinary):
    root = corpus_project(tmp_path)
    assert main([str(root), "--diff"]) == 0
    diff = capsysbinary.readouterr().out
    assert main([str(root), "--dry-run", "--report", "json"]) == 0
    notes = json.loads(capsysbinary.readouterr().out)["notes"]

    removed = _removed_lines(diff)
    noted = {(n["path"], n["line"]) for n in notes}
    left = [s for s in expected_sites() if s[1] not in removed.get(s[0], ()) and s[:2] not in noted]
    assert left == []
    expected_lines = {s[:2] for s in expected_sites()}
    assert [
        n
        for n in notes
        if n["transform"] == "residual" and (n["path"], n["line"]) not in expected_lines
    ] == []
    docs = {n["path"] for n in notes if n["documentation"]}
    assert {"docs/setup.md", "docs/users.rst", "README.txt"} <= docs
    assert not docs & {"shop/spellings.py", "shop/templates/shop/links.html", "scripts/report.sql"}
    # The diff applies to the files as they are: encodings, BOMs and CRLF line endings are kept.
    (tmp_path / "change.diff").write_bytes(diff)
    subprocess.run(["git", "apply", "--check", str(tmp_path / "change.diff")], cwd=root, check=True)


def _description(err: str) -> str:
    line = [x for x in err.splitlines() if x.startswith("Pull-request description: ")][0]
    return Path(line.split(": ", 1)[1]).read_text()


def test_nothing_needs_a_person_only_when_the_scan_is_empty(tmp_path, capsys):
    clean = write_project(tmp_path / "clean")
    git_init(clean)
    assert main([str(clean)]) == 0
    text = _description(capsys.readouterr().err)
    assert "## Needs a person\n\nNothing: the tool changed every reference it found.\n" in text

    docs = write_project(
        tmp_path / "docs",
        extra={
            "docs/setup.md": 'Load users:\n\n    [{"model": "auth.user", "pk": 1}]\n',
        },
    )
    git_init(docs)
    assert main([str(docs), "--report", "json"]) == 0
    out, err = capsys.readouterr()
    text = _description(err)
    assert "Nothing: the tool changed every reference it found." not in text
    assert (
        "### Documentation that still names auth.User\n\n- [ ] `docs/setup.md:3` fixture row"
        in text
    )
    note = [n for n in json.loads(out)["notes"] if n["path"] == "docs/setup.md"]
    assert [(n["line"], n["col"], n["transform"], n["documentation"]) for n in note] == [
        (3, 17, "residual", True)
    ]
    assert "1 note needs a person" in err


def test_raw_sql_on_auth_user_is_information_not_a_task(tmp_path, capsys):
    root = write_project(
        tmp_path / "sql", extra={"scripts/active.sql": "SELECT count(*) FROM auth_user;\n"}
    )
    git_init(root)
    assert main([str(root)]) == 0
    err = capsys.readouterr().err
    assert "scripts/active.sql:1:22: info: raw SQL on the table auth_user" in err
    assert "need a person" not in err.splitlines()[-1]
    text = _description(err)
    assert "## Needs a person\n\nNothing: the tool changed every reference it found.\n" in text
    assert (
        "### For a later table rename (nothing to do now)\n\n- `scripts/active.sql:1` raw SQL"
        in text
    )


def test_noop_generated_app_is_not_scanned(tmp_path, capsys):
    """The new app names auth_user and ("auth", "user") by design (its adoption step); a second run on the result
    reports nothing there."""
    root = write_project(tmp_path / "mini")
    git_init(root)
    assert main([str(root)]) == 0
    capsys.readouterr()
    assert main([str(root), "--dry-run", "--report", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert [n for n in notes if n["transform"] == "residual"] == []
