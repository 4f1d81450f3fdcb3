"""Every change computed in memory first, shown as a diff, and written all or nothing."""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class WriteError(Exception):
    """Writing failed; the tree was put back as it was."""


@dataclass
class Plan:
    root: Path
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old text, new text)
    creates: dict[str, str] = field(default_factory=dict)  # path -> text of a new file
    encodings: dict[str, str] = field(
        default_factory=dict
    )  # path -> codec of an edited file, when not UTF-8
    deletes: dict[str, bytes] = field(
        default_factory=dict
    )  # path -> the bytes of a file the change removes
    moves: dict[str, str] = field(
        default_factory=dict
    )  # new path -> old path, for files moved (delete + create)
    # What apply() did, for revert(): temporary files not yet moved, files written, folders made, old modes.
    _staged: list[tuple[Path, Path]] = field(default_factory=list)
    _done: list[Path] = field(default_factory=list)
    _made_dirs: list[Path] = field(default_factory=list)
    _modes: dict[Path, int | None] = field(default_factory=dict)

    def edit(self, path: str, old: str, new: str, encoding: str = "utf-8") -> None:
        if path in self.edits:
            old = self.edits[path][0]
        if old == new:
            self.edits.pop(path, None)
            self.encodings.pop(path, None)
            return
        self.edits[path] = (old, new)
        if encoding != "utf-8":
            self.encodings[path] = encoding

    def encode(self, path: str, text: str) -> bytes:
        """The bytes of a file's text in its own encoding (its BOM included)."""
        return text.encode(self.encodings.get(path, "utf-8"))

    def create(self, path: str, text: str, encoding: str = "utf-8") -> None:
        self.creates[path] = text
        if encoding != "utf-8":
            self.encodings[path] = encoding

    def delete(self, path: str, old: bytes) -> None:
        """Remove a file (half of a move: create() names the new place)."""
        self.deletes[path] = old

    def move(
        self, old_path: str, old: bytes, new_path: str, text: str, encoding: str = "utf-8"
    ) -> None:
        """A file the change moves (its text possibly edited on the way)."""
        self.delete(old_path, old)
        self.create(new_path, text, encoding)
        self.moves[new_path] = old_path

    def new_text(self, path: str) -> str | None:
        if path in self.creates:
            return self.creates[path]
        if path in self.edits:
            return self.edits[path][1]
        return None

    @property
    def empty(self) -> bool:
        return not self.edits and not self.creates and not self.deletes

    def paths(self) -> list[str]:
        return sorted(set(self.edits) | set(self.creates) | set(self.deletes))

    def diff(self) -> bytes:
        """A unified diff of every change in git's format, new files included (`git apply` takes it).

        Bytes: each file in its own encoding, BOM and line endings, so that the patch applies to the files as
        they are.
        """
        chunks = []
        for path in self.paths():
            header = b"diff --git a/%s b/%s\n" % (path.encode(), path.encode())
            if path in self.creates:
                header += b"new file mode 100644\n"
                old_lines: list[bytes] = []
                new_lines = _lines(self.encode(path, self.creates[path]))
                a, b = b"/dev/null", b"b/" + path.encode()
            elif path in self.deletes:
                header += b"deleted file mode 100644\n"
                old_lines, new_lines = _lines(self.deletes[path]), []
                a, b = b"a/" + path.encode(), b"/dev/null"
            else:
                old, new = self.edits[path]
                old_lines, new_lines = _lines(self.encode(path, old)), _lines(
                    self.encode(path, new)
                )
                a, b = b"a/" + path.encode(), b"b/" + path.encode()
            lines = list(difflib.diff_bytes(difflib.unified_diff, old_lines, new_lines, a, b))
            for i, line in enumerate(lines):
                if not line.endswith(b"\n"):
                    lines[i] = line + b"\n\\ No newline at end of file\n"
            chunks.append(header + b"".join(lines))
        return b"".join(chunks)

    # -- writing ------------------------------------------------------------------------------
    def check_current(self) -> list[str]:
        """Paths whose content changed since the plan was computed (someone else wrote them)."""
        stale = []
        for path, (old, _) in self.edits.items():
            try:
                if (self.root / path).read_bytes() != self.encode(path, old):
                    stale.append(path)
            except OSError:
                stale.append(path)
        for path in self.creates:
            if (self.root / path).exists():
                stale.append(path)
        for path, data in self.deletes.items():
            try:
                if (self.root / path).read_bytes() != data:
                    stale.append(path)
            except OSError:
                stale.append(path)
        return stale

    def apply(self) -> None:
        """Write every change or none: new contents go to temporary files first, then replace.

        Whatever stops it (an OSError, Ctrl-C), what it wrote is put back before the exception leaves; revert()
        undoes a finished apply(), and is harmless after one that did not finish.
        """
        target = self.root
        try:
            for path in self.paths():
                target, text = self.root / path, self.new_text(path)
                if text is not None:  # a deletion has nothing to stage
                    self._stage(target, self.encode(path, text))
            for tmp, target in list(self._staged):
                self._modes[target] = target.stat().st_mode & 0o7777 if target.exists() else None
                self._done.append(
                    target
                )  # before the write: _restore() leaves a file that holds its old bytes
                os.replace(tmp, target)
                self._staged.remove((tmp, target))
            for path in sorted(self.deletes):
                target = self.root / path
                self._modes[target] = target.stat().st_mode & 0o7777
                self._done.append(target)
                target.unlink()
                _remove_empty_parents(target, self.root)
        except BaseException as exc:
            self.revert()
            if isinstance(exc, OSError):
                raise WriteError(
                    "could not write %s: %s"
                    % (target.relative_to(self.root).as_posix(), exc.strerror or exc)
                ) from exc
            raise

    def _stage(self, target: Path, data: bytes) -> None:
        missing = []
        parent = target.parent
        while not parent.exists():
            missing.append(parent)
            parent = parent.parent
        for d in reversed(missing):
            d.mkdir()
            self._made_dirs.append(d)
        fd, tmp = tempfile.mkstemp(prefix=".codemods-", dir=target.parent)
        self._staged.append((Path(tmp), target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o644)

    def revert(self) -> None:
        """Put back what apply() wrote, and only that: every file replaced, created or deleted, the folders it
        made, its temporary files. Tries every file; the first failure is raised at the end."""
        failures: list[OSError] = []
        for tmp, _ in self._staged:
            _try(failures, tmp.unlink, missing_ok=True)
        for target in reversed(self._done):
            _try(failures, self._restore, target)
        for d in reversed(self._made_dirs):
            _remove_pycache(d)
            _try(failures, _rmdir_if_empty, d)
        self._staged, self._done, self._made_dirs = [], [], []
        if failures:
            exc = failures[0]
            raise WriteError(
                "could not put back %s: %s" % (exc.filename or "a file", exc.strerror or exc)
            )

    def _restore(self, target: Path) -> None:
        rel = target.relative_to(self.root).as_posix()
        if rel in self.creates:
            target.unlink(missing_ok=True)
            return
        data = self.encode(rel, self.edits[rel][0]) if rel in self.edits else self.deletes[rel]
        if target.is_file() and target.read_bytes() == data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if self._modes.get(target) is not None:
            os.chmod(target, self._modes[target])


def _try(failures: list[OSError], action, *args, **kwargs) -> None:
    try:
        action(*args, **kwargs)
    except OSError as exc:
        failures.append(exc)


def _rmdir_if_empty(d: Path) -> None:
    if d.is_dir() and not any(d.iterdir()):
        d.rmdir()


def _lines(data: bytes) -> list[bytes]:
    """Lines as git sees them: split after each newline only, so \\r\\n stays whole and a form feed splits nothing."""
    return re.findall(rb"[^\n]*\n|[^\n]+$", data)


def _remove_empty_parents(path: Path, root: Path) -> None:
    """Remove the folders above path that are left empty (or hold only __pycache__), up to root."""
    d = path.parent
    while d != root and d.is_dir():
        _remove_pycache(d)
        if any(d.iterdir()):
            break
        d.rmdir()
        d = d.parent


def _remove_pycache(d: Path) -> None:
    cache = d / "__pycache__"
    if cache.is_dir():
        for f in cache.iterdir():
            f.unlink(missing_ok=True)
        try:
            cache.rmdir()
        except OSError:
            pass
