"""What still names auth's User after the rewrite: a final scan of every text file, independent of the
transforms, on the text the plan will write; and the files git leaves out of the change (untracked, ignored).
"""

from __future__ import annotations

import codecs
import difflib
from pathlib import Path, PurePosixPath
from typing import Iterable

from ..core import files as files_mod
from ..core.notes import Note, line_col
from ..core.plan import Plan
from ..core.project import Project
from ..core.runner import FileResult
from . import scan
from .preflight import NewApp

TRANSFORM = "residual"
INFO = "info"

# The text files the scan reads, by suffix (or name); what the regexes look for differs a little by kind.
_MARKUP = (files_mod.TEMPLATE_SUFFIXES - {".txt"}) | {
    ".js",
    ".mjs",
    ".cjs",
    ".jsx",
    ".ts",
    ".tsx",
    ".vue",
}
_DOCS = frozenset({".md", ".markdown", ".rst", ".adoc", ".txt"})
_OTHER = frozenset(
    {".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".env", ".sh", ".bash", ".zsh"}
)
_NAMES = frozenset({"makefile", "dockerfile", "procfile", "justfile", "vagrantfile"})
_DOC_DIRS = frozenset({"docs", "doc", "documentation"})
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_WHY_MODEL = 'after the swap it is no longer the user model (its queries fail with "Manager isn\'t available")'
MESSAGES = {
    scan.IMPORT: "`{found}` imports auth's User; "
    + _WHY_MODEL
    + "; use get_user_model() (settings.AUTH_USER_MODEL "
    "in model fields and signal senders)",
    scan.ATTRIBUTE: "`{found}` is auth's User; "
    + _WHY_MODEL
    + "; use get_user_model() (settings.AUTH_USER_MODEL "
    "in model fields and signal senders)",
    scan.LABEL: 'model label "{found}" names auth\'s User; after the swap that model is swapped out (relations to '
    "it fail with fields.E301, get_model() returns the wrong model); use settings.AUTH_USER_MODEL, or "
    '"{label}.User" where a literal is needed',
    scan.GET_MODEL: "`{found}` loads auth's User by name; after the swap it returns the swapped-out model; use "
    "get_user_model()",
    scan.MIGRATION_GET_MODEL: "`{found}` in a migration loads auth's User; after the swap every fresh and test "
    "database fails on it; use apps.get_model(settings.AUTH_USER_MODEL) and add "
    "migrations.swappable_dependency(settings.AUTH_USER_MODEL) to its dependencies",
    scan.PERMISSION: 'permission "{found}"; after the swap the user permissions belong to {label}, so this check '
    'is always False; write "{label}.{action}"',
    scan.ADMIN_URL: 'admin URL name "{found}"; after the swap the user admin\'s names are admin:{label}_user_*, '
    'so reversing it raises NoReverseMatch; write "admin:{label}_user_{suffix}"',
    scan.ADMIN_URL_BUILT: 'admin URL name built from "{found}"; after the swap the user admin\'s names are '
    'admin:{label}_user_* (only admin:auth_user_password_change stays); build it from "admin:{label}_user_"',
    scan.ADMIN_PATH: 'admin path "{found}"; after the swap the user admin is at /admin/{label}/user/, so this '
    'link is a 404; reverse "admin:{label}_user_changelist" (or admin:{label}_user_change), or write '
    "{label}/user/ here",
    scan.CONTENT_TYPE: 'content type looked up as ("auth", "user") in `{found}`; after the swap the user content '
    'type is ("{label}", "user") (same id), so this finds nothing or makes a stale auth | user row; use '
    'ContentType.objects.get_for_model(get_user_model()), or the app label "{label}"',
    scan.FIXTURE: 'fixture row "{found}"; after the swap loaddata writes it through auth\'s swapped-out User '
    '(it fails on groups and user_permissions, and after a table rename); write "{label}.user"',
    scan.SQL: "raw SQL on the table auth_user; {label}.User keeps this table (Meta.db_table = "
    '"auth_user"), so it works after the swap; nothing to do now, but change it if you later rename the table',
}
LEFT_OUT = {
    "untracked": "untracked file (not in git), not changed: it names auth's User ({what}, line {line}{more}); the "
    "tool rewrites only the files git tracks; add it to git and run the tool again, or change it by hand",
    "ignored": "file ignored by git, not changed: it names auth's User ({what}, line {line}{more}); the tool "
    "rewrites only the files git tracks; where it is used (local settings, scripts), change it by hand",
}


def needs_person(notes: Iterable[Note]) -> list[Note]:
    """The notes a person must act on (information for later is not one)."""
    return [n for n in notes if n.severity != INFO]


def is_documentation(path: str) -> bool:
    """Docs folders, READMEs, Markdown/reST/text files (but a template's .txt)."""
    p = PurePosixPath(path)
    if _DOC_DIRS.intersection(p.parts[:-1]) or p.name.upper().startswith("README"):
        return True
    return p.suffix.lower() in _DOCS and not (
        p.suffix.lower() == ".txt" and "templates" in p.parts[:-1]
    )


def _kind(path: str) -> str | None:
    """How a file is scanned: python, markup (labels only quoted), sql, text; None when it is not read."""
    p = PurePosixPath(path)
    suffix = p.suffix.lower()
    if suffix in (".py", ".pyi"):
        return "python"
    if files_mod.MIGRATION_DIRS.intersection(p.parts[:-1]):
        return None  # historical migrations name auth by right; only their Python is read
    if suffix == ".sql":
        return "sql"
    if suffix in _MARKUP or (suffix == ".txt" and "templates" in p.parts[:-1]):
        return "markup"
    name = p.name.lower()
    if (
        suffix in _DOCS
        or suffix in _OTHER
        or name in _NAMES
        or name.startswith((".env", "dockerfile"))
    ):
        return "text"
    return None


def hits(path: str, text: str) -> list[scan.Hit]:
    """The scan's hits in one file's text, by the file's kind."""
    kind = _kind(path)
    if kind == "python":
        migration = bool(files_mod.MIGRATION_DIRS.intersection(PurePosixPath(path).parts[:-1]))
        found = scan.python_hits(text, migration)
        if found is not None or migration:
            return found or []
        kind = "text"  # it does not parse: read it as text
    if kind is None:
        return []
    return scan.text_hits(text, quoted_labels_only=kind == "markup", sql_file=kind == "sql")


def _read(root: Path, path: str) -> str | None:
    """The file's text when it may hold a hit (every hit spells "auth"), else None; read as core.files reads."""
    try:
        if (root / path).stat().st_size > files_mod.MAX_BYTES:
            return None
        data = (root / path).read_bytes()
    except OSError:
        return None
    if b"auth" not in data and not data.startswith(_UTF16):
        return None
    source = files_mod.decode(data, path.endswith(".py"))
    return source.text if source is not None else None


def _message(hit: scan.Hit, label: str) -> str:
    suffix = action = ""
    if hit.kind == scan.ADMIN_URL:
        suffix = hit.text.rpartition("auth_user_")[2]
    if hit.kind == scan.PERMISSION:
        action = hit.text.rpartition(".")[2]
    return MESSAGES[hit.kind].format(
        found=_short(hit.text), label=label, action=action, suffix=suffix
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


class _OldLines:
    """Maps a place in the new text to the same place in the original (notes point into the files as they are,
    like the transforms' notes)."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old.split("\n"), new.split("\n")
        self._opcodes: list[tuple[str, int, int, int, int]] | None = None

    @property
    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """The line diff, made the first time a place is asked for (most files hold nothing to place)."""
        if self._opcodes is None:
            matcher = difflib.SequenceMatcher(None, self.old, self.new, autojunk=False)
            self._opcodes = matcher.get_opcodes()
        return self._opcodes

    def __call__(self, line: int, col: int, found: str) -> tuple[int, int]:
        n = line - 1
        for tag, i1, i2, j1, j2 in self.opcodes:
            if j1 <= n < j2:
                if tag == "equal":
                    return i1 + n - j1 + 1, col
                i = i1 + min(n - j1, max(i2 - i1 - 1, 0))
                return i + 1, self._column(
                    self.old[i] if i < len(self.old) else "", self.new[n], col, found
                )
        return line, col

    @staticmethod
    def _column(old: str, new: str, col: int, found: str) -> int:
        """On a line the rewrite changed: where the old line has the same occurrence of what was found."""
        nth = new.count(found, 0, col - 1)
        at = -1
        for _ in range(nth + 1):
            at = old.find(found, at + 1)
            if at < 0:
                return col
        return at + 1


def residual_notes(
    project: Project, app: NewApp, plan: Plan, results: list[FileResult], notes: list[Note]
) -> list[Note]:
    """A note for every reference to auth's User the rewritten project still holds, but where a transform's
    note already stands (same file and line); files are read once, sharing what the runner read."""
    read = {r.path: r.old_text for r in results}
    noted = {(n.path, n.line) for n in notes}
    app_dir = project.rel(app.folder)
    out = []
    for path in sorted(set(project.listing.files) | set(plan.creates)):
        if path in plan.deletes or _inside(path, app_dir) or _kind(path) is None:
            continue
        if path in plan.creates:
            old = new = plan.creates[path]
        elif path in plan.edits:
            old, new = plan.edits[path]
        else:
            old = new = read[path] if path in read else _read(project.root, path)
        if new is None:
            continue
        where = _OldLines(old, new) if old != new else None
        for hit in hits(path, new):
            line, col = line_col(new, hit.offset)
            if where is not None:
                line, col = where(line, col, hit.text)
            if (path, line) in noted:
                continue
            out.append(
                Note(
                    path,
                    line,
                    col,
                    _message(hit, app.label),
                    TRANSFORM,
                    INFO if hit.kind == scan.SQL else "note",
                    hit.docstring or is_documentation(path),
                )
            )
    return out


def left_out_notes(project: Project, app: NewApp) -> list[Note]:
    """A note for each file git leaves out of the change (untracked or ignored) that names auth's User."""
    app_dir = project.rel(app.folder)
    out = []
    for why, paths in (
        ("untracked", project.listing.untracked),
        ("ignored", files_mod.ignored_files(project.root, project.listing)),
    ):
        for path in paths:
            if _inside(path, app_dir) or _kind(path) is None:
                continue
            text = _read(project.root, path)
            found = [h for h in hits(path, text) if h.kind != scan.SQL] if text is not None else []
            if not found:
                continue
            line, col = line_col(text, found[0].offset)
            more = " and %d more" % (len(found) - 1) if len(found) > 1 else ""
            message = LEFT_OUT[why].format(what=_short(found[0].text), line=line, more=more)
            out.append(Note(path, line, col, message, why, documentation=is_documentation(path)))
    return out


def _inside(path: str, folder: str) -> bool:
    return folder not in ("", ".") and (path == folder or path.startswith(folder + "/"))
