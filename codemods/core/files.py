"""Which files of a project the tool may read, and what role each one plays."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import tokenize
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "site-packages",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "build",
        "dist",
        "htmlcov",
        ".eggs",
        "bower_components",
        "staticfiles",
    }
)
MIGRATION_DIRS = frozenset({"migrations", "db_migrations"})
TEMPLATE_SUFFIXES = frozenset(
    {".html", ".htm", ".txt", ".jinja", ".jinja2", ".j2", ".tmpl", ".tpl", ".xml", ".email", ".djhtml"}
)
FIXTURE_SUFFIXES = frozenset({".json", ".yaml", ".yml"})
MAX_BYTES = 5 * 1024 * 1024

PYTHON = "python"
MIGRATION = "migration"
SETTINGS = "settings"
TEMPLATE = "template"
FIXTURE = "fixture"


@dataclass(frozen=True)
class SourceFile:
    """A file of the project: its path relative to the root (POSIX) and its role."""

    path: str
    role: str

    @property
    def parts(self) -> tuple[str, ...]:
        return PurePosixPath(self.path).parts


def role_of(rel_path: str, settings_paths: frozenset[str] = frozenset()) -> str | None:
    """The role of a file from its path alone, or None when the tool never reads it."""
    p = PurePosixPath(rel_path)
    suffix = p.suffix.lower()
    if suffix == ".py":
        if rel_path in settings_paths:
            return SETTINGS
        if MIGRATION_DIRS.intersection(p.parts[:-1]):
            return MIGRATION
        return PYTHON
    if MIGRATION_DIRS.intersection(p.parts[:-1]):
        return None
    if suffix in TEMPLATE_SUFFIXES:
        return TEMPLATE
    if suffix in FIXTURE_SUFFIXES:
        return FIXTURE
    return None


def _git_files(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files under root, or None outside a git work tree."""
    try:
        proc = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=root,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    names = [n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(set(names))


def _is_virtualenv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _walk_files(root: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIP_DIRS and not d.endswith(".egg-info") and not _is_virtualenv(here / d)
        )
        for name in filenames:
            found.append((here / name).relative_to(root).as_posix())
    return sorted(found)


def list_files(root: Path) -> list[str]:
    """Every file the tool may read, relative to root; never leaves root, never follows a symlink out."""
    names = _git_files(root)
    if names is None:
        names = _walk_files(root)
    kept = []
    for rel in names:
        parts = PurePosixPath(rel).parts
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in parts[:-1]):
            continue
        path = root / rel
        if path.is_symlink() or not path.is_file():
            continue
        kept.append(rel)
    return kept


def project_files(
    root: Path, settings_paths: frozenset[str] = frozenset(), listing: list[str] | None = None
) -> list[SourceFile]:
    """The project's files with a role, in a stable order (listing: list_files(root), when the caller has it)."""
    out = []
    for rel in list_files(root) if listing is None else listing:
        role = role_of(rel, settings_paths)
        if role is None:
            continue
        try:
            if (root / rel).stat().st_size > MAX_BYTES:
                continue
        except OSError:
            continue
        out.append(SourceFile(rel, role))
    return out


@dataclass(frozen=True)
class Source:
    """A file's text and the codec that writes it back byte for byte (`utf-8-sig` keeps a BOM)."""

    text: str
    encoding: str = "utf-8"

    def encode(self, text: str | None = None) -> bytes:
        return (self.text if text is None else text).encode(self.encoding)


# UTF-16 is decoded with its BOM kept as a character, so that encoding the text gives back the same bytes.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, python: bool) -> Source | None:
    """Decode a file the way its reader does, or None when it cannot be decoded.

    Python files as the interpreter reads them (a BOM, else the PEP 263 coding line, else UTF-8). Other text
    files: a BOM, else UTF-8, else Latin-1, which maps every byte to one character and back, so that an edit of
    ASCII text (all the tool ever writes) keeps every other byte of a file in any 8-bit encoding.
    """
    if python:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:
            return None
    else:
        encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return Source(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        if python or encoding != "utf-8":
            return None
        return Source(data.decode("latin-1"), "latin-1")


def read_source(root: Path, rel: str) -> Source | None:
    """The file's text and encoding, or None when it cannot be read or decoded."""
    try:
        data = (root / rel).read_bytes()
    except OSError:
        return None
    return decode(data, rel.endswith(".py"))


def read_text(root: Path, rel: str) -> str | None:
    """The file as text (see decode), or None when it cannot be read or decoded."""
    source = read_source(root, rel)
    return source.text if source is not None else None
