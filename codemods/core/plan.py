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
    encodings: dict[str, str] = field(default_factory=dict)  # path -> codec of an edited file, when not UTF-8
    deletes: dict[str, bytes] = field(default_factory=dict)  # path -> the bytes of a file the change removes
    _written: bool = False

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
                old_lines, new_lines = _lines(self.encode(path, old)), _lines(self.encode(path, new))
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
        """Write every change or none: new contents go to temporary files first, then replace."""
        staged: list[tuple[Path, Path]] = []
        made_dirs: list[Path] = []
        try:
            for path in self.paths():
                target = self.root / path
                text = self.new_text(path)
                if text is None:  # a deletion: nothing to stage
                    continue
                parent = target.parent
                missing = []
                while not parent.exists():
                    missing.append(parent)
                    parent = parent.parent
                for d in reversed(missing):
                    d.mkdir()
                    made_dirs.append(d)
                fd, tmp = tempfile.mkstemp(prefix=".codemods-", dir=target.parent)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(self.encode(path, text))
                if target.exists():
                    os.chmod(tmp, target.stat().st_mode & 0o7777)
                else:
                    os.chmod(tmp, 0o644)
                staged.append((Path(tmp), target))
        except OSError as exc:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            for d in reversed(made_dirs):
                _rmdir_quiet(d)
            raise WriteError("could not stage %s: %s" % (exc.filename or "a file", exc.strerror or exc)) from exc
        done: list[Path] = []
        try:
            for tmp, target in staged:
                os.replace(tmp, target)
                done.append(target)
            for path in sorted(self.deletes):
                (self.root / path).unlink()
                done.append(self.root / path)
                _remove_empty_parents(self.root / path, self.root)
        except OSError as exc:
            self._restore(done)
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            for d in reversed(made_dirs):
                _rmdir_quiet(d)
            raise WriteError("could not write %s: %s" % (exc.filename or "a file", exc.strerror or exc)) from exc
        self._written = True

    def _restore(self, targets: list[Path]) -> None:
        for target in targets:
            rel = target.relative_to(self.root).as_posix()
            if rel in self.creates:
                target.unlink(missing_ok=True)
            elif rel in self.edits:
                target.write_bytes(self.encode(rel, self.edits[rel][0]))
            elif rel in self.deletes:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(self.deletes[rel])

    def revert(self, extra_created: list[str] = ()) -> None:
        """Put the tree back as it was before apply(), also removing files others created since."""
        self._restore([self.root / p for p in self.paths()])
        for rel in extra_created:
            (self.root / rel).unlink(missing_ok=True)
        dirs = {(self.root / p).parent for p in list(self.creates) + list(extra_created)}
        for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
            _remove_empty_parents(d / "-", self.root)
        self._written = False


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


def _rmdir_quiet(d: Path) -> None:
    try:
        d.rmdir()
    except OSError:
        pass


def _remove_pycache(d: Path) -> None:
    cache = d / "__pycache__"
    if cache.is_dir():
        for f in cache.iterdir():
            f.unlink(missing_ok=True)
        _rmdir_quiet(cache)
