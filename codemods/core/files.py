"""Which files of a project the tool may read, and what role each one plays."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import tokenize
from dataclasses import dataclass, field
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
    {
        ".html",
        ".htm",
        ".txt",
        ".jinja",
        ".jinja2",
        ".j2",
        ".tmpl",
        ".tpl",
        ".xml",
        ".email",
        ".djhtml",
    }
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


@dataclass(frozen=True)
class Listing:
    """The files under a root: those the tool reads and may rewrite, and those git leaves out of the change."""

    files: list[str]  # tracked by git; outside a git work tree, every file
    untracked: list[str] = field(
        default_factory=list
    )  # git tracks and ignores neither: not the project's yet
    ignored: list[str] = field(
        default_factory=list
    )  # what git ignores, an ignored folder as "name/" (see ignored_files)

    @property
    def found(self) -> list[str]:
        """Every file that is not ignored, to discover the project (manage.py, settings) from."""
        return sorted(self.files + self.untracked)


def _git(root: Path, *args: str) -> str | None:
    """A git command's output, or None outside a git work tree."""
    try:
        # GIT_OPTIONAL_LOCKS=0: reading the listing must never refresh and rewrite the user's index.
        proc = subprocess.run(
            ["git", *args],
            cwd=root,
            capture_output=True,
            timeout=60,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.decode("utf-8", "surrogateescape") if proc.returncode == 0 else None


def _git_others(root: Path) -> tuple[list[str], list[str]]:
    """Untracked files, and ignored files and folders, under root and relative to it.

    git status lists the files of an untracked folder one by one (it never enters an ignored folder within), and an
    ignored folder once, without reading it: a virtualenv or node_modules costs nothing.
    """
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    out = (
        _git(
            root,
            "status",
            "--porcelain=v1",
            "-z",
            "--ignored=matching",
            "--untracked-files=all",
            "--ignore-submodules=all",
            "--",
            ".",
        )
        or ""
    )
    untracked, ignored = [], []
    entries = iter(out.split("\0"))
    for entry in entries:
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            next(entries, None)  # a rename's or copy's old path follows
        if status in ("??", "!!") and path.startswith(
            prefix
        ):  # paths are relative to the repository's top
            (untracked if status == "??" else ignored).append(path[len(prefix) :])
    return sorted(untracked), sorted(ignored)


def _is_virtualenv(path: Path) -> bool:
    return (path / "pyvenv.cfg").is_file()


def _skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


def _walk_files(root: Path, top: str = "") -> list[str]:
    """Files under root/top, never in a virtualenv, a cache or another skipped folder."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root / top, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not _skipped_dir(d) and not _is_virtualenv(here / d)
        )
        for name in filenames:
            found.append((here / name).relative_to(root).as_posix())
    return sorted(found)


def _expand(root: Path, names: list[str]) -> list[str]:
    """Names with each folder ("name/") replaced by its files, but skipped folders and virtualenvs."""
    out = []
    for name in names:
        if not name.endswith("/"):
            out.append(name)
        elif not _skipped_dir(PurePosixPath(name).name) and not _is_virtualenv(root / name):
            out.extend(_walk_files(root, name))
    return out


def _kept(root: Path, names: list[str]) -> list[str]:
    """Regular files outside skipped folders and virtualenvs; never a symlink (it may lead out of root)."""
    venvs = tuple(
        n[: -len("pyvenv.cfg")] for n in names if n.endswith("/pyvenv.cfg")
    )  # "env/": its folder
    kept = []
    for rel in names:
        if any(_skipped_dir(part) for part in rel.split("/")[:-1]) or (
            venvs and rel.startswith(venvs)
        ):
            continue
        path = root / rel
        if path.is_symlink() or not path.is_file():
            continue
        kept.append(rel)
    return kept


def list_files(root: Path) -> Listing:
    """The files under root, relative to it; never leaves root, never follows a symlink out."""
    tracked = _git(root, "ls-files", "-z", "--cached", "--", ".")
    if tracked is None:
        return Listing(_kept(root, _walk_files(root)))
    untracked, ignored = _git_others(root)
    return Listing(
        _kept(root, sorted({n for n in tracked.split("\0") if n})), _kept(root, untracked), ignored
    )


def ignored_files(root: Path, listing: Listing) -> list[str]:
    """The files git ignores (none outside git), never inside a virtualenv or a cache."""
    return _kept(root, _expand(root, listing.ignored))


def project_files(
    root: Path, settings_paths: frozenset[str] = frozenset(), listing: list[str] | None = None
) -> list[SourceFile]:
    """The project's files with a role, in a stable order (listing: list_files(root).files, when the caller has it)."""
    out = []
    for rel in list_files(root).files if listing is None else listing:
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
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
